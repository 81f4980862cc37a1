"""Table games in the record (issue 34, session 5's trial): each game started and
finished is kept for both players, with the side and the ending, so that `treaty report`,
its CSV and `--gradebook` count them as they count a scenario's playthroughs; an older
data folder is still read."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.store.progress import DB_NAME, MIGRATIONS
from game.store.report import read_folders

TOWNS = str(Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml")
PLAYERS = ["--player", "riverton=Ann", "--player", "millbrook=Ben"]


def _play(typed: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, sys.stdin = sys.stdin, io.StringIO(typed)
    try:
        assert main(["play", TOWNS, "--plain", "--data-dir", str(folder), *PLAYERS]) == 0
    finally:
        sys.stdin = old
    capsys.readouterr()


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["report", "--content", TOWNS, *args]) == 0
    return " ".join(capsys.readouterr().out.split())


@pytest.fixture
def played(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Ann (Riverton) and Ben (Millbrook): one game to the joint plan, one left after
    Riverton's first move."""
    folder = tmp_path / "pc-1"
    _play("2\n1\n", folder, capsys)  # a small toll, a share: a joint plan
    _play("1\n", folder, capsys)  # Riverton asks for a high toll; the input ends
    return folder


def test_the_report_counts_each_players_table_games_with_the_side(
    played: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.content.catalog import check
    from game.store.report_out import name_endings, summary

    table = check([TOWNS]).tables["two-towns"]
    report = read_folders([played])
    name_endings(report, {}, {"two-towns": table})
    rows = [
        (r.profile, r.what, r.attempts, r.result)
        for r in summary(report, {}, {}, {"two-towns": table})
    ]
    assert rows == [
        (
            "Ann",
            "The bridge toll: two towns at one table (as Riverton's council)",
            2,
            "endings found: 1 of 3 (0 historical); 1 not finished",
        ),
        (
            "Ben",
            "The bridge toll: two towns at one table (as Millbrook's council)",
            2,
            "endings found: 1 of 3 (0 historical); 1 not finished",
        ),
    ]
    out = _report(capsys, "--data-dir", str(played))  # and on the command line
    assert "No attempts" not in out and "Ann │" in out and "Ben │" in out


def test_the_csv_has_a_row_for_each_player_with_side_partner_and_moves(
    played: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "class.csv"
    _report(capsys, "--data-dir", str(played), "--csv", str(out))
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 4  # two games, two players each
    done = [r for r in rows if r["item"] == "joint-plan"]
    assert {(r["profile"], r["side"], r["partner"]) for r in done} == {
        ("Ann", "riverton", "Ben"),
        ("Ben", "millbrook", "Ann"),
    }
    assert all(r["kind"] == "table" and r["result"] == "counterfactual ending" for r in done)
    assert done[0]["path"] == (
        "The town hall: Riverton's council: Ask for a small toll + Millbrook's council: "
        "Offer to share the cost of repairs"
    )
    going = [r for r in rows if r["item"] == ""]
    assert {r["result"] for r in going} == {"not finished"} and len(going) == 2
    assert len({r["attempt_id"] for r in rows}) == 4


def test_continuing_a_game_finishes_the_same_record(
    played: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _play("1\n2\n", played, capsys)  # continue: Millbrook refuses any toll, a walkout
    attempts = read_folders([played]).attempts
    assert len(attempts) == 4
    assert sorted(a.item for a in attempts) == ["joint-plan", "joint-plan", "walkout", "walkout"]


def test_the_gradebook_counts_a_tables_endings_as_a_scenarios(
    played: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _report(capsys, "--gradebook", "--data-dir", str(played))
    # The title may wrap in a narrow terminal: its first words share the row with the grade.
    assert re.search(r"Ann │ The bridge toll: two towns at[a-z ]* │ 1 of 3 endings found", out)
    grades = tmp_path / "grades.csv"
    _report(capsys, "--gradebook", "--data-dir", str(played), "--csv", str(grades))
    with grades.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    column = "The bridge toll: two towns at one table: endings found (of 3)"
    assert {r["Student"]: r[column] for r in rows} == {"Ann": "1", "Ben": "1"}


def test_a_folder_given_twice_counts_each_game_once(played: Path) -> None:
    assert len(read_folders([played, played]).attempts) == 4


def test_a_tampered_table_record_is_named_and_the_folder_left_out(
    played: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    connection = sqlite3.connect(played / DB_NAME)
    connection.execute("UPDATE table_runs SET path = 'a path' WHERE ending = ''")
    connection.commit()
    connection.close()
    report = read_folders([played])
    assert report.attempts == []
    assert "table_runs: path is not the list of moves the game writes" in report.problems[0]


def test_a_folder_from_before_tables_were_recorded_is_still_read(tmp_path: Path) -> None:
    folder = tmp_path / "last-year"
    folder.mkdir()
    old = sqlite3.connect(folder / DB_NAME)
    for step in MIGRATIONS[:4]:
        old.executescript(step)
    old.execute("PRAGMA user_version = 4")
    old.execute("INSERT INTO profiles (name, created) VALUES ('Ann', '2026-01-01')")
    old.execute(
        "INSERT INTO runs (profile_id, scenario, path, meters, ending, finished, uid) "
        "VALUES (1, 'singapore-2018', '[[\"opening\", 1]]', '{}', 'talks-stall', "
        "'2026-01-01T10:00:00', 'abc')"
    )
    old.commit()
    old.close()
    report = read_folders([folder])
    assert report.problems == []
    assert [(a.profile, a.kind, a.item) for a in report.attempts] == [
        ("Ann", "scenario", "talks-stall")
    ]
    assert sqlite3.connect(folder / DB_NAME).execute("PRAGMA user_version").fetchone()[0] == 4


def test_one_game_stays_one_record_for_each_player_whoever_saved_it(tmp_path: Path) -> None:
    # Ann and Ben leave a game part-way; Ann starts another with Carl (her place is now
    # that one); Ben's Continue finishes the first. Dana, whose app they played in, keeps
    # the place for her Home's Continue, and is counted as no player.
    from game.content.catalog import check
    from game.engine.table import start_table, submit
    from game.store.progress import open_store
    from game.store.tables import resume_table, save_table

    table = check([TOWNS]).tables["two-towns"]
    store = open_store(tmp_path)
    ann, ben, carl, dana = (store.profile(n) for n in ("Ann", "Ben", "Carl", "Dana"))
    first = submit(table, start_table(table), "riverton", 1)  # a high toll
    save_table(store, table.id, {"riverton": ann, "millbrook": ben}, PLAYERS_OF, first, dana)
    assert resume_table(store, dana, table) == (first, PLAYERS_OF)
    other = {"riverton": "Ann", "millbrook": "Carl"}
    begun = submit(table, start_table(table), "riverton", 2)
    save_table(store, table.id, {"riverton": ann, "millbrook": carl}, other, begun)
    found = resume_table(store, ben, table)
    assert isinstance(found, tuple)
    walkout = submit(table, found[0], "millbrook", 2)  # Millbrook refuses: a walkout
    save_table(store, table.id, {"riverton": ann, "millbrook": ben}, PLAYERS_OF, walkout, dana)
    records = sorted((a.profile, a.partner, a.item) for a in read_folders([tmp_path]).attempts)
    assert records == [
        ("Ann", "Ben", "walkout"),
        ("Ann", "Carl", ""),
        ("Ben", "Ann", "walkout"),  # one record: not a second game begun from the middle
        ("Carl", "Ann", ""),
    ]
    assert resume_table(store, dana, table) is None  # finished: nothing to continue


PLAYERS_OF = {"riverton": "Ann", "millbrook": "Ben"}
