"""Paragraphs no reachable situation shows: a paragraph of a `text:` or `feedback:`
written as a list whose `if:` holds in none of the situations in which it could be shown
(the exploration's states). Which paragraphs are shown is asked of the engine."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from game.content.conditions import to_text
from game.content.models import Paragraph, Scenario
from game.content.wording import describe
from game.engine import PlayState, ScenarioLoop, advance, enabled_choices, paragraph_shown

Where = tuple[str | int, ...]
"""Where a paragraph is in the file: `("scenes", "opening", "text", 1)`."""


@dataclass(frozen=True)
class UnshownParagraph:
    """A paragraph never shown: where it is, in the file and in words, and its `if:`."""

    where: Where
    place: str
    condition: str
    text: str


def _conditional(where: Where, passage: object) -> dict[Where, Paragraph]:
    if not isinstance(passage, tuple):
        return {}
    return {
        (*where, i): p
        for i, p in enumerate(passage)
        if isinstance(p, Paragraph) and p.condition is not None
    }


def conditional_paragraphs(scenario: Scenario) -> dict[Where, Paragraph]:
    """Every paragraph with an `if:`, by where it is in the file."""
    found: dict[Where, Paragraph] = {}
    for scene_id, scene in scenario.scenes.items():
        found |= _conditional(("scenes", scene_id, "text"), scene.text)
        for n, choice in enumerate(scene.choices or ()):
            found |= _conditional(("scenes", scene_id, "choices", n, "feedback"), choice.feedback)
    for ending_id, end in scenario.endings.items():
        found |= _conditional(("endings", ending_id, "text"), end.text)
    return found


def unshown_paragraphs(scenario: Scenario, states: Iterable[PlayState]) -> list[UnshownParagraph]:
    """The paragraphs with an `if:` that none of `states` (every reachable state, as the
    exploration found them) shows, where the text they belong to is shown at all (a scene
    or ending never reached, a choice never taken, is reported as such)."""
    waiting = conditional_paragraphs(scenario)
    if not waiting:
        return []
    containers: dict[Where, list[Where]] = {}
    for where in waiting:
        containers.setdefault(where[:-1], []).append(where)
    seen: set[Where] = set()

    def look(container: Where, state: PlayState) -> None:
        if container not in containers:
            return
        seen.add(container)
        values, flags = state.meter_values, state.flags
        for where in containers[container]:
            if where in waiting and paragraph_shown(waiting[where], values, flags):
                del waiting[where]

    for state in states:
        if not waiting:
            break
        if state.ended:
            look(("endings", state.scene, "text"), state)
            continue
        look(("scenes", state.scene, "text"), state)
        for number, choice in enabled_choices(scenario, state):
            container = ("scenes", state.scene, "choices", number - 1, "feedback")
            if container not in containers:
                continue
            try:  # a feedback paragraph is decided after the choice's effects
                after = advance(scenario, state, choice, number, record=False)
            except ScenarioLoop:
                continue
            look(container, after)
    return [
        UnshownParagraph(
            where,
            describe(where),
            to_text(paragraph.condition) if paragraph.condition is not None else "",
            " ".join(paragraph.text.split()),
        )
        for where, paragraph in waiting.items()
        if where[:-1] in seen
    ]


def shown_where(scenario: Scenario, state: PlayState) -> set[Where]:
    """The paragraphs with an `if:` that `state` shows: of its scene's text, or of its
    ending's text (for the coverage of random playthroughs)."""
    if state.ended:
        where: Where = ("endings", state.scene, "text")
        passage = scenario.endings[state.scene].text
    else:
        where, passage = ("scenes", state.scene, "text"), scenario.scenes[state.scene].text
    return _holding(where, passage, state)


def feedback_where(scenario: Scenario, scene: str, number: int, after: PlayState) -> set[Where]:
    """The feedback paragraphs with an `if:` of choice `number` of `scene` shown in
    `after`, the state the choice led to."""
    choice = (scenario.scenes[scene].choices or ())[number - 1]
    return _holding(("scenes", scene, "choices", number - 1, "feedback"), choice.feedback, after)


def _holding(where: Where, passage: object, state: PlayState) -> set[Where]:
    values, flags = state.meter_values, state.flags
    return {w for w, p in _conditional(where, passage).items() if paragraph_shown(p, values, flags)}
