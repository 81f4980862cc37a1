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

__all__ = ["Bank", "BankQuestion", "quiz_id", "quiz_yaml"]


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
        why = _why_not({"id": "q", **read.fields})
        if why is not None:
            bank.leave_out(Code.BANK_NOT_VALID_HERE, read.line, read.col, read.title, why)
            continue
        base = slug(read.title) or f"q{number}"
        qid, n = base, 2
        while qid in taken:
            qid, n = f"{base}-{n}", n + 1
        taken.add(qid)
        questions.append({"id": qid, **read.fields})
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
