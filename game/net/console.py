"""The teacher's console (issue 36): `/teacher` on `treaty serve`'s own aiohttp app.

Only the teacher's code opens it (the `teacher` row of the roster's codes file, or the
code `treaty serve` makes and prints at start when there is no roster): typed once in a
form, then a session cookie holds a token signed by this server (never the code). Every
route under `/teacher/` checks that cookie, so nothing the console shows is readable
without the code; the actions are POSTs that also need the page's own `Origin` (a page
of another site cannot press them).

The page (`web/console.html`, with its script and style) is plain HTML, CSS and
JavaScript served from here: it asks `/teacher/state` every 2 s and sets every name with
`textContent`, never as HTML, since names are typed by students.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from aiohttp import web

from game.net.authority import Refusal, Tables
from game.net.console_state import class_state, joint_debrief, table_state
from game.net.roster import TEACHER, Roster
from game.net.server import TableRoute
from game.store.class_now import read_class
from game.store.table_log import CLOSE, PAUSE, RESUME

ROUTE = "/teacher"
COOKIE = "treaty_teacher"
WEB = Path(__file__).parent / "web"
FILES = {"console.js": "application/javascript", "console.css": "text/css"}
ACTIONS = {"pause": PAUSE, "resume": RESUME, "close": CLOSE}
HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}

ASK = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>{title}: the teacher's console</title>
<link rel="stylesheet" href="{route}/console.css" /></head>
<body><main class="ask"><h1>The teacher's console</h1><p>{message}</p>
<form method="post" action="{route}">
<label>The teacher's code <input name="code" type="password" autocomplete="current-password"
required autofocus /></label><button type="submit">Open the console</button></form>
</main></body></html>"""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Console:
    """The console's routes, over the tables' authority, the browser games running and
    the data folder."""

    def __init__(
        self,
        teacher: Roster,
        tables: Tables,
        data_dir: Path,
        *,
        title: str = "Treaty Talks",
        games: Callable[[], Iterable[tuple[str, str]]] = list,
        allowed: Callable[[web.Request], bool] | None = None,
    ) -> None:
        self.teacher = teacher
        """Holds the teacher's code, hashed (the roster, or one made for this start)."""
        self.tables = tables
        self.data_dir = data_dir
        self.title = title
        self.games = games
        self.allowed = allowed
        self.route: TableRoute | None = None
        """The tables' websocket route: told to send both sides their view after an action."""
        self.secret = secrets.token_bytes(32)

    def token(self) -> str:
        return hmac.new(self.secret, TEACHER.encode(), hashlib.sha256).hexdigest()

    def admitted(self, request: web.Request) -> bool:
        given = request.cookies.get(COOKIE, "")
        return hmac.compare_digest(given.encode(), self.token().encode())

    def same_site(self, request: web.Request) -> bool:
        """Whether a POST comes from this server's own page: it must say its `Origin`."""
        origin = request.headers.get("Origin")
        return origin is not None and (self.allowed is None or self.allowed(request))

    def ask(self, message: str = "", status: int = 401) -> web.Response:
        text = message or "Type the teacher's code to see the class."
        page = ASK.format(title=escape(self.title), message=escape(text), route=ROUTE)
        return web.Response(text=page, content_type="text/html", status=status, headers=HEADERS)

    async def page(self, request: web.Request) -> web.StreamResponse:
        if not self.admitted(request):
            return self.ask()
        return web.Response(
            text=(WEB / "console.html").read_text(encoding="utf-8"),
            content_type="text/html",
            headers=HEADERS,
        )

    async def asset(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in FILES:
            raise web.HTTPNotFound()
        text = (WEB / name).read_text(encoding="utf-8")
        return web.Response(text=text, content_type=FILES[name], headers=HEADERS)

    async def code(self, request: web.Request) -> web.Response:
        """The form's answer: the console for the right code (slowed down after a few
        wrong tries), the form again otherwise."""
        if not self.same_site(request):
            raise web.HTTPForbidden(text="Only the console's own page may send the code.\n")
        form = await request.post()
        code = str(form.get("code", ""))
        address = request.remote or ""
        if not self.teacher.right(TEACHER, code):
            await asyncio.sleep(self.teacher.failed(TEACHER, address))
            return self.ask("That is not the teacher's code: try again.")
        self.teacher.passed(TEACHER, address)
        response = web.HTTPSeeOther(ROUTE)
        response.set_cookie(COOKIE, self.token(), httponly=True, samesite="Strict", path=ROUTE)
        raise response

    def _check(self, request: web.Request, action: bool = False) -> None:
        if not self.admitted(request):
            raise _json_error(web.HTTPForbidden, "Only the teacher's code opens the console.")
        if action and not self.same_site(request):
            raise _json_error(web.HTTPForbidden, "Only the console's own page may do that.")

    async def state(self, request: web.Request) -> web.Response:
        self._check(request)
        await _ready(self.tables)
        now_read = await asyncio.to_thread(read_class, self.data_dir)
        names = [name for folded, name in self.teacher.names.items() if folded != TEACHER]
        data = class_state(self.tables, self.games(), now_read, self.title, names)
        data["at"] = now()
        return _json(data)

    async def act(self, request: web.Request) -> web.Response:
        """Pause, resume or close a table; both sides are sent their view at once."""
        self._check(request, action=True)
        await _ready(self.tables)
        action = ACTIONS.get(request.match_info["action"])
        if action is None:
            raise _json_error(web.HTTPNotFound, "The console does no such thing.")
        try:
            live = self.tables.teacher(request.match_info["code"], action)
        except Refusal as refusal:
            raise _json_error(web.HTTPConflict, refusal.message) from None
        if self.route is not None and live.state is not None:
            await self.route.broadcast(live)
        return _json(table_state(live))

    async def debrief(self, request: web.Request) -> web.Response:
        self._check(request)
        await _ready(self.tables)
        try:
            live = self.tables.find(request.match_info["code"])
        except Refusal as refusal:
            raise _json_error(web.HTTPNotFound, refusal.message) from None
        debrief = joint_debrief(self.tables, live)
        if debrief is None:
            raise _json_error(web.HTTPConflict, f"Table {live.code} has not reached an ending.")
        return _json(debrief)


async def _ready(tables: Tables) -> None:
    """The content is loaded (and the tables rebuilt from their log) off the event loop."""
    await asyncio.to_thread(lambda: tables.catalog)


def _json(data: dict[str, Any]) -> web.Response:
    return web.Response(
        text=json.dumps(data, ensure_ascii=False), content_type="application/json", headers=HEADERS
    )


def _json_error(kind: type[web.HTTPError], message: str) -> web.HTTPError:
    return kind(
        text=json.dumps({"error": message}), content_type="application/json", headers=HEADERS
    )


def add_console_routes(
    app: web.Application, console: Console, route: TableRoute | None = None
) -> None:
    """Add `/teacher` and the routes under it to `app`."""
    console.route = route
    app.add_routes(
        [
            web.get(ROUTE, console.page, name="teacher"),
            web.post(ROUTE, console.code, name="teacher_code"),
            web.get(ROUTE + "/state", console.state, name="teacher_state"),
            web.get(ROUTE + "/tables/{code}/debrief", console.debrief, name="teacher_debrief"),
            web.post(ROUTE + "/tables/{code}/{action}", console.act, name="teacher_act"),
            web.get(ROUTE + "/{name}", console.asset, name="teacher_asset"),
        ]
    )


def teacher_key(roster: Roster | None, code: str | None) -> Roster:
    """What checks the teacher's code: the roster's `teacher` row, or `code` (made by
    `treaty serve` for this start when there is no roster)."""
    if roster is not None:
        return roster
    return Roster.of({TEACHER: code or secrets.token_urlsafe(12)})
