"""Saving and resuming games and quizzes: the one way the app and `--plain` do it.

A saved game keeps only the path (scene and choice number at each step); resuming replays
it through the engine, so meters and flags are recomputed by the rules as they are now.
When the scenario has changed so that the path no longer fits (a scene removed, a choice
gone), the saved game is reported as changed rather than resumed into a wrong state. A
saved quiz keeps its shuffle seed, its grades and the ids of the questions answered.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal

from game.content.models import Quiz, Scenario
from game.engine import ChoiceRefused, PlayState, ScenarioLoop, replay
from game.quiz import Answer, Grade, QuizProgress
from game.quiz.review import REVIEW_ID, schedule
from game.store.database import Store

SCENARIO: Final = "scenario"
QUIZ: Final = "quiz"


@dataclass(frozen=True)
class Changed:
    """A saved game or quiz that no longer fits its file, which has changed since."""

    steps: int
    """How many choices (or answers) the saved game had."""


def save_play(store: Store, profile_id: int, scenario_id: str, state: PlayState) -> None:
    """Keep a game after each choice; a finished game becomes a run (and is no longer saved)."""
    if state.ended:
        meters = dict(state.meters)
        store.record_run(profile_id, scenario_id, list(state.path), meters, state.scene)
    else:
        store.save(profile_id, SCENARIO, scenario_id, {"path": list(state.path)})


def resume_play(store: Store, profile_id: int, scenario: Scenario) -> PlayState | Changed | None:
    """The saved game of `scenario`: its state, `Changed` when the file has changed so
    that it cannot resume, or None when there is none."""
    return _play_from(store.load(profile_id, SCENARIO, scenario.id), scenario)


def _play_from(saved: Mapping[str, Any] | None, scenario: Scenario) -> PlayState | Changed | None:
    if not saved or not saved.get("path"):
        return None
    steps = saved["path"]
    made = len(steps) if isinstance(steps, list) else 0
    try:
        state = replay(scenario, steps)
    except (ChoiceRefused, ScenarioLoop, KeyError, TypeError, ValueError, IndexError):
        return Changed(made)
    if state.ended or state.scene not in scenario.scenes:
        return Changed(made)  # a saved game is one still under way
    return state


def save_quiz(
    store: Store,
    profile_id: int,
    progress: QuizProgress,
    question_id: str,
    answer: Answer,
    seconds: float | None = None,
    *,
    module: str | None = None,
    now: datetime | None = None,
) -> None:
    """Record the answer just graded (the last grade of `progress`) with the question's
    next review, and keep the quiz's place, or forget it and record the score once the
    quiz is finished: all in one transaction, so that a game killed at any moment keeps
    either the place or the score. `module` is the question's own module when the quiz
    is a review."""
    if not progress.grades:
        return
    grade = progress.grades[-1]
    quiz_id = progress.quiz.id
    home = module or quiz_id
    card = store.review_card(profile_id, home, question_id)
    try:
        review = schedule(card, grade, now)
    except (KeyError, TypeError, ValueError, AttributeError):
        review = schedule(None, grade, now)  # a card that cannot be read starts afresh
    place: tuple[str, dict[str, Any] | None] | None = None
    finished: tuple[str, float, int] | None = None
    if quiz_id == REVIEW_ID:
        pass  # a review is made afresh from what is due: there is no place to keep
    elif progress.finished:
        place = (quiz_id, None)
        finished = (quiz_id, progress.score, len(progress.quiz.questions))
    else:
        answered = [q.id for q in progress.quiz.questions[: progress.index]]
        grades = [dataclasses.asdict(g) for g in progress.grades]
        place = (quiz_id, {"seed": progress.seed, "grades": grades, "questions": answered})
    store.record_answer(
        profile_id,
        home,
        question_id,
        answer,
        grade.right,
        grade.score,
        seconds,
        review,
        now,
        place=place,
        finished=finished,
    )


def resume_quiz(store: Store, profile_id: int, quiz: Quiz) -> QuizProgress | Changed | None:
    """The quiz left part-way: its progress (same question, same score), `Changed` when
    the quiz file has changed so that it cannot resume, or None when there is none."""
    return _quiz_from(store.load(profile_id, QUIZ, quiz.id), quiz)


def _quiz_from(saved: Mapping[str, Any] | None, quiz: Quiz) -> QuizProgress | Changed | None:
    if not saved or not saved.get("grades"):
        return None
    try:
        grades = tuple(Grade(**g) for g in saved["grades"])
        progress = QuizProgress(quiz, int(saved["seed"]), grades)
    except (TypeError, KeyError, ValueError):
        return Changed(0)
    answered = saved.get("questions")
    if answered is not None and answered != [q.id for q in quiz.questions[: len(grades)]]:
        return Changed(len(grades))
    if progress.finished:
        return Changed(len(grades))
    return progress


@dataclass(frozen=True)
class SavedGame:
    """What "Continue" offers: the latest game or quiz left part-way."""

    kind: Literal["scenario", "quiz"]
    scenario: Scenario | None = None
    quiz: Quiz | None = None
    play: PlayState | None = None
    progress: QuizProgress | None = None
    changed: Changed | None = None

    @property
    def title(self) -> str:
        if self.scenario is not None:
            return self.scenario.title
        assert self.quiz is not None
        return self.quiz.title

    @property
    def item(self) -> str:
        if self.scenario is not None:
            return self.scenario.id
        assert self.quiz is not None
        return self.quiz.id

    @property
    def label(self) -> str:
        """How the home screen names it, e.g. "Singapore (3 choices made)"."""
        if self.changed is not None:
            return f"{self.title} (file changed: start again)"
        if self.play is not None:
            made = len(self.play.path)
            return f"{self.title} ({made} choice{'s' if made != 1 else ''} made)"
        assert self.progress is not None and self.quiz is not None
        total = len(self.quiz.questions)
        return f"Quiz: {self.title} (question {self.progress.index + 1} of {total})"


def latest_saved(
    store: Store,
    profile_id: int,
    scenarios: Mapping[str, Scenario],
    quizzes: Mapping[str, Quiz],
) -> SavedGame | None:
    """The most recent game or quiz left part-way whose file is still there."""
    for kind, item, data in store.saved(profile_id):
        if kind == SCENARIO and item in scenarios:
            scenario = scenarios[item]
            play = _play_from(data, scenario)
            if isinstance(play, Changed):
                return SavedGame(SCENARIO, scenario=scenario, changed=play)
            if play is not None:
                return SavedGame(SCENARIO, scenario=scenario, play=play)
        elif kind == QUIZ and item in quizzes:
            quiz = quizzes[item]
            progress = _quiz_from(data, quiz)
            if isinstance(progress, Changed):
                return SavedGame(QUIZ, quiz=quiz, changed=progress)
            if progress is not None:
                return SavedGame(QUIZ, quiz=quiz, progress=progress)
    return None


def forget(store: Store, profile_id: int, saved: SavedGame) -> None:
    """Drop a saved game or quiz (to start it again)."""
    store.forget(profile_id, saved.kind, saved.item)
