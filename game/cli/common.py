"""What the commands share: the exit statuses, the console, loading the content and
saying which files are left out, finding a scenario by id or file, opening the store."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import TextIO

from rich.console import Console

from game.content.catalog import Catalog, check
from game.content.models import Scenario
from game.content.only import load_content
from game.content.wording import suggest
from game.plain.common import plural
from game.store.progress import Store, open_store

__all__ = [
    "ExitStatus",
    "console",
    "content_note",
    "fail",
    "find_scenario",
    "interactive",
    "load",
    "open_progress",
    "plural",
]


class ExitStatus(IntEnum):
    """What `treaty` tells the shell, the same for every command."""

    OK = 0
    PROBLEMS = 1
    """The content has errors, or a check found something that does not hold."""
    USAGE = 2
    """What was asked cannot be done: an option or a name that is not right, a path that
    cannot be read, a file that cannot be written (argparse's own errors exit 2 too)."""


def console(stderr: bool = False) -> Console:
    # Colour on a terminal; plain when piped or when NO_COLOR is set (Rich checks both).
    return Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)


def fail(message: str) -> ExitStatus:
    """Say on stderr what cannot be done; the status to exit with."""
    print(f"treaty: {message}", file=sys.stderr)
    return ExitStatus.USAGE


def interactive() -> bool:
    """Whether a person is at a terminal (the app needs one; pipes get plain text), or at
    a browser: `treaty serve` runs each visitor's game with Textual's web driver."""
    if "web_driver" in os.environ.get("TEXTUAL_DRIVER", ""):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def load(content: list[str]) -> Catalog:
    return load_content(content)


def content_note(catalog: Catalog) -> None:
    """Once, on stderr: each file left out of the game and why."""
    left_out = catalog.left_out()
    if left_out:
        print("Note: these files are left out of the game:", file=sys.stderr)
        for line in left_out:
            print(f"  {line}", file=sys.stderr)
        print("See every problem with: treaty validate FILE", file=sys.stderr)


def find_scenario(name: str, content: list[str]) -> tuple[Scenario | None, Catalog]:
    """The scenario `name` (an id, or a file of its own), with the catalog it was found in;
    None, after saying why on stderr, when there is none."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        # With the fact files given (--facts), and those beside the file's folder; a
        # packed file holds what it cites, and is played as it is (issue 33).
        from game.content.packed import is_packed_path
        from game.content.paths import is_only

        alone = is_packed_path(path) or is_only(content)  # --only: as the course plays it
        catalog = check([path, *(c for c in content if Path(c).is_file())], bundled_facts=not alone)
        if path.exists() and not catalog.errors and len(catalog.scenarios) == 1:
            return next(iter(catalog.scenarios.values())), catalog
        for line in catalog.unreadable:
            print(line, file=sys.stderr)
        for problem in catalog.problems:
            print(problem, file=sys.stderr)
        if path.exists() and not catalog.errors:
            print(f"{name}: error: this file is not a scenario", file=sys.stderr)
        return None, catalog
    catalog = load(content)
    content_note(catalog)
    scenario = catalog.scenarios.get(name)
    if scenario is None:
        known = sorted(catalog.scenarios)
        print(
            f"treaty: no scenario called `{name}`{suggest(name, known)} "
            f"(the scenarios are: {', '.join(known) or 'none'})",
            file=sys.stderr,
        )
    return scenario, catalog


def open_progress(data_dir: str | None) -> Store:
    """The progress store in `data_dir` (default: TREATY_DATA_DIR or the user data folder);
    its problem, if any, said on stderr."""
    store = open_store(Path(data_dir) if data_dir else None)
    if store.warning:
        print(store.warning, file=sys.stderr)
    return store


def write_new_csv(path: str, force: bool, write: Callable[[TextIO], int]) -> int | ExitStatus:
    """The rows `write` put in a new CSV file at `path` (UTF-8); a file already there (the
    class's database, say) is never overwritten unless `force`. A failure is said, and its
    exit status returned."""
    try:
        with open(path, "w" if force else "x", encoding="utf-8", newline="") as out:
            return write(out)
    except FileExistsError:
        return fail(
            f"{path} already exists; nothing was written. Choose another "
            "file name, or add --force to replace it."
        )
    except OSError as exc:
        return fail(f"cannot write {path}: {exc.strerror}")
