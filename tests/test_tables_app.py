"""Home's "Join a table" and "Open a table" (issue 35), with Pilot against a real `treaty
serve --roster` on loopback and a scripted `treaty join --plain` for the other side. No
mocks: the app's websocket is aiohttp's, the server kills and restarts for real."""

from __future__ import annotations

import asyncio
import csv
import json
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from test_console import act, teacher
from test_serve import needs_chromium, open_browser, screen_shows
from test_table_footers import keys_cut_off
from test_tables_net import Server, connect, treaty
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from game.net.client import look_table
from game.net.protocol import Sides
from game.tui.app import make_app
from game.tui.net_seat import TABLE_PASS, TABLES_URL, remembered
from game.tui.widgets.move_list import MoveList
from helpers import screen_text

RIVERTON_ONLY = ("The bridge needs repairs", "Money for repairs")
MILLBROOK_ONLY = ("Traders' patience", "Your traders cross the bridge", "Your traders take")


def start_with_roster(folder: Path) -> tuple[Server, dict[str, str]]:
    (folder / "class.txt").write_text("Ann\nBen\n")
    running = Server(folder, None, "--roster", str(folder / "class.txt")).start()
    with (folder / "class-codes.csv").open(newline="") as found:
        return running, {row["name"]: row["code"] for row in csv.DictReader(found)}


@pytest.fixture(scope="module")
def roster_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Server, dict[str, str]]]:
    running, codes = start_with_roster(tmp_path_factory.mktemp("roster"))
    yield running, codes
    running.kill()


@pytest.fixture
def own_roster_server(tmp_path: Path) -> Iterator[tuple[Server, dict[str, str]]]:
    """A server of this test's own (the test kills it)."""
    running, codes = start_with_roster(tmp_path)
    yield running, codes
    running.kill()


@pytest.fixture(autouse=True)
def not_under_serve(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal's app: it is told no server's address and holds no pass."""
    monkeypatch.delenv(TABLES_URL, raising=False)
    monkeypatch.delenv(TABLE_PASS, raising=False)


def shown(app: object) -> str:
    """What is on screen, and all of the table's text (below the fold too)."""
    from textual.app import App

    assert isinstance(app, App)
    body = "\n".join(str(s.render()) for s in app.screen.query(Static))
    return screen_text(app) + "\n" + body


async def until(
    pilot: Pilot[object], text: str, seconds: float = 40, without: str | None = None
) -> str:
    """What the app shows once `text` is on its screen (the server answers in its time),
    and `without` no longer is (a footer is redrawn after the screen's text)."""
    deadline = time.monotonic() + seconds
    while True:
        seen = screen_text(pilot.app)
        if text in seen and (without is None or without not in seen):
            return shown(pilot.app)
        if time.monotonic() > deadline:
            raise AssertionError(f"never shown: {text!r}\n{seen}")
        await pilot.pause(0.05)


async def choose(pilot: Pilot[object], menu: str, option: str) -> None:
    """Highlight the option with id `option` in `menu` and press Enter."""
    options = pilot.app.screen.query_one(menu, OptionList)
    options.highlighted = options.get_option_index(option)
    options.focus()
    await pilot.press("enter")


async def type_in(pilot: Pilot[object], text: str) -> None:
    await pilot.press(*text, "enter")


async def open_as_teacher(server: Server, teacher: str) -> str:
    async with aiohttp.ClientSession() as session:
        client = await connect(session, server)
        await client.send(type="open", scenario="two-towns", code=teacher)
        table = str((await client.until("opened"))["table"])
        await client.ws.close()
        return table


async def side_taken(server: Server, table: str, side: str) -> None:
    deadline = time.monotonic() + 40
    while True:
        found = await look_table(server.url, table)
        if isinstance(found, Sides) and any(s.id == side and s.taken for s in found.sides):
            return
        assert time.monotonic() < deadline, "the scripted player never took its side"
        await asyncio.sleep(0.1)


async def said(player: asyncio.subprocess.Process, line: str) -> None:
    """Wait until the scripted player has said `line` (its output so far is read)."""
    assert player.stdout is not None
    while line not in (await asyncio.wait_for(player.stdout.readline(), 40)).decode():
        pass


async def test_an_app_joins_a_table_plays_it_through_a_restart_and_a_reload_to_its_ending(
    own_roster_server: tuple[Server, dict[str, str]], tmp_path: Path
) -> None:
    server, codes = own_roster_server
    table = await open_as_teacher(server, codes["teacher"])
    ben = await asyncio.create_subprocess_exec(
        *treaty(),
        *("join", server.url, table, "--side", "millbrook", "--profile", "Ben"),
        *("--code", codes["Ben"], "--plain"),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert ben.stdin is not None
    again: Server | None = None
    content = [str(server.folder / "content")]
    data = tmp_path / "ann-data"
    try:
        await side_taken(server, table, "millbrook")
        app = make_app(content=content, profile="Ann", data_dir=data, only=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, "Tables     ·  on the class's server")
            await choose(pilot, "#home-menu", "table-join")
            await until(pilot, "Join a table")
            await type_in(pilot, server.url)
            await type_in(pilot, table.lower())  # read out, typed as heard
            await type_in(pilot, codes["Ann"])
            text = await until(pilot, "choose your side")
            assert "Millbrook's council is already taken" in text
            await pilot.press("enter")  # Riverton's council, the free side
            text = await until(pilot, "Your turn")
            assert f"Table {table}  ·  Riverton's council (Ann)" in text
            assert all(private in text for private in RIVERTON_ONLY)
            assert not [private for private in MILLBROOK_ONLY if private in text]
            assert "1. Ask for a high toll" in screen_text(app)  # the moves fit at 80×24
            ben.stdin.write(b"1\n")  # Offer to share the cost of repairs, sealed
            await said(ben, "Waiting for Riverton's council…")
            # The server dies and comes back: the app says so, never frozen, and rejoins.
            server.kill()
            await until(pilot, "Connection lost, trying again…")
            again = Server(server.folder, server.port, *server.options).start()
            await until(pilot, "Your turn")
            await pilot.press("1")  # picks "Ask for a high toll", and plays nothing yet
            await until(pilot, "Enter plays move 1")
            assert "Your turn" in screen_text(app) and "Waiting" not in screen_text(app)
            await pilot.press("enter")
            text = await until(pilot, "The moves:")
            assert "Millbrook's council: “Offer to share the cost of repairs”" in text
            assert "Riverton's council: “Ask for a high toll”" in text
            await until(pilot, "Waiting for Millbrook's council…")  # Millbrook's scene alone
        # The tab is reloaded: a new game, which offers to continue and rejoins.
        seat = remembered(data, "Ann")
        assert seat is not None and (seat.table, seat.side) == (table, "riverton"), seat
        kept = "".join(p.read_text() for p in (data / "table-seats").iterdir())
        assert codes["Ann"] not in kept and codes["Ann"].lower() not in kept
        app = make_app(content=content, profile="Ann", data_dir=data, only=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, f"Continue   ·  table {table} as Riverton's council")
            await choose(pilot, "#home-menu", "table-continue")
            await until(pilot, "Join a table")  # the code typed is never kept: asked again
            await type_in(pilot, codes["Ann"])
            text = await until(pilot, "choose your side")
            assert "Riverton's council  ·  yours: go back to it" in text
            await pilot.press("enter")
            await until(pilot, "Waiting for Millbrook's council…")
            ben.stdin.write(b"1\n")  # Propose a toll for carts only
            text = await until(pilot, "Your turn")
            assert "Millbrook has spoken. Riverton has the last word." in text
            # An Enter pressed as the new scene comes plays nothing: none is picked yet.
            await pilot.press("enter")
            await until(pilot, "Pick a move first: its number or ↑ ↓, then Enter plays it.")
            assert "Enter plays move" not in screen_text(app)
            await pilot.press("2", "enter")  # Insist on your toll
            text = await until(pilot, "The end: No deal")
            assert "Why this ending" in text and "What really happened" in text
            footer = await until(pilot, "esc Leave")
            assert "Leave (your side is kept)" not in footer  # nothing is kept at the end
            assert "For Riverton's council only" in text
            assert "The bridge stays closed for repairs you cannot pay for." in text
            assert "Your traders take the long road round." not in text
            assert "Millbrook's council (Ben): “Offer to share the cost of repairs”" in text
            await pilot.press("escape")
            text = await until(pilot, "Tables     ·  on the class's server")
            assert "Continue   ·  table" not in text  # the table has ended
        output = (await asyncio.wait_for(ben.communicate(), 60))[0].decode()
        assert "== The end: No deal ==" in output
        assert not [private for private in RIVERTON_ONLY if private in output]
    finally:
        if ben.returncode is None:
            ben.kill()
            await ben.wait()
        if again is not None:
            again.kill()


async def keys(ws: aiohttp.ClientWebSocketResponse, typed: str) -> None:
    """Keys pressed in the browser tab, as the page sends them to the game."""
    await ws.send_str(json.dumps(["stdin", typed]))


ENTER = "\r"


async def test_a_browser_game_joins_with_nothing_typed_but_the_table_and_continues_after_a_reload(
    roster_server: tuple[Server, dict[str, str]],
) -> None:
    """The issue's "Done when": under `treaty serve --roster`, a browser tab (its code typed
    once, on the page) joins from Home with only the table's code, plays against another
    machine's client, is reloaded mid-table, continues from Home and reaches the ending."""
    server, codes = roster_server
    table = await open_as_teacher(server, codes["teacher"])
    page = f"http://127.0.0.1:{server.port}"
    async with (
        aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser,
        aiohttp.ClientSession() as terminal,
    ):
        async with browser.post(page + "/code", data={"name": "Ann", "code": codes["Ann"]}):
            pass
        ben = await connect(terminal, server)
        await ben.send(type="join", table=table, profile="Ben", side="millbrook", code=codes["Ben"])
        await ben.view(side="millbrook")
        tab = await browser_game(browser, page)
        assert await screen_shows(tab, "Tables")
        await keys(tab, "j")  # Home → Tables (Join)
        assert await screen_shows(tab, "The table's code")
        await keys(tab, table.lower() + ENTER)  # no address, no code: serve gave them
        assert await screen_shows(tab, "Millbrook's council is already taken")
        await keys(tab, ENTER)
        assert await screen_shows(tab, "Your turn")
        await keys(tab, "1")  # picks "Ask for a high toll"
        assert await screen_shows(tab, "Enter plays move 1")
        await keys(tab, ENTER)
        await ben.view(to_move=["Millbrook's council"])  # Ann's move is in, sealed
        assert await screen_shows(tab, "Waiting")  # (a screen's changes come in pieces)
        await tab.close()  # the tab is reloaded: its game ends, and a new one starts
        await ben.view(absent=["Riverton's council"])
        tab = await browser_game(browser, page)
        assert await screen_shows(tab, f"table {table} as Riverton's council")
        await tab.send_str(json.dumps(["focus"]))  # as the page does when the tab is clicked
        await keys(tab, ENTER)  # Continue: first on Home, and the menu has the keys
        await ben.view(absent=[])  # Ann is back at the table, with no code typed
        assert await screen_shows(tab, "Waiting")
        await ben.send(type="move", table=table, side="millbrook", step=0, number=1)
        await ben.view(step=1)
        await ben.send(type="move", table=table, side="millbrook", step=1, number=1)
        assert await screen_shows(tab, "Your turn")
        await keys(tab, "2")  # Insist on your toll
        assert await screen_shows(tab, "Enter plays move 2")
        await keys(tab, ENTER)
        assert await screen_shows(tab, "The end: No deal")
        view = await ben.view(step=3)
        assert view["ending"]["title"] == "No deal"
        await tab.close()
        await ben.ws.close()


async def browser_game(
    browser: aiohttp.ClientSession, page: str
) -> aiohttp.ClientWebSocketResponse:
    """Ann's game in a tab, as the page opens it (its Origin, its size)."""
    ws = await browser.ws_connect(
        f"{page}/ws/as/Ann?width=100&height=30", headers={"Origin": page}, max_msg_size=0
    )
    await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
    return ws


def test_a_games_pass_stands_for_its_own_profiles_code_and_no_one_elses(tmp_path: Path) -> None:
    from game.content.catalog import check
    from game.net.authority import Refusal, Tables
    from game.net.protocol import Join
    from game.net.roster import Roster
    from game.store.table_log import TableLog

    towns = Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml"
    roster = Roster.of({"Ann": "ANNSCODE", "Ben": "BENSCODE", "teacher": "TEACHERS"})
    tables = Tables(lambda: check([towns]), TableLog(tmp_path / "tables.sqlite3"), roster)
    code = tables.open("two-towns", "TEACHERS").table
    ann = tables.game_pass("Ann")
    assert ann != tables.game_pass("Ben") and "ANNSCODE" not in ann
    with pytest.raises(Refusal, match="That is not the teacher's code"):
        tables.open("two-towns", ann)  # a student's pass opens no table
    for forged in (tables.game_pass("Ben"), ann[:-1] + "0", ann.upper()):
        with pytest.raises(Refusal, match="That is not Ann's code"):
            tables.join(Join(type="join", table=code, profile="Ann", code=forged), object())
    seat = Join(type="join", table=code, profile="ann", side="riverton", code=ann)
    assert tables.join(seat, object())[1] == "riverton"
    # Which sides are free: no player's name, the asker's own side marked.
    sides = {s.id: s for s in tables.sides(code.lower(), "ann").sides}
    assert (sides["riverton"].taken, sides["riverton"].yours) == (True, True)
    assert (sides["millbrook"].taken, sides["millbrook"].yours) == (False, False)
    assert "ann" not in tables.sides(code, "Ben").model_dump_json().lower()
    with pytest.raises(Refusal, match="There is no table ZZZZ9 on this server"):
        tables.sides("ZZZZ9")
    # Another start of the server: the old passes are worth nothing.
    again = Tables(lambda: check([towns]), TableLog(tmp_path / "tables.sqlite3"), roster)
    with pytest.raises(Refusal, match="That is not Ann's code"):
        again.join(Join(type="join", table=code, profile="Ann", code=ann), object())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_open_asks_the_teachers_code_and_shows_the_new_tables_code_large(
    roster_server: tuple[Server, dict[str, str]], tmp_path: Path, size: tuple[int, int]
) -> None:
    server, codes = roster_server
    content = [str(server.folder / "content")]
    app = make_app(content=content, profile="Ann", data_dir=tmp_path / "data", only=True)
    async with app.run_test(size=size) as pilot:
        await until(pilot, "Tables     ·  on the class's server")
        await pilot.press("j")
        await until(pilot, "Join a table")
        app.screen.query_one("#join-url", Input).value = server.url  # typed in the test above
        await type_in(pilot, "")
        await type_in(pilot, "NOSUCH")
        await pilot.press("enter")  # no code: none is needed to look
        await until(pilot, "There is no table NOSUCH on this server: check its code.")
        await choose(pilot, "#join-other", "open")
        await until(pilot, "Open a table")
        app.screen.query_one("#open-url", Input).value = server.url
        await type_in(pilot, "")
        await choose(pilot, "#open-tables", "two-towns")  # no code yet: where to type it
        text = " ".join((await until(pilot, "takes the teacher")).split())
        assert (
            "Opening a table takes the teacher's code: type it under “The teacher's code” "
            "above, then choose the table again." in text
        )
        assert "--code" not in text  # that is the terminal's advice
        app.screen.query_one("#open-code").focus()
        await type_in(pilot, codes["Ann"])
        await choose(pilot, "#open-tables", "two-towns")
        await until(pilot, "That is not the teacher's code.")
        code_input = app.screen.query_one("#open-code")
        code_input.focus()
        await pilot.press(*["backspace"] * 8, *codes["teacher"], "enter")
        await choose(pilot, "#open-tables", "two-towns")
        text = await until(pilot, "is open (The bridge toll")
        table = app.screen.opened  # type: ignore[attr-defined]
        assert "  ".join(table) in screen_text(app)  # large, spaced, in sight
        assert "Which table?" not in screen_text(app)  # the form has made way for it
        assert "Read its code out to the class" in " ".join(text.split())
        found = await look_table(server.url, table)
        assert isinstance(found, Sides) and not any(s.taken for s in found.sides)
        await choose(pilot, "#open-next", "join")
        await until(pilot, "Join a table")
        await type_in(pilot, codes["Ann"])  # address and table filled in: the code is asked
        text = await until(pilot, "choose your side")
        assert "Riverton's council" in text and "already taken" not in text


@needs_chromium
async def test_a_browser_tab_reaches_join_and_is_asked_only_the_tables_code(
    roster_server: tuple[Server, dict[str, str]], tmp_path: Path
) -> None:
    """In a real (headless) Chromium: the roster's page takes Ann's code once, the game's
    `j` opens "Join a table", which asks neither the server's address nor a code; and
    Home's menu takes Enter at once."""
    server, codes = roster_server
    table = await open_as_teacher(server, codes["teacher"])
    async for chromium in open_browser(tmp_path / "chromium"):
        tab = await chromium.new_tab(server.url + "?profile=Ann")
        deadline = time.monotonic() + 30
        while not await tab.evaluate("!!document.querySelector('input[name=code]')"):
            assert time.monotonic() < deadline, "the roster's page never came"
            await asyncio.sleep(0.1)
        await tab.evaluate(
            f"document.querySelector('input[name=code]').value = {json.dumps(codes['Ann'])};"
            "document.querySelector('form').submit()"
        )
        assert await tab.screen_shows("playing as Ann", 60)
        await tab.press("j")
        assert await tab.screen_shows("The table's code")
        for key in table:
            await tab.press(key)
        await tab.press("Enter")
        assert await tab.screen_shows("choose your side")
        shown = await tab.evaluate("window.__treaty")
        assert "The server's address" not in shown and "Your code" not in shown
        # A new tab's Home takes Enter at once (a served game starts unfocused).
        again = await chromium.new_tab(server.url + "?profile=Ann")
        assert await again.screen_shows("playing as Ann", 60)
        await again.press("Enter")
        assert await again.screen_shows("Choose a negotiation")


async def test_joining_without_a_code_says_where_to_type_it_in_the_app(
    roster_server: tuple[Server, dict[str, str]], tmp_path: Path
) -> None:
    server, codes = roster_server
    table = await open_as_teacher(server, codes["teacher"])
    content = [str(server.folder / "content")]
    app = make_app(content=content, profile="Ann", data_dir=tmp_path / "data", only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, "Tables     ·  on the class's server")
        await pilot.press("j")
        await until(pilot, "Join a table")
        await type_in(pilot, server.url)
        await type_in(pilot, table)
        await pilot.press("enter")  # the code left empty
        await until(pilot, "choose your side")
        await pilot.press("enter")
        text = " ".join((await until(pilot, "needs their code")).split())
        assert (
            "Ann needs their code: type it under “Your code” when you join (Tables, on Home)."
            " Press Escape to go back." in text
        )
        assert "--code" not in text
        assert keys_cut_off(app) == []  # the network table's footer fits 80 columns


async def test_under_serve_without_a_roster_join_asks_only_the_tables_code(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from game.tui.screens.net_join import JoinTableScreen

    monkeypatch.setenv(TABLES_URL, "http://127.0.0.1:9/")
    app = make_app(profile="Ann", data_dir=tmp_path, only=True, content=[str(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(JoinTableScreen())
        await pilot.pause()
        assert [i.id for i in app.screen.query(Input)] == ["join-table"]
        assert "The server's address" not in screen_text(app)


async def test_a_remembered_table_that_is_gone_is_said_so_and_offered_no_more(
    tmp_path: Path,
) -> None:
    from game.tui.net_seat import NetSeat, remember

    server = Server(tmp_path).start()  # no roster: the table itself is refused
    try:
        seat = NetSeat(url=server.url, table="GONE42", side="riverton", name="Riverton's council")
        remember(tmp_path / "data", "Ann", seat)
        content = [str(tmp_path / "content")]
        app = make_app(content=content, profile="Ann", data_dir=tmp_path / "data", only=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, "Continue   ·  table GONE42 as Riverton's council")
            await choose(pilot, "#home-menu", "table-continue")
            await until(pilot, "There is no table GONE42 on this server: check its code.")
            assert "Press Escape to go back." in " ".join(screen_text(app).split())
            await pilot.press("escape")
            text = await until(pilot, "Tables     ·  on the class's server")
            assert "GONE42" not in text and remembered(tmp_path / "data", "Ann") is None
    finally:
        server.kill()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_teachers_pause_and_close_are_shown_at_once_in_the_app_and_in_plain(
    roster_server: tuple[Server, dict[str, str]], tmp_path: Path, size: tuple[int, int]
) -> None:
    """Pause, resume and close from the teacher's console reach both players as they
    happen, with no key pressed: the app's moves are disabled while paused, and a closed
    table says so, is left with Esc and is no longer offered on Home. On the way, the
    server's address typed in Join is kept through Escape and the Open screen."""
    server, codes = roster_server
    table = await open_as_teacher(server, codes["teacher"])
    ben = await asyncio.create_subprocess_exec(
        *treaty(),
        *("join", server.url, table, "--side", "millbrook", "--profile", "Ben"),
        *("--code", codes["Ben"], "--plain"),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    data = tmp_path / "ann-data"
    console = await teacher(server, codes["teacher"])
    try:
        await side_taken(server, table, "millbrook")
        await said(ben, "Millbrook's council (Ben): your turn.")
        app = make_app(content=[str(server.folder / "content")], profile="Ann", data_dir=data)
        async with app.run_test(size=size) as pilot:
            await until(pilot, "Tables     ·  on the class's server")
            await pilot.press("j")
            await until(pilot, "Join a table")
            await pilot.press(*server.url, "escape")  # typed, then back to Home
            await until(pilot, "Tables     ·  on the class's server")
            await pilot.press("j")
            await until(pilot, "Join a table")
            assert app.screen.query_one("#join-url", Input).value == server.url
            await choose(pilot, "#join-other", "open")
            await until(pilot, "Open a table")
            assert app.screen.query_one("#open-url", Input).value == server.url
            await pilot.press("escape", "j")
            await until(pilot, "Join a table")
            await type_in(pilot, table)  # the address is there: the table's code is asked
            await type_in(pilot, codes["Ann"])
            await until(pilot, "choose your side")
            await pilot.press("enter")
            await until(pilot, "Your turn")
            assert "Leave (your side is kept)" in screen_text(app)
            assert keys_cut_off(app) == []  # "Play the move", "Pick a move", "Leave", "Quit"
            moves = app.screen.query_one("#net-moves", MoveList)

            assert (await act(console, server, table, "pause"))[0] == 200
            await until(pilot, "Paused by the teacher: wait until they resume the table")
            assert moves.disabled and "Your turn" not in screen_text(app)
            await said(ben, "Paused by the teacher: wait until they resume the table…")
            await pilot.press("1", "enter")  # nothing is picked, nothing is sent
            assert moves.highlighted is None and "Waiting" not in screen_text(app)

            assert (await act(console, server, table, "resume"))[0] == 200
            await until(pilot, "Your turn")
            deadline = time.monotonic() + 20  # the moves come back with their keys
            while (moves.disabled or not moves.has_focus) and time.monotonic() < deadline:
                await pilot.pause(0.05)
            assert not moves.disabled and moves.has_focus
            await said(ben, "The teacher has resumed the table.")

            assert (await act(console, server, table, "close"))[0] == 200
            text = await until(pilot, "Closed by the teacher: this table ends here.")
            assert "Press Escape to leave." in text and not moves.display
            footer = await until(pilot, "esc Leave", without="(your side is kept)")
            assert "Leave (your side is kept)" not in footer and "Play the move" not in footer
            assert remembered(data, "Ann") is None
            await said(ben, "Closed by the teacher: this table ends here, with no more moves.")
            await pilot.press("escape")
            text = await until(pilot, "Tables     ·  on the class's server")
            assert "Continue   ·  table" not in text  # closed: nothing to continue
        assert ben.stdout is not None
        rest = (await asyncio.wait_for(ben.stdout.read(), 30)).decode()
        assert await ben.wait() == 0, rest
    finally:
        await console.close()
        if ben.returncode is None:
            ben.kill()
            await ben.wait()
