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

Every mode says what its keys do, in the footer and on the screen, down to the last one
(Enter leaves the table). A number key or a click only picks a move; Enter plays it (a
move is sealed and the keyboard passes on: a slip would lose it). At 80×24 a side's
meters are on a line of their own at the top, and the text's border says "▼ more below"
while there is more to read, as the solo game's story does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from game.content.table_models import Table
from game.engine.table import TableState, submit, to_move
from game.engine.table_view import side_view
from game.tui.screens.help import TABLES, HelpScreen
from game.tui.screens.table_text import (
    curtain_text,
    debrief_curtain_text,
    debrief_text,
    ending_text,
    meters_line,
    moves_text,
    stuck_text,
    turn_text,
    who,
)
from game.tui.widgets.move_list import MoveList

Mode = Literal["curtain", "turn", "reveal", "ending", "debrief-curtain", "debrief", "stuck"]


class TableText(VerticalScroll):
    """The table's text. Resized (the moves shown or hidden under it, the window), it
    says so: what its border says of more below depends on its height."""

    class Resized(Message):
        """The text's room changed."""

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class TableScreen(Screen[None]):
    """The table, one side at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Enter does one thing in each mode, and the footer names it. Priority: in a
        # side's turn Enter plays the picked move, whichever part of the screen is focused.
        Binding("enter", "go_on", "Continue", priority=True, id="table.continue"),
        Binding("enter", "play", "Play the move", priority=True, id="table.play"),
        Binding("enter", "leave", "Leave the table", priority=True, id="table.leave"),
        Binding("1", "choose(1)", "Pick", key_display="1-9", id="table.move1"),
        *(
            Binding(str(n), f"choose({n})", f"Move {n}", show=False, id=f"table.move{n}")
            for n in range(2, 10)
        ),
        Binding(
            "pagedown,space",
            "page(1)",
            "Read on",
            key_display="PgDn",
            priority=True,
            id="table.read_on",
        ),
        Binding("pageup", "page(-1)", "Read back", show=False, priority=True, id="table.back"),
        # Home and End go to the text's top and end; so does PgDn once the text has ended
        # (a page key never falls through to the moves and changes the one picked).
        Binding(
            "end,pagedown", "page_to(1)", "To the end", show=False, priority=True, id="table.end"
        ),
        Binding("home", "page_to(-1)", "To the top", show=False, priority=True, id="table.top"),
        Binding("escape", "stop", "Leave (saved)", id="table.stop"),
        # Once the table has ended it is no longer saved: Esc just leaves.
        Binding("escape", "leave_ended", "Leave", id="table.stop_ended"),
        Binding("escape", "leave", "Leave the table", show=False, id="table.done"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="table.help"),
    ]

    DEFAULT_CSS = """
    TableScreen #table-status { padding: 0 1; background: $panel; text-style: bold; }
    TableScreen #table-meters { padding: 0 1; background: $panel; max-height: 3; }
    TableScreen #table-body {
        height: 1fr;
        padding: 0 1;
        border: round $primary;
        border-subtitle-align: right;
        border-title-align: right;
    }
    TableScreen #table-moves { height: auto; max-height: 9; border-title-align: left; }
    """

    @dataclass
    class Moved(Message):
        """A side moved: the new state, to be saved for both players."""

        state: TableState
        table_id: str = ""
        players: dict[str, str] | None = None

    @dataclass
    class Stopped(Message):
        """The players left the table (their moves are saved). `stuck`: it was left at a
        soft-lock, where it cannot go on, so nothing is kept to continue (`table_id` and
        `players` say whose save to forget)."""

        stuck: bool = False
        table_id: str = ""
        players: dict[str, str] | None = None

    def __init__(
        self, table: Table, state: TableState, players: dict[str, str], back_to: str = ""
    ) -> None:
        super().__init__()
        self.table = table
        self.state = state
        self.players = players
        self.back_to = back_to
        """Where leaving the table goes ("the scenario list"), as the last screen says it."""
        self.mode: Mode = "ending" if state.ended else "curtain"
        self.read = 0
        """At the ending: how many sides have read their private debrief."""
        self.below = "▼ more below"
        """What the text's border says while there is more to read below."""

    def compose(self) -> ComposeResult:
        yield Static("", id="table-status", markup=False)
        yield Static("", id="table-meters", markup=False)
        with TableText(id="table-body"):
            yield Static("", id="table-text", markup=False)
        yield MoveList(id="table-moves", markup=False)
        yield Footer(show_command_palette=False)  # room for every key at 80 columns

    def on_mount(self) -> None:
        body = self.query_one("#table-body")
        self.watch(body, "scroll_y", self._say_more, init=False)
        # A new text, or the moves shown or hidden under it: the room to scroll changes.
        self.watch(body, "virtual_size", self._say_more, init=False)
        self.show()

    @property
    def side(self) -> str | None:
        """The side whose turn it is (None at the ending)."""
        roles = to_move(self.table, self.state)
        return roles[0] if roles else None

    @property
    def finished(self) -> bool:
        """At the ending, with both private debriefs read: nothing left but to leave."""
        return self.mode == "ending" and self.read >= len(self.table.role_ids)

    def _keeps(self) -> str:
        """After a scene one side played alone, that side when it moves next too: it has
        the keyboard already, so there is nothing to pass; else ""."""
        if not self.state.path or self.side is None:
            return ""
        turn = self.state.path[-1][1]
        return turn[0][0] if len(turn) == 1 and turn[0][0] == self.side else ""

    def _who(self, role: str) -> str:
        return who(self.table, self.players, role)

    def show(self) -> None:
        """Put on screen what the mode says, and nothing private of any other side."""
        status = self.query_one("#table-status", Static)
        body = self.query_one("#table-text", Static)
        meters = self.query_one("#table-meters", Static)
        moves = self.query_one("#table-moves", MoveList)
        moves.clear_options()
        meters.update("")  # a side's private meters leave the screen with its turn
        moves.display = meters.display = False
        scroll = self.query_one("#table-body", VerticalScroll)
        scroll.scroll_home(animate=False)
        t, state, side = self.table, self.state, self.side
        self.below = "▼ more below"
        if self.mode in ("curtain", "turn"):
            if side is None:
                self.mode = "ending"
            elif not side_view(t, state, side).moves:  # a soft-lock in the file: said,
                self.mode = "stuck"  # never a silent dead end
        if self.mode == "ending":
            status.update(f"The end: {t.endings[state.scene].title}")
            body.update(ending_text(t, state, self.read, self.players, self.back_to))
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
            body.update(moves_text(t, state, self.players, self._keeps()))
        elif side is None:
            return
        elif self.mode == "stuck":
            status.update(f"{t.roles[side].name} has no move")
            body.update(stuck_text(t, side, self.back_to))
        elif self.mode == "curtain":
            status.update(f"Pass the keyboard to {self._who(side)}")
            body.update(curtain_text(t, state, self.players, side))
        else:
            status.update(f"{self._who(side)}: your turn (private)")
            view = side_view(t, state, side)
            meters.update(meters_line(view))
            meters.display = bool(view.meters)
            body.update(turn_text(t, state, side))
            if view.brief:
                self.below = "▼ more below, with your brief"
            moves.show(view.moves)
            moves.border_title = "Your move: a number or ↑ ↓ picks it, Enter plays it"
            moves.display = True
            moves.focus()
        if self.mode != "turn":
            scroll.focus()  # ↑ ↓ read the text
        self.refresh_bindings()
        self.call_after_refresh(self._say_more)

    def _say_more(self) -> None:
        """The text's border says where there is more to read (a scrollbar alone is easy
        to miss at 80×24), and the footer offers PgDn only then."""
        scroll = self.query_one("#table-body", VerticalScroll)
        y = scroll.scroll_offset.y
        title = "▲ more above" if y > 0 else None
        subtitle = f"{self.below} (PgDn)" if y < scroll.max_scroll_y else None
        if (scroll.border_title, scroll.border_subtitle) != (title, subtitle):
            scroll.border_title, scroll.border_subtitle = title, subtitle
            self.refresh_bindings()

    def on_resize(self) -> None:
        self.call_after_refresh(self._say_more)

    def on_table_text_resized(self) -> None:
        self._say_more()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter goes on, plays the picked move in a side's own turn, or leaves once both
        debriefs are read; number keys pick a move only in a side's own turn; PgDn is
        offered while there is more to read. Esc leaves, "saved" until the ending (a
        finished table is no longer saved), hidden once Enter leaves too."""
        if action == "go_on":
            return self.mode not in ("turn", "stuck") and not self.finished
        if action in ("play", "choose"):
            return self.mode == "turn"
        if action == "leave":
            return self.finished or self.mode == "stuck"
        if action == "stop":
            return not self.state.ended and self.mode != "stuck"
        if action == "leave_ended":
            return self.state.ended and not self.finished
        if action == "page" and parameters == (1,):
            return bool(self.query_one("#table-body").border_subtitle)
        return True

    def action_go_on(self) -> None:
        """Enter: past the curtain, past the moves revealed, through the debriefs."""
        ending = self.state.ended
        if self.mode == "curtain":
            self.mode = "turn"
        elif self.mode == "reveal":
            self.mode = "ending" if ending else "turn" if self._keeps() else "curtain"
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

    def action_page(self, direction: int) -> None:
        """PgDn and PgUp (and space) scroll the text, even while the moves have the keys."""
        scroll = self.query_one("#table-body", VerticalScroll)
        if direction > 0:
            scroll.scroll_page_down(animate=False)
        else:
            scroll.scroll_page_up(animate=False)

    def action_page_to(self, direction: int) -> None:
        """End (or PgDn at the end) and Home: the text's end or top, never the moves'."""
        scroll = self.query_one("#table-body", VerticalScroll)
        if direction > 0:
            scroll.scroll_end(animate=False)
        else:
            scroll.scroll_home(animate=False)

    def action_stop(self) -> None:
        """Esc before the ending: leave; every move so far is saved for both players."""
        self.post_message(self.Stopped())

    def action_leave_ended(self) -> None:
        """Esc at the ending, before both debriefs are read: leave (nothing is kept to
        continue: the game has been recorded)."""
        self.post_message(self.Stopped())

    def action_help(self) -> None:
        """? or F1: Help, opened at how two students play a table. Its Esc comes back to
        the table as it was left: the same step, the move picked, the curtain still up."""
        self.app.push_screen(HelpScreen(part=TABLES))

    def action_leave(self) -> None:
        """Enter or Esc on the last screen: back where the table was opened from. A table
        stuck at a soft-lock is forgotten, so Home's Continue never leads back to it."""
        stuck = self.mode == "stuck"
        self.post_message(self.Stopped(stuck, self.table.id, self.players if stuck else None))

    def action_choose(self, number: int) -> None:
        """A number key: picks the move shown with that number; Enter plays it."""
        if self.mode == "turn":
            self.query_one("#table-moves", MoveList).pick(number)

    def action_play(self) -> None:
        """Enter in a side's own turn: the picked (highlighted) move."""
        moves = self.query_one("#table-moves", MoveList)
        if self.mode == "turn" and moves.highlighted is not None:
            self._move(moves.get_option_at_index(moves.highlighted).id)

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
