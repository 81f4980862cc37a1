"""Quiz: grading each question type and scheduling reviews."""

from game.quiz.grading import (
    MAX_TYPED,
    Answer,
    Citation,
    Explanation,
    Grade,
    Shown,
    explain,
    grade,
    normalise,
    right_answer,
    show,
)
from game.quiz.session import QuizProgress, score_text

__all__ = [
    "MAX_TYPED",
    "Answer",
    "Citation",
    "Explanation",
    "Grade",
    "QuizProgress",
    "Shown",
    "explain",
    "grade",
    "normalise",
    "right_answer",
    "score_text",
    "show",
]
