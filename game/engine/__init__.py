"""Engine: the pure rules of play (state, available choices, applying a choice, endings).

The only place that decides which choices are enabled and where a route goes."""

from game.engine.paragraphs import all_text, paragraph_shown, shown_paragraphs, shown_text
from game.engine.rules import (
    AvailableChoice,
    ChoiceRefused,
    ScenarioLoop,
    advance,
    apply_choice,
    available_choices,
    carry_over,
    choice_at,
    current_scene,
    enabled,
    enabled_choices,
    ending,
    needs,
    replay,
    route,
    shown_choice,
    start,
)
from game.engine.state import PlayState

__all__ = [
    "AvailableChoice",
    "ChoiceRefused",
    "PlayState",
    "ScenarioLoop",
    "advance",
    "all_text",
    "apply_choice",
    "available_choices",
    "carry_over",
    "choice_at",
    "current_scene",
    "enabled",
    "enabled_choices",
    "ending",
    "needs",
    "paragraph_shown",
    "replay",
    "route",
    "shown_choice",
    "shown_paragraphs",
    "shown_text",
    "start",
]
