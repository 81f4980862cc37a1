"""Engine: the pure rules of play (state, available choices, applying a choice, endings)."""

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
    ending,
    replay,
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
    "apply_choice",
    "available_choices",
    "carry_over",
    "choice_at",
    "current_scene",
    "ending",
    "replay",
    "shown_choice",
    "start",
]
