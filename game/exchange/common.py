"""What every export format shares: a quiz's questions with their text made safe for
any file (no characters XML cannot hold), their feedback (the explanation, then each
source quote with its citation), their tags, and the notes a teacher should read."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from game.content.catalog import Catalog
from game.content.citation import citation
from game.content.models import FillQuestion, MatchQuestion, OrderQuestion, Question, Quiz
from game.quiz import explain

ORDER_NOTE = "(Put these in order: match each place, 1 being first, with what comes there.)"
"""Said in the question of an `order` question, which the formats have no type for."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """The text without the characters XML 1.0 cannot hold or discourages (control
    characters other than tab and newline, lone surrogates), and with its line ends as
    newlines."""
    for end in ("\r\n", "\r", "\u2028", "\u2029"):
        text = text.replace(end, "\n")
    return _NOT_XML.sub("", text)


@dataclass(frozen=True)
class Item:
    """One question as every format writes it."""

    question: Question
    prompt: str
    feedback: tuple[str, ...]
    """Paragraphs: for an order question the right order; the explanation (`explain`,
    or else the cited facts' text, as the game gives it); then “quote” — citation for
    each fact."""
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Exported:
    """A quiz ready to write."""

    quiz: Quiz
    items: tuple[Item, ...]


def exported(quiz: Quiz, catalog: Catalog) -> Exported:
    return Exported(quiz, tuple(_item(quiz, question, catalog) for question in quiz.questions))


def _item(quiz: Quiz, question: Question, catalog: Catalog) -> Item:
    prompt = clean(question.prompt)
    feedback: list[str] = []
    if isinstance(question, OrderQuestion):
        prompt = f"{prompt}\n{ORDER_NOTE}"
        shown = "; ".join(" ".join(clean(i).split()) for i in question.items)
        feedback.append(f"The right order: {shown}.")
    # As the game explains it: `explain`, or else the cited facts' text; then the quotes.
    explanation = explain(question, catalog.facts, catalog.sources)
    if explanation.text:
        feedback.append(clean(explanation.text))
    tags: list[str] = [quiz.id]
    for cited in explanation.citations:
        where = f" \u2014 {citation(cited.source)}" if cited.source is not None else ""
        feedback.append(clean(f"\u201c{' '.join(cited.fact.quote.split())}\u201d{where}"))
        tags.extend(tag for tag in cited.fact.tags if tag not in tags)
    return Item(question, prompt, tuple(feedback), tuple(tags))


def pairs(question: MatchQuestion | OrderQuestion) -> list[tuple[str, str]]:
    """What a matching question pairs: a match's pairs; an order's places (1, 2, …)
    with their items."""
    if isinstance(question, OrderQuestion):
        return [(str(n), clean(item)) for n, item in enumerate(question.items, 1)]
    return [(clean(left), clean(right)) for left, right in question.pairs.items()]


def percent(value: float) -> str:
    """A weight as Moodle writes it: "50", "33.33333", "-100"."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def weights(right: int, wrong: int) -> tuple[float, float]:
    """A multi question's weights in percent: each right option's (they sum to 100),
    each wrong option's (negative; together -100)."""
    return 100 / right, (-100 / wrong if wrong else 0.0)


def html_text(text: str) -> str:
    """Text shown as text in an HTML field: `<`, `>`, `&` and quotes escaped, line ends
    as <br>, tabs as spaces."""
    escaped = html.escape(text, quote=False).replace('"', "&quot;")
    return escaped.replace("\t", " ").replace("\n", "<br>")


def html_feedback(item: Item) -> str:
    return "".join(f"<p>{html_text(part)}</p>" for part in item.feedback)


def stable_id(*parts: str) -> str:
    """The same short id for the same parts, on every machine and every run."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def notes(bank: Sequence[Exported], form: str = "") -> list[str]:
    """What the teacher should know about the files written: each `order` question sent
    as matching; in GIFT, each short answer holding `->` (GIFT has no escape for it, and
    Moodle reads the question as matching)."""
    lines: list[str] = []
    for quiz in bank:
        for item in quiz.items:
            if isinstance(item.question, OrderQuestion):
                lines.append(
                    f"{quiz.quiz.id}: question `{item.question.id}` is an order question: "
                    "exported as matching (each place, 1 first, with its item)"
                )
            answers = item.question.answer if isinstance(item.question, FillQuestion) else ()
            if form == "gift" and any("->" in answer for answer in answers):
                lines.append(
                    f"{quiz.quiz.id}: question `{item.question.id}` has an answer with `->`, "
                    "which GIFT reads as a matching question: use --format moodle-xml for it"
                )
    return lines
