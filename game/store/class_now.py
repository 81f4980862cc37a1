"""What a class has done so far, read live from the data folder for the teacher's console
(issue 36): each student's latest save (the game or quiz they are in, and when they last
chose), the endings they reached (at tables too) and the quizzes they finished, and when
anything of theirs was last saved.

The file is opened read-only (the games write it; the console never does) and every row
is checked as `game.store.rows` checks it: one of the wrong shape is skipped. A file that
cannot be read (none yet, damaged, from a newer game) gives nothing and says why.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.store.names import profile_name
from game.store.rows import good_quiz_run, good_save, is_text, json_object
from game.store.schema import DB_NAME


@dataclass(frozen=True)
class Saved:
    """The game or quiz a student left last, where they were, and when they saved."""

    kind: str
    """"scenario" or "quiz"."""
    item: str
    data: dict[str, Any]
    updated: str


@dataclass
class Student:
    """One profile in the data folder."""

    name: str
    saved: Saved | None = None
    endings: list[tuple[str, str, str]] = field(default_factory=list)
    """Each scenario (or table) finished: (its id, the ending's id, when), in order."""
    quizzes: list[tuple[str, float, int, str]] = field(default_factory=list)
    """Each quiz finished: (its id, score, questions, when), in order."""
    last: str | None = None
    """When anything of theirs was last saved: a choice, a quiz, a table's record."""

    def saw(self, when: object) -> None:
        if isinstance(when, str) and (self.last is None or when > self.last):
            self.last = when


@dataclass
class ClassNow:
    students: dict[str, Student]
    problem: str | None = None
    """Why the file could not be read, if it could not."""


def read_class(folder: Path) -> ClassNow:
    """Every student in the progress file of `folder`, read without writing."""
    path = folder / DB_NAME
    if not path.is_file():
        return ClassNow({}, None)
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error as problem:
        return ClassNow({}, f"the progress file cannot be read ({problem})")
    try:
        return ClassNow(_students(connection))
    except sqlite3.Error as problem:
        return ClassNow({}, f"the progress file cannot be read ({problem})")
    finally:
        connection.close()


def _students(connection: sqlite3.Connection) -> dict[str, Student]:
    names: dict[object, Student] = {}
    for profile_id, name in connection.execute("SELECT id, name FROM profiles ORDER BY id"):
        shown = profile_name(name) if is_text(name) else None
        if shown is not None:
            names[profile_id] = Student(shown)
    for profile_id, kind, item, data, updated in connection.execute(
        "SELECT profile_id, kind, item, data, updated FROM saves ORDER BY updated"
    ):
        student = names.get(profile_id)
        if student is not None and good_save((kind, item, data)) and is_text(updated):
            student.saved = Saved(kind, item, json_object(data) or {}, updated)
            student.saw(updated)
    for profile_id, scenario, ending, finished in connection.execute(
        "SELECT profile_id, scenario, ending, finished FROM runs WHERE preview = 0 "
        "UNION ALL SELECT profile_id, scenario, ending, finished FROM table_runs "
        "WHERE preview = 0 AND ending != '' AND finished IS NOT NULL ORDER BY 4"
    ):
        student = names.get(profile_id)
        if student is not None and all(map(is_text, (scenario, ending, finished))):
            student.endings.append((scenario, ending, finished))
            student.saw(finished)
    for profile_id, started in connection.execute(
        "SELECT profile_id, started FROM table_runs WHERE preview = 0"
    ):
        student = names.get(profile_id)
        if student is not None:
            student.saw(started)  # a table left before its end is recorded too
    for profile_id, quiz, score, total, finished in connection.execute(
        "SELECT profile_id, quiz, score, total, finished FROM quiz_runs ORDER BY finished"
    ):
        student = names.get(profile_id)
        if student is not None and good_quiz_run((quiz, score, total, finished)):
            student.quizzes.append((quiz, float(score), total, finished))
            student.saw(finished)
    return {student.name: student for student in names.values()}
