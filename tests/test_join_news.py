"""`treaty join --plain` is never silent while it waits for the student's number: the other
side joining, moving and leaving, and the server lost and tried again, are said as they
come, before anything is typed; the number typed afterwards is still the move. A real
server on loopback, a real terminal client, and a raw websocket for the other side. And
the game's end, or the side opened elsewhere, while the student has still not typed: said,
and the client ends at once, never held up by the line it was reading."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import aiohttp
import pytest
from test_tables_net import TOWNS, Server, join, open_table, treaty

from game.content.catalog import check
from game.net.authority import Tables
from game.net.client import Replaced, Seat
from game.net.plain_join import CLOSED, PAUSED, RESUMED, PlainJoin
from game.net.protocol import Join, Move, View
from game.store.table_log import TableLog

PROMPT = "Riverton's council, choose 1-2:"


class Terminal:
    """What a `treaty join --plain` process has printed so far."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.text = ""

    async def shows(self, wanted: str, seconds: float = 90) -> str:
        """Read until `wanted` is printed (nothing typed meanwhile); what came after it."""
        assert self.process.stdout is not None

        async def read() -> None:
            while wanted not in self.text:
                chunk = await self.process.stdout.read(4096)  # type: ignore[union-attr]
                assert chunk, f"the client ended before saying {wanted!r}:\n{self.text}"
                self.text += chunk.decode()

        await asyncio.wait_for(read(), seconds)
        return self.text.split(wanted, 1)[1]


async def test_the_servers_news_is_said_while_the_student_has_not_typed(tmp_path: Path) -> None:
    first = Server(tmp_path).start()
    again: Server | None = None
    process: asyncio.subprocess.Process | None = None
    try:
        async with aiohttp.ClientSession() as session:
            code = await open_table(session, first)
            process = await asyncio.create_subprocess_exec(
                *treaty(),
                "join",
                first.url,
                code,
                "--profile",
                "Ann",
                "--side",
                "riverton",
                "--plain",
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
            )
            ann = Terminal(process)
            await ann.shows(PROMPT)  # asked, and nothing typed from here on
            bob, _ = await join(session, first, code, "Bob", "millbrook")
            await ann.shows("Millbrook's council is at the table.")
            await ann.shows(f"Millbrook's council is at the table.\n{PROMPT}")  # prompt again
            news = ann.text.split(PROMPT, 1)[1]
            assert news.startswith(f" \nMillbrook's council is at the table.\n{PROMPT}")
            await bob.send(type="move", table=code, side="millbrook", step=0, number=1)
            await ann.shows("--- Millbrook's council has moved (sealed). ---\n" + PROMPT)
            await bob.ws.close()
            await ann.shows(
                "Millbrook's council has left the table: waiting for Millbrook's council "
                "to come back…\n" + PROMPT
            )
            assert "Offer to share" not in ann.text  # sealed: Bob's move is not shown yet
            first.kill()
            await ann.shows("The connection to the server was lost; trying again…")
            again = Server(tmp_path, first.port).start()
            assert process.stdin is not None
            process.stdin.write(b"2\n")  # typed now: the move, once the client is back
            await process.stdin.drain()
            await ann.shows("== The end: A joint plan ==")
            await asyncio.wait_for(process.wait(), 60)
            assert process.returncode == 0, ann.text
            assert "Millbrook's council: “Offer to share the cost of repairs”" in ann.text
            assert "Riverton's council: “Ask for a small toll”" in ann.text
            assert ann.text.count("Your brief (Riverton's council only):") == 1
            assert "Waiting for Riverton's council" not in ann.text  # never for herself
    finally:
        if process is not None and process.returncode is None:
            process.kill()  # a failed test leaves no client behind
            await process.wait()
        first.kill()
        if again is not None:
            again.kill()


class _Fed:
    """A connection the test feeds, frame by frame, as the server would."""

    def __init__(self) -> None:
        self.frames: asyncio.Queue[object] = asyncio.Queue()

    async def send(self, frame: object) -> bool:
        return True

    async def receive(self) -> object:
        frame = await self.frames.get()
        if frame is Replaced:
            raise Replaced
        return frame


def _views() -> tuple[View, View]:
    """Riverton's view when asked, and its view of the table's end."""
    tables = Tables(lambda: check([TOWNS]), TableLog(None))
    code = tables.open("two-towns").table
    live, _, _ = tables.join(Join(type="join", table=code, profile="Ann", side="riverton"), "a")
    tables.join(Join(type="join", table=code, profile="Bob", side="millbrook"), "b")
    asked = next(v for who, v in tables.views(live) if who == "a")
    for side, number in (("riverton", 2), ("millbrook", 1)):
        tables.move(Move(type="move", table=code, side=side, step=0, number=number), live, side)
    ended = next(v for who, v in tables.views(live) if who == "a")
    assert ended.ending is not None
    return asked, ended


@pytest.mark.parametrize("then", ["the end", "elsewhere"])
async def test_the_end_or_the_side_taken_elsewhere_while_typing_ends_the_client_at_once(
    then: str,
) -> None:
    asked, ended = _views()
    connection = _Fed()
    said: list[str] = []
    typing = threading.Event()  # the student never presses Enter (until the test is over)

    def ask(prompt: str) -> str:
        said.append(prompt)
        typing.wait(30)
        raise EOFError

    game = PlainJoin(connection, Seat(asked.table, "Ann", "riverton"), ask, said.append)  # type: ignore[arg-type]
    playing = asyncio.ensure_future(game.play())
    connection.frames.put_nowait(asked)
    for _ in range(200):  # the prompt is shown, in the thread that reads the line
        if "Riverton's council, choose 1-2: " in said:
            break
        await asyncio.sleep(0.01)
    connection.frames.put_nowait(ended if then == "the end" else Replaced)
    try:
        status = await asyncio.wait_for(playing, 10)  # not held up by the line being read
    finally:
        typing.set()
    if then == "the end":
        assert status == 0
        assert "\nThe table has come to its end." in said
        assert "\n== The end: A joint plan ==" in said
    else:
        assert status == 1
        assert "\nYour side was opened again elsewhere: this window lets it go." in said


async def test_the_teachers_pause_resume_and_close_are_said_while_the_student_types() -> None:
    """Each is said the moment its frame comes, below the prompt (asked again after a
    pause and a resume); a close ends the client at once, with status 0."""
    asked, _ = _views()
    connection = _Fed()
    said: list[str] = []
    typing = threading.Event()
    prompt = "Riverton's council, choose 1-2: "

    def ask(line: str) -> str:
        said.append(line)
        typing.wait(30)
        raise EOFError

    game = PlainJoin(connection, Seat(asked.table, "Ann", "riverton"), ask, said.append)  # type: ignore[arg-type]
    playing = asyncio.ensure_future(game.play())
    connection.frames.put_nowait(asked)

    async def shown(line: str) -> None:
        for _ in range(500):
            if line in said:
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"never said: {line!r}\n{said}")

    try:
        await shown(prompt)
        connection.frames.put_nowait(asked.model_copy(update={"paused": True}))
        await shown(PAUSED)
        connection.frames.put_nowait(asked.model_copy(update={"paused": False}))
        await shown(RESUMED)
        pause = said.index(PAUSED)
        # no prompt while paused (no move can be made): it comes back with the resume
        assert said[pause - 1 : pause + 4] == ["", PAUSED, "", RESUMED, prompt.rstrip()]
        connection.frames.put_nowait(asked.model_copy(update={"closed": True}))
        assert await asyncio.wait_for(playing, 10) == 0  # not held up by the line being read
        assert said[-1] == "\n" + CLOSED
    finally:
        typing.set()
