"""The tables' authority without the network (issue 35): frames read by pydantic, the
append-only log and the rebuild from it, and what a side's view leaves out."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.content.catalog import Catalog, check
from game.net.authority import ALPHABET, Refusal, Tables, new_code
from game.net.client import table_address
from game.net.protocol import MAX_FRAME, BadFrame, Join, Move, read_client_frame
from game.store.table_log import TableLog

TOWNS = Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return check([TOWNS])


def frames() -> st.SearchStrategy[str]:
    """Text a client might send: JSON of any shape (near ours, often) and other text."""
    values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=12,
    )
    ours = st.fixed_dictionaries(
        {"type": st.sampled_from(["open", "join", "move", "view", ""])},
        optional={
            "table": values | st.text(alphabet=ALPHABET, min_size=3, max_size=7),
            "side": values,
            "step": values,
            "number": values,
            "profile": values,
            "scenario": values,
        },
    )
    return st.one_of(st.text(max_size=60), values.map(json.dumps), ours.map(json.dumps))


@given(frames())
def test_any_text_is_one_of_our_frames_or_refused_in_words(text: str) -> None:
    try:
        frame = read_client_frame(text)
    except BadFrame as problem:
        assert str(problem) and len(str(problem)) < 300
        return
    assert frame.type in ("open", "join", "move")


def test_a_frame_is_read_strictly() -> None:
    move = read_client_frame('{"type":"move","table":"K7MX2Q","side":"russia","step":0,"number":2}')
    assert move == Move(type="move", table="K7MX2Q", side="russia", step=0, number=2)
    for wrong in (
        '{"type":"move","table":"K7MX2Q","side":"russia","step":0,"number":"2"}',
        '{"type":"move","table":"K7MX2Q","side":"russia","step":0,"number":true}',
        '{"type":"move","table":"K7","side":"russia","step":0,"number":2}',
        '{"type":"move","table":"K7MX2Q","side":"russia","step":-1,"number":2}',
        '{"type":"join","table":"K7MX2Q","profile":"Ann","admin":true}',
    ):
        with pytest.raises(BadFrame):
            read_client_frame(wrong)
    with pytest.raises(BadFrame, match=f"longer than {MAX_FRAME}"):
        read_client_frame(" " * (MAX_FRAME + 1))


def test_a_table_code_is_random_letters_and_digits_never_one_taken() -> None:
    codes = {new_code(set()) for _ in range(200)}
    assert len(codes) > 190
    assert all(len(c) >= 4 and c.isalnum() and set(c) <= set(ALPHABET) for c in codes)
    taken = set(codes)
    assert new_code(taken) not in taken


def test_a_servers_address_becomes_its_tables_socket() -> None:
    assert table_address("http://10.0.0.5:8000/") == "ws://10.0.0.5:8000/tables/ws"
    assert table_address("https://class.example/?profile=x") == "wss://class.example/tables/ws"
    assert table_address("localhost:8000") == "ws://localhost:8000/tables/ws"
    assert table_address("ftp://x/") is None
    assert table_address("http://x:port/") is None


def test_the_log_is_append_only_and_a_table_is_rebuilt_from_it(
    tmp_path: Path, catalog: Catalog
) -> None:
    log = TableLog(tmp_path / "tables.sqlite3")
    tables = Tables(lambda: catalog, log)
    code = tables.open("two-towns").table
    live, role, _ = tables.join(Join(type="join", table=code, profile="Ann"), "ann")
    assert role == "riverton"
    tables.join(Join(type="join", table=code, profile="Bob"), "bob")
    tables.move(Move(type="move", table=code, side="riverton", step=0, number=1), live, "riverton")
    tables.move(
        Move(type="move", table=code, side="millbrook", step=0, number=1), live, "millbrook"
    )
    with pytest.raises(sqlite3.DatabaseError, match="append-only"), log.connection:
        log.connection.execute("DELETE FROM events")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"), log.connection:
        log.connection.execute("UPDATE events SET value = '2'")
    log.close()

    again = Tables(lambda: catalog, TableLog(tmp_path / "tables.sqlite3"))
    rebuilt = again.find(code)
    assert rebuilt.state == live.state and rebuilt.seats == {"riverton": "Ann", "millbrook": "Bob"}
    with pytest.raises(Refusal, match="Riverton's council is already taken"):
        again.join(Join(type="join", table=code, profile="Cat", side="riverton"), "cat")


def test_rows_of_the_wrong_shape_are_skipped_and_a_changed_scenario_is_said(
    tmp_path: Path, catalog: Catalog
) -> None:
    path = tmp_path / "tables.sqlite3"
    log = TableLog(path)
    log.open_table("AAAA22", "two-towns")
    log.open_table("BBBB33", "gone-away")
    log.open_table("CCCC44", "two-towns")
    with log.connection:
        log.connection.execute(
            "INSERT INTO events (code, kind, role, value, at) VALUES "
            "('AAAA22', 'move', 'riverton', X'00', 'now'), "
            "('AAAA22', 'move', 'riverton', '99999999', 'now'), "
            "('AAAA22', 'seat', 7, 'Ann', 'now'), "
            "('CCCC44', 'move', 'riverton', '9', 'now')"
        )
    log.close()
    tables = Tables(lambda: catalog, TableLog(path))
    assert tables.find("aaaa22").state is not None  # the bad rows are skipped
    with pytest.raises(Refusal, match="`gone-away` is no longer on this server"):
        tables.find("BBBB33")
    with pytest.raises(Refusal, match="`two-towns` has changed since it was opened"):
        tables.find("CCCC44")


def test_a_sides_view_holds_nothing_of_the_others_private_state(catalog: Catalog) -> None:
    tables = Tables(lambda: catalog, TableLog(None))
    code = tables.open("two-towns").table
    live, _, _ = tables.join(Join(type="join", table=code, profile="Ann"), "ann")
    tables.join(Join(type="join", table=code, profile="Bob"), "bob")
    tables.move(
        Move(type="move", table=code, side="millbrook", step=0, number=2), live, "millbrook"
    )
    seen = {who: [view.model_dump_json()] for who, view in tables.views(live)}
    assert [v.sealed for _, v in tables.views(live)] == [False, True]
    tables.move(Move(type="move", table=code, side="riverton", step=0, number=2), live, "riverton")
    for who, view in tables.views(live):
        seen[who].append(view.model_dump_json())
    riverton, millbrook = " ".join(seen["ann"]), " ".join(seen["bob"])
    for private in ("Traders' patience", "your council is ready to walk out", "Your traders"):
        assert private not in riverton and private in millbrook
    for private in ("Money for repairs", "The bridge needs repairs", "treasurer"):
        assert private not in millbrook and private in riverton


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["riverton", "millbrook"]),
            st.sampled_from(["riverton", "millbrook", "nobody"]),
            st.integers(0, 4),
            st.integers(1, 3),
        ),
        max_size=12,
    )
)
def test_whatever_moves_come_the_log_rebuilds_the_table_the_server_holds(
    catalog: Catalog, frames: list[tuple[str, str, int, int]]
) -> None:
    log = TableLog(None)
    tables = Tables(lambda: catalog, log)
    code = tables.open("two-towns").table
    seats = {}
    for role, profile in (("riverton", "Ann"), ("millbrook", "Bob")):
        live, _, _ = tables.join(Join(type="join", table=code, profile=profile, side=role), role)
        seats[role] = live
    for role, side, step, number in frames:
        try:
            tables.move(
                Move(type="move", table=code, side=side, step=step, number=number),
                seats[role],
                role,
            )
        except Refusal as refusal:
            assert refusal.message.endswith(".")
    rebuilt = Tables(lambda: catalog, log).find(code)
    assert rebuilt.state == seats["riverton"].state


class _Queued:
    """A connection whose views arrive late, as over a network while a student types: the
    view sent when the other side joined is read only after this side has moved."""

    def __init__(self, tables: Tables, live: object, frames: list[object]) -> None:
        self.tables, self.live, self.frames = tables, live, frames

    async def send(self, frame: object) -> bool:
        if isinstance(frame, Move):
            self.tables.move(frame, self.live, "riverton")  # type: ignore[arg-type]
            self.frames += [v for who, v in self.tables.views(self.live) if who == "ann"]  # type: ignore[arg-type]
        return True

    async def receive(self) -> object:
        from game.net.client import Replaced

        if not self.frames:
            raise Replaced  # the test is over: the client lets go
        return self.frames.pop(0)


async def test_a_view_that_arrives_after_a_move_never_asks_the_move_again(
    catalog: Catalog,
) -> None:
    from game.net.client import Seat
    from game.net.plain_join import PlainJoin

    tables = Tables(lambda: catalog, TableLog(None))
    code = tables.open("two-towns").table
    live, _, _ = tables.join(Join(type="join", table=code, profile="Ann", side="riverton"), "ann")
    alone = [v for who, v in tables.views(live) if who == "ann"]
    tables.join(Join(type="join", table=code, profile="Bob", side="millbrook"), "bob")
    joined = [v for who, v in tables.views(live) if who == "ann"]  # same step, Bob now here
    asked: list[str] = []
    said: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        if len(asked) > 1:
            raise EOFError
        return "1"

    connection = _Queued(tables, live, [*alone, *joined])
    game = PlainJoin(connection, Seat(code, "Ann", "riverton"), ask, said.append)  # type: ignore[arg-type]
    await game.play()
    assert asked == ["Riverton's council, choose 1-2: "]  # once: the late view asks nothing
    assert "Millbrook's council is at the table." in said
    assert not [line for line in said if "earlier step" in line]
