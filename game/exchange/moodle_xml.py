"""Moodle XML: a `<quiz>` with a category question per quiz, then `multichoice`,
`truefalse`, `matching` (for `match` and `order`) and `shortanswer` questions. Texts
are HTML-escaped into `<text>` (format="html"); the XML is written by xml.etree."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from game.content.models import (
    ChoiceQuestion,
    FillQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    TrueFalseQuestion,
)
from game.exchange.common import Exported, Item, clean, html_feedback, html_text, pairs, percent
from game.exchange.common import weights as multi_weights
from game.exchange.imported import category_path


def _text(parent: ET.Element, tag: str, text: str, html: bool = True) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": "html"} if html else {})
    ET.SubElement(element, "text").text = text
    return element


def _answer(parent: ET.Element, fraction: str, text: str, html: bool = True) -> None:
    attrs = {"fraction": fraction, "format": "html" if html else "moodle_auto_format"}
    answer = ET.SubElement(parent, "answer", attrs)
    ET.SubElement(answer, "text").text = text
    _text(answer, "feedback", "")


def _category(parent: ET.Element, exported: Exported) -> None:
    element = ET.SubElement(parent, "question", {"type": "category"})
    category = ET.SubElement(element, "category")
    ET.SubElement(category, "text").text = category_path(clean(exported.quiz.title))
    _text(element, "info", html_text(clean(exported.quiz.title)))


def _body(question: ET.Element, item: Item) -> None:
    kind = item.question
    if isinstance(kind, ChoiceQuestion):
        ET.SubElement(question, "single").text = "true"
        ET.SubElement(question, "shuffleanswers").text = "true" if kind.shuffle else "false"
        ET.SubElement(question, "answernumbering").text = "abc"
        for option in kind.options:
            _answer(question, "100" if option == kind.answer else "0", html_text(clean(option)))
    elif isinstance(kind, MultiQuestion):
        right = [o for o in kind.options if o in kind.answer]
        good, bad = multi_weights(len(right), len(kind.options) - len(right))
        ET.SubElement(question, "single").text = "false"
        ET.SubElement(question, "shuffleanswers").text = "true" if kind.shuffle else "false"
        ET.SubElement(question, "answernumbering").text = "abc"
        for option in kind.options:
            weight = percent(good if option in kind.answer else bad)
            _answer(question, weight, html_text(clean(option)))
    elif isinstance(kind, TrueFalseQuestion):
        _answer(question, "100" if kind.answer else "0", "true", html=False)
        _answer(question, "0" if kind.answer else "100", "false", html=False)
    elif isinstance(kind, MatchQuestion | OrderQuestion):
        ET.SubElement(question, "shuffleanswers").text = "true"
        for stem, reply in pairs(kind):
            sub = _text(question, "subquestion", html_text(stem))
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = reply
    else:
        assert isinstance(kind, FillQuestion)
        ET.SubElement(question, "usecase").text = "0"
        for accepted in kind.answer:
            _answer(question, "100", clean(accepted), html=False)


TYPES = {
    "choice": "multichoice",
    "multi": "multichoice",
    "truefalse": "truefalse",
    "match": "matching",
    "order": "matching",
    "fill": "shortanswer",
}
"""Each question type, as Moodle names it."""


def _question(parent: ET.Element, item: Item) -> None:
    question = ET.SubElement(parent, "question", {"type": TYPES[item.question.type]})
    name = ET.SubElement(question, "name")
    ET.SubElement(name, "text").text = clean(item.question.id)
    _text(question, "questiontext", html_text(item.prompt))
    _text(question, "generalfeedback", html_feedback(item))
    ET.SubElement(question, "defaultgrade").text = "1"
    ET.SubElement(question, "idnumber").text = clean(item.question.id)
    _body(question, item)


def write(bank: Sequence[Exported]) -> str:
    root = ET.Element("quiz")
    for exported in bank:
        _category(root, exported)
        for item in exported.items:
            _question(root, item)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
