"""Where the app's tables over the network are (issue 35), and the seat it remembers.

Under `treaty serve`, each visitor's game is told where the tables are (`TABLES_URL`, on
that machine) and, with a roster, a pass for its profile (`TABLE_PASS`: the code was typed
on the page, and is not asked again). Anywhere else, "Join a table" asks for the server's
address, as `treaty join URL` takes it.

A seat at a table is remembered in a small file in the data folder, one per profile, so
that a reloaded tab (a new game process) offers "Continue: table CODE as Japan's
delegation" and rejoins. No code is ever written there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.net.protocol import CODE_ADVICE

TABLES_URL = "TREATY_TABLES_URL"
"""In a visitor's game under `treaty serve`: where the server's tables are."""
TABLE_PASS = "TREATY_TABLE_PASS"
"""In a visitor's game under `treaty serve --roster`: the authority's pass for its profile."""

SEATS = "table-seats"
"""The data folder's folder of remembered seats."""


def served_url() -> str | None:
    """The tables' address when this game runs under `treaty serve`, else None."""
    return os.environ.get(TABLES_URL) or None


def served_pass() -> str | None:
    """The roster's pass for this game's profile under `treaty serve --roster`, else None."""
    return os.environ.get(TABLE_PASS) or None


class NetSeat(BaseModel):
    """A side at a table on a server, as remembered (read back from disk: validated)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    url: str = Field(min_length=1, max_length=300)
    table: str = Field(pattern=r"^[A-Za-z0-9]{4,16}$")
    side: str = Field(min_length=1, max_length=80)
    name: str = Field(min_length=1, max_length=200)
    """The side's name ("Japan's delegation")."""
    coded: bool = False
    """Whether the student typed a code to join (asked again: it is never kept)."""

    @property
    def label(self) -> str:
        return f"table {self.table} as {self.name}"


def _file(folder: Path, profile: str) -> Path:
    digest = hashlib.sha256(profile.casefold().encode()).hexdigest()[:24]
    return folder / SEATS / f"{digest}.json"


def remembered(folder: Path | None, profile: str) -> NetSeat | None:
    """The seat `profile` last took and has not finished, if any (a damaged file: none)."""
    if folder is None:
        return None
    try:
        return NetSeat.model_validate_json(_file(folder, profile).read_bytes())
    except (OSError, ValueError, ValidationError):
        return None


def remember(folder: Path | None, profile: str, seat: NetSeat) -> None:
    """Keep `seat` for `profile` (written whole, then renamed: never half a file)."""
    if folder is None:
        return
    path = _file(folder, profile)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(f".{os.getpid()}.part")
        part.write_text(seat.model_dump_json(), encoding="utf-8")
        os.replace(part, path)


def forget(folder: Path | None, profile: str) -> None:
    """The table has ended (or gone): nothing to continue."""
    if folder is not None:
        with contextlib.suppress(OSError):
            _file(folder, profile).unlink(missing_ok=True)


def seat_folder(data_dir: Path | None) -> Path:
    """Where seats are remembered: the progress's own data folder."""
    if data_dir is not None:
        return data_dir
    from game.store.opening import default_data_dir

    return default_data_dir()


TABLES_LINE = "Tables     ·  on the class's server: join one by its code, or open one"
"""One line (the menu shows nine at 80×24): Join, whose screen also opens a table."""


def in_app(message: str, where: str) -> str:
    """A server's refusal as the app shows it: a missing code's terminal advice (`--code
    CODE`) becomes `where`, which says where to type the code on this screen."""
    advice = CODE_ADVICE + "."
    if message.endswith(advice):
        return f"{message.removesuffix(advice)}: {where}"
    return message


def table_lines(has_tables: bool) -> list[tuple[str, str]]:
    """Home's line for tables over the network, (label, id): under `treaty serve`, or
    where there are tables to open."""
    if has_tables or served_url() is not None:
        return [(TABLES_LINE, "table-join")]
    return []


def continue_line(seat: NetSeat) -> tuple[str, str]:
    """Home's first line when a seat was left part-way."""
    return f"Continue   ·  {seat.label}", "table-continue"
