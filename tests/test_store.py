"""Progress that is never lost: the store, its faults, and continuing a plain game."""

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from inprocess import run_game

from game.store.progress import DB_NAME, MIGRATIONS, SCHEMA_VERSION, open_store

ROOT = Path(__file__).resolve().parent.parent


def test_saves_runs_and_answers_are_kept_per_profile(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store.warning is None
    ann, ben = store.profile("ann"), store.profile("ben")
    store.save(ann, "scenario", "s", {"path": [["opening", 1]]})
    store.record_answer(ben, "q", "a1", frozenset({"x"}), False, 0.5, 3.0)
    store.close()
    again = open_store(tmp_path)
    assert again.profile("ann") == ann
    assert again.load(ann, "scenario", "s") == {"path": [["opening", 1]]}
    assert again.load(ben, "scenario", "s") is None
    assert again.answers(ben) == [("q", "a1", False, 0.5)] and again.answers(ann) == []
    again.record_run(ann, "s", [("opening", 1)], {"trust": 50}, "deal")
    assert again.load(ann, "scenario", "s") is None  # the finished game is no longer saved
    assert again.endings_reached(ann, "s") == {"deal"}
    assert sorted(again.profiles()) == ["ann", "ben"]


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_migrates_from_every_earlier_version(tmp_path: Path, version: int) -> None:
    # A database as an earlier version of the game left it (0: a new, empty file).
    old = sqlite3.connect(tmp_path / DB_NAME)
    for step in MIGRATIONS[:version]:
        old.executescript(step)
    old.execute(f"PRAGMA user_version = {version}")
    if version >= 1:
        old.execute("INSERT INTO profiles (name, created) VALUES ('ann', '2026-01-01')")
        old.execute(
            "INSERT INTO answers (profile_id, quiz, question, answer, right, score, answered) "
            "VALUES (1, 'treaties', 'sf-year', '\"1951\"', 1, 1.0, '2026-01-01T10:00:00')"
        )
        if version >= 3:  # from schema 3 on, every answer was written with its id
            old.execute("UPDATE answers SET uid = lower(hex(randomblob(16)))")
    old.commit()
    old.close()
    store = open_store(tmp_path)
    assert store.warning is None
    assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in store.connection.execute("SELECT name FROM sqlite_master")}
    assert {"profiles", "saves", "runs", "answers"} <= tables
    assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    if version >= 1:
        assert "ann" in store.profiles()  # what the student had is still there
        assert store.answers(1) == [("treaties", "sf-year", True, 1.0)]
        uids = store.connection.execute("SELECT uid FROM answers").fetchall()
        assert uids[0][0] and len(uids[0][0]) == 32  # an id, for merging copied folders


def test_a_database_from_a_newer_game_is_left_where_it_is_untouched(tmp_path: Path) -> None:
    newer = sqlite3.connect(tmp_path / DB_NAME)
    newer.execute("CREATE TABLE future (x)")
    newer.execute("INSERT INTO future VALUES ('a student of the future')")
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    newer.commit()
    newer.close()
    before = (tmp_path / DB_NAME).read_bytes()
    store = open_store(tmp_path)
    assert store.warning is not None
    assert "was saved by a newer version of the game: update Treaty Talks" in store.warning
    assert "left as it was" in store.warning
    assert store.path is None  # this session is not saved into it
    store.save(store.profile(), "quiz", "q", {"grades": []})
    store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_NAME]  # nothing renamed or added
    assert (tmp_path / DB_NAME).read_bytes() == before


def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"these are not the bytes of a database" * 50)
    store = open_store(tmp_path)
    assert store.warning is not None
    assert store.warning.startswith("The progress file could not be read (file is not a database).")
    kept = [p for p in tmp_path.iterdir() if ".unreadable-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"these are not")
    profile = store.profile()
    store.save(profile, "quiz", "q", {"grades": []})
    assert store.load(profile, "quiz", "q") == {"grades": []}


def test_a_locked_database_is_reported_and_play_goes_on(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    profile = store.profile()
    other = sqlite3.connect(tmp_path / DB_NAME, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    store.save(profile, "scenario", "s", {"path": []})  # waits briefly, then gives up
    assert store.warning is not None and "locked" in store.warning
    other.rollback()
    other.close()


WRITER = """
import sys
from pathlib import Path
from game.store.progress import open_store
store = open_store(Path(sys.argv[1]))
profile = store.profile()
for i in range(100000):
    store.record_answer(profile, "q", f"question-{i}", i, True, 1.0)
    print(i, flush=True)
"""


def test_killed_mid_write_keeps_everything_committed(tmp_path: Path) -> None:
    rng = random.Random(7)
    for attempt in range(50):
        folder = tmp_path / f"kill-{attempt}"
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder)], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout is not None
        last = -1
        wanted = rng.randrange(1, 60)
        for line in writer.stdout:
            last = int(line)
            if last >= wanted:
                break
        writer.kill()  # SIGKILL, as a power cut would
        writer.wait()
        connection = sqlite3.connect(folder / DB_NAME)
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = connection.execute("SELECT count(*) FROM answers").fetchone()[0]
        assert count >= last + 1  # everything reported as committed is there
        connection.close()


def run_plain(
    command: str, file: str, stdin: str, data: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    """`treaty COMMAND FILE --plain` as a student would run it, progress kept in `data`."""
    return run_game(
        [command, file, "--plain", *extra],
        cwd=ROOT,
        env={**os.environ, "TREATY_DATA_DIR": str(data)},
        stdin=stdin,
    )


def play(stdin: str, data: Path) -> subprocess.CompletedProcess[str]:
    return run_plain("play", "tests/data/golden-scenario.yaml", stdin, data)


def test_a_plain_game_stopped_half_way_continues_where_it_was(tmp_path: Path) -> None:
    first = play("1\n", tmp_path)
    assert "Your choices are saved" in first.stdout
    second = play("1\n1\n", tmp_path)
    assert "You were part-way through this scenario (1 choice made)." in second.stdout
    assert "Continuing where you left off (1 choice made)." in second.stdout
    assert second.stdout.splitlines()[-1] == "Ending: A framework agreement (counterfactual)"
    third = play("", tmp_path)
    assert "part-way" not in third.stdout  # a finished game starts afresh
    store = open_store(tmp_path)
    assert store.endings_reached(store.profile(), "golden-scenario") == {"framework-agreed"}


def test_starting_again_forgets_the_saved_game(tmp_path: Path) -> None:
    play("1\n", tmp_path)
    # An answer that is neither 1 nor 2 is asked again, not taken as "continue".
    again = play("no\n2\n2\n2\n", tmp_path)
    assert "Please type 1 (continue) or 2 (start again)" in again.stdout
    assert "Continuing" not in again.stdout
    assert again.stdout.splitlines()[-1] == "Ending: Positions restated (counterfactual)"


def quiz(stdin: str, data: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_plain("quiz", "tests/data/format-quiz.yaml", stdin, data, *extra)


def test_a_plain_quiz_stopped_half_way_continues_with_its_score(tmp_path: Path) -> None:
    first = quiz("1\n1\n", tmp_path, "--seed", "3")
    assert first.stdout.splitlines()[-1].startswith("Stopped after 2 of 6 questions.")
    second = quiz("1\n", tmp_path)
    assert "You were part-way through this quiz (2 questions answered)." in second.stdout
    assert "Continuing at question 3; score so far" in second.stdout
    store = open_store(tmp_path)
    answered = store.answers(store.profile())
    assert [question for _, question, _, _ in answered] == ["sf-year", "declaration-islands"]
    assert all(q == "format-example" for q, _, _, _ in answered)


OPENER = """
import sys, time
from pathlib import Path
from game.store.progress import open_store
start = float(sys.argv[2])
while time.time() < start:
    pass
store = open_store(Path(sys.argv[1]))
store.profile(sys.argv[3])
print(store.warning or "ok", flush=True)
"""


def test_copies_of_the_game_starting_at_once_share_one_database(tmp_path: Path) -> None:
    # Visitors of `treaty serve` arriving together: each game opens (and the first
    # migrates) the same new file at the same moment.
    import time

    at = time.time() + 1.0
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(tmp_path), str(at), f"student-{n}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(8)
    ]
    said = [opener.communicate(timeout=60)[0].strip() for opener in openers]
    assert said == ["ok"] * 8
    assert [p.name for p in tmp_path.iterdir() if ".unreadable-" in p.name] == []
    store = open_store(tmp_path)
    assert sorted(store.profiles()) == [f"student-{n}" for n in range(8)]


def locked_by_another_copy(data: Path) -> sqlite3.Connection:
    """The progress file in `data`, readable but held for writing by another program."""
    open_store(data).close()
    other = sqlite3.connect(data / DB_NAME, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    return other


def test_a_plain_game_says_when_the_profile_cannot_be_saved(tmp_path: Path) -> None:
    other = locked_by_another_copy(tmp_path)
    try:
        result = play("1\n", tmp_path)
    finally:
        other.rollback()
        other.close()
    assert result.returncode == 0
    assert result.stderr == (
        "Progress cannot be saved (database is locked); play goes on without saving.\n"
    )
    assert "Your choices are saved" not in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "Stopped before the end. Your choices could not be saved (see the message above), "
        "so the game will start from the beginning next time."
    )
    assert "part-way" not in play("", tmp_path).stdout  # indeed nothing was kept


def test_a_plain_quiz_says_when_an_answer_cannot_be_saved(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.profile()  # the student is known; it is the answers that cannot be saved
    store.close()
    other = locked_by_another_copy(tmp_path)
    try:
        result = quiz("1\n1\n", tmp_path, "--seed", "3")
    finally:
        other.rollback()
        other.close()
    assert result.returncode == 0
    assert result.stderr == (
        "Progress cannot be saved (database is locked); play goes on without saving.\n"
    )
    assert result.stdout.splitlines()[-1].endswith(
        "Your answers could not be saved (see the message above), so the quiz will start "
        "from the beginning next time."
    )
    store = open_store(tmp_path)
    assert store.answers(store.profile()) == []
