"""Markdown emphasis in short texts (a choice, its feedback, a step of the path): `*word*`
in italics and `**word**` in bold, as the scene's own Markdown shows them, never the
asterisks themselves."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*", re.DOTALL)


def emphasised(text: str, style: str | Style = "") -> Text:
    """`text` with its emphasis shown as bold or italics (the asterisks dropped)."""
    out = Text(style=style)
    at = 0
    for match in _EMPHASIS.finditer(text):
        out.append(text[at : match.start()])
        if match.group(1) is not None:
            out.append(match.group(1), style="bold")
        else:
            out.append(match.group(2), style="italic")
        at = match.end()
    out.append(text[at:])
    return out
