"""The teacher's report: every attempt in one or more data folders, merged.

Folders copied from several classroom machines are read without being changed: each
database (with its `-wal` file, when that belongs to it) is copied to a folder of its own,
checked, and brought up to the current schema there. Every attempt carries an id of its
own, so a folder given twice, or copied twice, counts each attempt once; students are
matched by profile name across machines. A folder whose file is damaged, from a newer
version of the game, or tampered with (text where a number belongs) is named and left out.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from game.store.names import profile_name
from game.store.opening import wal_mismatch
from game.store.schema import DB_NAME, NewerFile, check_file, migrate


@dataclass(frozen=True)
class Attempt:
    """One answer to a quiz question, or one playthrough of a scenario to an ending."""

    attempt_id: str
    profile: str
    kind: Literal["quiz", "scenario", "table"]
    module: str
    """The quiz module's id, or the scenario's (or the table's)."""
    item: str
    """The question's id, or the ending's (empty: a table not finished yet)."""
    result: str
    """right, partly right or wrong; for a scenario, the ending reached; for a table,
    the ending reached or "not finished"."""
    partial_credit: float | None
    seconds: float | None
    answer: str
    when: str
    """ISO 8601, in UTC."""
    path: tuple[tuple[str, int], ...] = ()
    """For a scenario, the choices taken in order, as (scene, choice number from 1)."""
    side: str = ""
    """For a table, the side this student played (its role id)."""
    partner: str = ""
    """For a table, the name of the student who played the other side."""
    turns: tuple[TableTurn, ...] = ()
    """For a table, the steps taken: (scene, ((side, move number from 1), ...))."""


@dataclass(frozen=True)
class QuizRun:
    """A quiz taken to the end."""

    run_id: str
    profile: str
    quiz: str
    score: float
    total: int
    when: str


@dataclass
class Report:
    """Everything read from the folders, and what could not be read."""

    attempts: list[Attempt]
    quiz_runs: list[QuizRun]
    problems: list[str]


def _result(right: int, score: float) -> str:
    return "right" if right else "partly right" if score > 0 else "wrong"


class Tampered(ValueError):
    """A row that does not hold what the game writes: the folder is left out."""


def _text(table: str, column: str, value: object) -> str:
    if not isinstance(value, str):
        raise Tampered(f"{table}: {column} is not text")
    return value


def _number(table: str, column: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Tampered(f"{table}: {column} is not a number")
    return float(value)


def _name(value: object) -> str:
    """A student's name as the game shows names (`profile_name`): never a terminal escape."""
    return profile_name(_text("profiles", "name", value)) or "(no name)"


def _path(stored: str, table: str = "runs") -> tuple[tuple[str, int], ...]:
    """A finished game's path as `record_run` writes it: a list of [scene, number] (or
    a table's turn: a list of [side, number])."""
    try:
        steps: Any = json.loads(stored)
    except ValueError:
        steps = None
    if not isinstance(steps, list) or not all(
        isinstance(step, list)
        and len(step) == 2
        and isinstance(step[0], str)
        and isinstance(step[1], int)
        and not isinstance(step[1], bool)
        for step in steps
    ):
        raise Tampered(f"{table}: path is not the list of choices the game writes")
    return tuple((scene, number) for scene, number in steps)


def printable(text: str) -> str:
    """`text` for a terminal: control and invisible formatting characters (which a
    tampered file could hold) shown as `?`, never sent to the terminal."""
    return "".join("?" if unicodedata.category(ch)[0] == "C" else ch for ch in text)


def _read(
    connection: sqlite3.Connection, include_previews: bool = False
) -> tuple[list[Attempt], list[QuizRun]]:
    """Every attempt and finished quiz; `Tampered` when a row does not hold what the game
    writes (text in a number column, a blob for a name)."""
    attempts: list[Attempt] = []
    for uid, profile, quiz, question, right, score, seconds, answer, answered in connection.execute(
        "SELECT a.uid, p.name, a.quiz, a.question, a.right, a.score, a.seconds, "
        "a.answer, a.answered FROM answers a JOIN profiles p ON p.id = a.profile_id"
    ):
        if right not in (0, 1) or isinstance(right, float):
            raise Tampered("answers: right is not 0 or 1")
        attempts.append(
            Attempt(
                _text("answers", "uid", uid),
                _name(profile),
                "quiz",
                _text("answers", "quiz", quiz),
                _text("answers", "question", question),
                _result(right, _number("answers", "score", score)),
                _number("answers", "score", score),
                None if seconds is None else _number("answers", "seconds", seconds),
                _answer_text(_text("answers", "answer", answer)),
                _text("answers", "answered", answered),
            )
        )
    for uid, profile, scenario, ending, when, path in connection.execute(
        "SELECT r.uid, p.name, r.scenario, r.ending, r.finished, r.path "
        "FROM runs r JOIN profiles p ON p.id = r.profile_id"
        + ("" if include_previews else " WHERE r.preview = 0")
    ):
        attempts.append(
            Attempt(
                _text("runs", "uid", uid),
                _name(profile),
                "scenario",
                _text("runs", "scenario", scenario),
                _text("runs", "ending", ending),
                "ending reached",
                None,
                None,
                "",
                _text("runs", "finished", when),
                _path(_text("runs", "path", path)),
            )
        )
    attempts += _table_runs(connection, include_previews)
    runs: list[QuizRun] = []
    for uid, profile, quiz, score, total, when in connection.execute(
        "SELECT q.uid, p.name, q.quiz, q.score, q.total, q.finished "
        "FROM quiz_runs q JOIN profiles p ON p.id = q.profile_id"
    ):
        if not isinstance(total, int) or isinstance(total, bool) or total <= 0:
            raise Tampered("quiz_runs: total is not a whole number above 0")
        if not 0 <= _number("quiz_runs", "score", score) <= total:  # a grade is a percentage
            raise Tampered("quiz_runs: score is not between 0 and the total")
        runs.append(
            QuizRun(
                _text("quiz_runs", "uid", uid),
                _name(profile),
                _text("quiz_runs", "quiz", quiz),
                _number("quiz_runs", "score", score),
                total,
                _text("quiz_runs", "finished", when),
            )
        )
    return attempts, runs


TableTurn = tuple[str, tuple[tuple[str, int], ...]]
"""One step of a table: (scene, ((side, move number from 1), ...))."""

NOT_FINISHED = "not finished"
"""The result of a table's game that has not reached an ending (yet)."""


def _table_runs(connection: sqlite3.Connection, include_previews: bool) -> list[Attempt]:
    """Each player's record of each game of a table (`game.store.tables`); `Tampered`
    when a row does not hold what the game writes."""
    attempts: list[Attempt] = []
    for uid, profile, table, side, players, path, ending, started, finished in connection.execute(
        "SELECT t.uid, p.name, t.scenario, t.side, t.players, t.path, t.ending, t.started, "
        "t.finished FROM table_runs t JOIN profiles p ON p.id = t.profile_id"
        + ("" if include_previews else " WHERE t.preview = 0")
    ):
        side = _text("table_runs", "side", side)
        names = _players(_text("table_runs", "players", players))
        ending = _text("table_runs", "ending", ending)
        when = started if finished is None else finished
        attempts.append(
            Attempt(
                _text("table_runs", "uid", uid),
                _name(profile),
                "table",
                _text("table_runs", "scenario", table),
                ending,
                "ending reached" if ending else NOT_FINISHED,
                None,
                None,
                "",
                _text("table_runs", "finished", when),
                side=side,
                partner=", ".join(profile_name(n) or "?" for r, n in names.items() if r != side),
                turns=_turns(_text("table_runs", "path", path)),
            )
        )
    return attempts


def _players(stored: str) -> dict[str, str]:
    try:
        value: Any = json.loads(stored)
    except ValueError:
        value = None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise Tampered("table_runs: players is not each side's name")
    return value


def _turns(stored: str) -> tuple[TableTurn, ...]:
    """A table's path as `save_table` writes it: a list of [scene, [[side, number], ...]]."""
    try:
        steps: Any = json.loads(stored)
    except ValueError:
        steps = None
    turns: list[TableTurn] = []
    for step in steps if isinstance(steps, list) else [None]:
        if not (isinstance(step, list) and len(step) == 2 and isinstance(step[0], str)):
            raise Tampered("table_runs: path is not the list of moves the game writes")
        moves = _path(json.dumps(step[1]), "table_runs")
        turns.append((step[0], moves))
    return tuple(turns)


def _read_folder(
    path: Path, include_previews: bool = False
) -> tuple[list[Attempt], list[QuizRun], str | None]:
    """The attempts in the progress file `path`, read from a copy in a folder of its own
    (so that nothing is written beside the original, whatever its folder is called), and
    a note when its `-wal` file was left out. Raises `sqlite3.Error`, `NewerFile` or
    `Tampered` when the file cannot be used."""
    note: str | None = None
    with tempfile.TemporaryDirectory(prefix="treaty-report-") as tmp:
        copy = Path(tmp) / DB_NAME
        shutil.copyfile(path, copy)
        wal = path.with_name(path.name + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
            reason = wal_mismatch(copy)
            if reason is not None:
                copy.with_name(copy.name + "-wal").unlink()
                note = f"{wal}: not used ({reason}); the progress file was read without it"
        connection = sqlite3.connect(copy)
        try:
            migrate(connection)
            check_file(connection)
            attempts, runs = _read(connection, include_previews)
        finally:
            connection.close()
    return attempts, runs, note


def _answer_text(stored: str) -> str:
    """An answer as a teacher reads it: text, items joined with " | ", pairs as a → b."""
    try:
        value: Any = json.loads(stored)
    except ValueError:
        return stored
    if isinstance(value, dict):
        return " | ".join(f"{k} → {v}" for k, v in value.items())
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def read_folders(folders: Sequence[Path], include_previews: bool = False) -> Report:
    """Every attempt in the progress files of `folders`, each counted once; a teacher's
    previews (`--watch`) only with `include_previews`."""
    report = Report([], [], [])
    seen: set[str] = set()
    seen_runs: set[str] = set()
    for folder in folders:
        path = folder / DB_NAME
        if not path.is_file():
            report.problems.append(f"{folder}: no progress file ({DB_NAME}) in this folder")
            continue
        try:
            attempts, runs, note = _read_folder(path, include_previews)
        except NewerFile:
            report.problems.append(
                f"{path}: saved by a newer version of the game; update Treaty Talks to include "
                "it; left out"
            )
            continue
        except Tampered as exc:
            report.problems.append(f"{path}: has been changed by hand or damaged ({exc}); left out")
            continue
        except sqlite3.Error as exc:
            report.problems.append(f"{path}: cannot be read ({exc}); left out")
            continue
        except OSError as exc:
            report.problems.append(f"{path}: cannot be read ({exc.strerror}); left out")
            continue
        if note is not None:
            report.problems.append(note)
        for attempt in attempts:
            if attempt.attempt_id not in seen:
                seen.add(attempt.attempt_id)
                report.attempts.append(attempt)
        for run in runs:
            if run.run_id not in seen_runs:
                seen_runs.add(run.run_id)
                report.quiz_runs.append(run)
    report.attempts.sort(key=lambda a: (a.profile.casefold(), a.when, a.kind, a.module, a.item))
    report.quiz_runs.sort(key=lambda r: (r.profile.casefold(), r.when))
    return report


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a cell starts that a spreadsheet would run as a formula (OWASP, CSV injection)."""


def text_cell(text: str) -> str:
    """`text` as a CSV cell that a spreadsheet shows as text, never runs: one that starts
    like a formula gets a leading `'`, as OWASP advises (a name such as `+1` too)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
