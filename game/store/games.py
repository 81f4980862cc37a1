"""Saving and resuming games and quizzes: the one way the app and `--plain` do it.

A saved game keeps only the path (scene and choice number at each step); resuming replays
it through the engine, so meters and flags are recomputed by the rules as they are now.
When the scenario has changed so that the path no longer fits (a scene removed, a choice
gone), the saved game is reported as changed rather than resumed into a wrong state. A
saved quiz keeps its shuffle seed, its grades and the ids of the questions answered.
What is read back is not trusted: a path or a grade that is not of the shape written here
(a file edited by hand, damaged) makes the saved game `Changed`, never a crash.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal, TypeAlias

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


def _path_from(steps: object) -> list[tuple[str, int]] | None:
    """A saved path as the engine takes it, or None when it is not the list of
    [scene, choice number] pairs that `save_play` writes."""
    if not isinstance(steps, list):
        return None
    path: list[tuple[str, int]] = []
    for step in steps:
        if not isinstance(step, list | tuple) or len(step) != 2:
            return None
        scene, number = step
        if not isinstance(scene, str) or not isinstance(number, int) or isinstance(number, bool):
            return None
        path.append((scene, number))
    return path


def _play_from(saved: Mapping[str, Any] | None, scenario: Scenario) -> PlayState | Changed | None:
    if not saved or not saved.get("path"):
        return None
    steps = saved["path"]
    made = len(steps) if isinstance(steps, list) else 0
    path = _path_from(steps)
    if path is None:
        return Changed(made)
    try:
        state = replay(scenario, path)
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


def _grade_from(saved: object) -> Grade | None:
    """A saved grade, or None when it is not of the shape `save_quiz` writes."""
    if not isinstance(saved, dict):
        return None
    try:
        grade = Grade(**saved)
    except TypeError:
        return None
    right, score = grade.right, grade.score
    if not isinstance(right, bool) or isinstance(score, bool):
        return None
    if not isinstance(score, int | float) or not 0 <= score <= 1:
        return None
    if not isinstance(grade.right_answer, str) or not isinstance(grade.detail, str):
        return None
    return grade


def _quiz_from(saved: Mapping[str, Any] | None, quiz: Quiz) -> QuizProgress | Changed | None:
    if not saved or not saved.get("grades"):
        return None
    try:
        kept = saved["grades"]
        grades = tuple(_grade_from(g) for g in kept) if isinstance(kept, list) else (None,)
        seed = saved["seed"]
        if None in grades or not isinstance(seed, int) or isinstance(seed, bool):
            return Changed(0)
        progress = QuizProgress(quiz, seed, tuple(g for g in grades if g is not None))
    except (TypeError, KeyError, ValueError):
        return Changed(0)
    answered = saved.get("questions")
    if answered is not None and answered != [q.id for q in quiz.questions[: len(grades)]]:
        return Changed(len(grades))
    if progress.finished:
        return Changed(len(grades))
    return progress


@dataclass(frozen=True)
class SavedPlay:
    """A game left part-way, as "Continue" offers it: its state, or `Changed` when its
    file has changed so that it cannot resume."""

    scenario: Scenario
    state: PlayState | Changed
    kind: Literal["scenario"] = "scenario"

    @property
    def title(self) -> str:
        return self.scenario.title

    @property
    def item(self) -> str:
        return self.scenario.id

    @property
    def label(self) -> str:
        """How the home screen names it, e.g. "Singapore (3 choices made)"."""
        if isinstance(self.state, Changed):
            return f"{self.title} (file changed: start again)"
        made = len(self.state.path)
        return f"{self.title} ({made} choice{'s' if made != 1 else ''} made)"


@dataclass(frozen=True)
class SavedQuiz:
    """A quiz left part-way, as "Continue" offers it: its place (same question, same
    score), or `Changed` when its file has changed so that it cannot resume."""

    quiz: Quiz
    place: QuizProgress | Changed
    kind: Literal["quiz"] = "quiz"

    @property
    def title(self) -> str:
        return self.quiz.title

    @property
    def item(self) -> str:
        return self.quiz.id

    @property
    def label(self) -> str:
        """How the home screen names it, e.g. "Quiz: Treaties (question 3 of 6)"."""
        if isinstance(self.place, Changed):
            return f"{self.title} (file changed: start again)"
        total = len(self.quiz.questions)
        return f"Quiz: {self.title} (question {self.place.index + 1} of {total})"


SavedGame: TypeAlias = SavedPlay | SavedQuiz
"""What "Continue" offers: the latest game or quiz left part-way, told apart by `kind`."""


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
            if play is not None:
                return SavedPlay(scenario, play)
        elif kind == QUIZ and item in quizzes:
            quiz = quizzes[item]
            progress = _quiz_from(data, quiz)
            if progress is not None:
                return SavedQuiz(quiz, progress)
    return None


def forget(store: Store, profile_id: int, saved: SavedGame) -> None:
    """Drop a saved game or quiz (to start it again)."""
    store.forget(profile_id, saved.kind, saved.item)
