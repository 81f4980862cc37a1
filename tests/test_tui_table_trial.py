"""What two students found trying the hot-seat table in the app (issue 34), with Pilot at
80×24 and larger: a side's meters and the "more below" of its brief in view at 80×24; a
number key or a click only picks a move, and Enter plays it; the scenario list's table mark
in one piece, and a hint that says what Enter does for a table."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static

from game.content.catalog import Catalog, check
from game.content.paths import bundled_root
from game.store.progress import open_store
from game.tui import make_app
from game.tui.screens.profiles import ProfileScreen
from game.tui.screens.table import TableScreen
from helpers import screen_text

HERE = Path(__file__).resolve().parent
CATALOG: Catalog = check(
    [
        bundled_root() / "sources",
        bundled_root() / "scenarios" / "ministers-2019-table.yaml",
        HERE / "fixtures" / "two-towns.yaml",
    ]
)
SIZES = [(80, 24), (120, 40)]


def footer(app: Any) -> str:
    """The footer's line: the keys that work on this screen, and what they do."""
    return screen_text(app).splitlines()[-1]


def words(app: Any) -> str:
    """The screen's words, as one line: what a sentence says, wherever it wraps."""
    return " ".join(screen_text(app).replace("│", " ").split())


def in_the_screens_widgets(app: Any) -> str:
    """Every Static of the screen, shown or hidden: what a side must not leave behind."""
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


def play(app: Any, table_id: str) -> None:
    """Open a table for Ann and Ben, as the app does once it has their names."""
    table = CATALOG.tables[table_id]
    app.play_table(table, None, dict(zip(table.role_ids, ("Ann", "Ben"), strict=True)))


@pytest.mark.parametrize("size", SIZES)
async def test_a_side_sees_its_meters_and_that_its_brief_is_below(
    size: tuple[int, int], tmp_path: Path
) -> None:
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=size) as pilot:
        play(app, "ministers-2019-table")
        await pilot.pause()
        await pilot.press("enter")  # Ann has the keyboard
        await pilot.pause()
        text = screen_text(app)
        # Its meters, at the top, before any scrolling; the other side's stay hidden.
        top = "\n".join(text.splitlines()[:3])
        assert "Trust between the delegations: 40" in top
        assert "Support in Tokyo: 60 (yours only)" in top
        assert "Support in Moscow" not in in_the_screens_widgets(app)
        assert "1-9 Pick " in footer(app) and "⏎ Play the move" in footer(app)
        # The brief is further down: the border says so until it is in view.
        pages = 0
        while "Your brief (Japan's delegation only)" not in screen_text(app):
            assert "▼ more below, with your brief (PgDn)" in screen_text(app)
            assert "PgDn Read on" in footer(app)
            await pilot.press("pagedown")  # the moves keep the keys meanwhile
            await pilot.pause()
            pages += 1
            assert pages < 6
        if size == (80, 24):
            assert pages > 0  # below the fold at 80×24, as the students found it
        while "▼ more below" in screen_text(app):
            await pilot.press("pagedown")
            await pilot.pause()
        assert "▲ more above" in screen_text(app) and "Read on" not in footer(app)
        assert "Watch your support in Tokyo." in words(app)  # the brief's end
        # A window large enough for all of it says nothing more; back at this size, it does.
        await pilot.resize_terminal(160, 70)
        await pilot.pause()
        assert "more below" not in screen_text(app) and "more above" not in screen_text(app)
        assert "Read on" not in footer(app)
        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert "▼ more below, with your brief (PgDn)" in screen_text(app)
        # A number only picks: the turn is still Ann's until Enter plays the pick.
        await pilot.press("3")
        await pilot.pause()
        assert "Enter plays move 3" in screen_text(app)
        assert "Japan's delegation (Ann): your turn" in screen_text(app)
        await pilot.press("2", "enter")  # changed her mind: move 2 is the one played
        await pilot.pause()
        assert "Pass the keyboard to Russia's delegation (Ben)" in screen_text(app)
        assert "Support in Tokyo" not in in_the_screens_widgets(app)
        screen = app.screen
        assert isinstance(screen, TableScreen)
        assert screen.state.sealed == (("japan", 2),)


@pytest.mark.parametrize("size", SIZES)
async def test_a_click_picks_a_move_and_a_second_click_plays_it(
    size: tuple[int, int], tmp_path: Path
) -> None:
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=size) as pilot:
        play(app, "two-towns")
        await pilot.pause()
        await pilot.press("enter", "7")  # Riverton has two moves: 7 picks nothing
        await pilot.pause()
        assert "Enter plays move 1" in screen_text(app)
        await pilot.click("#table-moves", offset=(4, 1))  # on move 1, already lit: picks it
        await pilot.pause()
        assert "Riverton's council (Ann): your turn" in screen_text(app)
        await pilot.click("#table-moves", offset=(4, 2))  # on move 2: picks it
        await pilot.pause()
        assert "Enter plays move 2" in screen_text(app)
        assert "Riverton's council (Ann): your turn" in screen_text(app)
        await pilot.click("#table-moves", offset=(4, 2))  # again: plays it
        await pilot.pause()
        assert "Pass the keyboard to Millbrook's council (Ben)" in screen_text(app)
        screen = app.screen
        assert isinstance(screen, TableScreen)
        assert screen.state.sealed == (("riverton", 2),)


@pytest.mark.parametrize("size", SIZES)
async def test_the_list_marks_a_table_in_one_piece_and_says_what_enter_does(
    size: tuple[int, int], tmp_path: Path
) -> None:
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        await pilot.pause()
        listing = app.screen.query_one("#scenario-list", OptionList)
        listing.highlighted = listing.get_option_index("table:ministers-2019-table")
        await pilot.pause()
        text = screen_text(app)
        lines = [line.strip(" │") for line in text.splitlines()]
        assert any(re.match(r"Two delegations +The foreign ministers' rounds", ln) for ln in lines)
        assert not any(line.startswith("delegations") for line in lines)
        said = words(app)
        assert "a scenario opens its briefing;" in said
        assert "a table (two delegations) asks who plays each side." in said
        await pilot.press("enter")  # as the hint says: who plays each side
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert "Who plays Japan's delegation?" in screen_text(app)
