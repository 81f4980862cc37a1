"""Help in plain text: what to type, and what the meters' marks and a citation's "(year
inferred)" mean, printed when the student types `h` (or `?`) instead of a number. It says
only the keys that do something in the game being played: no glossary keys for a course
without a glossary, no sources key for a scenario without sources (issue 33)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

HELP_KEYS = ("h", "?")
"""Typed at the prompt: this help."""

HELP_HINT = "(Type h for help.)"

_MARKS = [
    "  A meter's mark is a value that matters in this scenario: reaching it or",
    "  falling past it can open or close a way on. The line under a meter says",
    "  what its nearest mark means (in the full-screen game, a mark is a tick (│)",
    "  across the bar).",
]
_INFERRED = [
    "  “(year inferred)” in a citation: the report does not print the year; it",
    "  is worked out from the report's date.",
]


@dataclass(frozen=True)
class HelpHas:
    """What the game being played has, so that help names only the keys for that."""

    sources: bool = True
    """The scenario cites facts: `s` reads their quotes."""
    glossary: bool = True
    """The content has a glossary: `w` and `g` read it."""


def help_lines(has: HelpHas = HelpHas()) -> list[str]:
    """What `h` prints, each line at most 80 columns."""
    keys = ["a choice's number and press Enter to take it"]
    if has.sources:
        keys.append("s to read the sources' quotes")
    if has.glossary:
        keys.append("w for what the scene's hard words mean, g for the whole glossary")
    keys.append("h for this help")
    typed = "Type " + ". Type ".join([keys[0], ", ".join(keys[1:])]) + "."
    return ["Help:", *_wrapped(typed), *_MARKS, *_INFERRED]


def _wrapped(text: str) -> list[str]:
    return textwrap.wrap(text, 78, initial_indent="  ", subsequent_indent="  ")


PLAIN_HELP = help_lines()
"""Help for a game that has all of it (the game's own scenarios)."""


def help_asked(answer: str, has: HelpHas = HelpHas()) -> list[str] | None:
    """The help's lines when `answer` asks for it, else None."""
    return help_lines(has) if answer.strip().lower() in HELP_KEYS else None
