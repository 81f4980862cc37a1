"""Moodle's GIFT format read into the game's questions (`treaty import FILE.gift`).

What Moodle documents: questions separated by blank lines, `//` comment lines,
`::title::`, answers in `{...}` (`=` right, `~` wrong, `%50%` weights, `#feedback` per
answer, `####` general feedback), `->` for matching, `{T}`/`{TRUE}`/`{F}`/`{FALSE}`,
answers inside the sentence (the blank shown as "___"), `$CATEGORY:` lines (the last
names the quiz), and the escapes `\\~ \\= \\# \\{ \\} \\:`. An `[html]` question's options,
matched items and feedback are HTML too, as in Moodle; its short answers and what an item
is matched with are plain text. Essay (`{}`), numerical (`{#...}`), descriptions and
cloze questions are left out with a warning; a broken question gets a located error; the
reader never raises on any text.
"""

from __future__ import annotations

import html
import re
from typing import Any

from game.content.codes import Code
from game.exchange.imported import Bank, BankQuestion, category_name

__all__ = ["read_gift"]

_SPECIAL = "~=#{}:"
_TRUE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_TAGS = re.compile(r"<[^>]*>")
_BREAKS = re.compile(r"<\s*(br|/p|/div|/li)\b[^>]*>", re.IGNORECASE)
_CATEGORY = "$CATEGORY:"


def _escaped(text: str, i: int) -> bool:
    """Whether the character at `i` is escaped by an odd number of backslashes."""
    n = 0
    while i - n - 1 >= 0 and text[i - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _find(text: str, what: str, start: int = 0) -> int:
    """The first unescaped `what` in `text` from `start`; -1 when there is none."""
    i = text.find(what, start)
    while i != -1 and _escaped(text, i):
        i = text.find(what, i + 1)
    return i


def _split(text: str, marks: str) -> list[str]:
    """`text` cut before each unescaped character of `marks` (kept at each piece's start)."""
    pieces, last = [], 0
    for i, char in enumerate(text):
        if char in marks and not _escaped(text, i) and i > last:
            pieces.append(text[last:i])
            last = i
    pieces.append(text[last:])
    return [p for p in pieces if p]


def unescape(text: str) -> str:
    """GIFT's escapes undone (`\\~` -> `~`, `\\n` -> a new line), spaces tidied."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt if nxt in _SPECIAL + "\\" else "\\" + nxt)
            i += 2
        else:
            out.append(text[i])
            i += 1
    return " ".join("".join(out).split())


def _html_words(text: str) -> str:
    """Escaped GIFT text written as HTML made plain: line breaks and paragraphs as spaces,
    tags taken out, escapes and entities undone."""
    return " ".join(html.unescape(unescape(_TAGS.sub("", _BREAKS.sub(" ", text)))).split())


def _words(text: str, is_html: bool) -> str:
    """An escaped text in the question's format (or its own `[format]` mark's) made plain:
    an HTML text's tags taken out and entities undone; any other keeps its `<` and `>`."""
    text = text.strip()
    mark = _FORMAT.match(text)
    if mark:
        is_html = mark.group(1).lower() == "html"
        text = text[mark.end() :]
    return _html_words(text) if is_html else unescape(text)


def _plain(text: str) -> str:
    """A prompt's text: its `[html]`-like mark dropped, escapes undone; an `[html]`
    prompt's tags taken out and entities undone (a plain prompt keeps its `<` and `>`)."""
    return _words(text, False)


def read_gift(text: str, path: str) -> Bank:
    """The questions of a GIFT file; never raises."""
    bank = Bank(path)
    for raw in text.splitlines():
        if raw.strip().startswith(_CATEGORY):
            bank.category = category_name(raw.strip()[len(_CATEGORY) :]) or bank.category
    for line, block in _blocks(text):
        _read_question(bank, block, line)
    return bank


def _blocks(text: str) -> list[tuple[int, str]]:
    """The questions' texts, each with the number of its first line: comment and
    `$CATEGORY:` lines dropped, blank lines between questions."""
    blocks: list[tuple[int, str]] = []
    lines: list[str] = []
    first = 0
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        stripped = raw.strip()
        if stripped.startswith("//") or stripped.startswith(_CATEGORY):
            continue
        if not stripped:
            if lines:
                blocks.append((first, "\n".join(lines)))
            lines = []
            continue
        if not lines:
            first = number
        lines.append(raw)
    if lines:
        blocks.append((first, "\n".join(lines)))
    return blocks


def _where(block: str, first: int, offset: int) -> tuple[int, int]:
    """The line and column in the file of `offset` in a question's text."""
    before = block[:offset]
    line = first + before.count("\n")
    return line, offset - (before.rfind("\n") + 1) + 1


def _read_question(bank: Bank, block: str, first: int) -> None:
    body = block.lstrip()
    start = len(block) - len(body)
    top = _where(block, first, start)
    title = ""
    if body.startswith("::"):
        end = _find(body, "::", 2)
        if end != -1:
            title = unescape(body[2:end])
            start += end + 2
    rest = block[start:]
    opening = _find(rest, "{")
    if opening == -1:
        why = "it has no answers (a description); the game has no such question"
        bank.leave_out(Code.BANK_UNSUPPORTED, *top, title, why)
        return
    closing = _find(rest, "}", opening + 1)
    if closing == -1:
        at = _where(block, first, start + opening)
        bank.problem(
            Code.BANK_UNCLOSED_ANSWERS,
            *at,
            "the answers opened with `{` here are not closed with `}`; "
            "write `\\{` for a brace that is part of the text",
        )
        return
    after = rest[closing + 1 :]
    if _find(after, "{") != -1:
        why = "it has several sets of answers (cloze); the game has no such question"
        bank.leave_out(Code.BANK_UNSUPPORTED, *top, title, why)
        return
    before = rest[:opening]
    prompt = _plain(before + ("___" if after.strip() else "") + after)
    answers = rest[opening + 1 : closing]
    here = _where(block, first, start + opening + 1)
    mark = _FORMAT.match(before.strip())
    is_html = mark is not None and mark.group(1).lower() == "html"
    fields = _answers(bank, answers, here, top, title, is_html)
    if fields is None:
        return
    if not prompt:
        bank.problem(Code.BANK_BAD_ANSWER, *top, "this question has no text before `{`")
        return
    bank.questions.append(BankQuestion({"prompt": prompt, **fields}, title, *top))


def _answers(
    bank: Bank, text: str, at: tuple[int, int], top: tuple[int, int], title: str, is_html: bool
) -> dict[str, Any] | None:
    """The question's type and answers from what is between its braces (at `at`; the
    question starts at `top`); None (after a message) when it is left out or broken.
    Options, matched items and feedback are in the question's format (`is_html`);
    short answers and what an item is matched with are plain text, as in Moodle."""
    body, general = text, ""
    cut = _find(body, "####")
    if cut != -1:
        body, general = body[:cut], _words(body[cut + 4 :], is_html)
    body = _FORMAT.sub("", body.strip())
    explain = {"explain": general} if general else {}
    if not body:
        why = "it is an essay (no answers given); the game has no such question"
        bank.leave_out(Code.BANK_UNSUPPORTED, *top, title, why)
        return None
    if body.startswith("#"):
        why = "it is numerical (`{#...}`); the game has no such question"
        bank.leave_out(Code.BANK_UNSUPPORTED, *top, title, why)
        return None
    cut = _find(body, "#")
    word = (body if cut == -1 else body[:cut]).strip().upper()
    if word in _TRUE:
        return {"type": "truefalse", "answer": _TRUE[word], **explain}
    pieces = _split(body, "=~")
    if not pieces or pieces[0][0] not in "=~":
        bank.problem(
            Code.BANK_BAD_ANSWER,
            *at,
            "each answer starts with `=` (right) or `~` (wrong); found "
            f"`{pieces[0].strip()[:30] if pieces else body[:30]}`",
        )
        return None
    parsed = [_answer(p) for p in pieces]
    feedback_right = [f for mark, good, _, f in parsed if (mark == "=" or good) and f]
    if not explain and feedback_right:
        explain = {"explain": _words(feedback_right[0], is_html)}
    # As Moodle reads GIFT: with a `~` answer, it is multiple choice, `->` or not.
    every_right = all(mark == "=" for mark, *_ in parsed)
    if every_right and any(_find(p, "->") != -1 for p in pieces):
        return _matching(bank, parsed, at, explain, is_html)
    if every_right:
        return {"type": "fill", "answer": [unescape(t) for _, _, t, _ in parsed], **explain}
    options = [_words(t, is_html) for _, _, t, _ in parsed]
    right = [_words(t, is_html) for mark, good, t, _ in parsed if mark == "=" or good]
    if not right:
        bank.problem(
            Code.BANK_NO_RIGHT_ANSWER,
            *at,
            "no answer is marked right: start the right one with `=` (or give it a "
            "positive weight such as `~%50%`)",
        )
        return None
    # As Moodle reads GIFT: with no `=` answer, several answers may be chosen.
    if len(right) == 1 and any(mark == "=" for mark, *_ in parsed):
        return {"type": "choice", "options": options, "answer": right[0], **explain}
    return {"type": "multi", "options": options, "answer": right, **explain}


def _answer(piece: str) -> tuple[str, bool, str, str]:
    """An answer: its mark (`=` or `~`), whether its weight is positive, its text and its
    feedback, both still escaped."""
    mark, text = piece[0], piece[1:].strip()
    good = False
    weight = _WEIGHT.match(text)
    if weight:
        good = float(weight.group(1)) > 0
        text = text[weight.end() :]
    cut = _find(text, "#")
    feedback = ""
    if cut != -1:
        text, feedback = text[:cut], text[cut + 1 :]
    return mark, good, text, feedback


def _matching(
    bank: Bank,
    parsed: list[tuple[str, bool, str, str]],
    at: tuple[int, int],
    explain: dict[str, str],
    is_html: bool,
) -> dict[str, Any] | None:
    pairs: dict[str, str] = {}
    for mark, _, text, _ in parsed:
        arrow = _find(text, "->")
        if mark != "=" or arrow == -1:
            bank.problem(
                Code.BANK_BAD_ANSWER,
                *at,
                "in a matching question every answer is `=item -> its match`; "
                f"found `{mark}{unescape(text)[:30]}`",
            )
            return None
        left, right = _words(text[:arrow], is_html), unescape(text[arrow + 2 :])
        if left:  # `= -> extra` is a match with no item: the game has none
            pairs[left] = right
    return {"type": "match", "pairs": pairs, **explain}
