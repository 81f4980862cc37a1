"""One side of a table over the network, in the app (issue 35): in a terminal, or in a
browser tab under `treaty serve`.

Everything shown is the server's view of this side (`game.net.protocol.View`): its brief,
the shared and its own meters, the scene, its moves. While the other side has not moved
the screen says so ("Waiting for Russia's delegation…"); both moves are shown once made;
the ending shows this side's debrief and why. A dropped connection says "Connection lost,
trying again…" and rejoins the same table and side by itself; the seat is remembered in
the data folder, so a reloaded tab offers to continue it from Home.

As at the hot-seat table, a move's number or ↑ ↓ picks it and Enter plays it (`MoveList`).
A new scene's moves start with none picked, so an Enter pressed just after a move never
plays one in a scene the student has not read. The teacher's pause is said at the top at
once, with the moves disabled until they resume; a table closed by the teacher, or ended,
is forgotten (Home no longer offers to continue it) and its screen says what happened.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from game.net.client import Connection, Replaced, Seat, Unreachable
from game.net.protocol import Move, Refused, View
from game.tui.net_seat import NetSeat, forget, in_app, remember, remembered, served_url
from game.tui.screens.net_table_text import (
    ending_text,
    status_line,
    view_text,
    waiting_line,
)
from game.tui.widgets.move_list import MoveList

RETRY_SECONDS = 1.0
LOST = "Connection lost, trying again…"
UNREACHED = "Cannot reach the server yet, trying again…"
PICK_FIRST = "Pick a move first: its number or ↑ ↓, then Enter plays it."
MOVES_TITLE = "Your move: a number or ↑ ↓ picks it, Enter plays it"


class NetTableScreen(Screen[None]):
    """This side of a table on a server, kept connected."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: while the moves are on offer, Enter plays the picked one wherever the
        # focus is (as at the hot-seat table).
        Binding("enter", "play", "Play the move", priority=True, id="nettable.play"),
        Binding("1", "choose(1)", "Pick a move", key_display="1-9", id="nettable.move1"),
        *(
            Binding(str(n), f"choose({n})", f"Move {n}", show=False, id=f"nettable.move{n}")
            for n in range(2, 10)
        ),
        Binding("escape", "leave", "Leave (your side is kept)", id="nettable.leave"),
        # At the ending, or once the table is closed or refused, there is nothing to keep.
        Binding("escape", "leave_done", "Leave", id="nettable.leave_done"),
    ]

    DEFAULT_CSS = """
    NetTableScreen #net-status { padding: 0 1; background: $panel; text-style: bold; }
    NetTableScreen #net-state { padding: 0 1; background: $boost; color: $text-warning; }
    NetTableScreen #net-body { height: 1fr; padding: 0 1; }
    NetTableScreen #net-moves { height: auto; max-height: 9; border-title-align: left; }
    """

    def __init__(
        self,
        url: str,
        seat: Seat,
        *,
        data_dir: Path | None = None,
        coded: bool = False,
    ) -> None:
        super().__init__()
        self.url = url
        self.seat = seat
        self.data_dir = data_dir
        self.coded = coded
        """Whether the student typed a code (it is asked again after a restart, never kept)."""
        self.connection = Connection(url)
        self.view: View | None = None
        self.moved: int | None = None
        """The step this side's move was sent for (its moves are not offered again)."""
        self.note = "Joining the table…"
        self.done = False
        self.offered: int | None = None
        """The step whose moves are on offer."""

    def compose(self) -> ComposeResult:
        yield Static("", id="net-status", markup=False)
        yield Static(self.note, id="net-state", markup=False)
        with VerticalScroll(id="net-body"):
            yield Static("", id="net-text", markup=False)
        yield MoveList(id="net-moves", markup=False)
        yield Footer(show_command_palette=False)  # room for every key at 80 columns

    def on_mount(self) -> None:
        moves = self.query_one("#net-moves", MoveList)
        moves.display = False
        moves.border_title = MOVES_TITLE
        self.query_one("#net-status", Static).update(f"Table {self.seat.table}")
        self.keep_connected()

    async def on_unmount(self) -> None:
        await self.connection.close()

    def say(self, note: str) -> None:
        self.note = note
        self.query_one("#net-state", Static).update(note)

    @work(exclusive=True, group="net-table")
    async def keep_connected(self) -> None:
        try:
            await self._keep_connected()
        except NoMatches:
            pass  # the screen has gone (the app is closing) while a frame came in
        finally:
            await self.connection.close()

    async def _keep_connected(self) -> None:
        """Join, then show each view the server sends; after a dropped connection, try
        again a second apart (saying so) until the table is back or the player leaves."""
        lost = False
        while not self.done:
            try:
                await self.connection.connect()
            except Unreachable:
                self.say(LOST if self.view is not None or lost else UNREACHED)
                lost = True
                await asyncio.sleep(RETRY_SECONDS)
                continue
            if not await self.connection.send(self.seat.frame()):
                await asyncio.sleep(RETRY_SECONDS)
                continue
            lost = False
            try:
                await self.read_frames()
            except Replaced:
                self.done = True
                self.say("Your side was opened again elsewhere: this window let it go.")
                self.refresh_bindings()
                return
            if not self.done:
                self.say(LOST)
                self.moved = None  # the view after rejoining says whether the move is in
                await asyncio.sleep(RETRY_SECONDS)

    async def read_frames(self) -> None:
        while not self.done:
            frame = await self.connection.receive()
            if frame is None:
                return
            if isinstance(frame, Refused):
                self.refused(frame.message)
            elif isinstance(frame, View):
                self.show(frame)

    def refused(self, message: str) -> None:
        if self.view is None:
            # Not at the table: a side taken, a table gone, a code refused. Home offers it
            # no more (its player goes back to it from Join, with the table's code).
            self.done = True
            kept = remembered(self.data_dir, self.seat.profile)
            if kept is not None and kept.table == self.seat.table.upper():
                forget(self.data_dir, self.seat.profile)
            where = (
                "type it under “Your code” when you join (Tables, on Home)."
                if served_url() is None
                else "open the game's page again and type your name and code there."
            )
            self.say(f"{in_app(message, where)} Press Escape to go back.")
            self.refresh_bindings()
            return
        self.moved = None  # the move was not taken: offer the moves again
        self.show(self.view, note=message)

    def show(self, view: View, note: str | None = None) -> None:
        before = self.view
        first = before is None
        if before is None or view.step != before.step or view.ending is not None:
            body = ending_text(view) if view.ending is not None else view_text(view, first)
            self.query_one("#net-text", Static).update(body)
            self.query_one("#net-body", VerticalScroll).scroll_home(animate=False)
        self.view = view
        self.seat.side = view.side
        self.query_one("#net-status", Static).update(status_line(view))
        if view.ending is not None or view.closed:
            self.done = True  # nothing left to continue: Home offers it no more
            forget(self.data_dir, self.seat.profile)
        else:
            seat = NetSeat(
                url=self.url, table=view.table, side=view.side, name=view.name, coded=self.coded
            )
            remember(self.data_dir, self.seat.profile, seat)
        moves = self.query_one("#net-moves", MoveList)
        offer = (
            view.moves
            and not view.sealed
            and self.moved != view.step
            and view.ending is None
            and not view.closed
        )  # while paused, the moves stay in sight, disabled (below)
        if offer and (not moves.display or self.offered != view.step):
            self.offered = view.step
            moves.show(view.moves)
            # None picked: an Enter pressed just after the last move plays nothing here.
            moves.highlighted = None
            moves.display = True
        elif not offer:
            moves.display = False
        moves.disabled = view.paused
        if offer and not view.paused:
            moves.focus()
        self.refresh_bindings()
        waiting = waiting_line(view, self.moved == view.step)  # paused, closed: said first
        self.say(f"{note}  {waiting}" if note and not view.closed else waiting)

    def _offering(self) -> bool:
        """Whether this side's moves are on offer now (not sent, not paused)."""
        view = self.view
        moves = self.query_one("#net-moves", MoveList)
        return (
            view is not None
            and not self.done
            and not view.paused
            and moves.display
            and self.moved != view.step
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter and the number keys only while the moves are on offer; Esc keeps the
        side until the table has ended, been closed or refused this player."""
        if action in ("play", "choose"):
            return self._offering()
        if action == "leave":
            return not self.done
        if action == "leave_done":
            return self.done
        return True

    @on(OptionList.OptionSelected, "#net-moves")
    async def chosen(self, event: OptionList.OptionSelected) -> None:
        """A second click on the move picked."""
        if event.option_id is not None and self._offering():
            await self.send_move(int(event.option_id))

    def action_choose(self, shown: int) -> None:
        """A number key picks the move shown with that number; Enter plays it."""
        if self._offering():
            self.query_one("#net-moves", MoveList).pick(shown)

    async def action_play(self) -> None:
        """Enter: the picked move (none picked yet: says how to pick one)."""
        moves = self.query_one("#net-moves", MoveList)
        if not self._offering():
            return
        if moves.highlighted is None:
            self.say(PICK_FIRST)
            return
        option_id = moves.get_option_at_index(moves.highlighted).id
        if option_id is not None:
            await self.send_move(int(option_id))

    async def send_move(self, number: int) -> None:
        view = self.view
        if view is None or self.moved == view.step:
            return
        move = Move(type="move", table=view.table, side=view.side, step=view.step, number=number)
        self.moved = view.step
        self.query_one("#net-moves", MoveList).display = False
        self.refresh_bindings()
        if await self.connection.send(move):
            self.say(waiting_line(view, moved=True))
        else:
            self.moved = None
            self.say(LOST)

    def action_leave(self) -> None:
        """Esc while the table goes on: its side is kept to rejoin (Home: Continue)."""
        self.done = True
        self.dismiss()

    def action_leave_done(self) -> None:
        """Esc once the table has ended, been closed or refused this player."""
        self.dismiss()
