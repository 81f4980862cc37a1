"""Checking a table (issue 34) the way `treaty test` does: random two-sided games, each
side choosing at random among its open moves, and the properties every game keeps."""

from __future__ import annotations

import random

from game.content.table_models import Table
from game.engine.table import TableState, available_moves, start_table, submit, to_move


class TableFlaw(AssertionError):
    """A property of a table that does not hold, in the game's words."""


MAX_STEPS = 200


def play_table(table: Table, picks: list[int]) -> TableState:
    """A two-sided game: at each move, the side that moves takes its open move number
    `pick % count` (in the order written), sides in the order the file declares them;
    the game stops at an ending, a soft-lock, or when `picks` run out."""
    state = start_table(table)
    for pick in picks:
        if state.ended:
            break
        role = to_move(table, state)[0]
        open_moves = available_moves(table, state, role)
        if not open_moves:
            break
        state = submit(table, state, role, open_moves[pick % len(open_moves)][0])
    return state


def check_table_state(table: Table, state: TableState) -> None:
    """Meters in range; the game at an ending, or some side to move with a move open."""
    for name, value in state.meters:
        meter = table.meters[name]
        if not meter.min <= value <= meter.max:
            raise TableFlaw(f"meter `{name}` is {value}, outside {meter.min} to {meter.max}")
    if not state.ended:
        role = to_move(table, state)[0]
        if not available_moves(table, state, role):
            raise TableFlaw(f"at scene `{state.scene}`, {table.roles[role].name} has no move open")


def random_table_games(table: Table, *, runs: int, rng: random.Random) -> set[str]:
    """The endings `runs` random two-sided games reach (TableFlaw when one breaks a
    property)."""
    endings: set[str] = set()
    for _ in range(runs):
        state = play_table(table, [rng.randrange(1_000) for _ in range(MAX_STEPS)])
        check_table_state(table, state)
        if state.ended:
            endings.add(state.scene)
    return endings
