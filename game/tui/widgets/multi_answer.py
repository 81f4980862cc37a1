"""Several choices: tick every right option, then check."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, SelectionList, Static

from game.tui.widgets.answered import Answered


class MultiAnswer(Vertical):
    """Options with ticks (Space, Enter or a click toggles); the button checks."""

    DEFAULT_CSS = """
    MultiAnswer { height: auto; }
    MultiAnswer > SelectionList { height: auto; max-height: 12; }
    MultiAnswer > #multi-ticked { margin: 0 1 1 1; }
    """

    def __init__(self, options: list[str]) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        yield SelectionList[str](
            *((f"{i}. {o}", o) for i, o in enumerate(self.options, start=1)), id="multi-options"
        )
        yield Static("Ticked: none yet", id="multi-ticked", markup=False)
        yield Button("Check my answer (C)", id="check-answer", variant="primary")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    @on(SelectionList.SelectedChanged)
    def ticked(self) -> None:
        chosen = self.query_one(SelectionList).selected
        # Said in words too, so that ticks never depend on colour alone.
        names = ", ".join(o for o in self.options if o in chosen) or "none yet"
        self.query_one("#multi-ticked", Static).update(f"Ticked: {names}")

    @on(Button.Pressed, "#check-answer")
    def check(self) -> None:
        chosen = frozenset(self.query_one(SelectionList).selected)
        if not chosen:
            self.notify("Tick at least one option first.", severity="warning")
            return
        self.post_message(Answered(chosen))
