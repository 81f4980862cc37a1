"""Opening the progress file, and recovering from what can go wrong with it.

A file that is not a database, or is damaged inside, is moved aside and a fresh one
started; a `-wal` file that belongs to another database is set aside before SQLite can use
it; a file from a newer version of the game is left where it is, untouched; a locked or
unwritable database is reported once and play goes on without saving.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from game.store.database import Store
from game.store.schema import (
    DB_NAME,
    NewerFile,
    check_columns,
    check_pages,
    migrate,
    schema_version,
    table_columns,
)

WAL_HEADER = 32
"""Bytes in a `-wal` file's header: a file no longer than this holds no changes."""


def default_data_dir() -> Path:
    """`TREATY_DATA_DIR`, or the user data folder of this system (platformdirs)."""
    given = os.environ.get("TREATY_DATA_DIR")
    if given:
        return Path(given)
    from platformdirs import user_data_dir

    return Path(user_data_dir("treaty-talks", appauthor=False))


def _connect(path: Path | None) -> sqlite3.Connection:
    # The app writes from a worker thread; the lock in Store keeps one statement at a time.
    connection = sqlite3.connect(
        ":memory:" if path is None else path, timeout=2.0, check_same_thread=False
    )
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        schema_version(connection)  # a file from a newer game is left as it is, before any change
        if path is not None:
            connection.execute("PRAGMA journal_mode = WAL")
            check_pages(connection)
        migrate(connection)
        if path is not None:
            check_columns(connection)
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
        columns = table_columns(connection)
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


CHECKED_BY_SERVER = "TREATY_STORE_CHECKED"
"""Set to 1 in the games `treaty serve` forks: the server checked the progress file when it
started, and only its own games have written to it since (`open_store(checked=True)`)."""


def open_store(data_dir: Path | None = None, *, checked: bool = False) -> Store:
    """The store in `data_dir` (default: `default_data_dir()`). Never raises: a damaged
    file is moved aside and a fresh one started; a file from a newer version of the game
    is left as it is; when the folder cannot be written or the database is locked,
    progress is kept in memory for this session. `store.warning` then says what happened,
    in words for the student. `checked`: the file was checked already (a `-wal` from
    elsewhere set aside, every row surveyed) by the classroom server the game was forked
    from, so these checks, which read the whole file (a class's term of answers), are not
    made again for each game."""
    folder = data_dir or default_data_dir()
    path = folder / DB_NAME
    wal_note: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if path.is_file() and not checked:
            wal_note = _set_aside_foreign_wal(path)
        store = Store(_connect_patiently(path), path)
        store.warning = _joined(wal_note, None if checked else store.survey())
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
