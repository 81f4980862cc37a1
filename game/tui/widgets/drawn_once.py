"""A scrolling widget whose content is drawn once for each thing it shows.

Textual draws a height-auto widget once to measure it and again to paint it, and a widget
whose height follows its content makes the whole screen lay itself out again (twice: once
for the new height, once more for the new scrollable size). For the play screen's larger
panels that was most of the cost of a choice. This widget keeps its place on the screen
(its height comes from the stylesheet, not from its content), scrolls its own lines, and
keeps the drawn lines of each part of what it shows until that part, the width or the
style (a new theme, say) changes: a new scene is then a repaint, not a new layout, and
lighting an island on the map draws the map again, not the whole panel. Give it a border:
instead of a scrollbar, the border says when there is more (`says_more`); the mouse wheel
and, once it has the focus, the arrow keys, Page Up/Down, Home and End scroll it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator

from rich.console import RenderableType
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from game.tui.widgets.says_more import SAYS_MORE_CSS, say_more, turn_page

Part = tuple[Hashable, Callable[[], RenderableType]]
"""A piece of what a widget shows: a key that says everything its drawing depends on
(besides the width and the style), and how to draw it."""

KEPT_PARTS = 64
"""How many drawn parts a widget keeps (a scene revisited, or a map lit again, is then
not drawn again)."""


def runs(rows: list[int]) -> Iterator[tuple[int, int]]:
    """Runs of consecutive rows, as (first, last + 1)."""
    start = end = None
    for row in rows:
        if end is not None and row == end:
            end += 1
            continue
        if start is not None and end is not None:
            yield start, end
        start, end = row, row + 1
    if start is not None and end is not None:
        yield start, end


class DrawnOnce(ScrollView):
    """Subclasses say what to draw in `parts()`, and call `changed()` when it changes."""

    DEFAULT_CSS = f"""
    DrawnOnce {{
        height: 1fr;
        {SAYS_MORE_CSS}
    }}
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._version = 0
        self._cached: tuple[tuple[int, int], list[Strip]] | None = None
        self._signature: tuple[Style, ...] = ()
        self._style_checked = False
        self._parts: LRUCache[tuple[Hashable, int], list[Strip]] = LRUCache(KEPT_PARTS)

    def parts(self) -> Iterable[Part]:
        raise NotImplementedError

    def changed(self) -> None:
        """What the widget shows has changed: draw it again (and measure it again), and
        repaint the lines on the screen that are not as they were."""
        shown = self._cached[1] if self._cached is not None else None
        self._version += 1
        self._measure()
        width = self.scrollable_content_region.width
        if shown is None or width <= 0:
            self.refresh()
            return
        lines = self.lines(width)
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        changed = [
            y
            for y in range(height)
            if (shown[top + y] if top + y < len(shown) else None)
            is not (lines[top + y] if top + y < len(lines) else None)
        ]
        for start, end in runs(changed):
            self.refresh(Region(0, start, width, end - start))

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
        self._say_more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        # Private Textual API (1 of 2): `Widget.watch_scroll_y(old, new)`, the watcher that
        # scrolls the widget; kept, with the border's words added. Guarded by
        # tests/test_tui_private_api.py, which fails loudly when an upgrade changes it.
        super().watch_scroll_y(old, new)
        self._say_more()

    def _say_more(self) -> None:
        say_more(self)

    def on_click(self, event: events.Click) -> None:
        turn_page(self, event)

    def _measure(self) -> None:
        """Set the scrollable size to the drawn lines, without a new layout of the screen
        (only the scrollbar, when it appears or goes, asks for one)."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return  # not laid out yet: the first Resize measures it
        size = Size(width, len(self.lines(width)))
        if size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, size)
            # Private Textual API (2 of 2): `ScrollView._scroll_update(virtual_size)`, what
            # setting `virtual_size` does besides a new layout: the scrollbars and the
            # scroll limits follow the size. Guarded by tests/test_tui_private_api.py.
            self._scroll_update(size)
            self._say_more()

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
        if not self._style_checked:
            self._check_style()
        if width > 0:
            for key, draw in parts:
                self._drawn(key, draw, width)

    def _drawn(self, key: Hashable, draw: Callable[[], RenderableType], width: int) -> list[Strip]:
        kept = self._parts.get((key, width))  # the least recently used part goes first
        if kept is not None:
            return kept
        style: Style = self.rich_style
        console = self.app.console
        options = console.options.update_width(max(width, 1))
        rendered = console.render_lines(draw(), options, style=style)
        kept = [Strip(line, width) for line in rendered]
        self._parts.set((key, width), kept)
        return kept

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        lines = self.lines(width)
        y += self.scroll_offset.y
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(width, self.rich_style)
