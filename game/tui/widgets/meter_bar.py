"""A meter as a bar, with the change the last choice made."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

BAR_WIDTH = 16


MARK = "│"
"""A mark on the bar (a line across it, seen without colour)."""


def mark_places(marks: tuple[int, ...], low: int, high: int) -> frozenset[int]:
    """The cells of the bar where its marks are drawn."""
    if high <= low:
        return frozenset()
    return frozenset(
        min(BAR_WIDTH - 1, max(0, round(BAR_WIDTH * (m - low) / (high - low)))) for m in marks
    )


def bar_text(
    label: str,
    value: int,
    low: int,
    high: int,
    change: int,
    marks: tuple[int, ...] = (),
    good: bool | None = None,
    styles: tuple[Style | str, Style | str] = ("bold green", "bold red"),
) -> Text:
    """`Trust  ████████░░│░░░░░  55 (+15)` — the numbers say it all without colour; each
    mark is a line across the bar. `good` says whether the change helps (None: the meter
    does not say, and a rise is shown as good). `styles` colour a change that helps and
    one that hurts (the panel passes its theme's)."""
    filled = round(BAR_WIDTH * (value - low) / (high - low)) if high > low else 0
    places = mark_places(marks, low, high)
    text = Text()
    text.append(f"{label}\n")
    cells = "".join(
        MARK if cell in places else "█" if cell < filled else "░" for cell in range(BAR_WIDTH)
    )
    for run in re.finditer(r"(.)\1*", cells):  # a run of one kind of cell at a time
        text.append(run.group(), style="dim" if run.group(1) == "░" else "bold")
    text.append(f" {value}")
    if change:
        helps = change > 0 if good is None else good
        text.append(f" ({change:+d})", style=styles[0] if helps else styles[1])
    return text
