"""The gradebook: one row a student, the grades a teacher grades by, as a CSV file that
Moodle's and Canvas's grade imports take.

A quiz is graded by its best finished attempt (or the latest, when asked), as a
percentage; a scenario by the endings a student has found, and how many of them are
historical, as whole numbers (out of the totals its header gives), so that every grade
column imports as a number. The first five columns are the ones Canvas's gradebook
import looks for (`Student`, `ID`, `SIS User ID`, `SIS Login ID`, `Section`); Moodle's
import matches a student by whichever column the teacher maps to a user field. Every
text cell is made safe to open in a spreadsheet (`text_cell`).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, TextIO

from game.content.models import Quiz, Scenario
from game.content.table_models import Table
from game.store.report import Attempt, QuizRun, Report, text_cell

IDENTITY_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
"""Before the grades: Canvas reads a student's name (or login) from these; the profile name
goes under `Student` and `SIS Login ID`, the others are left empty."""

ColumnKind = Literal["quiz", "endings", "historical"]


@dataclass(frozen=True)
class GradeColumn:
    """One column of grades: a quiz's percentage, or a scenario's endings found (all, or
    the historical ones), out of `out_of` when the scenario is still in the content."""

    module: str
    title: str
    kind: ColumnKind
    out_of: int | None = None

    @property
    def header(self) -> str:
        if self.kind == "quiz":
            return f"{self.title} (%)"
        what = "endings found" if self.kind == "endings" else "historical endings found"
        total = f" (of {self.out_of})" if self.out_of is not None else ""
        return f"{self.title}: {what}{total}"


@dataclass(frozen=True)
class GradebookRow:
    student: str
    grades: tuple[float | None, ...]
    """One a column, None when there is nothing to grade (no finished quiz, no play)."""


@dataclass(frozen=True)
class Gradebook:
    columns: tuple[GradeColumn, ...]
    rows: tuple[GradebookRow, ...]
    latest: bool
    """Quizzes graded by the latest finished attempt rather than the best."""


def percent(score: float, total: int) -> float:
    """`score` out of `total` as a percentage to one decimal, halves rounded up
    (2 of 3: 66.7; 1 of 8: 12.5)."""
    exact = Decimal(repr(score)) * 100 / Decimal(total)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def grade_text(value: float | None) -> str:
    """A grade as a cell: empty for none, a whole number without decimals (67, not 67.0)."""
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def _quiz_grade(runs: list[QuizRun], latest: bool) -> float | None:
    if not runs:
        return None
    chosen = runs[-1] if latest else max(runs, key=lambda r: r.score / r.total)
    return percent(chosen.score, chosen.total)


def _one_line(title: str) -> str:
    return " ".join(title.split())


def _titled(items: list[tuple[str, str, ColumnKind]]) -> list[tuple[str, str, ColumnKind]]:
    """Titles as headers: a title two modules share gets each one's id in brackets."""
    counts: dict[str, int] = {}
    for _, title, _ in items:
        counts[title.casefold()] = counts.get(title.casefold(), 0) + 1
    return [
        (module, f"{title} [{module}]" if counts[title.casefold()] > 1 else title, kind)
        for module, title, kind in items
    ]


Played = Scenario | Table
"""What a student plays to an ending: a scenario, or a table (graded the same way)."""


def _played(a: Attempt) -> bool:
    """Whether an attempt reached an ending of a scenario or a table."""
    return a.kind == "scenario" or (a.kind == "table" and bool(a.item))


def _columns(
    report: Report, scenarios: Mapping[str, Played], quizzes: Mapping[str, Quiz]
) -> tuple[GradeColumn, ...]:
    """A column for each quiz and two for each scenario that anyone in the report answered
    or played (one, endings found, when the scenario has no historical ending), quizzes
    first, each kind by title."""
    quiz_ids = {a.module for a in report.attempts if a.kind == "quiz"}
    quiz_ids |= {r.quiz for r in report.quiz_runs}
    scenario_ids = {a.module for a in report.attempts if _played(a)}
    items: list[tuple[str, str, ColumnKind]] = []
    for quiz_id in quiz_ids:
        quiz = quizzes.get(quiz_id)
        items.append((quiz_id, _one_line(quiz.title) if quiz else quiz_id, "quiz"))
    for scenario_id in scenario_ids:
        scenario = scenarios.get(scenario_id)
        title = _one_line(scenario.title) if scenario else scenario_id
        items.append((scenario_id, title, "endings"))
    items.sort(key=lambda i: (i[2] != "quiz", i[1].casefold(), i[0]))
    columns: list[GradeColumn] = []
    for module, title, kind in _titled(items):
        if kind == "quiz":
            columns.append(GradeColumn(module, title, kind))
            continue
        scenario = scenarios.get(module)
        endings = scenario.endings if scenario else None
        columns.append(GradeColumn(module, title, "endings", len(endings) if endings else None))
        historical = sum(1 for e in endings.values() if e.kind == "historical") if endings else None
        if historical != 0:  # "of 0" would grade nothing: a scenario without any has none
            columns.append(GradeColumn(module, title, "historical", historical))
    return tuple(columns)


def gradebook(
    report: Report,
    scenarios: Mapping[str, Scenario],
    quizzes: Mapping[str, Quiz],
    *,
    latest: bool = False,
    tables: Mapping[str, Table] | None = None,
) -> Gradebook:
    """One row for each student who has answered or played anything in `report`, in
    alphabetical order. A table's endings reached count as a scenario's, whichever side
    the student played."""
    games: dict[str, Played] = {**scenarios, **(tables or {})}
    columns = _columns(report, games, quizzes)
    students = {a.profile for a in report.attempts} | {r.profile for r in report.quiz_runs}
    rows: list[GradebookRow] = []
    for student in sorted(students, key=lambda s: (s.casefold(), s)):
        runs = [r for r in report.quiz_runs if r.profile == student]  # oldest first
        plays = [a for a in report.attempts if a.profile == student and _played(a)]
        grades: list[float | None] = []
        for column in columns:
            if column.kind == "quiz":
                grades.append(_quiz_grade([r for r in runs if r.quiz == column.module], latest))
                continue
            found = {a.item for a in plays if a.module == column.module}
            scenario = games.get(column.module)
            if not found:
                grades.append(None)
            elif scenario is None:
                grades.append(len(found) if column.kind == "endings" else None)
            else:
                kept = [scenario.endings[e] for e in found if e in scenario.endings]
                if column.kind == "historical":
                    kept = [e for e in kept if e.kind == "historical"]
                grades.append(len(kept))
        rows.append(GradebookRow(student, tuple(grades)))
    return Gradebook(columns, tuple(rows), latest)


def write_gradebook(book: Gradebook, out: TextIO) -> int:
    """The gradebook as CSV (a header, then a row a student); returns the number of
    students. Names and titles are made safe for a spreadsheet; grades stay numbers."""
    writer = csv.writer(out)
    writer.writerow((*IDENTITY_COLUMNS, *(text_cell(c.header) for c in book.columns)))
    for row in book.rows:
        name = text_cell(row.student)
        writer.writerow((name, "", "", name, "", *(grade_text(g) for g in row.grades)))
    return len(book.rows)
