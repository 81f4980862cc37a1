"""What the session-6 trial of tables found (issue 34), items 1 and 5-9 of its report: a
side left with no move is told so and can leave (and `validate` warns of it); finished
tables in Progress; PgDn and End read the text, never change the move picked; no "more
below" with nothing below; ↓ from the name box lands on the first name; the table's own
words, one move said plainly, and no keyboard passed to the player who has it."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from test_table_footers import keys_cut_off
from textual.widgets import OptionList

from game.cli import main
from game.content.catalog import Catalog, check
from game.content.paths import bundled_root
from game.engine.table import replay_table
from game.store.progress import open_store
from game.store.tables import save_table
from game.tui import make_app
from game.tui.screens.home import HomeScreen
from game.tui.screens.profiles import ProfileScreen
from game.tui.screens.progress import ProgressScreen
from game.tui.screens.table import TableScreen
from helpers import screen_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LOCKED = FIXTURES.parent / "locked" / "ferry-locked.yaml"  # never with the fixtures: it is broken
TOWNS = FIXTURES / "two-towns.yaml"
CATALOG: Catalog = check(
    [
        bundled_root() / "sources",
        bundled_root() / "scenarios" / "ministers-2019-table.yaml",
        TOWNS,
        LOCKED,
    ]
)
SIZES = [(80, 24), (120, 40)]


def footer(app: Any) -> str:
    return screen_text(app).splitlines()[-1]


def words(app: Any) -> str:
    """The screen's words, as one line: what a sentence says, wherever it wraps."""
    return " ".join(screen_text(app).replace("│", " ").replace("▎", " ").split())


async def press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def play(app: Any, table_id: str) -> None:
    table = CATALOG.tables[table_id]
    app.play_table(table, None, dict(zip(table.role_ids, ("Ann", "Ben"), strict=True)))


@pytest.mark.parametrize("size", SIZES)
async def test_page_keys_read_the_text_and_no_marker_says_more_when_there_is_none(
    size: tuple[int, int], tmp_path: Path
) -> None:
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        play(app, "ministers-2019-table")
        await press(pilot, "enter")  # Munich: Japan's turn, its brief below
        assert "Enter plays move 1" in screen_text(app)
        for key in ("pagedown",) * 5 + ("end", "pagedown"):  # past the end of the text
            await press(pilot, key)
            assert "Enter plays move 1" in screen_text(app), key
        assert "▼ more below" not in screen_text(app)
        assert "PgDn Read on" not in footer(app)
        await press(pilot, "home")  # back to the top of the text, the move still the same
        assert "▲ more above" not in screen_text(app)
        assert "Enter plays move 1" in screen_text(app)
        await press(pilot, "enter")  # Japan plays move 1
        # The pass screen: short, so nothing below, and the footer offers no PgDn.
        assert "Pass the keyboard to Russia's delegation (Ben)" in screen_text(app)
        assert "more below" not in screen_text(app)
        assert "PgDn" not in footer(app)
        await press(pilot, "enter", "1", "enter")  # Russia plays its first move
        assert "Both moves, revealed" in screen_text(app)
        assert "Japan's delegation and Russia's delegation have moved." in words(app)
        assert "more below" not in screen_text(app)
        assert "PgDn" not in footer(app)


@pytest.mark.parametrize("size", SIZES)
async def test_a_side_left_with_no_move_is_told_so_and_leaves(
    size: tuple[int, int], tmp_path: Path
) -> None:
    store = open_store(tmp_path)
    app = make_app(catalog=CATALOG, store=store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        play(app, "ferry-locked")
        # Eastport keeps the boat and raises the fare; Westby promises to fight.
        await press(pilot, "enter", "2", "enter", "enter", "2", "enter")
        assert "Eastport's mayor and Westby's mayor have moved." in words(app)
        assert "delegation" not in words(app)  # a table of mayors, in its own words
        await press(pilot, "enter")  # Eastport counts the money, alone
        assert "Pass the keyboard to Eastport's mayor (Ann)" in screen_text(app)
        await press(pilot, "enter", "1", "enter")  # Keep the early boat anyway
        text = words(app)
        assert "The move, revealed" in text
        assert "Eastport's mayor: “Keep the early boat anyway”" in text
        assert "Eastport's mayor moves next: Westby's mayor, please look away now." in text
        await press(pilot, "enter")  # Ann has the keyboard already: straight to her turn
        assert "Eastport's mayor (Ann): your turn (private)" in screen_text(app)
        assert "Pass the keyboard" not in screen_text(app)
        await press(pilot, "1", "enter")  # Shake hands: Westby has no move open
        text = words(app)
        assert "Westby's mayor has no move" in text
        assert "Westby's mayor has no move it can make here; the game cannot go on." in text
        assert "Press Enter to leave the table and go back to the home screen." in text
        assert "Once you leave, the game is not kept to continue" in text
        assert "Workers' patience" not in text  # nothing private of Westby's is shown
        assert "more below" not in text and "PgDn" not in footer(app)
        assert "⏎ Leave the table" in footer(app)
        assert "1-9 Pick" not in footer(app) and "Continue" not in footer(app)
        assert keys_cut_off(app) == []
        await app.workers.wait_for_complete()
        keepers = {app.session.profile_id, store.profile("Ann"), store.profile("Ben")}
        assert all(("table", "ferry-locked") in saved(store, k) for k in keepers)
        await press(pilot, "1", "enter")  # a number does nothing; Enter leaves
        assert not isinstance(app.screen, TableScreen)
        assert isinstance(app.screen, HomeScreen)
        # The dead end is forgotten, for both players and the one who opened it: Home's
        # Continue no longer leads back to it.
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not [k for k in keepers if ("table", "ferry-locked") in saved(store, k)]
        assert "Continue" not in screen_text(app)


def saved(store: Any, profile: int) -> list[tuple[str, str]]:
    return [(kind, item) for kind, item, _ in store.saved(profile)]


@pytest.mark.parametrize("size", SIZES)
async def test_finished_tables_are_in_progress_and_down_picks_the_first_name(
    size: tuple[int, int], tmp_path: Path
) -> None:
    store = open_store(tmp_path)
    ann, ben = store.profile("Ann"), store.profile("Ben")
    table = CATALOG.tables["two-towns"]
    players = {"riverton": "Ann", "millbrook": "Ben"}
    walkout = replay_table(table, [("opening", (("riverton", 1), ("millbrook", 2)))])
    assert walkout.ended and walkout.scene == "walkout"
    save_table(store, table.id, {"riverton": ann, "millbrook": ben}, players, walkout)
    store.close()
    app = make_app(catalog=CATALOG, store=open_store(tmp_path), profile="Ben")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await press(pilot, "g")
        assert isinstance(app.screen, ProgressScreen)
        items = [str(s.render()) for s in app.screen.query(".progress-item")]
        towns = next(i for i in items if i.startswith(table.title))
        total = len(table.endings)
        assert f"two players  ·  1 of {total} endings found" in towns
        assert "you played: Millbrook's council" in towns
        assert table.endings["walkout"].title in towns
        assert f"{total - 1} more to find: play it again." in towns
        untouched = CATALOG.tables["ferry-locked"]
        assert any(i.startswith(untouched.title) and "0 of 3 endings found" in i for i in items)
        # The name picker: "↓, then Enter" picks the first name in the list, not the
        # profile playing now.
        await press(pilot, "escape", "p")
        assert isinstance(app.screen, ProfileScreen)
        names = app.screen.query_one("#profile-list", OptionList)
        assert str(names.get_option_at_index(1).prompt) == "Ben  (playing now)"
        await press(pilot, "down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session.profile_name == "Ann"
        # At a table, ↓ skips the name the other side's player already has.
        app.ask_players(table)
        await pilot.pause()
        await press(pilot, *"Cy", "enter")  # Cy plays Riverton
        await press(pilot, "down", "enter")  # the first name: Ann
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert app.screen.players == {"riverton": "Cy", "millbrook": "Ann"}


def _run(args: list[str], typed: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    old, sys.stdin = sys.stdin, io.StringIO(typed)
    try:
        status = main(args)
    finally:
        sys.stdin = old
    return status, capsys.readouterr().out


def test_validate_warns_of_a_soft_lock_and_strict_makes_it_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out = _run(["validate", str(LOCKED)], "", capsys)
    assert status == 0
    assert "warning TT389: at scene `final`, Westby's mayor can be left with no move" in out
    assert out.count("TT389") == 1
    assert "1 file checked: 0 errors, 1 warning" in out
    status, out = _run(["validate", "--strict", str(LOCKED)], "", capsys)
    assert status == 1
    assert "error TT389: at scene `final`, Westby's mayor" in out
    assert "warning TT389" not in out
    status, out = _run(["validate", str(TOWNS)], "", capsys)
    assert "no problems found" in out


def test_plain_says_one_move_plainly_and_uses_the_tables_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["play", str(TOWNS), "--plain", "--data-dir", str(tmp_path)]
    players = ["--player", "riverton=Ann", "--player", "millbrook=Ben"]
    # Both open; Millbrook has one move after lunch (a typo first), then Riverton.
    _, out = _run([*args, *players], "1\n1\nx\n1\n1\n", capsys)
    assert "At one table: Riverton's council (Ann) and Millbrook's council (Ben)." in out
    assert "delegation" not in out
    assert "Millbrook's council, type 1 to play your only move: " in out
    assert "Please type 1. Millbrook's council, type 1 to play your only move: " in out
    assert "choose 1-1" not in out
    assert "Riverton's council, choose 1-2: " in out
    assert "== The end: A joint plan ==" in out


async def test_the_page_keys_never_pick_a_move_in_the_move_list_itself() -> None:
    # As on the network's table screen, where the moves have the keys and nothing above
    # takes the page keys first: they leave the move picked as it was.
    from textual.app import App, ComposeResult

    from game.tui.widgets.move_list import MoveList

    class Moves(App[None]):
        def compose(self) -> ComposeResult:
            yield MoveList()

    app = Moves()
    async with app.run_test(size=(80, 24)) as pilot:
        moves = app.query_one(MoveList)
        moves.show([(1, "Shake hands"), (2, "Leave it"), (3, "Call a strike")])
        moves.focus()
        await press(pilot, "pagedown", "end", "pageup", "home")
        assert moves.highlighted == 0 and moves.border_subtitle == "Enter plays move 1"
        await press(pilot, "down", "down")  # ↑ ↓ still pick
        assert moves.border_subtitle == "Enter plays move 3"
