"""Shown instead of a broken layout when the terminal is too small."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH = 80
MIN_HEIGHT = 24


class TooSmallScreen(ModalScreen[None]):
    """Says how big the window needs to be; goes away by itself when it is."""

    def compose(self) -> ComposeResult:
        yield Static(
            f"This window is too small for Treaty Talks.\n\n"
            f"Make it at least {MIN_WIDTH} columns wide and {MIN_HEIGHT} lines high "
            "(drag its corner, or zoom out with Ctrl and minus).\n\n"
            "Ctrl+Q quits.",
            id="too-small",
            markup=False,
        )
