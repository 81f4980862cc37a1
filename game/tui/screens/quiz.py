"""A quiz: one question at a time, a widget fitted to each type, immediate feedback."""

from __future__ import annotations

import time
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Button, Footer, ProgressBar, Static

from game.content.models import (
    ChoiceQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    Question,
    Quiz,
    TrueFalseQuestion,
)
from game.content.vocabulary import NOT_CHECKED_AGAINST_SOURCES
from game.quiz import Grade, QuizProgress, explain, grade, score_text, show
from game.tui.messages import QuestionAnswered, QuizFinished
from game.tui.screens.base import TreatyScreen
from game.tui.widgets.answered import Answered
from game.tui.widgets.choice_answer import ChoiceAnswer
from game.tui.widgets.fact_panel import FactPanel
from game.tui.widgets.fill_answer import FillAnswer
from game.tui.widgets.match_answer import MatchAnswer
from game.tui.widgets.multi_answer import MultiAnswer
from game.tui.widgets.order_answer import OrderAnswer

HOW = {
    "choice": "Choose one: ↑ ↓ and Enter, its number, or a click.",
    "multi": "Choose all that apply: an option's number, Space or a click ticks it (or "
    "unticks it); then press C or the button.",
    "truefalse": "True or false: ↑ ↓ and Enter, 1 or 2, or a click.",
    "order": "Put them in order, first at the top: Shift+↑ / Shift+↓ (or the buttons) move "
    "the highlighted item; then press C or the button.",
    "match": "Match each item: press the letter of its match (a, b, c…) and the next item "
    "comes up; or open its box with Enter or a click and pick. After the last, press C or the "
    "button.",
    "fill": "Type your answer and press Enter.",
}


def answer_widget(question: Question, seed: int) -> Widget:
    shown = show(question, seed)
    if isinstance(question, ChoiceQuestion):
        return ChoiceAnswer([(o, o) for o in shown.options])
    if isinstance(question, TrueFalseQuestion):
        return ChoiceAnswer([("True", True), ("False", False)])
    if isinstance(question, MultiQuestion):
        return MultiAnswer(list(shown.options))
    if isinstance(question, OrderQuestion):
        return OrderAnswer(list(shown.items))
    if isinstance(question, MatchQuestion):
        return MatchAnswer(list(shown.left), list(shown.right))
    return FillAnswer()


def verdict(result: Grade) -> Content:
    """The verdict in the theme's colours (never markup: the detail is data)."""
    if result.right:
        return Content.assemble(("✓ Right!", "bold $text-success"))
    if result.score > 0:
        return Content.assemble((f"◐ Partly right: {result.detail}.", "bold $text-warning"))
    return Content.assemble(("✗ Not right.", "bold $text-error"))


class QuizScreen(TreatyScreen):
    """One run through a quiz."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "check", "Check", id="quiz.check"),
        Binding("n", "next", "Next", id="quiz.next"),
        Binding("escape", "app.pop_screen", "Leave", id="back"),
    ]

    def __init__(
        self,
        quiz: Quiz,
        seed: int,
        progress: QuizProgress | None = None,
        modules: tuple[str, ...] = (),
    ) -> None:
        """`modules`, for a review: the module each question comes from, to record it there."""
        super().__init__()
        self.modules = modules
        self.progress = progress if progress is not None else QuizProgress(quiz, seed)
        self.shown_at = time.monotonic()
        self.waiting_for_next = False

    def compose(self) -> ComposeResult:
        quiz = self.progress.quiz
        yield Static(quiz.title, classes="screen-title", markup=False)
        if not quiz.checked_against_sources:
            yield Static(
                f"This quiz is {NOT_CHECKED_AGAINST_SOURCES}: its questions cite no facts.",
                id="quiz-unchecked",
                classes="hint",
                markup=False,
            )
        with Vertical(id="quiz-status"):
            yield ProgressBar(
                total=len(quiz.questions), show_eta=False, show_percentage=False, id="quiz-bar"
            )
            yield Static(id="quiz-score", markup=False)
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-prompt", markup=False)
            yield Static(id="quiz-how", classes="hint", markup=False)
            yield Vertical(id="answer-box")
            with Vertical(id="feedback-box"):
                yield Static(id="quiz-verdict", markup=False)
                yield Button("Next question (N)", id="next-question", variant="primary")
                yield Static(id="quiz-right", markup=False)
                yield Static(id="quiz-explain", markup=False)
                yield FactPanel(id="quiz-facts")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_question()

    def status(self) -> None:
        p = self.progress
        total = len(p.quiz.questions)
        self.query_one("#quiz-bar", ProgressBar).update(progress=p.index)
        shown = p.index if self.waiting_for_next else min(p.index + 1, total)
        self.query_one("#quiz-score", Static).update(
            f"Question {shown} of {total}  ·  Score {score_text(p.score)} of {p.index}"
        )

    def show_question(self) -> None:
        question = self.progress.question
        self.waiting_for_next = False
        self.status()
        self.query_one("#quiz-prompt", Static).update(" ".join(question.prompt.split()))
        self.query_one("#quiz-how", Static).update(HOW[question.type])
        self.query_one("#feedback-box").display = False
        box = self.query_one("#answer-box", Vertical)
        box.remove_children()
        box.mount(answer_widget(question, self.progress.seed))
        self.shown_at = time.monotonic()
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)

    @on(Answered)
    def answered(self, event: Answered) -> None:
        event.stop()
        if self.waiting_for_next:
            return
        question = self.progress.question
        module = self.modules[self.progress.index] if self.modules else None
        result = grade(question, event.answer)
        self.progress = self.progress.answered(result)
        took = round(time.monotonic() - self.shown_at, 1)
        self.ask(QuestionAnswered(self.progress, question.id, event.answer, took, module))
        self.waiting_for_next = True
        self.query_one("#answer-box").disabled = True
        self.query_one("#quiz-verdict", Static).update(verdict(result))
        right = self.query_one("#quiz-right", Static)
        right.update(f"The right answer: {result.right_answer}")
        right.display = not result.right
        why = explain(question, self.catalog.facts, self.catalog.sources)
        self.query_one("#quiz-explain", Static).update(why.text)
        self.query_one("#quiz-facts", FactPanel).show(
            self.catalog, [c.fact_id for c in why.citations]
        )
        self.query_one("#feedback-box").display = True
        self.status()
        self.query_one("#next-question", Button).focus()
        # The verdict, the right answer and the Next button must be seen, even below a long
        # prompt and answer list at 80×24: the feedback box goes to the top of the view.
        self.call_after_refresh(self.show_feedback)

    def show_feedback(self, checks: int = 3) -> None:
        """Scroll the least that brings the verdict, the Next button and the right answer
        into view together (the verdict first when they do not all fit). Checked again
        after the next refresh or two: a scroll bar that appears re-wraps the text."""
        if checks:
            self.call_after_refresh(self.show_feedback, checks - 1)
        verdict = self.query_one("#quiz-verdict")
        right = self.query_one("#quiz-right")
        last = right if right.display else self.query_one("#next-question")
        if not (self.waiting_for_next and verdict.size and last.size):
            return
        body = self.query_one("#quiz-body", VerticalScroll)
        origin = body.scrollable_content_region.offset - body.scroll_offset
        top = verdict.region.y - origin.y
        wanted = Region(body.scroll_offset.x, top, 1, last.region.bottom - origin.y - top)
        body.scroll_to_region(wanted, animate=False, immediate=True)

    def action_check(self) -> None:
        if self.waiting_for_next:
            return
        for button in self.query("#answer-box #check-answer").results(Button):
            button.press()

    @on(Button.Pressed, "#next-question")
    def next_pressed(self) -> None:
        self.action_next()

    def action_next(self) -> None:
        if not self.waiting_for_next:
            return
        if self.progress.finished:
            self.ask(QuizFinished(self.progress))
            return
        self.query_one("#answer-box").disabled = False
        self.show_question()
