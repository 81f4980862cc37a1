"""What the fork server of `treaty serve` does once, before it forks any game, so that each
visitor's game has less to do before its first screen (issue 36: a class opening the
page at once waits on the CPU each game spends, forty times over).

Measured with `benchmarks/serve_bench.py --cpu-rounds`: a forked game's CPU to its first
screen was spent on parsing Textual's stylesheets again (the app's `.tcss` and every
widget's default CSS, twice: Textual parses them afresh after a screen's CSS is added),
on building the command line's parser (argparse, with a translation looked up for each
help line), and on what any Textual app does the first time it runs in a process (imports
on first use, caches filled). Here:

- the parser is built once and kept (`keep_the_parser`): a game's words are only ever the
  app's options, read the same way each time;
- Textual's parsed stylesheets are kept for the whole process (`share_parsed_styles`): a
  stylesheet parses a source it has seen with the same variables (the same theme) to the
  same rules, so every game forked after the first run reuses them;
- the app runs once, headless, in a folder of its own that is then removed (`first_run`),
  which fills those and Textual's own caches before the fork;
- the progress file's checks on opening (a `-wal` from elsewhere, every row surveyed),
  which read the whole file, a class's term of answers, are made once here
  (`check_the_store`); the games forked after open it with `checked=True`.

`preload` does all of it, after importing what a game imports before its first screen.

None of this changes what a game shows or does: the rules reused are those a parse would
give (tests/test_warm_start.py compares the screens).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import signal
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FIRST_RUN_SECONDS = 20
"""The longest the first run may take; past that it is given up (games start anyway):
cancelled if it waits, interrupted by an alarm if it is stuck in a computation."""
WARM_PROFILE = "warm-up"
"""The profile the first run plays as (in a data folder that is then removed)."""

_parsed: dict[tuple[Any, ...], Any] = {}
"""Textual's rules for each (source, where it was read from, its kind, its place, its
scope, the variables): the same key a Stylesheet caches under, with the variables."""
MOST_KEPT = 4096
"""Past this many (a teacher trying theme after theme), the kept rules start again."""


def keep_the_parser() -> None:
    """`treaty`'s argument parser is built once in this process, then reused."""
    from game.cli import parser

    if not isinstance(parser.build_parser, functools._lru_cache_wrapper):
        parser.build_parser = functools.cache(parser.build_parser)


def share_parsed_styles() -> None:
    """Every Textual stylesheet in this process reuses the rules parsed from a source with
    the same variables, whichever stylesheet parsed them first (Textual keeps them per
    stylesheet, and makes a new stylesheet each time it parses everything again)."""
    from textual.css.stylesheet import Stylesheet

    parse_rules = Stylesheet._parse_rules
    if getattr(parse_rules, "shared", False):
        return

    def shared_parse_rules(
        self: Stylesheet,
        css: str,
        read_from: tuple[str, str],
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> Any:
        key = (css, read_from, is_default_rules, tie_breaker, scope, _variables_of(self))
        rules = _parsed.get(key)
        if rules is None:
            rules = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
            if len(_parsed) >= MOST_KEPT:
                _parsed.clear()
            _parsed[key] = rules
        return rules

    shared_parse_rules.shared = True  # type: ignore[attr-defined]
    shared_parse_rules.original = parse_rules  # type: ignore[attr-defined]
    Stylesheet._parse_rules = shared_parse_rules  # type: ignore[method-assign]


def stop_sharing_parsed_styles() -> None:
    """Each stylesheet parses for itself again, as Textual does (for tests)."""
    from textual.css.stylesheet import Stylesheet

    original = getattr(Stylesheet._parse_rules, "original", None)
    if original is not None:
        Stylesheet._parse_rules = original  # type: ignore[method-assign]
    _parsed.clear()


def _variables_of(stylesheet: Any) -> tuple[tuple[str, str], ...]:
    """A stylesheet's variables as a key, worked out once for each set of variables."""
    variables = stylesheet._variables
    kept = stylesheet.__dict__.get("_treaty_variables")
    if kept is None or kept[0] is not variables:
        kept = (variables, tuple(sorted(variables.items())))
        stylesheet._treaty_variables = kept
    return kept[1]  # type: ignore[no-any-return]


def first_run(content: Sequence[str]) -> bool:
    """Run the app once, headless, to its home screen with the student's name on it (as a
    visitor's first screen), in a data folder that is then removed. False when it could
    not (it is then skipped: games start as they would have)."""
    previous = signal.signal(signal.SIGALRM, _too_long)
    signal.alarm(FIRST_RUN_SECONDS)
    try:
        with tempfile.TemporaryDirectory(prefix="treaty-warm-") as folder:
            run = _run_to_home(content, Path(folder))
            asyncio.run(asyncio.wait_for(run, FIRST_RUN_SECONDS))
        return True
    except Exception:  # the first run is an optimisation: whatever fails, games still start
        return False
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        _wait_for_threads()


def _too_long(*_: object) -> None:
    raise TimeoutError("the first run took too long")


async def _run_to_home(content: Sequence[str], folder: Path) -> None:
    from game.tui import make_app

    app = make_app(content=content, data_dir=folder, profile=WARM_PROFILE)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(200):
                await pilot.pause()
                if app.session.store is not None and app.catalog is not None:
                    break
            await pilot.pause()
    finally:
        if app.session.store is not None:
            app.session.store.close()  # no database left open across a fork


def _wait_for_threads(seconds: float = 5) -> None:
    """The first run's threads (the content loader's) have ended before any fork."""
    for thread in threading.enumerate():
        if thread is not threading.current_thread():
            with contextlib.suppress(RuntimeError):
                thread.join(seconds)


# The fork server's start (game/tui/forking.py): all of the above, and the imports.

PRELOADED = (
    "concurrent.futures.thread",
    "queue",
    "textual.drivers._writer_thread",
    "textual.drivers.headless_driver",
    "textual.drivers.web_driver",
    "textual.layouts.factory",
    "textual.layouts.horizontal",
    "textual.layouts.stream",
    "textual.pilot",
    "textual.scrollbar",
    "game.cli",
    "game.cli.play",
    "game.tui",
    "game.tui.app",
)
"""What a visitor's game imports before its first screen, and what Textual imports on
first use."""


def preload(words: Sequence[str] = ()) -> bool:
    """Import what a visitor's game imports before its first screen, once, here (and the
    modules Textual and Rich load on first use: layouts, scroll bars, the width table);
    load the content the games play (reused by each until a file of it changes); then
    what else a game would do each time: build the command line's parser, parse Textual's
    stylesheets, run the app once, check the progress file. Whether the progress file was
    checked (the games forked after then skip its checks)."""
    import importlib

    from rich.cells import cell_len

    for name in PRELOADED:
        importlib.import_module(name)
    cell_len("平和")  # loads Rich's table of character widths
    keep_the_parser()
    share_parsed_styles()
    from game.cli import app_content_of
    from game.content.only import keep_content

    folders = app_content_of(words)
    if folders is not None:
        keep_content(folders)
        first_run(folders)
        return check_the_store(words)
    return False


def check_the_store(words: Sequence[str]) -> bool:
    """Open the games' progress file once, here, with its checks (a `-wal` from elsewhere
    set aside, every row surveyed: each reads the whole file), and close it before any
    fork; what it warns of goes to the server's terminal, for the teacher. Whether there
    is a progress file that was checked."""
    from game.cli.parser import read_command_line
    from game.store.opening import open_store

    args = read_command_line(words)
    if isinstance(args, int):
        return False
    store = open_store(Path(args.app_data_dir) if args.app_data_dir else None)
    if store.warning:
        print(f"treaty serve: {store.warning}", file=sys.stderr, flush=True)
    store.close()
    return store.path is not None
