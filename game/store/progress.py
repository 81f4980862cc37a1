"""Progress that is never lost: one SQLite database per data folder, written as it happens.

Every write is its own transaction, so a game killed mid-write keeps everything committed
before. A file that is not a database, or is damaged inside, is moved aside and a fresh one
started; a `-wal` file that belongs to another database is set aside before SQLite can use
it; a file from a newer version of the game is left where it is, untouched; a locked or
unwritable database is reported once and play goes on without saving. Every row read is
checked: one that is damaged is skipped (and said), never a crash.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sqlite3
import tempfile
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

DB_NAME = "progress.sqlite3"
SCHEMA_VERSION = 4
WAL_HEADER = 32
"""Bytes in a `-wal` file's header: a file no longer than this holds no changes."""

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
    # 2 -> 3: an id for the database itself, so that a -wal file copied in from another
    # database's folder is recognised before SQLite uses it; attempts saved without an id
    # get one.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO meta (key, value) VALUES ('database_id', lower(hex(randomblob(16))));
    UPDATE answers SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
    UPDATE runs SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
    """,
    # 3 -> 4: a teacher's preview (`treaty play FILE --watch`) is marked as one, so that
    # the class report leaves it out.
    """
    ALTER TABLE runs ADD COLUMN preview INTEGER NOT NULL DEFAULT 0;
    """,
]


class NewerFile(sqlite3.DatabaseError):
    """A progress file written by a newer version of the game: left as it is."""


class Damaged(sqlite3.DatabaseError):
    """A progress file damaged inside (bad pages, tables without their columns)."""


SKIPPED = "Some saved progress could not be read ({what}) and is skipped; play goes on."


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


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _json_object(value: object) -> dict[str, Any] | None:
    """`value` read as a JSON object, or None when it is not one (damaged, tampered)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) else None


# What a row of each table must hold to be used; one home for the rule, used by the
# reads below and by the survey made when the file is opened.
def _good_save(row: tuple[Any, ...]) -> bool:
    kind, item, data = row
    return _is_text(kind) and _is_text(item) and _json_object(data) is not None


def _good_review(row: tuple[Any, ...]) -> bool:
    quiz, question, card, due = row
    return all(map(_is_text, (quiz, question, due))) and _json_object(card) is not None


def _good_answer(row: tuple[Any, ...]) -> bool:
    quiz, question, right, score, seconds, answered = row
    return (
        all(map(_is_text, (quiz, question, answered)))
        and right in (0, 1)
        and _is_number(right)
        and _is_number(score)
        and (seconds is None or _is_number(seconds))
    )


def _good_run(row: tuple[Any, ...]) -> bool:
    return all(map(_is_text, row))


def _good_quiz_run(row: tuple[Any, ...]) -> bool:
    quiz, score, total, finished = row
    return (
        _is_text(quiz)
        and _is_number(score)
        and isinstance(total, int)
        and total > 0
        and _is_text(finished)
    )


_SURVEY: list[tuple[str, str, Callable[[tuple[Any, ...]], bool]]] = [
    ("a student's name", "SELECT name FROM profiles", lambda row: _is_text(row[0])),
    ("a saved game or quiz", "SELECT kind, item, data FROM saves", _good_save),
    ("a review card", "SELECT quiz, question, card, due FROM reviews", _good_review),
    (
        "an answer",
        "SELECT quiz, question, right, score, seconds, answered FROM answers",
        _good_answer,
    ),
    ("a finished game", "SELECT scenario, ending, finished FROM runs", _good_run),
    ("a finished quiz", "SELECT quiz, score, total, finished FROM quiz_runs", _good_quiz_run),
]


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
        self.previewing = False
        """Set for a teacher's live preview: the games it finishes are marked as previews."""

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
                # Every write also counts itself in `meta`, beside the database's id: so
                # every `-wal` holds its database's id, and one from another database is
                # told apart by it (`wal_mismatch`), whatever else it changes.
                self.connection.execute(_COUNT_WRITE)
                return last
        except sqlite3.DatabaseError as exc:  # locked, read-only, full, damaged meanwhile
            self.unwritable = True
            self.warning = f"Progress cannot be saved ({exc}); play goes on without saving."
            return None

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """The rows of `sql`; none when the file fails to be read (damaged since it was
        opened, a disk error), and `warning` says so."""
        try:
            with self.lock:
                return self.connection.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            if self.warning is None:
                self.warning = f"Progress could not be read ({exc}); play goes on."
            return []

    def _rows(
        self, sql: str, params: tuple[Any, ...], good: Callable[[tuple[Any, ...]], bool], what: str
    ) -> list[tuple[Any, ...]]:
        """The rows of `sql` that `good` accepts; any other is skipped, and said once."""
        rows = self._query(sql, params)
        kept = [row for row in rows if good(row)]
        if len(kept) < len(rows) and self.warning is None:
            self.warning = SKIPPED.format(what=what)
        return kept

    def survey(self) -> str | None:
        """What in the file cannot be used (rows damaged or tampered with), in words for
        the student, or None when every row can be used."""
        bad: list[str] = []
        for what, sql, good in _SURVEY:
            rows = self._query(sql)
            count = sum(1 for row in rows if not good(row))
            if count:
                bad.append(what if count == 1 else f"{count} × {what}")
        return SKIPPED.format(what=", ".join(bad)) if bad else None

    def profile(self, name: str = "default") -> int:
        """The id of the profile `name` (as `profile_name` keeps it), created on first
        use. Two copies of the game creating the same name at once both get the one
        profile."""
        name = profile_name(name) or "default"
        found = self._query("SELECT id FROM profiles WHERE name = ?", (name,))
        if found:
            return int(found[0][0])
        self._write(
            (
                "INSERT INTO profiles (name, created) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                (name, _now()),
            )
        )
        found = self._query("SELECT id FROM profiles WHERE name = ?", (name,))
        return int(found[0][0]) if found else 0

    def latest(self, profile_id: int, kind: str) -> tuple[str, dict[str, Any]] | None:
        """The most recently saved game of `kind`, as (item, data)."""
        rows = self._rows(
            "SELECT kind, item, data FROM saves WHERE profile_id = ? AND kind = ? "
            "ORDER BY updated DESC, rowid DESC",
            (profile_id, kind),
            _good_save,
            "a saved game",
        )
        if not rows:
            return None
        data = _json_object(rows[0][2])
        assert data is not None
        return rows[0][1], data

    def saved(self, profile_id: int) -> list[tuple[str, str, dict[str, Any]]]:
        """Every game and quiz left part-way, as (kind, item, data), the latest first."""
        rows = self._rows(
            "SELECT kind, item, data FROM saves WHERE profile_id = ? "
            "ORDER BY updated DESC, rowid DESC",
            (profile_id,),
            _good_save,
            "a saved game",
        )
        return [(r[0], r[1], _json_object(r[2]) or {}) for r in rows]

    def profiles(self) -> list[str]:
        """The names of the profiles, in alphabetical order."""
        rows = self._rows(
            "SELECT name FROM profiles ORDER BY name", (), lambda r: _is_text(r[0]), "a name"
        )
        # Names are shown as `profile_name` keeps them, even one written by an older
        # version of the game or by hand.
        return sorted({n for r in rows if (n := profile_name(r[0])) is not None}, key=str)

    def save(self, profile_id: int, kind: str, item: str, data: dict[str, Any]) -> None:
        """Keep `data` as the saved game of kind `kind` ('scenario', 'quiz') for `item`."""
        self._write(_save_statement(profile_id, kind, item, data))

    def load(self, profile_id: int, kind: str, item: str) -> dict[str, Any] | None:
        rows = self._rows(
            "SELECT kind, item, data FROM saves WHERE profile_id = ? AND kind = ? AND item = ?",
            (profile_id, kind, item),
            _good_save,
            "a saved game",
        )
        return _json_object(rows[0][2]) if rows else None

    def forget(self, profile_id: int, kind: str, item: str) -> None:
        self._write(_forget_statement(profile_id, kind, item))

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
                "INSERT INTO runs (profile_id, scenario, path, meters, ending, finished, uid, "
                "preview) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    profile_id,
                    scenario,
                    json.dumps(path),
                    json.dumps(meters),
                    ending,
                    _now(),
                    _uid(),
                    int(self.previewing),
                ),
            ),
            _forget_statement(profile_id, "scenario", scenario),
        )

    def endings_reached(self, profile_id: int, scenario: str) -> set[str]:
        rows = self._rows(
            "SELECT DISTINCT ending FROM runs WHERE profile_id = ? AND scenario = ?",
            (profile_id, scenario),
            lambda r: _is_text(r[0]),
            "a finished game",
        )
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
        *,
        place: tuple[str, dict[str, Any] | None] | None = None,
        finished: tuple[str, float, int] | None = None,
    ) -> None:
        """An answer as graded, and in the same transaction: the question's review card
        and next due date; the quiz's place (`place`: the quiz and its saved place, or None
        to forget it); the quiz's score when it is `finished` (the quiz, score, total)."""
        moment = when or datetime.now(UTC)
        answered = moment.isoformat(timespec="seconds")
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
        if place is not None:
            quiz_id, data = place
            if data is None:
                statements.append(_forget_statement(profile_id, "quiz", quiz_id))
            else:
                statements.append(_save_statement(profile_id, "quiz", quiz_id, data))
        if finished is not None:
            statements.append(_quiz_run_statement(profile_id, *finished, moment))
        self._write(*statements)

    def review_card(self, profile_id: int, quiz: str, question: str) -> str | None:
        """The question's review card (JSON), if it has been answered before and its
        card can be read."""
        rows = self._rows(
            "SELECT quiz, question, card, due FROM reviews "
            "WHERE profile_id = ? AND quiz = ? AND question = ?",
            (profile_id, quiz, question),
            _good_review,
            "a review card",
        )
        return str(rows[0][2]) if rows else None

    def due(self, profile_id: int, now: datetime | None = None) -> list[tuple[str, str]]:
        """The questions due for review by `now`, as (quiz, question), most overdue first."""
        rows = self._rows(
            "SELECT quiz, question, card, due FROM reviews WHERE profile_id = ? AND due <= ? "
            "ORDER BY due, quiz, question",
            (profile_id, _utc(now or datetime.now(UTC))),
            _good_review,
            "a review card",
        )
        return [(r[0], r[1]) for r in rows]

    def record_quiz_run(
        self, profile_id: int, quiz: str, score: float, total: int, when: datetime | None = None
    ) -> None:
        """A quiz taken to the end, with its score out of `total`."""
        self._write(_quiz_run_statement(profile_id, quiz, score, total, when))

    def quiz_runs(self, profile_id: int) -> list[tuple[str, float, int, str]]:
        """Every quiz taken to the end: (quiz, score, total, when), oldest first."""
        rows = self._rows(
            "SELECT quiz, score, total, finished FROM quiz_runs WHERE profile_id = ? "
            "ORDER BY finished, id",
            (profile_id,),
            _good_quiz_run,
            "a finished quiz",
        )
        return [(r[0], float(r[1]), int(r[2]), r[3]) for r in rows]

    def runs(self, profile_id: int) -> list[tuple[str, str, str]]:
        """Every playthrough finished: (scenario, ending, when), oldest first."""
        rows = self._rows(
            "SELECT scenario, ending, finished FROM runs WHERE profile_id = ? "
            "ORDER BY finished, id",
            (profile_id,),
            _good_run,
            "a finished game",
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def missed(self, profile_id: int, most: int = 5) -> list[tuple[str, str, int, int]]:
        """The questions most often not answered wholly right: (quiz, question, times
        missed, times answered), most missed first. Damaged answers are not counted."""
        rows = self._query(
            "SELECT quiz, question, sum(1 - right) AS misses, count(*) FROM answers "
            "WHERE profile_id = ? AND typeof(quiz) = 'text' AND typeof(question) = 'text' "
            "AND right IN (0, 1) AND typeof(right) = 'integer' "
            "GROUP BY quiz, question HAVING misses > 0 "
            "ORDER BY misses DESC, max(id) DESC LIMIT ?",
            (profile_id, most),
        )
        return [(r[0], r[1], int(r[2]), int(r[3])) for r in rows]

    def answers(self, profile_id: int) -> list[tuple[str, str, bool, float]]:
        rows = self._rows(
            "SELECT quiz, question, right, score, seconds, answered FROM answers "
            "WHERE profile_id = ? ORDER BY id",
            (profile_id,),
            _good_answer,
            "an answer",
        )
        return [(r[0], r[1], bool(r[2]), float(r[3])) for r in rows]

    def close(self) -> None:
        self.connection.close()


def _save_statement(
    profile_id: int, kind: str, item: str, data: dict[str, Any]
) -> tuple[str, tuple[Any, ...]]:
    return (
        "INSERT INTO saves (profile_id, kind, item, data, updated) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (profile_id, kind, item) "
        "DO UPDATE SET data = excluded.data, updated = excluded.updated",
        (profile_id, kind, item, json.dumps(data), _now()),
    )


def _forget_statement(profile_id: int, kind: str, item: str) -> tuple[str, tuple[Any, ...]]:
    return (
        "DELETE FROM saves WHERE profile_id = ? AND kind = ? AND item = ?",
        (profile_id, kind, item),
    )


def _quiz_run_statement(
    profile_id: int, quiz: str, score: float, total: int, when: datetime | None
) -> tuple[str, tuple[Any, ...]]:
    finished = (when or datetime.now(UTC)).isoformat(timespec="seconds")
    return (
        "INSERT INTO quiz_runs (profile_id, quiz, score, total, finished, uid) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (profile_id, quiz, score, total, finished, _uid()),
    )


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
        raise NewerFile(f"it was made by a newer version of the game (schema {version})")
    return version


@functools.cache
def _expected_columns() -> dict[str, tuple[str, ...]]:
    """Each table of a progress file and its columns, as the migrations make them."""
    fresh = sqlite3.connect(":memory:")
    try:
        migrate(fresh)
        return _columns(fresh)
    finally:
        fresh.close()


def _columns(connection: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    names = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {
        str(name): tuple(str(c[1]) for c in connection.execute(f'PRAGMA table_info("{name}")'))
        for (name,) in names
        if isinstance(name, str) and '"' not in name
    }


def check_file(connection: sqlite3.Connection) -> None:
    """Raise `Damaged` when the file is damaged inside (SQLite's quick check) or a table
    does not have the columns this version of the game writes (once migrated)."""
    _check_pages(connection)
    _check_columns(connection)


def _check_pages(connection: sqlite3.Connection) -> None:
    found = [str(row[0]) for row in connection.execute("PRAGMA quick_check(5)")]
    if found != ["ok"]:
        raise Damaged(f"it is damaged inside: {found[0]}")


def _check_columns(connection: sqlite3.Connection) -> None:
    columns = _columns(connection)
    for table, expected in _expected_columns().items():
        if columns.get(table) != expected:
            raise Damaged(f"its table {table} does not have the columns this game expects")


def _connect(path: Path | None) -> sqlite3.Connection:
    # The app writes from a worker thread; the lock in Store keeps one statement at a time.
    connection = sqlite3.connect(
        ":memory:" if path is None else path, timeout=2.0, check_same_thread=False
    )
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _version(connection)  # a file from a newer game is left as it is, before any change
        if path is not None:
            connection.execute("PRAGMA journal_mode = WAL")
            _check_pages(connection)
        migrate(connection)
        if path is not None:
            _check_columns(connection)
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


def _beside(path: Path, suffix: str) -> Path:
    """The file SQLite keeps beside `path`: `-wal` or `-shm`."""
    return path.with_name(path.name + suffix)


_COUNT_WRITE = (
    "INSERT INTO meta (key, value) VALUES ('writes', '1') "
    "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
)


MAX_NAME = 40
"""The longest profile name kept (a student's name, not an essay)."""

_NOT_IN_NAMES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def profile_name(typed: str) -> str | None:
    """A profile name as it is kept and shown: control characters (terminal escapes),
    invisible formatting (right-to-left overrides, zero-width spaces) and line breaks
    become spaces, spaces are squeezed, and at most `MAX_NAME` characters are kept; None
    when nothing is left. Every name that reaches the file, or a screen, passes here."""
    kept = "".join(
        " " if unicodedata.category(ch) in _NOT_IN_NAMES else ch for ch in typed[: MAX_NAME * 4]
    )
    name = " ".join(kept.split())[:MAX_NAME].strip()
    return name or None


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S")


def _uri(path: Path, mode: str) -> str:
    """A `file:` URI for `path`: `#`, `%` and `?` in a folder's name stay part of the name."""
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def _contents(path: Path) -> tuple[str | None, set[str]] | None:
    """What the database at `path` holds that a later state of it keeps: its id, every
    name, every attempt's id (answers, runs and finished quizzes are never removed) and
    every question's review card. None when it cannot be read."""
    try:
        connection = sqlite3.connect(path)
    except sqlite3.Error:
        return None
    try:
        if [str(r[0]) for r in connection.execute("PRAGMA quick_check(5)")] != ["ok"]:
            return None
        columns = _columns(connection)
        database_id: str | None = None
        if "meta" in columns:
            row = connection.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchone()
            database_id = str(row[0]) if row else None
        kept = {f"name:{r[0]!r}" for r in connection.execute("SELECT name FROM profiles")}
        for table in ("answers", "runs", "quiz_runs"):
            if "uid" in columns.get(table, ()):
                sql = f"SELECT uid FROM {table} WHERE uid IS NOT NULL"
                kept |= {f"{table}:{r[0]!r}" for r in connection.execute(sql)}
        if "reviews" in columns:  # a question once answered keeps its card
            sql = "SELECT profile_id, quiz, question FROM reviews"
            kept |= {f"reviews:{r!r}" for r in connection.execute(sql)}
        return database_id, kept
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def wal_mismatch(path: Path) -> str | None:
    """Why the `-wal` file beside `path` cannot be the database's own, or None when it
    can (or there is none). SQLite replays any `-wal` that is whole in itself, whichever
    database it came from; so the database is copied with its `-wal` and without it, into
    a folder of its own, and the two compared: the same database id, and nothing that the
    file alone holds (a name, an attempt) missing with the `-wal`. The originals are only
    read."""
    wal = _beside(path, "-wal")
    try:
        if wal.stat().st_size <= WAL_HEADER:
            return None
    except OSError:
        return None
    guard: sqlite3.Connection | None = None
    try:
        # While this read lasts, another copy of the game writing the same file cannot
        # start its -wal afresh, so the two copies below are of one moment of it.
        guard = sqlite3.connect(_uri(path, "ro"), uri=True, timeout=2.0)
        guard.execute("BEGIN")
        guard.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        if guard is not None:
            guard.close()
        guard = None
    try:
        with tempfile.TemporaryDirectory(prefix="treaty-check-") as tmp:
            alone, both = Path(tmp, "alone", DB_NAME), Path(tmp, "both", DB_NAME)
            for copy in (alone, both):
                copy.parent.mkdir()
                shutil.copyfile(path, copy)
            shutil.copyfile(wal, _beside(both, "-wal"))
            before = _contents(alone)
            if before is None:
                return None  # the file alone cannot be read: the checks at opening decide
            after = _contents(both)
    except OSError:
        return None
    finally:
        if guard is not None:
            guard.close()
    if after is None:
        return "with it the progress file cannot be read"
    if before[0] is not None and after[0] != before[0]:
        return "it belongs to another progress file"
    lost = len(before[1] - after[1])
    if lost:
        return f"with it {lost} saved record{'s' if lost != 1 else ''} would be lost"
    return None


def _set_aside_foreign_wal(path: Path) -> str | None:
    """Set aside a `-wal` (and `-shm`) file that does not belong to the database at `path`,
    before SQLite can use it; what was done, in words for the student."""
    reason = wal_mismatch(path)
    if reason is None:
        return None
    stamp = _stamp()
    wal = _beside(path, "-wal")
    aside = wal.with_name(f"{wal.name}.not-used-{stamp}")
    wal.rename(aside)
    shm = _beside(path, "-shm")
    if shm.exists():
        shm.rename(shm.with_name(f"{shm.name}.not-used-{stamp}"))
    return (
        f"The file {wal.name} beside the progress file does not belong to it ({reason}; "
        f"was it copied in from another folder?). It was kept as {aside.name} and not used; "
        "the progress file itself is as it was."
    )


def _move_aside(path: Path) -> Path:
    """Rename a damaged progress file (with its -wal and -shm) with the time in its name."""
    aside = path.with_name(f"{path.name}.unreadable-{_stamp()}")
    path.rename(aside)
    for suffix in ("-wal", "-shm"):
        if _beside(path, suffix).exists():
            _beside(path, suffix).rename(_beside(aside, suffix))
    return aside


def _joined(*messages: str | None) -> str | None:
    said = [m for m in messages if m]
    return " ".join(said) if said else None


def open_store(data_dir: Path | None = None) -> Store:
    """The store in `data_dir` (default: `default_data_dir()`). Never raises: a damaged
    file is moved aside and a fresh one started; a file from a newer version of the game
    is left as it is; when the folder cannot be written or the database is locked,
    progress is kept in memory for this session. `store.warning` then says what happened,
    in words for the student."""
    folder = data_dir or default_data_dir()
    path = folder / DB_NAME
    wal_note: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if path.is_file():
            wal_note = _set_aside_foreign_wal(path)
        store = Store(_connect_patiently(path), path)
        store.warning = _joined(wal_note, store.survey())
        return store
    except NewerFile:
        store = Store(_connect(None), None)
        store.warning = _joined(
            wal_note,
            f"The progress file {path} was saved by a newer version of the game: update "
            "Treaty Talks to use it. The file is left as it was; progress this time is not "
            "saved.",
        )
        return store
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
        try:
            aside = _move_aside(path)
            store = Store(_connect(path), path)
            store.warning = _joined(
                wal_note,
                f"The progress file could not be read ({exc}). It was kept as {aside.name} "
                "and a new one started.",
            )
        except (OSError, sqlite3.DatabaseError) as again:
            store = Store(_connect(None), None)
            store.warning = f"Progress cannot be saved ({again}); play goes on without saving."
        return store
    except OSError as exc:
        store = Store(_connect(None), None)
        store.warning = f"Progress cannot be saved in {folder} ({exc.strerror}); play goes on."
        return store
