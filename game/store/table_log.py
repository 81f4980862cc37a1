"""The tables' record (issue 35): what `treaty serve` writes about the tables it holds.

An append-only log in the data folder (`tables.sqlite3`, beside the progress file): a row
for each table opened (its code and scenario), then an event for each side taken (by
which profile) and each move made. Nothing is ever changed or deleted (triggers refuse
it); every table is rebuilt from it after a restart by replaying its moves with the engine.
Only the serve process writes it, each event its own transaction, before the move is
shown to anyone. What is read back is not trusted: a row of the wrong shape is skipped.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from game.store.statements import now

LOG_NAME: Final = "tables.sqlite3"

SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS tables (
    code TEXT PRIMARY KEY,
    scenario TEXT NOT NULL,
    opened TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL REFERENCES tables(code),
    kind TEXT NOT NULL,
    role TEXT NOT NULL,
    value TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS events_kept BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the tables log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_never_deleted BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the tables log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS tables_kept BEFORE UPDATE ON tables
    BEGIN SELECT RAISE(ABORT, 'the tables log is append-only'); END;
"""

SEAT: Final = "seat"
MOVE: Final = "move"
PAUSE: Final = "pause"
RESUME: Final = "resume"
CLOSE: Final = "close"
"""The teacher's actions on a table (issue 36), kept so that a restart keeps them."""


@dataclass
class LoggedTable:
    """One table as the log tells it: its scenario, who took each side, the moves made
    (side, move number in the file) in the order they were made."""

    code: str
    scenario: str
    seats: dict[str, str] = field(default_factory=dict)
    moves: list[tuple[str, int]] = field(default_factory=list)
    paused: bool = False
    """Paused by the teacher (and not resumed since)."""
    closed: bool = False
    """Closed by the teacher: no more moves."""


class TableLog:
    """The log file, opened once by the serve process."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.connection = sqlite3.connect(
            ":memory:" if path is None else path, timeout=5.0, check_same_thread=False
        )
        if path is not None:
            self.connection.execute("PRAGMA journal_mode = WAL")
        self.connection.executescript(SCHEMA)

    def close(self) -> None:
        self.connection.close()

    def _write(self, sql: str, params: tuple[object, ...]) -> bool:
        """One write, its own transaction; False when the disk refused it."""
        try:
            with self.lock, self.connection:
                self.connection.execute(sql, params)
            return True
        except sqlite3.DatabaseError:
            return False

    def open_table(self, code: str, scenario: str) -> bool:
        return self._write(
            "INSERT INTO tables (code, scenario, opened) VALUES (?, ?, ?)", (code, scenario, now())
        )

    def seat(self, code: str, role: str, profile: str) -> bool:
        return self._event(code, SEAT, role, profile)

    def move(self, code: str, role: str, number: int) -> bool:
        return self._event(code, MOVE, role, str(number))

    def teacher(self, code: str, action: str) -> bool:
        """The teacher paused, resumed or closed table `code` (PAUSE, RESUME, CLOSE)."""
        return self._event(code, action, "", "teacher")

    def _event(self, code: str, kind: str, role: str, value: str) -> bool:
        return self._write(
            "INSERT INTO events (code, kind, role, value, at) VALUES (?, ?, ?, ?, ?)",
            (code, kind, role, value, now()),
        )

    def times(self, code: str) -> tuple[str, str, str] | None:
        """When table `code` was opened, and when its first and its last move were made;
        None when it has no move (or the log cannot say)."""
        try:
            with self.lock:
                row = self.connection.execute(
                    "SELECT t.opened, min(e.at), max(e.at) FROM tables t JOIN events e "
                    "ON e.code = t.code AND e.kind = ? WHERE t.code = ?",
                    (MOVE, code),
                ).fetchone()
        except sqlite3.DatabaseError:
            return None
        if row is None or not all(isinstance(value, str) for value in row):
            return None
        return row[0], row[1], row[2]

    def read(self) -> dict[str, LoggedTable]:
        """Every table in the log, by code; rows of the wrong shape are skipped."""
        with self.lock:
            tables = self.connection.execute("SELECT code, scenario FROM tables").fetchall()
            events = self.connection.execute(
                "SELECT code, kind, role, value FROM events ORDER BY id"
            ).fetchall()
        found = {
            code: LoggedTable(code, scenario)
            for code, scenario in tables
            if isinstance(code, str) and isinstance(scenario, str)
        }
        for code, kind, role, value in events:
            logged = found.get(code) if isinstance(code, str) else None
            if logged is None or not isinstance(role, str) or not isinstance(value, str):
                continue
            if kind == SEAT and role not in logged.seats:
                logged.seats[role] = value
            elif kind == MOVE and value.isascii() and value.isdigit() and len(value) < 7:
                logged.moves.append((role, int(value)))
            elif kind in (PAUSE, RESUME):
                logged.paused = kind == PAUSE
            elif kind == CLOSE:
                logged.closed = True
        return found
