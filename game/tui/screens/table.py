"""Two delegations at one table, hot-seat in the app (issue 34).

Before a side moves, the screen hides everything private behind a curtain ("Pass the
keyboard to Millbrook's council"), until that player presses Enter; then it shows that
side's view (its brief, the shared and its own meters, flags and paragraphs, from the
engine's `side_view`) and its moves. After both moved, both moves are shown; at the end,
both paths, why the table ended there, each side's debrief and the history. Names and
texts are data: every Static is built with `markup=False` or from `Text`.
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

from game.analysis.table_why import table_why
from game.content.table_models import Table
from game.engine.table import TableState, moves_of, submit, to_move
from game.engine.table_view import side_view

Mode = Literal["curtain", "turn", "reveal", "ending"]


class TableScreen(Screen[None]):
    """The table, one side at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "go_on", "Continue", id="table.continue"),
        Binding("escape", "app.quit", "Stop (saved)", id="table.stop"),
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

    def __init__(self, table: Table, state: TableState, players: dict[str, str]) -> None:
        super().__init__()
        self.table = table
        self.state = state
        self.players = players
        self.mode: Mode = "ending" if state.ended else "curtain"

    def compose(self) -> ComposeResult:
        yield Static("", id="table-status", markup=False)
        with VerticalScroll(id="table-body"):
            yield Static("", id="table-text", markup=False)
        yield OptionList(id="table-moves")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    @property
    def side(self) -> str | None:
        """The side whose turn it is (None at the ending)."""
        roles = to_move(self.table, self.state)
        return roles[0] if roles else None

    def _who(self, role: str) -> str:
        return f"{self.table.roles[role].name} ({self.players.get(role, '')})"

    def show(self) -> None:
        status = self.query_one("#table-status", Static)
        body = self.query_one("#table-text", Static)
        moves = self.query_one("#table-moves", OptionList)
        moves.clear_options()
        moves.display = False
        side = self.side
        if self.mode == "ending" or side is None:
            self.mode = "ending"
            status.update(f"The end: {self.table.endings[self.state.scene].title}")
            body.update(self._ending_text())
            return
        if self.mode == "curtain":
            status.update(f"Pass the keyboard to {self._who(side)}")
            body.update(
                Text(
                    f"Only {self.table.roles[side].name} may look now: the screen hides the "
                    "other side's brief, meters and moves.\n\n"
                    f"{self.players.get(side, '')}, press Enter when you have the keyboard."
                )
            )
            return
        if self.mode == "reveal":
            status.update("Both moves, revealed")
            body.update(self._moves_text())
            return
        view = side_view(self.table, self.state, side)
        status.update(f"{self._who(side)}: your turn (private)")
        body.update(self._turn_text(side))
        moves.add_options([Option(Text(text), id=str(number)) for number, text in view.moves])
        moves.display = True
        moves.highlighted = 0
        moves.focus()

    def _turn_text(self, side: str) -> Text:
        view = side_view(self.table, self.state, side)
        text = Text()
        if view.title:
            text.append(view.title + "\n\n", style="bold")
        for paragraph in view.text:
            text.append(paragraph + "\n\n")
        if view.brief:
            text.append(f"Your brief ({view.name} only)\n", style="bold")
            text.append(view.brief.strip() + "\n\n")
        for meter in view.meters:
            whose = "yours only" if meter.private else "shared"
            text.append(f"{meter.label}: {meter.value} ({whose})\n")
        for flag in view.flags:
            if self.table.side_of(flag) == side:
                text.append(f"Yours only: {self.table.flags[flag].means or flag}\n")
        return text

    def _moves_text(self) -> Text:
        scene_id, turn = self.state.path[-1]
        text = Text()
        for role, number in turn:
            move = moves_of(self.table, scene_id, role)[number - 1]
            text.append(f"{self.table.roles[role].name}: “{move.text}”\n")
        text.append("\nPress Enter to go on.")
        return text

    def _ending_text(self) -> Text:
        t, state = self.table, self.state
        ending = t.endings[state.scene]
        text = Text()
        first = side_view(t, state, t.role_ids[0])
        for paragraph in first.text:
            text.append(paragraph + "\n\n")
        text.append("Both paths\n", style="bold")
        for role_id, role in t.roles.items():
            made = [
                f"“{moves_of(t, scene, role_id)[n - 1].text}”"
                for scene, turn in state.path
                for r, n in turn
                if r == role_id
            ]
            text.append(f"{role.name}: {', '.join(made) or 'no move'}\n")
        why = table_why(t, state)
        if why.lines:
            text.append("\nWhy this ending\n", style="bold")
            for line in why.lines:
                text.append(line + "\n")
        for role_id, role in t.roles.items():
            debrief = side_view(t, state, role_id).debrief
            if debrief:
                text.append(f"\nFor {role.name} only\n", style="bold")
                text.append(debrief + "\n")
        text.append("\nWhat really happened\n", style="bold")
        text.append(ending.history.strip() + "\n")
        return text

    def action_go_on(self) -> None:
        if self.mode == "curtain":
            self.mode = "turn"
        elif self.mode == "reveal":
            self.mode = "curtain"
        else:
            return
        self.show()

    @on(OptionList.OptionSelected, "#table-moves")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        side = self.side
        if self.mode != "turn" or side is None or event.option.id is None:
            return
        before = len(self.state.path)
        self.state = submit(self.table, self.state, side, int(event.option.id))
        self.post_message(self.Moved(self.state))
        if self.state.ended:
            self.mode = "ending"
        elif len(self.state.path) > before and len(self.state.path[-1][1]) > 1:
            self.mode = "reveal"
        else:
            self.mode = "curtain"
        self.show()
