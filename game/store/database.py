"""The progress database: every write its own transaction, every row read checked.

Every write is its own transaction, so a game killed mid-write keeps everything committed
before; a locked or unwritable database is reported once and play goes on without saving.
Every row read is checked (`game.store.rows`): one that is damaged is skipped (and said),
never a crash.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.store.names import profile_name
from game.store.rows import (
    SKIPPED,
    SURVEY,
    good_answer,
    good_quiz_run,
    good_review,
    good_run,
    good_save,
    is_text,
    json_object,
)
from game.store.statements import (
    COUNT_WRITE,
    Statement,
    forget_statement,
    new_uid,
    now,
    quiz_run_statement,
    save_statement,
    utc,
)


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

    def _write(self, *statements: Statement) -> int | None:
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
                self.connection.execute(COUNT_WRITE)
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
        for what, sql, good in SURVEY:
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
                (name, now()),
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
            good_save,
            "a saved game",
        )
        if not rows:
            return None
        data = json_object(rows[0][2])
        assert data is not None
        return rows[0][1], data

    def saved(self, profile_id: int) -> list[tuple[str, str, dict[str, Any]]]:
        """Every game and quiz left part-way, as (kind, item, data), the latest first."""
        rows = self._rows(
            "SELECT kind, item, data FROM saves WHERE profile_id = ? "
            "ORDER BY updated DESC, rowid DESC",
            (profile_id,),
            good_save,
            "a saved game",
        )
        return [(r[0], r[1], json_object(r[2]) or {}) for r in rows]

    def profiles(self) -> list[str]:
        """The names of the profiles, in alphabetical order."""
        rows = self._rows(
            "SELECT name FROM profiles ORDER BY name", (), lambda r: is_text(r[0]), "a name"
        )
        # Names are shown as `profile_name` keeps them, even one written by an older
        # version of the game or by hand.
        return sorted({n for r in rows if (n := profile_name(r[0])) is not None}, key=str)

    def save(self, profile_id: int, kind: str, item: str, data: dict[str, Any]) -> None:
        """Keep `data` as the saved game of kind `kind` ('scenario', 'quiz') for `item`."""
        self._write(save_statement(profile_id, kind, item, data))

    def load(self, profile_id: int, kind: str, item: str) -> dict[str, Any] | None:
        rows = self._rows(
            "SELECT kind, item, data FROM saves WHERE profile_id = ? AND kind = ? AND item = ?",
            (profile_id, kind, item),
            good_save,
            "a saved game",
        )
        return json_object(rows[0][2]) if rows else None

    def forget(self, profile_id: int, kind: str, item: str) -> None:
        self._write(forget_statement(profile_id, kind, item))

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
                    now(),
                    new_uid(),
                    int(self.previewing),
                ),
            ),
            forget_statement(profile_id, "scenario", scenario),
        )

    def endings_reached(self, profile_id: int, scenario: str) -> set[str]:
        rows = self._rows(
            "SELECT DISTINCT ending FROM runs WHERE profile_id = ? AND scenario = ?",
            (profile_id, scenario),
            lambda r: is_text(r[0]),
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
        statements: list[Statement] = [
            (
                "INSERT INTO answers (profile_id, quiz, question, answer, right, score, "
                "seconds, answered, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*row, score, seconds, answered, new_uid()),
            )
        ]
        if review is not None:
            card, due = review
            statements.append(
                (
                    "INSERT INTO reviews (profile_id, quiz, question, card, due) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (profile_id, quiz, question) "
                    "DO UPDATE SET card = excluded.card, due = excluded.due",
                    (profile_id, quiz, question, card, utc(due)),
                )
            )
        if place is not None:
            quiz_id, data = place
            if data is None:
                statements.append(forget_statement(profile_id, "quiz", quiz_id))
            else:
                statements.append(save_statement(profile_id, "quiz", quiz_id, data))
        if finished is not None:
            statements.append(quiz_run_statement(profile_id, *finished, moment))
        self._write(*statements)

    def review_card(self, profile_id: int, quiz: str, question: str) -> str | None:
        """The question's review card (JSON), if it has been answered before and its
        card can be read."""
        rows = self._rows(
            "SELECT quiz, question, card, due FROM reviews "
            "WHERE profile_id = ? AND quiz = ? AND question = ?",
            (profile_id, quiz, question),
            good_review,
            "a review card",
        )
        return str(rows[0][2]) if rows else None

    def due(self, profile_id: int, now: datetime | None = None) -> list[tuple[str, str]]:
        """The questions due for review by `now`, as (quiz, question), most overdue first."""
        rows = self._rows(
            "SELECT quiz, question, card, due FROM reviews WHERE profile_id = ? AND due <= ? "
            "ORDER BY due, quiz, question",
            (profile_id, utc(now or datetime.now(UTC))),
            good_review,
            "a review card",
        )
        return [(r[0], r[1]) for r in rows]

    def record_quiz_run(
        self, profile_id: int, quiz: str, score: float, total: int, when: datetime | None = None
    ) -> None:
        """A quiz taken to the end, with its score out of `total`."""
        self._write(quiz_run_statement(profile_id, quiz, score, total, when))

    def quiz_runs(self, profile_id: int) -> list[tuple[str, float, int, str]]:
        """Every quiz taken to the end: (quiz, score, total, when), oldest first."""
        rows = self._rows(
            "SELECT quiz, score, total, finished FROM quiz_runs WHERE profile_id = ? "
            "ORDER BY finished, id",
            (profile_id,),
            good_quiz_run,
            "a finished quiz",
        )
        return [(r[0], float(r[1]), int(r[2]), r[3]) for r in rows]

    def runs(self, profile_id: int) -> list[tuple[str, str, str]]:
        """Every playthrough finished: (scenario, ending, when), oldest first."""
        rows = self._rows(
            "SELECT scenario, ending, finished FROM runs WHERE profile_id = ? "
            "ORDER BY finished, id",
            (profile_id,),
            good_run,
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
            good_answer,
            "an answer",
        )
        return [(r[0], r[1], bool(r[2]), float(r[3])) for r in rows]

    def close(self) -> None:
        self.connection.close()
