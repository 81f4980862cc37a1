"""Home's "Tables": "Join a table", and from there "Open a table" (issue 35).

Join asks for the table's code, then shows its sides to pick from ("Russia's delegation is
already taken" for one held by another player); Open asks which table scenario (and, where
the class may have a roster, the teacher's code) and shows the new table's code large
enough to read out to the class. Under `treaty serve` the game already knows where the
server is, and, with a roster, holds a pass for its profile: neither is asked. Anywhere
else both screens ask for the server's address, as `treaty join URL` takes it.
"""

from __future__ import annotations

import re
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from game.net.client import Seat, Unreachable, look_table, open_table, table_address
from game.net.protocol import TABLE_CODE, Refused, Sides
from game.tui.messages import TableAddress
from game.tui.net_seat import in_app, remembered, seat_folder, served_pass, served_url
from game.tui.screens.base import TreatyScreen

ADDRESS = "The server's address, as your teacher gives it (such as http://10.0.0.5:8000/):"

CSS = """
JoinTableScreen #net-form, OpenTableScreen #net-form { padding: 0 1; height: 1fr; }
JoinTableScreen Input, OpenTableScreen Input { width: 60; max-width: 100%; }
JoinTableScreen .net-heading, OpenTableScreen .net-heading { text-style: bold; }
JoinTableScreen #join-message, OpenTableScreen #open-message { color: $text-warning; }
JoinTableScreen #join-other { margin-top: 1; }
JoinTableScreen OptionList, OpenTableScreen OptionList { height: auto; max-height: 8; }
OpenTableScreen #open-form { height: auto; }
OpenTableScreen #open-shown {
    text-style: bold; border: heavy $accent; padding: 1 4; margin: 1 0; width: auto;
    height: auto; color: $text-accent;
}
"""


def _keep_address(screen: TreatyScreen, event: Input.Changed) -> None:
    """The address as typed so far, kept for this run (Escape, or the other screen, and
    back: it is still there)."""
    if event.input.id in ("join-url", "open-url"):
        screen.ask(TableAddress(event.value.strip()))


def _address(screen: TreatyScreen, wanted: str) -> str | None:
    """The server's address: serve's own, or the one typed (None, said, when unusable)."""
    url = served_url() or screen.query_one(wanted, Input).value.strip()
    if not url or table_address(url) is None:
        screen.query_one(wanted, Input).focus()
        return None
    return url


class JoinTableScreen(TreatyScreen):
    """The table's code, then a side."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="join.back"),
    ]
    DEFAULT_CSS = CSS

    def __init__(self, url: str = "", table: str = "") -> None:
        super().__init__()
        self.url = url
        self.table = table
        self.typed_code = served_url() is None
        """Whether the student types their code here: not under `treaty serve` (with a
        roster the page took it, and the game holds a pass; without, none is needed)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="net-form"):
            yield Static("Join a table", classes="net-heading", markup=False)
            if served_url() is None:
                yield Static(ADDRESS, markup=False)
                url = self.url or self.session.table_url
                yield Input(url, placeholder="http://HOST:8000/", id="join-url")
            yield Static("The table's code (letters and digits):", markup=False)
            yield Input(self.table, placeholder="K7MQ2X", max_length=16, id="join-table")
            if self.typed_code:
                yield Static("Your code (only if your class has a roster):", markup=False)
                yield Input(password=True, max_length=64, id="join-code")
            yield Static(
                f"You play as {self.session.profile_name}.", id="join-message", markup=False
            )
            yield OptionList(id="join-sides", markup=False)
            yield OptionList(
                Option("Or open a new table, for the class to join", id="open"),
                id="join-other",
                markup=False,
            )
        yield Footer()

    @on(OptionList.OptionSelected, "#join-other")
    def open_instead(self) -> None:
        self.app.switch_screen(OpenTableScreen())

    def on_mount(self) -> None:
        self.query_one("#join-sides", OptionList).display = False
        inputs = list(self.query(Input))
        next((i for i in inputs if not i.value), inputs[-1]).focus()
        if self.table and (served_url() is not None or self.url) and not self.typed_code:
            self.look()

    def say(self, message: str) -> None:
        self.query_one("#join-message", Static).update(message)

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        _keep_address(self, event)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        empty = next((i for i in self.query(Input) if not i.value.strip()), None)
        if empty is not None and (empty.id != "join-code" or event.input is not empty):
            empty.focus()  # the code may be left empty: Enter on it looks for the table
        else:
            self.look()

    def code(self) -> str | None:
        if not self.typed_code:
            return served_pass()
        return self.query_one("#join-code", Input).value.strip() or None

    @work(exclusive=True, group="net-join")
    async def look(self) -> None:
        url = _address(self, "#join-url") if served_url() is None else served_url()
        if url is None:
            self.say("Type the server's address, such as http://10.0.0.5:8000/")
            return
        table = self.query_one("#join-table", Input).value.strip().upper()
        if not re.fullmatch(TABLE_CODE, table):
            self.say("A table's code is 4 to 16 letters and digits: check it with your teacher.")
            self.query_one("#join-table", Input).focus()
            return
        self.url, self.table = url, table
        self.say(f"Looking for table {table}…")
        try:
            found = await look_table(url, table, self.session.profile_name)
        except Unreachable as error:
            self.say(str(error)[:1].upper() + str(error)[1:] + ".")
            return
        if isinstance(found, Refused):
            self.say(found.message)
            return
        self.show_sides(found)

    def show_sides(self, found: Sides) -> None:
        sides = self.query_one("#join-sides", OptionList)
        sides.set_options(
            Option(f"{side.name}  ·  yours: go back to it", id=side.id)
            if side.yours
            else Option(f"{side.name} is already taken", id=side.id, disabled=True)
            if side.taken
            else Option(side.name, id=side.id)
            for side in found.sides
        )
        free = [s for s in found.sides if s.yours or not s.taken]
        self.say(
            f"{found.title}: choose your side."
            if free
            else f"{found.title}: both sides are taken. Ask your teacher for another table."
        )
        sides.display = True
        if free:
            sides.highlighted = found.sides.index(free[0])
            sides.focus()

    @on(OptionList.OptionSelected, "#join-sides")
    def side_chosen(self, event: OptionList.OptionSelected) -> None:
        from game.tui.screens.net_table import NetTableScreen

        code = self.code()
        seat = Seat(self.table, self.session.profile_name, event.option_id, code)
        folder = seat_folder(self.session.data_dir)
        coded = self.typed_code and code is not None
        self.app.switch_screen(NetTableScreen(self.url, seat, data_dir=folder, coded=coded))


class OpenTableScreen(TreatyScreen):
    """A new table on the server, and its code, large."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="open.back"),
    ]
    DEFAULT_CSS = CSS

    def __init__(self) -> None:
        super().__init__()
        self.url = ""
        self.opened = ""

    @property
    def asks_code(self) -> bool:
        """Whether the teacher's code is asked: anywhere but under serve without a roster
        (under a roster the browser's own pass serves when its profile is the teacher)."""
        return served_url() is None or self.session.one_profile

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="net-form"):
            yield Static("Open a table", classes="net-heading", markup=False)
            with Vertical(id="open-form"):
                if served_url() is None:
                    yield Static(ADDRESS, markup=False)
                    url = self.session.table_url
                    yield Input(url, placeholder="http://HOST:8000/", id="open-url")
                if self.asks_code:
                    yield Static("The teacher's code (if the class has a roster):", markup=False)
                    yield Input(password=True, max_length=64, id="open-code")
                yield Static("Which table? Press Enter on one to open it.", markup=False)
                yield OptionList(*self.choices(), id="open-tables", markup=False)
            yield Static("", id="open-message", markup=False)
            yield Static("", id="open-shown", markup=False)
            yield OptionList(
                Option("Join this table", id="join"),
                Option("Back to Home", id="home"),
                id="open-next",
                markup=False,
            )
        yield Footer()

    def choices(self) -> list[Option]:
        from game.content.scenario_title import title_with_year

        tables = self.catalog.tables if self.session.catalog is not None else {}
        return [Option(title_with_year(t), id=t.id) for t in tables.values()]

    def on_mount(self) -> None:
        self.query_one("#open-shown", Static).display = False
        self.query_one("#open-next", OptionList).display = False
        tables = self.query_one("#open-tables", OptionList)
        if not tables.option_count:
            self.say("There are no table scenarios here to open.")
        first = next(iter(self.query(Input)), None)
        (first or tables).focus()

    def say(self, message: str) -> None:
        self.query_one("#open-message", Static).update(message)

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        _keep_address(self, event)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    @on(OptionList.OptionSelected, "#open-tables")
    def table_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None:
            self.open(event.option_id)

    @work(exclusive=True, group="net-open")
    async def open(self, scenario: str) -> None:
        url = _address(self, "#open-url") if served_url() is None else served_url()
        if url is None:
            self.say("Type the server's address, such as http://10.0.0.5:8000/")
            return
        typed = self.query_one("#open-code", Input).value.strip() if self.asks_code else ""
        self.say("Opening a table…")
        try:
            opened = await open_table(url, scenario, typed or served_pass())
        except Unreachable as error:
            self.say(str(error)[:1].upper() + str(error)[1:] + ".")
            return
        if isinstance(opened, Refused):
            where = "type it under “The teacher's code” above, then choose the table again."
            if not self.asks_code:
                where = "ask your teacher to open the table."
            self.say(in_app(opened.message, where))
            return
        self.url, self.opened = url, opened.table
        self.say(
            f"Table {opened.table} is open ({opened.title}). Read its code out to the class: "
            "each student chooses Tables on Home (or presses j), types it, and picks a side."
        )
        self.query_one("#open-form").display = False  # the code alone, large, in sight
        shown = self.query_one("#open-shown", Static)
        shown.update("  ".join(opened.table))
        shown.display = True
        follow = self.query_one("#open-next", OptionList)
        follow.display = True
        follow.highlighted = 0
        follow.focus()
        shown.scroll_visible(animate=False)

    @on(OptionList.OptionSelected, "#open-next")
    def next_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id == "join":
            self.app.switch_screen(JoinTableScreen(self.url, self.opened))
        else:
            self.dismiss()


def continue_table(screen: TreatyScreen) -> None:
    """Home's "Continue: table CODE as Japan's delegation": rejoin at once, or (when the
    student's code was typed, and so not kept) ask it again with the rest filled in."""
    from game.tui.screens.net_table import NetTableScreen

    session = screen.session
    folder = seat_folder(session.data_dir)
    seat = remembered(folder, session.profile_name)
    if seat is None:
        screen.notify("That table is no longer remembered here: join it again.")
        return
    url = served_url() or seat.url
    if seat.coded and served_pass() is None:
        screen.app.push_screen(JoinTableScreen(url, seat.table))
        return
    rejoin = Seat(seat.table, session.profile_name, seat.side, served_pass())
    screen.app.push_screen(NetTableScreen(url, rejoin, data_dir=folder, coded=seat.coded))
