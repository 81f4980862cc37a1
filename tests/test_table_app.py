"""`treaty play TABLE` at a terminal (issue 34, session 6's trial): the main app, opened
straight at the table, with Pilot at 80×24 and larger. The players named on the command
line play at once (else they are asked, as from the list); the other side's private panel
is hidden until its player presses Enter; every move is saved for both players and
recorded for the report; Esc goes back to Home, where Continue and Help are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.content.catalog import Catalog, check
from game.store.progress import open_store
from game.store.report import read_folders
from game.store.tables import resume_table
from game.tui import make_app
from game.tui.screens.help import HelpScreen
from game.tui.screens.home import HomeScreen
from game.tui.screens.profiles import ProfileScreen
from game.tui.screens.resume import ResumeScreen
from game.tui.screens.table import TableScreen
from helpers import screen_text

TOWNS_FILE = Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml"
CATALOG: Catalog = check([TOWNS_FILE])
TOWNS = CATALOG.tables["two-towns"]
PLAYERS = {"riverton": "Ann", "millbrook": "Ben"}


def _records(folder: Path) -> list[tuple[str, str, str, str]]:
    """What `treaty report` reads: (student, side, partner, ending) for each game."""
    found = read_folders([folder]).attempts
    return sorted((a.profile, a.side or "", a.partner or "", a.item) for a in found)


async def _press(pilot: Any, *keys: str) -> str:
    """Press `keys` (each key handled before the next) and give the screen's text."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    return screen_text(pilot.app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_players_named_play_at_once_each_seeing_only_their_own_side(
    size: tuple[int, int], tmp_path: Path
) -> None:
    store = open_store(tmp_path)
    app = make_app(catalog=CATALOG, store=store, start_scenario="two-towns", players=PLAYERS)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)  # no names asked: they were given
        text = screen_text(app)
        assert "Pass the keyboard to Riverton's council (Ann)" in text
        assert "The bridge needs repairs" not in text  # hidden until Enter
        text = await _press(pilot, "enter")
        assert "The bridge needs repairs" in text and "Money for repairs: 30" in text
        assert "Traders' patience" not in text
        text = await _press(pilot, "down", "enter")  # Ask for a small toll
        assert "Pass the keyboard to Millbrook's council (Ben)" in text
        assert "The bridge needs repairs" not in text and "Money for repairs" not in text
        assert "small toll" not in text  # Riverton's move stays sealed
        text = await _press(pilot, "enter")
        assert "Your traders cross the bridge" in text and "Money for repairs" not in text
        text = await _press(pilot, "enter")  # Offer to share
        assert "Riverton's council: “Ask for a small toll”" in text
        assert "Millbrook's council: “Offer to share the cost of repairs”" in text
        text = await _press(pilot, "enter")
        assert "The end: A joint plan" in text and "Your traders pay a little" not in text
        text = await _press(pilot, "enter")  # each side's debrief only after its curtain
        assert "Pass the keyboard to Riverton's council (Ann)" in text
        assert "The repairs are paid for" not in text and "Your traders pay" not in text
        text = await _press(pilot, "enter")
        assert "For Riverton's council only" in text and "The repairs are paid for" in text
        assert "Your traders pay" not in text and "Traders' patience" not in text
        text = await _press(pilot, "enter")
        assert "Pass the keyboard to Millbrook's council (Ben)" in text
        assert "The repairs are paid for" not in text
        text = await _press(pilot, "enter")
        assert "For Millbrook's council only" in text
        assert "Your traders pay a little, and the bridge stands." in text
        assert "The repairs are paid for" not in text and "Money for repairs" not in text
        await app.workers.wait_for_complete()
        text = await _press(pilot, "escape")  # the end: back to Home, not out of the game
        assert isinstance(app.screen, HomeScreen)
        assert "Continue" not in text  # a finished table is not left part-way
        await _press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
    # Recorded for both players (and for no one else), as `treaty report` reads it.
    assert _records(tmp_path) == [
        ("Ann", "riverton", "Ben", "joint-plan"),
        ("Ben", "millbrook", "Ann", "joint-plan"),
    ]
    for name in ("Ann", "Ben", "default"):
        assert resume_table(store, store.profile(name), TOWNS) is None


async def test_names_are_asked_as_from_the_list_and_continue_is_the_openers(
    tmp_path: Path,
) -> None:
    # Carl opens the table on his machine; Ann and Ben play it. Carl's Home continues it.
    store = open_store(tmp_path)
    app = make_app(catalog=CATALOG, store=store, start_scenario="two-towns", profile="Carl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert "Who plays Riverton's council?" in screen_text(app)
        await _press(pilot, *"Ann", "enter")
        assert "Who plays Millbrook's council?" in screen_text(app)
        await _press(pilot, *"Ben", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        await _press(pilot, "enter", "2", "enter")  # Riverton: Ask for a small toll
        await app.workers.wait_for_complete()
        text = await _press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert "(Ann and Ben, 1 move made)" in text
        text = await _press(pilot, "enter")  # Continue: back at the table
        assert isinstance(app.screen, TableScreen)
        assert "Pass the keyboard to Millbrook's council (Ben)" in text
    assert _records(tmp_path) == [("Ann", "riverton", "Ben", ""), ("Ben", "millbrook", "Ann", "")]
    # Another day: the same command with the names given offers their game left part-way.
    again = make_app(
        catalog=CATALOG, store=store, start_scenario="two-towns", players=PLAYERS, profile="Carl"
    )
    async with again.run_test(size=(80, 24)) as pilot:
        await again.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen)
        assert "1 move made" in screen_text(again)
        text = await _press(pilot, "enter")
        assert "Pass the keyboard to Millbrook's council (Ben)" in text
        await _press(pilot, "enter", "1", "enter")  # Millbrook: Offer to share
        text = await _press(pilot, "enter")
        assert "The end: A joint plan" in text
        await again.workers.wait_for_complete()
    # The one game, finished, for both players; nothing left to continue for anyone.
    assert _records(tmp_path) == [
        ("Ann", "riverton", "Ben", "joint-plan"),
        ("Ben", "millbrook", "Ann", "joint-plan"),
    ]
    for name in ("Ann", "Ben", "Carl"):
        assert resume_table(store, store.profile(name), TOWNS) is None


async def test_a_table_file_opens_and_esc_at_the_names_goes_home(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    named = {"riverton": "[b]Ann[/b]", "millbrook": "Ben"}  # a name is data, not markup
    app = make_app(catalog=CATALOG, store=store, start_scenario=str(TOWNS_FILE), players=named)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Pass the keyboard to Riverton's council ([b]Ann[/b])" in screen_text(app)
    # Their game saved under an older file: said, and the table starts again.
    ann = store.profile(named["riverton"])
    store.save(ann, "table", "two-towns", {"path": [["gone", []]], "sealed": [], "players": named})
    changed = make_app(catalog=CATALOG, store=store, start_scenario="two-towns", players=named)
    async with changed.run_test(size=(80, 24)) as pilot:
        await changed.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(changed.screen, TableScreen)
        assert "Pass the keyboard to Riverton's council ([b]Ann[/b])" in screen_text(changed)
        said = [n.message for n in changed._notifications]
        assert "“The bridge toll: two towns at one table” has changed since it was saved" in (
            " ".join(said)
        )
    unnamed = make_app(catalog=CATALOG, store=store, start_scenario=str(TOWNS_FILE))
    async with unnamed.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(unnamed.screen, ProfileScreen)
        await _press(pilot, "escape")
        assert isinstance(unnamed.screen, HomeScreen)
    # A copy of the table under the same id is left out, and said so, not another opened.
    copy = tmp_path / "my-towns.yaml"
    copy.write_text(TOWNS_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    both = make_app(catalog=check([TOWNS_FILE, copy]), store=store, start_scenario=str(copy))
    async with both.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(both.screen, HomeScreen)
        said = [n.message for n in both._notifications]
        assert f"“{copy}” is not opened: the game left it out (the note on it says why)." in said
