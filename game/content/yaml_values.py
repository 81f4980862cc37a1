"""Plain Python values built by hand from a YAML node tree, so that duplicate keys, tags,
aliases and YAML 1.1 surprises are reported with their line and column."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml

from game.content.codes import Code
from game.content.problems import Problem, Severity

if TYPE_CHECKING:
    from game.content.yamlfile import YamlFile

MAX_ALIAS_EXPANSION = 100_000
"""How many values aliases (`*name`) may repeat in one file; stops "billion laughs"."""

RESOLVED: dict[str, str] = {}
"""The tag each short plain scalar resolved to (see `yamlfile._Loader`)."""

STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_SCALARS = {
    STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TAG_WORDS = {
    STR: "text",
    _INT: "a whole number",
    _FLOAT: "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:null": "null (nothing)",
    "tag:yaml.org,2002:timestamp": "a date",
}
_TAG_EXAMPLES = {
    STR: "text",
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


class Abort(Exception):
    """Stops building a file whose problem makes the rest meaningless."""


class Builder:
    """Turns a node tree into plain Python values, recording problems as it goes."""

    def __init__(self, result: YamlFile) -> None:
        self.result = result
        self.constructor = yaml.constructor.SafeConstructor()
        self.done: dict[int, tuple[Any, int]] = {}
        self.in_progress: set[int] = set()
        self.expanded = 0

    def report(
        self, node: yaml.Node, code: Code, message: str, severity: Severity = "error"
    ) -> None:
        mark = node.start_mark
        self.result.quiet.add((mark.line + 1, mark.column + 1))
        self.result.problems.append(
            Problem(self.result.name, mark.line + 1, mark.column + 1, severity, message, code)
        )

    def build(self, node: yaml.Node) -> Any:
        value, _ = self._build(node)
        return value

    def _build(self, node: yaml.Node) -> tuple[Any, int]:
        if node.__class__ is yaml.ScalarNode:
            # Scalars are never worth sharing: an alias to one is as big as the anchor.
            if node.tag == STR:
                return node.value, 1
            return self._scalar(node), 1
        key = id(node)
        done = self.done.get(key)
        if done is not None:
            self.expanded += done[1]
            if self.expanded > MAX_ALIAS_EXPANSION:
                self.report(
                    node,
                    Code.ALIAS_EXPANSION,
                    "aliases (`*name`) repeat more than "
                    f"{MAX_ALIAS_EXPANSION:,} values in this file; it is refused. "
                    "Write the content out instead of repeating anchors",
                )
                raise Abort
            return done
        if key in self.in_progress:
            self.report(
                node,
                Code.ALIAS_LOOP,
                "this alias refers to the value that contains it; it never ends",
            )
            raise Abort
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
                Code.PYTHON_TAG,
                f"the tag `{_short_tag(tag)}` asks for Python code to run; content is never "
                "run as code. Remove the tag",
            )
        else:
            self.report(
                node,
                Code.UNSUPPORTED_TAG,
                f"the tag `{_short_tag(tag)}` is not supported here; remove it",
            )
        return False

    def _fits_tag(self, node: yaml.ScalarNode) -> bool:
        """Whether a scalar's text is what its tag (written `!!int` or read from the text)
        asks for; a tag the text does not fit is reported and the text kept as written."""
        tag = node.tag
        if RESOLVED.get(node.value) == tag:  # read from the text itself: it fits
            return True
        written = _RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False))  # type: ignore[no-untyped-call]
        if written == tag or (tag == _FLOAT and written == _INT):
            return True
        self.report(
            node,
            Code.TAG_MISMATCH,
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
            self.report(
                node,
                Code.UNREADABLE_VALUE,
                f"{_shown(node.value)} cannot be read as {_TAG_WORDS[node.tag]}",
            )
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
                self.report(
                    key_node,
                    Code.COMPLEX_KEY,
                    "a key must be a plain word or text, not a list or mapping",
                )
                continue
            if key_node.tag != STR:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.report(
                        key_node,
                        Code.MERGE_KEY,
                        "merge keys (`<<:`) are not supported; write the keys out in full",
                    )
                    continue
                self._check_tag(key_node, _PLAIN_SCALARS)
            name = str(key_node.value)
            if name in out:
                first = next(k for k, _ in node.value if k.value == name).start_mark
                self.report(
                    key_node,
                    Code.DUPLICATE_KEY,
                    f"the key `{name}` appears twice in the same place (first on line "
                    f"{first.line + 1}); YAML would silently keep only the last one. "
                    "Remove or rename one of them",
                )
                continue
            value, value_size = build(value_node)
            out[name] = value
            size += value_size
        return out, size


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
