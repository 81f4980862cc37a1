"""Spaced review: when each answered question comes back, scheduled by the `fsrs` package.

A wrong answer (or one less than half right) comes back within minutes, a mostly right one
soon after, a right one days later (and later each time it is right again). Nothing here is
scheduled by hand: the card and its due date come from `fsrs.Scheduler`. The "Review due"
quiz gathers what is due across every module, each question recorded under its own module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from game.content.models import Question, Quiz
from game.quiz.grading import Grade

if TYPE_CHECKING:
    from fsrs import Scheduler

REVIEW_ID = "review-due"
"""The id of the review quiz (no module may take it: module ids come from file names)."""

MAX_REVIEW = 20
"""The most questions one review brings back at once."""


@cache
def _scheduler() -> Scheduler:
    from fsrs import Scheduler

    # One short learning step: a question missed comes back in a minute; a right answer on
    # a new question graduates straight to days. No fuzzing, so a given history always
    # gives the same dates (and tests with a fixed clock can say what is due).
    return Scheduler(
        learning_steps=(timedelta(minutes=1),),
        relearning_steps=(timedelta(minutes=10),),
        enable_fuzzing=False,
    )


def schedule(card: str | None, grade: Grade, now: datetime | None = None) -> tuple[str, datetime]:
    """The question's review card after `grade`, as JSON, and when it is next due.
    `card` is the JSON of its card so far (None for a question answered the first time)."""
    from fsrs import Card, Rating

    when = now or datetime.now(UTC)
    before = Card.from_json(card) if card else Card(card_id=1, due=when)
    # Mostly right is "hard"; mostly wrong is as good as missed: it comes back soon.
    rating = Rating.Good if grade.right else Rating.Hard if grade.score >= 0.5 else Rating.Again
    after, _log = _scheduler().review_card(before, rating, review_datetime=when)
    return after.to_json(), after.due


@dataclass(frozen=True)
class Review:
    """A review quiz: the due questions, and the module each comes from."""

    quiz: Quiz
    modules: tuple[str, ...]
    """`modules[i]` is the id of the module `quiz.questions[i]` comes from."""


def review_quiz(
    quizzes: Mapping[str, Quiz], due: Sequence[tuple[str, str]], limit: int = MAX_REVIEW
) -> Review | None:
    """A quiz of the questions due, most overdue first, from the modules still there;
    None when nothing is due."""
    questions: list[Question] = []
    modules: list[str] = []
    for quiz_id, question_id in due:
        quiz = quizzes.get(quiz_id)
        found = next((q for q in quiz.questions if q.id == question_id), None) if quiz else None
        if found is not None:
            questions.append(found)
            modules.append(quiz_id)
        if len(questions) == limit:
            break
    if not questions:
        return None
    quiz = Quiz.model_construct(
        id=REVIEW_ID,
        title="Review due",
        summary="The questions that are due to come back, from every module.",
        questions=tuple(questions),
    )
    return Review(quiz, tuple(modules))
