"""Writing a packed file (`treaty pack`): a scenario with every fact, source and glossary
term it cites, in one file (the layout: `game.content.packed`).

The scenario is copied as its teacher wrote it (comments and all), indented under
`scenario:`; the facts, sources and terms are written from what the game loaded. What is
written is read back before it is kept: a pack that would not read as the same scenario
is written from the scenario's values instead.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from game.content.catalog import Catalog
from game.content.glossary import Term, scenario_facts, scenario_texts, terms_in
from game.content.models import Scenario
from game.content.packed import PACK_KEY, PACK_VERSION, is_packed
from game.content.yaml_values import WrittenFloat
from game.content.yamlfile import YamlFile, load_yaml, parse_text

HEADER = """\
# A packed scenario, written by `treaty pack`: the scenario with every fact, source and
# glossary term it cites. Check it: treaty validate {name}   Play it: treaty play {name}
# Put it into a content folder: treaty import {name} --content DIR
"""


def cited_facts(scenario: Scenario, catalog: Catalog) -> list[str]:
    """The facts the scenario cites, with each fact an `after:` of theirs places them
    after, in the order of the fact base."""
    wanted = set(scenario_facts(scenario))
    todo = list(wanted)
    while todo:
        fact = catalog.facts.get(todo.pop())
        if fact is not None and fact.after and fact.after not in wanted:
            wanted.add(fact.after)
            todo.append(fact.after)
    return [f for f in catalog.facts if f in wanted]


def cited_terms(scenario: Scenario, catalog: Catalog, facts: Iterable[str]) -> list[Term]:
    """The glossary terms the scenario's texts (and its facts') use."""
    texts = scenario_texts(scenario) + [catalog.facts[f].text for f in facts]
    return terms_in(texts, catalog.glossary)


def plain(value: Any) -> Any:
    """Values as YAML writes them: plain numbers, texts, lists and mappings."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, WrittenFloat):
        return float(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def _dump(data: Any) -> str:
    return yaml.safe_dump(plain(data), sort_keys=False, allow_unicode=True, width=88)


def _term_key(term: Term) -> str:
    others = [f for f in term.forms if f != term.term.casefold()]
    return " / ".join([term.term, *others])


def pack_text(scenario: Scenario, scenario_file: Path, catalog: Catalog, name: str) -> str:
    """The packed file of `scenario` (loaded from `scenario_file` into `catalog`)."""
    facts = cited_facts(scenario, catalog)
    sources = sorted({catalog.facts[f].source for f in facts if catalog.facts[f].source})
    own = load_yaml(scenario_file)
    parts = [HEADER.format(name=name), f"{PACK_KEY}: {PACK_VERSION}\n"]
    if is_packed(own):  # packed again: its scenario's values
        parts.append("scenario:\n" + textwrap.indent(_dump(own.data["scenario"]), "  "))
    else:
        parts.append("scenario:\n" + _indented(scenario_file, own))
    found = {s: catalog.sources[s] for s in sources if s in catalog.sources}
    if found:
        dumped = {s: m.model_dump(mode="json", exclude_defaults=True) for s, m in found.items()}
        parts.append(_dump({"sources": dumped}))
    if facts:
        dumped = {f: catalog.facts[f].model_dump(mode="json", exclude_defaults=True) for f in facts}
        parts.append(_dump({"facts": dumped}))
    terms = cited_terms(scenario, catalog, facts)
    if terms:
        parts.append(_dump({"glossary": {_term_key(t): t.means for t in terms}}))
    return "\n".join(parts)


def _indented(path: Path, own: YamlFile) -> str:
    """The scenario file's text indented under `scenario:`, when it reads back as the
    same values; else its values written afresh."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = ""
    lines = [
        line
        for line in text.splitlines()
        if not line.startswith(("---", "...", "%", "# yaml-language-server"))
    ]
    block = textwrap.indent("\n".join(lines).strip("\n") + "\n", "  ")
    check = YamlFile(path)
    parse_text(("scenario:\n" + block).encode("utf-8"), check)
    if isinstance(check.data, dict) and plain(check.data.get("scenario")) == plain(own.data):
        return block
    return textwrap.indent(_dump(own.data), "  ")
