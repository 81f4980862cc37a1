"""The `treaty` command's first step: a student who types `treaty` (perhaps with
`--profile`, `--content` or `--data-dir`) at a terminal gets the app without the command
line's other modules (the content models, the plain game, the teacher's tools) being
imported first; the app loads the content itself, after its first screen. Anything else
(a command, `--help`, a pipe) goes to `game.cli`, which reads the same options."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

APP_OPTIONS = ("--profile", "--content", "--data-dir", "--only")
"""The options `treaty` takes for the app (each with a value): read here for the fast path,
and by `game.cli.options`, which gives each the same meaning after a command."""
DEFAULT_PROFILE = "default"
"""Whose progress when no `--profile` is given."""


def app_options(argv: Sequence[str]) -> dict[str, list[str]] | None:
    """The app's options in `argv` (each with every value given), or None when `argv` asks
    for anything else: a command, another option, an option without its value."""
    found: dict[str, list[str]] = {name: [] for name in APP_OPTIONS}
    words = list(argv)
    while words:
        word = words.pop(0)
        name, equals, value = word.partition("=")
        if name not in APP_OPTIONS:
            return None
        if not equals:
            if not words or words[0].startswith("-"):
                return None
            value = words.pop(0)
        found[name].append(value)
    return found


def _at_a_terminal() -> bool:
    if "web_driver" in os.environ.get("TEXTUAL_DRIVER", ""):
        return False  # a visitor's game under `treaty serve` goes through game.cli
    return sys.stdin.isatty() and sys.stdout.isatty()


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if "web_driver" in os.environ.get("TEXTUAL_DRIVER", ""):
        from game.net.lifeline import end_with_server

        end_with_server()  # a visitor's game ends with `treaty serve`, however it ends
    options = app_options(words)
    if options is not None and _at_a_terminal():
        from game.store.progress import profile_name

        given = options["--profile"][-1] if options["--profile"] else DEFAULT_PROFILE
        profile = profile_name(given)
        if profile is not None:
            from pathlib import Path

            from game.content.paths import OnlyFolders
            from game.store.settings import content_folders
            from game.tui import make_app

            data = options["--data-dir"][-1] if options["--data-dir"] else None
            make_app(
                content=OnlyFolders(options["--only"])
                if options["--only"]
                else content_folders(options["--content"]),
                data_dir=Path(data) if data else None,
                profile=profile,
            ).run()
            return 0
    from game.cli import main as cli_main

    return cli_main(words)
