"""Exhaustive exploration: every reachable (scene, meters, flags) state, visited once.

Before a student plays a scenario, this tries every situation they could reach, and
reports the endings (reachable or not, with how many distinct paths and the shortest
one), scenes and endings nothing reaches, soft-locks (a scene with no choice that can be
taken), traps (states from which no ending can be reached), choices that are never
enabled, and the range each meter takes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from game.content.conditions import holds
from game.content.models import Scenario
from game.engine import PlayState, ScenarioLoop, apply_choice, start

DEFAULT_MAX_STATES = 200_000

Key = tuple[str, tuple[int, ...], frozenset[str], bool]
"""A state without its path: scene (or ending), meter values, flags, ended."""

Parents = dict[Key, tuple[Key, str, int] | None]
"""For each state, the state it was first reached from and the choice taken."""


@dataclass(frozen=True)
class Step:
    """One choice on a path: the scene it was made in, its number and its text."""

    scene: str
    number: int
    text: str


@dataclass(frozen=True)
class Situation:
    """A state worth showing: where, with what meters and flags, and how to get there."""

    scene: str
    meters: dict[str, int]
    flags: list[str]
    path: list[Step]


@dataclass
class EndingReport:
    id: str
    title: str
    kind: str
    reachable: bool
    paths: int | None
    """Distinct choice sequences that reach it; None when loops make them unbounded."""
    shortest: list[Step] = field(default_factory=list)


@dataclass
class Exploration:
    """Everything an exploration found."""

    scenario_id: str
    complete: bool
    states: int
    endings: list[EndingReport]
    unreachable_scenes: list[str]
    soft_locks: list[Situation]
    traps: list[Situation]
    route_loops: list[Situation]
    never_enabled: list[Step]
    meter_ranges: dict[str, tuple[int, int]]
    too_large: str | None = None

    @property
    def unreachable_endings(self) -> list[str]:
        return [e.id for e in self.endings if not e.reachable]

    @property
    def clean(self) -> bool:
        """No soft-lock, no trap, no route loop, and every ending reachable."""
        return (
            self.complete
            and not self.soft_locks
            and not self.traps
            and not self.route_loops
            and not self.unreachable_endings
        )


def _key(state: PlayState) -> Key:
    return (state.scene, tuple(v for _, v in state.meters), state.flags, state.ended)


def explore(
    scenario: Scenario,
    max_states: int = DEFAULT_MAX_STATES,
    progress: Callable[[int], None] | None = None,
) -> Exploration:
    """Breadth-first over every reachable state of `scenario` (at most `max_states`)."""
    names = list(scenario.meters)
    first = start(scenario)
    first_key = _key(first)
    # For each state: the state it was first reached from, and the choice taken.
    parent: dict[Key, tuple[Key, str, int] | None] = {first_key: None}
    states: dict[Key, PlayState] = {first_key: first}
    edges: dict[Key, list[Key]] = {}
    enabled_seen: set[tuple[str, int]] = set()
    soft: list[Key] = []
    loops: list[tuple[Key, str, int, str]] = []
    queue: deque[Key] = deque([first_key])
    complete = True
    routed: set[str] = set()  # routing scenes passed through on the way

    def mark_routes(target: str, state: PlayState) -> None:
        values = dict(zip(names, (v for _, v in state.meters), strict=True))
        walked: set[str] = set()
        while target in scenario.scenes and target not in walked:
            route = scenario.scenes[target].route
            if route is None:
                return
            walked.add(target)
            routed.add(target)
            for branch in route:
                if branch.condition is None or holds(branch.condition, values, state.flags):
                    target = branch.goto
                    break
            else:  # pragma: no cover - the loader requires a last branch without a condition
                return

    mark_routes(scenario.start, first)
    while queue:
        key = queue.popleft()
        state = states[key]
        if state.ended:
            continue
        scene = scenario.scenes[state.scene]
        values = dict(zip(names, key[1], strict=True))
        outgoing: list[Key] = []
        any_enabled = False
        for number, choice in enumerate(scene.choices or (), start=1):
            if choice.condition is not None and not holds(choice.condition, values, key[2]):
                continue
            any_enabled = True
            enabled_seen.add((state.scene, number))
            try:
                after = apply_choice(scenario, state, number)
            except ScenarioLoop as loop:
                loops.append((key, state.scene, number, str(loop)))
                continue
            if choice.goto in scenario.scenes and scenario.scenes[choice.goto].route is not None:
                mark_routes(choice.goto, after)
            after_key = _key(after)
            outgoing.append(after_key)
            if after_key not in parent:
                if len(parent) >= max_states:
                    complete = False
                    continue
                parent[after_key] = (key, state.scene, number)
                states[after_key] = PlayState(
                    after.scene, after.meters, after.flags, (), after.ended
                )
                queue.append(after_key)
        edges[key] = outgoing
        if not any_enabled:
            soft.append(key)
        if progress is not None and len(parent) % 5000 == 0:
            progress(len(parent))
    return _report(
        scenario, states, parent, edges, enabled_seen, soft, loops, complete, max_states, routed
    )


def _path(
    scenario: Scenario, parent: dict[Key, tuple[Key, str, int] | None], key: Key
) -> list[Step]:
    steps: list[Step] = []
    link = parent[key]
    while link is not None:
        previous, scene, number = link
        text = (scenario.scenes[scene].choices or ())[number - 1].text
        steps.append(Step(scene, number, " ".join(text.split())))
        link = parent[previous]
    steps.reverse()
    return steps


def _depth(parent: Parents, key: Key) -> int:
    depth = 0
    link = parent[key]
    while link is not None:
        depth += 1
        link = parent[link[0]]
    return depth


def _situation(
    scenario: Scenario, parent: dict[Key, tuple[Key, str, int] | None], key: Key
) -> Situation:
    return Situation(
        scene=key[0],
        meters=dict(zip(scenario.meters, key[1], strict=True)),
        flags=sorted(key[2]),
        path=_path(scenario, parent, key),
    )


def _report(
    scenario: Scenario,
    states: dict[Key, PlayState],
    parent: dict[Key, tuple[Key, str, int] | None],
    edges: dict[Key, list[Key]],
    enabled_seen: set[tuple[str, int]],
    soft: list[Key],
    loops: list[tuple[Key, str, int, str]],
    complete: bool,
    max_states: int,
    routed: set[str],
) -> Exploration:
    ending_keys = [k for k in states if k[3]]
    # Traps: states from which no ending can be reached (walking the edges backwards).
    incoming: dict[Key, list[Key]] = {}
    for source, targets in edges.items():
        for target in targets:
            incoming.setdefault(target, []).append(source)
    can_end: set[Key] = set(ending_keys)
    queue = deque(ending_keys)
    while queue:
        for source in incoming.get(queue.popleft(), ()):
            if source not in can_end:
                can_end.add(source)
                queue.append(source)
    soft_set = set(soft)
    trapped_scenes: dict[str, Key] = {}
    soft_scenes: dict[str, Key] = {}
    if complete:
        for key in states:
            if key in soft_set:
                soft_scenes.setdefault(key[0], key)
            elif key not in can_end:
                trapped_scenes.setdefault(key[0], key)
    else:
        for key in soft:
            soft_scenes.setdefault(key[0], key)

    paths = _count_paths(states, edges, parent)
    endings = []
    for ending_id, ending in scenario.endings.items():
        reached = [k for k in ending_keys if k[0] == ending_id]
        total: int | None = 0
        for k in reached:
            count = paths.get(k)
            total = None if count is None or total is None else total + count
        shortest = min(reached, key=lambda k: _depth(parent, k), default=None)
        endings.append(
            EndingReport(
                ending_id,
                ending.title,
                ending.kind,
                bool(reached),
                total if reached else 0,
                _path(scenario, parent, shortest) if shortest is not None else [],
            )
        )
    seen_scenes = {k[0] for k in states} | routed
    never = [
        Step(scene_id, number, " ".join(choice.text.split()))
        for scene_id, scene in scenario.scenes.items()
        if scene_id in seen_scenes
        for number, choice in enumerate(scene.choices or (), start=1)
        if (scene_id, number) not in enabled_seen
    ]
    ranges = {
        name: (min(k[1][i] for k in states), max(k[1][i] for k in states))
        for i, name in enumerate(scenario.meters)
    }
    too_large = None if complete else _why_large(scenario, states, max_states)
    loop_reports = []
    for key, scene, number, message in loops:
        situation = _situation(scenario, parent, key)
        text = (scenario.scenes[scene].choices or ())[number - 1].text
        situation.path.append(Step(scene, number, f"{' '.join(text.split())} ({message})"))
        loop_reports.append(situation)
    return Exploration(
        scenario_id=scenario.id,
        complete=complete,
        states=len(states),
        endings=endings,
        unreachable_scenes=[s for s in scenario.scenes if s not in seen_scenes],
        soft_locks=[_situation(scenario, parent, k) for k in soft_scenes.values()],
        traps=[_situation(scenario, parent, k) for k in trapped_scenes.values()],
        route_loops=loop_reports,
        never_enabled=never if complete else [],
        meter_ranges=ranges,
        too_large=too_large,
    )


def _count_paths(
    states: dict[Key, PlayState],
    edges: dict[Key, list[Key]],
    parent: dict[Key, tuple[Key, str, int] | None],
) -> dict[Key, int | None]:
    """Distinct choice sequences from the start to each state; None where a loop can come
    first (then there are unboundedly many)."""
    indegree: dict[Key, int] = dict.fromkeys(states, 0)
    for targets in edges.values():
        for target in targets:
            if target in indegree:
                indegree[target] += 1
    start_key = next(k for k, link in parent.items() if link is None)
    count: dict[Key, int | None] = dict.fromkeys(states, 0)
    count[start_key] = 1
    ready = deque(k for k, d in indegree.items() if d == 0)
    done: set[Key] = set()
    while ready:
        key = ready.popleft()
        done.add(key)
        here = count[key]
        for target in edges.get(key, ()):
            if target not in count:
                continue
            before = count[target]
            count[target] = None if here is None or before is None else before + here
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    for key in states:
        if key not in done:
            count[key] = None  # on a loop, or after one
    return count


def _why_large(scenario: Scenario, states: dict[Key, PlayState], limit: int) -> str:
    parts = []
    for i, name in enumerate(scenario.meters):
        values = len({k[1][i] for k in states})
        parts.append((values, f"meter `{name}` ({values} values seen)"))
    flags = len({k[2] for k in states})
    if scenario.flags:
        parts.append(
            (
                flags,
                f"flags {', '.join(f'`{f}`' for f in scenario.flags)} ({flags} combinations seen)",
            )
        )
    parts.sort(reverse=True)
    named = "; ".join(p for _, p in parts[:4]) or "the scenes"
    return (
        f"stopped after {limit:,} states: the state space is too large to explore whole. "
        f"What makes it large: {named}. Raise the limit with --max-states, or use fewer "
        "distinct meter values (bigger, rounder steps) or fewer flags."
    )
