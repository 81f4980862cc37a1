"""GIFT, Moodle's text format for questions. Every text is escaped as Moodle's GIFT
documentation says (a backslash before `~ = # { } :` and before a backslash, `\\n` for a
line end); question texts and options are written as HTML (`[html]`), escaped, so that
`<b>` stays those three characters."""

from __future__ import annotations

from collections.abc import Sequence

from game.content.models import (
    ChoiceQuestion,
    FillQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    TrueFalseQuestion,
)
from game.exchange.common import (
    Exported,
    Item,
    clean,
    html_feedback,
    html_text,
    pairs,
    percent,
    weights,
)
from game.exchange.imported import category_path

SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    """`text` as GIFT holds it literally."""
    out = []
    for char in text:
        if char == "\\" or char in SPECIAL:
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        else:
            out.append(char)
    return "".join(out)


_LEADING = {"%": "&#37;", "[": "&#91;"}
"""What a text written as HTML cannot start with, and the entity written instead."""


def _html(text: str) -> str:
    # A leading % would read as a weight (`%50%`), a leading [ as a format (`[html]`):
    # as HTML, they are written &#37; and &#91;. (Spaces before them are tidied away.)
    shown = html_text(text.lstrip())
    if shown[:1] in _LEADING:
        shown = _LEADING[shown[0]] + shown[1:]
    return escape(shown)


def _typed(text: str) -> str:
    """A short answer (plain text): one beginning with `%` gets its weight written
    first (`%100%`), so that its own `%` is not read as one."""
    return ("%100%" if text.lstrip().startswith("%") else "") + escape(text)


def _answers(item: Item) -> list[str]:
    question = item.question
    if isinstance(question, ChoiceQuestion):
        return [
            ("=" if option == question.answer else "~") + _html(clean(option))
            for option in question.options
        ]
    if isinstance(question, MultiQuestion):
        right = [o for o in question.options if o in question.answer]
        good, bad = weights(len(right), len(question.options) - len(right))
        return [
            f"~%{percent(good if option in question.answer else bad)}%" + _html(clean(option))
            for option in question.options
        ]
    if isinstance(question, TrueFalseQuestion):
        return ["TRUE" if question.answer else "FALSE"]
    if isinstance(question, MatchQuestion | OrderQuestion):
        return [f"={_html(left)} -> {escape(right)}" for left, right in pairs(question)]
    assert isinstance(question, FillQuestion)
    return ["=" + _typed(clean(answer)) for answer in question.answer]


def question(item: Item) -> str:
    lines = [f"::{escape(clean(item.question.id))}::[html]{_html(item.prompt)} {{"]
    lines.extend(f"\t{answer}" for answer in _answers(item))
    if item.feedback:
        lines.append(f"\t####{escape(html_feedback(item))}")
    lines.append("}")
    return "\n".join(lines)


def write(bank: Sequence[Exported]) -> str:
    parts = ["// Exported from Treaty Talks (treaty export --format gift)"]
    for quiz in bank:
        parts.append(f"// {_html(clean(quiz.quiz.title))}")
        parts.append(f"$CATEGORY: {category_path(clean(quiz.quiz.title))}")
        parts.extend(question(item) for item in quiz.items)
    return "\n\n".join(parts) + "\n"
