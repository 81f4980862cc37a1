"""The progress file's schema: its tables, the migrations that make them, and the checks
that a file opened is whole (its pages) and has the tables this version of the game writes.
"""

from __future__ import annotations

import functools
import sqlite3

DB_NAME = "progress.sqlite3"
SCHEMA_VERSION = 5

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
    # 4 -> 5: the games of a table (two delegations, issue 34), a row for each player:
    # the side played, both players' names, the turns so far; the ending and when it was
    # reached once it is (an empty ending and no `finished` while the game goes on).
    """
    CREATE TABLE table_runs (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        scenario TEXT NOT NULL,
        side TEXT NOT NULL,
        players TEXT NOT NULL,
        path TEXT NOT NULL,
        ending TEXT NOT NULL,
        started TEXT NOT NULL,
        finished TEXT,
        uid TEXT NOT NULL UNIQUE,
        preview INTEGER NOT NULL DEFAULT 0
    );
    """,
]


class NewerFile(sqlite3.DatabaseError):
    """A progress file written by a newer version of the game: left as it is."""


class Damaged(sqlite3.DatabaseError):
    """A progress file damaged inside (bad pages, tables without their columns)."""


def migrate(connection: sqlite3.Connection) -> None:
    """Bring a progress database up to `SCHEMA_VERSION`, one step at a time. Two copies of
    the game starting at once (two visitors of `treaty serve`) take turns: the second waits
    for the first's migration, then finds nothing left to do."""
    if schema_version(connection) == SCHEMA_VERSION:
        return
    saved_level = connection.isolation_level
    connection.isolation_level = None  # the transaction below is ours, statement by statement
    try:
        connection.execute("BEGIN IMMEDIATE")  # one migrator at a time
        try:
            version = schema_version(connection)
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


def schema_version(connection: sqlite3.Connection) -> int:
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
        return table_columns(fresh)
    finally:
        fresh.close()


def table_columns(connection: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    names = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {
        str(name): tuple(str(c[1]) for c in connection.execute(f'PRAGMA table_info("{name}")'))
        for (name,) in names
        if isinstance(name, str) and '"' not in name
    }


def check_file(connection: sqlite3.Connection) -> None:
    """Raise `Damaged` when the file is damaged inside (SQLite's quick check) or a table
    does not have the columns this version of the game writes (once migrated)."""
    check_pages(connection)
    check_columns(connection)


def check_pages(connection: sqlite3.Connection) -> None:
    found = [str(row[0]) for row in connection.execute("PRAGMA quick_check(5)")]
    if found != ["ok"]:
        raise Damaged(f"it is damaged inside: {found[0]}")


def check_columns(connection: sqlite3.Connection) -> None:
    columns = table_columns(connection)
    for table, expected in _expected_columns().items():
        if columns.get(table) != expected:
            raise Damaged(f"its table {table} does not have the columns this game expects")
