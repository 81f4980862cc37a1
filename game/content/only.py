"""`--only DIR`: a teacher's folders played alone, without the game's own scenarios,
quizzes, facts and glossary (issue 33). The folders travel as an `OnlyFolders` list, so
that every command, the app and the classroom server load the same content from it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path

from game.content.catalog import Catalog, load
from game.content.paths import CONTENT_KINDS, OnlyFolders, bundled_root, is_only
from game.content.vocabulary import FOLDERS

__all__ = ["OnlyFolders", "is_only", "keep_content", "kept_content", "load_content"]

Files = tuple[tuple[str, int, int], ...]

_kept: dict[tuple[tuple[str, ...], bool], tuple[Files, Catalog]] = {}
"""Content loaded ahead by `keep_content` (the classroom server's fork server), with the
files it was read from as they were then."""


def load_content(content: Sequence[str | Path], *, only: bool | None = None) -> Catalog:
    """The content to play: the game's own with the teacher's folders, or (`only`, or
    folders given with `--only`) the teacher's folders alone. Content kept ahead is
    reused while none of its files has changed since."""
    kept = kept_content(content, only=only)
    if kept is not None:
        return kept
    alone = is_only(content) if only is None else only
    paths = [str(path) for path in content] if alone else [str(bundled_root()), *map(str, content)]
    if alone:
        return load(paths, bundled_facts=False)
    catalog = load(paths)
    catalog.course = None  # beside the game's own content, the game is what is played
    return catalog


def kept_content(content: Sequence[str | Path], *, only: bool | None = None) -> Catalog | None:
    """The content `keep_content` loaded ahead, while none of its files has changed since
    (None otherwise: it is to be loaded)."""
    alone = is_only(content) if only is None else only
    paths = [str(path) for path in content] if alone else [str(bundled_root()), *map(str, content)]
    kept = _kept.get((tuple(paths), alone))
    if kept is not None and kept[0] == _files(paths):
        return kept[1]
    return None


def keep_content(content: Sequence[str | Path], *, only: bool | None = None) -> None:
    """Load the content now and keep it for `load_content` in this process and the
    processes forked from it (each game of `treaty serve`): until a file of it changes."""
    alone = is_only(content) if only is None else only
    paths = [str(path) for path in content] if alone else [str(bundled_root()), *map(str, content)]
    files = _files(paths)
    _kept[(tuple(paths), alone)] = (files, load_content(content, only=only))


def _files(paths: Sequence[str]) -> Files:
    """The files and folders the loader reads under `paths` (`content_files`, a course
    file, fact files beside), with the size and time of change of each: a folder's own
    entries and its `scenarios/`, `quizzes/` and `sources/`, never a walk of everything
    below (in a checkout the game's own content sits at the top of the repository, beside
    its virtual environment's thousands of files, which each game would stat again)."""
    found: list[tuple[str, int, int]] = []
    for path in paths:
        for where in _read_from(Path(path)):
            try:
                stat = os.stat(where)
            except OSError:
                continue
            found.append((str(where), stat.st_mtime_ns, stat.st_size))
            if where.is_dir():
                with contextlib.suppress(OSError):
                    for entry in sorted(os.scandir(where), key=lambda e: e.name):
                        with contextlib.suppress(OSError):
                            stat = entry.stat()
                            found.append((entry.path, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def _read_from(path: Path) -> list[Path]:
    """The file, or the folders whose entries, the loader may read for `path`."""
    sources = FOLDERS["facts"]
    if not path.is_dir():
        return [path, path.parent / sources, path.parent.parent / sources]
    kinds = [path / kind for kind in CONTENT_KINDS]
    return [path, *kinds, *(kind / sources for kind in kinds), path.parent / sources]
