"""`--only DIR`: a teacher's folders played alone, without the game's own scenarios,
quizzes, facts and glossary (issue 33). The folders travel as an `OnlyFolders` list, so
that every command, the app and the classroom server load the same content from it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from game.content.catalog import Catalog, load
from game.content.paths import OnlyFolders, bundled_root, is_only

__all__ = ["OnlyFolders", "is_only", "load_content"]


def load_content(content: Sequence[str | Path], *, only: bool | None = None) -> Catalog:
    """The content to play: the game's own with the teacher's folders, or (`only`, or
    folders given with `--only`) the teacher's folders alone."""
    if is_only(content) if only is None else only:
        return load(list(content), bundled_facts=False)
    catalog = load([bundled_root(), *content])
    catalog.course = None  # beside the game's own content, the game is what is played
    return catalog
