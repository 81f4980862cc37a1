"""Loading content: the files named, read and checked together into a `Catalog`.

Fact ids resolve against the bundled fact base plus every fact file given, plus the fact
files in the `sources/` folder beside a given scenario or quiz (a teacher's folder has the
same layout as the bundled content).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from game.content import checks, fact_dates, glossary, packed, scenario_checks, table_checks
from game.content.codes import Code
from game.content.course import Course, course_of
from game.content.files import (
    content_files,
    expand,
    fact_files_beside,
    kind_of,
    misnamed_files,
    skipped_entries,
)
from game.content.models import Fact, FactFile, Question, Quiz, Scenario, Source
from game.content.paths import CONTENT_KINDS, bundled_root
from game.content.problems import Problem
from game.content.structure import validate_model
from game.content.table_models import Table, is_table_data
from game.content.vocabulary import FOLDERS
from game.content.yamlfile import YamlFile, load_yaml


@dataclass
class Catalog:
    """Everything loaded from a set of files, and every problem found in them."""

    scenarios: dict[str, Scenario] = field(default_factory=dict)
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    checked: list[Path] = field(default_factory=list)
    scenario_files: dict[str, Path] = field(default_factory=dict)
    """The file each scenario was loaded from."""
    quiz_files: dict[str, Path] = field(default_factory=dict)
    """The file each quiz was loaded from."""
    unreadable: list[str] = field(default_factory=list)
    glossary: glossary.Glossary = field(default_factory=dict)
    """The hard words and what they mean: the game's own, then a teacher's (which win)."""
    course: Course | None = None
    """The first folder's `course.yaml`, when one was given and has no error."""
    tables: dict[str, Table] = field(default_factory=dict)
    """Two delegations at one table (issue 34): the scenarios with `roles:`."""
    table_files: dict[str, Path] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def left_out(self) -> list[str]:
        """One line for each file left out of the game, with its first error: "FILE (line
        N: what is wrong)". A teacher's broken file costs its own scenario or quiz, never
        the rest of the game."""
        first: dict[str, Problem] = {}
        for problem in self.errors:
            first.setdefault(problem.file, problem)
        lines = [f"{file} (line {p.line}: {p.message})" for file, p in first.items()]
        return [*lines, *self.unreadable]

    def is_yours(self, kind: str, item_id: str) -> bool:
        """Whether a scenario or quiz comes from a teacher's folder, not the game's own."""
        files = self.scenario_files if kind == "scenario" else self.quiz_files
        path = files.get(item_id)
        if path is None:
            return False
        root = bundled_root()
        own = [root / folder for folder in CONTENT_KINDS]
        return not any(path.resolve().is_relative_to(d.resolve()) for d in own)

    def question(self, quiz_id: str, question_id: str) -> Question | None:
        """A question by its module and id (None when either is no longer there)."""
        quiz = self.quizzes.get(quiz_id)
        if quiz is None:
            return None
        return next((q for q in quiz.questions if q.id == question_id), None)


def load(paths: Sequence[str | Path], *, bundled_facts: bool = True) -> Catalog:
    """Load and check the files named by `paths` (files or folders) together: the game's
    one way in for content. Never raises for bad content: problems are in the catalog."""
    # Loading makes many small objects that all live on: the cycle collector would scan
    # them again and again for nothing, so it waits until loading is done.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _check(paths, bundled_facts=bundled_facts)
    finally:
        if paused:
            gc.enable()


def _check(paths: Sequence[str | Path], *, bundled_facts: bool) -> Catalog:
    files, unreadable = expand(paths)
    catalog = Catalog(unreadable=unreadable)
    catalog.course, files, course = course_of(paths, files)  # issue 33: `course.yaml`
    catalog.problems.extend(course.problems if course else [])
    catalog.checked.extend([course.path] if course else [])
    for given in paths:
        with contextlib.suppress(OSError):
            if Path(given).is_dir():
                for entry, what in skipped_entries(Path(given)):
                    catalog.problems.append(
                        Problem(
                            str(entry),
                            1,
                            1,
                            "warning",
                            f"skipped: this is {what}",
                            Code.SKIPPED_ENTRY,
                        )
                    )
                for stray in misnamed_files(Path(given)):
                    right = stray.name[: -len(".txt")]
                    catalog.problems.append(
                        Problem(
                            str(stray),
                            1,
                            1,
                            "warning",
                            f"this file is not read: its name ends in `.txt`; rename it "
                            f"`{right}` (some editors add `.txt` when saving)",
                            Code.TXT_SUFFIX,
                        )
                    )
    seen = {f.resolve() for f in files}

    def unseen(candidates: Iterable[Path]) -> list[Path]:
        fresh = [f for f in candidates if f.resolve() not in seen]
        seen.update(f.resolve() for f in fresh)
        return fresh

    # A teacher's fact files beside their scenarios are checked with them; the bundled
    # fact base is only used (it is checked when it is named).
    beside = unseen(f for given in files for f in fact_files_beside(given))
    bundled = unseen(content_files(bundled_root() / "sources")) if bundled_facts else []
    # The game's own scenarios and quizzes keep their ids even when only a teacher's
    # files are checked: a teacher's file may not take one of them.
    reserved: dict[str, set[str]] = {"scenario": set(), "quiz": set()}
    if bundled_facts:
        for kind in ("scenario", "quiz"):
            own = bundled_root() / FOLDERS[kind]
            if own.is_dir():
                reserved[kind] = {p.stem for p in content_files(own) if p.resolve() not in seen}
    _check_all(catalog, files + beside, bundled, reserved)
    return catalog


def _check_all(
    catalog: Catalog,
    files: list[Path],
    used_facts: list[Path],
    reserved: dict[str, set[str]] | None = None,
) -> None:
    glossaries = [f for f in files if glossary.is_glossary_file(f)]
    used_glossaries = [f for f in used_facts if glossary.is_glossary_file(f)]
    files = [f for f in files if f not in glossaries]
    used_facts = [f for f in used_facts if f not in used_glossaries]
    loaded = [_load(f) for f in files]
    facts_loaded = [_load(f) for f in used_facts]
    by_kind: dict[str, list[YamlFile]] = {"scenario": [], "quiz": [], "facts": []}
    packed_glossaries: list[YamlFile] = []
    for f in loaded:
        if packed.is_packed(f):  # a packed file: the parts it holds, each of its kind
            parts = packed.parts_of(f, packed.known_entries(facts_loaded))
            by_kind["scenario"] += [parts.scenario] if parts.scenario else []
            by_kind["facts"] += [parts.facts] if parts.facts else []
            packed_glossaries += [parts.glossary] if parts.glossary else []
            continue
        kind = kind_of(f)
        if kind is None:
            if f.data is not None:
                f.problem(
                    Code.UNKNOWN_KIND,
                    (),
                    "cannot tell what kind of file this is: a scenario has `scenes:`, "
                    "a quiz has `questions:`, a fact file has `facts:`",
                )
            continue
        by_kind[kind].append(f)
    # The game's own fact base first: a teacher's file that reuses one of its ids is the
    # one told so (and the game's own fact stays).
    fact_files = [f for f in facts_loaded if kind_of(f) == "facts"] + by_kind["facts"]

    # Fact base first: every fact id and source id, even from files with problems,
    # so that one slip in a fact file does not turn every citation into an error.
    fact_ids: dict[str, tuple[str, int]] = {}
    source_ids: set[str] = set()
    source_at: dict[str, tuple[str, int]] = {}
    for f in fact_files:
        if isinstance(f.data, dict):
            if isinstance(f.data.get("sources"), dict):
                source_ids.update(f.data["sources"])
                for source_id in f.data["sources"]:
                    line, _ = f.locate(("sources", source_id), key=True)
                    if source_id in source_at and source_at[source_id][0] != f.name:
                        other, other_line = source_at[source_id]
                        f.problem(
                            Code.SOURCE_TWICE,
                            ("sources", source_id),
                            f"the source `{source_id}` is also defined in {other} (line "
                            f"{other_line}); source ids must be unique: give yours another id",
                            key=True,
                        )
                    source_at.setdefault(source_id, (f.name, line))
            if isinstance(f.data.get("facts"), dict):
                for fact_id in f.data["facts"]:
                    if fact_id not in fact_ids:
                        line, _ = f.locate(("facts", fact_id), key=True)
                        fact_ids[fact_id] = (f.name, line)
    for f in fact_files:
        if f.data is None:
            continue
        fact_file = None
        with _unexpected(f):
            fact_file = validate_model(f, FactFile)
            checks.check_fact_file(f, source_ids, fact_ids)
            fact_dates.check_dates(f, fact_files, fact_ids)
        if isinstance(fact_file, FactFile):
            for source_id, source in fact_file.sources.items():
                catalog.sources.setdefault(source_id, source)  # the first (the game's own)
            for fact_id, fact in fact_file.facts.items():
                catalog.facts.setdefault(fact_id, fact)

    # Two delegations at one table (issue 34): a scenario file with `roles:`.
    tables = [f for f in by_kind["scenario"] if is_table_data(f.data)]
    by_kind["scenario"] = [f for f in by_kind["scenario"] if f not in tables]
    scenario_files, table_files = catalog.scenario_files, catalog.table_files
    scenarios, check_scenario = by_kind["scenario"], scenario_checks.check_scenario
    _add_items(
        scenarios, Scenario, check_scenario, catalog.scenarios, scenario_files, fact_ids, reserved
    )
    _add_items(
        tables, Table, table_checks.check_table, catalog.tables, table_files, fact_ids, reserved
    )
    _add_items(
        by_kind["quiz"],
        Quiz,
        checks.check_quiz,
        catalog.quizzes,
        catalog.quiz_files,
        fact_ids,
        reserved,
    )

    for f in loaded:
        catalog.problems.extend(sorted(f.problems, key=lambda p: (p.line, p.col)))
    catalog.checked.extend(f.path for f in loaded)  # after the course file, if any
    _add_glossaries(catalog, used_glossaries, glossaries, by_kind["facts"], packed_glossaries)


def _add_glossaries(
    catalog: Catalog,
    used: list[Path],
    checked: list[Path],
    fact_files: list[YamlFile],
    packed_glossaries: Sequence[YamlFile] = (),
) -> None:
    """The glossaries: the game's own (used), then those checked, each term of a later
    one in place of the same term before; the terms checked that no text of the content
    checked uses are warned on (when some content was checked with them)."""
    checked_content = bool(catalog.scenarios or catalog.quizzes or fact_files)
    used_terms = [glossary.read_glossary(_load(path)) for path in used]
    read: list[tuple[YamlFile, list[glossary.Term]]] = []
    for f in [*(_load(path) for path in checked), *packed_glossaries]:
        terms: list[glossary.Term] = []
        with _unexpected(f):
            terms = glossary.read_glossary(f)
            if checked_content:
                glossary.check_used([(f, terms)], _content_texts(catalog, fact_files))
        read.append((f, terms))
        catalog.problems.extend(sorted(f.problems, key=lambda p: (p.line, p.col)))
        if f not in packed_glossaries:
            catalog.checked.append(f.path)
    catalog.glossary = glossary.merge([*used_terms, *(terms for _, terms in read)])


def _content_texts(catalog: Catalog, fact_files: list[YamlFile]) -> list[str]:
    """Every text of the content checked: its scenarios and quizzes, the facts they cite
    and the facts of the fact files checked."""
    texts = [t for s in catalog.scenarios.values() for t in glossary.scenario_texts(s)]
    texts += [t for q in catalog.quizzes.values() for t in glossary.quiz_texts(q)]
    cited = {i for s in catalog.scenarios.values() for i in glossary.scenario_facts(s)}
    cited |= {
        i for q in catalog.quizzes.values() for question in q.questions for i in question.facts
    }
    for f in fact_files:
        if isinstance(f.data, dict) and isinstance(f.data.get("facts"), dict):
            cited |= {str(i) for i in f.data["facts"]}
    return texts + [catalog.facts[i].text for i in sorted(cited) if i in catalog.facts]


def _load(path: Path) -> YamlFile:
    """`load_yaml`, with anything it did not expect reported against the file."""
    loaded = YamlFile(path)
    with _unexpected(loaded):
        return load_yaml(path)
    loaded.data = None
    return loaded


@contextlib.contextmanager
def _unexpected(f: YamlFile) -> Iterator[None]:
    """A file that makes the checks fail in a way they did not foresee is left out with a
    message, so one file never takes the rest of the content down with it."""
    try:
        yield
    except (Exception, RecursionError) as exc:  # the safety net under every check
        f.problems.append(
            Problem(
                f.name,
                1,
                1,
                "error",
                "this file could not be checked (the game met something it did not expect: "
                f"{type(exc).__name__}); it is left out. Please tell the game's makers",
                Code.UNEXPECTED,
            )
        )


def _has_errors(f: YamlFile) -> bool:
    return any(p.severity == "error" for p in f.problems)


_M = TypeVar("_M", Scenario, Quiz, Table)


def _add_items(
    files: list[YamlFile],
    model: type[_M],
    check_rules: Callable[[YamlFile, Collection[str]], None],
    into: dict[str, _M],
    where: dict[str, Path],
    fact_ids: Collection[str],
    reserved: dict[str, set[str]] | None,
) -> None:
    """Check scenario (or quiz) files, and keep each one without errors under its id."""
    kind = "quiz" if model is Quiz else "scenario"
    for f in files:
        if f.data is None:
            continue
        item = None
        with _unexpected(f):
            item = validate_model(f, model)
            check_rules(f, fact_ids)
        if isinstance(item, model):
            if not getattr(f, "packed", False):  # a game's scenario packed: shared as it is
                _check_not_reserved(f, item.id, reserved, kind)
            if not _has_errors(f):
                _add_unique(into, item, f, kind)
                where.setdefault(item.id, f.path)


def _check_not_reserved(
    f: YamlFile, item_id: str, reserved: dict[str, set[str]] | None, what: str
) -> None:
    """A problem when `item_id` is one of the game's own scenarios or quizzes."""
    if reserved is None or item_id not in reserved.get(what, set()):
        return
    f.problem(
        Code.RESERVED_ID,
        ("id",),
        f"the game already has a {what} with the id `{item_id}`; ids must be unique: "
        f"choose another id (and name the file after it)",
    )


def _add_unique(into: dict[str, _M], model: _M, f: YamlFile, what: str) -> None:
    if model.id in into:
        f.problem(
            Code.DUPLICATE_ID,
            ("id",),
            f"another {what} already has the id `{model.id}`; ids must be unique",
        )
        return
    into[model.id] = model


check = load
"""The same function as `load`, under the name the tests and the first callers use."""
