"""The hot-seat app for a table (issue 34): one screen, both players at one keyboard.

Built by `make_table_app` from the table, the players and the store, as the CLI and the
tests build it; progress is saved for both players after every move (the screen posts
`TableScreen.Moved`; the app saves it)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from game.content.table_models import Table
from game.engine.table import TableState, start_table
from game.tui.screens.table import TableScreen


class TableApp(App[None]):
    """Two delegations at one table, hot-seat."""

    TITLE = "Treaty Talks: two delegations at one table"

    def __init__(
        self,
        table: Table,
        players: dict[str, str],
        state: TableState | None = None,
        on_step: Callable[[TableState], None] | None = None,
    ) -> None:
        super().__init__()
        self.table = table
        self.players = players
        self.start_state = state if state is not None else start_table(table)
        self.on_step = on_step

    def on_mount(self) -> None:
        self.push_screen(TableScreen(self.table, self.start_state, self.players))

    def on_table_screen_moved(self, message: TableScreen.Moved) -> None:
        if self.on_step is not None:
            self.on_step(message.state)

    def on_table_screen_stopped(self) -> None:
        """Esc: the game is saved after every move, so leaving loses nothing."""
        self.exit()


def make_table_app(
    table: Table,
    players: dict[str, str],
    state: TableState | None = None,
    on_step: Callable[[TableState], None] | None = None,
) -> TableApp:
    return TableApp(table, players, state, on_step)
