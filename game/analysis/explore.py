"""Exhaustive exploration: every reachable (scene, meters, flags) state, visited once.

Before a student plays a scenario, this tries every situation they could reach, and
reports the endings (reachable or not, with how many distinct paths and the shortest
one), scenes and endings nothing reaches, soft-locks (a scene with no choice that can be
taken), traps (states from which no ending can be reached), choices that are never
enabled, and the range each meter takes.

It decides nothing itself: which choices are enabled, where they lead and where routes
go are asked of the engine (`enabled_choices`, `advance`), the rules the game plays by.
"""

from __future__ import annotations

import gc
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from game.analysis.marks_reached import MarkReach, marks_reached
from game.analysis.paragraphs import UnshownParagraph, unshown_paragraphs
from game.content.models import Scenario
from game.engine import (
    PlayState,
    ScenarioLoop,
    advance,
    available_choices,
    enabled_choices,
    start,
)

DEFAULT_MAX_STATES = 200_000
DEFAULT_MAX_SECONDS = 20.0
"""An exploration also stops on time: meters and flags can combine into more situations
than any limit on their number can keep quick."""

Key = tuple[str, tuple[tuple[str, int], ...], frozenset[str], bool]
"""A state without its path: scene (or ending), meters, flags, ended."""

Parents = list[tuple[int, str, int] | None]
"""For each state (by number), the state it was first reached from and the choice taken."""


@dataclass(frozen=True)
class Step:
    """One choice on a path: the scene it was made in, its number in the file (the
    engine's, from 1 in the order written), its text, and the number the student saw it
    as there (`shown`: hidden choices take no number; None where no state is known)."""

    scene: str
    number: int
    text: str
    shown: int | None = None


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
    visited: frozenset[Key] = frozenset()
    """Every state explored, (scene, meters, flags, ended), when asked for."""
    never_shown: list[UnshownParagraph] = field(default_factory=list)
    """Paragraphs with an `if:` that no reachable situation shows (a whole exploration)."""
    marks: list[MarkReach] = field(default_factory=list)
    """Each meter's marks, and whether some reachable path reaches them."""

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


def explore(
    scenario: Scenario,
    max_states: int = DEFAULT_MAX_STATES,
    progress: Callable[[int], None] | None = None,
    keep_states: bool = False,
    max_seconds: float | None = DEFAULT_MAX_SECONDS,
) -> Exploration:
    """Breadth-first over every reachable state of `scenario` (at most `max_states`, for
    at most `max_seconds`; None: no limit on time)."""
    # Every state lives until the end: the cycle collector would only rescan them.
    paused = gc.isenabled()
    gc.disable()
    try:
        result = _Search(scenario, max_states, progress, max_seconds)
        report = result.run()
        if keep_states:
            report.visited = frozenset(result.keys)
        return report
    finally:
        if paused:
            gc.enable()


class _Search:
    """One exploration. States are numbered in the order found; the graph is kept as
    lists of numbers, so each state is hashed once, when it is first met."""

    def __init__(
        self,
        scenario: Scenario,
        max_states: int,
        progress: Callable[[int], None] | None,
        max_seconds: float | None = None,
    ) -> None:
        self.scenario = scenario
        self.max_states = max_states
        self.max_seconds = max_seconds
        self.out_of_time = False
        self.progress = progress
        self.keys: list[Key] = []
        self.states: list[PlayState] = []
        self.parent: Parents = []
        self.edges: list[list[int]] = []
        self.enabled_seen: set[tuple[str, int]] = set()
        self.soft: list[int] = []
        self.loops: list[tuple[int, str, int, str]] = []
        self.routed: set[str] = set()  # routing scenes passed through on the way
        self.complete = True

    def run(self) -> Exploration:
        scenario = self.scenario
        walked: list[str] = []  # the routing scenes the last step passed through
        first = start(scenario, routed=walked)
        index: dict[Key, int] = {_key(first): 0}
        keys, states, parent, edges = self.keys, self.states, self.parent, self.edges
        keys.append(_key(first))
        states.append(first)
        parent.append(None)
        routed = self.routed
        routed.update(walked)
        enabled_seen = self.enabled_seen
        current = 0
        deadline = None if self.max_seconds is None else time.monotonic() + self.max_seconds
        while current < len(states):
            if deadline is not None and current % 512 == 0 and time.monotonic() > deadline:
                # Out of time: the states found but not yet explored keep no edges, and
                # the report says the exploration is incomplete (so none is a trap).
                self.complete, self.out_of_time = False, True
                edges.extend([] for _ in range(current, len(states)))
                break
            state = states[current]
            outgoing: list[int] = []
            edges.append(outgoing)
            if state.ended:
                current += 1
                continue
            scene_id = state.scene
            choices = enabled_choices(scenario, state)
            for number, choice in choices:
                enabled_seen.add((scene_id, number))
                try:
                    after = advance(scenario, state, choice, number, record=False, routed=walked)
                except ScenarioLoop as loop:
                    walked.clear()  # scenes on a route that loops are not counted as reached by it
                    self.loops.append((current, scene_id, number, str(loop)))
                    continue
                if walked:
                    routed.update(walked)
                    walked.clear()
                key = (after.scene, after.meters, after.flags, after.ended)
                found = index.get(key)
                if found is None:
                    if len(states) >= self.max_states:
                        self.complete = False
                        continue
                    found = len(states)
                    index[key] = found
                    keys.append(key)
                    states.append(after)  # taken with record=False: its path stays empty
                    parent.append((current, scene_id, number))
                    if self.progress is not None and found % 5000 == 0:
                        self.progress(found)
                outgoing.append(found)
            if not choices:
                self.soft.append(current)
            current += 1
        return self.report()

    def path(self, state: int) -> list[Step]:
        steps: list[Step] = []
        link = self.parent[state]
        while link is not None:
            previous, scene, number = link
            text = (self.scenario.scenes[scene].choices or ())[number - 1].text
            shown = _shown(self.scenario, self.states[previous], number)
            steps.append(Step(scene, number, " ".join(text.split()), shown))
            link = self.parent[previous]
        steps.reverse()
        return steps

    def situation(self, state: int) -> Situation:
        key = self.keys[state]
        return Situation(
            scene=key[0], meters=dict(key[1]), flags=sorted(key[2]), path=self.path(state)
        )

    def report(self) -> Exploration:
        scenario, keys, edges = self.scenario, self.keys, self.edges
        total = len(keys)
        ending_states = [i for i in range(total) if keys[i][3]]
        # Traps: states from which no ending can be reached (walking the edges backwards).
        incoming: list[list[int]] = [[] for _ in range(total)]
        for source, targets in enumerate(edges):
            for target in targets:
                incoming[target].append(source)
        can_end = [False] * total
        queue = deque(ending_states)
        for i in ending_states:
            can_end[i] = True
        while queue:
            for source in incoming[queue.popleft()]:
                if not can_end[source]:
                    can_end[source] = True
                    queue.append(source)
        soft = set(self.soft)
        soft_scenes: dict[str, int] = {}
        trapped_scenes: dict[str, int] = {}
        for i in range(total) if self.complete else sorted(soft):
            if i in soft:
                soft_scenes.setdefault(keys[i][0], i)
            elif not can_end[i]:
                trapped_scenes.setdefault(keys[i][0], i)

        paths = self.count_paths(incoming)
        endings = []
        for ending_id, ending in scenario.endings.items():
            reached = [i for i in ending_states if keys[i][0] == ending_id]
            count: int | None = 0
            for i in reached:
                here = paths[i]
                count = None if here is None or count is None else count + here
            # States are numbered in breadth-first order: the first found is the nearest.
            shortest = min(reached, default=None)
            endings.append(
                EndingReport(
                    ending_id,
                    ending.title,
                    ending.kind,
                    bool(reached),
                    count if reached else 0,
                    self.path(shortest) if shortest is not None else [],
                )
            )
        seen_scenes = {k[0] for k in keys} | self.routed
        never = [
            Step(scene_id, number, " ".join(choice.text.split()))
            for scene_id, scene in scenario.scenes.items()
            if scene_id in seen_scenes
            for number, choice in enumerate(scene.choices or (), start=1)
            if (scene_id, number) not in self.enabled_seen
        ]
        ranges = {
            name: (min(k[1][i][1] for k in keys), max(k[1][i][1] for k in keys))
            for i, name in enumerate(scenario.meters)
        }
        loop_reports = []
        for state, scene, number, message in self.loops:
            situation = self.situation(state)
            text = (scenario.scenes[scene].choices or ())[number - 1].text
            situation.path.append(Step(scene, number, f"{' '.join(text.split())} ({message})"))
            loop_reports.append(situation)
        return Exploration(
            scenario_id=scenario.id,
            complete=self.complete,
            states=total,
            endings=endings,
            unreachable_scenes=[s for s in scenario.scenes if s not in seen_scenes],
            soft_locks=[self.situation(i) for i in soft_scenes.values()],
            traps=[self.situation(i) for i in trapped_scenes.values()],
            route_loops=loop_reports,
            never_enabled=never if self.complete else [],
            meter_ranges=ranges,
            too_large=None if self.complete else self.why_large(),
            never_shown=unshown_paragraphs(scenario, self.states) if self.complete else [],
            marks=marks_reached(scenario, ranges),
        )

    def count_paths(self, incoming: list[list[int]]) -> list[int | None]:
        """Distinct choice sequences from the start to each state; None where a loop can
        come first (then there are unboundedly many)."""
        total = len(self.keys)
        indegree = [len(sources) for sources in incoming]
        count: list[int | None] = [0] * total
        count[0] = 1
        ready = deque(i for i in range(total) if indegree[i] == 0)
        done = [False] * total
        while ready:
            state = ready.popleft()
            done[state] = True
            here = count[state]
            for target in self.edges[state]:
                before = count[target]
                count[target] = None if here is None or before is None else before + here
                indegree[target] -= 1
                if indegree[target] == 0:
                    ready.append(target)
        return [c if done[i] else None for i, c in enumerate(count)]

    def why_large(self) -> str:
        scenario, keys = self.scenario, self.keys
        parts = []
        for i, name in enumerate(scenario.meters):
            values = len({k[1][i][1] for k in keys})
            parts.append((values, f"meter `{name}` ({values} values seen)"))
        if scenario.flags:
            flags = len({k[2] for k in keys})
            listed = ", ".join(f"`{f}`" for f in scenario.flags)
            parts.append((flags, f"flags {listed} ({flags} combinations seen)"))
        parts.sort(reverse=True)
        named = "; ".join(p for _, p in parts[:4]) or "the scenes"
        if self.out_of_time:
            stopped = (
                f"stopped after {self.max_seconds:g} seconds ({len(keys):,} states)"
                if self.max_seconds is not None
                else "stopped"
            )
            limit = "--max-seconds"
        else:
            stopped, limit = f"stopped after {self.max_states:,} states", "--max-states"
        return (
            f"{stopped}: the state space is too large to explore whole. What makes it "
            f"large: {named}. Raise the limit with {limit}, or use fewer distinct meter "
            "values (bigger, rounder steps) or fewer flags."
        )


def _shown(scenario: Scenario, state: PlayState, number: int) -> int | None:
    """The number choice `number` (in the file) is shown with in `state`: what a student
    types in plain play."""
    return next((o.shown for o in available_choices(scenario, state) if o.number == number), None)


def _key(state: PlayState) -> Key:
    return (state.scene, state.meters, state.flags, state.ended)
