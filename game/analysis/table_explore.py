"""Exploring a table (issue 34): the joint state space of two delegations.

From the start, every pair of moves the two sides can make at a `moves:` scene (and every
choice of the side that plays a one-side scene) is taken, breadth first, so that each
situation is first met by a shortest path. The report gives the endings reached, the
endings and scenes never reached, the soft-locks of each side (a reachable situation where
a side that must move has no move open) and the traps (situations from which no ending
can be reached). The engine decides every step (`game.engine.table`).
"""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass, field

from game.content.table_models import Table
from game.engine.rules import ScenarioLoop
from game.engine.table import (
    TableState,
    Turn,
    available_moves,
    moves_of,
    resolve,
    start_table,
    to_move,
)

DEFAULT_MAX_STATES = 200_000

Situation = tuple[str, tuple[tuple[str, int], ...], frozenset[str], bool]


@dataclass(frozen=True)
class SoftLock:
    """A reachable situation where `role` must move at `scene` and has no move open."""

    scene: str
    role: str
    path: tuple[Turn, ...]


@dataclass(frozen=True)
class Trap:
    """A reachable scene from which no ending can be reached."""

    scene: str
    path: tuple[Turn, ...]


@dataclass
class TableExploration:
    table_id: str
    states: int = 0
    endings: dict[str, tuple[Turn, ...]] = field(default_factory=dict)
    """Each ending reached, with a shortest path to it."""
    unreachable_endings: list[str] = field(default_factory=list)
    unvisited_scenes: list[str] = field(default_factory=list)
    soft_locks: list[SoftLock] = field(default_factory=list)
    traps: list[Trap] = field(default_factory=list)
    never_made: list[tuple[str, str, int]] = field(default_factory=list)
    """Moves never open in any reachable situation: (scene, role, number from 1)."""
    loops: list[str] = field(default_factory=list)
    truncated: bool = False

    @property
    def clean(self) -> bool:
        return (
            not (self.soft_locks or self.traps or self.unreachable_endings or self.loops)
            and not self.truncated
        )


def successors(table: Table, state: TableState) -> list[tuple[Turn, TableState]]:
    """Every way on from `state`: each combination of the open moves of the sides that
    move here, with the state it leads to."""
    roles = to_move(table, state)
    options = [[n for n, _ in available_moves(table, state, role)] for role in roles]
    found = []
    for numbers in itertools.product(*options):
        moves = dict(zip(roles, numbers, strict=True))
        after = resolve(table, state, moves)
        found.append((after.path[-1], after))
    return found


def explore_table(table: Table, *, max_states: int = DEFAULT_MAX_STATES) -> TableExploration:
    """Every situation of `table` reachable from its start (up to `max_states`)."""
    result = TableExploration(table.id)
    try:
        first = start_table(table)
    except ScenarioLoop as loop:
        result.loops.append(str(loop))
        return result
    seen: dict[Situation, TableState] = {first.situation: first}
    edges: dict[Situation, list[Situation]] = {}
    opened: set[tuple[str, str, int]] = set()
    visited_scenes: set[str] = {first.scene}
    queue = deque([first])
    while queue:
        state = queue.popleft()
        key = state.situation
        edges[key] = []
        if state.ended:
            result.endings.setdefault(state.scene, state.path)
            continue
        for role in to_move(table, state):
            open_here = available_moves(table, state, role)
            opened.update((state.scene, role, n) for n, _ in open_here)
            if not open_here:
                result.soft_locks.append(SoftLock(state.scene, role, state.path))
        try:
            following = successors(table, state)
        except ScenarioLoop as loop:
            result.loops.append(str(loop))
            continue
        for _, after in following:
            visited_scenes.add(after.scene)
            edges[key].append(after.situation)
            if after.situation not in seen:
                if len(seen) >= max_states:
                    result.truncated = True
                    continue
                seen[after.situation] = after
                queue.append(after)
    result.states = len(seen)
    # Traps: situations from which no ending is reachable (backwards from the endings).
    back: dict[Situation, list[Situation]] = {}
    for source, targets in edges.items():
        for target in targets:
            back.setdefault(target, []).append(source)
    can_end = {k for k in seen if k[3]}
    todo = deque(can_end)
    while todo:
        for source in back.get(todo.popleft(), []):
            if source not in can_end:
                can_end.add(source)
                todo.append(source)
    locked = {(lock.scene, lock.path) for lock in result.soft_locks}
    trapped_scenes: set[str] = set()
    for key, state in seen.items():
        if key in can_end or (state.scene, state.path) in locked or result.truncated:
            continue
        if state.scene not in trapped_scenes:
            trapped_scenes.add(state.scene)
            result.traps.append(Trap(state.scene, state.path))
    result.unreachable_endings = [e for e in table.endings if e not in result.endings]
    # A scene that only routes is passed through, never rested at: not counted here.
    result.unvisited_scenes = [
        s
        for s, scene in table.scenes.items()
        if s not in visited_scenes and (scene.moves is not None or scene.side is not None)
    ]
    for scene_id in table.scenes:
        for role in table.role_ids:
            for number in range(1, len(moves_of(table, scene_id, role)) + 1):
                if scene_id in visited_scenes and (scene_id, role, number) not in opened:
                    result.never_made.append((scene_id, role, number))
    # One soft-lock per scene and side is enough to say (the shortest path first).
    firsts: dict[tuple[str, str], SoftLock] = {}
    for lock in result.soft_locks:
        firsts.setdefault((lock.scene, lock.role), lock)
    result.soft_locks = list(firsts.values())
    return result


def describe_turns(table: Table, path: tuple[Turn, ...]) -> str:
    """A path in words: each step's moves, "Riverton's council: “Ask ...”", joined."""
    steps = []
    for scene_id, turn in path:
        moves = [
            f"{table.roles[role].name}: “{moves_of(table, scene_id, role)[number - 1].text}”"
            for role, number in turn
        ]
        steps.append(", ".join(moves))
    return "; then ".join(steps) or "the start"


def table_report(table: Table, result: TableExploration) -> str:
    """The exploration in lines, as `treaty explore` prints it for a table."""
    lines = [
        f"{table.title} ({table.id}): a table, "
        f"{' and '.join(r.name for r in table.roles.values())}",
        f"{result.states:,} situations explored (every pair of moves)"
        + (" — stopped at the limit: the report is incomplete" if result.truncated else ""),
        "",
        "Endings reached:",
    ]
    for ending_id, path in result.endings.items():
        lines.append(f"  {ending_id}: {table.endings[ending_id].title}")
        lines.append(f"    shortest: {describe_turns(table, path)}")
    if result.unreachable_endings:
        lines.append("Endings never reached: " + ", ".join(result.unreachable_endings))
    if result.unvisited_scenes:
        lines.append("Scenes never reached: " + ", ".join(result.unvisited_scenes))
    lines.append("")
    if result.soft_locks:
        lines.append("Soft-locks (a side left with no move):")
        for lock in result.soft_locks:
            lines.append(
                f"  {table.roles[lock.role].name} at `{lock.scene}`; reached by: "
                f"{describe_turns(table, lock.path)}"
            )
    else:
        lines.append("Soft-locks: none for either side")
    if result.traps:
        lines.append("Traps (no ending can be reached from there):")
        for trap in result.traps:
            lines.append(f"  `{trap.scene}`; reached by: {describe_turns(table, trap.path)}")
    else:
        lines.append("Traps: none")
    for loop in result.loops:
        lines.append(f"Route loop: {loop}")
    for scene_id, role, number in result.never_made:
        lines.append(f"Never open: move {number} of {table.roles[role].name} at `{scene_id}`")
    return "\n".join(lines)
