"""Question banks in and out of the game. Out: a quiz written for Moodle (GIFT, Moodle
XML), Canvas (QTI 1.2) or Anki (tab-separated text). One module per format; `common` holds what they
share: each question's text, its feedback with the source quotes, the notes for the
teacher."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from game.exchange import anki, gift, moodle_xml, qti
from game.exchange.common import Exported, exported, notes

Writer = Callable[[Sequence[Exported]], str | bytes]

FORMATS: dict[str, Writer] = {
    "gift": gift.write,
    "moodle-xml": moodle_xml.write,
    "qti": qti.write,
    "anki": anki.write,
}
"""Each format by its name on the command line, with its writer."""

BINARY = frozenset({"qti"})
"""The formats written as bytes (a zip), never to a terminal."""

__all__ = ["BINARY", "FORMATS", "Exported", "Writer", "exported", "notes"]
