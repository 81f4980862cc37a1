"""`treaty` as a student types it: the app's own options go straight to the app; anything
else goes to the command line, which reads the same options."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.launch import app_options


@pytest.mark.parametrize(
    ("argv", "options"),
    [
        ([], {"--profile": [], "--content": [], "--data-dir": []}),
        (["--profile", "Ann"], {"--profile": ["Ann"], "--content": [], "--data-dir": []}),
        (
            ["--profile=Ann Lee", "--content", "a", "--content=b", "--data-dir", "d"],
            {"--profile": ["Ann Lee"], "--content": ["a", "b"], "--data-dir": ["d"]},
        ),
    ],
)
def test_the_apps_own_options_are_read(argv: list[str], options: dict[str, list[str]]) -> None:
    assert app_options(argv) == {**options, "--only": []}  # --only: issue 33


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["--help"],
        ["--version"],
        ["--profile"],
        ["--profile", "--content", "x"],
        ["--content", "x", "play", "singapore-2018"],
        ["-h"],
    ],
)
def test_anything_else_goes_to_the_command_line(argv: list[str]) -> None:
    assert app_options(argv) is None


def test_treaty_in_a_terminal_shows_the_home_screen_without_the_command_line(
    tmp_path: Path,
) -> None:
    """In a real pseudo-terminal: the home screen appears, and the command line's modules
    (the content models among them) were not imported before it."""
    probe = (
        "import sys, game.launch as launch, game.tui.app as app\n"
        "seen = sys.argv[1]\n"
        "real = app.TreatyApp.on_mount\n"
        "def on_mount(self):\n"
        "    print('IMPORTED', 'game.cli' in sys.modules, 'game.content.models' in sys.modules,"
        " file=open(seen, 'w'))\n"
        "    real(self)\n"
        "    self.set_timer(0.5, self.exit)\n"
        "app.TreatyApp.on_mount = on_mount\n"
        "sys.argv[1:] = ['--profile', 'Ann', '--data-dir', sys.argv[2]]\n"
        "launch.main()\n"
    )
    seen = tmp_path / "seen.txt"
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", probe, str(seen), str(tmp_path / "data")],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"},
        close_fds=True,
    )
    os.close(follower)
    output = b""
    deadline = time.monotonic() + 60
    try:
        while process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1.0)
            if ready:
                try:
                    output += os.read(leader, 65536)
                except OSError:
                    break
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        os.close(leader)
    assert seen.exists(), output.decode(errors="replace")[-3000:]
    assert seen.read_text().split() == ["IMPORTED", "False", "False"]
    assert b"Treaty" in output
