"""A scenario's title is shown with its year once: a title that gives its year ("(2019,
inferred)") is not followed by "(2019)" again, in plain play, the app and `treaty list`."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.catalog import Catalog, check
from game.content.paths import bundled_root
from game.content.scenario_title import title_with_year
from game.plain.play import PlainGame
from game.tui import make_app
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.scenarios import ScenarioListScreen
from helpers import SCENARIO, screen_text, write

BUNDLED: Catalog = check([bundled_root()])


def first_lines(catalog: Catalog, scenario_id: str) -> list[str]:
    said: list[str] = []

    def ask(prompt: str) -> str:
        raise EOFError

    PlainGame(catalog.scenarios[scenario_id], catalog, ask, said.append).play()
    return said


@pytest.mark.parametrize(
    ("scenario_id", "title"),
    [
        ("ministers-2019", "The foreign ministers' rounds (2019, inferred)"),
        ("amendment-2020", "Talks after the constitutional amendment (2020, inferred)"),
        ("singapore-2018", "Singapore, November 2018"),
    ],
)
def test_plain_play_names_the_year_once(scenario_id: str, title: str) -> None:
    said = first_lines(BUNDLED, scenario_id)
    assert said[0] == title
    year = str(BUNDLED.scenarios[scenario_id].year)
    assert f"({year})" not in "\n".join(said)


def test_a_title_without_its_year_gets_it(tmp_path: Path) -> None:
    write(tmp_path, "scenarios/mine.yaml", SCENARIO)  # "A test", 2018
    catalog = check([bundled_root() / "sources", tmp_path])
    assert first_lines(catalog, "test-scenario")[0] == "A test (2018)"


def test_every_bundled_title_gives_its_year() -> None:
    for scenario in BUNDLED.scenarios.values():
        assert title_with_year(scenario) == scenario.title


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_list_and_the_briefing_show_the_year_once(size: tuple[int, int]) -> None:
    app = make_app(catalog=BUNDLED)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, ScenarioListScreen)
        # Oldest first: the foreign ministers' rounds of 2019 are fifth.
        await pilot.press("down", "down", "down", "down")
        await pilot.pause()
        listed = screen_text(app)
        assert "The foreign ministers' rounds (2019, inferred)" in listed
        assert "2019  The foreign" not in listed and "(2019, inferred) (2019)" not in listed
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        briefing = screen_text(app)
        assert "The foreign ministers' rounds (2019, inferred)" in briefing
        assert "You lead Russia's delegation" in briefing
        assert "2019 · You lead" not in briefing


def test_a_tables_plain_game_gives_its_year_once(tmp_path: Path) -> None:
    import io
    import sys
    from contextlib import redirect_stdout

    from game.cli import main

    old, sys.stdin = sys.stdin, io.StringIO("")
    out = io.StringIO()
    try:
        with redirect_stdout(out):
            players = ["--player", "japan=Ann", "--player", "russia=Ben"]
            main(["play", "ministers-2019-table", "--plain", *players, "--data-dir", str(tmp_path)])
    finally:
        sys.stdin = old
    lines = out.getvalue().splitlines()
    assert "The foreign ministers' rounds at one table (2019, inferred)" in lines
    assert "(2019, inferred) (2019)" not in out.getvalue()
