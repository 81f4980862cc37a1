"""A scenario's state graph, worked out as far as it is asked for and kept between calls.

The exploration's states ((scene, meters, flags, ended), without the path), numbered in the
order they are met, with each state's moves (choice number, state it leads to) asked of the
engine the first time they are wanted and remembered after. The ending's search for what
would have changed it walks this graph: a second ending of the same scenario (a student
playing again, a teacher checking every ending) reuses what the first one worked out.

`graph_of` keeps one graph per scenario object (by identity: a scenario loaded again, or
changed by live preview, is a new object and gets a new graph), for the last few scenarios,
each up to a bounded number of states.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque

from game.analysis.explore import Key, Step
from game.content.models import Scenario
from game.engine import PlayState, ScenarioLoop, advance, enabled_choices

GRAPHS_KEPT = 8
"""How many scenarios' graphs are kept (the most recently used)."""

STATES_KEPT = 200_000
"""How many states one graph keeps at most; past it, the graph starts again empty."""

INFINITY = 1 << 30

Found = tuple[Step, tuple[Step, ...], str]
"""A way to another ending: the first choice, the choices after it, the ending's id."""


class StateGraph:
    """The states of one scenario met so far, and the moves out of those asked for."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.lock = threading.Lock()
        self.clear()
        self._bounds: dict[str, dict[str, int]] = {}

    def clear(self) -> None:
        self.index: dict[Key, int] = {}
        self.keys: list[Key] = []
        self.states: list[PlayState] = []
        self.moves: list[tuple[tuple[int, int], ...] | None] = []
        self.dead: dict[str, set[int]] = {}
        """For an ending: states from which no other ending can be reached."""
        self.answers: dict[tuple[int, int, str], Found | None] = {}
        """(state, choice taken there, ending reached): the nearest other ending from
        another choice there, as found by a search."""

    def node(self, state: PlayState) -> int:
        """The number of `state` in the graph, adding it when it is new."""
        key: Key = (state.scene, state.meters, state.flags, state.ended)
        found = self.index.get(key)
        if found is None:
            found = len(self.keys)
            self.index[key] = found
            self.keys.append(key)
            self.states.append(state)
            self.moves.append(None)
        return found

    def moves_from(self, node: int) -> tuple[tuple[int, int], ...]:
        """Each choice that can be taken in state `node`, in the order written, as (its
        number, the state it leads to); a choice whose routes loop is left out."""
        known = self.moves[node]
        if known is not None:
            return known
        scenario, state = self.scenario, self.states[node]
        out: list[tuple[int, int]] = []
        for number, choice in enabled_choices(scenario, state):
            try:
                after = advance(scenario, state, choice, number, record=False)
            except ScenarioLoop:
                continue
            out.append((number, self.node(after)))
        found = tuple(out)
        self.moves[node] = found
        return found

    def full(self) -> bool:
        return len(self.keys) >= STATES_KEPT

    def fewest_moves(self, reached: str) -> dict[str, int]:
        """For each scene, at least how many choices it takes from there to an ending
        other than `reached`, whatever the meters and flags (every choice and every
        branch of a route counted as open: never more than it really takes); scenes
        from which no other ending can be reached at all are left out."""
        known = self._bounds.get(reached)
        if known is None:
            known = _fewest_moves(self.scenario, reached)
            self._bounds[reached] = known
        return known


def _fewest_moves(scenario: Scenario, reached: str) -> dict[str, int]:
    """Walking the scenes backwards from the other endings: a routing scene costs no
    choice, a choice costs one."""
    into: dict[str, list[tuple[str, int]]] = {}
    for scene_id, scene in scenario.scenes.items():
        for branch in scene.route or ():
            into.setdefault(branch.goto, []).append((scene_id, 0))
        for choice in scene.choices or ():
            into.setdefault(choice.goto, []).append((scene_id, 1))
    cost = {e: 0 for e in scenario.endings if e != reached}
    queue: deque[str] = deque(cost)
    while queue:  # costs are 0 or 1: a deque, the 0s in front, finds the fewest
        here = queue.popleft()
        for source, step in into.get(here, ()):
            new = cost[here] + step
            if new < cost.get(source, INFINITY):
                cost[source] = new
                if step:
                    queue.append(source)
                else:
                    queue.appendleft(source)
    return cost


_GRAPHS: OrderedDict[int, StateGraph] = OrderedDict()
_GRAPHS_LOCK = threading.Lock()


def graph_of(scenario: Scenario) -> StateGraph:
    """The graph kept for this scenario object, or a new one (the oldest is let go)."""
    with _GRAPHS_LOCK:
        graph = _GRAPHS.get(id(scenario))
        if graph is None or graph.scenario is not scenario:
            graph = StateGraph(scenario)
            _GRAPHS[id(scenario)] = graph
            while len(_GRAPHS) > GRAPHS_KEPT:
                _GRAPHS.popitem(last=False)
        _GRAPHS.move_to_end(id(scenario))
        return graph


def graphs_kept() -> int:
    """How many scenarios' graphs are kept now."""
    with _GRAPHS_LOCK:
        return len(_GRAPHS)


def forget_graphs() -> None:
    """Let every kept graph go (for tests and benchmarks that measure a first call)."""
    with _GRAPHS_LOCK:
        _GRAPHS.clear()
