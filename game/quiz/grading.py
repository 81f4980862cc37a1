"""Grading every question type of the format (docs/format.md), and how a question is shown.

Answers are given in the question's own terms (option texts, items, pairs), never as
positions on the screen, so grading cannot depend on the order the options were shown in.
Shuffling takes a seed: the same seed always shows the same order.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from game.content.models import (
    ChoiceQuestion,
    Fact,
    FillQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    Question,
    Source,
    TrueFalseQuestion,
)

Answer = str | bool | frozenset[str] | tuple[str, ...] | Mapping[str, str]
"""choice: an option; multi: a set of options; truefalse: a bool; order: the items in
order; match: each left item mapped to a right item; fill: the text typed."""


@dataclass(frozen=True)
class Grade:
    """How an answer did: `right` only when wholly right; `score` from 0 to 1 gives partial
    credit for multi, order and match (and is 0 or 1 for the other types)."""

    right: bool
    score: float
    right_answer: str
    detail: str = ""


@dataclass(frozen=True)
class Shown:
    """The order a question is shown in: `options` for choice and multi, `items` for
    order, and for match the `left` items with the `right` column to pair them with."""

    options: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()


@dataclass(frozen=True)
class Citation:
    fact_id: str
    fact: Fact
    source: Source | None


@dataclass(frozen=True)
class Explanation:
    text: str
    citations: tuple[Citation, ...]


def _rng(seed: int | str, question: Question) -> random.Random:
    return random.Random(f"{seed}:{question.id}")


def show(question: Question, seed: int | str) -> Shown:
    """The order to show `question` in, from `seed`. `shuffle: false` keeps the written
    order of options and of the right-hand column; `order` items are always shown out of
    order (shown in the right order, the question would answer itself)."""
    rng = _rng(seed, question)
    if isinstance(question, ChoiceQuestion | MultiQuestion):
        options = list(question.options)
        if question.shuffle:
            rng.shuffle(options)
        return Shown(options=tuple(options))
    if isinstance(question, OrderQuestion):
        # Shown so that no item is followed by the one that follows it in the right
        # order: left untouched, the list earns nothing (see `grade`).
        items = list(question.items)
        for _ in range(100):
            rng.shuffle(items)
            if _next_right(question.items, items) == 0:
                break
        else:
            items = list(reversed(question.items))
        return Shown(items=tuple(items))
    if isinstance(question, MatchQuestion):
        right = list(question.pairs.values())
        if question.shuffle:
            rng.shuffle(right)
        return Shown(left=tuple(question.pairs), right=tuple(dict.fromkeys(right)))
    return Shown()


_EDGE = string.punctuation + "\u201c\u201d\u2018\u2019\u2013\u2014\u00ab\u00bb "


def _next_right(right: Sequence[str], given: Sequence[str]) -> int:
    """How many items of `given` are directly followed by the item that follows them in
    the `right` order."""
    follows = dict(pairwise(right))
    return sum(follows.get(a) == b for a, b in pairwise(given))


def _wrong_ticks(misses: int) -> str:
    return "no wrong one" if misses == 0 else f"{misses} wrong"


MAX_TYPED = 200
"""The longest typed answer kept: an answer is a word or a few, never a file."""


def normalise(text: str) -> str:
    """Case, spacing and surrounding punctuation ignored: ' Eighth. ' -> 'eighth'."""
    return re.sub(r"\s+", " ", text).strip(_EDGE).casefold()


def right_answer(question: Question) -> str:
    """The right answer in words."""
    if isinstance(question, ChoiceQuestion):
        return question.answer
    if isinstance(question, MultiQuestion):
        return ", ".join(o for o in question.options if o in question.answer)
    if isinstance(question, TrueFalseQuestion):
        return "true" if question.answer else "false"
    if isinstance(question, OrderQuestion):
        return " \u2192 ".join(question.items)
    if isinstance(question, MatchQuestion):
        return "; ".join(f"{left} \u2014 {right}" for left, right in question.pairs.items())
    return question.answer[0]


def grade(question: Question, answer: Answer) -> Grade:
    """Grade `answer` to `question`."""
    expected = right_answer(question)
    if isinstance(question, ChoiceQuestion):
        right = answer == question.answer
        return Grade(right, float(right), expected)
    if isinstance(question, TrueFalseQuestion):
        right = answer is question.answer
        return Grade(right, float(right), expected)
    if isinstance(question, FillQuestion):
        accepted = {normalise(a) for a in question.answer}
        right = isinstance(answer, str) and normalise(answer) in accepted
        return Grade(right, float(right), expected)
    if isinstance(question, MultiQuestion):
        # As Moodle grades "multiple answers": each right tick earns its share of the
        # right options, each wrong tick loses its share of the wrong ones, never below 0.
        chosen = frozenset(answer) if isinstance(answer, frozenset | set) else frozenset()
        wanted = frozenset(question.answer)
        unwanted = frozenset(question.options) - wanted
        hits, misses = len(chosen & wanted), len(chosen & unwanted)
        score = hits / len(wanted) - (misses / len(unwanted) if unwanted else 0.0)
        return Grade(
            chosen == wanted,
            max(0.0, score),
            expected,
            f"{hits} of {len(wanted)} right options ticked, {_wrong_ticks(misses)}",
        )
    if isinstance(question, OrderQuestion):
        # As Moodle's ordering question, "relative to the next item": each item followed
        # by the one that follows it in the right order earns a share. The list is shown
        # with no such item (see `show`), so an untouched list earns nothing.
        given = list(answer) if isinstance(answer, tuple | list) else []
        items = list(question.items)
        if sorted(given) != sorted(items):
            return Grade(False, 0.0, expected, "not every item was placed once")
        followed = _next_right(question.items, given)
        links = len(items) - 1
        return Grade(
            given == items,
            followed / links if links else float(given == items),
            expected,
            f"{followed} of {links} items followed by the right one",
        )
    assert isinstance(question, MatchQuestion)
    given_pairs: Mapping[str, str] = answer if isinstance(answer, Mapping) else {}
    matched = sum(given_pairs.get(left) == right for left, right in question.pairs.items())
    total = len(question.pairs)
    return Grade(matched == total, matched / total, expected, f"{matched} of {total} pairs right")


def explain(
    question: Question, facts: Mapping[str, Fact], sources: Mapping[str, Source]
) -> Explanation:
    """Why the answer is right: `explain`, or else the cited facts' text; always with
    the facts themselves, for their quotes and sources."""
    citations = tuple(
        Citation(fact_id, facts[fact_id], sources.get(facts[fact_id].source))
        for fact_id in question.facts
        if fact_id in facts
    )
    text = question.explain or " ".join(" ".join(c.fact.text.split()) for c in citations)
    return Explanation(" ".join(text.split()), citations)
