"""The glossary in the app, driven with Pilot: a scene's words in the side panel under its
sources, W opens them with what they mean, and Help opens the whole glossary (G), at
80x24 as well as larger."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll

from game.content.catalog import check
from game.content.paths import bundled_root
from game.tui import make_app
from game.tui.screens.glossary import GlossaryScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.play import PlayScreen
from game.tui.widgets.scene_panel import ScenePanel
from helpers import SCENARIO, screen_text, write

S = SCENARIO.replace(
    "text: The talks begin.", "text: The talks begin with a memorandum; nothing is ratified."
)
GLOSSARY = '"[markup]": A term that looks like markup, shown as written.\n'


def _catalog(tmp_path: Path) -> object:
    write(tmp_path, "scenarios/test-scenario.yaml", S.replace("nothing is", "[markup] is"))
    write(tmp_path, "sources/glossary.yaml", GLOSSARY)
    return check([bundled_root(), tmp_path])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_side_panel_lists_the_scenes_words_under_its_sources(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    catalog = _catalog(tmp_path)
    app = make_app(catalog=catalog)  # type: ignore[arg-type]
    async with app.run_test(size=size) as pilot:
        app.open_briefing(app.catalog.scenarios["test-scenario"])  # type: ignore[union-attr]
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, PlayScreen)
        panel = app.screen.query_one(ScenePanel)
        assert [t.term for t in panel.words] == ["memorandum", "[markup]", "ratify"]
        panel.focus()
        await pilot.press("end")
        await pilot.pause()
        drawn = [
            strip.text.rstrip() for strip in panel.lines(panel.scrollable_content_region.width)
        ]
        assert drawn.index("Words") > drawn.index("Sources for this scene")
        text = screen_text(app)
        assert "memorandum, [markup], ratify" in text  # names are data, never markup
        assert "w: what they mean" in text
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        text = screen_text(app)
        assert "Words in this scene" in text
        assert "A written note from one government to another" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_a_scene_with_no_glossary_word_has_no_words_section(tmp_path: Path) -> None:
    catalog = check([write(tmp_path, "scenarios/s.yaml", SCENARIO.replace("begin", "go"))])
    app = make_app(catalog=catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_briefing(catalog.scenarios["test-scenario"])
        await pilot.pause()
        await pilot.press("enter")
        panel = app.screen.query_one(ScenePanel)
        assert panel.words == ()
        assert all(key[0] != "words" for key, _ in panel.parts())


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_help_opens_the_whole_glossary_which_scrolls(size: tuple[int, int]) -> None:
    catalog = check([bundled_root()])
    app = make_app(catalog=catalog)
    async with app.run_test(size=size) as pilot:
        app.open_place(__import__("game.tui.messages", fromlist=["Place"]).Place.HELP)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()  # the footer is drawn once the help is laid out
        assert "Glossary" in screen_text(app)  # the footer says the key
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        text = screen_text(app)
        assert "alliance" in text and "A partnership of countries" in text
        scroll = app.screen.query_one("#glossary", VerticalScroll)
        assert scroll.max_scroll_y > 0  # longer than the screen: it scrolls
        await pilot.press("end")
        await pilot.pause()
        assert "working visit" in screen_text(app)  # the last term, from A to Z
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_term_added_to_the_teachers_glossary_shows_in_the_live_preview(
    tmp_path: Path,
) -> None:
    """`treaty play FILE --watch`: saving the glossary beside the scenario lists the new
    term under the scene."""
    path = write(tmp_path, "scenarios/test-scenario.yaml", S)
    app = make_app(catalog=check([bundled_root()]), watch=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, PlayScreen)
        panel = app.screen.query_one(ScenePanel)
        assert [t.term for t in panel.words] == ["memorandum", "ratify"]
        write(tmp_path, "sources/glossary.yaml", "talks: Meetings to reach an agreement.\n")
        app.check_watched()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        panel = app.screen.query_one(ScenePanel)
        assert [t.term for t in panel.words] == ["talks", "memorandum", "ratify"]
        assert app.catalog is not None
        assert app.catalog.glossary["talks"].means == "Meetings to reach an agreement."
