"""A one-line title whose words change without a new layout of the screen."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class TitleBar(Widget):
    """The screen's title, one line high (the stylesheet fixes its height, so a new title
    is only a repaint)."""

    DEFAULT_CSS = """
    TitleBar {
        height: 1;
    }
    """

    text: reactive[str] = reactive("")

    def render(self) -> Text:
        return Text(self.text, no_wrap=True, overflow="ellipsis")
