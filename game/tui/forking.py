"""One game per visitor, forked from a game process that has already started.

Without this, `treaty serve` starts a new Python for every visitor: each imports Textual
and the game again (a third of a second of CPU, and some 40 MiB of memory of its own), and
a class opening the page at once waits while two cores do that forty times. Here the server
starts one *fork server* at start-up: a process that imports everything a game needs, with
the environment textual-serve gives a game, and then waits. For each visitor the server
sends it three pipe ends (the game's stdin, stdout and stderr) and the game's words; it
forks, and the child runs the game on those pipes exactly as a started process would. The
children share the imported modules' memory with the fork server until they change it.

If the fork server is gone or does not answer, the visitor's game is started as a new
process, as before: a class is slower, never refused.

The fork server runs as `python -m game.tui.forking FD`, FD being its end of a socket pair
with the server. Where there is no `fork` (Windows), every game is started as a process.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Sequence
from typing import Any

import textual_serve.app_service
from textual_serve.app_service import AppService

from game.net.lifeline import SERVER_PID, end_with_parent
from game.store.opening import CHECKED_BY_SERVER

# textual-serve reads its own version from its package's metadata for every game it
# starts (a few ms of the server's CPU each, forty times when a class opens the page); it
# does not change while the server runs.
_textual_serve = vars(textual_serve.app_service)
_textual_serve["version"] = functools.cache(_textual_serve["version"])

ANSWER_SECONDS = 60
"""The longest a game waits for the fork server to answer (it loads the content and runs
the app once before its first answer); past it, the fork server is given up and games
start as processes: a fork server that hangs never keeps a class waiting for good."""
MOST_REQUEST = 64 * 1024
"""The longest request the fork server reads (the game's words and environment)."""
PID = struct.Struct("!i")
ONE_PROFILE = "TREATY_ONE_PROFILE"
"""Set to 1 in a visitor's game when the class has a roster: it plays only the profile it
was opened with (the game's page checked that profile's code)."""


class ForkServer:
    """The server's handle on its fork server: `start()` once, then `fork()` per game."""

    def __init__(self, environment: dict[str, str], words: Sequence[str] = ()) -> None:
        self.environment = environment
        self.words = list(words)
        """The game's words (after `python -m game`): its content is loaded ahead."""
        self.process: subprocess.Popen[bytes] | None = None
        self.channel: socket.socket | None = None
        self.lock = threading.Lock()

    def start(self) -> None:
        if not hasattr(os, "fork") or not hasattr(socket, "send_fds"):
            return
        ours, theirs = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "game.tui.forking", str(theirs.fileno()), *self.words],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                env=self.environment,
                pass_fds=(theirs.fileno(),),
            )
        except OSError:
            ours.close()
            return
        finally:
            theirs.close()
        ours.settimeout(ANSWER_SECONDS)
        self.channel = ours

    def stop(self) -> None:
        if self.channel is not None:
            self.channel.close()  # the fork server reads the end of its channel and exits
            self.channel = None
        if self.process is not None:
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def fork(self, words: Sequence[str], environment: dict[str, str], fds: list[int]) -> int:
        """Ask for a game on `fds` (its stdin, stdout, stderr); its process id. Raises
        OSError when the fork server cannot give one."""
        request = json.dumps({"words": list(words), "environment": environment}).encode()
        with self.lock:
            channel = self.channel
            if channel is None:
                raise OSError("no fork server")
            try:
                socket.send_fds(channel, [struct.pack("!I", len(request)) + request], fds)
                answer = _read_exactly(channel, PID.size)
            except OSError:
                self.channel = None
                channel.close()
                raise
        (pid,) = PID.unpack(answer)
        if pid <= 0:
            raise OSError("the fork server could not fork")
        return int(pid)


def _read_exactly(channel: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        piece = channel.recv(size - len(data))
        if not piece:
            raise OSError("the fork server closed its channel")
        data += piece
    return data


class ForkedGame:
    """A forked game as textual-serve's AppService uses a started process: its stdin (a
    StreamWriter), stdout and stderr (StreamReaders), `wait()` and `returncode`."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self.stdin: asyncio.StreamWriter | None = None
        self.stdout: asyncio.StreamReader | None = None
        self.stderr: asyncio.StreamReader | None = None
        self.transports: list[asyncio.BaseTransport] = []

    async def connect(self, stdin: int, stdout: int, stderr: int) -> None:
        loop = asyncio.get_running_loop()
        self.stdout = await self._reader(loop, stdout)
        self.stderr = await self._reader(loop, stderr)
        transport, protocol = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(stdin, "wb", 0)
        )
        self.transports.append(transport)
        self.stdin = asyncio.StreamWriter(transport, protocol, None, loop)

    async def _reader(self, loop: asyncio.AbstractEventLoop, fd: int) -> asyncio.StreamReader:
        reader = asyncio.StreamReader(limit=2**20)
        transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(fd, "rb", 0)
        )
        self.transports.append(transport)
        return reader

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    async def wait(self) -> int:
        """Until the game has ended (the fork server reaps it; this one watches)."""
        while self.alive():
            await asyncio.sleep(0.05)
        self.returncode = 0
        return 0

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)

    def close(self) -> None:
        for transport in self.transports:
            transport.close()
        self.transports.clear()


async def fork_game(
    forks: ForkServer, words: Sequence[str], environment: dict[str, str]
) -> ForkedGame:
    """A game for one visitor from the fork server (OSError when there is none)."""
    pipes = [os.pipe() for _ in range(3)]
    theirs = [pipes[0][0], pipes[1][1], pipes[2][1]]
    ours = [pipes[0][1], pipes[1][0], pipes[2][0]]
    try:
        pid = await asyncio.to_thread(forks.fork, words, environment, theirs)
    except OSError:
        for fd in theirs + ours:
            os.close(fd)
        raise
    for fd in theirs:
        os.close(fd)
    game = ForkedGame(pid)
    await game.connect(*ours)
    return game


class ForkedAppService(AppService):
    """textual-serve's game, forked from the fork server when there is one (a new process
    when not)."""

    def __init__(
        self,
        command: str,
        *,
        forks: ForkServer,
        words: list[str],
        one_profile: bool = False,
        tables: dict[str, str] | None = None,
        **rest: Any,
    ):
        super().__init__(command, **rest)
        self.forks = forks
        self.words = words
        self.one_profile = one_profile
        """With a roster: the game plays its one profile and offers no other."""
        self.tables = tables or {}
        """`TABLES_URL` and `TABLE_PASS`, for the game's own environment."""

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        if self.one_profile:
            environment[ONE_PROFILE] = "1"
        environment.update(self.tables)
        environment[SERVER_PID] = str(os.getpid())  # the game ends if the server does
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        environment = self._build_environment(width=width, height=height)
        try:
            game = await fork_game(self.forks, self.words, environment)
        except OSError:
            return await super()._open_app_process(width, height)
        self._process = game  # type: ignore[assignment]  # as a process is used
        self._stdin = game.stdin
        return game


def no_browser() -> dict[str, Any]:
    """An AppService's callbacks for no browser (to ask it for a game's environment)."""

    async def nothing(*_: Any) -> None:
        return None

    return {
        "write_bytes": nothing,
        "write_str": nothing,
        "close": nothing,
        "download_manager": None,
    }


async def let_go(game: AppService) -> None:
    """Wait for a game's process to end, then close its handle while the loop runs: a handle
    left to the garbage collector after the loop has closed prints a traceback at exit.
    (textual-serve keeps the process in `_process` and offers no way to close it.)"""
    process = getattr(game, "_process", None)
    if process is None:
        return
    if isinstance(process, ForkedGame):
        try:
            await asyncio.wait_for(process.wait(), timeout=10)
        except TimeoutError:
            process.kill()
        process.close()
        return
    with contextlib.suppress(TimeoutError, ProcessLookupError):
        await asyncio.wait_for(process.wait(), timeout=10)
    transport = getattr(process, "_transport", None)
    if transport is not None and process.returncode is not None:
        transport.close()


# The fork server itself.

_store_checked = False
"""Whether the progress file was checked here, once, for every game forked after
(`warm_start.preload`)."""


def _serve_forks(channel: socket.socket) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C ends the games, not this
    gc.collect()
    gc.freeze()  # what is loaded now stays shared with the children: no collector writes
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(channel, MOST_REQUEST + 4, 3)
        except OSError:
            return
        if not message:
            return
        pid = -1
        try:
            if len(message) < 4:
                message += _read_exactly(channel, 4 - len(message))
            (size,) = struct.unpack("!I", message[:4])
            if size > MOST_REQUEST:
                raise ValueError("a request too long")
            if len(message) < 4 + size:
                message += _read_exactly(channel, 4 + size - len(message))
            request = json.loads(message[4 : 4 + size])
            words = [str(word) for word in request["words"]]
            environment = {str(k): str(v) for k, v in request["environment"].items()}
            if len(fds) == 3:
                pid = os.fork()
                if pid == 0:
                    _run_game(channel, fds, words, environment)
        except (ValueError, KeyError, TypeError, AttributeError, OSError):
            pid = -1
        finally:
            for fd in fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
        try:
            channel.sendall(PID.pack(pid))
        except OSError:
            return


def _run_game(
    channel: socket.socket, fds: list[int], words: list[str], environment: dict[str, str]
) -> None:
    """In the child: become the visitor's game on the pipes given, then exit."""
    code = 1
    try:
        channel.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.environ.clear()
        os.environ.update(environment)
        if _store_checked:
            os.environ[CHECKED_BY_SERVER] = "1"
        from game.launch import main

        code = main(words)
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    except BaseException:  # a child must never return into the fork server's loop
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def main() -> None:
    global _store_checked
    from game.tui.warm_start import preload

    channel = socket.socket(fileno=int(sys.argv[1]))
    # A server killed outright takes its fork server with it: at once where the kernel
    # can see to it (no thread here: the games are forked from this process), and
    # everywhere when the fork server reads the end of its channel.
    end_with_parent()
    _store_checked = preload(sys.argv[2:])
    _serve_forks(channel)


if __name__ == "__main__":
    main()
