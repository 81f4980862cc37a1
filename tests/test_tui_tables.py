"""Tables in the main app (issue 34), with Pilot at 80×24 and larger: listed among the
scenarios as "Two delegations", each side's player asked by name (the same student cannot
play both sides), played hot-seat with nothing of one side's private state on screen in
the other side's turn, saved after every move and continued from Home."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList

from game.content.catalog import Catalog, check
from game.content.paths import bundled_root
from game.store.progress import open_store
from game.store.tables import resume_table
from game.tui import make_app
from game.tui.screens.home import SCENARIOS_AND_TABLES, HomeScreen
from game.tui.screens.profiles import ProfileScreen
from game.tui.screens.resume import ResumeScreen
from game.tui.screens.scenarios import ScenarioListScreen
from game.tui.screens.table import TableScreen
from helpers import screen_text

HERE = Path(__file__).resolve().parent
CATALOG: Catalog = check(
    [bundled_root() / "sources", HERE / "data" / "golden-scenario.yaml", HERE / "fixtures"]
)
SIZES = [(80, 24), (120, 40)]

PRIVATE = {
    "riverton": ["The bridge needs repairs", "Money for repairs", "Your treasurer slides"],
    "millbrook": ["Your traders cross the bridge", "Traders' patience", "Your traders wait"],
}
"""What only one side may read: its brief, its private meter, its own paragraph."""


def shows_nothing_private_of(app: Any, side: str) -> bool:
    """Nothing of `side`'s private state on the screen as rendered."""
    text = screen_text(app)
    return not any(private in text for private in PRIVATE[side])


def words_on_screen(app: Any) -> str:
    """The screen's words, as one line: what a sentence says, wherever it wraps."""
    return " ".join(screen_text(app).replace("│", " ").split())


def footer(app: Any) -> str:
    """The footer's line: the keys that work on this screen, and what they do."""
    return screen_text(app).splitlines()[-1]


async def type_name(pilot: Any, name: str) -> None:
    box = pilot.app.screen.query_one("#new-profile", Input)
    box.value = ""
    await pilot.press(*name, "enter")
    await pilot.pause()


async def open_the_table(pilot: Any) -> None:
    """Home → Scenarios → the table (listed after the 2018 scenario, by year)."""
    await pilot.press("s")
    await pilot.pause()
    listing = pilot.app.screen.query_one("#scenario-list", OptionList)
    listing.highlighted = listing.get_option_index("table:two-towns")
    await pilot.press("enter")
    await pilot.pause()


async def name_the_players(pilot: Any) -> None:
    app = pilot.app
    assert isinstance(app.screen, ProfileScreen)
    assert "Who plays Riverton's council?" in screen_text(app)
    await type_name(pilot, "Ann")
    assert "Who plays Millbrook's council?" in screen_text(app)
    await type_name(pilot, "ann")  # the same student twice: refused
    assert isinstance(app.screen, ProfileScreen)
    assert any("already plays the other side" in n.message for n in app._notifications)
    await type_name(pilot, "Ben")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, TableScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_tables_are_listed_for_two_players(size: tuple[int, int], tmp_path: Path) -> None:
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert SCENARIOS_AND_TABLES in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        text = screen_text(app)
        assert "The bridge toll: two towns at one table (2024)" in text
        assert "Two delegations" in text
        assert "Two students at one keyboard: Riverton's council and Millbrook's council" in text


@pytest.mark.parametrize("size", SIZES)
async def test_a_whole_hot_seat_game_in_the_app(size: tuple[int, int], tmp_path: Path) -> None:
    store = open_store(tmp_path)
    app = make_app(catalog=CATALOG, store=store)
    async with app.run_test(size=size) as pilot:
        await open_the_table(pilot)
        await name_the_players(pilot)
        text = screen_text(app)
        assert "Pass the keyboard to Riverton's council (Ann)" in text
        assert shows_nothing_private_of(app, "riverton")
        assert shows_nothing_private_of(app, "millbrook")
        assert "⏎ Continue" in footer(app)  # every screen says what Enter does
        await pilot.press("enter")
        assert "The bridge needs repairs" in screen_text(app)
        assert shows_nothing_private_of(app, "millbrook")
        assert "1-9 Pick " in footer(app) and "⏎ Play the move" in footer(app)
        await pilot.press("1", "enter")  # Ask for a high toll
        await pilot.pause()
        text = screen_text(app)
        assert "Pass the keyboard to Millbrook's council (Ben)" in text
        assert shows_nothing_private_of(app, "riverton") and "high toll" not in text
        await pilot.press("enter")
        assert "Your traders cross the bridge" in screen_text(app)
        assert shows_nothing_private_of(app, "riverton")
        await pilot.press("2", "enter")  # Refuse any toll: Riverton asked high: a walkout
        await pilot.pause()
        text = screen_text(app)
        assert "Riverton's council: “Ask for a high toll”" in text
        assert "Millbrook's council: “Refuse any toll”" in text
        assert "⏎ Continue" in footer(app)
        await pilot.press("enter")
        text = screen_text(app)
        assert "The end: Millbrook walks out" in text
        assert shows_nothing_private_of(app, "riverton")
        assert shows_nothing_private_of(app, "millbrook")
        for side in ("riverton", "millbrook"):
            assert "⏎ Continue" in footer(app)
            await pilot.press("enter")  # the curtain for that side
            assert shows_nothing_private_of(app, side)
            assert "⏎ Continue" in footer(app)
            await pilot.press("enter")  # that side's own debrief
            assert "only" in screen_text(app)
            other = "millbrook" if side == "riverton" else "riverton"
            assert shows_nothing_private_of(app, other)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        # The last screen says what to do next, on the screen and in the footer.
        await pilot.press("pagedown", "pagedown")  # its last words, below the fold at 80×24
        text = words_on_screen(app)
        assert "Riverton's council and Millbrook's council have read their private" in text
        assert "Press Enter to leave the table and go back to the scenario list." in text
        assert "⏎ Leave the table" in footer(app) and "Continue" not in footer(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioListScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Continue" not in screen_text(app)  # a finished table is not left part-way
    for name in ("Ann", "Ben", "default"):
        assert resume_table(store, store.profile(name), CATALOG.tables["two-towns"]) is None


@pytest.mark.parametrize("size", SIZES)
async def test_continue_on_home_resumes_a_table(size: tuple[int, int], tmp_path: Path) -> None:
    store = open_store(tmp_path)
    app = make_app(catalog=CATALOG, store=store)
    async with app.run_test(size=size) as pilot:
        await open_the_table(pilot)
        await name_the_players(pilot)
        await pilot.press("enter", "2", "enter")  # Riverton: Ask for a small toll
        await app.workers.wait_for_complete()
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    # Another day, the same machine: Home offers the table, and it goes on from there.
    again = make_app(catalog=CATALOG, store=store)
    async with again.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(again)
        assert "Continue   ·  Two delegations: The bridge to" in text  # the title gives way
        assert "(Ann and Ben, 1 move made)" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, TableScreen)
        assert "Pass the keyboard to Millbrook's council (Ben)" in screen_text(again)
        assert shows_nothing_private_of(again, "riverton")
        await pilot.press("enter", "1", "enter")  # Millbrook: Offer to share
        await pilot.pause()
        text = screen_text(again)
        assert "Riverton's council: “Ask for a small toll”" in text
        assert "The end: A joint plan" not in text
        await pilot.press("enter")
        assert "The end: A joint plan" in screen_text(again)
        await pilot.press("enter", "enter", "enter", "enter", "enter")  # both debriefs
        await pilot.press("pagedown", "pagedown")
        assert "leave the table and go back to the home screen." in words_on_screen(again)
        await pilot.press("escape")  # Esc leaves the last screen too
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
        await again.workers.wait_for_complete()
    # Played in the app of "default", who played no side: the one game is recorded for
    # its two players alone, finished, as `treaty report` and the gradebook read it.
    from game.store.report import read_folders

    records = sorted((a.profile, a.side, a.item) for a in read_folders([tmp_path]).attempts)
    assert records == [("Ann", "riverton", "joint-plan"), ("Ben", "millbrook", "joint-plan")]


async def test_opening_a_table_left_part_way_offers_to_continue(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    app = make_app(catalog=CATALOG, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_table(pilot)
        await name_the_players(pilot)
        await pilot.press("enter", "1", "enter")
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause()
        listing = app.screen.query_one("#scenario-list", OptionList)
        listing.highlighted = listing.get_option_index("table:two-towns")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert "Ann and Ben; 1 move made" in screen_text(app)
        await pilot.press("down", "enter")  # start again: the players are asked anew
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press("escape")  # and Esc leaves the table unopened
        await pilot.pause()
        assert isinstance(app.screen, ScenarioListScreen)


async def test_player_names_are_shown_as_written(tmp_path: Path) -> None:
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_table(pilot)
        await type_name(pilot, "[b]Ann[/b]")
        await type_name(pilot, "Ben")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Pass the keyboard to Riverton's council ([b]Ann[/b])" in screen_text(app)


async def test_the_palette_opens_a_table(tmp_path: Path) -> None:
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        [entry] = [
            c for c in app.get_system_commands(app.screen) if c.title.startswith("Two delegations")
        ]
        assert entry.title == "Two delegations: The bridge toll: two towns at one table"
        entry.callback()
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert "Who plays Riverton's council?" in screen_text(app)


def test_continue_offers_a_table_and_a_damaged_one_as_changed(tmp_path: Path) -> None:
    from game.engine.table import start_table, submit
    from game.store.games import Changed
    from game.store.tables import save_table
    from game.tui.table_saves import SavedTable, latest_place

    store = open_store(tmp_path)
    towns = CATALOG.tables["two-towns"]
    ann, ben = store.profile("Ann"), store.profile("Ben")
    players = {"riverton": "Ann", "millbrook": "Ben"}
    state = submit(towns, start_table(towns), "riverton", 1)
    save_table(store, towns.id, {"riverton": ann, "millbrook": ben}, players, state)
    found = latest_place(store, ben, CATALOG)
    assert isinstance(found, SavedTable) and found.state == state
    assert found.label == "Two delegations: " + towns.title + " (Ann and Ben, 1 move made)"
    store.save(ann, "table", towns.id, {"path": "not a path", "players": players})
    damaged = latest_place(store, ann, CATALOG)
    assert isinstance(damaged, SavedTable) and isinstance(damaged.state, Changed)
    assert damaged.label.endswith("(file changed: start again)")
    assert latest_place(store, store.profile("Carl"), CATALOG) is None


def test_a_brief_and_a_debrief_read_as_paragraphs_not_the_files_lines() -> None:
    # The file keeps its line breaks (`brief: |`); on screen a paragraph wraps to the width.
    from game.engine.table import start_table
    from game.tui.screens.table_text import flowed, turn_text

    table = check([bundled_root()]).tables["ministers-2019-table"]
    text = turn_text(table, start_table(table), "japan").plain
    assert "Here is Tokyo's position, in the words Japan's ministers used in public" in text
    assert flowed("One\nparagraph.\n\nTwo\n  lines.\n") == "One paragraph.\n\nTwo lines."


@pytest.mark.parametrize("size", SIZES)
async def test_a_move_of_a_scene_one_side_plays_is_shown_to_both(
    size: tuple[int, int], tmp_path: Path
) -> None:
    # As plain mode and the network do: Riverton learns what Millbrook said in its own scene.
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=size) as pilot:
        await open_the_table(pilot)
        await name_the_players(pilot)
        for key in ("enter", "1", "enter", "enter", "1", "enter", "enter"):  # both open
            await pilot.press(key)
            await pilot.pause()
        assert "Pass the keyboard to Millbrook's council (Ben)" in screen_text(app)
        await pilot.press("enter")
        await pilot.press("1", "enter")  # Millbrook alone, after lunch: a toll for carts only
        await pilot.pause()
        text = screen_text(app)
        assert "Millbrook's council has moved." in text
        assert "Millbrook's council: “Propose a toll for carts only”" in text
        assert shows_nothing_private_of(app, "millbrook")
        await pilot.press("enter")
        assert "Pass the keyboard to Riverton's council (Ann)" in screen_text(app)
