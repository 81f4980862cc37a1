"""Matching: pair each left item with a right item, then check."""

from __future__ import annotations

import string
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Select, Static

from game.tui.widgets.answered import Answered

LETTERS = string.ascii_lowercase
"""The answers are lettered a, b, c… as in plain mode."""


class MatchSelect(Select[str]):
    """One item's drop-down of the lettered answers; its letter key picks one without
    opening it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "pick(0)", "Match", key_display="a b c…", id="quiz.match-a"),
        *(
            Binding(letter, f"pick({i})", f"Match {letter}", show=False, id=f"quiz.match-{letter}")
            for i, letter in enumerate(LETTERS)
            if i
        ),
    ]

    def __init__(self, answers: list[str], *, id: str | None = None) -> None:
        self.answers = answers
        super().__init__(
            ((f"{letter}. {a}", a) for letter, a in zip(LETTERS, answers, strict=False)),
            prompt="Choose its match…",
            id=id,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A letter picks while the list is closed (open, typing searches it); a letter
        with no answer goes on up (C still checks when there are only two answers)."""
        if action == "pick":
            index = parameters[0]
            return not self.expanded and isinstance(index, int) and index < len(self.answers)
        return True

    def action_pick(self, index: int) -> None:
        answer = self.answers[index]
        if self.value == answer:  # picked again: still goes on to the next item
            self.post_message(self.Changed(self, answer))
        else:
            self.value = answer


class MatchAnswer(Vertical):
    """A row per left item with a drop-down of the right items (its letter, or Enter or a
    click to open it); each pick goes on to the next item, then to the Check button."""

    DEFAULT_CSS = """
    MatchAnswer { height: auto; }
    MatchAnswer > Horizontal { height: auto; }
    MatchAnswer .match-left { width: 1fr; padding: 1 1 0 0; }
    MatchAnswer Select { width: 2fr; }
    MatchAnswer > #match-letters { margin: 0 0 0 1; }
    """

    def __init__(self, left: list[str], right: list[str]) -> None:
        super().__init__()
        self.left = left
        self.right = right

    def compose(self) -> ComposeResult:
        yield Static(
            "\n".join(f"{letter}. {a}" for letter, a in zip(LETTERS, self.right, strict=False)),
            id="match-letters",
            markup=False,
        )
        for i, item in enumerate(self.left):
            with Horizontal():
                yield Label(f"{i + 1}. {item}", classes="match-left", markup=False)
                yield MatchSelect(self.right, id=f"match-{i}")
        yield Button("Check my answer (C)", id="check-answer", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#match-0", Select).focus()

    @on(Select.Changed)
    def picked(self, event: Select.Changed) -> None:
        """A match chosen: on to the next item, or to the Check button after the last."""
        event.stop()
        if not isinstance(event.value, str) or event.select.id is None:
            return
        following = int(event.select.id.removeprefix("match-")) + 1
        if following < len(self.left):
            self.query_one(f"#match-{following}", Select).focus()
        else:
            self.query_one("#check-answer", Button).focus()

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
