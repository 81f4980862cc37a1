"""What there is and whether it is right: `treaty validate` (located messages and a
summary), `treaty list`, and the overview `treaty` alone prints when it is piped."""

from __future__ import annotations

import argparse
from typing import Any

from rich.text import Text

from game.cli.common import ExitStatus, console, content_note, load, plural
from game.cli.options import add_facts, progress_parents
from game.content.catalog import Catalog, check
from game.content.paths import bundled_root
from game.content.scenario_title import title_with_year


def add_list(commands: Any) -> None:
    listing = commands.add_parser(
        "list", parents=progress_parents(), help="list the scenarios and quizzes"
    )
    listing.set_defaults(run=run_list)


def add_validate(commands: Any) -> None:
    validate = commands.add_parser(
        "validate",
        help="check scenario, quiz and fact files (or folders of them)",
        description="Check content files. Prints FILE:LINE:COL: error: message for each "
        f"problem, then a summary. Exit status: {ExitStatus.OK:d} no errors, "
        f"{ExitStatus.PROBLEMS:d} errors, {ExitStatus.USAGE:d} a path cannot be read.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder")
    validate.add_argument(
        "--strict",
        action="store_true",
        help="also explore every scenario (soft-locks, traps, endings never reached)",
    )
    add_facts(validate)
    validate.set_defaults(run=run_validate)


def run_validate(args: argparse.Namespace) -> ExitStatus:
    # `treaty --only DIR validate ...`: checked as --only plays it, without the game's facts
    # (a course that cites one of them is left out there: said here, not found in class).
    catalog = check(args.paths, bundled_facts=not getattr(args, "app_only", None))
    if args.strict:
        from game.analysis.strict import strict_problems

        catalog.problems.extend(strict_problems(catalog))
        from game.analysis.table_strict import table_strict_problems

        catalog.problems.extend(table_strict_problems(catalog))  # issue 34: tables
    else:  # a side left with no move early in a table: a warning, found quickly
        from game.analysis.table_strict import quick_table_problems

        catalog.problems.extend(quick_table_problems(catalog))
    out = console()
    for line in catalog.unreadable:
        out.print(Text(line, style="bold red"))
    for problem in catalog.problems:
        style = "bold red" if problem.severity == "error" else "yellow"
        where = f"{problem.file}:{problem.line}:{problem.col}: "
        text = Text(where, style="bold")
        text.append(f"{problem.severity} {problem.code}:", style=style)
        text.append(f" {problem.message}")
        out.print(text)
    errors, warnings = len(catalog.errors), len(catalog.warnings)
    summary = f"{plural(len(catalog.checked), 'file')} checked: "
    if errors or warnings:
        summary += f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
    elif catalog.checked:
        summary += "no problems found"
    else:
        summary = "No file checked"
    if catalog.unreadable:
        summary += f"; {plural(len(catalog.unreadable), 'path')} could not be read"
    out.print(Text(summary, style="bold red" if errors else "bold green"))
    if catalog.unreadable:
        return ExitStatus.USAGE
    return ExitStatus.PROBLEMS if errors else ExitStatus.OK


def run_list(args: argparse.Namespace) -> ExitStatus:
    catalog = load(args.content)
    print("Scenarios (play one with: treaty play ID --plain)")
    for s in sorted(catalog.scenarios.values(), key=lambda s: (s.year, s.id)):
        yours = "  (yours)" if catalog.is_yours("scenario", s.id) else ""
        print(f"  {s.id:<28} {title_with_year(s)}  (you lead: {s.delegation}){yours}")
    if not catalog.scenarios:
        print("  (none)")
    if catalog.tables:  # issue 34: listed only when there are some
        print("\nTables: two delegations, two players (play one with: treaty play ID --plain)")
        for t in sorted(catalog.tables.values(), key=lambda t: (t.year, t.id)):
            sides = " and ".join(role.name for role in t.roles.values())
            own = catalog.table_files[t.id].resolve().is_relative_to(bundled_root().resolve())
            yours = "" if own else "  (yours)"
            print(f"  {t.id:<28} {t.year}  {t.title}  ({sides}){yours}")
    print("\nQuizzes" + (" (take one with: treaty quiz ID --plain)" if catalog.quizzes else ""))
    for q in sorted(catalog.quizzes.values(), key=lambda q: q.id):
        yours = "  (yours)" if catalog.is_yours("quiz", q.id) else ""
        print(f"  {q.id:<28} {q.title} ({plural(len(q.questions), 'question')}){yours}")
    if not catalog.quizzes:
        print("  (none)")
    content_note(catalog)
    return ExitStatus.OK


def overview(catalog: Catalog, *, only: bool = False) -> None:
    """What `treaty` alone prints when no one is at a terminal: the content, and what to
    type (`only`: a teacher's folders alone, which say nothing of the game's subject)."""
    out = console()
    course = catalog.course  # a course played alone (--only): its own words (issue 33)
    out.print(Text(course.title if course else "Treaty Talks", style="bold"))
    if course is None and only:  # a folder without course.yaml: no subject but its own
        out.print("")
    elif course is None:
        out.print("Lead a delegation through the Russia–Japan peace treaty talks.\n")
    else:
        out.print(Text(" ".join(course.introduction.split()) + "\n"))
    out.print(Text("Scenarios", style="bold underline"))
    scenarios = sorted(catalog.scenarios.values(), key=lambda s: (s.year, s.id))
    for scenario in scenarios:
        lead = f"(you lead: {scenario.delegation})"
        out.print(Text(f"  {scenario.id:<24} {title_with_year(scenario)}  {lead}"))
    if not scenarios:
        out.print("  (none)")
    out.print(Text("\nQuizzes", style="bold underline"))
    for quiz in sorted(catalog.quizzes.values(), key=lambda q: q.id):
        count = plural(len(quiz.questions), "question")
        out.print(Text(f"  {quiz.id:<24} {quiz.title} ({count})"))
    if not catalog.quizzes:
        out.print("  (none)")
    example = "singapore-2018" if "singapore-2018" in catalog.scenarios or not scenarios else ""
    example = example or scenarios[0].id
    for_example = f"  (for example: treaty play {example} --plain)"
    if example not in catalog.scenarios and only:  # no scenario here to give as one
        for_example = ""
    out.print(
        f"\nTo play a scenario, type: treaty play ID --plain{for_example}\n"
        "To check your own files: treaty validate PATH"
    )
    left_out = catalog.left_out()
    if left_out:
        out.print(Text("\nThese files are left out of the game:", style="yellow"))
        for line in left_out:
            out.print(Text(f"  {line}"))
        out.print(Text("See every problem with: treaty validate FILE", style="yellow"))
