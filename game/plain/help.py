"""Help in plain text: what to type, and what the meters' marks and a citation's "(year
inferred)" mean, printed when the student types `h` (or `?`) instead of a number."""

from __future__ import annotations

HELP_KEYS = ("h", "?")
"""Typed at the prompt: this help."""

HELP_HINT = "(Type h for help.)"

PLAIN_HELP = [
    "Help:",
    "  Type a choice's number and press Enter to take it. Type s to read the",
    "  sources' quotes, w for what the scene's hard words mean, g for the whole",
    "  glossary, h for this help.",
    "  A meter's mark is a value that matters in this scenario: reaching it or",
    "  falling past it can open or close a way on. The line under a meter says",
    "  what its nearest mark means (in the full-screen game, a mark is a tick (│)",
    "  across the bar).",
    "  “(year inferred)” in a citation: the report does not print the year; it",
    "  is worked out from the report's date.",
]
"""What `h` prints, each line at most 80 columns."""


def help_asked(answer: str) -> list[str] | None:
    """The help's lines when `answer` asks for it, else None."""
    return PLAIN_HELP if answer.strip().lower() in HELP_KEYS else None
