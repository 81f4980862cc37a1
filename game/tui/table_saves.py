"""A table left part-way, as Home's "Continue" offers it (issue 34), beside the games and
quizzes that `game.store.games.latest_saved` finds: whichever was left most recently.
Read with the store's own `resume_table`, so a damaged save or a changed file is
`Changed`, never a crash."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from game.content.table_models import Table
from game.engine.table import TableState
from game.store.games import Changed, SavedGame, latest_saved
from game.store.tables import TABLE, resume_table

if TYPE_CHECKING:
    from game.content.catalog import Catalog
    from game.store.database import Store

TWO_DELEGATIONS = "Two delegations"
"""How the game marks a table, a scenario for two players, wherever it lists one."""


def moves_made(state: TableState) -> int:
    """Every move either side has made, sealed ones included."""
    return sum(len(turn) for _, turn in state.path) + len(state.sealed)


@dataclass(frozen=True)
class SavedTable:
    """A table left part-way: its state and its players, or `Changed` when its file has
    changed so that it cannot resume."""

    table: Table
    state: TableState | Changed
    players: dict[str, str] = field(default_factory=dict)
    kind: Literal["table"] = TABLE

    @property
    def title(self) -> str:
        return self.table.title

    @property
    def item(self) -> str:
        return self.table.id

    @property
    def label(self) -> str:
        """How the home screen names it, e.g. "Two delegations: The bridge toll (Ann and
        Ben, 2 moves made)"."""
        if isinstance(self.state, Changed):
            return f"{TWO_DELEGATIONS}: {self.title} (file changed: start again)"
        made = moves_made(self.state)
        names = " and ".join(self.players.get(r, "") for r in self.table.role_ids)
        return (
            f"{TWO_DELEGATIONS}: {self.title} ({names}, {made} move{'s' if made != 1 else ''} made)"
        )


def saved_table(store: Store, profile_id: int, table: Table) -> SavedTable | None:
    """The table this profile left part-way, or None."""
    found = resume_table(store, profile_id, table)
    if found is None:
        return None
    if isinstance(found, Changed):
        return SavedTable(table, found)
    state, players = found
    if state.ended:
        return None
    return SavedTable(table, state, players)


def latest_place(
    store: Store, profile_id: int, catalog: Catalog, *, tables: bool = True
) -> SavedGame | SavedTable | None:
    """What "Continue" offers: the game, quiz or table left part-way most recently (no
    table without `tables`: under a roster, where a table is not played hot-seat)."""
    other = latest_saved(store, profile_id, catalog.scenarios, catalog.quizzes)
    for kind, item, _ in store.saved(profile_id):
        if other is not None and (kind, item) == (other.kind, other.item):
            return other
        if tables and kind == TABLE and item in catalog.tables:
            found = saved_table(store, profile_id, catalog.tables[item])
            if found is not None:
                return found
    return other
