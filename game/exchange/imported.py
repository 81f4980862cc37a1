"""What a reader of a question bank (GIFT, Moodle XML) finds, and the quiz file made of it.

A reader gives the questions it can bring in as the format's question mappings, leaves out
the ones the game has no type for (a located warning each), and reports a broken file with
located errors. `quiz_yaml` turns the questions into a quiz (`citations: optional`: the
bank cites no facts) that `treaty validate` accepts as it is: a question the game could not
hold as it is (two options alike, say) is left out too, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from game.content.codes import Code
from game.content.models import Question, Quiz
from game.content.problems import Problem, Severity
from game.content.vocabulary import CITATIONS_OPTIONAL, ID
from game.exchange.common import ORDER_NOTE

__all__ = ["Bank", "BankQuestion", "category_name", "category_path", "quiz_id", "quiz_yaml"]


@dataclass(frozen=True)
class BankQuestion:
    """A question read from a bank: its mapping in the format (without `id:`), its title
    in the bank (`::title::`, `<name>`, or "") and the line and column it starts at."""

    fields: dict[str, Any]
    title: str
    line: int
    col: int = 1


@dataclass
class Bank:
    """Everything read from one file."""

    path: str
    questions: list[BankQuestion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    category: str = ""
    """The name of the last category the file gives (`$CATEGORY:`, `<question
    type="category">`), "" when none: the imported quiz's title."""

    def problem(
        self, code: Code, line: int, col: int, message: str, severity: Severity = "error"
    ) -> None:
        self.problems.append(Problem(self.path, line, col, severity, message, code.value))

    def leave_out(self, code: Code, line: int, col: int, title: str, why: str) -> None:
        named = f"the question “{title}”" if title else "this question"
        self.problem(code, line, col, f"{named} is left out: {why}", "warning")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def left_out(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def slug(text: str) -> str:
    """`text` made an id: lowercase letters, digits and '-' ("" when nothing is left)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def quiz_id(name: str) -> str:
    """A valid quiz id from a file name or what was given (`Week 3 bank` -> `week-3-bank`)."""
    made = slug(name)
    return made if made and ID.fullmatch(made) else "imported-quiz"


_QUESTION: TypeAdapter[Any] = TypeAdapter(Question)

_PATH_CUT = re.compile(r"(?<!/)/(?!/)")
_NOT_A_NAME = {"top", "$course$", "$system$", "$module$", "$coursecategory$"}


def category_name(path: str) -> str:
    """The last name of a Moodle category path, as Moodle splits it (a single `/`
    separates, `//` is a slash of the name): `$course$/top/Week 3` -> "Week 3"; ""
    for Moodle's own roots (`$course$/top`)."""
    last = _PATH_CUT.split(path.strip())[-1].replace("//", "/")
    name = " ".join(last.split())
    return "" if name.lower() in _NOT_A_NAME else name


def category_path(title: str) -> str:
    """A quiz's title as the Moodle category it is exported to (`/` doubled)."""
    return "$course$/top/" + " ".join(title.split()).replace("/", "//")


def _as_order(fields: dict[str, Any]) -> dict[str, Any]:
    """An `order` question exported as matching (`treaty export` adds ORDER_NOTE to its
    prompt and pairs the places 1, 2, … with the items) made an order question again,
    without the note and the right order it added to the feedback; any other question
    as it is."""
    pairs, prompt = fields.get("pairs"), str(fields.get("prompt", ""))
    note = " ".join(ORDER_NOTE.split())
    if fields.get("type") != "match" or not isinstance(pairs, dict) or not prompt.endswith(note):
        return fields
    if list(pairs) != [str(n) for n in range(1, len(pairs) + 1)]:
        return fields
    items = list(pairs.values())
    restored = {**fields, "type": "order", "prompt": prompt.removesuffix(note).rstrip()}
    del restored["pairs"]
    restored["items"] = items
    said = "The right order: " + "; ".join(items) + "."
    explain = str(fields.get("explain", ""))
    if explain.startswith(said):
        rest = explain.removeprefix(said).strip()
        if rest:
            restored["explain"] = rest
        else:
            del restored["explain"]
    return restored


def _why_not(fields: dict[str, Any]) -> str | None:
    """Why the game cannot hold this question as it is; None when it can."""
    for key in ("options", "answer"):
        values = fields.get(key)
        if isinstance(values, list) and len(set(values)) != len(values):
            return f"two of its {'options' if key == 'options' else 'answers'} are the same"
    pairs = fields.get("pairs")
    if isinstance(pairs, dict) and len(set(pairs.values())) != len(pairs):
        return "two of its items have the same match"
    options, answer = fields.get("options"), fields.get("answer")
    if isinstance(options, list):
        right = answer if isinstance(answer, list) else [answer]
        if any(a not in options for a in right):
            return "a right answer is not one of its options"
    try:
        _QUESTION.validate_python(fields)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"][1:]) or "the question"
        return f"{where}: {first['msg']}"
    return None


def quiz_yaml(bank: Bank, quiz: str, title: str) -> tuple[str, int]:
    """The quiz file (YAML) of the bank's questions and how many it holds; each question
    the game cannot hold as it is becomes a warning of the bank."""
    taken: set[str] = set()
    questions: list[dict[str, Any]] = []
    for number, read in enumerate(bank.questions, start=1):
        read_fields = _as_order(read.fields)
        why = _why_not({"id": "q", **read_fields})
        if why is not None:
            bank.leave_out(Code.BANK_NOT_VALID_HERE, read.line, read.col, read.title, why)
            continue
        base = slug(read.title) or f"q{number}"
        qid, n = base, 2
        while qid in taken:
            qid, n = f"{base}-{n}", n + 1
        taken.add(qid)
        questions.append({"id": qid, **read_fields})
    if not questions:
        return "", 0
    data = {
        "id": quiz,
        "title": title,
        "citations": CITATIONS_OPTIONAL,
        "questions": questions,
    }
    Quiz.model_validate(data)  # what is written is a quiz, or this is the game's own fault
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=88)
    name = " ".join(bank.path.replace("\\", "/").rsplit("/", 1)[-1].split())
    header = f"# Imported from {name} by `treaty import`.\n"
    return header + text, len(questions)
