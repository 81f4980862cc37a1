"""The end of a quiz: the score, and the questions to review with their explanations."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.quiz import QuizProgress, explain, score_text
from game.tui.messages import OpenQuiz, OpenReview
from game.tui.screens.base import TreatyScreen
from game.tui.widgets.fact_panel import FactPanel


class QuizSummaryScreen(TreatyScreen):
    """The score, and each question to review opening its explanation."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retake", "Take it again", id="summary.retake"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, progress: QuizProgress) -> None:
        super().__init__()
        self.progress = progress

    def compose(self) -> ComposeResult:
        p = self.progress
        total = len(p.quiz.questions)
        yield Static(f"{p.quiz.title} — your score", classes="screen-title", markup=False)
        yield Static(f"Score: {score_text(p.score)} of {total}", id="summary-score", markup=False)
        review = p.to_review
        if review:
            yield Static(
                f"To review ({len(review)}): choose one to see why, with its sources.",
                classes="hint",
                markup=False,
            )
            yield OptionList(
                *(
                    Option(Text(" ".join(q.prompt.split())), id=str(i))
                    for i, q in enumerate(review)
                ),
                id="review-list",
                markup=False,
            )
        else:
            yield Static("Every answer was right. Well done!", id="summary-perfect", markup=False)
        with VerticalScroll(id="review-detail"):
            yield Static(id="review-answer", markup=False)
            yield Static(id="review-explain", markup=False)
            yield FactPanel(id="review-facts")
        yield Footer()

    @on(OptionList.OptionHighlighted, "#review-list")
    @on(OptionList.OptionSelected, "#review-list")
    def open_explanation(
        self, event: OptionList.OptionHighlighted | OptionList.OptionSelected
    ) -> None:
        question = self.progress.to_review[event.option_index]
        grade = self.progress.grades[self.progress.quiz.questions.index(question)]
        why = explain(question, self.catalog.facts, self.catalog.sources)
        self.query_one("#review-answer", Static).update(f"The right answer: {grade.right_answer}")
        self.query_one("#review-explain", Static).update(why.text)
        self.query_one("#review-facts", FactPanel).show(
            self.catalog, [c.fact_id for c in why.citations]
        )

    def action_retake(self) -> None:
        from game.quiz.review import REVIEW_ID

        if self.progress.quiz.id == REVIEW_ID:
            self.ask(OpenReview(replace_screen=True))  # what is due now
        else:
            self.ask(OpenQuiz(self.progress.quiz, replace_screen=True))
