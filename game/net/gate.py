"""The browser's way past a roster (issue 35): with `treaty serve --roster`, the game's page
opens a profile only after its code is typed, once a browser session (a session cookie
holds a token for that name, signed by this server; never the code itself).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from collections.abc import Callable
from html import escape
from urllib.parse import quote

from aiohttp import web

from game.net.roster import Roster, key
from game.store.names import profile_name

COOKIE = "treaty_pass"
ROUTE = "/code"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>{title}: your code</title>
<style>body{{background:#0c181f;color:rgba(255,255,255,.95);font-family:"Roboto Mono",menlo,
monospace;display:flex;align-items:center;justify-content:center;min-height:90vh;margin:0}}
main{{max-width:40em;padding:32px;background:#12232d;line-height:1.5}}
input{{font:inherit;margin:.3em 0 1em;display:block}}</style></head>
<body><main><h1>{title}</h1><p>{message}</p>
<form method="post" action="{route}">
<label>Your name <input name="name" value="{name}" autocomplete="username" required /></label>
<label>Your code <input name="code" type="password" autocomplete="current-password"
required /></label><button type="submit">Play</button></form>
<p>Your teacher gave you your code. It is asked once; closing the browser forgets it.</p>
</main></body></html>"""


class Gate:
    """Who may open which profile in a browser, with a roster."""

    def __init__(
        self,
        roster: Roster,
        title: str,
        allowed: Callable[[web.Request], bool] | None = None,
    ) -> None:
        self.roster = roster
        self.title = title
        self.allowed = allowed
        self.secret = secrets.token_bytes(32)
        """A new one each start: a restarted server asks for codes again."""

    def token(self, profile: str) -> str:
        return hmac.new(self.secret, key(profile).encode(), hashlib.sha256).hexdigest()

    def admitted(self, request: web.Request, profile: str) -> bool:
        """Whether this browser has typed `profile`'s code this session."""
        given = request.cookies.get(COOKIE, "")
        return bool(profile) and hmac.compare_digest(given.encode(), self.token(profile).encode())

    def ask(self, profile: str, message: str = "", status: int = 401) -> web.Response:
        """The page that asks for a name and its code."""
        text = message or "This class has a roster: type your name and your code to play."
        page = PAGE.format(
            title=escape(self.title), message=escape(text), route=ROUTE, name=escape(profile)
        )
        return web.Response(text=page, content_type="text/html", status=status)

    async def handle_code(self, request: web.Request) -> web.Response:
        """The form's answer: the game for the right code, the form again otherwise
        (slowed down after a few wrong tries)."""
        if self.allowed is not None and not self.allowed(request):
            raise web.HTTPForbidden(text="Only the game's own page may send a code.\n")
        form = await request.post()
        name = profile_name(str(form.get("name", ""))) or ""
        code = str(form.get("code", ""))
        address = request.remote or ""
        if not self.roster.on_roster(name):
            await asyncio.sleep(self.roster.failed(address))
            return self.ask(name, f"{name or 'That name'} is not on this class's roster.")
        if not self.roster.right(name, code):
            await asyncio.sleep(self.roster.failed(key(name), address))
            return self.ask(name, f"That is not {name}'s code: try again.")
        self.roster.passed(name, address)
        response = web.HTTPSeeOther(f"/?profile={quote(name, safe='')}")
        response.set_cookie(COOKIE, self.token(name), httponly=True, samesite="Strict")
        raise response


def add_gate_routes(app: web.Application, gate: Gate) -> None:
    app.add_routes([web.post(ROUTE, gate.handle_code, name="code")])
