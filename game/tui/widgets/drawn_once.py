"""A widget whose content is drawn once for each thing it shows.

Textual draws a height-auto widget once to measure it and again to paint it, and paints
again after a second layout pass (a scrollbar coming or going). For the play screen's
larger panels that was most of the cost of a choice; this keeps the drawn lines until what
the widget shows, its width or its style (a new theme, say) changes.
"""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget


class DrawnOnce(Widget):
    """Subclasses say what to draw in `content()`, and call `changed()` when it changes."""

    DEFAULT_CSS = """
    DrawnOnce {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._version = 0
        self._cached: tuple[tuple[Any, ...], list[Strip]] | None = None

    def content(self) -> RenderableType:
        raise NotImplementedError

    def changed(self) -> None:
        """What the widget shows has changed: draw it again (and measure it again)."""
        self._version += 1
        self.refresh(layout=True)

    def cache_key(self) -> tuple[Any, ...]:
        """Anything else the drawing depends on (subclasses add to it)."""
        return (self._version,)

    def notify_style_update(self) -> None:
        """A new theme or style: draw again."""
        super().notify_style_update()
        self._version += 1

    def lines(self, width: int) -> list[Strip]:
        key = (width, *self.cache_key())
        if self._cached is None or self._cached[0] != key:
            style: Style = self.rich_style
            console = self.app.console
            options = console.options.update_width(max(width, 1))
            rendered = console.render_lines(self.content(), options, style=style)
            self._cached = (key, [Strip(line, width) for line in rendered])
        return self._cached[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        lines = self.lines(width)
        if y < len(lines):
            return lines[y]
        return Strip.blank(width, self.rich_style)
