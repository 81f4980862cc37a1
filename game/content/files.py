"""Finding content files: the YAML files of a content folder, what an entry that is not
one is, and what kind of file each is."""

from __future__ import annotations

import contextlib
import errno
import stat
from collections.abc import Iterable
from pathlib import Path

from game.content.codes import Code
from game.content.paths import CONTENT_KINDS
from game.content.vocabulary import FOLDER_KINDS, YAML_SUFFIXES, FileKind, kind_of_keys
from game.content.yamlfile import YamlFile


def _content_dirs(folder: Path) -> list[Path]:
    """Its `scenarios/`, `quizzes/` and `sources/` when it has that layout, else itself."""
    layout = [folder / kind for kind in CONTENT_KINDS if (folder / kind).is_dir()]
    return layout or [folder]


def content_files(folder: Path) -> list[Path]:
    """The YAML files of a folder: those in its `scenarios/`, `quizzes/` and `sources/`
    when it has that layout, otherwise those directly inside it."""
    return sorted(
        p
        for d in _content_dirs(folder)
        for p in d.iterdir()
        if p.suffix in YAML_SUFFIXES and p.is_file()
    )


def not_a_file(path: Path) -> str | None:
    """What `path` is when it is not a file the game can read (a folder, a named pipe, a
    link that loops or leads nowhere), in words; None for a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a link that leads back to itself (a loop)"
        if path.is_symlink():
            return "a link to something that is not there"
        if exc.errno == errno.ENOENT:
            return "not there"
        return f"cannot be read: {exc.strerror}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    return "not an ordinary file (a device or a socket)"


def skipped_entries(folder: Path) -> list[tuple[Path, str]]:
    """Entries of a content folder named like content (`*.yaml`) that are not files the
    game can read, each with what it is."""
    skipped = []
    for d in _content_dirs(folder):
        for p in sorted(d.iterdir()):
            if p.suffix in YAML_SUFFIXES:
                what = not_a_file(p)
                if what is not None:
                    skipped.append((p, what))
    return skipped


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """The files named by `paths` (files or folders), and a line for each path that cannot
    be read (`PATH: error TT135: ...`: it has no line or column)."""
    files: list[Path] = []
    unreadable: list[str] = []
    for given in paths:
        path = Path(given)
        try:
            if path.is_dir():
                files.extend(content_files(path))
            elif path.is_file():
                files.append(path)
            else:
                what = not_a_file(path)
                if what is None or what == "not there":
                    unreadable.append(f"{given}: error {Code.NO_SUCH_PATH}: no such file or folder")
                else:
                    unreadable.append(
                        f"{given}: error {Code.PATH_NOT_A_FILE}: this is {what}; it cannot be read"
                    )
        except OSError as exc:
            unreadable.append(
                f"{given}: error {Code.PATH_UNREADABLE}: cannot be read: {exc.strerror}"
            )
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values()), unreadable


def kind_of(file: YamlFile) -> FileKind | None:
    """'scenario', 'quiz' or 'facts', from the file's keys, else from its folder."""
    if isinstance(file.data, dict):
        kind = kind_of_keys(set(file.data))
        if kind is not None:
            return kind
    return FOLDER_KINDS.get(file.path.parent.name)


def fact_files_beside(path: Path) -> list[Path]:
    """The fact files in a `sources/` folder beside the file's folder (a content folder's
    layout, whatever the folder is called), or beside the file itself."""
    found: list[Path] = []
    for sources in (path.parent.parent / "sources", path.parent / "sources"):
        with contextlib.suppress(OSError):
            if sources.is_dir() and sources.resolve() != path.parent.resolve():
                found.extend(content_files(sources))
    return found


def misnamed_files(folder: Path) -> list[Path]:
    """Files in a content folder that look meant for the game but are not read, such as
    `talks.yaml.txt` (an editor that adds `.txt`)."""
    return sorted(
        p
        for d in _content_dirs(folder)
        for p in d.iterdir()
        if p.is_file() and p.name.lower().endswith((".yaml.txt", ".yml.txt"))
    )
