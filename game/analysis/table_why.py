"""Why a table ended this way (issue 34): which side's moves decided it.

The ending's route is replayed through the engine (`resolve` records the branches it
takes); for each condition that decided, the meters and flags it tests, with the moves of
each side on the path that moved or set them. Beside `game.analysis.why` (the one-player
explanation), which a table does not use.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.conditions import MeterRef, names, to_text
from game.content.table_models import Table, TableMove
from game.engine.table import TableState, moves_of, replay_table, resolve


@dataclass(frozen=True)
class TableWhy:
    """What decided the ending: the lines to show, and the sides whose moves did."""

    lines: tuple[str, ...]
    deciders: tuple[str, ...]
    """The roles whose moves decided, in the order the file declares them."""


def _touches(move: TableMove, name: str) -> str | None:
    """How a move changed `name` (a meter or flag), in words, or None."""
    if name in move.effects:
        return f"{move.effects[name]:+d}"
    if name in move.flags_set:
        return "set it"
    if name in move.flags_cleared:
        return "cleared it"
    return None


def table_why(table: Table, state: TableState) -> TableWhy:
    """Why `state` (an ending) was reached, from its path."""
    if not state.ended or not state.path:
        return TableWhy((), ())
    *before, (scene_id, turn) = state.path
    at = replay_table(table, list(before))
    routed: list[tuple[str, int]] = []
    resolve(table, at, dict(turn), routed)
    meters = {name: m.label for name, m in table.meters.items()}
    flags = {name: f.means for name, f in table.flags.items()}
    lines: list[str] = []
    deciders: set[str] = set()
    tested: list[str] = []
    for routed_scene, number in routed:
        route = table.scenes[routed_scene].route or ()
        branch = route[number - 1]
        if branch.condition is not None:
            lines.append(
                f"The route of `{routed_scene}` led on because `{to_text(branch.condition)}` held."
            )
            conditions = [branch.condition]
        else:
            conditions = [b.condition for b in route[: number - 1] if b.condition is not None]
            for condition in conditions:
                lines.append(
                    f"The route of `{routed_scene}` led on because `{to_text(condition)}` "
                    "did not hold."
                )
        for condition in conditions:
            for ref in names(condition):
                if ref.name in tested:
                    continue
                tested.append(ref.name)
                if isinstance(ref, MeterRef):
                    value = state.meter_values.get(ref.name)
                    lines.append(f"  {meters.get(ref.name, ref.name)} was {value}.")
    for name in tested:
        for step_scene, step in state.path:
            for role, move_number in step:
                move = moves_of(table, step_scene, role)[move_number - 1]
                how = _touches(move, name)
                if how is not None:
                    deciders.add(role)
                    label = meters.get(name) or flags.get(name) or name
                    lines.append(f"  {table.roles[role].name}: “{move.text}” ({label}: {how})")
    if not deciders:
        # No condition decided it: the last moves led straight here.
        for role, move_number in turn:
            move = moves_of(table, scene_id, role)[move_number - 1]
            deciders.add(role)
            lines.append(f"{table.roles[role].name} chose “{move.text}”, which led here.")
    order = tuple(r for r in table.role_ids if r in deciders)
    who = " and ".join(table.roles[r].name for r in order)
    lines.append(f"Decided by the moves of {who}." if order else "")
    return TableWhy(tuple(line for line in lines if line), order)
