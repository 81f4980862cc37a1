"""A one-line title whose words change without a new layout of the screen."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.widget import Widget

SEPARATOR = " — "


def fitted(lead: str, detail: str, width: int) -> str:
    """`lead — detail` in `width` cells: where it is too long, the lead (the same on every
    scene) is cut first, with an ellipsis, so that the detail (this scene's title) stays
    whole for as long as it can."""
    full = f"{lead}{SEPARATOR}{detail}" if detail else lead
    if cell_len(full) <= width or not detail:
        return full if cell_len(full) <= width else cut(full, width)
    room = width - cell_len(SEPARATOR + detail)
    if room >= 8:
        return cut(lead, room) + SEPARATOR + detail
    return cut(detail, width)


def cut(words: str, width: int) -> str:
    """`words` in `width` cells, cut with an ellipsis, at a space where one is near."""
    if cell_len(words) <= width:
        return words
    kept = set_cell_size(words, max(width - 1, 0))
    if words[len(kept) : len(kept) + 1] not in (" ", ""):  # mid-word: back to a space
        space = kept.rfind(" ")
        if space > 0 and space >= len(kept) - 12:
            kept = kept[:space]
    if kept.count("(") > kept.count(")"):  # no half a bracket
        kept = kept[: kept.rfind("(")]
    return kept.rstrip(" ,:;(–—-") + "…"


class TitleBar(Widget):
    """The screen's title, one line high (the stylesheet fixes its height, so a new title
    is only a repaint): a lead, such as the scenario's title, and a detail, such as the
    scene's."""

    DEFAULT_CSS = """
    TitleBar {
        height: 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lead = ""
        self.detail = ""

    def show(self, lead: str, detail: str = "") -> None:
        if (lead, detail) != (self.lead, self.detail):
            self.lead, self.detail = lead, detail
            self.refresh()

    def render(self) -> Text:
        return Text(fitted(self.lead, self.detail, self.content_region.width), no_wrap=True)
