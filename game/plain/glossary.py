"""The glossary in plain text: the words of a scene in one line, and what they mean when
the student types `w` (the scene's words) or `g` (the whole glossary) instead of a number."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from game.content.glossary import Term
from game.plain.common import wrap

WORDS_KEY = "w"
"""Typed at the prompt: what the scene's words mean."""
GLOSSARY_KEY = "g"
"""Typed at the prompt: the whole glossary."""


def words_line(words: Iterable[Term]) -> str:
    """`Words: ratify, joint declaration (type w to read what they mean)`."""
    listed = ", ".join(term.term for term in words)
    return wrap(
        f"Words: {listed} (type {WORDS_KEY} to read what they mean, {GLOSSARY_KEY} for the "
        "whole glossary)",
        "",
        "  ",
    )


def glossary_lines(terms: Iterable[Term]) -> list[str]:
    """Each term on a line of its own, its definition indented under it."""
    lines: list[str] = []
    for term in terms:
        lines.append(f"  {term.term}")
        lines.append(wrap(term.means, "      "))
    return lines


def whole_glossary(glossary: Mapping[str, Term]) -> list[str]:
    """The whole glossary, from A to Z."""
    terms = sorted(glossary.values(), key=lambda t: t.term.casefold())
    if not terms:
        return ["The glossary is empty."]
    return ["Glossary:", *glossary_lines(terms)]


def glossary_asked(
    answer: str, words: list[Term], glossary: Mapping[str, Term]
) -> list[str] | None:
    """What to show when the student typed `w` or `g` at the prompt; None for anything
    else (a number, say)."""
    typed = answer.strip().casefold()
    if typed == WORDS_KEY:
        if not words:
            return ["This scene has no words from the glossary. Type g for the whole glossary."]
        return ["What the words mean:", *glossary_lines(words)]
    if typed == GLOSSARY_KEY:
        return whole_glossary(glossary)
    return None
