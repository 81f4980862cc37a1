"""A terminal's connection to a table on `treaty serve` (issue 35), with aiohttp's own
websocket client: open a table, join one, send moves, read what the server sends (each
frame checked as the server's are). A dropped connection is tried again, and the same
side rejoined.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit, urlunsplit

import aiohttp

from game.net.protocol import (
    MAX_MESSAGE,
    BadFrame,
    Join,
    Look,
    Move,
    Open,
    Opened,
    Refused,
    Sides,
    View,
    read_server_frame,
    read_sides_frame,
)

ROUTE = "/tables/ws"
RETRIES = 30
"""How many times a dropped connection is tried again, a second apart."""


class Unreachable(Exception):
    """The server cannot be reached (or stopped answering): in words."""


class Replaced(Exception):
    """This side was opened again elsewhere: this connection is let go."""


def table_address(url: str) -> str | None:
    """The tables' websocket address of a server given as `http://HOST:PORT/` (or
    `ws://...`); None when `url` is no such address."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    scheme = {"http": "ws", "https": "wss", "ws": "ws", "wss": "wss"}.get(parts.scheme.lower())
    if scheme is None or not parts.hostname:
        return None
    try:
        parts.port  # noqa: B018  # a port that is not a number
    except ValueError:
        return None
    return urlunsplit((scheme, parts.netloc, ROUTE, "", ""))


async def open_table(url: str, scenario: str, code: str | None) -> Opened | Refused:
    """Ask the server at `url` for a new table of `scenario`."""
    async with Connection(url) as connection:
        await connection.send(Open(type="open", scenario=scenario, code=code))
        while True:
            frame = await connection.receive()
            if frame is None:
                raise Unreachable("the server closed the connection")
            if isinstance(frame, Opened | Refused):
                return frame


async def look_table(url: str, table: str, profile: str = "") -> Sides | Refused:
    """Which sides of table `table` on the server at `url` are free (`profile`'s own
    marked as such). Unreachable when the server cannot be asked."""
    address = table_address(url)
    if address is None:
        raise Unreachable(f"`{url}` is not a server's address (such as http://HOST:8000/)")
    look = Look(type="look", table=table, profile=profile)
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(address, max_msg_size=MAX_MESSAGE * 4) as socket,
        ):
            await socket.send_str(look.model_dump_json())
            async with asyncio.timeout(20):
                async for message in socket:
                    if message.type != aiohttp.WSMsgType.TEXT:
                        break
                    try:
                        return read_sides_frame(message.data)
                    except BadFrame:
                        continue
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        raise Unreachable(
            f"cannot reach a table server at {url} (is `treaty serve` running there, "
            f"on that port?): {type(error).__name__}"
        ) from None
    raise Unreachable("the server closed the connection")


class Connection:
    """One websocket to the tables' route."""

    def __init__(self, url: str) -> None:
        address = table_address(url)
        if address is None:
            raise Unreachable(f"`{url}` is not a server's address (such as http://HOST:8000/)")
        self.address = address
        self.url = url
        self.session: aiohttp.ClientSession | None = None
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self.reader: asyncio.Task[None] | None = None
        self.frames: asyncio.Queue[Opened | Refused | View | type[Replaced] | None] = (
            asyncio.Queue()
        )

    async def __aenter__(self) -> Connection:
        await self.connect()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.close()

    async def connect(self) -> None:
        await self.close()
        self.session = aiohttp.ClientSession()
        try:
            self.socket = await self.session.ws_connect(
                self.address, max_msg_size=MAX_MESSAGE * 4, heartbeat=15
            )
        except (aiohttp.ClientError, OSError) as error:
            await self.close()
            raise Unreachable(
                f"cannot reach a table server at {self.url} (is `treaty serve` running there, "
                f"on that port?): {type(error).__name__}"
            ) from None
        # Read all the time, even while a student thinks over a move: the server's pings
        # are answered, and its frames wait in `frames`.
        self.frames = asyncio.Queue()
        self.reader = asyncio.create_task(_read(self.socket, self.frames))

    async def close(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
            self.reader = None
        if self.socket is not None:
            await self.socket.close()
            self.socket = None
        if self.session is not None:
            await self.session.close()
            self.session = None

    async def send(self, frame: Open | Join | Move) -> bool:
        """Send `frame`; False when the connection has gone."""
        if self.socket is None or self.socket.closed:
            return False
        try:
            await self.socket.send_str(frame.model_dump_json())
        except (ConnectionError, RuntimeError, aiohttp.ClientError):
            return False
        return True

    async def receive(self) -> Opened | Refused | View | None:
        """The server's next frame; None when the connection has closed. Replaced when
        this side was opened elsewhere."""
        if self.socket is None:
            return None
        item = await self.frames.get()
        if item is Replaced:
            raise Replaced()
        assert not isinstance(item, type)
        return item


async def _read(
    socket: aiohttp.ClientWebSocketResponse,
    frames: asyncio.Queue[Opened | Refused | View | type[Replaced] | None],
) -> None:
    """Every frame of the server, checked (one that is not the server's is skipped);
    then None when the connection closes (Replaced when the side was opened elsewhere)."""
    try:
        async for message in socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            try:
                frames.put_nowait(read_server_frame(message.data))
            except BadFrame:
                continue
    finally:
        replaced = socket.close_code == aiohttp.WSCloseCode.POLICY_VIOLATION
        frames.put_nowait(Replaced if replaced else None)


@dataclass
class Seat:
    """Who joins which table: what `treaty join` was given."""

    table: str
    profile: str
    side: str | None = None
    code: str | None = None

    def frame(self) -> Join:
        return Join(
            type="join", table=self.table, profile=self.profile, side=self.side, code=self.code
        )


async def rejoin(connection: Connection, seat: Seat, say: object) -> bool:
    """Connect again and rejoin `seat`, a second apart, up to `RETRIES` times."""
    for _ in range(RETRIES):
        await asyncio.sleep(1)
        try:
            await connection.connect()
        except Unreachable:
            continue
        if await connection.send(seat.frame()):
            return True
    return False
