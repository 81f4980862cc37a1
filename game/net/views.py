"""What the server sends one side of a table (issue 35), built from the engine's
`side_view`: the other side's brief, private meters, flags and paragraphs are never put in
a frame. The moves of a step are revealed to both once both have moved, as at one screen.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.analysis.table_why import table_why
from game.content.catalog import Catalog
from game.content.table_models import Table, TablePassage
from game.engine.table import TableState, moves_of
from game.engine.table_view import shown_to, side_view
from game.net.protocol import Ending, MeterLine, Path, View


def build_view(
    table: Table,
    catalog: Catalog,
    state: TableState,
    role: str,
    *,
    code: str,
    players: Mapping[str, str],
    absent: list[str],
) -> View:
    """What `role` may see of the table `code` in `state`."""
    seen = side_view(table, state, role)
    passage = table.endings[state.scene].text if state.ended else table.scenes[state.scene].text
    shared = list(_shared(table, passage, state))
    revealed: list[tuple[str, str]] = []
    if state.path:
        scene_id, turn = state.path[-1]
        revealed = [
            (table.roles[r].name, moves_of(table, scene_id, r)[n - 1].text) for r, n in turn
        ]
    return View(
        table=code,
        side=role,
        name=seen.name,
        players={table.roles[r].name: p for r, p in players.items() if r in table.roles},
        title=table.title,
        year=table.year,
        summary=table.summary,
        step=len(state.path),
        brief=seen.brief,
        facts=_cited(catalog, seen.facts, quotes=False),
        scene_title=seen.title,
        shared=shared,
        private=[p for p in seen.text if p not in shared],
        meters=[
            MeterLine(
                label=m.label, value=m.value, most=table.meters[m.name].max, private=m.private
            )
            for m in seen.meters
        ],
        flags=[table.flags[f].means or f for f in seen.flags if table.side_of(f) == role],
        moves=list(seen.moves),
        sealed=seen.sealed is not None,
        to_move=[table.roles[r].name for r in seen.to_move],
        absent=absent,
        revealed=revealed,
        ending=_ending(table, catalog, state, role, players, shared) if state.ended else None,
    )


def _ending(
    table: Table,
    catalog: Catalog,
    state: TableState,
    role: str,
    players: Mapping[str, str],
    shared: list[str],
) -> Ending:
    ending = table.endings[state.scene]
    seen = side_view(table, state, role)
    paths = [
        Path(
            name=side.name,
            player=players.get(side_id, side.name),
            moves=[
                moves_of(table, scene, side_id)[n - 1].text
                for scene, turn in state.path
                for r, n in turn
                if r == side_id
            ],
        )
        for side_id, side in table.roles.items()
    ]
    own = [p for p in seen.text if p not in shared] + ([seen.debrief] if seen.debrief else [])
    return Ending(
        title=ending.title,
        text=shared,
        paths=paths,
        why=_why(table, state, role),
        own=own,
        history=ending.history,
        sources=_cited(catalog, ending.facts, quotes=True),
    )


def _why(table: Table, state: TableState, role: str) -> list[str]:
    """ "Why this ending" as `role` may read it: `table_why` leaves the other side's
    private meters and flags out, so a frame never carries them to this side. Each line
    keeps its indent (a branching point's causes under it)."""
    why = table_why(table, state, side=role)
    return [line.rstrip() for line in why.lines]


def _shared(table: Table, passage: TablePassage, state: TableState) -> tuple[str, ...]:
    """The paragraphs both sides read (no `side:`), `if:` holding."""
    if isinstance(passage, str):
        return (passage,) if passage else ()
    both = tuple(p for p in passage if p.side is None)
    return shown_to(table, both, state, table.role_ids[0])


def _cited(catalog: Catalog, facts: tuple[str, ...], *, quotes: bool) -> list[str]:
    from game.plain.common import cited_lines

    return cited_lines(catalog, facts, quotes=quotes)
