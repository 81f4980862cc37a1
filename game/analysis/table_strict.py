"""`treaty validate --strict` for tables (issue 34): what exploring each table finds, as
problems located at the scene, move or ending concerned."""

from __future__ import annotations

from typing import Literal

from game.analysis.table_explore import describe_turns, explore_table
from game.content.catalog import Catalog
from game.content.codes import Code
from game.content.problems import Problem
from game.content.table_models import Table
from game.content.yamlfile import load_yaml

Where = tuple[str | int, ...]
Severity = Literal["error", "warning"]


def table_strict_problems(catalog: Catalog) -> list[Problem]:
    """What exploring each table checked finds: per-side soft-locks, traps, endings never
    reached, moves never open."""
    problems: list[Problem] = []
    checked = {p.resolve() for p in catalog.checked}
    for table_id, table in catalog.tables.items():
        path = catalog.table_files.get(table_id)
        if path is None or path.resolve() not in checked:
            continue
        file = load_yaml(path)
        for where, severity, code, message in _found(table):
            line, col = file.locate(where, key=True)
            problems.append(Problem(str(path), line, col, severity, message, code))
    return problems


def _found(table: Table) -> list[tuple[Where, Severity, Code, str]]:
    result = explore_table(table)
    found: list[tuple[Where, Severity, Code, str]] = []
    for lock in result.soft_locks:
        found.append(
            (
                ("scenes", lock.scene),
                "error",
                Code.TABLE_SOFT_LOCK,
                f"at scene `{lock.scene}`, {table.roles[lock.role].name} can be left with "
                f"no move to make (reached by: {describe_turns(table, lock.path)})",
            )
        )
    for trap in result.traps:
        found.append(
            (
                ("scenes", trap.scene),
                "error",
                Code.TRAPPED,
                f"from scene `{trap.scene}` no ending can be reached; reached by: "
                f"{describe_turns(table, trap.path)}",
            )
        )
    if result.truncated:
        return found
    for ending_id in result.unreachable_endings:
        found.append(
            (
                ("endings", ending_id),
                "error",
                Code.ENDING_UNREACHABLE,
                f"ending `{ending_id}` can never be reached",
            )
        )
    for scene_id, role, number in result.never_made:
        key = "moves" if table.scenes[scene_id].moves is not None else "choices"
        where: Where = ("scenes", scene_id, key, role, number - 1)
        if key == "choices":
            where = ("scenes", scene_id, key, number - 1)
        found.append(
            (
                where,
                "warning",
                Code.NEVER_ENABLED,
                f"move {number} of {table.roles[role].name} at scene `{scene_id}` is never "
                "open in any reachable situation",
            )
        )
    return found
