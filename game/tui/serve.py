"""`treaty serve`: the game in a browser, for classrooms with only a browser on their
machines. Built on textual-serve: each visitor gets a game of their own (a process running
the same app), and with a profile name in the address (`/?profile=NAME`) their own saved
progress. The page needs nothing from the internet, and `/static/` lists no folders.

On a classroom network the server keeps to the page it serves: a websocket opened by
another web site is refused.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

TEMPLATES = Path(__file__).parent / "web"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def game_command(content: Sequence[str] = (), data_dir: str | None = None) -> list[str]:
    """What each visitor's game runs: this Python, this game, the same folders."""
    command = [sys.executable, "-m", "game"]
    for folder in content:
        command += ["--content", str(Path(folder).resolve())]
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


class ClassroomServer(Server):
    """textual-serve's server, with the page's addresses taken from the address the
    browser used (so `--host 0.0.0.0` works from other machines) and a profile per visitor."""

    def __init__(self, command: list[str], host: str, port: int) -> None:
        super().__init__(
            shlex.join(command),
            host=host,
            port=port,
            title="Treaty Talks",
            templates_path=TEMPLATES,
        )
        self.words = command
        self.games: set[AppService] = set()
        """The visitors' games now running."""

    def initialize_logging(self) -> None:
        super().initialize_logging()
        # Warnings and errors only: a line for every file a browser fetches is noise.
        logging.getLogger().setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        """`treaty serve` says where it serves; nothing more is printed here."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: every visitor's game is asked to quit, and waited for."""
        await asyncio.gather(*(game.stop() for game in list(self.games)), return_exceptions=True)

    async def on_cleanup(self, app: web.Application) -> None:
        """Let the games' process handles go while the event loop still runs (otherwise
        Python complains about each one after the loop has closed)."""
        self.games.clear()
        gc.collect()

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
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        app.on_cleanup.append(self.on_cleanup)
        return app

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        here = f"{request.scheme}://{request.host}"
        socket = ("wss://" if request.scheme == "https" else "ws://") + request.host
        profile = request.query.get("profile", "").strip()
        path = f"/ws/as/{quote(profile, safe='')}" if profile else "/ws"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": socket + path,
            "config": {"static": {"url": here + "/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """As textual-serve's, but the visitor's profile (if any) goes to their game, and
        a socket from another site's page is refused."""
        origin = request.headers.get("Origin")
        if origin is not None and not same_origin(origin, request):
            # Any page a student visits could otherwise open games as any profile.
            raise web.HTTPForbidden(text="Only the game's own page may open a game.\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        words = list(self.words)
        profile = " ".join(request.match_info.get("profile", "").split())[:40]
        if profile:
            words += ["--profile", profile]
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            app_service = AppService(
                shlex.join(words),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,  # type: ignore[arg-type]  # as textual-serve does
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.games.add(app_service)
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            if app_service is not None:
                await app_service.stop()  # the game quits cleanly; its progress is saved
                self.games.discard(app_service)
        return websocket


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    content: Sequence[str] = (),
    data_dir: str | None = None,
) -> None:
    """Serve the game until Ctrl+C."""
    ClassroomServer(game_command(content, data_dir), host, port).serve()
