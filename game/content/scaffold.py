"""New files for a teacher: a small, valid, commented scenario or quiz that plays at once,
in a content folder laid out as the game expects, with the JSON Schemas beside it so that
editors with the YAML language server complete and check fields as the teacher types."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Literal

from game.content.glossary import json_schema
from game.content.models import KINDS
from game.content.vocabulary import FOLDERS, ID

TEMPLATES = Path(__file__).parent / "scaffolds"


class ScaffoldError(Exception):
    """Why the file cannot be made, in words for the teacher."""


def write_schemas(folder: Path) -> list[Path]:
    """`scenario.schema.json`, `quiz.schema.json` and `facts.schema.json` in `folder`, and
    `glossary.schema.json`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, model in KINDS.items():
        path = folder / f"{kind}.schema.json"
        schema = model.model_json_schema(by_alias=True)
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    path = folder / "glossary.schema.json"
    path.write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")
    written.append(path)
    from game.content.course_schemas import extra_schemas  # issue 33

    for name, schema in extra_schemas().items():
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    # Two delegations at one table (issue 34): a scenario with `roles:`.
    from game.content.table_models import Table

    table = folder / "table.schema.json"
    schema = Table.model_json_schema(by_alias=True)
    table.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [*written, table]


def suggest_name(name: str) -> str:
    """`My First Talks!` -> `my-first-talks`."""
    return "-".join(re.findall(r"[a-z0-9]+", name.casefold())) or "my-scenario"


def new_file(
    kind: Literal["scenario", "quiz", "table"], name: str, content: Path, *, alone: bool = False
) -> Path:
    """Write a new scenario or quiz called `name` into `content` (its `scenarios/` or
    `quizzes/` folder, made if need be) and the schemas into `content/schemas/`. A
    `table` (two delegations, issue 34) is a scenario with `roles:`, in `scenarios/`.

    `alone`: for a course played with `--only` (issue 33), whose own facts are all it has:
    a subject-neutral example (two harbour towns) citing the folder's own facts; a folder
    with no facts yet gets a facts file of its own to fill (`only_facts`)."""
    if not ID.fullmatch(name):
        raise ScaffoldError(
            f"`{name}` cannot be a name: use small letters, digits and hyphens, "
            f"like `{suggest_name(name)}`"
        )
    path = content / FOLDERS["scenario" if kind == "table" else kind] / f"{name}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another name (nothing was changed)")
    title = name.replace("-", " ").capitalize()
    text = (TEMPLATES / f"{'only-' if alone else ''}{kind}.yaml").read_text(encoding="utf-8")
    text = text.replace("__ID__", name).replace("__TITLE__", title)
    # The folder as the teacher named it (relative stays relative), not a temporary path.
    text = text.replace("__FOLDER__", content.as_posix())
    path.parent.mkdir(parents=True, exist_ok=True)
    (content / "sources").mkdir(exist_ok=True)
    if alone:
        text = only_facts(text, name, content)
    write_schemas(content / "schemas")
    path.write_text(text, encoding="utf-8")
    return path


ONLY_FACTS = ("__FACT1__", "__FACT2__")
"""The facts a subject-neutral example cites: its background, and its endings'."""


def only_facts(text: str, name: str, content: Path) -> str:
    """A neutral example's facts: the first two of the folder's own (the one, twice, when
    it has only one), and its year the first's. A folder with none yet gets a facts file
    of two facts to replace (`sources/facts.yaml`, or `sources/NAME-facts.yaml` beside a
    facts file with none), written before the example, so that the example validates."""
    from game.content.catalog import load

    facts = load([content], bundled_facts=False).facts
    cited = list(facts)[: len(ONLY_FACTS)]
    where = f"in {(content / 'sources').as_posix()}/"
    if not cited:
        facts_file = content / "sources" / "facts.yaml"
        if facts_file.exists():
            facts_file = facts_file.with_name(f"{name}-facts.yaml")
        template = (TEMPLATES / "only-facts.yaml").read_text(encoding="utf-8")
        facts_file.write_text(template.replace("__ID__", name), encoding="utf-8")
        cited, where = ["first-fact", "second-fact"], f"{facts_file.as_posix()}: replace them"
    cited += cited[-1:] * (len(ONLY_FACTS) - len(cited))
    for placeholder, fact in zip(ONLY_FACTS, cited, strict=True):
        text = text.replace(placeholder, fact)
    year = facts[cited[0]].year if cited[0] in facts else None
    text = text.replace("__YEAR__", str(year or date.today().year))
    return text.replace("__FACTS_FILE__", where)
