"""`treaty report`: the teacher's summary of each student's scenarios and quizzes, from one
or more data folders, or every attempt as a CSV file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich.text import Text

from game.cli.common import ExitStatus, console, fail, load, plural, write_new_csv
from game.cli.options import add_content


def add_report(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="the teacher's report: each student's scenarios and quizzes (or a CSV)",
        description="Summarise the progress in one or more data folders, or write every "
        "attempt to a CSV file, or (--gradebook) the grades of each student. Give --data-dir "
        "once for each folder copied from a classroom machine: they are merged, each attempt "
        "counted once, students matched by name.",
    )
    report.add_argument(
        "--data-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="a data folder to read (may be repeated; default: this machine's)",
    )
    report.add_argument(
        "--csv",
        metavar="FILE",
        help="write one row per attempt (with --gradebook: per student) to FILE (UTF-8, "
        "with a header)",
    )
    report.add_argument(
        "--gradebook",
        action="store_true",
        help="one row per student: each quiz's best finished score (%%), each scenario's "
        "endings found; with --csv, a file Moodle's and Canvas's grade imports take",
    )
    report.add_argument(
        "--latest",
        action="store_true",
        help="with --gradebook: grade each quiz by the latest finished attempt, not the best",
    )
    report.add_argument(
        "--include-previews",
        action="store_true",
        help="also count the games a teacher played to preview a file (treaty play --watch)",
    )
    report.add_argument(
        "--force", action="store_true", help="with --csv: replace FILE if it already exists"
    )
    add_content(report)
    report.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> ExitStatus:
    from rich.table import Table

    from game.store.progress import default_data_dir
    from game.store.report import printable, read_folders
    from game.store.report_out import name_endings, summary, write_csv

    if args.latest and not args.gradebook:
        return fail("--latest goes with --gradebook (treaty report --gradebook --latest)")
    folders = [Path(d) for d in args.data_dir] or [default_data_dir()]
    report = read_folders(folders, include_previews=args.include_previews)
    for problem in report.problems:
        print(f"treaty: {problem}", file=sys.stderr)
    catalog = load(args.content)
    name_endings(report, catalog.scenarios, catalog.tables)
    if args.gradebook:
        from game.cli.gradebook import run_gradebook

        return run_gradebook(args, report, catalog, folders)
    if args.csv:
        rows = write_new_csv(
            args.csv,
            args.force,
            lambda out: write_csv(report.attempts, out, catalog.scenarios, catalog.tables),
        )
        if isinstance(rows, ExitStatus):
            return rows
        print(f"Wrote {plural(rows, 'attempt')} to {args.csv}.")
        return ExitStatus.OK
    if not report.attempts:
        print("No attempts yet in " + ", ".join(str(f) for f in folders) + ".")
        return ExitStatus.OK if len(report.problems) < len(folders) else ExitStatus.PROBLEMS
    # A course played alone (--only) is its own: its title, as data (never markup).
    course = catalog.course
    title = Text(printable(course.title)) if course is not None else Text("Treaty Talks")
    table = Table("Student", "Scenario or quiz", "Plays or answers", "Result", title=title)
    previous = None
    for row in summary(report, catalog.scenarios, catalog.quizzes, catalog.tables):
        table.add_row(  # names and titles are data, never markup nor terminal codes
            Text(printable(row.profile) if row.profile != previous else ""),
            Text(printable(row.what)),
            str(row.attempts),
            Text(printable(row.result)),
        )
        previous = row.profile
    console().print(table)
    return ExitStatus.OK
