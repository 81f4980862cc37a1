"""The play screen with a scenario's own map and topics, or with no map (issue 33),
driven with Pilot at 80x24 and larger."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.catalog import check
from game.content.paths import bundled_root
from game.tui import make_app
from game.tui.screens.play import PlayScreen
from game.tui.widgets.scene_panel import ScenePanel
from helpers import SCENARIO, screen_cells, screen_text, write

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "harbour-town"
PLACES = {"Northport", "harbour", "lighthouse", "Southbay"}


def _named_key(text: str) -> str:
    """The words of the map's key ("Named in this scene: ..."), as they are on the screen
    above the picture, wrapped or not."""
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if "Named in this scene:" in line)
    column = lines[row].index("Named in this scene:")
    key: list[str] = []
    for line in lines[row:]:
        cell = line[column:].split("│")[0].strip()
        if not cell or cell.startswith("#"):  # the picture begins
            break
        key.append(cell)
    return " ".join(key)


def _row_with(app: object, word: str) -> list[tuple[str, object]]:
    """The cells of the screen line where `word` is, from its first letter."""
    for line in screen_cells(app):
        text = "".join(char for char, _ in line)
        if word in text:
            start = text.index(word)
            return line[start : start + len(word)]
    raise AssertionError(f"{word!r} is not on the screen")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_harbour_map_lights_the_places_the_scene_names(size: tuple[int, int]) -> None:
    catalog = check([bundled_root() / "sources", EXAMPLE])
    app = make_app(catalog=catalog)
    async with app.run_test(size=size) as pilot:
        app.open_briefing(catalog.scenarios["harbour"])
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        panel = app.screen.query_one(ScenePanel)
        assert panel.highlight == PLACES
        text = screen_text(app)
        assert "1. [Water rights] Offer to share the" in text
        assert "2. [Fees and money] Ask Southbay to pay" in text
        assert "######## NORTHPORT #######" in text and "~~~ HARBOUR ~~~" in text
        # The key is above the picture: in sight at 80x24 without scrolling the panel.
        assert _named_key(text) == "Named in this scene: Northport, harbour, lighthouse, Southbay"
        assert "Kuril" not in text and "CAPITALS◂" not in text
        # A lit place is in reverse video (seen without colour too); the sea is not.
        assert all(getattr(style, "reverse", False) for _, style in _row_with(app, "NORTHPORT"))
        assert not any(getattr(style, "reverse", False) for _, style in _row_with(app, "~~~~"))
        await pilot.press("1")  # to the lighthouse scene, which names only the lighthouse
        await pilot.pause()
        assert app.screen.query_one(ScenePanel).highlight == {"lighthouse"}
        text = screen_text(app)
        assert _named_key(text) == "Named in this scene: lighthouse"
        assert "1. [Fees and money] Split the lamp's cost" in text
        assert not any(getattr(style, "reverse", False) for _, style in _row_with(app, "NORTHPORT"))


async def _story_width(scenario_text: str, tmp_path: Path, size: tuple[int, int]) -> int:
    catalog = check([write(tmp_path, "scenarios/test-scenario.yaml", scenario_text)])
    app = make_app(catalog=catalog)
    async with app.run_test(size=size) as pilot:
        app.open_briefing(catalog.scenarios["test-scenario"])
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "The talks begin." in text
        has_map = "Map" in text and "CAPITALS◂" in text
        assert has_map == scenario_text.startswith("map: kurils")
        return app.screen.query_one("#story").size.width


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_no_map_panel_without_map_and_the_story_has_the_room(
    size: tuple[int, int], tmp_path: Path
) -> None:
    without = await _story_width(SCENARIO, tmp_path / "without", size)
    with_map = await _story_width(f"map: kurils\n{SCENARIO}", tmp_path / "with", size)
    if size[0] > 80:
        assert without > with_map  # the room the map had goes to the story
    else:
        assert without >= with_map  # at 80 columns both panels are at their narrowest


async def test_the_ending_lists_the_choices_with_the_files_labels() -> None:
    catalog = check([bundled_root() / "sources", EXAMPLE])
    app = make_app(catalog=catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_briefing(catalog.scenarios["harbour"])
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("2")  # ask Southbay to pay: a money choice
        await pilot.pause()
        await pilot.press("2")  # leave the lamp: no topic
        await pilot.pause()
        text = screen_text(app)
        assert "Each town for itself" in text
        assert "1. [Fees and money] Ask Southbay to pay" in text
        assert "2. Leave the lamp for another meeting" in text
