"""Words in a scrolling widget's border, instead of a scrollbar: "▲ more above" at the top
when it is scrolled down, "▼ more below" at the bottom when there is more to read. They
say in words what a scrollbar says by its look (and a click on them turns the page); and,
unlike a scrollbar, they cost nothing to redraw when the text changes."""

from __future__ import annotations

from textual import events
from textual.scroll_view import ScrollView

SAYS_MORE_CSS = """
    overflow-x: hidden;
    overflow-y: scroll;
    scrollbar-size-vertical: 0;
    border-title-align: right;
    border-subtitle-align: right;
"""
"""Styles for a widget that says more: its scrollbar is always on (so text that starts or
stops overflowing needs no new layout) but takes no room."""


def say_more(widget: ScrollView, above: str = "▲ more above", below: str = "▼ more below") -> None:
    """Put the words in the widget's border where there is more above or below."""
    y = widget.scroll_offset.y
    title = above if y > 0 else None
    subtitle = below if y < widget.max_scroll_y else None
    if widget.border_title != title:
        widget.border_title = title
    if widget.border_subtitle != subtitle:
        widget.border_subtitle = subtitle


def turn_page(widget: ScrollView, event: events.Click) -> None:
    """A click on the words (on the top or bottom border: `event.y` counts from the top
    border) turns the page."""
    if event.y == 0 and widget.border_title:
        widget.scroll_page_up()
    elif event.y == widget.region.height - 1 and widget.border_subtitle:
        widget.scroll_page_down()
