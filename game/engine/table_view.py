"""What one side of a table may see (issue 34): its brief, the shared and its own meters
and flags, the paragraphs for it or for both, its own sealed move, never the other's.

Everything a screen, a line of plain text or (later) the network shows one side is built
from `side_view`, so that private state is left out in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.conditions import holds
from game.content.table_models import Table, TablePassage
from game.engine.table import TableState, available_moves, to_move


@dataclass(frozen=True)
class MeterShown:
    name: str
    label: str
    value: int
    private: bool


@dataclass(frozen=True)
class SideView:
    """One side's view of the table now."""

    role: str
    name: str
    brief: str
    facts: tuple[str, ...]
    scene: str
    title: str | None
    speaker: str | None
    text: tuple[str, ...]
    meters: tuple[MeterShown, ...]
    flags: tuple[str, ...]
    to_move: tuple[str, ...]
    moves: tuple[tuple[int, str], ...]
    """The moves this side can make now, as (number in the file, text)."""
    sealed: int | None
    """This side's own sealed move here, if it has moved (never the other side's)."""
    ended: bool
    debrief: str | None


def visible(table: Table, role: str, side: str | None) -> bool:
    """Whether something with this `side:` is seen by `role` (no side: both see it)."""
    return side is None or side == role


def shown_to(
    table: Table, passage: TablePassage | None, state: TableState, role: str
) -> tuple[str, ...]:
    """The paragraphs of `passage` that `role` reads now: for it or both, `if:` holding."""
    if passage is None:
        return ()
    if isinstance(passage, str):
        return (passage,) if passage else ()
    values = state.meter_values
    return tuple(
        p.text
        for p in passage
        if visible(table, role, p.side)
        and (p.condition is None or holds(p.condition, values, state.flags))
    )


def side_view(table: Table, state: TableState, role: str) -> SideView:
    """What `role` may see of the table in `state`."""
    if role not in table.roles:
        raise KeyError(role)
    meters = tuple(
        MeterShown(name, table.meters[name].label, value, table.meters[name].side is not None)
        for name, value in state.meters
        if visible(table, role, table.meters[name].side)
    )
    flags = tuple(sorted(f for f in state.flags if visible(table, role, table.side_of(f))))
    own = next((n for r, n in state.sealed if r == role), None)
    if state.ended:
        ending = table.endings[state.scene]
        title: str | None = ending.title
        speaker = None
        text = shown_to(table, ending.text, state, role)
        debrief = ending.debriefs.get(role)
    else:
        scene = table.scenes[state.scene]
        title, speaker = scene.title, scene.speaker
        text = shown_to(table, scene.text, state, role)
        debrief = None
    return SideView(
        role=role,
        name=table.roles[role].name,
        brief=table.roles[role].brief,
        facts=table.roles[role].facts,
        scene=state.scene,
        title=title,
        speaker=speaker,
        text=text,
        meters=meters,
        flags=flags,
        to_move=to_move(table, state),
        moves=tuple((n, m.text) for n, m in available_moves(table, state, role)),
        sealed=own,
        ended=state.ended,
        debrief=debrief,
    )
