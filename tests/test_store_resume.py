"""Saving and resuming through `game.store.games`, the one way the app and `--plain` do
it: faults of the disk, files changed since a game was saved, and a stateful test that
quitting and resuming at any moment ends where playing straight through would."""

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from game.content.catalog import check
from game.content.models import Scenario
from game.content.paths import bundled_root
from game.engine import PlayState, apply_choice, available_choices, start
from game.quiz import QuizProgress, grade
from game.store import games
from game.store.games import (
    Changed,
    SavedPlay,
    SavedQuiz,
    latest_saved,
    resume_play,
    resume_quiz,
    save_play,
    save_quiz,
)
from game.store.progress import DB_NAME, Store, open_store
from helpers import the_right_answer

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CATALOG = check([bundled_root(), DATA / "golden-scenario.yaml", DATA / "format-quiz.yaml"])
GOLDEN = CATALOG.scenarios["golden-scenario"]
QUIZ = CATALOG.quizzes["format-example"]


def first_enabled(scenario: Scenario, state: PlayState) -> int:
    return next(c.number for c in available_choices(scenario, state) if c.enabled)


def test_a_full_disk_is_reported_and_play_goes_on(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    profile = store.profile()
    # SQLite's own "database or disk is full", as on a full disk: no page may be added.
    pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
    store.connection.execute(f"PRAGMA max_page_count = {pages}")
    state = start(GOLDEN)
    for _ in range(200):  # game after game, until the disk is full: never an exception
        if state.ended:
            state = start(GOLDEN)
        state = apply_choice(GOLDEN, state, first_enabled(GOLDEN, state))
        save_play(store, profile, GOLDEN.id, state)
        progress = QuizProgress(QUIZ, 1)
        question = progress.question
        progress = progress.answered(grade(question, the_right_answer(question)))
        save_quiz(store, profile, progress, question.id, the_right_answer(question), 2.0)
    assert store.unwritable
    assert store.warning is not None and "full" in store.warning
    assert "play goes on without saving" in store.warning


def test_a_read_only_disk_is_reported_and_play_goes_on(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    store = open_store(tmp_path)
    # The database as a read-only medium presents it (works as root too, unlike chmod).
    store.connection = sqlite3.connect(
        f"file:{tmp_path / DB_NAME}?mode=ro", uri=True, check_same_thread=False
    )
    state = apply_choice(GOLDEN, start(GOLDEN), 1)
    save_play(store, 1, GOLDEN.id, state)
    assert store.unwritable
    assert store.warning is not None and "readonly" in store.warning


def test_a_data_folder_that_cannot_be_made_keeps_play_going(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    store = open_store(blocker / "data")
    assert store.warning is not None and "Progress cannot be saved" in store.warning
    profile = store.profile()
    save_play(store, profile, GOLDEN.id, apply_choice(GOLDEN, start(GOLDEN), 1))
    assert resume_play(store, profile, GOLDEN) == apply_choice(GOLDEN, start(GOLDEN), 1)


def without_scene(scenario: Scenario, scene: str) -> Scenario:
    scenes = {k: v for k, v in scenario.scenes.items() if k != scene}
    return scenario.model_copy(update={"scenes": scenes})


def test_a_game_whose_scene_was_removed_is_reported_as_changed(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    profile = store.profile()
    state = apply_choice(GOLDEN, start(GOLDEN), 1)
    save_play(store, profile, GOLDEN.id, state)
    changed = without_scene(GOLDEN, state.scene)
    assert resume_play(store, profile, changed) == Changed(1)
    saved = latest_saved(store, profile, {GOLDEN.id: changed}, {})
    assert isinstance(saved, SavedPlay) and saved.state == Changed(1)
    assert saved.label.endswith("(file changed: start again)")
    # Unchanged, it resumes to the very same state.
    assert resume_play(store, profile, GOLDEN) == state


def test_a_game_resumes_when_a_meter_was_renamed_in_words(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    profile = store.profile()
    state = apply_choice(GOLDEN, start(GOLDEN), 1)
    save_play(store, profile, GOLDEN.id, state)
    meters = dict(GOLDEN.meters)
    meters["trust"] = meters["trust"].model_copy(update={"label": "Mutual trust"})
    relabelled = GOLDEN.model_copy(update={"meters": meters})
    assert resume_play(store, profile, relabelled) == state


def test_a_quiz_resumes_at_the_same_question_with_the_same_score(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    profile = store.profile()
    progress = QuizProgress(QUIZ, 42)
    for right in (True, False):
        question = progress.question
        answer: Any = the_right_answer(question) if right else "no such answer"
        progress = progress.answered(grade(question, answer))
        save_quiz(store, profile, progress, question.id, answer, 1.5)
    resumed = resume_quiz(store, profile, QUIZ)
    assert resumed == progress
    assert isinstance(resumed, QuizProgress) and resumed.index == 2
    saved = latest_saved(store, profile, {}, {QUIZ.id: QUIZ})
    assert isinstance(saved, SavedQuiz) and saved.place == progress
    total = len(QUIZ.questions)
    assert saved.label == f"Quiz: {QUIZ.title} (question 3 of {total})"
    # The questions reordered in the file: the saved place no longer means the same.
    turned = QUIZ.model_copy(update={"questions": list(reversed(QUIZ.questions))})
    assert isinstance(resume_quiz(store, profile, turned), Changed)
    assert [(q, r) for _, q, r, _ in store.answers(profile)] == [
        (QUIZ.questions[0].id, True),
        (QUIZ.questions[1].id, False),
    ]


def test_continue_offers_the_latest_of_games_and_quizzes(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    profile = store.profile()
    save_play(store, profile, GOLDEN.id, apply_choice(GOLDEN, start(GOLDEN), 1))
    progress = QuizProgress(QUIZ, 3)
    question = progress.question
    progress = progress.answered(grade(question, the_right_answer(question)))
    save_quiz(store, profile, progress, question.id, the_right_answer(question))
    # Same second: the later row wins.
    saved = latest_saved(store, profile, {GOLDEN.id: GOLDEN}, {QUIZ.id: QUIZ})
    assert saved is not None and saved.kind == "quiz"
    # A saved game whose file is gone is passed over.
    saved = latest_saved(store, profile, {GOLDEN.id: GOLDEN}, {})
    assert isinstance(saved, SavedPlay) and saved.kind == "scenario"
    assert isinstance(saved.state, PlayState)


def test_continue_is_a_game_or_a_quiz_told_apart_by_its_kind(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    profile = store.profile()
    state = apply_choice(GOLDEN, start(GOLDEN), 1)
    save_play(store, profile, GOLDEN.id, state)
    saved = latest_saved(store, profile, {GOLDEN.id: GOLDEN}, {QUIZ.id: QUIZ})
    assert saved == SavedPlay(GOLDEN, state)
    assert isinstance(saved, SavedPlay) and saved.kind == "scenario"
    assert (saved.state, saved.item) == (state, GOLDEN.id)
    progress = QuizProgress(QUIZ, 3)
    question = progress.question
    progress = progress.answered(grade(question, the_right_answer(question)))
    save_quiz(store, profile, progress, question.id, the_right_answer(question))
    saved = latest_saved(store, profile, {}, {QUIZ.id: QUIZ})
    assert saved == SavedQuiz(QUIZ, progress)
    assert isinstance(saved, SavedQuiz) and saved.kind == "quiz"
    assert (saved.place, saved.item) == (progress, QUIZ.id)


@pytest.mark.parametrize(
    "path",
    [
        "not a list",
        [["opening", 1.0]],
        [["opening", True]],
        [["opening", "1"]],
        [[1, 1]],
        [["opening", 1, 2]],
        [{"scene": "opening", "choice": 1}],
    ],
)
def test_a_saved_path_of_another_shape_is_changed_never_a_crash(
    tmp_path: Path, path: object
) -> None:
    """A saved game is read back as untrusted: edited by hand, it is `Changed`."""
    store = open_store(tmp_path)
    profile = store.profile()
    store.save(profile, games.SCENARIO, GOLDEN.id, {"path": path})
    assert isinstance(resume_play(store, profile, GOLDEN), Changed)
    saved = latest_saved(store, profile, {GOLDEN.id: GOLDEN}, {})
    assert isinstance(saved, SavedPlay) and isinstance(saved.state, Changed)


@pytest.mark.parametrize(
    "place",
    [
        {"seed": 1, "grades": "not a list"},
        {"seed": "1", "grades": [{"right": True, "score": 1, "right_answer": "x"}]},
        {"seed": 1, "grades": [{"right": "yes", "score": 1, "right_answer": "x"}]},
        {"seed": 1, "grades": [{"right": True, "score": "1", "right_answer": "x"}]},
        {"seed": 1, "grades": [{"right": True, "score": 7, "right_answer": "x"}]},
        {"seed": 1, "grades": [{"right": True, "score": 1, "right_answer": 3}]},
        {"seed": 1, "grades": [{"right": True, "score": 1}]},
        {"seed": 1, "grades": [{"right": True, "score": 1, "right_answer": "x", "more": 1}]},
        {"seed": 1, "grades": [["right", True]]},
        {"grades": [{"right": True, "score": 1, "right_answer": "x"}]},
    ],
)
def test_a_saved_quiz_of_another_shape_is_changed_never_a_crash(
    tmp_path: Path, place: dict[str, Any]
) -> None:
    store = open_store(tmp_path)
    profile = store.profile()
    store.save(profile, games.QUIZ, QUIZ.id, place)
    assert resume_quiz(store, profile, QUIZ) == Changed(0)
    saved = latest_saved(store, profile, {}, {QUIZ.id: QUIZ})
    assert isinstance(saved, SavedQuiz) and isinstance(saved.place, Changed)
    assert saved.label.endswith("(file changed: start again)")


class QuitAndResume(RuleBasedStateMachine):
    """A student plays a scenario and answers a quiz, quitting (closing the database)
    and resuming at random moments. The model is the same student who never quits."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(self._tmp())
        self.store: Store | None = open_store(self.folder)
        self.profile = self.store.profile("student")
        self.state = start(GOLDEN)  # what the screen shows
        self.progress = QuizProgress(QUIZ, 5)
        self.model_state = self.state  # playing straight through
        self.model_progress = self.progress
        self.endings: set[str] = set()

    @staticmethod
    def _tmp() -> str:
        import tempfile

        return tempfile.mkdtemp(prefix="treaty-stateful-")

    @precondition(lambda self: self.store is not None)
    @rule(pick=st.integers(min_value=0, max_value=8))
    def choose(self, pick: int) -> None:
        assert self.store is not None
        if self.state.ended:
            self.state = self.model_state = start(GOLDEN)  # play again
            return
        enabled = [c.number for c in available_choices(GOLDEN, self.state) if c.enabled]
        number = enabled[pick % len(enabled)]
        self.state = apply_choice(GOLDEN, self.state, number)
        self.model_state = apply_choice(GOLDEN, self.model_state, number)
        save_play(self.store, self.profile, GOLDEN.id, self.state)
        if self.state.ended:
            self.endings.add(self.state.scene)

    @precondition(lambda self: self.store is not None)
    @rule(right=st.booleans())
    def answer(self, right: bool) -> None:
        assert self.store is not None
        if self.progress.finished:
            self.progress = self.model_progress = QuizProgress(QUIZ, 5)  # take it again
            return
        question = self.progress.question
        given: Any = the_right_answer(question) if right else "not the answer"
        self.progress = self.progress.answered(grade(question, given))
        self.model_progress = self.model_progress.answered(grade(question, given))
        save_quiz(self.store, self.profile, self.progress, question.id, given)

    @precondition(lambda self: self.store is not None)
    @rule()
    def quit(self) -> None:
        assert self.store is not None
        self.store.close()
        self.store = None
        # What was on screen is gone with the closed terminal.
        self.state = start(GOLDEN)
        self.progress = QuizProgress(QUIZ, 5)

    @precondition(lambda self: self.store is None)
    @rule()
    def resume(self) -> None:
        self.store = open_store(self.folder)
        assert self.store.warning is None
        self.profile = self.store.profile("student")
        game = resume_play(self.store, self.profile, GOLDEN)
        quiz = resume_quiz(self.store, self.profile, QUIZ)
        assert not isinstance(game, Changed) and not isinstance(quiz, Changed)
        self.state = game if game is not None else start(GOLDEN)
        self.progress = quiz if quiz is not None else QuizProgress(QUIZ, 5)
        # Nothing saved means the game (or quiz) was finished or not begun: a new one starts,
        # as "play again" would have started it without quitting.
        if game is None:
            assert self.model_state.ended or self.model_state == start(GOLDEN)
            self.model_state = start(GOLDEN)
        if quiz is None:
            assert self.model_progress.finished or not self.model_progress.grades
            self.model_progress = QuizProgress(QUIZ, 5)

    @invariant()
    def same_as_never_quitting(self) -> None:
        if self.store is None:
            return
        if not self.model_state.ended:
            assert self.state == self.model_state
        if not self.model_progress.finished:
            assert self.progress == self.model_progress
        assert self.store.endings_reached(self.profile, GOLDEN.id) == self.endings

    def teardown(self) -> None:
        if self.store is not None:
            self.store.close()


QuitAndResume.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
test_quitting_and_resuming_ends_as_playing_straight_through = QuitAndResume.TestCase


def test_the_bundled_quiz_and_scenario_are_what_the_stateful_test_expects() -> None:
    # The stateful test needs a scenario with an ending a few choices in and a quiz.
    assert len(QUIZ.questions) >= 3
    state = start(GOLDEN)
    for _ in range(10):
        if state.ended:
            break
        state = apply_choice(GOLDEN, state, first_enabled(GOLDEN, state))
    assert state.ended


pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
