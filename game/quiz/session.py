"""A run through a quiz: which question is next, the grades so far, what to review."""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.content.models import Question, Quiz
from game.quiz.grading import Grade


@dataclass(frozen=True)
class QuizProgress:
    """Immutable progress through `quiz`: each answer adds a grade; the next question is
    the first not yet answered."""

    quiz: Quiz
    seed: int
    grades: tuple[Grade, ...] = ()

    @property
    def index(self) -> int:
        return len(self.grades)

    @property
    def finished(self) -> bool:
        return self.index >= len(self.quiz.questions)

    @property
    def question(self) -> Question:
        return self.quiz.questions[self.index]

    @property
    def score(self) -> float:
        return sum(g.score for g in self.grades)

    @property
    def to_review(self) -> list[Question]:
        """The questions not answered wholly right, in quiz order."""
        return [q for q, g in zip(self.quiz.questions, self.grades, strict=False) if not g.right]

    def answered(self, grade: Grade) -> QuizProgress:
        return replace(self, grades=(*self.grades, grade))


def score_text(score: float) -> str:
    """3.0 -> '3', 3.25 -> '3.3'."""
    return f"{score:.1f}".removesuffix(".0")
