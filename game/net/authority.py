"""The tables' authority (issue 35): the one place, inside `treaty serve`, that holds each
table's state, checks every move with the engine and writes the tables' log.

No network here: the websocket route (`game.net.server`) hands it the frames it read and
the connection they came on, and sends each side the view it gives back. Every refusal is
a `Refusal` with a message for the student.

A side belongs to the profile that took it first (the log keeps who): anyone else is
refused it ("Russia's delegation is already taken"); its own player rejoins it after a
dropped connection, and a second connection of the same player takes over from the first.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from game.content.catalog import Catalog
from game.content.table_models import Table
from game.engine import ChoiceRefused, ScenarioLoop
from game.engine.table import TableState, start_table, submit
from game.net.protocol import CODE_ADVICE, Join, Move, Opened, SideLine, Sides, View
from game.net.records import Ended, Recorder
from game.net.roster import TEACHER, Roster, key
from game.net.views import build_view
from game.store.names import profile_name
from game.store.table_log import CLOSE, PAUSE, RESUME, TableLog

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""A table's code is written with these (no 0/O, no 1/I: read aloud in a classroom)."""
CODE_LENGTH = 6


class Refusal(Exception):
    """What was refused, in words for the student; `wait`: the seconds to wait before
    saying so (a wrong code, after a few)."""

    def __init__(self, message: str, wait: float = 0.0) -> None:
        super().__init__(message)
        self.message = message
        self.wait = wait


@dataclass
class LiveTable:
    code: str
    scenario: str
    table: Table | None
    state: TableState | None
    seats: dict[str, str] = field(default_factory=dict)
    """Each side taken -> the profile that plays it."""
    connected: dict[str, object] = field(default_factory=dict)
    """Each side with a player connected now -> that connection."""
    broken: str | None = None
    """Why this table cannot go on (its scenario has gone or changed), if it cannot."""
    paused: bool = False
    """Paused by the teacher (issue 36): moves are refused until they resume it."""
    closed: bool = False
    """Closed by the teacher (issue 36): no more moves."""


def new_code(taken: set[str]) -> str:
    """A table code not in `taken`: random (`secrets`), letters and digits."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


class Tables:
    """Every table the server holds, rebuilt from the log when first needed."""

    def __init__(
        self,
        load_catalog: Callable[[], Catalog],
        log: TableLog,
        roster: Roster | None = None,
        recorder: Recorder | None = None,
    ) -> None:
        self.roster = roster
        self.recorder = recorder
        """Records each table that ends in the progress file (none: not recorded)."""
        self._load_catalog = load_catalog
        self._catalog: Catalog | None = None
        self.log = log
        self.live: dict[str, LiveTable] = {}
        self._secret = secrets.token_bytes(32)
        """Signs `game_pass` (a new one each start: serve hands its games new passes)."""

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = self._load_catalog()
            self._rebuild()
        return self._catalog

    def _rebuild(self) -> None:
        """Every table in the log, from its first move to its last."""
        assert self._catalog is not None
        for code, logged in self.log.read().items():
            table = self._catalog.tables.get(logged.scenario)
            live = LiveTable(code, logged.scenario, table, None, dict(logged.seats))
            live.paused, live.closed = logged.paused, logged.closed
            self.live[code] = live
            if table is None:
                live.broken = f"its scenario `{logged.scenario}` is no longer on this server"
                continue
            try:
                state = start_table(table)
                for role, number in logged.moves:
                    state = submit(table, state, role, number)
            except (ChoiceRefused, ScenarioLoop, KeyError, IndexError):
                live.broken = f"its scenario `{logged.scenario}` has changed since it was opened"
                continue
            live.state = state
        if self.recorder is not None:  # one that ended before a restart, if not recorded then
            self.recorder.record(self.ended())

    def ended(self) -> list[Ended]:
        """Every table at its ending, played by two players, not yet recorded here."""
        done = self.recorder.done if self.recorder is not None else set()
        return [
            Ended(live.code, live.scenario, {r: live.seats[r] for r in table.role_ids}, state)
            for live in list(self.live.values())
            if (table := live.table) is not None
            and (state := live.state) is not None
            and state.ended
            and live.code not in done
            and all(r in live.seats for r in table.role_ids)
        ]

    def check_code(self, name: str, code: str | None, address: str = "") -> None:
        """With a roster: Refusal unless `name` is on it and `code` is theirs."""
        roster = self.roster
        if roster is None:
            return
        if not roster.on_roster(name):
            wait = roster.failed(address) if address else 0.0
            raise Refusal(f"{name} is not on this class's roster: ask your teacher.", wait)
        if code and hmac.compare_digest(code.encode(), self.game_pass(name).encode()):
            return  # a browser's game under serve: its code was typed on the page
        if not code:
            what = (
                "Opening a table takes the teacher's code"
                if key(name) == TEACHER
                else (f"{name} needs their code")
            )
            raise Refusal(f"{what}{CODE_ADVICE}.")
        if not roster.right(name, code):
            wait = roster.failed(key(name), *([address] if address else []))
            whose = "the teacher's" if key(name) == TEACHER else f"{name}'s"
            raise Refusal(f"That is not {whose} code.", wait)
        roster.passed(name, *([address] if address else []))

    def game_pass(self, profile: str) -> str:
        """What `treaty serve` gives a browser's game whose profile the roster let in (its
        code typed once on the page): taken for that profile's code, never for another's."""
        signed = hmac.new(self._secret, b"table:" + key(profile).encode(), hashlib.sha256)
        return signed.hexdigest()

    def sides(self, code: str, profile: str = "") -> Sides:
        """The sides of table `code`, which are taken and which is `profile`'s."""
        live = self.find(code)
        assert live.table is not None
        table, asking = live.table, profile_name(profile) or ""
        return Sides(
            table=live.code,
            title=table.title,
            sides=[
                SideLine(
                    id=role,
                    name=table.roles[role].name,
                    taken=role in live.seats,
                    yours=bool(asking) and live.seats.get(role) == asking,
                )
                for role in table.role_ids
            ],
        )

    def open(self, scenario: str, code: str | None = None, address: str = "") -> Opened:
        """A new table of `scenario` (a table's id), with a fresh code; with a roster,
        only with the teacher's code."""
        self.check_code(TEACHER, code, address)
        table = self.catalog.tables.get(scenario)
        if table is None:
            known = ", ".join(sorted(self.catalog.tables)) or "none"
            raise Refusal(
                f"There is no table scenario `{scenario}` on this server (its tables: {known})."
            )
        try:
            state = start_table(table)
        except ScenarioLoop as loop:
            raise Refusal(f"The table cannot start: {loop}.") from None
        code = new_code(set(self.live))
        if not self.log.open_table(code, scenario):
            raise Refusal("The server could not record a new table; try again.")
        self.live[code] = LiveTable(code, scenario, table, state)
        return Opened(table=code, scenario=scenario, title=table.title)

    def find(self, code: str) -> LiveTable:
        self.catalog  # the log is read once the content is  # noqa: B018
        live = self.live.get(code.upper())
        if live is None:
            raise Refusal(f"There is no table {code} on this server: check its code.")
        if live.broken:
            raise Refusal(f"Table {live.code} cannot go on: {live.broken}. Open a new table.")
        return live

    def join(
        self, frame: Join, connection: object, address: str = ""
    ) -> tuple[LiveTable, str, object | None]:
        """Seat `connection` at a side of the table: (the table, the side, the connection
        that held it before and is let go, if any)."""
        profile = profile_name(frame.profile)
        if profile is None:
            raise Refusal("A player needs a name: letters or digits, not only spaces.")
        self.check_code(profile, frame.code, address)
        live = self.find(frame.table)
        assert live.table is not None
        table = live.table
        held = next((r for r, p in live.seats.items() if p == profile), None)
        if frame.side is not None and frame.side not in table.roles:
            sides = ", ".join(table.role_ids)
            raise Refusal(f"`{frame.side}` is not a side at this table (its sides: {sides}).")
        if held is not None and frame.side not in (None, held):
            raise Refusal(f"{profile} already plays {table.roles[held].name} at this table.")
        role = held or frame.side or next((r for r in table.role_ids if r not in live.seats), None)
        if role is None:
            raise Refusal("Both sides of this table are taken.")
        if live.seats.get(role, profile) != profile:
            raise Refusal(f"{table.roles[role].name} is already taken.")
        if role not in live.seats:
            if not self.log.seat(live.code, role, profile):
                raise Refusal("The server could not record your side; try again.")
            live.seats[role] = profile
        before = live.connected.get(role)
        live.connected[role] = connection
        return live, role, before if before is not connection else None

    def leave(self, live: LiveTable, role: str, connection: object) -> None:
        """`connection` has gone: its side waits for its player to rejoin."""
        if live.connected.get(role) is connection:
            del live.connected[role]

    def move(self, frame: Move, live: LiveTable, role: str) -> None:
        """Take one side's move, checked by the engine, written to the log first."""
        assert live.table is not None and live.state is not None
        table = live.table
        if frame.table.upper() != live.code:
            raise Refusal(f"You are playing table {live.code}, not {frame.table}.")
        if frame.side != role:
            other = table.roles[frame.side].name if frame.side in table.roles else frame.side
            raise Refusal(f"You play {table.roles[role].name}, not {other}.")
        if live.closed:
            raise Refusal("The teacher has closed this table: no more moves.")
        if live.paused:
            raise Refusal("The teacher has paused this table: wait until they resume it.")
        if frame.step != len(live.state.path):
            raise Refusal("That move was for an earlier step of the table; it has moved on.")
        try:
            after = submit(table, live.state, role, frame.number)
        except ChoiceRefused as refused:
            text = str(refused)
            raise Refusal(text[:1].upper() + text[1:] + ".") from None
        except ScenarioLoop as loop:
            raise Refusal(f"The table cannot go on: {loop}.") from None
        if not self.log.move(live.code, role, frame.number):
            raise Refusal("The server could not record your move; try again.")
        live.state = after

    def teacher(self, code: str, action: str) -> LiveTable:
        """The teacher pauses, resumes or closes table `code` (PAUSE, RESUME, CLOSE from
        the log): kept in the log first, so that a restarted server keeps it."""
        if action not in (PAUSE, RESUME, CLOSE):
            raise Refusal(f"`{action}` is not something a teacher does to a table.")
        live = self.find(code)
        if live.closed:
            raise Refusal(f"Table {live.code} is closed already.")
        if live.state is not None and live.state.ended:
            raise Refusal(f"Table {live.code} has reached its ending already.")
        changes = action == CLOSE or (action == PAUSE) != live.paused
        if changes and not self.log.teacher(live.code, action):
            raise Refusal("The server could not record that; try again.")
        live.paused = action == PAUSE
        live.closed = action == CLOSE
        return live

    def views(self, live: LiveTable) -> list[tuple[object, View]]:
        """Each connected side's own view of its table now."""
        assert live.table is not None and live.state is not None
        table = live.table
        absent = [table.roles[r].name for r in table.role_ids if r not in live.connected]
        return [
            (
                connection,
                build_view(
                    table,
                    self.catalog,
                    live.state,
                    role,
                    code=live.code,
                    players=live.seats,
                    absent=absent,
                ).model_copy(update={"paused": live.paused, "closed": live.closed}),
            )
            for role, connection in live.connected.items()
        ]
