"""Anki: a tab-separated text file with Anki's header lines, one note per question.
Front: the question and its options; back: the answer, the explanation and the source
quotes. The GUID comes from the quiz and question ids, so importing the file again
updates the cards instead of adding new ones."""

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
from game.exchange.common import Exported, Item, clean, html_text, pairs, stable_id

HEADER = ("#separator:tab", "#html:true", "#guid column:1", "#tags column:4")


def guid(quiz_id: str, question_id: str) -> str:
    return "tt-" + stable_id("treaty-talks", quiz_id, question_id)


def _list(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html_text(line)}</li>" for line in lines) + "</ul>"


def front(item: Item) -> str:
    kind = item.question
    text = html_text(item.prompt)
    if isinstance(kind, ChoiceQuestion | MultiQuestion):
        text += _list([clean(o) for o in kind.options])
    elif isinstance(kind, MatchQuestion):
        text += _list([left for left, _ in pairs(kind)]) + _list(sorted(r for _, r in pairs(kind)))
    elif isinstance(kind, OrderQuestion):
        text += _list(sorted(clean(i) for i in kind.items))
    elif isinstance(kind, TrueFalseQuestion):
        text += "<br>True or false?"
    return text


def back(item: Item) -> str:
    kind = item.question
    if isinstance(kind, ChoiceQuestion):
        answer = html_text(clean(kind.answer))
    elif isinstance(kind, MultiQuestion):
        answer = _list([clean(o) for o in kind.answer])
    elif isinstance(kind, TrueFalseQuestion):
        answer = "True" if kind.answer else "False"
    elif isinstance(kind, MatchQuestion | OrderQuestion):
        answer = _list([f"{left} \u2192 {right}" for left, right in pairs(kind)])
    else:
        assert isinstance(kind, FillQuestion)
        answer = html_text(" / ".join(clean(a) for a in kind.answer))
    return answer + "".join(f"<br><br>{html_text(part)}" for part in item.feedback)


def write(bank: Sequence[Exported]) -> str:
    lines = list(HEADER)
    for exported in bank:
        for item in exported.items:
            tags = " ".join("_".join(clean(tag).split()) for tag in item.tags)
            lines.append(
                "\t".join((guid(exported.quiz.id, item.question.id), front(item), back(item), tags))
            )
    return "\n".join(lines) + "\n"
