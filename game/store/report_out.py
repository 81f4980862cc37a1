"""What `treaty report` writes from the attempts it read (`game.store.report`): the CSV
of every attempt, and the summary of each student's scenarios, tables and quizzes."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TextIO

from game.content.models import Quiz, Scenario
from game.content.table_models import Table
from game.quiz import score_text
from game.store.paths_taken import path_text, table_path_text
from game.store.report import NOT_FINISHED, Attempt, Report, text_cell

CSV_COLUMNS = (
    "profile",
    "kind",
    "module_or_scenario",
    "item",
    "result",
    "partial_credit",
    "seconds",
    "answer",
    "when",
    "attempt_id",
    "path",
    "side",
    "partner",
)
"""The attempt CSV's columns; `side` and `partner` (the side a student played at a table,
and who played the other side) came last, so that older spreadsheets keep their columns."""


def write_csv(
    attempts: Iterable[Attempt],
    out: TextIO,
    scenarios: Mapping[str, Scenario] | None = None,
    tables: Mapping[str, Table] | None = None,
) -> int:
    """One row an attempt, with a header; returns the number of rows. Text cells (names,
    answers typed, ids) are made safe to open in a spreadsheet; numbers stay numbers. A
    scenario's row ends with the path taken, in the words of `scenarios`' files; a
    table's with both sides' moves (in the words of `tables`' files), the side played
    and the other side's player."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for a in attempts:
        writer.writerow(
            (
                text_cell(a.profile),
                text_cell(a.kind),
                text_cell(a.module),
                text_cell(a.item),
                text_cell(a.result),
                "" if a.partial_credit is None else f"{a.partial_credit:g}",
                "" if a.seconds is None else f"{a.seconds:g}",
                text_cell(a.answer),
                text_cell(a.when),
                text_cell(a.attempt_id),
                text_cell(_path_cell(a, scenarios or {}, tables or {})),
                text_cell(a.side),
                text_cell(a.partner),
            )
        )
        count += 1
    return count


def _path_cell(a: Attempt, scenarios: Mapping[str, Scenario], tables: Mapping[str, Table]) -> str:
    if a.kind == "scenario":
        return path_text(a.path, scenarios.get(a.module))
    if a.kind == "table":
        return table_path_text(a.turns, tables.get(a.module))
    return ""


@dataclass(frozen=True)
class SummaryRow:
    """One student's record in one scenario or quiz."""

    profile: str
    what: str
    attempts: int
    result: str


def name_endings(
    report: Report, scenarios: Mapping[str, Scenario], tables: Mapping[str, Table] | None = None
) -> None:
    """Say which kind of ending each playthrough reached (historical or counterfactual),
    for scenarios (and tables) still in the content."""
    for i, a in enumerate(report.attempts):
        kind: str | None = None
        if a.kind == "scenario" and a.module in scenarios:
            ending = scenarios[a.module].endings.get(a.item)
            kind = ending.kind if ending is not None else None
        elif a.kind == "table" and a.module in (tables or {}):
            reached = (tables or {})[a.module].endings.get(a.item)
            kind = reached.kind if reached is not None else None
        if kind is not None:
            report.attempts[i] = replace(a, result=f"{kind} ending")


def summary(
    report: Report,
    scenarios: Mapping[str, Scenario],
    quizzes: Mapping[str, Quiz],
    tables: Mapping[str, Table] | None = None,
) -> list[SummaryRow]:
    """Profile by scenario, table (and side) and quiz: plays and endings found; answers,
    scores and how many were right."""
    rows: list[SummaryRow] = []
    profiles = sorted({a.profile for a in report.attempts}, key=str.casefold)
    for profile in profiles:
        mine = [a for a in report.attempts if a.profile == profile]
        for scenario_id in sorted({a.module for a in mine if a.kind == "scenario"}):
            plays = [a for a in mine if a.kind == "scenario" and a.module == scenario_id]
            found = {a.item for a in plays}
            scenario = scenarios.get(scenario_id)
            title = scenario.title if scenario else scenario_id
            out_of = f" of {len(scenario.endings)}" if scenario else ""
            historical = sum(
                1
                for e in found
                if scenario and e in scenario.endings and scenario.endings[e].kind == "historical"
            )
            result = f"endings found: {len(found)}{out_of} ({historical} historical)"
            rows.append(SummaryRow(profile, title, len(plays), result))
        rows += _table_rows(profile, mine, tables or {})
        for quiz_id in sorted({a.module for a in mine if a.kind == "quiz"}):
            answers = [a for a in mine if a.kind == "quiz" and a.module == quiz_id]
            right = sum(1 for a in answers if a.result == "right")
            quiz = quizzes.get(quiz_id)
            title = quiz.title if quiz else quiz_id
            runs = [r for r in report.quiz_runs if r.profile == profile and r.quiz == quiz_id]
            parts = []
            if runs:
                best = max(runs, key=lambda r: r.score / r.total)
                latest = runs[-1]
                parts.append(
                    f"best {score_text(best.score)} of {best.total}, latest "
                    f"{score_text(latest.score)} of {latest.total} (finished {len(runs)}×)"
                )
            else:
                parts.append("not finished yet")
            parts.append(f"{right} of {len(answers)} answers right")
            rows.append(SummaryRow(profile, title, len(answers), "; ".join(parts)))
    return rows


def _table_rows(profile: str, mine: list[Attempt], tables: Mapping[str, Table]) -> list[SummaryRow]:
    """A row for each table and side a student played: games (started ones too), the
    endings found, how many games are not finished."""
    rows: list[SummaryRow] = []
    for table_id, side in sorted({(a.module, a.side) for a in mine if a.kind == "table"}):
        games = [a for a in mine if a.kind == "table" and (a.module, a.side) == (table_id, side)]
        table = tables.get(table_id)
        found = {a.item for a in games if a.item}
        role = table.roles[side].name if table is not None and side in table.roles else side
        title = f"{table.title if table is not None else table_id} (as {role})"
        out_of = f" of {len(table.endings)}" if table is not None else ""
        historical = sum(
            1
            for e in found
            if table is not None and e in table.endings and table.endings[e].kind == "historical"
        )
        result = f"endings found: {len(found)}{out_of} ({historical} historical)"
        going = sum(1 for a in games if a.result == NOT_FINISHED)
        if going:
            result += f"; {going} {NOT_FINISHED}"
        rows.append(SummaryRow(profile, title, len(games), result))
    return rows
