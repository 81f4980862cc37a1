"""Tables over the network (issue 35), with a real `treaty serve` on loopback and real
clients: `treaty table open` and `treaty join --plain` as students run them, and raw
websockets where a test forges what no honest client sends. No mocks."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

TOWNS = Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml"
MILLBROOK_PRIVATE = ("Traders' patience", "Your traders cross the bridge", "Your traders wait")
RIVERTON_PRIVATE = ("Money for repairs", "The bridge needs repairs", "Your treasurer slides")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`treaty serve` on a loopback port, over a folder holding the two-towns table."""

    def __init__(self, folder: Path, port: int | None = None, *options: str) -> None:
        self.folder = folder
        self.options = options
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.socket_url = f"ws://127.0.0.1:{self.port}/tables/ws"
        content = folder / "content" / "scenarios"
        if not content.exists():
            content.mkdir(parents=True)
            shutil.copy(TOWNS, content / "two-towns.yaml")
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> Server:
        self.process = subprocess.Popen(
            [
                *treaty(),
                "serve",
                "--port",
                str(self.port),
                "--only",
                str(self.folder / "content"),
                "--data-dir",
                str(self.folder / "data"),
                *self.options,
            ],
            env={**os.environ, "TREATY_CONFIG_DIR": str(self.folder / "config")},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.kill()
                    raise AssertionError("the server did not start") from None
                time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: nothing is tidied up, as when the machine loses power."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def treaty() -> list[str]:
    return [sys.executable, "-m", "game"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("tables")).start()
    yield running
    running.kill()


class Client:
    """A raw websocket to the tables' route: every frame it is sent, kept as text."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.seen: list[str] = []

    async def send(self, **frame: Any) -> None:
        await self.ws.send_str(json.dumps(frame))

    async def frame(self, seconds: float = 20) -> dict[str, Any]:
        message = await asyncio.wait_for(self.ws.receive(), seconds)
        assert message.type == aiohttp.WSMsgType.TEXT, message
        self.seen.append(message.data)
        data: dict[str, Any] = json.loads(message.data)
        return data

    async def until(self, kind: str, seconds: float = 20) -> dict[str, Any]:
        """The next frame of `kind`, skipping others (views sent as players come and go)."""
        while True:
            frame = await self.frame(seconds)
            if frame["type"] == kind:
                return frame

    async def view(self, **wanted: Any) -> dict[str, Any]:
        """The next view that shows what is `wanted` (earlier ones were sent before)."""
        while True:
            view = await self.until("view")
            if all(view[key] == value for key, value in wanted.items()):
                return view

    async def refused(self, **frame: Any) -> str:
        await self.send(**frame)
        return str((await self.until("refused"))["message"])


async def connect(session: aiohttp.ClientSession, server: Server) -> Client:
    return Client(await session.ws_connect(server.socket_url))


async def open_table(session: aiohttp.ClientSession, server: Server) -> str:
    client = await connect(session, server)
    await client.send(type="open", scenario="two-towns")
    opened = await client.until("opened")
    await client.ws.close()
    return str(opened["table"])


async def join(
    session: aiohttp.ClientSession, server: Server, table: str, profile: str, side: str
) -> tuple[Client, dict[str, Any]]:
    client = await connect(session, server)
    await client.send(type="join", table=table, profile=profile, side=side)
    return client, await client.until("view")


def test_two_scripted_clients_play_the_table_to_an_ending(server: Server, tmp_path: Path) -> None:
    opened = subprocess.run(
        [*treaty(), "table", "open", server.url, "two-towns"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert opened.returncode == 0, opened.stderr
    code = opened.stdout.splitlines()[-1]
    assert code.isalnum() and len(code) >= 4
    assert f"treaty join {server.url} {code} --profile NAME\n" in opened.stdout  # no roster
    players = {}
    for name, side, lines in (("Ann", "riverton", "1\n2\n"), ("Bob", "millbrook", "1\n1\n")):
        command = [*treaty(), "join", server.url, code, "--side", side, "--profile", name]
        typed = tmp_path / f"{side}.txt"
        typed.write_text(lines)
        with typed.open() as stdin:
            players[side] = subprocess.Popen(
                [*command, "--plain"],
                stdin=stdin,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
    riverton = players["riverton"].communicate(timeout=120)[0]
    millbrook = players["millbrook"].communicate(timeout=120)[0]
    assert players["riverton"].returncode == 0, riverton
    assert players["millbrook"].returncode == 0, millbrook
    for output in (riverton, millbrook):
        assert "== The end: No deal ==" in output
        assert "Why this ending" in output  # in words, each side's own (private: below)
        assert "Riverton's council (Ann): “Ask for a high toll”, “Insist on your toll”" in output
        assert "Millbrook's council (Bob): “Offer to share the cost of repairs”" in output
    # Each side its own prompts, its own brief, and the waiting said, never silence.
    assert "Riverton's council, choose 1-2:" in riverton
    assert "Millbrook's council, choose" not in riverton
    assert "Millbrook's council, type 1 to play your only move:" in millbrook
    assert "Waiting for Millbrook's council…" in riverton
    assert "Waiting for Riverton's council…" in millbrook
    assert "The bridge stays closed for repairs you cannot pay for." in riverton
    assert "Your traders take the long road round." in millbrook
    assert not [text for text in MILLBROOK_PRIVATE if text in riverton]
    assert not [text for text in RIVERTON_PRIVATE if text in millbrook]
    assert "Your traders take the long road round." not in riverton
    # The why step by step, each step's causes two further in (as in `treaty play --plain`).
    assert (
        "\n  You chose “Insist on your toll”, and the table went to “No deal” because:\n"
        "    Goodwill between the towns had fallen to 40, and this way needed it below"
    ) in riverton


async def test_each_kind_of_forged_move_is_refused_and_nothing_private_crosses(
    server: Server,
) -> None:
    async with aiohttp.ClientSession() as session:
        code = await open_table(session, server)
        other_table = await open_table(session, server)
        ann, view = await join(session, server, code, "Ann", "riverton")
        bob, _ = await join(session, server, code, "Bob", "millbrook")
        at = {"type": "move", "table": code, "step": 0}
        assert await ann.refused(**at, side="millbrook", number=1) == (
            "You play Riverton's council, not Millbrook's council."
        )
        assert await ann.refused(**(at | {"table": other_table}), side="riverton", number=1) == (
            f"You are playing table {code}, not {other_table}."
        )
        assert await ann.refused(**at, side="riverton", number=3) == (
            "There is no move 3 for Riverton's council here."
        )
        await ann.send(**at, side="riverton", number=1)
        await ann.view(sealed=True)
        assert await ann.refused(**at, side="riverton", number=2) == (
            "Riverton's council has already moved here."
        )
        await bob.send(**at, side="millbrook", number=1)
        view = await ann.view(step=1)
        assert (view["moves"], view["to_move"]) == ([], ["Millbrook's council"])
        after = {"type": "move", "table": code, "step": 1}
        assert await ann.refused(**after, side="riverton", number=1) == (
            "It is not Riverton's council's turn here."
        )
        assert await bob.refused(**after, side="millbrook", number=2) == (
            "Move 2 is not available to Millbrook's council now."
        )
        assert await bob.refused(**at, side="millbrook", number=1) == (
            "That move was for an earlier step of the table; it has moved on."
        )
        stranger = await connect(session, server)
        assert await stranger.refused(**after, side="millbrook", number=1) == (
            "Join a table before making a move."
        )
        # What crossed the wire to each side: never the other side's private state.
        for text in ann.seen:
            assert not [p for p in MILLBROOK_PRIVATE if p in text], text
        for text in bob.seen:
            assert not [p for p in RIVERTON_PRIVATE if p in text], text
        assert any("Traders' patience" in text for text in bob.seen)
        for client in (ann, bob, stranger):
            await client.ws.close()


async def test_a_taken_side_is_refused_and_its_owner_rejoins_where_it_was(server: Server) -> None:
    async with aiohttp.ClientSession() as session:
        code = await open_table(session, server)
        ann, _ = await join(session, server, code, "Ann", "riverton")
        cat = await connect(session, server)
        assert await cat.refused(type="join", table=code, profile="Cat", side="riverton") == (
            "Riverton's council is already taken."
        )
        bob, view = await join(session, server, code, "Bob", "millbrook")
        assert view["absent"] == []
        assert await cat.refused(type="join", table=code, profile="Cat") == (
            "Both sides of this table are taken."
        )
        await ann.send(type="move", table=code, side="riverton", step=0, number=2)
        await ann.view(sealed=True)
        await ann.ws.close()  # a closed laptop
        await bob.view(absent=["Riverton's council"])
        assert await cat.refused(type="join", table=code, profile="Cat", side="riverton") == (
            "Riverton's council is already taken."
        )
        again, view = await join(session, server, code, "Ann", "riverton")
        assert (view["step"], view["sealed"], view["side"]) == (0, True, "riverton")
        await bob.view(absent=[])
        # A second window of the same player takes the side over; the first is let go.
        third, _ = await join(session, server, code, "Ann", "riverton")
        assert (await again.until("refused"))["message"] == "Your side was opened again elsewhere."
        for client in (again, third, bob, cat):
            await client.ws.close()


async def test_frames_that_are_not_ours_are_refused_and_the_connection_kept(
    server: Server,
) -> None:
    async with aiohttp.ClientSession() as session:
        client = await connect(session, server)
        for text in ("not json", "[1, 2]", '{"type": "dance"}', '{"type": "open"}', "{" * 5000):
            await client.ws.send_str(text)
            refused = await client.until("refused")
            assert refused["message"].startswith("That frame was refused ("), refused
        await client.send(type="open", scenario="two-towns", extra="field")
        assert "extra" in (await client.until("refused"))["message"]
        await client.ws.send_bytes(b"\x00\x01")
        assert (await client.until("refused"))["message"] == "A frame must be JSON text."
        assert await client.refused(type="join", table="NOPE99", profile="Ann") == (
            "There is no table NOPE99 on this server: check its code."
        )
        code = await open_table(session, server)
        assert await client.refused(type="join", table=code, profile=" \u202e ") == (
            "A player needs a name: letters or digits, not only spaces."
        )
        assert await client.refused(type="open", scenario="no-such-table") == (
            "There is no table scenario `no-such-table` on this server (its tables: two-towns)."
        )
        await client.send(type="open", scenario="two-towns")
        assert (await client.until("opened"))["scenario"] == "two-towns"  # still connected
        # Past the size a connection may send at all, it is closed, cleanly.
        await client.ws.send_str("x" * (2 * 1024 * 1024))
        message = await asyncio.wait_for(client.ws.receive(), 20)
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        assert client.ws.close_code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
        # A page of another web site may not open a table connection.
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(server.socket_url, origin="http://elsewhere.example")
        assert refused.value.status == 403
        # And the server plays on for everyone.
        assert await open_table(session, server)


async def test_a_server_killed_mid_table_resumes_it_from_its_last_move(tmp_path: Path) -> None:
    first = Server(tmp_path).start()
    try:
        async with aiohttp.ClientSession() as session:
            code = await open_table(session, first)
            ann, _ = await join(session, first, code, "Ann", "riverton")
            bob, _ = await join(session, first, code, "Bob", "millbrook")
            await ann.send(type="move", table=code, side="riverton", step=0, number=1)
            await bob.send(type="move", table=code, side="millbrook", step=0, number=1)
            await bob.view(step=1)
            first.kill()
            again = Server(tmp_path, first.port).start()
            try:
                bob, view = await join(session, again, code, "Bob", "millbrook")
                assert (view["step"], view["scene_title"]) == (1, "After lunch")
                assert view["moves"] == [[1, "Propose a toll for carts only"]]
                cat = await connect(session, again)
                assert await cat.refused(type="join", table=code, profile="Cat") == (
                    "Both sides of this table are taken."
                )
                ann, _ = await join(session, again, code, "Ann", "riverton")
                await bob.send(type="move", table=code, side="millbrook", step=1, number=1)
                await ann.view(step=2)
                await ann.send(type="move", table=code, side="riverton", step=2, number=1)
                view = await ann.view(step=3)
                assert view["ending"]["title"] == "A joint plan"
                assert view["ending"]["own"] == [
                    "The repairs are paid for, and the customers keep coming."
                ]
            finally:
                again.kill()
    finally:
        first.kill()


async def test_a_terminal_client_rejoins_by_itself_after_the_server_restarts(
    tmp_path: Path,
) -> None:
    first = Server(tmp_path).start()
    again: Server | None = None
    typed = tmp_path / "ann.txt"
    typed.write_text("1\n2\n")
    try:
        async with aiohttp.ClientSession() as session:
            code = await open_table(session, first)
            bob, _ = await join(session, first, code, "Bob", "millbrook")
            with typed.open() as stdin:
                ann = await asyncio.create_subprocess_exec(
                    *treaty(),
                    "join",
                    first.url,
                    code,
                    "--profile",
                    "Ann",
                    "--plain",
                    stdin=stdin,
                    stdout=asyncio.subprocess.PIPE,
                    stderr=asyncio.subprocess.STDOUT,
                )
            await bob.view(to_move=["Millbrook's council"])  # Ann has sealed her move
            first.kill()
            again = Server(tmp_path, first.port).start()
            bob, view = await join(session, again, code, "Bob", "millbrook")
            if view["absent"]:
                await bob.view(absent=[])  # Ann's terminal is back by itself
            await bob.send(type="move", table=code, side="millbrook", step=0, number=1)
            await bob.view(step=1)
            await bob.send(type="move", table=code, side="millbrook", step=1, number=1)
            output, _ = await asyncio.wait_for(ann.communicate(), 60)
            text = output.decode()
            assert ann.returncode == 0, text
            assert "The connection to the server was lost; trying again…" in text
            assert "Waiting for Millbrook's council…" in text
            assert "Millbrook's council: “Offer to share the cost of repairs”" in text
            assert "== The end: No deal ==" in text
            await bob.ws.close()
    finally:
        first.kill()
        if again is not None:
            again.kill()
