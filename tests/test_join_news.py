"""`treaty join --plain` is never silent while it waits for the student's number: the other
side joining, moving and leaving, and the server lost and tried again, are said as they
come, before anything is typed; the number typed afterwards is still the move. A real
server on loopback, a real terminal client, and a raw websocket for the other side."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
from test_tables_net import Server, join, open_table, treaty

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
            after = await ann.shows("Millbrook's council is at the table.")
            await ann.shows(PROMPT)  # the prompt again, below the news
            assert after.startswith("\n")  # on a line of its own
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
