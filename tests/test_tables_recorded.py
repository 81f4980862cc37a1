"""A table played over the network is recorded for both its players, as a hot-seat table
is: `treaty report` and the teacher's console see its ending, once, also after the server
is killed and started again. A real `treaty serve` on loopback, real table clients on its
websocket, the report run as a student's teacher runs it. No mocks."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import aiohttp
from inprocess import run_game
from test_console import act, new_table, seat, state, teacher
from test_tables_net import TOWNS, Server

from game.content.catalog import check
from game.net.authority import Tables
from game.net.protocol import Join, Move
from game.net.records import Recorder
from game.store.report import read_folders
from game.store.table_log import TableLog

TITLE = "The bridge toll: two towns at one table"


def report(folder: Path) -> list[tuple[str, ...]]:
    """The table rows of `treaty report --csv`: who, which side, with whom, which ending,
    the attempt's id and when it ended."""
    out = folder / "report.csv"
    out.unlink(missing_ok=True)
    where = ["--data-dir", str(folder / "data"), "--only", str(folder / "content")]
    done = run_game(["report", *where, "--csv", str(out)], cwd=folder)
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8", newline="") as found:
        rows = list(csv.DictReader(found))
    return sorted(
        (r["profile"], r["side"], r["partner"], r["item"], r["attempt_id"], r["when"]) for r in rows
    )


def gradebook(folder: Path) -> list[dict[str, str]]:
    """The rows of `treaty report --gradebook --csv`."""
    out = folder / "grades.csv"
    where = ["--data-dir", str(folder / "data"), "--only", str(folder / "content")]
    done = run_game(["report", "--gradebook", *where, "--csv", str(out), "--force"], cwd=folder)
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8", newline="") as found:
        return list(csv.DictReader(found))


async def endings(server: Server, code: str) -> dict[str, list[str]]:
    """Each student's endings, as the teacher's console shows them."""
    async with await teacher(server, code) as session:
        return {s["name"]: s["endings"] for s in (await state(session, server))["students"]}


async def test_a_network_table_is_recorded_once_for_both_players(tmp_path: Path) -> None:
    (tmp_path / "class.txt").write_text("Ann\nBob\nCat\n")
    roster = ("--roster", str(tmp_path / "class.txt"))
    first = Server(tmp_path, None, *roster).start()
    with (tmp_path / "class-codes.csv").open(newline="") as found:
        codes = {row["name"]: row["code"] for row in csv.DictReader(found)}
    ended = f"{TITLE}: No deal"
    try:
        async with await teacher(first, codes["teacher"]) as session:
            table = await new_table(session, first, codes["teacher"])
            unfinished = await new_table(session, first, codes["teacher"])
            ann = await seat(session, first, codes, table, "Ann")
            bob = await seat(session, first, codes, table, "Bob")
            cat = await seat(session, first, codes, unfinished, "Cat")
            move = {"type": "move", "table": table, "side": "riverton", "step": 0, "number": 1}
            await ann.send(**move)
            await bob.send(**(move | {"side": "millbrook"}))
            await ann.view(step=1)
            assert (await endings(first, codes["teacher"]))["Ann"] == []  # not ended yet
            await bob.send(**(move | {"side": "millbrook", "step": 1}))
            await ann.view(step=2)
            await ann.send(**(move | {"step": 2, "number": 2}))
            assert (await ann.until("view"))["ending"]["title"] == "No deal"
            # By the time the players see the ending, their teacher sees it too.
            seen = await endings(first, codes["teacher"])
            assert (seen["Ann"], seen["Bob"], seen["Cat"]) == ([ended], [ended], [])
            # A closed table reached no ending: nothing is recorded of it.
            assert (await act(session, first, unfinished, "close"))[1]["status"] == "closed"
            for client in (ann, bob, cat):
                await client.ws.close()
    finally:
        first.kill()
    rows = report(tmp_path)
    assert [row[:4] for row in rows] == [
        ("Ann", "riverton", "Bob", "no-deal"),
        ("Bob", "millbrook", "Ann", "no-deal"),
    ]
    assert rows[0][4] != rows[1][4] and all(row[5] for row in rows)
    column = f"{TITLE}: endings found (of 3)"
    assert {r["Student"]: r[column] for r in gradebook(tmp_path)} == {"Ann": "1", "Bob": "1"}

    # Killed (nothing tidied up) and started again: the table is rebuilt from its log,
    # ended; it is not recorded a second time.
    again = Server(tmp_path, first.port, *roster).start()
    try:
        async with aiohttp.ClientSession() as session:
            ann = await seat(session, again, codes, table, "Ann")
            seen = await endings(again, codes["teacher"])
            assert (seen["Ann"], seen["Bob"]) == ([ended], [ended])
            await ann.ws.close()
    finally:
        again.kill()
    assert report(tmp_path) == rows

    # A record lost (the server killed between the move it logged and the record): the
    # next start records it from the log, with the same id and the time it ended.
    with sqlite3.connect(tmp_path / "data" / "progress.sqlite3") as progress:
        progress.execute("DELETE FROM table_runs")
    progress.close()
    assert report(tmp_path) == []
    third = Server(tmp_path, first.port, *roster).start()
    try:
        seen = await endings(third, codes["teacher"])
        assert (seen["Ann"], seen["Bob"]) == ([ended], [ended])
    finally:
        third.kill()
    assert report(tmp_path) == rows


def play_to_no_deal(tables: Tables, riverton: str, millbrook: str) -> str:
    """A table opened and played to "No deal" by two players; its code."""
    code = tables.open("two-towns").table
    seats = {}
    for role, name in (("riverton", riverton), ("millbrook", millbrook)):
        seats[role] = tables.join(Join(type="join", table=code, profile=name, side=role), role)[0]
    for role, step, number in (("riverton", 0, 1), ("millbrook", 0, 1), ("millbrook", 1, 1)):
        tables.move(
            Move(type="move", table=code, side=role, step=step, number=number), seats[role], role
        )
    tables.move(
        Move(type="move", table=code, side="riverton", step=2, number=2),
        seats["riverton"],
        "riverton",
    )
    return code


def test_a_record_the_disk_refused_is_written_when_the_next_table_ends(tmp_path: Path) -> None:
    log = TableLog(None)
    folder = tmp_path / "data"
    folder.write_text("a file where the data folder should be")  # nothing can be written
    recorder = Recorder(log, folder)
    tables = Tables(lambda: check([TOWNS]), log, recorder=recorder)
    first = play_to_no_deal(tables, "Ann", "Bob")
    assert recorder.record(tables.ended()) is False  # said in the server's log, no traceback
    assert recorder.done == set()
    folder.unlink()
    folder.mkdir()
    second = play_to_no_deal(tables, "Cat", "Dee")
    assert [e.code for e in tables.ended()] == [first, second]
    assert recorder.record(tables.ended()) is True
    assert tables.ended() == []  # both recorded: neither is written again
    found = sorted((a.profile, a.side, a.partner, a.item) for a in read_folders([folder]).attempts)
    assert found == [
        ("Ann", "riverton", "Bob", "no-deal"),
        ("Bob", "millbrook", "Ann", "no-deal"),
        ("Cat", "riverton", "Dee", "no-deal"),
        ("Dee", "millbrook", "Cat", "no-deal"),
    ]
    recorder.close()
