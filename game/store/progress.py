"""Progress that is never lost: one SQLite database per data folder, written as it happens.

Every write is its own transaction, so a game killed mid-write keeps everything committed
before. A file that is not a database is moved aside and a fresh one started; a locked or
unwritable database is reported once and play goes on without saving.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DB_NAME = "progress.sqlite3"
SCHEMA_VERSION = 2

MIGRATIONS: list[str] = [
    # 0 -> 1: profiles, saved games, finished runs, quiz answers.
    """
    CREATE TABLE profiles (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created TEXT NOT NULL
    );
    CREATE TABLE saves (
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        item TEXT NOT NULL,
        data TEXT NOT NULL,
        updated TEXT NOT NULL,
        PRIMARY KEY (profile_id, kind, item)
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        scenario TEXT NOT NULL,
        path TEXT NOT NULL,
        meters TEXT NOT NULL,
        ending TEXT NOT NULL,
        finished TEXT NOT NULL
    );
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        quiz TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        right INTEGER NOT NULL,
        score REAL NOT NULL,
        seconds REAL,
        answered TEXT NOT NULL
    );
    """,
    # 1 -> 2: review cards (fsrs), finished quizzes, and an id for every attempt so that
    # data folders copied from several machines merge without counting one twice.
    """
    CREATE TABLE reviews (
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        quiz TEXT NOT NULL,
        question TEXT NOT NULL,
        card TEXT NOT NULL,
        due TEXT NOT NULL,
        PRIMARY KEY (profile_id, quiz, question)
    );
    CREATE INDEX reviews_due ON reviews (profile_id, due);
    CREATE TABLE quiz_runs (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        quiz TEXT NOT NULL,
        score REAL NOT NULL,
        total INTEGER NOT NULL,
        finished TEXT NOT NULL,
        uid TEXT NOT NULL UNIQUE
    );
    ALTER TABLE answers ADD COLUMN uid TEXT;
    UPDATE answers SET uid = lower(hex(randomblob(16)));
    CREATE UNIQUE INDEX answers_uid ON answers (uid);
    ALTER TABLE runs ADD COLUMN uid TEXT;
    UPDATE runs SET uid = lower(hex(randomblob(16)));
    CREATE UNIQUE INDEX runs_uid ON runs (uid);
    """,
]


def default_data_dir() -> Path:
    """`TREATY_DATA_DIR`, or the user data folder of this system (platformdirs)."""
    given = os.environ.get("TREATY_DATA_DIR")
    if given:
        return Path(given)
    from platformdirs import user_data_dir

    return Path(user_data_dir("treaty-talks", appauthor=False))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _utc(moment: datetime) -> str:
    """A moment as ISO 8601 in UTC, so that text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _uid() -> str:
    return uuid.uuid4().hex


class Store:
    """The progress database. Use `open_store` to get one."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self.connection = connection
        self.path = path
        self.warning: str | None = None
        """What went wrong, in words for the student, when something did; play goes on."""
        self.lock = threading.Lock()
        self.unwritable = False
        """Set when a write failed (locked, read-only or full disk): later ones are skipped."""

    def _write(self, *statements: tuple[str, tuple[Any, ...]]) -> int | None:
        """Run `statements` in one transaction; the last row id, or None when the disk
        refused (then `warning` says so and later writes are skipped)."""
        if self.unwritable:
            return None
        try:
            with self.lock, self.connection:
                last: int | None = None
                for sql, params in statements:
                    last = self.connection.execute(sql, params).lastrowid
                return last
        except sqlite3.OperationalError as exc:
            self.unwritable = True
            self.warning = f"Progress cannot be saved ({exc}); play goes on without saving."
            return None

    def profile(self, name: str = "default") -> int:
        """The id of the profile `name`, created on first use."""
        with self.lock:
            found = self.connection.execute("SELECT id FROM profiles WHERE name = ?", (name,))
            row = found.fetchone()
        if row is not None:
            return int(row[0])
        return (
            self._write(("INSERT INTO profiles (name, created) VALUES (?, ?)", (name, _now()))) or 0
        )

    def latest(self, profile_id: int, kind: str) -> tuple[str, dict[str, Any]] | None:
        """The most recently saved game of `kind`, as (item, data)."""
        with self.lock:
            row = self.connection.execute(
                "SELECT item, data FROM saves WHERE profile_id = ? AND kind = ? "
                "ORDER BY updated DESC, rowid DESC LIMIT 1",
                (profile_id, kind),
            ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def saved(self, profile_id: int) -> list[tuple[str, str, dict[str, Any]]]:
        """Every game and quiz left part-way, as (kind, item, data), the latest first."""
        with self.lock:
            rows = self.connection.execute(
                "SELECT kind, item, data FROM saves WHERE profile_id = ? "
                "ORDER BY updated DESC, rowid DESC",
                (profile_id,),
            ).fetchall()
        return [(r[0], r[1], json.loads(r[2])) for r in rows]

    def profiles(self) -> list[str]:
        """The names of the profiles, in alphabetical order."""
        with self.lock:
            rows = self.connection.execute("SELECT name FROM profiles ORDER BY name").fetchall()
        return [r[0] for r in rows]

    def save(self, profile_id: int, kind: str, item: str, data: dict[str, Any]) -> None:
        """Keep `data` as the saved game of kind `kind` ('scenario', 'quiz') for `item`."""
        self._write(
            (
                "INSERT INTO saves (profile_id, kind, item, data, updated) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (profile_id, kind, item) "
                "DO UPDATE SET data = excluded.data, updated = excluded.updated",
                (profile_id, kind, item, json.dumps(data), _now()),
            )
        )

    def load(self, profile_id: int, kind: str, item: str) -> dict[str, Any] | None:
        with self.lock:
            row = self.connection.execute(
                "SELECT data FROM saves WHERE profile_id = ? AND kind = ? AND item = ?",
                (profile_id, kind, item),
            ).fetchone()
        return json.loads(row[0]) if row else None

    def forget(self, profile_id: int, kind: str, item: str) -> None:
        self._write(
            (
                "DELETE FROM saves WHERE profile_id = ? AND kind = ? AND item = ?",
                (profile_id, kind, item),
            )
        )

    def record_run(
        self,
        profile_id: int,
        scenario: str,
        path: list[tuple[str, int]],
        meters: dict[str, int],
        ending: str,
    ) -> None:
        """A finished playthrough; its saved game is removed in the same transaction."""
        self._write(
            (
                "INSERT INTO runs (profile_id, scenario, path, meters, ending, finished, uid) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    profile_id,
                    scenario,
                    json.dumps(path),
                    json.dumps(meters),
                    ending,
                    _now(),
                    _uid(),
                ),
            ),
            (
                "DELETE FROM saves WHERE profile_id = ? AND kind = 'scenario' AND item = ?",
                (profile_id, scenario),
            ),
        )

    def endings_reached(self, profile_id: int, scenario: str) -> set[str]:
        with self.lock:
            rows = self.connection.execute(
                "SELECT DISTINCT ending FROM runs WHERE profile_id = ? AND scenario = ?",
                (profile_id, scenario),
            ).fetchall()
        return {r[0] for r in rows}

    def record_answer(
        self,
        profile_id: int,
        quiz: str,
        question: str,
        answer: Any,
        right: bool,
        score: float,
        seconds: float | None = None,
        review: tuple[str, datetime] | None = None,
        when: datetime | None = None,
    ) -> None:
        """An answer as graded, and (in the same transaction) the question's review card
        and next due date."""
        answered = (when or datetime.now(UTC)).isoformat(timespec="seconds")
        row = (profile_id, quiz, question, json.dumps(answer, default=sorted), int(right))
        statements: list[tuple[str, tuple[Any, ...]]] = [
            (
                "INSERT INTO answers (profile_id, quiz, question, answer, right, score, "
                "seconds, answered, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*row, score, seconds, answered, _uid()),
            )
        ]
        if review is not None:
            card, due = review
            statements.append(
                (
                    "INSERT INTO reviews (profile_id, quiz, question, card, due) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (profile_id, quiz, question) "
                    "DO UPDATE SET card = excluded.card, due = excluded.due",
                    (profile_id, quiz, question, card, _utc(due)),
                )
            )
        self._write(*statements)

    def review_card(self, profile_id: int, quiz: str, question: str) -> str | None:
        """The question's review card (JSON), if it has been answered before."""
        with self.lock:
            row = self.connection.execute(
                "SELECT card FROM reviews WHERE profile_id = ? AND quiz = ? AND question = ?",
                (profile_id, quiz, question),
            ).fetchone()
        return str(row[0]) if row else None

    def due(self, profile_id: int, now: datetime | None = None) -> list[tuple[str, str]]:
        """The questions due for review by `now`, as (quiz, question), most overdue first."""
        with self.lock:
            rows = self.connection.execute(
                "SELECT quiz, question FROM reviews WHERE profile_id = ? AND due <= ? "
                "ORDER BY due, quiz, question",
                (profile_id, _utc(now or datetime.now(UTC))),
            ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def record_quiz_run(
        self, profile_id: int, quiz: str, score: float, total: int, when: datetime | None = None
    ) -> None:
        """A quiz taken to the end, with its score out of `total`."""
        finished = (when or datetime.now(UTC)).isoformat(timespec="seconds")
        self._write(
            (
                "INSERT INTO quiz_runs (profile_id, quiz, score, total, finished, uid) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (profile_id, quiz, score, total, finished, _uid()),
            )
        )

    def quiz_runs(self, profile_id: int) -> list[tuple[str, float, int, str]]:
        """Every quiz taken to the end: (quiz, score, total, when), oldest first."""
        with self.lock:
            rows = self.connection.execute(
                "SELECT quiz, score, total, finished FROM quiz_runs WHERE profile_id = ? "
                "ORDER BY finished, id",
                (profile_id,),
            ).fetchall()
        return [(r[0], float(r[1]), int(r[2]), r[3]) for r in rows]

    def runs(self, profile_id: int) -> list[tuple[str, str, str]]:
        """Every playthrough finished: (scenario, ending, when), oldest first."""
        with self.lock:
            rows = self.connection.execute(
                "SELECT scenario, ending, finished FROM runs WHERE profile_id = ? "
                "ORDER BY finished, id",
                (profile_id,),
            ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def missed(self, profile_id: int, most: int = 5) -> list[tuple[str, str, int, int]]:
        """The questions most often not answered wholly right: (quiz, question, times
        missed, times answered), most missed first."""
        with self.lock:
            rows = self.connection.execute(
                "SELECT quiz, question, sum(1 - right) AS misses, count(*) FROM answers "
                "WHERE profile_id = ? GROUP BY quiz, question HAVING misses > 0 "
                "ORDER BY misses DESC, max(id) DESC LIMIT ?",
                (profile_id, most),
            ).fetchall()
        return [(r[0], r[1], int(r[2]), int(r[3])) for r in rows]

    def answers(self, profile_id: int) -> list[tuple[str, str, bool, float]]:
        with self.lock:
            rows = self.connection.execute(
                "SELECT quiz, question, right, score FROM answers WHERE profile_id = ? ORDER BY id",
                (profile_id,),
            ).fetchall()
        return [(r[0], r[1], bool(r[2]), float(r[3])) for r in rows]

    def close(self) -> None:
        self.connection.close()


def migrate(connection: sqlite3.Connection) -> None:
    """Bring a progress database up to `SCHEMA_VERSION`, one step at a time. Two copies of
    the game starting at once (two visitors of `treaty serve`) take turns: the second waits
    for the first's migration, then finds nothing left to do."""
    if _version(connection) == SCHEMA_VERSION:
        return
    saved_level = connection.isolation_level
    connection.isolation_level = None  # the transaction below is ours, statement by statement
    try:
        connection.execute("BEGIN IMMEDIATE")  # one migrator at a time
        try:
            version = _version(connection)
            for target in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[target].split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {target + 1}")
            connection.execute("COMMIT")  # all steps or none: a cut-off migration leaves none
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.isolation_level = saved_level


def _version(connection: sqlite3.Connection) -> int:
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(
            f"the progress file is from a newer version of the game (schema {version})"
        )
    return version


def _connect(path: Path | None) -> sqlite3.Connection:
    # The app writes from a worker thread; the lock in Store keeps one statement at a time.
    connection = sqlite3.connect(
        ":memory:" if path is None else path, timeout=2.0, check_same_thread=False
    )
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        migrate(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _connect_patiently(path: Path, tries: int = 4) -> sqlite3.Connection:
    """Connect, waiting a little longer each time the file is busy: copies of the game
    starting together (visitors of `treaty serve`) each need it for a moment. SQLite's own
    wait does not cover every case (switching to WAL, for one), so try again."""
    for attempt in range(tries):
        try:
            return _connect(path)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
            time.sleep(0.1 * 2**attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def open_store(data_dir: Path | None = None) -> Store:
    """The store in `data_dir` (default: `default_data_dir()`). Never raises: a corrupt
    file is moved aside and a fresh one started; when the folder cannot be written or the
    database is locked, progress is kept in memory for this session. `store.warning` then
    says what happened, in words for the student."""
    folder = data_dir or default_data_dir()
    path = folder / DB_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return Store(_connect_patiently(path), path)
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc):
            store = Store(_connect(None), None)
            store.warning = (
                f"The progress file {path} is in use by another copy of the game; "
                "progress this time is not saved (nothing already saved is lost)."
            )
            return store
        if isinstance(exc, sqlite3.OperationalError):
            # Not a damaged file (a full or read-only disk, say): never moved aside.
            store = Store(_connect(None), None)
            store.warning = f"Progress cannot be saved in {folder} ({exc}); play goes on."
            return store
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = path.with_name(f"{path.name}.unreadable-{stamp}")
        try:
            path.rename(aside)
            store = Store(_connect(path), path)
            store.warning = (
                f"The progress file could not be read ({exc}). It was kept as {aside.name} "
                "and a new one started."
            )
        except (OSError, sqlite3.DatabaseError) as again:
            store = Store(_connect(None), None)
            store.warning = f"Progress cannot be saved ({again}); play goes on without saving."
        return store
    except OSError as exc:
        store = Store(_connect(None), None)
        store.warning = f"Progress cannot be saved in {folder} ({exc.strerror}); play goes on."
        return store
