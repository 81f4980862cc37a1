"""Quiz: grading each question type and scheduling reviews."""

from game.quiz.grading import (
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

__all__ = [
    "Answer",
    "Citation",
    "Explanation",
    "Grade",
    "Shown",
    "explain",
    "grade",
    "normalise",
    "right_answer",
    "show",
]
