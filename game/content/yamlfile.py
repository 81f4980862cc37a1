"""Safe YAML loading that remembers where every value came from.

The file is composed into a node tree with PyYAML's C loader (safe: no Python tags are
ever constructed), then built into plain Python values by hand (`yaml_values`) so that
duplicate keys, tags, aliases and YAML 1.1 surprises can be reported with their line and
column. The node tree is kept: a problem found later (by the models or the checks) is
located by walking it along the path of keys and indexes.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from game.content.codes import Code
from game.content.problems import Problem, Severity
from game.content.yaml_text import pasted_characters, syntax_message
from game.content.yaml_values import (
    MAX_ALIAS_EXPANSION,
    RESOLVED,
    STR,
    Abort,
    Builder,
    looks_like_yaml11_bool,
)

__all__ = ["MAX_ALIAS_EXPANSION", "YamlFile", "load_yaml", "looks_like_yaml11_bool"]

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe C loader, with the tag of short plain scalars (keys, ids, numbers, which
    repeat throughout a file) remembered instead of matched against every pattern again."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return STR
            if len(value) <= 32:
                tag = RESOLVED.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(RESOLVED) < 50_000:
                        RESOLVED[value] = tag
                return tag
        return super().resolve(kind, value, implicit)

    # Path resolvers are never registered for safe loading: nothing to track.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


MAX_FILE_BYTES = 8 * 1024 * 1024
"""Larger files are refused before parsing (the bundled files are about 50 KB)."""

MAX_VALUES = 50_000
"""How many values (keys, list items, texts) one file may hold: the bundled files hold
about 2,000. A file's node tree costs about 400 bytes a value, so this bounds the memory and
the time a file can take, whatever its size in bytes."""


@dataclass
class YamlFile:
    """A parsed file: its values, its node tree and the problems found while loading."""

    path: Path
    data: Any = None
    root: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)
    quiet: set[tuple[int, int]] = field(default_factory=set)
    """Places already reported by the loader, where later checks stay quiet."""

    @property
    def name(self) -> str:
        return str(self.path)

    def problem(
        self,
        code: Code,
        where: Sequence[str | int],
        message: str,
        severity: Severity = "error",
        *,
        key: bool = False,
    ) -> None:
        """Record a problem at the value (or, with `key`, the key) found along `where`."""
        line, col = self.locate(where, key=key)
        if (line, col) in self.quiet:
            return
        self.problems.append(Problem(self.name, line, col, severity, message, code))

    def whole_file(self, code: Code, message: str, line: int = 1, col: int = 1) -> None:
        """Record an error about the file as a whole (at its first line unless given)."""
        self.problems.append(Problem(self.name, line, col, "error", message, code))

    def node_at(self, where: Iterable[str | int]) -> tuple[yaml.Node | None, yaml.Node | None]:
        """The deepest node reached along `where` and, when the last step is a mapping
        key that exists, that key's node."""
        node = self.root
        key_node: yaml.Node | None = None
        for step in where:
            key_node = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == str(step):
                        key_node, node = k, v
                        break
                else:
                    return node, None
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if 0 <= step < len(node.value):
                    node = node.value[step]
                else:
                    return node, None
            else:
                return node, None
        return node, key_node

    def locate(self, where: Iterable[str | int], *, key: bool = False) -> tuple[int, int]:
        """Line and column (from 1) of the value along `where`, or of its key."""
        node, key_node = self.node_at(where)
        target = key_node if key and key_node is not None else node
        if target is None:
            return 1, 1
        mark = target.start_mark
        return mark.line + 1, mark.column + 1

    def problem_in_text(
        self,
        code: Code,
        where: Sequence[str | int],
        offset: int,
        message: str,
        severity: Severity = "error",
    ) -> None:
        """Record a problem at `offset` characters into the text of the scalar at `where`."""
        line, col = self.locate(where)
        node, _ = self.node_at(where)
        if (
            isinstance(node, yaml.ScalarNode)
            and node.style in (None, "", '"', "'")
            and node.start_mark.line == node.end_mark.line
        ):
            col += offset + (1 if node.style else 0)
        self.problems.append(Problem(self.name, line, col, severity, message, code))

    def raw_scalar(self, where: Iterable[str | int]) -> str | None:
        """The text a scalar was written as, before YAML read it as a number or yes/no."""
        node, _ = self.node_at(where)
        if isinstance(node, yaml.ScalarNode):
            return str(node.value)
        return None


def load_yaml(path: Path) -> YamlFile:
    """Load one file. Never raises for bad content: problems are in `.problems`."""
    result = YamlFile(path)
    try:
        # Opened without waiting (a named pipe would wait for a writer forever), then
        # read only when it is an ordinary file.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        result.whole_file(Code.CANNOT_READ, f"cannot read the file: {exc.strerror}")
        return result
    with os.fdopen(fd, "rb") as opened:
        _read_opened(opened, result)
    return result


def _read_opened(opened: BinaryIO, result: YamlFile) -> None:
    try:
        status = os.fstat(opened.fileno())
        if not stat.S_ISREG(status.st_mode):
            result.whole_file(Code.NOT_A_FILE, "this is not an ordinary file; it is not read")
            return
        size = status.st_size
        if size > MAX_FILE_BYTES:
            result.whole_file(
                Code.FILE_TOO_LARGE,
                f"the file is {_size(size)}; files larger than {_size(MAX_FILE_BYTES)} "
                "are not read: split it into several",
            )
            return
        raw = opened.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        result.whole_file(Code.CANNOT_READ, f"cannot read the file: {exc.strerror}")
        return
    parse_text(raw, result)


def parse_text(raw: bytes, result: YamlFile) -> None:
    """Parse `raw` into `result` (values, node tree and problems)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        result.whole_file(
            Code.NOT_UTF8,
            f"this file is not UTF-8 text (byte 0x{raw[exc.start]:02x} here); "
            "save it again with the encoding set to UTF-8",
            line,
            col,
        )
        return
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        result.whole_file(
            Code.NUL_CHARACTER, "this file contains a NUL character; it is not a text file", line
        )
        return
    most = most_values(text)
    if most > MAX_VALUES:
        result.whole_file(
            Code.TOO_MANY_VALUES,
            f"this file holds up to {most:,} values (keys, list items and texts); "
            f"files with more than {MAX_VALUES:,} are not read: split it into several",
        )
        return
    pasted = pasted_characters(text, result.name)
    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        if any(p.severity == "error" for p in pasted):
            # The characters pasted from a word processor are the cause: said where they are.
            result.problems.extend(pasted)
            return
        result.problems.extend(pasted)
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        lines = text.splitlines()
        at = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
        code, message = syntax_message(exc, at)
        if 0 < line <= len(lines) and any(q in lines[line - 1] for q in "“”‘’"):
            # Pasted from a word processor: its curly quotes are letters to YAML.
            message += (
                ". This line has curly quotes (“ ” or ‘ ’), which YAML reads as ordinary "
                "letters: use straight quotes (\" or ')"
            )
        result.whole_file(code, message, line, col)
        return
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors carry no mark
        result.whole_file(Code.NOT_YAML, f"not valid YAML: {exc}")
        return
    # The file reads: a dash or a no-break space at the start of a line is then text (in a
    # block of prose, say), and only invisible characters are worth a word.
    result.problems.extend(p for p in pasted if p.severity == "warning")
    documents = [d for d in documents if d is not None]
    if not documents:
        result.whole_file(Code.EMPTY_FILE, "the file is empty: nothing to check")
        return
    if len(documents) > 1:
        mark = documents[1].start_mark
        result.whole_file(
            Code.SECOND_DOCUMENT,
            "a second YAML document starts here (after `---`); put one scenario, "
            "quiz or fact base in each file",
            mark.line + 1,
            mark.column + 1,
        )
    root = documents[0]
    result.root = root
    if not isinstance(root, yaml.MappingNode):
        what = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        mark = root.start_mark
        result.whole_file(
            Code.NOT_A_MAPPING,
            f"the file holds {what}; it should hold keys such as `id:` and `title:`, one per line",
            mark.line + 1,
            mark.column + 1,
        )
        return
    builder = Builder(result)
    try:
        result.data = builder.build(root)
    except Abort:
        result.data = None
    except RecursionError:
        result.data = None
        result.whole_file(
            Code.TOO_DEEP, "lists and mappings are nested too deeply in this file to be read"
        )


# What may follow `-` or `:` as an indicator: a space, a tab or any of YAML's line breaks
# (`\x85`, `\u2028` and `\u2029` among them).
_AFTER = (" ", "\t", "\n", "\r", "\x85", "\u2028", "\u2029")
_ITEM_MARKS = (*(f"-{c}" for c in _AFTER), "[", ",", ",")
_PAIR_MARKS = (*(f":{c}" for c in _AFTER), ":,", ":]", ":}", '":', "':", "?", "{")


def most_values(text: str) -> int:
    """An upper bound on the number of values (nodes) in `text`, counted in a few passes
    of `str.count` (milliseconds for megabytes) before anything is built: every value but
    a document's root is a list item (after `- `, `[` or `,`) or a key or value (around
    `:`, `?` or in `{}`), and every document after the first starts with `---`."""
    items = sum(text.count(mark) for mark in _ITEM_MARKS)
    pairs = sum(text.count(mark) for mark in _PAIR_MARKS)
    return 3 + text.count("---") + items + 2 * pairs


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} KB"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"
