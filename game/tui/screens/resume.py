"""Asked when a student opens a scenario or quiz they left part-way: continue, or start
again? (Starting again forgets the saved place; nothing else is lost.)"""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option


class Resume(Enum):
    """What the student answered."""

    CONTINUE = "continue"
    RESTART = "restart"


class ResumeScreen(ModalScreen[Resume | None]):
    """Dismisses with `Resume.CONTINUE`, `Resume.RESTART`, or None (Escape: neither)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back", id="back"),
    ]

    def __init__(self, title: str, where: str) -> None:
        super().__init__()
        self.what = title
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(id="resume"):
            yield Static(self.what, id="resume-title", markup=False)
            yield Static(f"You left this part-way ({self.where}).", markup=False)
            yield OptionList(
                Option("Continue where you left off", id=Resume.CONTINUE.value),
                Option("Start again from the beginning", id=Resume.RESTART.value),
                id="resume-choice",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#resume-choice", OptionList).highlighted = 0

    @on(OptionList.OptionSelected, "#resume-choice")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Resume(event.option_id))
