"""Moodle XML question banks read into the game's questions (`treaty import FILE.xml`).

Parsed only with `defusedxml`, with no DTD at all: a file with entities (a billion-laughs
file) or external references is refused at once, with its name in the message. Read:
`multichoice` (single and multiple, `fraction` weights), `truefalse`, `matching`,
`shortanswer`; the last `category` names the quiz; `<text>` holding HTML (often in
CDATA) becomes plain text, short answers and matched answers are plain text already;
`generalfeedback` becomes `explain`; `shuffleanswers` false becomes `shuffle: false`.
Other types are left out with a warning.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import Locator

import defusedxml.sax
from defusedxml import DefusedXmlException

from game.content.codes import Code
from game.exchange.imported import Bank, BankQuestion, category_name

__all__ = ["read_moodle_xml"]

_TAGS = re.compile(r"<[^>]*>")
_BREAKS = re.compile(r"<\s*(br|/p|/div|/li)\b[^>]*>", re.IGNORECASE)
_NOT_HTML = {"plain_text", "markdown"}
"""Formats of a `<text>` that is not HTML: its `<` and `>` are the text's own."""


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    text: str = ""
    children: list[_Element] = field(default_factory=list)

    def find(self, tag: str) -> _Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[_Element]:
        return [c for c in self.children if c.tag == tag]

    def words(self, tag: str) -> str:
        """The plain text of the `<text>` of child `tag` ("" when there is none)."""
        child = self.find(tag)
        inner = child.find("text") if child else None
        if inner is None or child is None:
            return ""
        if child.attrs.get("format", "html") in _NOT_HTML:
            return " ".join(inner.text.split())
        return plain(inner.text)


class _Builder(ContentHandler):
    """The document as a small tree, each element with its line and column."""

    def __init__(self) -> None:
        super().__init__()
        self.locator: Locator | None = None
        self.stack: list[_Element] = []
        self.root: _Element | None = None

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def startElement(self, name: str, attrs: Any) -> None:
        line = self.locator.getLineNumber() if self.locator else 1
        col = ((self.locator.getColumnNumber() or 0) if self.locator else 0) + 1
        element = _Element(name, dict(attrs.items()), line or 1, col)
        if self.stack:
            self.stack[-1].children.append(element)
        else:
            self.root = element
        self.stack.append(element)

    def endElement(self, name: str) -> None:
        self.stack.pop()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].text += content


def plain(text: str) -> str:
    """HTML made plain text: tags taken out, entities undone, spaces tidied."""
    return " ".join(html.unescape(_TAGS.sub("", _BREAKS.sub(" ", text))).split())


def read_moodle_xml(data: bytes, path: str) -> Bank:
    """The questions of a Moodle XML file; never raises."""
    bank = Bank(path)
    builder = _Builder()
    try:
        defusedxml.sax.parseString(
            data, builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as error:
        doctype = data.find(b"<!DOCTYPE")
        line = data[:doctype].count(b"\n") + 1 if doctype != -1 else 1
        bank.problem(
            Code.BANK_XML_REFUSED,
            line,
            1,
            f"{path} is refused: it declares a DTD or entities ({type(error).__name__}), "
            "which a question bank never needs and which can make a file expand without end",
        )
        return bank
    except SAXParseException as error:
        line, col = error.getLineNumber() or 1, (error.getColumnNumber() or 0) + 1
        bank.problem(Code.BANK_NOT_XML, line, col, f"not well-formed XML: {error.getMessage()}")
        return bank
    root = builder.root
    if root is None or root.tag != "quiz":
        found = f"<{root.tag}>" if root else "nothing"
        bank.problem(
            Code.BANK_NOT_MOODLE,
            root.line if root else 1,
            root.col if root else 1,
            f"a Moodle question bank starts with <quiz>; found {found}",
        )
        return bank
    for question in root.all("question"):
        _read_question(bank, question)
    return bank


def _fraction(answer: _Element) -> float:
    try:
        return float(answer.attrs.get("fraction", "0"))
    except ValueError:
        return 0.0


def _read_question(bank: Bank, question: _Element) -> None:
    kind = question.attrs.get("type", "")
    if kind == "category":
        path = question.find("category")
        inner = path.find("text") if path else None
        if inner is not None:
            bank.category = category_name(inner.text) or bank.category
        return
    title = question.words("name")
    where = (question.line, question.col)
    reader = _READERS.get(kind)
    if reader is None:
        why = f"its type `{kind}` is not one the game has"
        bank.leave_out(Code.BANK_UNSUPPORTED, *where, title, why)
        return
    prompt = question.words("questiontext")
    if not prompt:
        bank.problem(Code.BANK_BAD_ANSWER, *where, "this question has no <questiontext>")
        return
    fields = reader(bank, question)
    if fields is None:
        return
    explain = question.words("generalfeedback")
    if explain:
        fields["explain"] = explain
    bank.questions.append(BankQuestion({"prompt": prompt, **fields}, title, *where))


def _own_text(element: _Element) -> str:
    """The plain text of an element's `<text>` (or of the element itself)."""
    inner = element.find("text")
    return plain(inner.text if inner else element.text)


def _typed_text(element: _Element | None) -> str:
    """The text of a short answer or of what an item is matched with: plain text in
    Moodle (its `<` and `&` are the text's own), spaces tidied."""
    if element is None:
        return ""
    inner = element.find("text")
    return " ".join((inner.text if inner else element.text).split())


def _shuffle(question: _Element) -> dict[str, Any]:
    """`shuffle: false` when the question says its answers are not shuffled."""
    shuffle = question.find("shuffleanswers")
    if shuffle is not None and shuffle.text.strip().lower() in ("false", "0"):
        return {"shuffle": False}
    return {}


def _answers(question: _Element) -> list[tuple[str, float]]:
    return [(_own_text(a), _fraction(a)) for a in question.all("answer")]


def _no_right(bank: Bank, question: _Element) -> None:
    bank.problem(
        Code.BANK_NO_RIGHT_ANSWER,
        question.line,
        question.col,
        "no <answer> of this question has a positive `fraction`",
    )


def _multichoice(bank: Bank, question: _Element) -> dict[str, Any] | None:
    answers = _answers(question)
    right = [text for text, weight in answers if weight > 0]
    if not right:
        _no_right(bank, question)
        return None
    options = [text for text, _ in answers]
    single = question.find("single")
    one = single is None or single.text.strip().lower() in ("true", "1")
    if one and len(right) == 1:
        return {"type": "choice", "options": options, "answer": right[0], **_shuffle(question)}
    return {"type": "multi", "options": options, "answer": right, **_shuffle(question)}


def _truefalse(bank: Bank, question: _Element) -> dict[str, Any] | None:
    right = [text.lower() for text, weight in _answers(question) if weight > 0]
    if len(right) != 1 or right[0] not in ("true", "false"):
        _no_right(bank, question)
        return None
    return {"type": "truefalse", "answer": right[0] == "true"}


def _matching(bank: Bank, question: _Element) -> dict[str, Any] | None:
    pairs: dict[str, str] = {}
    for sub in question.all("subquestion"):
        left = _own_text(sub) if sub.find("text") else ""
        right = _typed_text(sub.find("answer"))
        if left:  # a match with no item is a distractor; the game has none
            pairs[left] = right
    return {"type": "match", "pairs": pairs}


def _shortanswer(bank: Bank, question: _Element) -> dict[str, Any] | None:
    answers = question.all("answer")
    right = [_typed_text(a) for a in answers if _fraction(a) > 0]
    if not right:
        _no_right(bank, question)
        return None
    return {"type": "fill", "answer": right}


_READERS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "matching": _matching,
    "shortanswer": _shortanswer,
}
