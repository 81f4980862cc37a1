"""`treaty validate --strict` for tables (issue 34): what exploring each table finds, as
problems located at the scene, move or ending concerned."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from game.analysis.table_explore import SoftLock, describe_turns, explore_table
from game.content.catalog import Catalog
from game.content.codes import Code
from game.content.problems import Problem
from game.content.table_models import Table
from game.content.yamlfile import load_yaml

Where = tuple[str | int, ...]
Severity = Literal["error", "warning"]


QUICK_STATES = 1_000
"""How many situations of each table plain `treaty validate` explores, looking for a side
left with no move: the first ones reached, so the check stays quick (a soft-lock found is
real; one further in is found by `--strict`)."""


def table_strict_problems(catalog: Catalog) -> list[Problem]:
    """What exploring each table checked finds: per-side soft-locks, traps, endings never
    reached, moves never open."""
    return _located(catalog, _found)


def quick_table_problems(catalog: Catalog) -> list[Problem]:
    """Plain `treaty validate`: a side left with no move in one of the first situations
    of each table checked, as a warning (the game would stop there, but the file loads)."""

    def soft_locks(table: Table) -> list[tuple[Where, Severity, Code, str]]:
        result = explore_table(table, max_states=QUICK_STATES)
        return _soft_locks(table, result.soft_locks, "warning", once=True)

    return _located(catalog, soft_locks)


def _located(
    catalog: Catalog, found: Callable[[Table], list[tuple[Where, Severity, Code, str]]]
) -> list[Problem]:
    problems: list[Problem] = []
    checked = {p.resolve() for p in catalog.checked}
    for table_id, table in catalog.tables.items():
        path = catalog.table_files.get(table_id)
        if path is None or path.resolve() not in checked:
            continue
        file = load_yaml(path)
        for where, severity, code, message in found(table):
            line, col = file.locate(where, key=True)
            problems.append(Problem(str(path), line, col, severity, message, code))
    return problems


def _soft_locks(
    table: Table, locks: Sequence[SoftLock], severity: Severity, *, once: bool = False
) -> list[tuple[Where, Severity, Code, str]]:
    """Each soft-lock, with the moves that reach it (`once`: once for each scene and side,
    the shortest way there)."""
    found: list[tuple[Where, Severity, Code, str]] = []
    said: set[tuple[str, str]] = set()
    for lock in locks:
        if once and (lock.scene, lock.role) in said:
            continue
        said.add((lock.scene, lock.role))
        found.append(
            (
                ("scenes", lock.scene),
                severity,
                Code.TABLE_SOFT_LOCK,
                f"at scene `{lock.scene}`, {table.roles[lock.role].name} can be left with "
                f"no move to make (reached by: {describe_turns(table, lock.path)})",
            )
        )
    return found


def _found(table: Table) -> list[tuple[Where, Severity, Code, str]]:
    result = explore_table(table)
    found = _soft_locks(table, result.soft_locks, "error")
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
