"""Two delegations at one table, hot-seat (issue 34): in `treaty play ID`'s own app and in
the main app, where a table is opened from the scenario list or continued from Home.

Before a side moves, the screen hides everything private behind a curtain ("Pass the
keyboard to Millbrook's council (Ben)"), until that player presses Enter; then it shows
that side's view (its brief, the shared and its own meters, flags and paragraphs, from the
engine's `side_view`) and its moves. After both moved, both moves are shown (and a move
of a scene one side plays, as plain mode and the network show it). The ending
shows both paths and what really happened to both; each side's private debrief comes only
after a curtain for that side. Names and texts are data: every Static is built with
`markup=False` or from `Text` (see `table_text`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.content.table_models import Table
from game.engine.table import TableState, submit, to_move
from game.engine.table_view import side_view
from game.tui.screens.table_text import (
    curtain_text,
    debrief_curtain_text,
    debrief_text,
    ending_text,
    moves_text,
    turn_text,
    who,
)

Mode = Literal["curtain", "turn", "reveal", "ending", "debrief-curtain", "debrief"]


class TableScreen(Screen[None]):
    """The table, one side at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "go_on", "Continue", id="table.continue"),
        Binding("escape", "stop", "Leave (saved)", id="table.stop"),
        *(
            Binding(str(n), f"choose({n})", f"Move {n}", show=False, id=f"table.move{n}")
            for n in range(1, 10)
        ),
    ]

    DEFAULT_CSS = """
    TableScreen #table-status { padding: 0 1; background: $panel; text-style: bold; }
    TableScreen #table-body { height: 1fr; padding: 0 1; }
    TableScreen #table-moves { height: auto; max-height: 8; }
    """

    @dataclass
    class Moved(Message):
        """A side moved: the new state, to be saved for both players."""

        state: TableState
        table_id: str = ""
        players: dict[str, str] | None = None

    @dataclass
    class Stopped(Message):
        """The players left the table (their moves are saved)."""

    def __init__(self, table: Table, state: TableState, players: dict[str, str]) -> None:
        super().__init__()
        self.table = table
        self.state = state
        self.players = players
        self.mode: Mode = "ending" if state.ended else "curtain"
        self.read = 0
        """At the ending: how many sides have read their private debrief."""

    def compose(self) -> ComposeResult:
        yield Static("", id="table-status", markup=False)
        with VerticalScroll(id="table-body"):
            yield Static("", id="table-text", markup=False)
        yield OptionList(id="table-moves", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    @property
    def side(self) -> str | None:
        """The side whose turn it is (None at the ending)."""
        roles = to_move(self.table, self.state)
        return roles[0] if roles else None

    def _who(self, role: str) -> str:
        return who(self.table, self.players, role)

    def show(self) -> None:
        """Put on screen what the mode says, and nothing private of any other side."""
        status = self.query_one("#table-status", Static)
        body = self.query_one("#table-text", Static)
        moves = self.query_one("#table-moves", OptionList)
        moves.clear_options()
        moves.display = False
        self.query_one("#table-body", VerticalScroll).scroll_home(animate=False)
        t, state, side = self.table, self.state, self.side
        if side is None and self.mode in ("curtain", "turn"):
            self.mode = "ending"
        if self.mode == "ending":
            status.update(f"The end: {t.endings[state.scene].title}")
            body.update(ending_text(t, state, self.read, self.players))
        elif self.mode == "debrief-curtain":
            role = t.role_ids[self.read]
            status.update(f"Pass the keyboard to {self._who(role)}")
            body.update(debrief_curtain_text(t, self.players, role))
        elif self.mode == "debrief":
            role = t.role_ids[self.read]
            status.update(f"{self._who(role)}: your private debrief")
            body.update(debrief_text(t, state, role))
        elif self.mode == "reveal":
            both = len(state.path[-1][1]) > 1
            status.update("Both moves, revealed" if both else "The move, revealed")
            body.update(moves_text(t, state))
        elif side is None:
            return
        elif self.mode == "curtain":
            status.update(f"Pass the keyboard to {self._who(side)}")
            body.update(curtain_text(t, state, self.players, side))
        else:
            status.update(f"{self._who(side)}: your turn (private)")
            body.update(turn_text(t, state, side))
            view = side_view(t, state, side)
            moves.add_options(
                [
                    Option(Text(f"{i}. {text}"), id=str(n))
                    for i, (n, text) in enumerate(view.moves, 1)
                ]
            )
            moves.display = True
            moves.highlighted = 0
            moves.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter goes on except in a side's own turn (where it takes the move) and once
        both debriefs are read; number keys take a move only in a side's own turn."""
        if action == "go_on":
            read_all = self.mode == "ending" and self.read >= len(self.table.role_ids)
            return self.mode != "turn" and not read_all
        if action == "choose":
            return self.mode == "turn"
        return True

    def action_go_on(self) -> None:
        """Enter: past the curtain, past the moves revealed, through the debriefs."""
        ending = self.state.ended
        if self.mode == "curtain":
            self.mode = "turn"
        elif self.mode == "reveal":
            self.mode = "ending" if ending else "curtain"
        elif self.mode == "ending" and self.read < len(self.table.role_ids):
            self.mode = "debrief-curtain"
        elif self.mode == "debrief-curtain":
            self.mode = "debrief"
        elif self.mode == "debrief":
            self.read += 1
            more = self.read < len(self.table.role_ids)
            self.mode = "debrief-curtain" if more else "ending"
        else:
            return
        self.show()

    def action_stop(self) -> None:
        self.post_message(self.Stopped())

    def action_choose(self, number: int) -> None:
        """A number key: the move shown with that number, in a side's own turn."""
        moves = self.query_one("#table-moves", OptionList)
        if self.mode == "turn" and 1 <= number <= moves.option_count:
            self._move(moves.get_option_at_index(number - 1).id)

    @on(OptionList.OptionSelected, "#table-moves")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._move(event.option.id)

    def _move(self, option_id: str | None) -> None:
        side = self.side
        if self.mode != "turn" or side is None or option_id is None:
            return
        before = len(self.state.path)
        self.state = submit(self.table, self.state, side, int(option_id))
        self.post_message(self.Moved(self.state, self.table.id, dict(self.players)))
        if len(self.state.path) > before:  # a step done: its moves are shown to both
            self.mode = "reveal"
        else:
            self.mode = "ending" if self.state.ended else "curtain"
        self.show()
