"""Live preview: what is wrong with the file being edited, shown in the app instead of a
crash. It goes away by itself once the file is saved without errors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static


class FileErrorsScreen(Screen[None]):
    """The problems of the watched file: file, line, column and message, one a line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, path: Path, problems: Sequence[str]) -> None:
        super().__init__()
        self.path = path
        self.problems = list(problems)

    def compose(self) -> ComposeResult:
        yield Static(
            f"Problems in {self.path.name}", classes="screen-title", markup=False, id="errors-title"
        )
        with VerticalScroll(id="file-errors"):
            yield Static(id="errors-list", markup=False)
            yield Static(
                "Fix the file and save it: the game reloads it by itself and plays on.",
                classes="hint",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.problems)

    def show(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        text = Text()
        for i, line in enumerate(self.problems):
            if i:
                text.append("\n\n")
            where, _, message = line.partition(": ")
            text.append(where, style="bold")
            text.append(": " + message if message else "")
        self.query_one("#errors-list", Static).update(text)
