"""A teacher's own map (a scenario's `map:` with `picture:` and `places:`, issue 33): its
rows, the word each place marks on it, and which places a text names. The checks are in
`game.content.map_checks`; the side panel draws it (`game.tui.widgets.scenario_map`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping


def picture_rows(picture: str) -> list[str]:
    """The picture's rows, as the teacher drew them (the newline a `|` block ends with,
    and any blank rows after the last drawn one, left out)."""
    rows = picture.split("\n")
    while rows and not rows[-1].strip():
        rows.pop()
    return rows


def cells(row: str) -> int:
    """How many columns of the screen a row takes (East Asian wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in row)


def place_span(row: str, column: int) -> tuple[int, int]:
    """The characters a place at `column` of `row` marks: the word that starts there (a
    letter or digit and those after it), or the one character there (`*`, say)."""
    if column >= len(row):
        return column, column
    end = column + 1
    if row[column].isalnum():
        while end < len(row) and row[end].isalnum():
            end += 1
    return column, end


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name.strip())}(?!\w)", re.IGNORECASE)


def places_in(texts: Iterable[str], places: Mapping[str, object]) -> frozenset[str]:
    """The places these texts name (whole words, capitals or not)."""
    found: set[str] = set()
    texts = list(texts)
    for name in places:
        if name.strip() and any(_pattern(name).search(text) for text in texts):
            found.add(name)
    return frozenset(found)
