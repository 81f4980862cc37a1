"""`python -m game ARGS` run inside the test's own process: what it prints, what it exits
with, as `subprocess.run(..., capture_output=True, text=True)` would report it, without
starting (and importing the game into) a new Python for every command.

What a child process would see is what the command sees here: its own working folder, its
own environment, its typed input on a pipe, its output to pipes (no terminal, so no colour
unless FORCE_COLOR, and Rich's default width), `sys.argv` as `python -m game` sets it, and
a traceback on stderr with exit status 1 if it raises. A few tests still run the command as
typed in a real process (tests/test_cli.py, tests/test_packaging.py, the Ctrl+C and
broken-pipe tests), so the way in itself stays covered."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from unittest import mock

import game

MAIN = str(Path(game.__file__).parent / "__main__.py")


def _no_terminal(fd: int = 1) -> os.terminal_size:
    raise OSError("not a terminal")  # every standard stream is a pipe, as in a child


@contextlib.contextmanager
def _as_a_child(cwd: Path | str, env: Mapping[str, str], argv: list[str]) -> Iterator[None]:
    saved_cwd, saved_env, saved_argv = os.getcwd(), dict(os.environ), sys.argv
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = argv
    try:
        with mock.patch("os.get_terminal_size", _no_terminal):
            yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        sys.argv = saved_argv
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)


def _pipe(data: bytes = b"") -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")


def _read(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8").replace("\r\n", "\n")


def run_game(
    args: Sequence[str],
    *,
    cwd: Path | str,
    env: Mapping[str, str] | None = None,
    stdin: str = "",
) -> subprocess.CompletedProcess[str]:
    """`python -m game *args` in folder `cwd` with environment `env` (this process's when
    None) and `stdin` typed: its exit status, stdout and stderr."""
    from game.launch import main

    environment = dict(os.environ if env is None else env)
    out, err = _pipe(), _pipe()
    with _as_a_child(cwd, environment, [MAIN, *args]):
        sys.stdin, sys.stdout, sys.stderr = _pipe(stdin.encode("utf-8")), out, err
        try:
            code: int | str | None = main(list(args))
        except SystemExit as leaving:
            code = leaving.code
        except Exception:
            traceback.print_exc()
            code = 1
        if isinstance(code, str):
            print(code, file=sys.stderr)
            code = 1
    return subprocess.CompletedProcess(
        [sys.executable, "-m", "game", *args], int(code or 0), _read(out), _read(err)
    )
