"""What would have changed an ending: the earliest choice on a path where another choice
that could be taken leads, by the shortest continuation, to a different ending.

Exact, not sampled: from the state before each choice of the path (earliest first), a
breadth-first search over the scenario's states, starting from every other choice that
was enabled there, stops at the nearest state that is a different ending. Its first move
and the moves after it are the answer. States from which a search found no different
ending are remembered, so a later search does not walk them again. The rules (which
choices are enabled, where they lead) are asked of the engine.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from game.analysis.explore import DEFAULT_MAX_STATES, Key, Step
from game.content.models import Choice, Scenario
from game.engine import PlayState, ScenarioLoop, advance, enabled_choices
from game.engine.record import Record, record


@dataclass(frozen=True)
class Alternative:
    """At choice `step` (from 0) of the path, in scene `scene`, take `choice` instead of
    `instead_of`, then `continuation`, and the scenario ends in `ending` (its title
    `ending_title`) rather than the one reached."""

    step: int
    scene: str
    instead_of: Step
    choice: Step
    continuation: tuple[Step, ...]
    ending: str
    ending_title: str


def what_would_change(
    scenario: Scenario,
    path: Sequence[tuple[str, int]] | Record,
    max_states: int = DEFAULT_MAX_STATES,
) -> Alternative | None:
    """The earliest change of choice on `path` (or a record of it) that leads to another
    ending, with the shortest way on from there; None when no choice on the path could
    have changed the ending, when the path does not reach an ending (or no longer fits
    the scenario), or when the searches together would visit more than `max_states`
    states (`search_change` tells that case apart)."""
    return search_change(scenario, path, max_states)[0]


def search_change(
    scenario: Scenario,
    path: Sequence[tuple[str, int]] | Record,
    max_states: int = DEFAULT_MAX_STATES,
) -> tuple[Alternative | None, bool]:
    """As `what_would_change`, and whether the search was complete (False: it stopped
    after `max_states` states without an answer)."""
    played = path if isinstance(path, Record) else record(scenario, path)
    final = played.final if played.states else None
    if final is None or not played.fits or not final.ended:
        return None, True
    # As in the exploration: the states searched all live until the end, so the cycle
    # collector would only rescan them.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _earliest(scenario, played, final.scene, max_states)
    finally:
        if paused:
            gc.enable()


def _earliest(
    scenario: Scenario, played: Record, reached: str, max_states: int
) -> tuple[Alternative | None, bool]:
    dead: set[Key] = set()
    budget = [max_states]
    for move, before in zip(played.moves, played.states, strict=False):
        found = _search(scenario, before, move.number, reached, dead, budget)
        if found is not None:
            first, rest, ending_id = found
            alternative = Alternative(
                move.step,
                move.scene,
                _step(scenario, move.scene, move.number),
                first,
                rest,
                ending_id,
                scenario.endings[ending_id].title,
            )
            return alternative, True
        if budget[0] <= 0:
            return None, False
    return None, True


def _search(
    scenario: Scenario,
    before: PlayState,
    taken: int,
    reached: str,
    dead: set[Key],
    budget: list[int],
) -> tuple[Step, tuple[Step, ...], str] | None:
    """Breadth-first from each other enabled choice at `before`, in the order written."""
    parent: dict[Key, tuple[Key | None, str, int]] = {}
    queue: deque[tuple[Key, PlayState]] = deque()
    for number, choice in enabled_choices(scenario, before):
        if number == taken:
            continue
        found = _visit(scenario, before, number, choice, None, parent, queue, dead, reached)
        if found is not None:
            return _answer(scenario, parent, found)
    while queue:
        key, state = queue.popleft()
        budget[0] -= 1
        if budget[0] <= 0:
            return None
        for number, choice in enabled_choices(scenario, state):
            found = _visit(scenario, state, number, choice, key, parent, queue, dead, reached)
            if found is not None:
                return _answer(scenario, parent, found)
    dead.update(parent)  # nothing from any of these states ends differently
    return None


def _visit(
    scenario: Scenario,
    state: PlayState,
    number: int,
    choice: Choice,
    key: Key | None,
    parent: dict[Key, tuple[Key | None, str, int]],
    queue: deque[tuple[Key, PlayState]],
    dead: set[Key],
    reached: str,
) -> Key | None:
    """Take one choice; the new state's key when it is a different ending."""
    try:
        after = advance(scenario, state, choice, number, record=False)
    except ScenarioLoop:
        return None
    new: Key = (after.scene, after.meters, after.flags, after.ended)
    if new in parent or new in dead:
        return None
    parent[new] = (key, state.scene, number)
    if after.ended:
        return new if after.scene != reached else None
    queue.append((new, after))
    return None


def _answer(
    scenario: Scenario, parent: dict[Key, tuple[Key | None, str, int]], found: Key
) -> tuple[Step, tuple[Step, ...], str]:
    steps: list[Step] = []
    key: Key | None = found
    while key is not None:
        previous, scene, number = parent[key]
        steps.append(_step(scenario, scene, number))
        key = previous
    steps.reverse()
    return steps[0], tuple(steps[1:]), found[0]


def _step(scenario: Scenario, scene: str, number: int) -> Step:
    text = (scenario.scenes[scene].choices or ())[number - 1].text
    return Step(scene, number, " ".join(text.split()))
