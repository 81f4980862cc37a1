"""The table screen's Help and Esc (follow-up of issue 34), with Pilot at 80×24 and larger:
? or F1 opens Help at the part about tables, and Esc there comes back to the table just as
it was (the move picked still picked, a side's private panel still hidden behind its
curtain); once the table has ended it is no longer saved, and its footer says only
"Leave"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.content.catalog import check
from game.store.progress import open_store
from game.store.tables import resume_table
from game.tui import make_app
from game.tui.screens.help import TABLE_HEADING, HelpScreen
from game.tui.screens.home import HomeScreen
from game.tui.screens.table import TableScreen
from game.tui.widgets.move_list import MoveList
from helpers import screen_text

CATALOG = check([Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml"])
PLAYERS = {"riverton": "Ann", "millbrook": "Ben"}
PRIVATE = (  # Riverton's and Millbrook's briefs, private meters and own paragraphs
    "The bridge needs repairs",
    "Money for repairs",
    "Your treasurer slides",
    "Your traders cross the bridge",
    "Traders' patience",
    "Your traders wait",
)


async def press(pilot: Any, *keys: str) -> str:
    """Press `keys` (each handled before the next); the screen's text."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    return screen_text(pilot.app)


def footer(app: Any) -> str:
    return screen_text(app).splitlines()[-1]


async def help_and_back(pilot: Any, key: str) -> str:
    """`key` opens Help at the tables' part; Esc comes back: the table's text then."""
    app = pilot.app
    table = app.screen
    await press(pilot, key)
    assert isinstance(app.screen, HelpScreen)
    lines = screen_text(app).splitlines()
    # Opened at the tables' part: its heading at the top, the start of Help above it.
    assert TABLE_HEADING in "\n".join(lines[:3]), lines[:6]
    assert "How to play" not in screen_text(app)
    assert "esc Back" in footer(app)
    text = await press(pilot, "escape")
    assert app.screen is table
    return text


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_help_from_the_table_and_back_and_leave_once_ended(
    size: tuple[int, int], tmp_path: Path
) -> None:
    store = open_store(tmp_path)
    app = make_app(catalog=CATALOG, store=store, start_scenario="two-towns", players=PLAYERS)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert "? Help" in footer(app) and "esc Leave (saved)" in footer(app)
        assert "^q Quit" in footer(app)  # every key fits on the line at 80 columns
        # At the curtain: Help and back, and the curtain is still down.
        text = await help_and_back(pilot, "question_mark")
        assert "Pass the keyboard to Riverton's council (Ann)" in text
        assert not [p for p in PRIVATE if p in text]
        # In Riverton's turn, move 2 picked: F1, and back to the same pick.
        text = await press(pilot, "enter", "2")
        assert "Enter plays move 2" in text and "Money for repairs" in text
        text = await help_and_back(pilot, "f1")
        assert "Enter plays move 2" in text and "Money for repairs" in text
        assert app.screen.query_one(MoveList).highlighted == 1
        text = await press(pilot, "enter")  # plays it: the small toll
        assert "Pass the keyboard to Millbrook's council (Ben)" in text
        assert not [p for p in PRIVATE if p in text]
        text = await press(pilot, "enter", "1", "enter")  # Millbrook shares: a joint plan
        assert "Both moves, revealed" in text and "Ask for a small toll" in text
        # Ended: no longer saved, and the footer says so no more.
        for key in ("", "enter", "enter"):  # the moves revealed, the ending, a curtain
            text = await press(pilot, key) if key else text
            assert "esc Leave " in footer(app) + " " and "(saved)" not in footer(app), key
        assert "Pass the keyboard to Riverton's council (Ann)" in text
        text = await help_and_back(pilot, "question_mark")  # the debrief's curtain stays
        assert "Pass the keyboard to Riverton's council (Ann)" in text
        assert "only" not in text and not [p for p in PRIVATE if p in text]
        text = await press(pilot, "enter")  # Riverton's own debrief
        assert "Riverton's council (Ann): your private debrief" in text
        assert "esc Leave " in footer(app) + " " and "(saved)" not in footer(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        await app.workers.wait_for_complete()
        assert "Continue" not in screen_text(app)  # nothing was kept to continue
    for name in ("Ann", "Ben"):
        assert resume_table(store, store.profile(name), CATALOG.tables["two-towns"]) is None
