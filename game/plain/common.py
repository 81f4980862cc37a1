"""What plain-text play and quizzes share: wrapping, Markdown dropped, facts cited."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable

from game.content.catalog import Catalog
from game.content.citation import citation, outlet_name
from game.store.progress import Store

Ask = Callable[[str], str]
"""Reads one line after showing a prompt (like `input`); raises EOFError at the end."""
Say = Callable[[str], None]
"""Writes one line (or several joined by newlines)."""

_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*", re.DOTALL)
WIDTH = 78


_NUMBER = re.compile(r"[0-9]{1,6}")


def number_typed(text: str) -> int | None:
    """The whole number typed as `text` (ASCII digits, at most six), or None: `²`, `①`,
    `٣` and a 5,000-digit number are not numbers a student means."""
    return int(text) if _NUMBER.fullmatch(text) else None


def plural(n: int, word: str) -> str:
    """`n` and `word`, with an s unless `n` is 1: "1 choice", "3 questions"."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def wrap(text: str, indent: str = "", more: str | None = None) -> str:
    """`text` with its spacing tidied, wrapped to the width of a small terminal."""
    return textwrap.fill(
        " ".join(text.split()),
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if more is None else more,
    )


def plain_text(markdown: str) -> str:
    """Markdown emphasis dropped, paragraphs kept."""
    return _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), markdown).strip()


def cited_lines(catalog: Catalog, fact_ids: Iterable[str], *, quotes: bool) -> list[str]:
    """Each fact (once) as a bullet: with its quote and its citation if `quotes`, else
    its outlet and its text, one entry each ("  * TASS: Under the 1951 ...")."""
    lines: list[str] = []
    for fact_id in dict.fromkeys(fact_ids):
        fact = catalog.facts.get(fact_id)
        if fact is None:
            continue
        if not quotes:
            outlet = outlet_name(catalog.sources.get(fact.source))
            lines.append(wrap(f"{outlet}: {fact.text}", "  * ", "    "))
            continue
        lines.append(wrap(fact.text, "  * ", "    "))
        if quotes:
            lines.append(wrap(f"\u201c{fact.quote}\u201d", "    "))
        source = catalog.sources.get(fact.source)
        if source is not None:
            lines.append(wrap(f"- {citation(source)}", "    ", "      "))
    return lines


class SaveNotes:
    """What plain play and quizzes say about saving: each problem once, as it happens (one
    while the student's profile is created included), and whether anything is saved."""

    def __init__(self, store: Store, tell: Say, told: str | None = None) -> None:
        self.store = store
        self.tell = tell
        self.told: list[str] = [told] if told else []
        """Problems already said (the one said when the file was opened, say)."""

    def tell_news(self) -> None:
        """Say the store's problem, if it is one not said yet."""
        warning = self.store.warning
        if warning and warning not in self.told:
            self.told.append(warning)
            self.tell(warning)

    def saving(self) -> bool:
        """Whether what the student does is being saved to the progress file."""
        return self.store.path is not None and not self.store.unwritable


def move_prompt(name: str, count: int, *, again: bool = False) -> str:
    """ "Japan's delegation, choose 1-3: ", or with one move open, "Russia's delegation,
    type 1 to play your only move: " (`again`: after an answer that is not a move)."""
    if count == 1:
        return f"{'Please type 1. ' if again else ''}{name}, type 1 to play your only move: "
    if again:
        return f"Please type a number from 1 to {count}. {name}, choose: "
    return f"{name}, choose 1-{count}: "
