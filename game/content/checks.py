"""The checks of `docs/format.md` that relate one part of a file to another: those shared
by every kind of file, and those of quizzes and fact files (a scenario's are in
`scenario_checks`).

They read the file's plain data (not the models) and guard every step, so that they run
and report even when the models found problems elsewhere in the same file: a teacher
sees every problem at once, not one per attempt.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from game.content.codes import Code
from game.content.paths import bundled_root
from game.content.vocabulary import CITATIONS_OPTIONAL, FOLDERS, ID, WITH_OPTIONS
from game.content.wording import describe, suggest
from game.content.yamlfile import YamlFile

Step = str | int


def mapping(value: Any) -> dict[str, Any]:
    """The value when it is a mapping, else an empty one (reported elsewhere)."""
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[Any]:
    """The value as a list: a single name is a list of one; anything else, none."""
    if isinstance(value, list):
        return value
    if isinstance(value, str | int) and not isinstance(value, bool):
        return [value]
    return []


def whole(value: Any, default: int) -> int | None:
    """A whole number, `default` when none is given, None when it is not a number."""
    if value is None:
        return default
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def check_fact_names(
    file: YamlFile, path: Sequence[Step], value: Any, facts: Collection[str]
) -> None:
    """Every fact named in the list at `path` is in the fact base."""
    single = not isinstance(value, list)
    for i, name in enumerate(items(value)):
        name = str(name)
        if name not in facts:
            where = list(path) if single else [*path, i]
            file.problem(
                Code.UNKNOWN_FACT,
                where,
                f"the fact `{name}` is not in the fact base{suggest(name, facts)} "
                f"({_fact_files_read(facts)}; give another with --facts FILE)",
            )


def _fact_files_read(facts: Collection[str]) -> str:
    """Which fact files were read, in words: where a missing fact was looked for."""
    if not isinstance(facts, Mapping):
        return "facts come from sources/facts.yaml and the fact files given"
    own = (bundled_root() / FOLDERS["facts"]).resolve()
    names: list[str] = []
    for file in sorted({str(where[0]) for where in facts.values()}):
        name = "the game's own facts" if Path(file).resolve().is_relative_to(own) else file
        if name not in names:
            names.append(name)
    return "the fact files read: " + (", ".join(names) or "none")


def check_id_is_file_name(file: YamlFile, data: dict[str, Any], what: str) -> None:
    """The guide asks for a file named after its id: `treaty play ID` and the lists name
    the id, and a teacher looks for the file by it."""
    item_id = data.get("id")
    if getattr(file, "packed", False):
        return  # a packed file is named as its teacher likes (issue 33)
    if isinstance(item_id, str) and ID.fullmatch(item_id) and file.path.stem != item_id:
        file.problem(
            Code.ID_NOT_FILE_NAME,
            ("id",),
            f"this {what}'s id is `{item_id}` but its file is `{file.path.name}`; name the "
            f"file `{item_id}{file.path.suffix}` (or change the id) so that they match",
            "warning",
        )


_CURLY = "“”‘’„«»"


def check_quiz(file: YamlFile, facts: Collection[str]) -> None:
    data = mapping(file.data)
    check_id_is_file_name(file, data, "quiz")
    questions = data.get("questions")
    if not isinstance(questions, list):
        return
    first_seen: dict[str, int] = {}
    for i, question in enumerate(questions):
        if not isinstance(question, dict):
            continue
        here: tuple[Step, ...] = ("questions", i)
        qid = question.get("id")
        if qid is not None:
            qid = str(qid)
            if qid in first_seen:
                line, _ = file.locate(("questions", first_seen[qid], "id"))
                file.problem(
                    Code.QUESTION_ID_TWICE,
                    (*here, "id"),
                    f"the question id `{qid}` is used twice (first on line {line}); "
                    "each question needs its own id",
                )
            else:
                first_seen[qid] = i
        check_fact_names(file, (*here, "facts"), question.get("facts"), facts)
        if data.get("citations") != CITATIONS_OPTIONAL:
            _check_cites_a_fact(file, here, question)
        kind = question.get("type")
        for key in ("options", "items"):
            values = question.get(key)
            if isinstance(values, list):
                seen: set[str] = set()
                for j, option in enumerate(values):
                    text = str(option)
                    if text in seen:
                        file.problem(
                            Code.LISTED_TWICE,
                            (*here, key, j),
                            f"`{text}` is listed twice in {key}; each must be different",
                        )
                    seen.add(text)
        if kind == "match":
            matched: dict[str, str] = {}
            for left, right in mapping(question.get("pairs")).items():
                first = matched.setdefault(str(right), str(left))
                if first != str(left):
                    file.problem(
                        Code.SAME_MATCH,
                        (*here, "pairs", left),
                        f"`{first}` and `{left}` have the same match, `{right}`: it is shown "
                        "once in the list of matches, so a student may think one of them has "
                        "none. Give each item its own match",
                        "warning",
                        key=True,
                    )
        raw_options = items(question.get("options"))
        options = [str(o) for o in raw_options]
        answer = question.get("answer")
        # Options YAML read as true/false are reported already, with what to do about them.
        readable = not any(isinstance(o, bool) for o in raw_options)
        if kind in WITH_OPTIONS and options and answer is not None and readable:
            single = not isinstance(answer, list)
            if kind == "choice" and not single:
                continue
            for j, given in enumerate(items(answer)):
                given = str(given)
                if given not in options:
                    curled = [o for o in options if o.strip(_CURLY) == given.strip(_CURLY)]
                    hint = (
                        f": the option is written with curly quotes (`{curled[0]}`, pasted from "
                        "a word processor), which YAML keeps as part of the text. Write the "
                        f'option with straight quotes: "{given.strip(_CURLY)}"'
                        if curled
                        else suggest(given, options)
                    )
                    file.problem(
                        Code.ANSWER_NOT_OPTION,
                        (*here, "answer") if single else (*here, "answer", j),
                        f"the answer `{given}` is not one of the options{hint}",
                    )


def check_fact_file(
    file: YamlFile, sources: Collection[str], defined: dict[str, tuple[str, int]]
) -> None:
    """Each fact names a declared source; fact ids are not defined twice across files."""
    data = mapping(file.data)
    for source_id, source in mapping(data.get("sources")).items():
        if mapping(source).get("year_inferred") is True and "year" not in mapping(source):
            file.problem(
                Code.SOURCE_YEAR_INFERRED_WITHOUT_YEAR,
                ("sources", source_id, "year_inferred"),
                f"source `{source_id}` says its year is inferred but gives no `year:`",
            )
    for fact_id, fact in mapping(data.get("facts")).items():
        if fact_id in defined and defined[fact_id][0] != file.name:
            other, line = defined[fact_id]
            file.problem(
                Code.FACT_TWICE,
                ("facts", fact_id),
                f"the fact `{fact_id}` is also defined in {other} (line {line}); "
                "fact ids must be unique",
                key=True,
            )
        if mapping(fact).get("year_inferred") is True and "year" not in mapping(fact):
            file.problem(
                Code.YEAR_INFERRED_WITHOUT_YEAR,
                ("facts", fact_id, "year_inferred"),
                f"fact `{fact_id}` says its year is inferred but gives no `year:`",
            )
        source = mapping(fact).get("source")
        if source is not None and str(source) not in sources:
            file.problem(
                Code.UNKNOWN_SOURCE,
                ("facts", fact_id, "source"),
                f"the source `{source}` is not declared under `sources:`"
                f"{suggest(str(source), sources)}",
            )


def _check_cites_a_fact(
    file: YamlFile, here: tuple[Step, ...], question: Mapping[str, Any]
) -> None:
    """Every question cites a fact, unless its quiz says `citations: optional`."""
    cited = question.get("facts", ())
    if cited is None or cited == [] or cited == "":
        where: tuple[Step, ...] = (*here, "facts")
    elif "facts" not in question:
        where = here
    else:
        return
    file.problem(
        Code.QUESTION_WITHOUT_FACT,
        where,
        f"{describe(here)} must cite at least one fact in `facts:`",
    )
