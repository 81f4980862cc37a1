"""`treaty play TABLE` (issue 34, session 6's trial): at a terminal it opens the main app
straight at the table, as `treaty play SCENARIO` opens it at a scenario; `--plain` plays in
lines as before. However a table was played (plain, or in the app), a game left part-way is
continued from Home and is recorded once, for both players, in `treaty report` and the
gradebook."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from inprocess import run_game

from game.cli import main
from game.content.catalog import check
from game.content.paths import OnlyFolders
from game.store.progress import open_store
from game.tui import make_app
from game.tui.screens.table import TableScreen
from helpers import screen_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOWNS = str(FIXTURES / "two-towns.yaml")
PLAYERS = ["--player", "riverton=Ann", "--player", "millbrook=Ben"]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """At a terminal: what `treaty play` opened the app with (the app itself not run)."""
    import game.cli.play
    import game.cli.table

    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(game.cli.table, "interactive", lambda: True)
    monkeypatch.setattr(game.cli.play, "run_app", lambda *given: calls.append(given) or 0)
    return calls


def test_at_a_terminal_a_table_opens_in_the_main_app(
    opened: list[tuple[Any, ...]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path)
    by_id = ["play", "two-towns", "--content", str(FIXTURES), "--data-dir", data]
    assert main([*by_id, *PLAYERS, "--profile", "Carl"]) == 0
    assert main(["play", TOWNS, "--data-dir", data]) == 0  # a file: played as it is
    assert main(["play", "two-towns", "--only", str(FIXTURES), "--data-dir", data]) == 0
    content, start, folder, profile, players = opened[0]
    assert (start, folder, profile) == ("two-towns", data, "Carl")
    assert str(FIXTURES) in content and players == {"riverton": "Ann", "millbrook": "Ben"}
    content, start, _, profile, players = opened[1]
    assert (content[-1], start, profile, players) == (TOWNS, TOWNS, "default", None)
    assert isinstance(opened[2][0], OnlyFolders)  # --only stays only those folders
    # A wrong --player is said before anything opens; nothing was asked in lines.
    assert main([*by_id, "--player", "japan=Ann"]) == 2
    assert len(opened) == 3
    out = capsys.readouterr()
    assert "`japan` is not a side of this table" in out.err
    assert "Who plays" not in out.out


async def test_a_plain_game_continues_in_the_app_and_is_recorded_once(tmp_path: Path) -> None:
    data = str(tmp_path / "pc")
    game = ["--content", TOWNS, "--data-dir", data]
    plain = run_game(["play", "two-towns", "--plain", *game, *PLAYERS], cwd=tmp_path, stdin="2\n")
    assert plain.returncode == 0 and "Traceback" not in plain.stderr  # Riverton: a small toll
    store = open_store(Path(data))
    app = make_app(catalog=check([TOWNS]), store=store, profile="Ben")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "(Ann and Ben, 1 move made)" in screen_text(app)  # Ben's Continue
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert "Pass the keyboard to Millbrook's council (Ben)" in screen_text(app)
        for key in ("enter", "1", "enter", "enter"):  # Millbrook offers to share: a joint plan
            await pilot.press(key)
            await pilot.pause()
        assert "The end: A joint plan" in screen_text(app)
        await app.workers.wait_for_complete()
    store.connection.close()
    rows = _csv(tmp_path, "report", *game)
    # One game each, finished: not a second record beside one left unfinished.
    assert sorted((r["profile"], r["side"], r["partner"], r["item"]) for r in rows) == [
        ("Ann", "riverton", "Ben", "joint-plan"),
        ("Ben", "millbrook", "Ann", "joint-plan"),
    ]
    grades = _csv(tmp_path, "report", "--gradebook", *game)
    column = "The bridge toll: two towns at one table: endings found (of 3)"
    assert {r["Student"]: r[column] for r in grades} == {"Ann": "1", "Ben": "1"}


def _csv(where: Path, *args: str) -> list[dict[str, str]]:
    """The rows of the CSV file the command writes."""
    out = where / "out.csv"
    out.unlink(missing_ok=True)
    done = run_game([*args, "--csv", str(out)], cwd=where)
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))
