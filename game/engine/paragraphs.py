"""Words that change with what happened: which paragraphs of a text are shown.

A scene's `text`, a choice's `feedback` and an ending's `text` may be a list of
paragraphs, each shown only when its `if:` holds at the moment it is shown (a scene's when
the scene is shown, a feedback's after the choice's effects, an ending's at the ending).
This is the one place that decides it: the app, plain mode and the analysis all ask here.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.content.conditions import holds
from game.content.models import Paragraph
from game.engine.state import PlayState

PassageValue = str | tuple[Paragraph, ...]


def paragraph_shown(paragraph: Paragraph, values: Mapping[str, int], flags: frozenset[str]) -> bool:
    """Whether `paragraph` is shown with these meter values and flags: it has no `if:`,
    or its `if:` holds."""
    return paragraph.condition is None or holds(paragraph.condition, values, flags)


def shown_paragraphs(passage: PassageValue | None, state: PlayState) -> list[str]:
    """The paragraphs of `passage` shown in `state`, in the order written. A plain text
    is one paragraph, always shown (an empty one is none)."""
    if passage is None:
        return []
    if isinstance(passage, str):
        return [passage] if passage else []
    values, flags = state.meter_values, state.flags
    return [p.text for p in passage if paragraph_shown(p, values, flags)]


def shown_text(passage: PassageValue | None, state: PlayState) -> str:
    """The text of `passage` as shown in `state`: a plain text as written, a list of
    paragraphs as the ones shown, separated by a blank line."""
    if isinstance(passage, str):
        return passage
    return "\n\n".join(shown_paragraphs(passage, state))


def all_text(passage: PassageValue | None) -> str:
    """Every paragraph of `passage`, whatever its condition (for searching the words a
    text uses, such as the islands it names)."""
    if passage is None or isinstance(passage, str):
        return passage or ""
    return "\n\n".join(p.text for p in passage)
