"""The frames of a table over the network (issue 35): JSON objects, each with a `type`,
validated with pydantic on both ends. Anything else is refused with a message, never a
traceback.

From a client: `open` (a table of a scenario), `join` (a table, as a profile, a side or
the side that is free) and `move` (one side's move at one step). From the server:
`opened` (the table's code), `view` (what that one side may see now, nothing more) and
`refused` (what was wrong, in words for the student).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

MAX_FRAME = 4096
"""The longest frame a client sends (a move is under 100 characters); a longer one is
refused with a message."""
MAX_MESSAGE = 1024 * 1024
"""Longer than this, the connection is closed (by aiohttp, cleanly, code 1009)."""

TABLE_CODE = r"^[A-Za-z0-9]{4,16}$"

CODE_ADVICE = " (--code CODE)"
"""How the authority's refusals for a missing code end (before the full stop): advice for
the terminal, where the code is given with `--code`. The app says in its place where to
type the code on its screen; the frames themselves stay as they always were."""

Name = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.-]+$")]
Text = Annotated[str, Field(max_length=200)]


class Frame(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Open(Frame):
    type: Literal["open"]
    scenario: Name
    code: Text | None = None
    """The teacher's code, where the server has a roster."""


class Join(Frame):
    type: Literal["join"]
    table: Annotated[str, Field(pattern=TABLE_CODE)]
    profile: Annotated[str, Field(min_length=1, max_length=200)]
    side: Name | None = None
    code: Text | None = None
    """This profile's code, where the server has a roster."""


class Move(Frame):
    type: Literal["move"]
    table: Annotated[str, Field(pattern=TABLE_CODE)]
    side: Name
    step: Annotated[int, Field(ge=0, le=100_000)]
    """How many steps the table had made when this side chose (a move meant for an
    earlier step is refused, never taken for the next one)."""
    number: Annotated[int, Field(ge=1, le=10_000)]
    """The move's number in the file (as the view lists it)."""


class Look(Frame):
    """Which sides of a table are free (the app's "Join a table" lists them)."""

    type: Literal["look"]
    table: Annotated[str, Field(pattern=TABLE_CODE)]
    profile: Annotated[str, Field(max_length=200)] = ""
    """Who asks: the side this profile already plays is marked as theirs."""


ClientFrame = Annotated[Open | Join | Move | Look, Field(discriminator="type")]
_CLIENT: TypeAdapter[Open | Join | Move | Look] = TypeAdapter(ClientFrame)


class Opened(Frame):
    type: Literal["opened"] = "opened"
    table: str
    scenario: str
    title: str


class Refused(Frame):
    type: Literal["refused"] = "refused"
    message: str


class MeterLine(Frame):
    label: str
    value: int
    most: int
    private: bool


class Path(Frame):
    """One side's moves so far, for the ending."""

    name: str
    player: str
    moves: list[str]


class Ending(Frame):
    title: str
    text: list[str]
    paths: list[Path]
    why: list[str]
    own: list[str]
    """This side's private paragraphs and debrief (never the other side's)."""
    history: str
    sources: list[str]


class View(Frame):
    """What one side may see of its table now."""

    type: Literal["view"] = "view"
    table: str
    side: str
    name: str
    """This side's name ("Japan's delegation")."""
    players: dict[str, str]
    """Each side's name -> its player (the sides taken so far)."""
    title: str
    year: int
    summary: str
    step: int
    brief: str
    facts: list[str]
    scene_title: str | None
    shared: list[str]
    """The paragraphs both sides read."""
    private: list[str]
    """The paragraphs for this side only."""
    meters: list[MeterLine]
    flags: list[str]
    """What this side's own private flags mean."""
    moves: list[tuple[int, str]]
    """The moves this side can make now: (number in the file, text)."""
    sealed: bool
    to_move: list[str]
    """The names of the sides still to move here."""
    absent: list[str]
    """The names of the sides with no player connected now."""
    revealed: list[tuple[str, str]]
    """The moves of the last step, revealed to both: (side's name, move's text)."""
    ending: Ending | None = None
    paused: bool = False
    """The teacher has paused this table: no move is taken until they resume it."""
    closed: bool = False
    """The teacher has closed this table: no more moves."""


class SideLine(Frame):
    id: str
    name: str
    taken: bool
    """Held by a player (who is not said)."""
    yours: bool
    """Held by the profile that asked."""


class Sides(Frame):
    """The answer to `look`: a table's sides, which are free (no player's name)."""

    type: Literal["sides"] = "sides"
    table: str
    title: str
    sides: list[SideLine]


_SIDES: TypeAdapter[Sides | Refused] = TypeAdapter(
    Annotated[Sides | Refused, Field(discriminator="type")]
)


ServerFrame = Annotated[Opened | Refused | View, Field(discriminator="type")]
_SERVER: TypeAdapter[Opened | Refused | View] = TypeAdapter(ServerFrame)


class BadFrame(ValueError):
    """A frame that is not one of ours: what is wrong, in words."""


def read_client_frame(text: str) -> Open | Join | Move | Look:
    """A client's frame; BadFrame (with what is wrong) for anything else."""
    if len(text) > MAX_FRAME:
        raise BadFrame(f"a frame longer than {MAX_FRAME} characters")
    try:
        return _CLIENT.validate_json(text)
    except ValidationError as problem:
        raise BadFrame(_first(problem)) from None


def read_server_frame(text: str) -> Opened | Refused | View:
    try:
        return _SERVER.validate_json(text)
    except ValidationError as problem:
        raise BadFrame(_first(problem)) from None


def read_sides_frame(text: str) -> Sides | Refused:
    """The answer to `look` (the frames a table's players are sent are `read_server_frame`'s)."""
    try:
        return _SIDES.validate_json(text)
    except ValidationError as problem:
        raise BadFrame(_first(problem)) from None


def _first(problem: ValidationError) -> str:
    """The first thing wrong, short (a frame's contents are never repeated back)."""
    error = problem.errors(include_input=False, include_url=False)[0]
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg']}" if where else str(error["msg"])
