"""Saving and resuming a table (issue 34), for both players.

A saved table keeps the path (each step's scene and moves), the moves sealed at the
current scene and which player plays which side; it is saved under each player's profile
after every move. What is read back is not trusted: anything not of the shape written here
makes the saved table `Changed`, never a crash, as for a scenario's saved game.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from game.content.table_models import Table
from game.engine import ChoiceRefused, ScenarioLoop
from game.engine.table import TableState, Turn, replay_table, submit
from game.store.database import Store
from game.store.games import Changed
from game.store.statements import Statement, forget_statement, new_uid, now, save_statement

TABLE: Final = "table"
"""The kind of a saved table in the store."""


def save_table(
    store: Store,
    table_id: str,
    profiles: Mapping[str, int],
    players: Mapping[str, str],
    state: TableState,
    opened_by: int | None = None,
) -> None:
    """Keep the table under each player's profile (`profiles`: each side's), with each
    side's player's name; a finished table is no longer saved. In the same transaction,
    each player's record of the game (`table_runs`, which `treaty report` reads) is
    written: started at the first move, with its ending once one is reached.

    `opened_by`: the profile of the app the table is played in. When it plays no side, it
    keeps the place too (so that Home's "Continue" finds it there), but no record: the
    game is counted for its two players only."""
    keepers = list(profiles.values())
    if opened_by is not None and opened_by not in keepers:
        keepers.append(opened_by)
    game = _game_id(store, table_id, keepers, players, state)
    sides = {profile: role for role, profile in profiles.items()}
    statements: list[Statement] = []
    for profile in keepers:
        role = sides.get(profile, "")
        if state.ended:
            statements.append(forget_statement(profile, TABLE, table_id))
        else:
            data: dict[str, Any] = {
                "path": _path_data(state),
                "sealed": [list(move) for move in state.sealed],
                "players": dict(players),
                "side": role,
                "game": game,
            }
            statements.append(save_statement(profile, TABLE, table_id, data))
    for role, profile in profiles.items():
        statements.append(_run_statement(store, profile, table_id, role, players, state, game))
    store._write(*statements)


def _path_data(state: TableState) -> list[list[Any]]:
    return [[scene, [list(move) for move in turn]] for scene, turn in state.path]


def _game_id(
    store: Store,
    table_id: str,
    keepers: Sequence[int],
    players: Mapping[str, str],
    state: TableState,
) -> str:
    """The id of the game `state` belongs to: the one saved by any of `keepers` (each
    player, and the profile that opened it), when it was saved with the same players and
    its moves so far lead to `state`; else a new game's. Any of them: a player may have
    started another game of this table since, which replaced their own saved place."""
    after = [move for _, turn in state.path for move in turn] + list(state.sealed)
    for profile in keepers:
        saved = store.load(profile, TABLE, table_id)
        if saved is None or not isinstance(saved.get("game"), str):
            continue
        path, sealed = _path(saved.get("path")), _moves(saved.get("sealed"))
        if path is None or sealed is None or saved.get("players") != dict(players):
            continue
        before = [move for _, turn in path for move in turn] + sealed
        if after[: len(before)] == before:
            return str(saved["game"])
    return new_uid()


def _run_statement(
    store: Store,
    profile: int,
    table_id: str,
    role: str,
    players: Mapping[str, str],
    state: TableState,
    game: str,
    times: tuple[str, str] | None = None,
) -> Statement:
    """A player's record of the game, made or brought up to date; with `times` (when it
    started, when it ended), made once and never changed after."""
    ending = state.scene if state.ended else ""
    started, finished = times or (now(), now() if state.ended else None)
    then = (
        "NOTHING"
        if times
        else "UPDATE SET path = excluded.path, ending = excluded.ending, "
        "finished = excluded.finished"
    )
    return (
        "INSERT INTO table_runs (profile_id, scenario, side, players, path, ending, started, "
        "finished, uid, preview) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        f"ON CONFLICT (uid) DO {then}",
        (
            profile,
            table_id,
            role,
            json.dumps(dict(players)),
            json.dumps(_path_data(state)),
            ending,
            started,
            finished,
            f"{game}-{role}",
            int(store.previewing),
        ),
    )


def tables_finished(store: Store, profile: int) -> list[tuple[str, str, str]]:
    """Every table this profile played to an ending: (table, side played, ending), oldest
    first. A row not of the shape written here is skipped (and said once)."""
    rows = store._rows(
        "SELECT scenario, side, ending FROM table_runs WHERE profile_id = ? "
        "AND finished IS NOT NULL AND ending != '' ORDER BY finished, id",
        (profile,),
        lambda row: all(isinstance(value, str) for value in row),
        "a finished table",
    )
    return [(row[0], row[1], row[2]) for row in rows]


@dataclass(frozen=True)
class PlayedTable:
    """A table played to its ending somewhere else than this store's app: over the
    network, by `treaty serve`'s authority (which keeps its moves in its own log)."""

    game: str
    """The game's id, the same each time this game is recorded (its record's uid)."""
    table_id: str
    players: Mapping[str, str]
    """Each side -> the name of its player's profile."""
    state: TableState
    started: str
    finished: str


def record_played(store: Store, played: Sequence[PlayedTable]) -> bool:
    """Each player's record of each game in `played` (`table_runs`, as `save_table` writes
    it at an ending), in one transaction. A game recorded already is left as it was, so
    recording it again (after a restart) never makes a second record. No saved place is
    touched. False when the disk refused it."""
    statements = [
        _run_statement(
            store,
            store.profile(name),
            game.table_id,
            role,
            game.players,
            game.state,
            game.game,
            (game.started, game.finished),
        )
        for game in played
        if game.state.ended
        for role, name in game.players.items()
    ]
    if not statements:
        return True
    store._write(*statements)
    return not store.unwritable


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
