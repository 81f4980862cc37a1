"""A scrolling widget whose content is drawn once for each thing it shows.

Textual draws a height-auto widget once to measure it and again to paint it, and a widget
whose height follows its content makes the whole screen lay itself out again (twice: once
for the new height, once more for the new scrollable size). For the play screen's larger
panels that was most of the cost of a choice. This widget keeps its place on the screen
(its height comes from the stylesheet, not from its content), scrolls its own lines, and
keeps the drawn lines of each part of what it shows until that part, the width or the
style (a new theme, say) changes: a new scene is then a repaint, not a new layout, and
lighting an island on the map draws the map again, not the whole panel.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable

from rich.console import RenderableType
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

Part = tuple[Hashable, Callable[[], RenderableType]]
"""A piece of what a widget shows: a key that says everything its drawing depends on
(besides the width and the style), and how to draw it."""

KEPT_PARTS = 64
"""How many drawn parts a widget keeps (a scene revisited, or a map lit again, is then
not drawn again)."""


class DrawnOnce(ScrollView):
    """Subclasses say what to draw in `parts()`, and call `changed()` when it changes."""

    DEFAULT_CSS = """
    DrawnOnce {
        height: 1fr;
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._version = 0
        self._cached: tuple[tuple[int, int], list[Strip]] | None = None
        self._signature: tuple[Style, ...] = ()
        self._style_checked = False
        self._parts: OrderedDict[tuple[Hashable, int], list[Strip]] = OrderedDict()

    def parts(self) -> Iterable[Part]:
        raise NotImplementedError

    def changed(self) -> None:
        """What the widget shows has changed: draw it again (and measure it again)."""
        self._version += 1
        self._measure()
        self.refresh()

    def notify_style_update(self) -> None:
        """A new theme or style, perhaps (Textual says so also when only the focus moved,
        which changes nothing here): the next drawing checks."""
        super().notify_style_update()
        self._style_checked = False
        if self.is_mounted:
            self._measure()

    def _check_style(self) -> None:
        """Draw everything again if the style it was drawn in has changed."""
        self._style_checked = True
        signature = (
            self.rich_style,
            *(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES)),
        )
        if signature != self._signature:
            self._signature = signature
            self._parts.clear()
            self._version += 1

    def on_resize(self, event: events.Resize) -> None:
        self._measure()

    def _measure(self) -> None:
        """Set the scrollable size to the drawn lines, without a new layout of the screen
        (only the scrollbar, when it appears or goes, asks for one)."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return  # not laid out yet: the first Resize measures it
        size = Size(width, len(self.lines(width)))
        if size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)

    def lines(self, width: int) -> list[Strip]:
        """All the lines the widget shows at this width."""
        if not self._style_checked:
            self._check_style()
        key = (width, self._version)
        if self._cached is None or self._cached[0] != key:
            lines: list[Strip] = []
            for part_key, draw in self.parts():
                lines += self._drawn(part_key, draw, width)
            self._cached = (key, lines)
        return self._cached[1]

    def draw_ahead(self, parts: Iterable[Part]) -> None:
        """Draw these parts now, at the present width, so that showing them later is only
        a repaint."""
        width = self.scrollable_content_region.width
        if width > 0:
            for key, draw in parts:
                self._drawn(key, draw, width)

    def _drawn(self, key: Hashable, draw: Callable[[], RenderableType], width: int) -> list[Strip]:
        if not self._style_checked:
            self._check_style()
        kept = self._parts.get((key, width))
        if kept is not None:
            self._parts.move_to_end((key, width))
            return kept
        style: Style = self.rich_style
        console = self.app.console
        options = console.options.update_width(max(width, 1))
        rendered = console.render_lines(draw(), options, style=style)
        kept = [Strip(line, width) for line in rendered]
        self._parts[key, width] = kept
        if len(self._parts) > KEPT_PARTS:
            self._parts.popitem(last=False)
        return kept

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        lines = self.lines(width)
        y += self.scroll_offset.y
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(width, self.rich_style)
