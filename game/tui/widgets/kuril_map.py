"""A map of the southern Kuril Islands, drawn with characters, that highlights the islands
the scene or the highlighted choice speaks of (the play screen's side panel shows it)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from rich.text import Text

from game.content.vocabulary import KURIL_ISLANDS

ISLANDS = KURIL_ISLANDS

# Each line is a list of (text, island) pieces; island None is sea or Hokkaido.
_MAP: list[list[tuple[str, str | None]]] = [
    [("                  ", None), ("▁▄▆█▀", "Iturup")],
    [("               ", None), ("▄▆█▀▀ ", "Iturup"), ("Iturup", "Iturup:label")],
    [("           ", None), ("▗▆▀", "Kunashir")],
    [("        ", None), ("▗▟█▀ ", "Kunashir"), ("Kunashir", "Kunashir:label")],
    [
        (" ▂▄▆▄▂   ", None),
        ("▀", "Kunashir"),
        ("      ", None),
        ("▆", "Shikotan"),
        (" Shikotan", "Shikotan:label"),
    ],
    [("▟██████▙▄▖ ", None), ("∙∙", "Habomai"), (" Habomai", "Habomai:label")],
    [("███▀▀▀▀ ", None), ("Hokkaido", None)],
]

_MENTIONS = [(island, re.compile(island, re.IGNORECASE)) for island in ISLANDS]
_ALL_FOUR = re.compile(r"\bfour\s+((southern|northern)\s+)?islands\b|\ball\s+four\b", re.I)


def islands_in(texts: Iterable[str]) -> frozenset[str]:
    """The islands these texts speak of, by name (or all four, for "the four islands")."""
    found: set[str] = set()
    for text in texts:
        if _ALL_FOUR.search(text):
            found.update(ISLANDS)
        found.update(island for island, pattern in _MENTIONS if pattern.search(text))
    return frozenset(found)


def map_text(highlight: Collection[str]) -> Text:
    text = Text()
    for i, line in enumerate(_MAP):
        if i:
            text.append("\n")
        for piece, island in line:
            name = island.split(":")[0] if island else None
            lit = name is not None and name in highlight
            if island and island.endswith(":label"):
                text.append(
                    f"{piece.upper()}◂" if lit else piece, style="bold reverse" if lit else ""
                )
            elif name is not None:
                text.append(piece, style="bold" if lit else "dim")
            else:
                text.append(piece, style="dim")
    return text
