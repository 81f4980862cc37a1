"""Splitting a packed file back into a content folder (`treaty import FILE.yaml`): the
scenario as `scenarios/ID.yaml`, its sources and facts added to `sources/facts.yaml`, its
terms to `sources/glossary.yaml`.

Nothing already there is duplicated or changed: an id the folder (or the game) already
has for the same thing, word for word, is left as it is; one it has for something else is
a conflict, said with the packed file's line and a code (72x), and then nothing is written.
What is added to an existing file goes after what is there (its comments are kept), and
the file is read back before it is written.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.content import packed
from game.content.catalog import load
from game.content.codes import Code
from game.content.files import content_files
from game.content.glossary import key_of
from game.content.packing import plain
from game.content.paths import bundled_root
from game.content.problems import Problem
from game.content.vocabulary import FOLDERS
from game.content.yamlfile import YamlFile, load_yaml, parse_text

FACTS_FILE = "facts.yaml"
GLOSSARY_FILE = "glossary.yaml"


@dataclass
class Unpacked:
    """What importing a packed file would write, and what stops it."""

    problems: list[Problem] = field(default_factory=list)
    unreadable: str = ""
    writes: dict[Path, str] = field(default_factory=dict)
    """Each file to write, with its whole new text."""
    done: list[str] = field(default_factory=list)
    """What was added, in a line each, for the teacher."""
    scenario_id: str = ""

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    def write(self) -> None:
        for path, text in self.writes.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def unpack(source: Path, folder: Path) -> Unpacked:
    """What `treaty import` writes for the packed file `source` into `folder`."""
    result = Unpacked()
    f = load_yaml(source)
    if not f.problems and not packed.is_packed(f):
        result.unreadable = f"{source}: this is not a packed file (it has no `pack: 1`)"
        return result
    catalog = load([source])  # the packed file checked as it is, with the game's facts
    result.problems = [*catalog.errors]
    if catalog.unreadable or result.errors or len(catalog.scenarios) != 1:
        result.unreadable = "; ".join(catalog.unreadable)
        return result
    [scenario] = catalog.scenarios.values()
    result.scenario_id = scenario.id
    _scenario(f, folder, result)
    _fact_base(f, folder, result)
    _glossary(f, folder, result)
    if not result.writes and not result.errors:
        result.done.append(f"Everything in {source} is already in {folder}: nothing to add.")
    return result


def _scenario(f: YamlFile, folder: Path, result: Unpacked) -> None:
    target = folder / FOLDERS["scenario"] / f"{result.scenario_id}.yaml"
    data = plain(f.data["scenario"])
    own = bundled_root() / FOLDERS["scenario"] / f"{result.scenario_id}.yaml"
    if own.is_file():  # one of the game's own scenarios: it is there already
        target = own
    if target.exists():
        if plain(load_yaml(target).data) != data:
            f.problem(
                Code.IMPORT_SCENARIO_CONFLICT,
                ("scenario",),
                f"{target} is already there, with another scenario in it; it is not "
                "overwritten: move it away, or import into another folder",
            )
            result.problems.append(f.problems[-1])
        else:
            result.done.append(f"The scenario `{result.scenario_id}` is already in {target}.")
        return
    result.writes[target] = _scenario_text(f, data)
    result.done.append(f"Wrote the scenario `{result.scenario_id}` as {target}.")


def _scenario_text(f: YamlFile, data: Any) -> str:
    """The scenario's own lines out of the packed file (as its teacher wrote them) when
    they read back the same; else its values written afresh."""
    node, key = f.node_at(["scenario"])
    if node is not None and key is not None and node.start_mark.line > key.start_mark.line:
        try:
            lines = f.path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        end = node.end_mark.line + (0 if node.end_mark.column == 0 else 1)
        block = textwrap.dedent("\n".join(lines[key.start_mark.line + 1 : end]))
        block = block.strip("\n") + "\n"
        check = YamlFile(f.path)
        parse_text(block.encode("utf-8"), check)
        if plain(check.data) == data:
            return block
    from game.content.packing import _dump

    return _dump(data)


def _known(folder: Path) -> tuple[list[YamlFile], dict[tuple[str, str], Any]]:
    """The fact files of the folder, and every source and fact they (and the game) have."""
    own = folder / FOLDERS["facts"]
    files = [load_yaml(p) for p in content_files(own)] if own.is_dir() else []
    files = [x for x in files if x.path.name.casefold() != GLOSSARY_FILE]
    game = [load_yaml(p) for p in content_files(bundled_root() / FOLDERS["facts"])]
    game = [x for x in game if x.path.name.casefold() != GLOSSARY_FILE]
    return files, packed.known_entries([*files, *game])


def _fact_base(f: YamlFile, folder: Path, result: Unpacked) -> None:
    _, known = _known(folder)
    new: dict[str, dict[str, Any]] = {}
    codes = {"sources": Code.IMPORT_SOURCE_CONFLICT, "facts": Code.IMPORT_FACT_CONFLICT}
    for part in packed.FACT_BASE_KEYS:
        for key, value in (f.data.get(part) or {}).items():
            there = known.get((part, str(key)))
            if there is None:
                new.setdefault(part, {})[str(key)] = plain(value)
            elif plain(there) != plain(value):
                what = part[:-1]
                f.problem(
                    codes[part],
                    (part, str(key)),
                    f"the folder (or the game) already has a {what} `{key}`, and it says "
                    f"something else; rename this {what} in the packed file (and where it "
                    "is cited), or make the two the same",
                    key=True,
                )
                result.problems.append(f.problems[-1])
    if new and not result.errors:
        target = folder / FOLDERS["facts"] / FACTS_FILE
        result.writes[target] = added(target, new)
        counts = [_count(len(new.get(part, {})), part[:-1]) for part in packed.FACT_BASE_KEYS]
        what = " and ".join(c for c in counts if c)
        result.done.append(f"Added {what} to {target}.")


def _glossary(f: YamlFile, folder: Path, result: Unpacked) -> None:
    terms = f.data.get("glossary") or {}
    target = folder / FOLDERS["facts"] / GLOSSARY_FILE
    there = load_yaml(target).data if target.is_file() else None
    have = {key_of(str(k)): v for k, v in (there or {}).items()} if isinstance(there, dict) else {}
    game = load_yaml(bundled_root() / FOLDERS["facts"] / GLOSSARY_FILE).data
    games = {key_of(str(k)): str(v) for k, v in game.items()} if isinstance(game, dict) else {}
    new: dict[str, Any] = {}
    for term, means in terms.items():
        if games.get(key_of(str(term))) == str(means):
            continue  # the game's own term, as the game says it
        if key_of(str(term)) not in have:
            new[str(term)] = plain(means)
        elif " ".join(str(have[key_of(str(term))]).split()) != " ".join(str(means).split()):
            f.problem(
                Code.IMPORT_TERM_CONFLICT,
                ("glossary", str(term)),
                f"the folder's glossary already says what `{term}` means, in other words; "
                "keep one of the two definitions",
                "warning",
                key=True,
            )
            result.problems.append(f.problems[-1])
    if new and not result.errors:
        result.writes[target] = added(target, {"": new})
        result.done.append(f"Added {_count(len(new), 'term')} to {target}.")


def _count(n: int, word: str) -> str:
    """ "1 source", "3 facts"; "" for none."""
    return f"{n} {word}{'' if n == 1 else 's'}" if n else ""


def added(target: Path, new: dict[str, dict[str, Any]]) -> str:
    """The text of `target` with `new` entries added under their top-level keys ("" for
    the top level itself), after what is there; written afresh when that does not read."""
    from game.content.packing import _dump

    old = target.read_text(encoding="utf-8-sig") if target.is_file() else ""
    f = YamlFile(target)
    if old.strip():
        parse_text(old.encode("utf-8"), f)
    data = f.data if isinstance(f.data, dict) else {}
    expected = plain(data)
    for part, entries in new.items():
        if part:
            expected.setdefault(part, {}).update(entries)
        else:
            expected.update(entries)
    text = old if old.endswith("\n") or not old else old + "\n"
    for part, entries in new.items():
        block = _dump(entries)
        if not part:
            text += block
            continue
        node, key = f.node_at([part])
        if key is None or not data.get(part):
            text += _dump({part: entries})
            continue
        lines = text.splitlines(keepends=True)
        end = node.end_mark.line if node is not None else len(lines)
        at = end if node is not None and node.end_mark.column == 0 else end + 1
        indent = " " * (node.start_mark.column if node is not None else 2)
        lines[at:at] = [textwrap.indent(block, indent)]
        text = "".join(lines)
        f = YamlFile(target)
        parse_text(text.encode("utf-8"), f)
    check = YamlFile(target)
    parse_text(text.encode("utf-8"), check)
    if plain(check.data) == expected and not check.problems:
        return text
    return _dump(expected)
