"""Lines shown with a hanging indent: a line too long for the width wraps onto lines
indented past its own start, so each line of a list stays visibly one item."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

HANG = 2
"""How much further than its first line a wrapped line is indented."""


class Hanging:
    """A rich renderable: `lines`, each wrapped to the width with a hanging indent."""

    def __init__(self, lines: Sequence[Text]) -> None:
        self.lines = list(lines)

    def __str__(self) -> str:
        return "\n".join(line.plain for line in self.lines)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 1)
        for line in self.lines:
            yield from hang(line, width)


def hang(line: Text, width: int) -> Iterator[Text]:
    """`line` cut at spaces into pieces that fit `width`, every piece after the first
    indented by the line's own indent and `HANG` more (a word too long is cut)."""
    plain = line.plain
    lead = len(plain) - len(plain.lstrip(" "))
    indent = min(lead + HANG, width // 2)
    start, room, first = 0, width, True
    while True:
        end = _fit(plain, start, room)
        piece = line[start:end]
        piece.rstrip()
        yield piece if first else Text(" " * indent).append_text(piece)
        start = end
        while start < len(plain) and plain[start] == " ":
            start += 1
        if start >= len(plain):
            return
        first, room = False, max(width - indent, 1)


def _fit(plain: str, start: int, room: int) -> int:
    """Where the piece of `plain` from `start` that fits in `room` cells ends."""
    if cell_len(plain[start:]) <= room:
        return len(plain)
    end, used = start, 0
    while end < len(plain) and used + cell_len(plain[end]) <= room:
        used += cell_len(plain[end])
        end += 1
    cut = plain.rfind(" ", start + 1, end + 1)
    return cut if cut > start else max(end, start + 1)
