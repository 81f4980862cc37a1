"""Where the bundled content lives.

In a checkout or an editable install the folders `scenarios/`, `quizzes/` and `sources/`
sit at the top of the repository, beside the `game` package. A built wheel carries the
same folders inside the package as `game/_bundled/`. Both are found by the one function
below, so every command sees the same content however the game was installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from game.content.vocabulary import FOLDERS

CONTENT_KINDS = tuple(FOLDERS.values())
"""`scenarios`, `quizzes` and `sources`: the folders of a content folder."""

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled_root() -> Path:
    """The folder holding the bundled `scenarios/`, `quizzes/` and `sources/`."""
    inside = _PACKAGE_DIR / "_bundled"
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent


class OnlyFolders(list[str]):
    """The folders given with `--only`: their content alone (`game.content.only`)."""


def is_only(content: Sequence[str | Path]) -> bool:
    """Whether `content` is folders to play alone (`--only`), not beside the game's own."""
    return isinstance(content, OnlyFolders)
