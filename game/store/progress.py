"""Progress that is never lost: one SQLite database per data folder, written as it happens.

Every write is its own transaction, so a game killed mid-write keeps everything committed
before. A file that is not a database, or is damaged inside, is moved aside and a fresh one
started; a `-wal` file that belongs to another database is set aside before SQLite can use
it; a file from a newer version of the game is left where it is, untouched; a locked or
unwritable database is reported once and play goes on without saving. Every row read is
checked: one that is damaged is skipped (and said), never a crash.

The parts live by what they do: `schema` (tables, migrations, file checks), `rows` (what a
row read back must hold), `statements` (the writes), `database` (the `Store`), `opening`
(opening the file and recovering), `names` (profile names). This module gathers them under
the one name the rest of the game imports.
"""

from __future__ import annotations

from game.store.database import Store
from game.store.names import MAX_NAME, profile_name
from game.store.opening import WAL_HEADER, default_data_dir, open_store, wal_mismatch
from game.store.rows import SKIPPED
from game.store.schema import (
    DB_NAME,
    MIGRATIONS,
    SCHEMA_VERSION,
    Damaged,
    NewerFile,
    check_file,
    migrate,
)

__all__ = [
    "DB_NAME",
    "MAX_NAME",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SKIPPED",
    "WAL_HEADER",
    "Damaged",
    "NewerFile",
    "Store",
    "check_file",
    "default_data_dir",
    "migrate",
    "open_store",
    "profile_name",
    "wal_mismatch",
]
