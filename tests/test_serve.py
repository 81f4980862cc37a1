"""`treaty serve` in a real browser: headless Chromium (Debian's `chromium`), driven over
the DevTools protocol. Skipped, with the reason, where Chromium is not installed."""

import asyncio
import codecs
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from inprocess import run_game

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (Debian: apt-get install chromium); .ci/run installs it",
)

# Collects what the game sends to the page, as text, so the test can read the screen.
HOOK = """
(() => {
  window.__treaty = "";
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  function Hooked(url, protocols) {
    const socket = protocols ? new Native(url, protocols) : new Native(url);
    socket.addEventListener("message", (event) => {
      window.__treaty += typeof event.data === "string"
        ? event.data : decoder.decode(event.data, {stream: true});
    });
    return socket;
  }
  Hooked.prototype = Native.prototype;
  for (const key of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Hooked[key] = Native[key];
  window.WebSocket = Hooked;
})();
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Page:
    """One browser tab, over the DevTools protocol."""

    def __init__(
        self, ws: aiohttp.ClientWebSocketResponse, session: str, events: list[dict[str, Any]]
    ) -> None:
        self.ws, self.session, self.next_id, self.events = ws, session, 0, events

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        wanted = self.next_id
        await self.ws.send_json(
            {"id": wanted, "method": method, "params": params, "sessionId": self.session}
        )
        while True:
            reply = json.loads((await self.ws.receive(timeout=30)).data)
            if "method" in reply:
                self.events.append(reply)  # what the tab did meanwhile (requests, say)
            elif reply.get("id") == wanted:
                assert "error" not in reply, reply
                return dict(reply.get("result", {}))

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def screen_shows(self, text: str, seconds: float = 20) -> bool:
        """Wait (polling the page, not sleeping blind) until the game has sent `text`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in (await self.evaluate("window.__treaty || ''") or ""):
                return True
            await asyncio.sleep(0.1)
        return False

    async def press(self, key: str) -> None:
        # Keys go where a student's would: the terminal's input, focused as a click would.
        await self.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        text = {"Enter": "\r"}.get(key, key if len(key) == 1 else "")
        for kind in ("keyDown", "keyUp"):
            params: dict[str, Any] = {"type": kind, "key": key}
            if text and kind == "keyDown":
                params["text"] = text
            await self.send("Input.dispatchKeyEvent", **params)


class Browser:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws, self.next_id = ws, 1000
        self.events: list[dict[str, Any]] = []

    async def new_tab(self, url: str) -> Page:
        self.next_id += 1
        await self.ws.send_json(
            {"id": self.next_id, "method": "Target.createTarget", "params": {"url": "about:blank"}}
        )
        target = await self._reply(self.next_id)
        self.next_id += 1
        await self.ws.send_json(
            {
                "id": self.next_id,
                "method": "Target.attachToTarget",
                "params": {"targetId": target["targetId"], "flatten": True},
            }
        )
        session = (await self._reply(self.next_id))["sessionId"]
        page = Page(self.ws, session, self.events)
        page.next_id = self.next_id * 10
        await page.send("Network.enable")
        await page.send("Page.enable")
        await page.send("Runtime.enable")
        await page.send("Page.addScriptToEvaluateOnNewDocument", source=HOOK)
        await page.send(
            "Emulation.setDeviceMetricsOverride",
            width=1100,
            height=700,
            deviceScaleFactor=1,
            mobile=False,
        )
        await page.send("Page.navigate", url=url)
        return page

    async def _reply(self, wanted: int) -> dict[str, Any]:
        while True:
            reply = json.loads((await self.ws.receive(timeout=30)).data)
            if reply.get("id") == wanted:
                assert "error" not in reply, reply
                return dict(reply["result"])


async def open_browser(profile_dir: Path) -> AsyncIterator[Browser]:
    assert CHROMIUM is not None
    chromium = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile_dir}",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        active = profile_dir / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not active.is_file() or not active.read_text().strip():
            assert time.monotonic() < deadline, "Chromium did not start"
            await asyncio.sleep(0.1)
        port = int(active.read_text().split()[0])
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/json/version") as response:
                url = (await response.json())["webSocketDebuggerUrl"]
            async with http.ws_connect(url, max_msg_size=0) as ws:
                yield Browser(ws)
    finally:
        chromium.terminate()
        chromium.wait(timeout=30)


def start_server(tmp_path: Path, *options: str) -> tuple[subprocess.Popen[str], int]:
    """`treaty serve` on a free loopback port, as a teacher would start it; waits (up to
    30 s) until it accepts connections."""
    port = free_port()
    env = {**os.environ, "TREATY_CONFIG_DIR": str(tmp_path / "config")}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "game",
            "serve",
            "--port",
            str(port),
            "--data-dir",
            str(tmp_path / "data"),
            *options,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl+C reaches
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                kill_server(process)
                raise AssertionError("no server") from None
            time.sleep(0.1)
    return process, port


def kill_server(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def stop_server(process: subprocess.Popen[str]) -> str:
    """Ctrl+C to the server alone (games still starting are not interrupted mid-import;
    the server ends every game itself); returns everything it printed."""
    try:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)
    finally:
        kill_server(process)
    assert process.returncode == 0, output
    return output


@pytest.fixture
def server(tmp_path: Path) -> Any:
    process, port = start_server(tmp_path)
    yield process, port, tmp_path / "data"
    kill_server(process)


@needs_chromium
async def test_two_tabs_each_play_their_own_game_and_ctrl_c_ends_them_cleanly(
    server: Any, tmp_path: Path
) -> None:
    process, port, data = server
    async for browser in open_browser(tmp_path / "chromium-profile"):
        anna = await browser.new_tab(f"http://127.0.0.1:{port}/?profile=Anna")
        ben = await browser.new_tab(f"http://127.0.0.1:{port}/?profile=Ben")
        for tab, name in ((anna, "Anna"), (ben, "Ben")):
            assert await tab.screen_shows("Treaty Talks"), "the home screen never came"
            assert await tab.screen_shows("Scenarios")
            # The page's own loading screen has gone: the terminal has its first bytes.
            assert await tab.evaluate("document.body.classList.contains('-first-byte')")
            # Each game plays as its visitor: the profile came from the address (shown
            # once the game has loaded its content and opened the progress file).
            assert await tab.screen_shows(f"playing as {name}")
        # Anna's key press reaches Anna's game only: she opens the scenario list.
        await anna.send("Page.bringToFront")
        await anna.press("s")
        assert await anna.screen_shows("Choose a negotiation")
        assert "Choose a negotiation" not in (await ben.evaluate("window.__treaty"))
        # Nothing the page needs comes from elsewhere: it works with no internet.
        fetched = [
            e["params"]["request"]["url"]
            for e in browser.events
            if e["method"] == "Network.requestWillBeSent"
        ]
        assert fetched and all(
            url.startswith((f"http://127.0.0.1:{port}/", f"ws://127.0.0.1:{port}/"))
            for url in fetched
        ), fetched
        # Ctrl+C at the server's terminal reaches its whole process group.
        os.killpg(process.pid, signal.SIGINT)
        output, _ = process.communicate(timeout=30)
        assert process.returncode == 0, output
        assert "Traceback" not in output
    games = subprocess.run(
        ["pgrep", "-f", f"game --data-dir {data}"], capture_output=True, text=True
    )
    assert games.stdout.strip() == ""  # no visitor's game is left running
    store = sqlite3.connect(data / "progress.sqlite3")
    names = {row[0] for row in store.execute("SELECT name FROM profiles")}
    assert {"Anna", "Ben"} <= names
    assert store.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_page_uses_the_address_the_browser_used_and_nothing_from_elsewhere(
    server: Any,
) -> None:
    import urllib.request

    _, port, _ = server
    # A classroom machine reaching the server by its network address (--host 0.0.0.0).
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/?profile=Ann%20Lee", headers={"Host": f"10.0.0.7:{port}"}
    )
    page = urllib.request.urlopen(request, timeout=10).read().decode("utf-8")
    assert f'data-session-websocket-url="ws://10.0.0.7:{port}/ws/as/Ann%20Lee"' in page
    assert f'src="http://10.0.0.7:{port}/static/js/textual.js"' in page
    addresses = re.findall(r"""(?:href|src|url)\(?=?["']?((?:https?:)?//[^"')]+)""", page)
    assert addresses and all(a.startswith(f"http://10.0.0.7:{port}/") for a in addresses)
    assert "googleapis" not in page
    # The font is served from here (and named with fallbacks, should it be missing).
    font = urllib.request.urlopen(
        f"http://127.0.0.1:{port}/static/fonts/RobotoMono-VariableFont_wght.ttf", timeout=10
    )
    assert font.status == 200
    assert '"Roboto Mono", menlo, monospace' in page


# A game in a browser, played by an aiohttp client the way the page plays it.


async def connect(
    http: aiohttp.ClientSession, port: int, profile: str, origin: str | None = "page"
) -> aiohttp.ClientWebSocketResponse:
    """Open a game as the page at http://127.0.0.1:PORT/ does (its Origin, its first
    resize); `origin=None` is a client that is not a browser, which sends none."""
    page = f"http://127.0.0.1:{port}"
    headers = {"Origin": page if origin == "page" else origin} if origin else {}
    ws = await http.ws_connect(
        f"{page}/ws/as/{profile}?width=120&height=40", headers=headers, max_msg_size=0
    )
    await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
    return ws


async def screen_shows(ws: aiohttp.ClientWebSocketResponse, text: str, seconds: float = 60) -> bool:
    """Read what the game draws (polling the socket, up to `seconds`) until it shows
    `text`; False if it never does, or the socket closes first."""
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    seen = ""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            message = await ws.receive(timeout=left)
        except TimeoutError:
            return False
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += decoder.decode(message.data)
            if text in seen:
                return True
        elif message.type != aiohttp.WSMsgType.TEXT:
            return False  # closed
    return False


async def closed_by_server(ws: aiohttp.ClientWebSocketResponse, seconds: float = 30) -> bool:
    """Whether the server closes the socket within `seconds` (what the game drew
    meanwhile is skipped)."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            message = await ws.receive(timeout=left)
        except TimeoutError:
            return False
        if message.type in (
            aiohttp.WSMsgType.CLOSE,
            aiohttp.WSMsgType.CLOSED,
            aiohttp.WSMsgType.CLOSING,
        ):
            return True
    return False


def profiles(data: Path) -> set[str]:
    store = sqlite3.connect(data / "progress.sqlite3")
    try:
        return {row[0] for row in store.execute("SELECT name FROM profiles")}
    finally:
        store.close()


async def test_a_game_opens_only_from_the_games_own_page(tmp_path: Path) -> None:
    process, port = start_server(tmp_path)
    try:
        async with asyncio.timeout(180), aiohttp.ClientSession() as http:
            # Any web page a student visits could try to open a game as a classmate:
            # another site, another port, the same address over https, a sandboxed page.
            for origin in (
                "http://evil.example",
                f"http://127.0.0.1:{port + 1}",
                f"https://127.0.0.1:{port}",
                f"http://10.0.0.7:{port}",
                "null",
            ):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await connect(http, port, "Anna", origin=origin)
                assert refused.value.status == 403, origin
            # The page itself plays, by whichever address it was opened (here the
            # machine's network address, as with --host 0.0.0.0).
            network = f"10.0.0.7:{port}"
            ben = await http.ws_connect(
                f"http://127.0.0.1:{port}/ws/as/Ben",
                headers={"Host": network, "Origin": f"http://{network}"},
            )
            assert await screen_shows(ben, "playing as Ben")
            # A client that is not a browser sends no Origin, and may play.
            cleo = await connect(http, port, "Cleo", origin=None)
            assert await screen_shows(cleo, "playing as Cleo")
            await ben.close()
            await cleo.close()
        output = stop_server(process)
    finally:
        kill_server(process)
    assert "Traceback" not in output
    # No game ever ran as Anna: the refused sockets started none.
    assert profiles(tmp_path / "data") == {"Ben", "Cleo"}


async def test_past_max_players_the_page_says_the_class_is_full(tmp_path: Path) -> None:
    process, port = start_server(tmp_path, "--max-players", "2")
    page = f"http://127.0.0.1:{port}"
    try:
        async with asyncio.timeout(180), aiohttp.ClientSession() as http:
            anna = await connect(http, port, "Anna")
            ben = await connect(http, port, "Ben")
            assert await screen_shows(anna, "playing as Anna")
            assert await screen_shows(ben, "playing as Ben")
            # A third student opens the page: a clear page, not the game.
            async with http.get(f"{page}/?profile=Cleo") as response:
                text = await response.text()
                assert response.status == 503
                assert response.headers["Retry-After"] == "30"
            assert "The class is full: 2 games are running" in text
            assert "data-session-websocket-url" not in text
            assert "googleapis" not in text and "src=" not in text  # works offline
            # A page loaded just before is refused its game too.
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await connect(http, port, "Cleo")
            assert refused.value.status == 503
            # Anna leaves: once her game has ended there is room for Cleo.
            await anna.close()
            deadline = time.monotonic() + 30
            while True:
                async with http.get(f"{page}/?profile=Cleo") as response:
                    if response.status == 200:
                        assert "/ws/as/Cleo" in await response.text()
                        break
                assert time.monotonic() < deadline, "Anna's seat was never freed"
                await asyncio.sleep(0.1)
            cleo = await connect(http, port, "Cleo")
            assert await screen_shows(cleo, "playing as Cleo")
            await ben.close()
            await cleo.close()
        output = stop_server(process)
    finally:
        kill_server(process)
    assert "At most 2 games at once" in output
    assert "Traceback" not in output
    assert profiles(tmp_path / "data") == {"Anna", "Ben", "Cleo"}


def test_max_players_refuses_zero_and_negatives_and_the_default_fits_a_class(
    tmp_path: Path,
) -> None:
    from game.tui.capacity import CLASS_SIZE, default_max_players, memory_free

    for wrong in ("0", "-3", "many"):
        result = run_game(
            ["serve", "--max-players", wrong],
            cwd=Path.cwd(),
        )
        assert result.returncode == 2
        assert "argument --max-players:" in result.stderr
        assert "Traceback" not in result.stderr
    # Sized to the memory free (about 40 MiB a game, a fifth left for the rest), and never
    # below a class of 40: on a small machine, and when nothing says how much there is.
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       16318480 kB\nMemAvailable:    8947340 kB\n")
    free = memory_free(meminfo)
    assert free == 8947340 * 1024
    assert default_max_players(free) == 8947340 * 1024 * 4 // 5 // (40 * 1024 * 1024) == 174
    assert default_max_players(2 * 1024**3) == CLASS_SIZE == 40
    assert default_max_players(0) == 40
    # Kernels without MemAvailable: MemTotal.
    meminfo.write_text("MemTotal:        4000000 kB\n")
    assert memory_free(meminfo) == 4000000 * 1024
    # Not Linux: the machine's memory as the system tells it, or nothing to go on.
    elsewhere = memory_free(tmp_path / "missing")
    assert elsewhere is None or elsewhere > 0
    assert default_max_players() >= 40


async def test_a_malformed_frame_closes_that_game_quietly_and_the_others_play_on(
    tmp_path: Path,
) -> None:
    process, port = start_server(tmp_path)
    try:
        async with asyncio.timeout(240), aiohttp.ClientSession() as http:
            anna = await connect(http, port, "Anna")
            ben = await connect(http, port, "Ben")
            assert await screen_shows(anna, "playing as Anna")
            assert await screen_shows(ben, "playing as Ben")
            # Ben's page, mid-game, sends something no page sends: his game is closed.
            await ben.send_str("this is not JSON")
            assert await closed_by_server(ben)
            assert ben.close_code == 1007
            # Frames of every wrong kind, each on a game of its own as soon as it opens.
            wrong: list[tuple[str | bytes, int]] = [
                ('{"stdin": "s"}', 1007),  # JSON, but not the page's list
                ("[]", 1007),
                ("[1, 2]", 1007),
                ('["stdin", 5]', 1007),
                ('["stdin", "\\ud800"]', 1007),  # half a character
                ('["resize", {"width": "wide", "height": 24}]', 1007),
                ('["resize", [80, 24]]', 1007),
                ('["ping", {"at": 1}]', 1007),
                ("[" * 200_000, 1007),  # nested too deep to read
                (b"\x00\xff binary", 1003),
            ]
            for number, (frame, code) in enumerate(wrong):
                ws = await connect(http, port, f"Wrong {number}")
                if isinstance(frame, bytes):
                    await ws.send_bytes(frame)
                else:
                    await ws.send_str(frame)
                assert await closed_by_server(ws), frame
                assert ws.close_code == code, frame
            # Bytes that are not UTF-8 in a text frame, and a frame too big to take.
            ws = await connect(http, port, "Not UTF-8")
            await ws.send_frame(b'["stdin", "\xff\xfe"]', aiohttp.WSMsgType.TEXT)
            assert await closed_by_server(ws)
            assert ws.close_code == 1007
            ws = await connect(http, port, "Too big")
            with contextlib.suppress(ConnectionError):  # closed while it was still sending
                await ws.send_str(json.dumps(["stdin", "s" * 5_000_000]))
            assert ws.closed or await closed_by_server(ws)
            # Anna's game plays on: a key opens the scenario list, a ping gets its pong.
            await anna.send_str(json.dumps(["stdin", "s"]))
            assert await screen_shows(anna, "Choose a negotiation")
            await anna.send_str(json.dumps(["ping", "12345"]))
            deadline = time.monotonic() + 30
            while True:
                message = await anna.receive(timeout=max(deadline - time.monotonic(), 0.1))
                if message.type == aiohttp.WSMsgType.TEXT:
                    assert json.loads(message.data) == ["pong", "12345"]
                    break
                assert message.type == aiohttp.WSMsgType.BINARY
            await anna.close()
        output = stop_server(process)
    finally:
        kill_server(process)
    # Quietly: the teacher's terminal shows no traceback, no error.
    assert "Traceback" not in output
    assert "Error" not in output and "ERROR" not in output
    assert {"Anna", "Ben"} <= profiles(tmp_path / "data")


def test_static_lists_no_folders(server: Any) -> None:
    import urllib.error
    import urllib.request

    _, port, _ = server
    for folder in ("/static/", "/static/js/", "/static/fonts/", "/static/js"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{folder}", timeout=10)
        assert refused.value.code in (403, 404), folder
        body = refused.value.read().decode("utf-8", "replace")
        assert "textual.js" not in body and "Index of" not in body, folder
    # The files the page names are still served.
    page = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/js/textual.js", timeout=10)
    assert page.status == 200


def test_the_pages_own_frames_are_read_and_a_newer_pages_kinds_are_let_by() -> None:
    from game.tui.serve import MOST_CELLS, Malformed, read_frame

    # What textual-serve's page sends, as it sends it.
    assert read_frame('["stdin", "s"]') == ("stdin", b"s")
    assert read_frame('["stdin", "\\u00e9\\ud83d\\ude00"]') == ("stdin", "é😀".encode())
    assert read_frame('["resize", {"width": 132, "height": 43}]') == ("resize", (132, 43))
    assert read_frame('["ping", "1733350000000"]') == ("ping", "1733350000000")
    assert read_frame('["focus"]') == ("focus", None)
    assert read_frame('["blur"]') == ("blur", None)
    # A size no game can draw is brought within reach instead.
    assert read_frame('["resize", {"width": 0, "height": 99999}]') == ("resize", (1, MOST_CELLS))
    # A kind a newer page might send is ignored, not taken for an attack.
    assert read_frame('["scroll", 3]') == ("", None)
    with pytest.raises(Malformed):
        read_frame('["resize", {"width": true, "height": 24}]')
