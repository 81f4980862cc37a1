"""`treaty report --gradebook`: each student's grades, as a table or as a CSV file for a
spreadsheet or the school's LMS (Moodle, Canvas)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.text import Text

from game.cli.common import ExitStatus, console, plural, write_new_csv
from game.content.catalog import Catalog
from game.store.gradebook import Gradebook, GradeColumn, grade_text, gradebook, write_gradebook
from game.store.report import Report, printable

CSV_HINT = (
    "For a spreadsheet, Moodle or Canvas, add --csv FILE: one row per student.\n"
    'AUTHORING.md, "The gradebook", says how to import it.'
)


def run_gradebook(
    args: argparse.Namespace, report: Report, catalog: Catalog, folders: list[Path]
) -> ExitStatus:
    book = gradebook(
        report, catalog.scenarios, catalog.quizzes, latest=args.latest, tables=catalog.tables
    )
    if args.csv:
        rows = write_new_csv(args.csv, args.force, lambda out: write_gradebook(book, out))
        if isinstance(rows, ExitStatus):
            return rows
        print(f"Wrote the grades of {plural(rows, 'student')} to {args.csv}.")
        return ExitStatus.OK
    if not book.rows:
        print("No attempts yet in " + ", ".join(str(f) for f in folders) + ".")
        return ExitStatus.OK if len(report.problems) < len(folders) else ExitStatus.PROBLEMS
    _print_table(book, report, catalog.course.title if catalog.course else "Treaty Talks")
    print(CSV_HINT)
    return ExitStatus.OK


def table_lines(book: Gradebook, report: Report) -> list[tuple[str, str, str]]:
    """(student, quiz or scenario, grade) for everything each student answered or played:
    a quiz's percentage, or "not finished"; a scenario's endings found."""
    answered = {(a.profile, a.module) for a in report.attempts if a.kind == "quiz"}
    answered |= {(r.profile, r.quiz) for r in report.quiz_runs}
    lines: list[tuple[str, str, str]] = []
    for row in book.rows:
        grades = list(zip(book.columns, row.grades, strict=True))
        historical = {c.module: (c, g) for c, g in grades if c.kind == "historical"}
        for column, grade in grades:
            if column.kind == "quiz" and (row.student, column.module) in answered:
                shown = "not finished" if grade is None else f"{grade_text(grade)}%"
                lines.append((row.student, column.title, shown))
            elif column.kind == "endings" and grade is not None:
                text = f"{grade_text(grade)}{_of(column)} endings found"
                more, count = historical.get(column.module, (None, None))
                if more is not None and count is not None:  # none for no historical ending
                    text += f" ({grade_text(count)}{_of(more)} historical)"
                lines.append((row.student, column.title, text))
    return lines


def _of(column: GradeColumn) -> str:
    return f" of {column.out_of}" if column.out_of is not None else ""


def _print_table(book: Gradebook, report: Report, title: str) -> None:
    """The gradebook at the terminal, under the course's title (`--only`) or the game's."""
    from rich.table import Table

    which = "latest" if book.latest else "best"
    table = Table(
        "Student",
        "Quiz or scenario",
        "Grade",
        title=Text(f"{printable(title)} gradebook (quizzes: the {which} finished attempt)"),
    )
    previous = None
    for student, what, grade in table_lines(book, report):
        table.add_row(  # names and titles are data, never markup nor terminal codes
            Text(printable(student) if student != previous else ""),
            Text(printable(what)),
            Text(grade),
        )
        previous = student
    console().print(table)
