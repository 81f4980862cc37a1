"""What screens ask of the app: where to go, what to save, who is playing. Screens post
these to the app (`self.app.post_message`), which handles each in one place; no screen
imports the app."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from game.content.models import Quiz, Scenario
    from game.content.table_models import Table
    from game.engine import PlayState
    from game.quiz import Answer, QuizProgress


class Place(Enum):
    """The places the home screen (and the palette) opens."""

    SCENARIOS = "scenarios"
    QUIZZES = "quizzes"
    TIMELINE = "timeline"
    HELP = "help"
    PROGRESS = "progress"
    REVIEW = "review"


@dataclass
class Navigate(Message):
    """Open one of the places."""

    place: Place


@dataclass
class OpenScenario(Message):
    """Open a scenario's briefing (first asking whether to continue one left part-way)."""

    scenario: Scenario


@dataclass
class OpenQuiz(Message):
    """Open a quiz (first asking whether to continue one left part-way); `replace_screen`:
    instead of the screen asking (taking the quiz again from its summary)."""

    quiz: Quiz
    replace_screen: bool = False


@dataclass
class OpenReview(Message):
    """A quiz of what is due for review, across every module."""

    replace_screen: bool = False


@dataclass
class ContinueSaved(Message):
    """Resume the latest game or quiz left part-way."""


@dataclass
class ChoiceMade(Message):
    """A choice was made in a scenario: save where the game stands."""

    scenario_id: str
    state: PlayState


@dataclass
class QuestionAnswered(Message):
    """A quiz question was graded: save the answer, the progress so far and the question's
    next review (`module`: where a review question comes from)."""

    progress: QuizProgress
    question_id: str
    answer: Answer
    seconds: float | None = None
    module: str | None = None


@dataclass
class SwitchProfile(Message):
    """Play as `name` from now on (created if new)."""

    name: str


@dataclass
class BeginPlay(Message):
    """Play a scenario from its start, in place of the screen asking (its briefing, or
    the ending of the last game)."""

    scenario: Scenario


@dataclass
class GameEnded(Message):
    """The last choice led to an ending: its debrief, in place of the play screen, with
    the states along the way (for the meters' chart)."""

    scenario: Scenario
    history: list[PlayState]


@dataclass
class QuizFinished(Message):
    """The last question is answered: the score, in place of the quiz."""

    progress: QuizProgress


@dataclass
class OpenTable(Message):
    """Open a table (two delegations, hot-seat): ask each side's player, or whether to
    continue the table left part-way."""

    table: Table


@dataclass
class TableAddress(Message):
    """The server's address typed in "Join a table" or "Open a table": kept for this run,
    so that going back (or on to the other screen) never asks for it twice."""

    url: str
