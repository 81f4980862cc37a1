"""The tables' websocket route on `treaty serve`'s own aiohttp server (issue 35):
`/tables/ws`. No new server and no new dependency: `add_table_routes` adds the route to
the app textual-serve runs.

Each connection sends frames (`game.net.protocol`) and is sent only its own side's view,
after every change at its table: a move, a player joining, leaving or coming back. A frame
that is not one of ours is refused with a message and the connection kept; one longer than
`MAX_MESSAGE` is closed by aiohttp, cleanly.

No one connection, and no crowd of them, can take the server from a class: past
`MOST_CONNECTIONS` at once, one more is told so in a frame and closed (try again later);
a side is held by one connection at a time (the same player's second takes over); and a
connection sending more than `Pace` allows has the extra frames refused, unread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from aiohttp import WSCloseCode, WSMsgType, web

from game.net.authority import LiveTable, Refusal, Tables
from game.net.protocol import (
    MAX_MESSAGE,
    BadFrame,
    Join,
    Look,
    Open,
    Refused,
    read_client_frame,
)
from game.net.records import Recorder
from game.net.roster import Roster
from game.store.table_log import LOG_NAME, TableLog

ROUTE = "/tables/ws"
MOST_CONNECTIONS = 200
"""Table connections open at once (a class of 30 at tables needs one each): one more is
refused with a frame saying so, then closed (code 1013, try again later)."""
FULL = (
    f"The table server has as many connections as it takes ({MOST_CONNECTIONS}): try "
    "again in a minute, or ask your teacher."
)
TOO_FAST = "Too many frames at once: the ones sent too fast were not read. Slow down."

log = logging.getLogger("treaty.tables")


class TableRoute:
    """The route's handler, and the connections it has open."""

    def __init__(
        self,
        tables: Tables,
        allowed: Callable[[web.Request], bool] | None = None,
        most: int = MOST_CONNECTIONS,
    ) -> None:
        self.tables = tables
        self.allowed = allowed
        self.most = most
        self.sockets: set[web.WebSocketResponse] = set()
        self._ready = asyncio.Lock()

    async def ready(self) -> None:
        """Load the content (and rebuild the tables from the log) once, off the loop."""
        async with self._ready:
            await asyncio.to_thread(lambda: self.tables.catalog)

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        if self.allowed is not None and not self.allowed(request):
            raise web.HTTPForbidden(text="Only the game's own page may open a table.\n")
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await websocket.prepare(request)
        if len(self.sockets) >= self.most:
            log.warning("a table connection was refused: %d are open", len(self.sockets))
            await _send(websocket, Refused(message=FULL))
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"server full")
            return websocket
        self.sockets.add(websocket)
        seat: tuple[LiveTable, str] | None = None
        pace = Pace()
        try:
            await self.ready()
            async for message in websocket:
                if message.type in (WSMsgType.TEXT, WSMsgType.BINARY) and not pace.allows():
                    if pace.say_once():
                        await _send(websocket, Refused(message=TOO_FAST))
                    continue
                if message.type == WSMsgType.BINARY:
                    await _send(websocket, Refused(message="A frame must be JSON text."))
                    continue
                if message.type != WSMsgType.TEXT:
                    break  # an error reading the socket: aiohttp has closed it
                seat = await self._answer(websocket, message.data, seat, request.remote or "")
        except (ConnectionError, asyncio.CancelledError):
            pass  # the player went away mid-sentence; their side waits for them
        finally:
            self.sockets.discard(websocket)
            if seat is not None:
                self.tables.leave(seat[0], seat[1], websocket)
                with contextlib.suppress(Exception):
                    await self.broadcast(seat[0])
        return websocket

    async def _answer(
        self,
        websocket: web.WebSocketResponse,
        text: str,
        seat: tuple[LiveTable, str] | None,
        address: str = "",
    ) -> tuple[LiveTable, str] | None:
        """Do what one frame asks; the seat this connection holds afterwards."""
        try:
            frame = read_client_frame(text)
        except BadFrame as problem:
            await _send(websocket, Refused(message=f"That frame was refused ({problem})."))
            return seat
        try:
            if isinstance(frame, Open):
                await _send(websocket, self.tables.open(frame.scenario, frame.code, address))
            elif isinstance(frame, Look):
                await _send(websocket, self.tables.sides(frame.table, frame.profile))
            elif isinstance(frame, Join):
                if seat is not None:
                    raise Refusal(f"This connection already plays at table {seat[0].code}.")
                live, role, before = self.tables.join(frame, websocket, address)
                seat = (live, role)
                if isinstance(before, web.WebSocketResponse):
                    await _send(before, Refused(message="Your side was opened again elsewhere."))
                    await before.close(code=WSCloseCode.POLICY_VIOLATION)
                await self.broadcast(live)
            else:
                if seat is None:
                    raise Refusal("Join a table before making a move.")
                self.tables.move(frame, *seat)
                await self.record(seat[0])
                await self.broadcast(seat[0])
        except Refusal as refusal:
            if refusal.wait:
                await asyncio.sleep(refusal.wait)  # a wrong code, after a few: slowed down
            await _send(websocket, Refused(message=refusal.message))
        return seat

    async def record(self, live: LiveTable) -> None:
        """When `live` has just ended: recorded in the progress file for both its players
        (with any other that ended and could not be written then), off the event loop,
        before they see the ending, so that the teacher's console has it by then."""
        recorder = self.tables.recorder
        if recorder is not None and live.state is not None and live.state.ended:
            ended = self.tables.ended()
            if ended:
                await asyncio.to_thread(recorder.record, ended)

    async def broadcast(self, live: LiveTable) -> None:
        """Each connected side of `live` is sent its own view."""
        for connection, view in self.tables.views(live):
            if isinstance(connection, web.WebSocketResponse):
                await _send(connection, view)

    async def close_all(self) -> None:
        """The server is stopping: every table connection is closed (players rejoin)."""
        for websocket in list(self.sockets):
            with contextlib.suppress(Exception):
                await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopping")


class Pace:
    """How fast one connection may send: `RATE` frames a second, `BURST` at once (a
    student moves once in seconds; a script's moves, a join and a few retries fit)."""

    RATE = 10.0
    BURST = 40.0

    def __init__(self) -> None:
        self.tokens = self.BURST
        self.at = time.monotonic()
        self.told = False

    def allows(self) -> bool:
        """Whether the frame just read may be answered (one token spent if so)."""
        now = time.monotonic()
        self.tokens = min(self.BURST, self.tokens + (now - self.at) * self.RATE)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        self.told = False
        return True

    def say_once(self) -> bool:
        """Whether to say that frames were refused (once for each run of them)."""
        told, self.told = self.told, True
        return not told


async def _send(websocket: web.WebSocketResponse, frame: object) -> None:
    dump = getattr(frame, "model_dump_json", None)
    if dump is None or websocket.closed:
        return
    with contextlib.suppress(ConnectionError, RuntimeError):
        await websocket.send_str(dump())


def add_table_routes(
    app: web.Application, tables: Tables, allowed: Callable[[web.Request], bool] | None = None
) -> TableRoute:
    """Add `/tables/ws` to `app`; its connections are closed when the app shuts down."""
    route = TableRoute(tables, allowed)
    app.add_routes([web.get(ROUTE, route.handle, name="tables")])

    async def closing(app: web.Application) -> None:
        await route.close_all()

    async def cleanup(app: web.Application) -> None:
        tables.log.close()
        if tables.recorder is not None:
            tables.recorder.close()

    app.on_shutdown.append(closing)
    app.on_cleanup.append(cleanup)
    return route


def table_authority(
    content: Sequence[str], data_dir: str | None, roster: Roster | None = None
) -> Tables:
    """The tables' authority over the same content as the games, its log in the data
    folder (issue 35), each table that ends recorded in the progress file there."""
    from game.content.only import load_content
    from game.store.opening import default_data_dir

    folder = Path(data_dir) if data_dir else default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    tables_log = TableLog(folder / LOG_NAME)
    recorder = Recorder(tables_log, folder)
    return Tables(lambda: load_content(content), tables_log, roster, recorder)
