"""The rules of a table (issue 34): two delegations, sealed simultaneous moves.

Pure and deterministic, like `rules`. At a `moves:` scene each side's move is sealed
(`submit`) and nothing happens until both are in; then both are applied together (their
effects added up, then clamped; flags set, then cleared) and the scene's `route:` decides
where the table goes. The order in which the two moves arrive never matters. At a scene
one side plays (`side:`), only that side's choice is taken. Which moves are open is
decided on the joint state: a condition may test either side's meters and flags.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from game.content.conditions import holds
from game.content.table_models import Table, TableEnding, TableMove
from game.engine.rules import ChoiceRefused, ScenarioLoop

Turn = tuple[str, tuple[tuple[str, int], ...]]
"""One step of a table's path: (scene id, ((role, move number from 1), ...)), the roles
in the order the file declares them."""


@dataclass(frozen=True)
class TableState:
    """Where a table is: the scene (or the ending reached), both sides' meters and flags,
    the moves sealed so far at this scene, and every step taken."""

    scene: str
    meters: tuple[tuple[str, int], ...]
    flags: frozenset[str]
    path: tuple[Turn, ...] = ()
    ended: bool = False
    sealed: tuple[tuple[str, int], ...] = ()

    @property
    def meter_values(self) -> Mapping[str, int]:
        return dict(self.meters)

    @property
    def situation(self) -> tuple[str, tuple[tuple[str, int], ...], frozenset[str], bool]:
        """What decides what can happen next (the path and sealed moves aside)."""
        return (self.scene, self.meters, self.flags, self.ended)


def start_table(table: Table) -> TableState:
    """The state at the start of `table` (routes from the first scene followed)."""
    meters = tuple((name, meter.start) for name, meter in table.meters.items())
    return _follow_routes(table, TableState(table.start, meters, frozenset()))


def to_move(table: Table, state: TableState) -> tuple[str, ...]:
    """The sides that still have to move at this scene, in the order the file declares
    the roles (empty at an ending)."""
    if state.ended:
        return ()
    scene = table.scenes[state.scene]
    done = {role for role, _ in state.sealed}
    if scene.moves is not None:
        return tuple(r for r in table.role_ids if r not in done)
    if scene.side is not None and scene.side not in done:
        return (scene.side,)
    return ()


def moves_of(table: Table, scene_id: str, role: str) -> tuple[TableMove, ...]:
    """A side's moves at a scene, in the order written (its choices at a one-side scene)."""
    scene = table.scenes[scene_id]
    if scene.moves is not None:
        return scene.moves.get(role, ())
    if scene.side == role:
        return scene.choices or ()
    return ()


def is_open(move: TableMove, state: TableState) -> bool:
    """Whether a move can be made now: no `if:`, or it holds on the joint state."""
    return move.condition is None or holds(move.condition, state.meter_values, state.flags)


def available_moves(table: Table, state: TableState, role: str) -> list[tuple[int, TableMove]]:
    """The moves `role` can make now, as (number from 1 in the file, move); empty when it
    is not that side's turn."""
    if role not in to_move(table, state):
        return []
    return [
        (number, move)
        for number, move in enumerate(moves_of(table, state.scene, role), start=1)
        if is_open(move, state)
    ]


def submit(table: Table, state: TableState, role: str, number: int) -> TableState:
    """Seal `role`'s move `number` (from 1). When every side that moves here has sealed
    its move, they are applied together. ChoiceRefused for a side that does not move
    here (or has already moved), or a move it cannot make."""
    if state.ended:
        raise ChoiceRefused("the table is over: an ending has been reached")
    if role not in table.roles:
        raise ChoiceRefused(f"`{role}` is not a side at this table")
    if any(r == role for r, _ in state.sealed):
        raise ChoiceRefused(f"{table.roles[role].name} has already moved here")
    if role not in to_move(table, state):
        raise ChoiceRefused(f"it is not {table.roles[role].name}'s turn here")
    moves = moves_of(table, state.scene, role)
    if not 1 <= number <= len(moves):
        raise ChoiceRefused(f"there is no move {number} for {table.roles[role].name} here")
    if not is_open(moves[number - 1], state):
        raise ChoiceRefused(f"move {number} is not available to {table.roles[role].name} now")
    sealed = tuple(sorted((*state.sealed, (role, number)), key=lambda s: _order(table, s[0])))
    pending = replace(state, sealed=sealed)
    if to_move(table, pending):
        return pending
    return resolve(table, state, dict(sealed))


def resolve(
    table: Table,
    state: TableState,
    moves: Mapping[str, int],
    routed: list[tuple[str, int]] | None = None,
) -> TableState:
    """Apply the moves of every side that moves here at once (not checked: callers have
    asked `available_moves`), then follow the route; each route branch taken is added to
    `routed` as (scene, branch number from 1) when given."""
    scene = table.scenes[state.scene]
    taken = [
        (role, moves[role], moves_of(table, state.scene, role)[moves[role] - 1])
        for role in table.role_ids
        if role in moves
    ]
    meters = []
    for name, value in state.meters:
        meter = table.meters[name]
        new = value + sum(move.effects.get(name, 0) for _, _, move in taken)
        meters.append((name, min(max(new, meter.min), meter.max)))
    flags = state.flags | frozenset(f for _, _, move in taken for f in move.flags_set)
    flags -= frozenset(f for _, _, move in taken for f in move.flags_cleared)
    turn: Turn = (state.scene, tuple((role, number) for role, number, _ in taken))
    moved = TableState(state.scene, tuple(meters), flags, (*state.path, turn))
    if scene.moves is not None:
        return _follow_routes(table, moved, force=True, routed=routed)
    target = taken[0][2].goto or ""
    return _follow_routes(table, _at(table, moved, target), routed=routed)


def replay_table(table: Table, path: list[Turn] | list[list[object]]) -> TableState:
    """The state reached by the steps of `path` from the start (a saved table);
    ChoiceRefused when the table has changed so that the path no longer fits."""
    state = start_table(table)
    for scene_id, turn in path:
        if state.ended or state.scene != scene_id:
            raise ChoiceRefused("the table has changed since this game was saved")
        for role, number in turn:  # type: ignore[attr-defined]
            state = submit(table, state, str(role), int(number))
    return state


def moves_made(state: TableState) -> int:
    """How many moves the players have made, as they see them: each side's move at a
    scene once, a move sealed while the other side has still to move included."""
    return sum(len(turn) for _, turn in state.path) + len(state.sealed)


def table_ending(table: Table, state: TableState) -> TableEnding | None:
    return table.endings[state.scene] if state.ended else None


def _order(table: Table, role: str) -> int:
    return table.role_ids.index(role) if role in table.role_ids else len(table.role_ids)


def _at(table: Table, state: TableState, target: str) -> TableState:
    return replace(state, scene=target, ended=target in table.endings, sealed=())


def _follow_routes(
    table: Table,
    state: TableState,
    *,
    force: bool = False,
    routed: list[tuple[str, int]] | None = None,
) -> TableState:
    """Follow routes (the route of a `moves:` scene when `force`) until a scene where a
    side moves, or an ending."""
    seen: list[str] = []
    while not state.ended:
        scene = table.scenes[state.scene]
        if scene.route is None or (scene.moves is not None and not force):
            return state
        if state.scene in seen:
            loop = " -> ".join([*seen[seen.index(state.scene) :], state.scene])
            raise ScenarioLoop(f"routes lead round in a loop with no move: {loop}")
        seen.append(state.scene)
        force = False
        values = state.meter_values
        number, branch = next(
            (n, b)
            for n, b in enumerate(scene.route, start=1)
            if b.condition is None or holds(b.condition, values, state.flags)
        )
        if routed is not None:
            routed.append((state.scene, number))
        state = _at(table, state, branch.goto)
    return state
