"""The quiz list: each module with its number of questions."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.content.vocabulary import NOT_CHECKED_AGAINST_SOURCES
from game.tui.messages import OpenQuiz
from game.tui.screens.base import TreatyScreen

if TYPE_CHECKING:
    from game.content.catalog import Catalog


NO_QUIZZES = "This course has no quizzes."
"""The list when there is no quiz (a course of scenarios alone, played with `--only`)."""


class QuizListScreen(TreatyScreen):
    """Every quiz module."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Quizzes", classes="screen-title", markup=False)
        yield Static(
            "Choose a quiz with ↑ and ↓ and press Enter (or click it).",
            classes="hint",
            markup=False,
        )
        yield OptionList(id="quiz-list", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "catalog", self.show_catalog)

    def show_catalog(self, catalog: Catalog | None) -> None:
        listing = self.query_one("#quiz-list", OptionList)
        listing.clear_options()
        if catalog is None:
            listing.add_option(Option("Loading the quizzes…", disabled=True))
            return
        for quiz in sorted(catalog.quizzes.values(), key=lambda q: q.title):
            text = Text()
            text.append(quiz.title, style="bold")
            if catalog.is_yours("quiz", quiz.id):
                text.append("  ")
                text.append(" yours ", style="reverse")
            text.append(f"  ·  {len(quiz.questions)} questions")
            if not quiz.checked_against_sources:
                text.append(f"  ·  {NOT_CHECKED_AGAINST_SOURCES}", style="italic")
            if quiz.summary:
                text.append("\n" + " ".join(quiz.summary.split()), style="italic")
            listing.add_option(Option(text, id=quiz.id))
        if not catalog.quizzes:  # said, so that an empty list is not taken for a fault
            listing.add_option(Option(NO_QUIZZES, disabled=True))
        listing.highlighted = 0 if catalog.quizzes else None
        listing.focus()

    @on(OptionList.OptionSelected, "#quiz-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        catalog = self.session.catalog
        if catalog is not None and event.option_id in catalog.quizzes:
            self.ask(OpenQuiz(catalog.quizzes[event.option_id]))
