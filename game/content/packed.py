"""A packed file: one scenario with every fact, source and glossary term it cites, in one
YAML file to share (`treaty pack` writes it, `treaty import` splits it back).

```yaml
pack: 1
scenario:   {the scenario, as in its own file}
sources:    {the sources its facts cite, as in a fact file}
facts:      {the facts it cites, as in a fact file}
glossary:   {the glossary terms its texts use, as in a glossary file}
```

The loader reads it as the parts it holds, each checked as its own kind of file, with the
file's own lines and columns: `parts_of` gives those parts. A packed fact or source that
the fact base in use already has, word for word (the game's own, when a scenario of the
game was packed), is that one: it is not defined twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

import yaml

from game.content.codes import Code
from game.content.wording import suggest
from game.content.yamlfile import YamlFile, load_yaml

PACK_KEY: Final = "pack"
"""The key that makes a file a packed file; its value is the packed layout's version."""
PACK_VERSION: Final = 1
PACK_KEYS: Final = (PACK_KEY, "scenario", "sources", "facts", "glossary")
"""The top-level keys of a packed file, in the order `treaty pack` writes them."""
FACT_BASE_KEYS: Final = ("sources", "facts")

PartKind = Literal["scenario", "facts", "glossary"]


@dataclass
class Parts:
    """What a packed file holds, each part a file of its kind (sharing the packed file's
    name, lines and problems)."""

    scenario: YamlFile | None = None
    facts: YamlFile | None = None
    glossary: YamlFile | None = None
    dropped: set[tuple[str, str]] = field(default_factory=set)
    """The facts and sources left to the fact base in use (the same, word for word)."""


class PackedPart(YamlFile):
    """A part of a packed file, read as a file of its kind."""

    packed = True


def is_packed(f: YamlFile) -> bool:
    """Whether the file is a packed file (it has `pack:` at the top)."""
    return isinstance(f.data, dict) and PACK_KEY in f.data


def is_packed_path(path: Path) -> bool:
    """Whether the file at `path` is a packed file: one that holds all it needs, and so
    is played as it is, without the game's own facts and glossary (issue 33)."""
    try:
        if not path.is_file():
            return False
    except OSError:
        return False
    return is_packed(load_yaml(path))


def looks_packed(path: Path) -> bool:
    """Whether the file at `path` is a packed file, or one being written that says so at
    the top (`pack:` at the start of a line) while it cannot be read yet: a live preview
    (`--watch`) of a packed file with a mistake in it still plays it alone once fixed."""
    if is_packed_path(path):
        return True
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(line.startswith(f"{PACK_KEY}:") for line in text.splitlines())


def known_entries(fact_files: Iterable[YamlFile]) -> dict[tuple[str, str], Any]:
    """Every source and fact of the fact files in use, by ("sources" or "facts", id)."""
    known: dict[tuple[str, str], Any] = {}
    for f in fact_files:
        if isinstance(f.data, dict):
            for part in FACT_BASE_KEYS:
                entries = f.data.get(part)
                if isinstance(entries, dict):
                    for key, value in entries.items():
                        known.setdefault((part, str(key)), value)
    return known


def parts_of(f: YamlFile, known: Mapping[tuple[str, str], Any] | None = None) -> Parts:
    """The parts of a packed file, its own problems (`pack:`, its keys) said in `f`."""
    data: dict[str, Any] = f.data if isinstance(f.data, dict) else {}
    version = data.get(PACK_KEY)
    if version != PACK_VERSION or isinstance(version, bool):
        f.problem(
            Code.PACK_VERSION,
            (PACK_KEY,),
            f"`pack: {version}` is not a version this game reads; a packed file says "
            f"`pack: {PACK_VERSION}` (a newer game may have written it: update the game)",
        )
    for key in data:
        if str(key) not in PACK_KEYS:
            f.problem(
                Code.PACK_UNKNOWN_KEY,
                (str(key),),
                f"`{key}` is not a key of a packed file{suggest(str(key), PACK_KEYS)} (a "
                f"packed file has {', '.join(f'`{k}:`' for k in PACK_KEYS)})",
                key=True,
            )
    parts = Parts()
    for key in ("scenario", *FACT_BASE_KEYS, "glossary"):
        if key in data and not isinstance(data[key], dict):
            f.problem(
                Code.PACK_PART_NOT_MAPPING,
                (key,),
                f"`{key}:` in a packed file holds keys, one per line (as in its own file), "
                f"not {_what(data[key])}",
            )
    if not isinstance(data.get("scenario"), dict):
        if "scenario" not in data:
            f.problem(
                Code.PACK_NO_SCENARIO,
                (),
                "this packed file has no `scenario:`; pack a scenario with `treaty pack SCENARIO`",
            )
    else:
        parts.scenario = _part(f, data["scenario"], ["scenario"])
    base = {k: data[k] for k in FACT_BASE_KEYS if isinstance(data.get(k), dict)}
    if base:
        kept, parts.dropped = _without_known(base, known or {})
        parts.facts = _part(f, kept, None, kept_keys=kept)
    if isinstance(data.get("glossary"), dict):
        parts.glossary = _part(f, data["glossary"], ["glossary"], own_problems=True)
    return parts


def _what(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    return "true/false" if isinstance(value, bool) else "a single value"


def _without_known(
    base: dict[str, dict[str, Any]], known: Mapping[tuple[str, str], Any]
) -> tuple[dict[str, dict[str, Any]], set[tuple[str, str]]]:
    kept: dict[str, dict[str, Any]] = {}
    dropped: set[tuple[str, str]] = set()
    for part, entries in base.items():
        kept[part] = {}
        for key, value in entries.items():
            if (part, str(key)) in known and known[(part, str(key))] == value:
                dropped.add((part, str(key)))
            else:
                kept[part][key] = value
    return kept, dropped


def _part(
    f: YamlFile,
    data: dict[str, Any],
    where: list[str] | None,
    *,
    kept_keys: dict[str, dict[str, Any]] | None = None,
    own_problems: bool = False,
) -> YamlFile:
    """A file of one part: its values, and its node in the packed file's tree."""
    root: yaml.Node | None
    if where is not None:
        root, _ = f.node_at(where)
    else:
        root = _fact_base_node(f.root, kept_keys or {})
    part = PackedPart(f.path, data=data, root=root, quiet=f.quiet)
    if not own_problems:
        part.problems = f.problems  # said once, with the packed file's own
    return part


def _fact_base_node(root: yaml.Node | None, kept: dict[str, dict[str, Any]]) -> yaml.Node | None:
    """A mapping node of the packed file's `sources:` and `facts:`, holding the entries
    kept (so that every problem in them is located where it is written)."""
    if not isinstance(root, yaml.MappingNode):
        return root
    pairs = []
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value in kept:
            if isinstance(value, yaml.MappingNode):
                entries = kept[key.value]
                value = yaml.MappingNode(
                    value.tag,
                    [(k, v) for k, v in value.value if getattr(k, "value", None) in entries],
                    value.start_mark,
                    value.end_mark,
                    value.flow_style,
                )
            pairs.append((key, value))
    return yaml.MappingNode(root.tag, pairs, root.start_mark, root.end_mark, root.flow_style)
