"""What would have changed an ending: the earliest choice on a path where another choice
that could be taken leads, by the shortest continuation, to a different ending.

Exact, not sampled: from the state before each choice of the path (earliest first), a
search over the scenario's states, starting from every other choice that was enabled
there, finds the nearest state that is a different ending. Its first move and the moves
after it are the answer. The search is A*: it tries first the states whose scene is
fewest choices away from another ending on the map of scenes (a bound that never says
more than it really takes, so the answer is still a shortest one), and never walks on
from a scene from which no other ending can be reached at all.

The states and their moves live in the scenario's `StateGraph`, kept between calls; so
do the states from which a search found no different ending (no later search walks them
again) and each answer found. The rules (which choices are enabled, where they lead) are
asked of the engine.
"""

from __future__ import annotations

import gc
import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from game.analysis.explore import DEFAULT_MAX_STATES, Step
from game.analysis.state_graph import INFINITY, Found, StateGraph, graph_of
from game.content.models import Scenario
from game.engine import ScenarioLoop, advance, enabled
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
    graph = graph_of(scenario)
    try:
        with graph.lock:
            if graph.full():
                graph.clear()
            return _earliest(graph, played, final.scene, max_states)
    finally:
        if paused:
            gc.enable()


ROOT = -1
"""In a search's links back: the state the search started from."""


def could_not_choose(
    scenario: Scenario, played: Record, reached: str, max_states: int = DEFAULT_MAX_STATES
) -> tuple[int, int, str] | None:
    """The latest choice on the path that was shown but could not be taken (greyed out)
    and that, had it been open, could have led on to an ending other than `reached`: its
    step (from 0), its number and that ending; None when there is none (or the searches
    together would visit more than `max_states` states)."""
    graph = graph_of(scenario)
    budget = [max_states]
    with graph.lock:
        for move, before in reversed(list(zip(played.moves, played.states, strict=False))):
            choices = scenario.scenes[move.scene].choices or ()
            for number, choice in enumerate(choices, start=1):
                if choice.hidden or enabled(choice, before.meter_values, before.flags):
                    continue
                try:
                    after = advance(scenario, before, choice, number, record=False)
                except ScenarioLoop:
                    continue
                if after.ended:
                    other = after.scene if after.scene != reached else None
                else:
                    found = _search(graph, graph.node(after), 0, reached, budget)
                    other = found[2] if found is not None else None
                if other is not None:
                    return move.step, number, other
                if budget[0] <= 0:
                    return None
    return None


def _earliest(
    graph: StateGraph, played: Record, reached: str, max_states: int
) -> tuple[Alternative | None, bool]:
    scenario = graph.scenario
    budget = [max_states]
    for move, before in zip(played.moves, played.states, strict=False):
        asked = (graph.node(before), move.number, reached)
        if asked in graph.answers:
            found = graph.answers[asked]
        else:
            found = _search(graph, *asked, budget)
            if budget[0] > 0:  # a search cut short is not an answer
                graph.answers[asked] = found
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
    graph: StateGraph, before: int, taken: int, reached: str, budget: list[int]
) -> Found | None:
    """A* from each other choice that can be taken at `before`: the nearest state that
    is an ending other than `reached`, and the way there."""
    dead = graph.dead.setdefault(reached, set())
    if before in dead:
        return None
    bound = graph.fewest_moves(reached)
    keys = graph.keys
    parent: dict[int, tuple[int, int]] = {}  # state: (the state before it, choice number)
    depth: dict[int, int] = {}
    queue: list[tuple[int, int, int, int]] = []  # (at least, -depth, order, state)
    starts = [(number, target) for number, target in graph.moves_from(before) if number != taken]
    _push(starts, ROOT, 1, parent, depth, queue, dead, bound, keys)
    while queue:
        _, minus, _, node = heapq.heappop(queue)
        if -minus != depth[node]:
            continue  # reached again by a shorter way since: already walked from there
        if keys[node][3]:
            return _answer(graph, before, parent, node)
        budget[0] -= 1
        if budget[0] <= 0:
            return None
        moves = graph.moves_from(node)
        _push(moves, node, depth[node] + 1, parent, depth, queue, dead, bound, keys)
    dead.update(parent)  # nothing from any of these states ends differently
    return None


def _push(
    moves: Sequence[tuple[int, int]],
    here: int,
    steps: int,
    parent: dict[int, tuple[int, int]],
    depth: dict[int, int],
    queue: list[tuple[int, int, int, int]],
    dead: set[int],
    bound: dict[str, int],
    keys: Sequence[tuple[str, object, object, bool]],
) -> None:
    """Queue the states `moves` lead to from `here`, `steps` choices from the start of
    the search, when that is the shortest way to them yet."""
    for number, target in moves:
        if target in dead or depth.get(target, INFINITY) <= steps:
            continue
        depth[target] = steps
        parent[target] = (here, number)
        left = bound.get(keys[target][0], INFINITY)
        if left < INFINITY:  # else no other ending is reachable from its scene at all
            heapq.heappush(queue, (steps + left, -steps, len(parent), target))


def _answer(
    graph: StateGraph, before: int, parent: dict[int, tuple[int, int]], found: int
) -> Found:
    steps: list[Step] = []
    node = found
    while node != ROOT:
        previous, number = parent[node]
        here = before if previous == ROOT else previous
        steps.append(_step(graph.scenario, graph.keys[here][0], number))
        node = previous
    steps.reverse()
    return steps[0], tuple(steps[1:]), graph.keys[found][0]


def _step(scenario: Scenario, scene: str, number: int) -> Step:
    text = (scenario.scenes[scene].choices or ())[number - 1].text
    return Step(scene, number, " ".join(text.split()))
