"""The options several commands take, each declared once, and the one rule that makes an
option mean the same wherever it is written: `treaty --profile Ann play ID` is
`treaty play ID --profile Ann`.

`treaty` itself takes `--profile`, `--content` and `--data-dir` (for the app, and for a
command written after them); a command that takes them too has them from the parent
parsers here. What is written before the command is kept under `app_` + the option's name;
`merge` then gives the command one value: a repeatable option keeps every value (those
before the command first), any other the one written after the command, else the one
before. `game.launch` reads the same three options for the app's fast path."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from game.content.only import OnlyFolders
from game.launch import APP_OPTIONS, DEFAULT_PROFILE
from game.store.progress import profile_name
from game.store.settings import content_folders

SHARED = tuple(option.removeprefix("--").replace("-", "_") for option in APP_OPTIONS)
"""The options `treaty` takes before a command as well as after it (by their dest):
`--profile`, `--content`, `--data-dir`."""

DATA_DIR_HELP = "where progress is kept (default: TREATY_DATA_DIR or the user data folder)"
CONTENT_HELP = (
    "a teacher's folder of scenarios/, quizzes/ and sources/ (may be repeated; the "
    "folder set with `treaty config` is always included)"
)
ONLY_HELP = (
    "a course folder played alone: its own scenarios, quizzes, facts and glossary, without "
    "the game's (may be repeated; --content and the folder set with `treaty config` are "
    "then left out)"
)
PROFILE_NEEDS_A_NAME = "--profile needs a name (letters or digits, not only spaces)"


def add_profile(parser: argparse.ArgumentParser, dest: str = "profile", **how: Any) -> None:
    # No default after a command: the one written before it (or "default") fills it in.
    how.setdefault("help", f"whose progress (default: {DEFAULT_PROFILE})")
    default = how.pop("default", None)
    parser.add_argument("--profile", dest=dest, default=default, metavar="NAME", **how)


def add_data_dir(parser: argparse.ArgumentParser, dest: str = "data_dir", **how: Any) -> None:
    how.setdefault("help", DATA_DIR_HELP)
    parser.add_argument("--data-dir", dest=dest, metavar="DIR", **how)


def add_content(parser: argparse.ArgumentParser, dest: str = "content") -> None:
    parser.add_argument(
        "--content", dest=dest, action="append", default=[], metavar="DIR", help=CONTENT_HELP
    )
    parser.add_argument(  # issue 33: wherever --content is, --only is too
        "--only",
        dest=dest.replace("content", "only"),
        action="append",
        default=[],
        metavar="DIR",
        help=ONLY_HELP,
    )


def add_facts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--facts",
        action="append",
        default=[],
        metavar="FILE",
        help="a fact file to use beside the game's own (may be repeated)",
    )


def add_app_options(parser: argparse.ArgumentParser) -> None:
    """`treaty`'s own: for the app, or for the command written after them."""
    add_profile(
        parser,
        dest="app_profile",
        default=DEFAULT_PROFILE,
        help="open the app as this student (their own saved games and results)",
    )
    add_content(parser, dest="app_content")
    add_data_dir(parser, dest="app_data_dir")


def parent(*adders: Callable[[argparse.ArgumentParser], None]) -> argparse.ArgumentParser:
    """A parent parser with the shared options `adders` add, in that order."""
    parser = argparse.ArgumentParser(add_help=False)
    for add in adders:
        add(parser)
    return parser


def progress_parents() -> list[argparse.ArgumentParser]:
    """The options of a command that plays or reads content: whose progress, where it is
    kept, the teacher's folders and fact files."""
    return [parent(add_data_dir, add_profile, add_content, add_facts)]


def positive_int(text: str) -> int:
    """A limit such as `--max-players`, `--runs` or `--max-states`: a whole number, at
    least 1."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def positive_seconds(text: str) -> float:
    """`--max-seconds`: a number of seconds above 0."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a number of seconds") from None
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {text}")
    return seconds


def names_kept(args: argparse.Namespace) -> bool:
    """Each profile name given, kept as the store keeps names (no terminal codes, at most
    40 characters); False when one is no name at all."""
    for dest in ("app_profile", "profile"):
        if getattr(args, dest, None) is not None:
            name = profile_name(getattr(args, dest))
            if name is None:
                return False
            setattr(args, dest, name)
    return True


def merge(args: argparse.Namespace) -> None:
    """One value for each shared option the command takes, wherever it was written; then
    the teacher's remembered folder, and the fact files given with --facts read with the
    rest, as a folder would be."""
    for dest in SHARED:
        if not hasattr(args, dest):
            continue  # a command without this option: what was written before is the app's
        before, after = getattr(args, f"app_{dest}"), getattr(args, dest)
        if isinstance(after, list):
            given = before if isinstance(before, list) else [before] if before else []
            setattr(args, dest, [*given, *after])
        elif not after:
            setattr(args, dest, before)
    facts = getattr(args, "facts", None) or []
    if getattr(args, "only", None):  # --only: those folders alone (game.content.only)
        args.content = OnlyFolders([*args.only, *facts])
    elif isinstance(getattr(args, "content", None), list):
        args.content = [*content_folders(args.content), *facts]
    if isinstance(getattr(args, "paths", None), list) and args.paths:
        args.paths = [*args.paths, *facts]
