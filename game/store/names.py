"""Profile names as they are kept and shown: a student's name is data from a person."""

from __future__ import annotations

import unicodedata

MAX_NAME = 40
"""The longest profile name kept (a student's name, not an essay)."""

_NOT_IN_NAMES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def profile_name(typed: str) -> str | None:
    """A profile name as it is kept and shown: control characters (terminal escapes),
    invisible formatting (right-to-left overrides, zero-width spaces) and line breaks
    become spaces, spaces are squeezed, and at most `MAX_NAME` characters are kept; None
    when nothing is left. Every name that reaches the file, or a screen, passes here."""
    kept = "".join(
        " " if unicodedata.category(ch) in _NOT_IN_NAMES else ch for ch in typed[: MAX_NAME * 4]
    )
    name = " ".join(kept.split())[:MAX_NAME].strip()
    return name or None
