"""The teacher's console (issue 36) on a real `treaty serve` on loopback: HTTP with an
aiohttp client (its cookies kept as a browser keeps them), real table clients on the
tables' websocket, and one headless Chromium render of the page. No mocks."""

from __future__ import annotations

import asyncio
import csv
import os
import shutil
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from html import unescape
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from test_serve import connect as open_game
from test_serve import needs_chromium, open_browser, screen_shows
from test_tables_net import TOWNS, Client, Server, connect, treaty

from game.content.catalog import check
from game.engine import apply_choice, start
from game.store.games import save_play
from game.store.opening import open_store

HERE = Path(__file__).resolve().parent
SINGAPORE = "singapore-2018.yaml"
QUIZ = "islands.yaml"
QUIZ_TITLE = "The islands"
SCRIPT_NAME = "<script>alert('hi')</script>"
"""A student whose name is markup: shown as text, never run."""


@pytest.fixture(scope="module")
def roster_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Server, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("console")
    (folder / "class.txt").write_text(f"Ann\nBob\nDee\n{SCRIPT_NAME}\n")
    for kind, name in (
        ("scenarios", "two-towns.yaml"),
        ("scenarios", SINGAPORE),
        ("quizzes", QUIZ),
    ):
        (folder / "content" / kind).mkdir(parents=True, exist_ok=True)
        source = TOWNS if name == "two-towns.yaml" else HERE.parent / kind / name
        shutil.copy(source, folder / "content" / kind / name)
    shutil.copytree(HERE.parent / "sources", folder / "content" / "sources")  # their facts
    running = Server(folder, None, "--roster", str(folder / "class.txt")).start()
    with (folder / "class-codes.csv").open(newline="") as found:
        codes = {row["name"]: row["code"] for row in csv.DictReader(found)}
    yield running, codes
    running.kill()


def origin(server: Server) -> dict[str, str]:
    """What a browser sends with the console's own POSTs."""
    return {"Origin": server.url.rstrip("/")}


async def teacher(server: Server, code: str) -> aiohttp.ClientSession:
    """A browser session past the console's form (its cookie kept, as a browser does)."""
    session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with session.post(
        server.url + "teacher", data={"code": code}, headers=origin(server), allow_redirects=False
    ) as answer:
        assert answer.status == 303, await answer.text()
    return session


async def state(session: aiohttp.ClientSession, server: Server) -> dict[str, Any]:
    async with session.get(server.url + "teacher/state") as answer:
        assert answer.status == 200
        data: dict[str, Any] = await answer.json()
        return data


async def act(
    session: aiohttp.ClientSession, server: Server, table: str, action: str, **headers: str
) -> tuple[int, dict[str, Any]]:
    async with session.post(
        f"{server.url}teacher/tables/{table}/{action}", headers=headers or origin(server)
    ) as answer:
        return answer.status, await answer.json()


async def seat(
    session: aiohttp.ClientSession, server: Server, codes: dict[str, str], table: str, name: str
) -> Client:
    client = await connect(session, server)
    await client.send(type="join", table=table, profile=name, code=codes[name])
    await client.until("view")
    return client


async def new_table(session: aiohttp.ClientSession, server: Server, code: str) -> str:
    client = await connect(session, server)
    await client.send(type="open", scenario="two-towns", code=code)
    table = str((await client.until("opened"))["table"])
    await client.ws.close()
    return table


async def test_nothing_of_the_console_is_readable_without_the_teachers_code(
    roster_server: tuple[Server, dict[str, str]],
) -> None:
    server, codes = roster_server
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as student:
        async with student.get(server.url + "teacher") as answer:
            page = await answer.text()
            assert answer.status == 401 and "The teacher's code" in page and "tables" not in page
        for path in ("teacher/state", "teacher/tables/ABCDEF/debrief"):
            async with student.get(server.url + path) as answer:
                assert answer.status == 403, path
                assert await answer.json() == {
                    "error": "Only the teacher's code opens the console."
                }
        assert (await act(student, server, "ABCDEF", "pause"))[0] == 403
        for wrong in ("WRONGCODE", codes["Ann"], ""):
            async with student.post(
                server.url + "teacher", data={"code": wrong}, headers=origin(server)
            ) as answer:
                assert answer.status == 401
                assert "That is not the teacher's code: try again." in unescape(await answer.text())
        assert not student.cookie_jar.filter_cookies(server.url)  # no cookie was given
        # The right code from another site's page (a student's trap) opens nothing.
        async with student.post(
            server.url + "teacher",
            data={"code": codes["teacher"]},
            headers={"Origin": "http://elsewhere.example"},
        ) as answer:
            assert answer.status == 403
    async with await teacher(server, codes["teacher"]) as session:
        async with session.get(server.url + "teacher") as answer:
            assert answer.status == 200 and 'src="/teacher/console.js"' in await answer.text()
            assert "script-src 'self'" in answer.headers["Content-Security-Policy"]
        assert (await state(session, server))["tables"] is not None


async def test_the_teacher_watches_two_players_pauses_resumes_closes_and_debriefs(
    roster_server: tuple[Server, dict[str, str]],
) -> None:
    server, codes = roster_server
    async with await teacher(server, codes["teacher"]) as session:
        table = await new_table(session, server, codes["teacher"])
        ann = await seat(session, server, codes, table, "Ann")
        eve = await seat(session, server, codes, table, SCRIPT_NAME)
        shown = next(t for t in (await state(session, server))["tables"] if t["code"] == table)
        assert shown["status"] == "playing"
        assert shown["sides"] == [
            {"name": "Riverton's council", "player": "Ann", "connected": True, "here": "connected"},
            {
                "name": "Millbrook's council",
                "player": SCRIPT_NAME,
                "connected": True,
                "here": "connected",
            },
        ]
        assert shown["to_move"] == ["Riverton's council", "Millbrook's council"]
        # A game in a browser saves after every choice; the console reads it as it goes.
        singapore = check([HERE.parent / "scenarios" / SINGAPORE]).scenarios["singapore-2018"]
        store = open_store(server.folder / "data")
        playing = start(singapore)
        for _ in range(2):
            playing = apply_choice(singapore, playing, 1)
            save_play(store, store.profile("Bob"), singapore.id, playing)
        store.record_quiz_run(store.profile("Ann"), "islands", 5, 6)
        store.close()
        students = {s["name"]: s for s in (await state(session, server))["students"]}
        assert students[SCRIPT_NAME]["tables"] == [table]  # the name, as data
        # "Now playing" for a student at a table: the table, their side and its step.
        title = shown["title"]
        assert students[SCRIPT_NAME]["doing"] == (
            f"Table {table}: {title}, as Millbrook's council, step 1"
        )
        assert students[SCRIPT_NAME]["saved"] is None  # nothing of theirs saved yet
        scene = singapore.scenes[playing.scene].title
        assert students["Bob"]["doing"] == f"{singapore.title}: {scene} (2 choices made)"
        assert students["Bob"]["saved"] and not students["Bob"]["tables"]
        assert students["Ann"]["quizzes"] == [f"{QUIZ_TITLE}: 5 of 6"]
        assert students["Dee"] == {  # on the roster, not come yet
            "name": "Dee",
            "browser": False,
            "tables": [],
            "doing": "",
            "saved": None,
            "endings": [],
            "quizzes": [],
        }
        # Pause: a real client's move is refused, and both sides are told.
        assert (await act(session, server, table, "pause"))[1]["status"] == "paused"
        for client in (ann, eve):
            assert (await client.view(paused=True))["paused"]
        move = {"type": "move", "table": table, "side": "riverton", "step": 0, "number": 1}
        assert await ann.refused(**move) == (
            "The teacher has paused this table: wait until they resume it."
        )
        # Actions are the console's own page's only: no Origin, or another site's, is refused.
        for headers in ({"Origin": "http://elsewhere.example"}, {"X-Nothing": "1"}):
            status, said = await act(session, server, table, "resume", **headers)
            assert (status, said["error"]) == (403, "Only the console's own page may do that.")
        assert (await act(session, server, table, "resume"))[1]["status"] == "playing"
        await eve.view(paused=False)
        await ann.send(**move)
        assert (await ann.view(sealed=True))["step"] == 0  # let through
        await eve.send(**(move | {"side": "millbrook"}))
        shown = next(t for t in (await state(session, server))["tables"] if t["code"] == table)
        await ann.view(step=1)
        assert (shown["step"], shown["to_move"]) == (1, ["Millbrook's council"])
        async with session.get(f"{server.url}teacher/tables/{table}/debrief") as answer:
            assert answer.status == 409  # not ended yet
        await eve.send(**(move | {"side": "millbrook", "step": 1}))
        await ann.view(step=2)
        await ann.send(**(move | {"step": 2, "number": 2}))
        assert (await ann.until("view"))["ending"]["title"] == "No deal"
        async with session.get(f"{server.url}teacher/tables/{table}/debrief") as answer:
            debrief = await answer.json()
        assert debrief["ending"] == "No deal"
        # Over: its players are finished, not awaited, and no one is to move; the table's
        # record is what each last saved.
        await ann.ws.close()
        shown = next(t for t in (await state(session, server))["tables"] if t["code"] == table)
        assert [side["here"] for side in shown["sides"]] == ["finished", "finished"]
        assert shown["to_move"] == []
        students = {s["name"]: s for s in (await state(session, server))["students"]}
        assert students[SCRIPT_NAME]["doing"] == (
            f"Table {table}: {title}, as Millbrook's council, ended: No deal"
        )
        assert students[SCRIPT_NAME]["saved"]
        status, said = await act(session, server, table, "pause")
        assert (status, said["error"]) == (409, f"Table {table} has reached its ending already.")
        assert [(p["player"], p["moves"]) for p in debrief["paths"]] == [
            ("Ann", ["Ask for a high toll", "Insist on your toll"]),
            (SCRIPT_NAME, ["Offer to share the cost of repairs", "Propose a toll for carts only"]),
        ]
        assert [s["own"] for s in debrief["sides"]] == [
            ["The bridge stays closed for repairs you cannot pay for."],
            ["Your traders take the long road round."],
        ]
        # Nothing of the joint debrief went to a student: each saw only their own side.
        assert not [f for f in ann.seen if "Your traders take the long road round." in f]
        # Close: both sides are told, and no more moves are taken.
        other = await new_table(session, server, codes["teacher"])
        bob = await seat(session, server, codes, other, "Bob")
        ann2 = await seat(session, server, codes, other, "Ann")
        assert (await act(session, server, other, "close"))[1]["status"] == "closed"
        for client in (bob, ann2):
            assert (await client.view(closed=True))["closed"]
        assert await bob.refused(**(move | {"table": other})) == (
            "The teacher has closed this table: no more moves."
        )
        status, said = await act(session, server, other, "resume")
        assert (status, said["error"]) == (409, f"Table {other} is closed already.")
        await bob.ws.close()
        shown = next(t for t in (await state(session, server))["tables"] if t["code"] == other)
        assert [side["here"] for side in shown["sides"]] == ["finished", "finished"]
        assert shown["to_move"] == []
        students = {s["name"]: s for s in (await state(session, server))["students"]}
        assert students["Bob"]["doing"].startswith(f"{singapore.title}: ")  # his own game
        assert students["Ann"]["doing"] == (
            f"Table {other}: {title}, as Millbrook's council, closed by the teacher at step 1"
        )
        for client in (eve, ann2):
            await client.ws.close()


@pytest.fixture
async def open_server(tmp_path: Path) -> AsyncIterator[tuple[Server, str]]:
    """`treaty serve` with no roster, as a teacher starts it; and the code it printed."""
    running = Server(tmp_path)
    running.process = subprocess.Popen(
        [
            *treaty(),
            "serve",
            "--port",
            str(running.port),
            "--only",
            str(tmp_path / "content"),
            "--data-dir",
            str(tmp_path / "data"),
        ],
        env={**os.environ, "PYTHONUNBUFFERED": "1", "TREATY_CONFIG_DIR": str(tmp_path / "cfg")},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert running.process.stdout is not None
        said = ""
        while "the teacher's code for it is" not in said:
            line = await asyncio.wait_for(asyncio.to_thread(running.process.stdout.readline), 30)
            assert line, said  # the server stopped before saying it
            said += line
        line = said.splitlines()[-1]
        assert line.startswith(f"The teacher's console: http://localhost:{running.port}/teacher;")
        assert "No roster: anyone" in said
        code = line.split()[-1]
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", running.port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                await asyncio.sleep(0.05)
        yield running, code
    finally:
        running.kill()


@needs_chromium
async def test_without_a_roster_the_printed_code_opens_the_console_and_names_stay_text(
    open_server: tuple[Server, str], tmp_path: Path
) -> None:
    server, code = open_server
    async with aiohttp.ClientSession() as http:
        game = await open_game(http, server.port, "Cat")  # a browser game
        assert await screen_shows(game, "playing as Cat")
        table = await new_table(http, server, "")
        ann = await connect(http, server)
        await ann.send(type="join", table=table, profile=SCRIPT_NAME, side="riverton")
        await ann.until("view")
        async for browser in open_browser(tmp_path / "chromium-profile"):
            page = await browser.new_tab(server.url + "teacher")
            await until(page, "document.querySelector('input[name=code]') !== null")
            await page.evaluate(
                f"document.querySelector('input[name=code]').value = {code!r};"
                "document.querySelector('form').submit()"
            )
            await until(page, f"document.body.innerText.includes('Table {table}')")
            text = await page.evaluate("document.body.innerText")
            assert SCRIPT_NAME in text  # as text, on the screen
            assert "Cat" in text and "1 game open in a browser." in text
            assert "Riverton's council: " + SCRIPT_NAME + " (connected, to move)" in text
            assert "Millbrook's council: no one yet (open" in text
            assert "as Riverton's council, step 1" in text  # what the student is doing
            # The name never became an element: the page's one script is its own.
            assert await page.evaluate("document.scripts.length") == 1
            assert await page.evaluate("document.querySelectorAll('#students script').length") == 0
        await ann.ws.close()
        await game.close()


async def until(page: Any, condition: str, seconds: float = 20) -> None:
    """Wait (polling the page, never sleeping blind) until `condition` holds there."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await page.evaluate(
            f"(() => {{ try {{ return !!({condition}); }} catch (e) {{ return false; }} }})()"
        ):
            return
        await asyncio.sleep(0.1)
    seen = await page.evaluate("location.href + ' | ' + document.body.innerText")
    raise AssertionError(f"the page never showed: {condition} (it shows {seen})")


async def test_a_pause_outlasts_a_server_killed_and_started_again(tmp_path: Path) -> None:
    (tmp_path / "class.txt").write_text("Ann\nBob\n")
    first = Server(tmp_path, None, "--roster", str(tmp_path / "class.txt")).start()
    with (tmp_path / "class-codes.csv").open(newline="") as found:
        codes = {row["name"]: row["code"] for row in csv.DictReader(found)}
    try:
        async with await teacher(first, codes["teacher"]) as session:
            table = await new_table(session, first, codes["teacher"])
            ann = await seat(session, first, codes, table, "Ann")
            assert (await act(session, first, table, "pause"))[1]["status"] == "paused"
            first.kill()  # SIGKILL: nothing tidied up
            await ann.ws.close()
    finally:
        first.kill()
    again = Server(tmp_path, first.port, "--roster", str(tmp_path / "class.txt")).start()
    try:
        async with await teacher(again, codes["teacher"]) as session:
            (shown,) = (await state(session, again))["tables"]
            assert (shown["code"], shown["status"]) == (table, "paused")
            ann = await connect(session, again)
            await ann.send(type="join", table=table, profile="Ann", code=codes["Ann"])
            assert (await ann.until("view"))["paused"]
            move = {"type": "move", "table": table, "side": "riverton", "step": 0, "number": 1}
            assert await ann.refused(**move) == (
                "The teacher has paused this table: wait until they resume it."
            )
            await ann.ws.close()
    finally:
        again.kill()


async def test_the_apps_table_says_when_the_teacher_pauses_it_and_offers_no_move_meanwhile(
    roster_server: tuple[Server, dict[str, str]], tmp_path: Path
) -> None:
    from test_tables_app import until
    from textual.widgets import OptionList

    from game.net.client import Seat
    from game.tui.app import make_app
    from game.tui.screens.net_table import NetTableScreen

    server, codes = roster_server
    async with aiohttp.ClientSession() as plain:
        opener = await connect(plain, server)
        await opener.send(type="open", scenario="two-towns", code=codes["teacher"])
        table = str((await opener.until("opened"))["table"])
    content = [str(server.folder / "content")]
    app = make_app(content=content, profile="Ann", data_dir=tmp_path, only=True)
    session = await teacher(server, codes["teacher"])
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            seat = Seat(table, "Ann", "riverton", codes["Ann"])
            await app.push_screen(NetTableScreen(server.url, seat, data_dir=tmp_path))
            await until(pilot, "Your turn")
            moves = app.screen.query_one("#net-moves", OptionList)
            assert moves.display
            assert (await act(session, server, table, "pause"))[1]["status"] == "paused"
            await until(pilot, "Paused by the teacher: wait until they resume the table.")
            assert moves.disabled  # in sight, but nothing to press that the server would refuse
            resumed = (await act(session, server, table, "resume"))[1]["status"]
            assert resumed == "waiting"  # for Millbrook's council: no one has joined it
            await until(pilot, "Your turn")
            assert moves.display and not moves.disabled
    finally:
        await session.close()
