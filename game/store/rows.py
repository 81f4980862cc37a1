"""What a row read back from the progress file must hold to be used.

The file is not trusted: it may be damaged or edited by hand. Each table has one rule
here, used by the reads of the store and by the survey made when the file is opened.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

SKIPPED = "Some saved progress could not be read ({what}) and is skipped; play goes on."


def is_text(value: object) -> bool:
    return isinstance(value, str)


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def json_object(value: object) -> dict[str, Any] | None:
    """`value` read as a JSON object, or None when it is not one (damaged, tampered)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) else None


# What a row of each table must hold to be used; one home for the rule, used by the
# reads below and by the survey made when the file is opened.
def good_save(row: tuple[Any, ...]) -> bool:
    kind, item, data = row
    return is_text(kind) and is_text(item) and json_object(data) is not None


def good_review(row: tuple[Any, ...]) -> bool:
    quiz, question, card, due = row
    return all(map(is_text, (quiz, question, due))) and json_object(card) is not None


def good_answer(row: tuple[Any, ...]) -> bool:
    quiz, question, right, score, seconds, answered = row
    return (
        all(map(is_text, (quiz, question, answered)))
        and right in (0, 1)
        and is_number(right)
        and is_number(score)
        and (seconds is None or is_number(seconds))
    )


def good_run(row: tuple[Any, ...]) -> bool:
    return all(map(is_text, row))


def good_quiz_run(row: tuple[Any, ...]) -> bool:
    quiz, score, total, finished = row
    return (
        is_text(quiz)
        and is_number(score)
        and isinstance(total, int)
        and total > 0
        and is_text(finished)
    )


SURVEY: list[tuple[str, str, Callable[[tuple[Any, ...]], bool]]] = [
    ("a student's name", "SELECT name FROM profiles", lambda row: is_text(row[0])),
    ("a saved game or quiz", "SELECT kind, item, data FROM saves", good_save),
    ("a review card", "SELECT quiz, question, card, due FROM reviews", good_review),
    (
        "an answer",
        "SELECT quiz, question, right, score, seconds, answered FROM answers",
        good_answer,
    ),
    ("a finished game", "SELECT scenario, ending, finished FROM runs", good_run),
    ("a finished quiz", "SELECT quiz, score, total, finished FROM quiz_runs", good_quiz_run),
]
