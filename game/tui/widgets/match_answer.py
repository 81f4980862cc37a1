"""Matching: pair each left item with a right item, then check."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Select

from game.tui.widgets.answered import Answered


class MatchAnswer(Vertical):
    """A row per left item with a drop-down of the right items (Enter or a click opens it)."""

    DEFAULT_CSS = """
    MatchAnswer { height: auto; }
    MatchAnswer > Horizontal { height: auto; }
    MatchAnswer .match-left { width: 1fr; padding: 1 1 0 0; }
    MatchAnswer Select { width: 2fr; }
    """

    def __init__(self, left: list[str], right: list[str]) -> None:
        super().__init__()
        self.left = left
        self.right = right

    def compose(self) -> ComposeResult:
        for i, item in enumerate(self.left):
            with Horizontal():
                yield Label(f"{i + 1}. {item}", classes="match-left", markup=False)
                yield Select(
                    ((r, r) for r in self.right),
                    prompt="Choose its match…",
                    id=f"match-{i}",
                )
        yield Button("Check my answer (C)", id="check-answer", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#match-0", Select).focus()

    @on(Button.Pressed, "#check-answer")
    def check(self) -> None:
        chosen: dict[str, str] = {}
        for i, item in enumerate(self.left):
            value = self.query_one(f"#match-{i}", Select).value
            if isinstance(value, str):
                chosen[item] = value
        if len(chosen) < len(self.left):
            self.notify("Choose a match for every item first.", severity="warning")
            return
        self.post_message(Answered(chosen))
