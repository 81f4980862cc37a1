"""Safe YAML loading that remembers where every value came from.

The file is composed into a node tree with PyYAML's C loader (safe: no Python tags are
ever constructed), then built into plain Python values by hand so that duplicate keys,
tags, aliases and YAML 1.1 surprises can be reported with their line and column. The
node tree is kept: a problem found later (by the models or the rules) is located by
walking it along the path of keys and indexes.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from game.content.problems import Problem, Severity

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVED: dict[str, str] = {}


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe C loader, with the tag of short plain scalars (keys, ids, numbers, which
    repeat throughout a file) remembered instead of matched against every pattern again."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _STR
            if len(value) <= 32:
                tag = _RESOLVED.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(_RESOLVED) < 50_000:
                        _RESOLVED[value] = tag
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

MAX_ALIAS_EXPANSION = 100_000
"""How many values aliases (`*name`) may repeat in one file; stops "billion laughs"."""

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_SCALARS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TAG_WORDS = {
    _STR: "text",
    _INT: "a whole number",
    _FLOAT: "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:null": "null (nothing)",
    "tag:yaml.org,2002:timestamp": "a date",
}
_TAG_EXAMPLES = {
    _STR: "text",
    _INT: "a number such as `12`",
    _FLOAT: "a number such as `1.5`",
    "tag:yaml.org,2002:bool": "`true` or `false`",
    "tag:yaml.org,2002:null": "`null`",
    "tag:yaml.org,2002:timestamp": "a date such as `2019-01-22`",
}
_RESOLVER = yaml.resolver.Resolver()
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_YAML11_BOOLS = {"yes", "no", "on", "off", "true", "false"}


class WrittenFloat(float):
    """A decimal number that remembers how it was written (`1.10`), for where text is meant."""

    written: str = ""


class _Abort(Exception):
    """Stops building a file whose problem makes the rest meaningless."""


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
        self.problems.append(Problem(self.name, line, col, severity, message))

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
        self, where: Sequence[str | int], offset: int, message: str, severity: Severity = "error"
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
        self.problems.append(Problem(self.name, line, col, severity, message))

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
        result.problems.append(
            Problem(result.name, 1, 1, "error", f"cannot read the file: {exc.strerror}")
        )
        return result
    with os.fdopen(fd, "rb") as opened:
        _read_opened(opened, result)
    return result


def _read_opened(opened: BinaryIO, result: YamlFile) -> None:
    try:
        status = os.fstat(opened.fileno())
        if not stat.S_ISREG(status.st_mode):
            result.problems.append(
                Problem(result.name, 1, 1, "error", "this is not an ordinary file; it is not read")
            )
            return
        size = status.st_size
        if size > MAX_FILE_BYTES:
            result.problems.append(
                Problem(
                    result.name,
                    1,
                    1,
                    "error",
                    f"the file is {_size(size)}; files larger than {_size(MAX_FILE_BYTES)} "
                    "are not read: split it into several",
                )
            )
            return
        raw = opened.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        result.problems.append(
            Problem(result.name, 1, 1, "error", f"cannot read the file: {exc.strerror}")
        )
        return
    parse_text(raw, result)


def parse_text(raw: bytes, result: YamlFile) -> None:
    """Parse `raw` into `result` (values, node tree and problems)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        result.problems.append(
            Problem(
                result.name,
                line,
                col,
                "error",
                f"this file is not UTF-8 text (byte 0x{raw[exc.start]:02x} here); "
                "save it again with the encoding set to UTF-8",
            )
        )
        return
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        result.problems.append(
            Problem(
                result.name,
                line,
                1,
                "error",
                "this file contains a NUL character; it is not a text file",
            )
        )
        return
    most = most_values(text)
    if most > MAX_VALUES:
        result.problems.append(
            Problem(
                result.name,
                1,
                1,
                "error",
                f"this file holds up to {most:,} values (keys, list items and texts); "
                f"files with more than {MAX_VALUES:,} are not read: split it into several",
            )
        )
        return
    pasted = _pasted_characters(text, result.name)
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
        message = _syntax_message(exc, at)
        if 0 < line <= len(lines) and any(q in lines[line - 1] for q in "“”‘’"):
            # Pasted from a word processor: its curly quotes are letters to YAML.
            message += (
                ". This line has curly quotes (“ ” or ‘ ’), which YAML reads as ordinary "
                "letters: use straight quotes (\" or ')"
            )
        result.problems.append(Problem(result.name, line, col, "error", message))
        return
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors carry no mark
        result.problems.append(Problem(result.name, 1, 1, "error", f"not valid YAML: {exc}"))
        return
    # The file reads: a dash or a no-break space at the start of a line is then text (in a
    # block of prose, say), and only invisible characters are worth a word.
    result.problems.extend(p for p in pasted if p.severity == "warning")
    documents = [d for d in documents if d is not None]
    if not documents:
        result.problems.append(
            Problem(result.name, 1, 1, "error", "the file is empty: nothing to check")
        )
        return
    if len(documents) > 1:
        mark = documents[1].start_mark
        result.problems.append(
            Problem(
                result.name,
                mark.line + 1,
                mark.column + 1,
                "error",
                "a second YAML document starts here (after `---`); put one scenario, "
                "quiz or fact base in each file",
            )
        )
    root = documents[0]
    result.root = root
    if not isinstance(root, yaml.MappingNode):
        what = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        mark = root.start_mark
        result.problems.append(
            Problem(
                result.name,
                mark.line + 1,
                mark.column + 1,
                "error",
                f"the file holds {what}; it should hold keys such as `id:` and `title:`, "
                "one per line",
            )
        )
        return
    builder = _Builder(result)
    try:
        result.data = builder.build(root)
    except _Abort:
        result.data = None
    except RecursionError:
        result.data = None
        result.problems.append(
            Problem(
                result.name,
                1,
                1,
                "error",
                "lists and mappings are nested too deeply in this file to be read",
            )
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


_SPACES = {
    "\u00a0": "a no-break space",
    "\u2007": "a figure space",
    "\u202f": "a narrow no-break space",
    "\u3000": "an ideographic space",
    **{chr(c): "a typographic space" for c in range(0x2000, 0x200B)},
}
_DASHES = {"\u2013": "an en dash (–)", "\u2014": "an em dash (—)", "\u2212": "a minus sign (−)"}
_INVISIBLE = {
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u2060": "a word joiner",
    "\ufeff": "a zero-width no-break space",
    "\u00ad": "a soft hyphen",
}
_PASTED = re.compile("[" + "".join([*_SPACES, *_DASHES, *_INVISIBLE]) + "]")
_BLANKS = " " + "".join(_SPACES)


def _pasted_characters(text: str, name: str) -> list[Problem]:
    """Characters a word processor or a web page leaves that look like something else:
    a no-break space in the indentation, a dash where a list item needs `-`, an invisible
    zero-width character. Each is named on its own line and column."""
    if _PASTED.search(text) is None:  # the usual case: one pass over the text
        return []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _PASTED.search(line) is None:
            continue
        lead = len(line) - len(line.lstrip(" "))
        for column, ch in enumerate(line, start=1):
            code = f"U+{ord(ch):04X}"
            found: tuple[Severity, str] | None = None
            if ch in _SPACES and not line[: column - 1].strip(_BLANKS):
                found = (
                    "error",
                    f"{_SPACES[ch]} ({code}) is used for indentation here, pasted from a "
                    "word processor; YAML needs ordinary spaces: type the spaces at the "
                    "start of this line again",
                )
            elif ch in _DASHES and column == lead + 1 and line[column : column + 1] == " ":
                found = (
                    "error",
                    f"{_DASHES[ch]} starts this line where a list item needs a hyphen "
                    "(-): type `-` instead (word processors turn `-` into a dash)",
                )
            elif ch in _INVISIBLE and not (number == 1 and column == 1 and ch == "\ufeff"):
                found = (
                    "warning",
                    f"an invisible character is here: {_INVISIBLE[ch]} ({code}), pasted "
                    "from a word processor or a web page; delete it (in a name or an id "
                    "it makes the name different from the one you see)",
                )
            if found is not None:
                problems.append(Problem(name, number, column, *found))
    return problems


def _syntax_message(exc: yaml.MarkedYAMLError, at: str) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if at == "\t" or "'\\t'" in problem:
        return "a tab is used for indentation here; YAML needs spaces"
    if "mapping values are not allowed" in problem:
        return (
            "a `key: value` pair is not expected here. Check this line and the one above it: "
            "a colon may be missing after a key, the indentation may be off, or text "
            "containing ': ' needs quotes around it"
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        start = exc.context_mark
        where = f" on line {start.line + 1}" if start else ""
        return (
            f"the `{bracket}` opened{where} is not closed with `{closing}`, or two items "
            "are not separated by a comma"
        )
    if "could not find expected ':'" in problem:
        return "expected `key: value` here; a colon is missing, or a line is indented wrongly"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return (
            "this line is indented differently from the lines around it; "
            "keys at the same level must start in the same column"
        )
    if "did not find expected '-' indicator" in problem:
        return (
            "this line does not belong to the list item above it: indent it to line up "
            "with the text after `- `, or start a new item with `- `"
        )
    if "found undefined alias" in problem:
        return f"{problem}: an alias `*name` needs an anchor `&name` earlier in the file"
    if "found unexpected end of stream" in problem:
        return f"the file ends {context or 'too early'}: a quote or bracket is not closed"
    text = problem or "not valid YAML"
    if context:
        text = f"{text} ({context})"
    return f"not valid YAML: {text}"


class _Builder:
    """Turns a node tree into plain Python values, recording problems as it goes."""

    def __init__(self, result: YamlFile) -> None:
        self.result = result
        self.constructor = yaml.constructor.SafeConstructor()
        self.done: dict[int, tuple[Any, int]] = {}
        self.in_progress: set[int] = set()
        self.expanded = 0

    def report(self, node: yaml.Node, message: str, severity: Severity = "error") -> None:
        mark = node.start_mark
        self.result.quiet.add((mark.line + 1, mark.column + 1))
        self.result.problems.append(
            Problem(self.result.name, mark.line + 1, mark.column + 1, severity, message)
        )

    def build(self, node: yaml.Node) -> Any:
        value, _ = self._build(node)
        return value

    def _build(self, node: yaml.Node) -> tuple[Any, int]:
        if node.__class__ is yaml.ScalarNode:
            # Scalars are never worth sharing: an alias to one is as big as the anchor.
            if node.tag == _STR:
                return node.value, 1
            return self._scalar(node), 1
        key = id(node)
        done = self.done.get(key)
        if done is not None:
            self.expanded += done[1]
            if self.expanded > MAX_ALIAS_EXPANSION:
                self.report(
                    node,
                    "aliases (`*name`) repeat more than "
                    f"{MAX_ALIAS_EXPANSION:,} values in this file; it is refused. "
                    "Write the content out instead of repeating anchors",
                )
                raise _Abort
            return done
        if key in self.in_progress:
            self.report(node, "this alias refers to the value that contains it; it never ends")
            raise _Abort
        self.in_progress.add(key)
        built: tuple[Any, int]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self._check_tag(node, {_MAP})
            built = self._mapping(node)
        else:
            assert isinstance(node, yaml.SequenceNode)
            if node.tag != _SEQ:
                self._check_tag(node, {_SEQ})
            built = self._sequence(node)
        self.in_progress.discard(key)
        self.done[key] = built
        return built

    def _check_tag(self, node: yaml.Node, expected: set[str]) -> bool:
        tag = node.tag or ""
        if tag in expected:
            return True
        if "python/" in tag:
            self.report(
                node,
                f"the tag `{_short_tag(tag)}` asks for Python code to run; content is never "
                "run as code. Remove the tag",
            )
        else:
            self.report(node, f"the tag `{_short_tag(tag)}` is not supported here; remove it")
        return False

    def _fits_tag(self, node: yaml.ScalarNode) -> bool:
        """Whether a scalar's text is what its tag (written `!!int` or read from the text)
        asks for; a tag the text does not fit is reported and the text kept as written."""
        tag = node.tag
        if _RESOLVED.get(node.value) == tag:  # read from the text itself: it fits
            return True
        written = _RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False))  # type: ignore[no-untyped-call]
        if written == tag or (tag == _FLOAT and written == _INT):
            return True
        self.report(
            node,
            f"the tag `{_short_tag(tag)}` asks for {_TAG_WORDS[tag]}, but {_shown(node.value)} "
            f"is not {_TAG_WORDS[tag]}; remove the tag (or write {_TAG_EXAMPLES[tag]})",
        )
        return False

    def _sequence(self, node: yaml.SequenceNode) -> tuple[list[Any], int]:
        items: list[Any] = []
        size = 1
        build = self._build
        for child in node.value:
            value, child_size = build(child)
            items.append(value)
            size += child_size
        return items, size

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _INT and _DECIMAL.fullmatch(node.value):
            return int(node.value)  # the common case, without PyYAML's constructor
        if not self._check_tag(node, _PLAIN_SCALARS):
            return str(node.value)
        if not self._fits_tag(node):
            return str(node.value)
        if node.tag == "tag:yaml.org,2002:timestamp":
            return str(node.value)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except Exception:  # PyYAML's constructors raise KeyError, IndexError, ValueError...
            self.report(node, f"{_shown(node.value)} cannot be read as {_TAG_WORDS[node.tag]}")
            return str(node.value)
        if isinstance(value, float):
            written = WrittenFloat(value)
            written.written = str(node.value)
            return written
        return value

    def _mapping(self, node: yaml.MappingNode) -> tuple[dict[str, Any], int]:
        out: dict[str, Any] = {}
        size = 1
        build = self._build
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode:
                self.report(key_node, "a key must be a plain word or text, not a list or mapping")
                continue
            if key_node.tag != _STR:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.report(
                        key_node,
                        "merge keys (`<<:`) are not supported; write the keys out in full",
                    )
                    continue
                self._check_tag(key_node, _PLAIN_SCALARS)
            name = str(key_node.value)
            if name in out:
                first = next(k for k, _ in node.value if k.value == name).start_mark
                self.report(
                    key_node,
                    f"the key `{name}` appears twice in the same place (first on line "
                    f"{first.line + 1}); YAML would silently keep only the last one. "
                    "Remove or rename one of them",
                )
                continue
            value, value_size = build(value_node)
            out[name] = value
            size += value_size
        return out, size


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} KB"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def _shown(text: str) -> str:
    """A scalar's text as a message quotes it: empty text said in words, long text cut."""
    if not text:
        return "empty text"
    return f"`{text[:40]}…`" if len(text) > 40 else f"`{text}`"


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def looks_like_yaml11_bool(raw: str | None) -> bool:
    """Whether YAML read this text as true/false although a word was probably meant."""
    return raw is not None and raw.lower() in _YAML11_BOOLS
