"""A typed answer: type it and press Enter."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input

from game.quiz import MAX_TYPED
from game.tui.widgets.answered import Answered


class FillAnswer(Vertical):
    """A box to type in."""

    DEFAULT_CSS = """
    FillAnswer { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Type your answer and press Enter", max_length=MAX_TYPED, id="fill-input"
        )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(Answered(event.value))
        else:
            self.notify("Type an answer first.", severity="warning")
