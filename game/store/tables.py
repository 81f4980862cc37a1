"""Saving and resuming a table (issue 34), for both players.

A saved table keeps the path (each step's scene and moves), the moves sealed at the
current scene and which player plays which side; it is saved under each player's profile
after every move. What is read back is not trusted: anything not of the shape written here
makes the saved table `Changed`, never a crash, as for a scenario's saved game.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from game.content.table_models import Table
from game.engine import ChoiceRefused, ScenarioLoop
from game.engine.table import TableState, Turn, replay_table, submit
from game.store.database import Store
from game.store.games import Changed

TABLE: Final = "table"
"""The kind of a saved table in the store."""


def save_table(
    store: Store,
    table_id: str,
    profiles: Mapping[str, int],
    players: Mapping[str, str],
    state: TableState,
) -> None:
    """Keep the table under each player's profile (`profiles`: each side's), with each
    side's player's name; a finished table is no longer saved."""
    for role, profile in profiles.items():
        if state.ended:
            store.forget(profile, TABLE, table_id)
            continue
        data: dict[str, Any] = {
            "path": [[scene, [list(move) for move in turn]] for scene, turn in state.path],
            "sealed": [list(move) for move in state.sealed],
            "players": dict(players),
            "side": role,
        }
        store.save(profile, TABLE, table_id, data)


def resume_table(
    store: Store, profile: int, table: Table
) -> tuple[TableState, dict[str, str]] | Changed | None:
    """The saved table of this profile: its state and its players, `Changed` when the
    file has changed (or the save is damaged), None when there is none."""
    saved = store.load(profile, TABLE, table.id)
    if saved is None:
        return None
    path = _path(saved.get("path"))
    sealed = _moves(saved.get("sealed"))
    players = saved.get("players")
    if path is None or sealed is None or not isinstance(players, dict):
        return Changed(0)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in players.items()):
        return Changed(len(path))
    try:
        state = replay_table(table, path)
        for role, number in sealed:
            state = submit(table, state, role, number)
    except (ChoiceRefused, ScenarioLoop, KeyError, IndexError):
        return Changed(len(path))
    return state, dict(players)


def _moves(value: object) -> list[tuple[str, int]] | None:
    if not isinstance(value, list):
        return None
    moves = []
    for move in value:
        if (
            not isinstance(move, list)
            or len(move) != 2
            or not isinstance(move[0], str)
            or not isinstance(move[1], int)
            or isinstance(move[1], bool)
        ):
            return None
        moves.append((move[0], move[1]))
    return moves


def _path(value: object) -> list[Turn] | None:
    if not isinstance(value, list):
        return None
    path: list[Turn] = []
    for step in value:
        if not isinstance(step, list) or len(step) != 2 or not isinstance(step[0], str):
            return None
        moves = _moves(step[1])
        if moves is None:
            return None
        path.append((step[0], tuple(moves)))
    return path
