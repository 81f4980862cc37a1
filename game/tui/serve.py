"""`treaty serve`: the game in a browser, for classrooms with only a browser on their
machines. Built on textual-serve: each visitor gets a game of their own (a process running
the same app), and with a profile name in the address (`/?profile=NAME`) their own saved
progress. The page needs nothing from the internet.

On a classroom network the server also keeps to the page it serves: a websocket opened by
another web site is refused, there is a cap on games running at once (each costs memory),
a frame the page would never send closes that one game quietly, and `/static/` lists no
folders.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from game.content.only import OnlyFolders
from game.net.authority import Tables
from game.net.console import Console, add_console_routes, now, teacher_key
from game.net.gate import Gate, add_gate_routes
from game.net.roster import Roster
from game.net.server import add_table_routes, table_authority
from game.store.progress import profile_name
from game.tui.capacity import default_max_players
from game.tui.forking import ForkedAppService, ForkServer, let_go, no_browser
from game.tui.net_seat import TABLE_PASS, TABLES_URL

TEMPLATES = Path(__file__).parent / "web"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

RETRY_SECONDS = 30
"""How soon the page for a full class tries again by itself."""
MOST_CELLS = 1000
"""The widest (and tallest) terminal a browser may ask for, in cells."""

log = logging.getLogger("treaty.serve")


def game_command(content: Sequence[str] = (), data_dir: str | None = None) -> list[str]:
    """What each visitor's game runs: this Python, this game, the same folders."""
    command = [sys.executable, "-m", "game"]
    given = "--only" if isinstance(content, OnlyFolders) else "--content"
    for folder in content:
        command += [given, str(Path(folder).resolve())]
    if data_dir:
        command += ["--data-dir", str(Path(data_dir).resolve())]
    return command


def same_origin(origin: str, request: web.Request) -> bool:
    """Whether a websocket's `Origin` is the page's own: the scheme and address the page
    was served from (the browser's Host header, as the page's addresses are)."""
    try:
        theirs = _site(origin)
        ours = _site(f"{request.scheme}://{request.host}")
    except ValueError:  # a port that is not a number, say
        return False
    return bool(theirs[1]) and theirs == ours


def _site(address: str) -> tuple[str, str, int | None]:
    parts = urlsplit(address)
    scheme = parts.scheme.lower()
    return scheme, parts.hostname or "", parts.port or {"http": 80, "https": 443}.get(scheme)


class Malformed(ValueError):
    """A frame the game's page never sends."""


def read_frame(text: str) -> tuple[str, Any]:
    """What a text frame from the page asks for, as (kind, data): ("stdin", bytes),
    ("resize", (width, height)), ("ping", text), ("focus", None), ("blur", None); other
    kinds, which a newer page might send, are ("", None) and ignored. Raises Malformed
    for anything else."""
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        raise Malformed("not JSON") from None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        raise Malformed("not a list that starts with its kind")
    kind, rest = envelope[0], envelope[1:]
    if kind == "stdin" and len(rest) == 1 and isinstance(rest[0], str):
        try:
            return kind, rest[0].encode("utf-8")
        except UnicodeEncodeError:
            raise Malformed("keys that are not text") from None
    if kind == "resize" and len(rest) == 1 and isinstance(rest[0], dict):
        width, height = rest[0].get("width"), rest[0].get("height")
        if type(width) is int and type(height) is int:  # not bool, not float
            return kind, (cells(width), cells(height))
    if kind == "ping" and len(rest) == 1 and isinstance(rest[0], str) and len(rest[0]) < 100:
        return kind, rest[0]
    if kind in ("focus", "blur") and not rest:
        return kind, None
    if kind in ("stdin", "resize", "ping", "focus", "blur"):
        raise Malformed(f"a {kind} frame of the wrong shape")
    return "", None


def cells(value: int) -> int:
    """A terminal's width or height as the game can draw it."""
    return min(max(value, 1), MOST_CELLS)


class ClassroomServer(Server):
    """textual-serve's server, with the page's addresses taken from the address the
    browser used (so `--host 0.0.0.0` works from other machines), a profile per visitor,
    and the classroom rules above."""

    def __init__(
        self,
        command: list[str],
        host: str,
        port: int,
        max_players: int | None = None,
        title: str = "Treaty Talks",
        tables: Tables | None = None,
        gate: Gate | None = None,
        console: Console | None = None,
    ) -> None:
        super().__init__(
            shlex.join(command),
            host=host,
            port=port,
            title=title,
            templates_path=TEMPLATES,
        )
        self.words = command
        self.max_players = max_players or default_max_players()
        self.games: set[AppService] = set()
        """The visitors' games now running (or starting)."""
        self.forks = ForkServer(AppService("", **no_browser())._build_environment(), command[3:])
        """Where visitors' games come from (game/tui/forking.py)."""
        self.tables = tables
        """The tables' authority (issue 35), on `/tables/ws`."""
        self.gate = gate
        """With a roster: a profile opens only with its code."""
        self.teacher_console = console
        """The teacher's console (issue 36), on `/teacher`."""
        self.visitors: dict[AppService, tuple[str, str]] = {}
        """Each game running: (its profile, since when), for the console."""
        if console is not None:
            console.games = lambda: list(self.visitors.values())

    @property
    def full(self) -> bool:
        return len(self.games) >= self.max_players

    def initialize_logging(self) -> None:
        super().initialize_logging()
        # Warnings and errors only: a line for every file a browser fetches is noise.
        logging.getLogger().setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        """`treaty serve` says where it serves; nothing more is printed here. The fork
        server starts, so that the first visitors do not wait for it."""
        self.forks.start()

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: every visitor's game is asked to quit, and waited for."""
        await asyncio.gather(*(game.stop() for game in list(self.games)), return_exceptions=True)

    async def on_cleanup(self, app: web.Application) -> None:
        """Let the games' process handles go while the event loop still runs (otherwise
        Python complains about each one after the loop has closed)."""
        self.games.clear()
        gc.collect()
        self.forks.stop()

    async def _make_app(self) -> web.Application:
        # textual-serve's routes, but `/static/` serves the files the page names and lists
        # no folders (textual-serve's own shows an index of each).
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/ws/as/{profile}", self.handle_websocket, name="websocket_profile"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        route = add_table_routes(app, self.tables, allowed=own_page) if self.tables else None
        if self.teacher_console is not None:
            add_console_routes(app, self.teacher_console, route)
        if self.gate is not None:
            add_gate_routes(app, self.gate)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        app.on_cleanup.append(self.on_cleanup)
        return app

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any] | web.Response:
        if self.full:
            return self.class_full(request)
        here = f"{request.scheme}://{request.host}"
        socket = ("wss://" if request.scheme == "https" else "ws://") + request.host
        profile = request.query.get("profile", "").strip()
        if self.gate is not None and not self.gate.admitted(request, profile):
            return self.gate.ask(profile_name(profile) or "")
        path = f"/ws/as/{quote(profile, safe='')}" if profile else "/ws"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": socket + path,
            "config": {"static": {"url": here + "/static/"}},
            "application": {"name": self.title},
        }

    def class_full(self, request: web.Request) -> web.Response:
        """The page a visitor sees instead of the game when the cap is reached."""
        response = aiohttp_jinja2.render_template(
            "class_full.html",
            request,
            {
                "title": self.title,
                "running": len(self.games),
                "retry_seconds": RETRY_SECONDS,
            },
            status=503,
        )
        response.headers["Retry-After"] = str(RETRY_SECONDS)
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """As textual-serve's, but the visitor's profile (if any) goes to their game; a
        socket from another site's page, or past the cap, is refused; and a frame the page
        never sends ends that game quietly."""
        origin = request.headers.get("Origin")
        if origin is not None and not same_origin(origin, request):
            # Any page a student visits could otherwise open games as any profile.
            raise web.HTTPForbidden(text="Only the game's own page may open a game.\n")
        if self.full:
            raise web.HTTPServiceUnavailable(
                text=f"The class is full: {len(self.games)} games are running.\n",
                headers={"Retry-After": str(RETRY_SECONDS)},
            )
        websocket = web.WebSocketResponse(heartbeat=15)
        width = cells(to_int(request.query.get("width", "80"), 80))
        height = cells(to_int(request.query.get("height", "24"), 24))
        words = list(self.words)
        profile = profile_name(request.match_info.get("profile", "")) or ""
        if self.gate is not None and not self.gate.admitted(request, profile):
            raise web.HTTPForbidden(
                text="This class has a roster: open the page and type your code.\n"
            )
        if profile:
            words += ["--profile", profile]
        app_service = ForkedAppService(
            shlex.join(words),
            forks=self.forks,
            words=words[3:],  # after `python -m game`
            one_profile=self.gate is not None,  # the roster checked this profile's code
            tables=self.table_environment(profile),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,  # as textual-serve does
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.games.add(app_service)  # at once, with no await since the check: the seat is taken
        self.visitors[app_service] = (profile, now())
        try:
            await websocket.prepare(request)
            try:
                await app_service.start(width, height)
            except OSError as error:  # out of memory or processes, say
                log.error("A game could not start: %s", error)
                await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER)
                return websocket
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except ConnectionError:
            pass  # the browser went away mid-sentence; its game ends below
        finally:
            await app_service.stop()  # the game quits cleanly; its progress is saved
            await let_go(app_service)
            self.games.discard(app_service)
            self.visitors.pop(app_service, None)
        return websocket

    def table_environment(self, profile: str) -> dict[str, str]:
        """What a visitor's game needs for "Join a table": where the tables are (on this
        machine) and, with a roster, the pass for the profile whose code was typed."""
        if self.tables is None:
            return {}
        host = self.host if self.host not in ("", "0.0.0.0", "::") else "127.0.0.1"
        host = f"[{host}]" if ":" in host else host
        found = {TABLES_URL: f"http://{host}:{self.port}/"}
        if self.gate is not None and profile:
            found[TABLE_PASS] = self.tables.game_pass(profile)
        return found

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService
    ) -> None:
        """The page's keys, sizes, pings and focus go to the game. A frame it never sends
        (binary, not JSON, the wrong shape) closes this socket: that game ends, quietly."""
        async for message in websocket:
            if message.type == WSMsgType.BINARY:
                await websocket.close(code=WSCloseCode.UNSUPPORTED_DATA)
                return
            if message.type != WSMsgType.TEXT:
                return  # an error reading the socket: aiohttp has closed it
            try:
                kind, data = read_frame(message.data)
            except Malformed as problem:
                log.info("A game was closed: its page sent %s.", problem)
                await websocket.close(code=WSCloseCode.INVALID_TEXT)
                return
            if kind == "stdin":
                await app_service.send_bytes(data)
            elif kind == "resize":
                await app_service.set_terminal_size(*data)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    content: Sequence[str] = (),
    data_dir: str | None = None,
    max_players: int | None = None,
    roster: Roster | None = None,
    teacher_code: str | None = None,
) -> None:
    """Serve the game until Ctrl+C; the teacher's console opens with the roster's teacher
    code, or `teacher_code` without a roster."""
    command = game_command(content, data_dir)
    tables = table_authority(content, data_dir, roster)
    title = page_title(content)
    gate = Gate(roster, title, own_page) if roster is not None else None
    folder = tables.log.path.parent if tables.log.path is not None else Path(".")
    key = teacher_key(roster, teacher_code)
    console = Console(key, tables, folder, title=title, allowed=own_page)
    ClassroomServer(command, host, port, max_players, title, tables, gate, console).serve()


def own_page(request: web.Request) -> bool:
    """Whether a websocket comes from no page (a terminal) or from the game's own."""
    origin = request.headers.get("Origin")
    return origin is None or same_origin(origin, request)


def page_title(content: Sequence[str]) -> str:
    """The page's title: a course's own under `--only` (issue 33), else the game's."""
    from game.content.course import first_course, read_course

    found = first_course(content) if isinstance(content, OnlyFolders) else None
    course = read_course(found)[0] if found is not None else None
    return course.title if course is not None else "Treaty Talks"
