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
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from game.analysis.explore import DEFAULT_MAX_STATES, Step
from game.analysis.state_graph import INFINITY, Found, StateGraph, graph_of
from game.content.models import Scenario
from game.engine import PlayState, ScenarioLoop, advance, enabled
from game.engine.record import Move, Record, record


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
    earliest, _, complete = search_changes(scenario, path, max_states, latest=False)
    return earliest, complete


def search_changes(
    scenario: Scenario,
    path: Sequence[tuple[str, int]] | Record,
    max_states: int = DEFAULT_MAX_STATES,
    *,
    latest: bool = True,
) -> tuple[Alternative | None, Alternative | None, bool]:
    """The earliest change of choice on the path that leads to another ending (as
    `what_would_change`), the latest one, worked out exactly the same way from the last
    choice backwards (None unless `latest`; the earliest one again when it is the only
    one), and whether the searches were complete."""
    played = path if isinstance(path, Record) else record(scenario, path)
    final = played.final if played.states else None
    if final is None or not played.fits or not final.ended:
        return None, None, True
    # As in the exploration: the states searched all live until the end, so the cycle
    # collector would only rescan them.
    paused = gc.isenabled()
    gc.disable()
    graph = graph_of(scenario)
    try:
        with graph.lock:
            if graph.full():
                graph.clear()
            budget = [max_states]
            steps = list(zip(played.moves, played.states, strict=False))
            first, complete = _first(graph, steps, final.scene, budget)
            if not latest or first is None or not complete:
                return first, None, complete
            last, done = _first(graph, steps[::-1], final.scene, budget)
            return first, last if done else None, True
    finally:
        if paused:
            gc.enable()


ROOT = -1
"""In a search's links back: the state the search started from."""


def could_not_choose(
    scenario: Scenario, played: Record, reached: str, max_states: int = DEFAULT_MAX_STATES
) -> tuple[int, int, str] | None:
    """A choice of the path's last step (the one that led into the ending) that was shown
    but could not be taken (greyed out) and that, had it been open and taken, leads by the
    shortest continuation (`shortest_on`) to an ending other than `reached`: its step
    (from 0), its number and that ending; None when there is none (or the searches
    together would visit more than `max_states` states)."""
    if not played.moves:
        return None
    move, before = played.moves[-1], played.states[-2]
    graph = graph_of(scenario)
    budget = [max_states]
    with graph.lock:
        for number, choice in enumerate(scenario.scenes[move.scene].choices or (), start=1):
            if choice.hidden or enabled(choice, before.meter_values, before.flags):
                continue
            try:
                after = advance(scenario, before, choice, number, record=False)
            except ScenarioLoop:
                continue
            found = _shortest_on(graph, graph.node(after), budget)
            if found is not None and found[1] != reached:
                return move.step, number, found[1]
            if budget[0] <= 0:
                return None
    return None


def shortest_on(
    scenario: Scenario, state: PlayState, max_states: int = DEFAULT_MAX_STATES
) -> tuple[tuple[Step, ...], str] | None:
    """The shortest continuation from `state` to an ending (the fewest choices; of those,
    the first in the order the choices are written) and the ending it reaches: no
    choices and the ending itself when `state` is one; None when no ending can be
    reached (or not within `max_states` states)."""
    graph = graph_of(scenario)
    with graph.lock:
        return _shortest_on(graph, graph.node(state), [max_states])


def _shortest_on(
    graph: StateGraph, start: int, budget: list[int]
) -> tuple[tuple[Step, ...], str] | None:
    """Breadth first from `start`, the choices in the order written."""
    keys = graph.keys
    parent: dict[int, tuple[int, int]] = {start: (ROOT, 0)}
    queue: deque[int] = deque([start])
    while queue:
        node = queue.popleft()
        if keys[node][3]:
            ending, steps = keys[node][0], []
            while node != start:
                previous, number = parent[node]
                steps.append(_step(graph.scenario, keys[previous][0], number))
                node = previous
            return tuple(reversed(steps)), ending
        budget[0] -= 1
        if budget[0] <= 0:
            return None
        for number, target in graph.moves_from(node):
            if target not in parent:
                parent[target] = (node, number)
                queue.append(target)
    return None


def _first(
    graph: StateGraph, steps: Sequence[tuple[Move, PlayState]], reached: str, budget: list[int]
) -> tuple[Alternative | None, bool]:
    """The first of `steps` (a choice and the state before it, in the order to try)
    where another choice leads to an ending other than `reached`."""
    scenario = graph.scenario
    for move, before in steps:
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
