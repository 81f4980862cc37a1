"""The message every answer widget sends up when the student gives an answer."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from game.quiz import Answer


@dataclass
class Answered(Message):
    """An answer, in the question's own terms (never screen positions)."""

    answer: Answer
