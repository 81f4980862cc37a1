"""Each network table that reaches its ending, in the progress file: `treaty serve`'s
authority, the only writer of the tables' log, records the game for both players as a
hot-seat table is recorded (`game.store.tables`, `table_runs`), so that `treaty report`,
the gradebook and the teacher's console see it.

A game's id comes from the log (the table's code and when it was opened), so recording
it again, after a restart has rebuilt the table from the log, makes no second record.
Recording blocks (it writes the progress file, which the games write too): the server
runs it in a thread, off the event loop. A write the disk refused is tried again when the next
table ends, and at the next start.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from game.engine.table import TableState
from game.store.database import Store
from game.store.opening import open_store
from game.store.table_log import TableLog
from game.store.tables import PlayedTable, record_played

log = logging.getLogger("treaty.tables")

GAMES = uuid.UUID("5f0c3a52-8d1e-4b0a-9a57-2f4d3c1e7b60")
"""The namespace of the ids of games played over the network."""


@dataclass(frozen=True)
class Ended:
    """A table at its ending, as the authority holds it."""

    code: str
    scenario: str
    players: Mapping[str, str]
    """Each side -> its player's profile name, in the order the file declares the sides."""
    state: TableState


def game_id(code: str, opened: str) -> str:
    """The same id for the same game, however often it is recorded."""
    return uuid.uuid5(GAMES, f"{code} {opened}").hex


class Recorder:
    """Writes the records of the tables that ended into the progress file of `data_dir`."""

    def __init__(self, tables_log: TableLog, data_dir: Path) -> None:
        self.tables_log = tables_log
        self.data_dir = data_dir
        self.done: set[str] = set()
        """The codes of the tables recorded by this process."""
        self._lock = threading.Lock()
        self._store: Store | None = None
        """The progress file, opened when the first table ends."""

    def record(self, ended: Sequence[Ended]) -> bool:
        """Record each table in `ended` not recorded yet; False when the progress file
        could not be written (each is then tried again next time)."""
        with self._lock:
            played: list[tuple[str, PlayedTable]] = []
            for table in ended:
                times = self.tables_log.times(table.code)
                if table.code in self.done or times is None:
                    continue
                opened, started, finished = times
                game = game_id(table.code, opened)
                played.append(
                    (
                        table.code,
                        PlayedTable(
                            game, table.scenario, table.players, table.state, started, finished
                        ),
                    )
                )
            if not played:
                return True
            if self._store is None:
                self._store = open_store(self.data_dir)
            store = self._store
            try:
                written = store.path is not None and record_played(store, [p for _, p in played])
            except (sqlite3.Error, OSError) as problem:
                store.warning, written = str(problem), False
            if not written:  # opened afresh next time: the disk may have come back
                log.warning("A finished table could not be recorded: %s", store.warning)
                self.close()
                return False
            self.done.update(code for code, _ in played)
            return True

    def close(self) -> None:
        """Close the progress file (the server is stopping, or a write failed)."""
        if self._store is not None:
            self._store.close()
            self._store = None
