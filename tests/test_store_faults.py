"""Progress that is never lost, against what goes wrong on disk: a `-wal` file copied in
from another database, a file damaged inside, rows that cannot be read, a game killed
between two writes, two games creating the same student at once."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from inprocess import run_game

from game.content.catalog import check
from game.content.paths import bundled_root
from game.engine import apply_choice, start
from game.quiz import QuizProgress, grade
from game.store.games import latest_saved, resume_play, resume_quiz, save_play, save_quiz
from game.store.progress import DB_NAME, Store, open_store
from helpers import the_right_answer

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CATALOG = check([bundled_root(), DATA / "golden-scenario.yaml", DATA / "format-quiz.yaml"])
GOLDEN = CATALOG.scenarios["golden-scenario"]
QUIZ = CATALOG.quizzes["format-example"]
WAL = DB_NAME + "-wal"


def a_class(folder: Path, name: str, answers: int) -> Store:
    """A data folder where `name` has answered `answers` questions (the store left open)."""
    store = open_store(folder)
    profile = store.profile(name)
    for i in range(answers):
        store.record_answer(profile, "treaties", f"question-{i}", "1951", True, 1.0, 2.0)
    return store


def names_and_answers(folder: Path) -> tuple[list[str], int]:
    store = open_store(folder)
    try:
        names = store.profiles()
        return names, sum(len(store.answers(store.profile(n))) for n in names)
    finally:
        store.close()


# -- A -wal file from another database ---------------------------------------------------


def test_a_wal_file_from_another_folder_is_set_aside_and_erases_nothing(tmp_path: Path) -> None:
    other = a_class(tmp_path / "other-machine", "Someone else", 5)  # left open: its -wal stays
    ours = a_class(tmp_path / "ours", "Ann", 3)
    ours.close()
    # The class's folder gets the other machine's -wal, copied in with a data folder.
    foreign = (tmp_path / "other-machine" / WAL).read_bytes()
    assert len(foreign) > 32
    (tmp_path / "ours" / WAL).write_bytes(foreign)
    store = open_store(tmp_path / "ours")
    assert store.warning is not None
    assert store.warning.startswith(
        f"The file {WAL} beside the progress file does not belong to it (it belongs to "
        "another progress file; was it copied in from another folder?). It was kept as "
    )
    assert store.profiles() == ["Ann"]
    assert len(store.answers(store.profile("Ann"))) == 3
    store.close()
    aside = [p for p in (tmp_path / "ours").iterdir() if p.name.startswith(f"{WAL}.not-used-")]
    assert len(aside) == 1 and aside[0].read_bytes() == foreign  # kept, with the time
    assert names_and_answers(tmp_path / "ours") == (["Ann"], 3)  # and next time too
    other.close()


def test_a_wal_that_would_lose_records_is_set_aside_even_without_an_id(tmp_path: Path) -> None:
    # A database from before the id (schema 2): what the file alone holds must survive.
    other = a_class(tmp_path / "other", "Someone else", 2)
    ours = a_class(tmp_path / "ours", "Ann", 2)
    for connection in (other.connection, ours.connection):
        connection.execute("DROP TABLE meta")
        connection.execute("ALTER TABLE runs DROP COLUMN preview")
        connection.execute("DROP TABLE table_runs")  # schema 5's
        connection.execute("PRAGMA user_version = 2")
        connection.commit()
    ours.close()
    assert not (tmp_path / "ours" / WAL).exists()
    (tmp_path / "ours" / WAL).write_bytes((tmp_path / "other" / WAL).read_bytes())
    store = open_store(tmp_path / "ours")
    assert store.warning is not None and "would be lost" in store.warning
    assert store.profiles() == ["Ann"]
    store.close()
    other.close()


def test_the_databases_own_wal_after_a_crash_is_used(tmp_path: Path) -> None:
    store = a_class(tmp_path / "pc", "Ann", 4)
    # The machine was switched off with the game open: the folder as it was then.
    shutil.copytree(tmp_path / "pc", tmp_path / "copy")
    store.close()
    assert (tmp_path / "copy" / WAL).stat().st_size > 32
    again = open_store(tmp_path / "copy")
    assert again.warning is None
    assert again.profiles() == ["Ann"] and len(again.answers(again.profile("Ann"))) == 4
    again.close()
    assert [p.name for p in (tmp_path / "copy").iterdir() if "not-used" in p.name] == []


# -- A file damaged inside, tables without their columns -----------------------------------


def test_a_file_with_damaged_pages_is_kept_aside_and_play_goes_on(tmp_path: Path) -> None:
    a_class(tmp_path, "Ann", 300).close()
    path = tmp_path / DB_NAME
    page = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    assert len(data) >= 4 * page
    data[2 * page : 3 * page] = b"\xa5" * page  # a page in the middle, as a bad sector leaves it
    path.write_bytes(bytes(data))
    store = open_store(tmp_path)
    assert store.warning is not None
    assert store.warning.startswith("The progress file could not be read (it is damaged inside")
    assert "It was kept as progress.sqlite3.unreadable-" in store.warning
    kept = [p for p in tmp_path.iterdir() if p.name.startswith(f"{DB_NAME}.unreadable-")]
    assert len(kept) == 1 and kept[0].read_bytes() == bytes(data)
    profile = store.profile("Ann")  # a fresh file: play goes on, and is saved
    save_play(store, profile, GOLDEN.id, apply_choice(GOLDEN, start(GOLDEN), 1))
    store.close()
    again = open_store(tmp_path)
    assert again.warning is None
    resumed = resume_play(again, again.profile("Ann"), GOLDEN)
    assert resumed == apply_choice(GOLDEN, start(GOLDEN), 1)


@pytest.mark.parametrize(
    "change",
    [
        "ALTER TABLE saves RENAME COLUMN data TO stuff",
        "ALTER TABLE answers DROP COLUMN seconds",
        "DROP TABLE reviews",
    ],
)
def test_a_file_whose_tables_lack_their_columns_is_kept_aside(tmp_path: Path, change: str) -> None:
    a_class(tmp_path, "Ann", 2).close()
    tampered = sqlite3.connect(tmp_path / DB_NAME)
    tampered.execute(change)
    tampered.commit()
    tampered.close()
    store = open_store(tmp_path)
    assert store.warning is not None
    assert "does not have the columns this game expects" in store.warning
    assert "It was kept as progress.sqlite3.unreadable-" in store.warning
    profile = store.profile("Ann")
    assert store.saved(profile) == [] and store.answers(profile) == []
    store.save(profile, "quiz", QUIZ.id, {"seed": 1, "grades": []})  # the new file works


# -- Rows that cannot be read ---------------------------------------------------------


def test_damaged_rows_are_skipped_with_a_message_and_the_rest_is_kept(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    ann = store.profile("Ann")
    save_play(store, ann, GOLDEN.id, apply_choice(GOLDEN, start(GOLDEN), 1))
    progress = QuizProgress(QUIZ, 3)
    question = progress.question
    progress = progress.answered(grade(question, the_right_answer(question)))
    save_quiz(store, ann, progress, question.id, the_right_answer(question), 1.0)
    store.record_answer(ann, "treaties", "sf-year", "1951", True, 1.0)
    store.close()
    raw = sqlite3.connect(tmp_path / DB_NAME)
    # The saved quiz is not JSON, the saved game's JSON is not an object, a review card is
    # not JSON, one answer's score is text, a finished quiz's total is a blob.
    raw.execute("UPDATE saves SET data = '{\"seed\": 3, \"grades\": [' WHERE kind = 'quiz'")
    raw.execute("UPDATE saves SET data = '[1, 2, 3]' WHERE kind = 'scenario'")
    raw.execute("UPDATE reviews SET card = 'not json'")
    raw.execute("UPDATE answers SET score = 'full marks' WHERE quiz = 'treaties'")
    raw.execute(
        "INSERT INTO quiz_runs (profile_id, quiz, score, total, finished, uid) "
        "VALUES (1, 'treaties', 1, x'00', '2026-01-01', 'u1')"
    )
    raw.commit()
    raw.close()
    store = open_store(tmp_path)
    assert store.warning == (
        "Some saved progress could not be read (2 × a saved game or quiz, a review card, an "
        "answer, a finished quiz) and is skipped; play goes on."
    )
    ann = store.profile("Ann")
    assert resume_play(store, ann, GOLDEN) is None  # starts afresh, no crash
    assert resume_quiz(store, ann, QUIZ) is None
    assert latest_saved(store, ann, {GOLDEN.id: GOLDEN}, {QUIZ.id: QUIZ}) is None
    assert store.answers(ann) == [(QUIZ.id, question.id, True, 1.0)]  # the good one is kept
    assert store.quiz_runs(ann) == [] and store.review_card(ann, QUIZ.id, question.id) is None
    # Answering the question again writes a new card over the damaged one.
    save_quiz(store, ann, progress, question.id, the_right_answer(question), 1.0)
    card = store.review_card(ann, QUIZ.id, question.id)
    assert card is not None and isinstance(json.loads(card), dict)


def test_a_plain_game_with_a_damaged_save_starts_and_says_so(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    save_play(store, store.profile(), GOLDEN.id, apply_choice(GOLDEN, start(GOLDEN), 1))
    store.connection.execute("UPDATE saves SET data = 'not json'")
    store.connection.commit()
    store.close()
    said = []
    for _ in range(2):
        result = run_game(
            ["play", "tests/data/golden-scenario.yaml", "--plain"],
            cwd=ROOT,
            env={**os.environ, "TREATY_DATA_DIR": str(tmp_path)},
            stdin="1\n1\n",
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[-1] == "Ending: A framework agreement (counterfactual)"
        said.append(result.stderr)
    assert said[0] == (
        "Some saved progress could not be read (a saved game or quiz) and is skipped; "
        "play goes on.\n"
    )
    assert said[1] == ""  # the game played since took the damaged one's place


# -- A quiz finished: the score and the saved place in one transaction --------------------

FINISH_AND_DIE = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, "tests")
from game.store import progress
from game.store.games import resume_quiz, save_quiz
from helpers import the_right_answer
from test_store_faults import QUIZ

stop_after, writes = int(sys.argv[2]), 0
real = progress.Store._write

def write(self, *statements):
    global writes
    done = real(self, *statements)
    writes += 1
    if writes == stop_after:
        os.kill(os.getpid(), signal.SIGKILL)  # the power goes, just after this commit
    return done

progress.Store._write = write
store = progress.open_store(Path(sys.argv[1]))
profile = store.profile()
place = resume_quiz(store, profile, QUIZ)
question = place.question
answer = the_right_answer(question)
save_quiz(store, profile, place.answered(grade(question, answer)), question.id, answer)
print("finished", flush=True)
""".replace("from helpers", "from game.quiz import grade\nfrom helpers")


def test_a_game_killed_as_a_quiz_finishes_keeps_the_score_or_the_place(tmp_path: Path) -> None:
    start_folder = tmp_path / "start"
    store = open_store(start_folder)
    profile = store.profile()
    progress = QuizProgress(QUIZ, 1)
    total = len(QUIZ.questions)
    for _ in range(total - 1):  # every question but the last
        question = progress.question
        progress = progress.answered(grade(question, the_right_answer(question)))
        save_quiz(store, profile, progress, question.id, the_right_answer(question))
    store.close()
    for stop_after in range(1, 10):  # killed after the first write, the second, ...
        folder = tmp_path / f"killed-after-{stop_after}"
        shutil.copytree(start_folder, folder)
        child = subprocess.run(
            [sys.executable, "-c", FINISH_AND_DIE, str(folder), str(stop_after)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
        db = sqlite3.connect(folder / DB_NAME)
        answered = db.execute("SELECT count(*) FROM answers").fetchone()[0]
        scores = db.execute("SELECT count(*) FROM quiz_runs").fetchone()[0]
        places = db.execute("SELECT data FROM saves WHERE kind = 'quiz'").fetchall()
        db.close()
        assert scores == 1 or len(places) == 1  # the score, or the place: never neither
        # The score is there exactly when the last answer is; a place kept is the place
        # of every answer recorded, so the quiz resumes at the right question.
        assert scores == (answered == total)
        if places:
            assert len(json.loads(places[0][0])["grades"]) == answered
        if child.returncode == 0:
            assert child.stdout == "finished\n" and scores == 1 and not places
            break
        assert child.returncode == -9, child.stderr
    else:
        raise AssertionError("the quiz never finished")


# -- Two games creating the same student at once ----------------------------------------


def test_two_games_creating_the_same_new_profile_at_once_share_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = open_store(tmp_path), open_store(tmp_path)
    made: list[int] = []
    real = first._write

    def second_gets_there_first(*statements: tuple[str, tuple[object, ...]]) -> int | None:
        made.append(second.profile("Ann"))  # between the first's look and its insert
        return real(*statements)

    monkeypatch.setattr(first, "_write", second_gets_there_first)
    assert first.profile("Ann") == made[0] != 0
    assert first.warning is None and not first.unwritable
    assert first.profiles() == second.profiles() == ["Ann"]


class FailingDisk:
    """A connection whose file fails every read and write, as when it is damaged (or the
    disk fails) after the game opened it."""

    def execute(self, *args: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    def __enter__(self) -> "FailingDisk":
        return self

    def __exit__(self, *args: object) -> None:
        return None


def test_a_file_that_fails_during_play_is_said_and_play_goes_on(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    profile = store.profile("Ann")
    store.connection = FailingDisk()  # type: ignore[assignment]
    assert store.saved(profile) == [] and store.answers(profile) == []
    assert store.missed(profile) == [] and store.profiles() == []
    assert latest_saved(store, profile, {GOLDEN.id: GOLDEN}, {QUIZ.id: QUIZ}) is None
    assert (
        store.warning
        == "Progress could not be read (database disk image is malformed); play goes on."
    )
    save_play(store, profile, GOLDEN.id, apply_choice(GOLDEN, start(GOLDEN), 1))
    assert store.unwritable
    assert store.warning == (
        "Progress cannot be saved (database disk image is malformed); play goes on without saving."
    )


def test_a_wal_from_another_folder_that_only_changes_saved_games_is_set_aside(
    tmp_path: Path,
) -> None:
    """The attack from the trial: folder B's student was created earlier (so B's -wal holds
    only a saved game), and B's -wal is copied beside A's file."""
    ours = open_store(tmp_path / "ours")
    ann = ours.profile("Ann")
    mine = apply_choice(GOLDEN, start(GOLDEN), 1)
    save_play(ours, ann, GOLDEN.id, mine)
    ours.close()
    theirs = open_store(tmp_path / "theirs")
    theirs.profile("Ann")
    theirs.close()
    theirs = open_store(tmp_path / "theirs")  # a later session: only a saved game is written
    save_play(theirs, theirs.profile("Ann"), "another-scenario", start(GOLDEN))
    foreign = (tmp_path / "theirs" / WAL).read_bytes()
    assert len(foreign) > 32
    (tmp_path / "ours" / WAL).write_bytes(foreign)
    store = open_store(tmp_path / "ours")
    assert store.warning is not None and "does not belong to it" in store.warning
    assert resume_play(store, store.profile("Ann"), GOLDEN) == mine
    assert store.load(store.profile("Ann"), "scenario", "another-scenario") is None
    store.close()
    theirs.close()
