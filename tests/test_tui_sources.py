"""The sources where they help, not in the way (issue 30, item 4), as a student meets them
in the app: a line each beside a scene, the quotes a key away; in the briefing and the
debrief a line each, the quote and citation behind Enter or a click."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from game.content.catalog import check
from game.content.citation import citation
from game.content.paths import bundled_root
from game.engine import current_scene
from game.tui import make_app
from game.tui.screens.play import PlayScreen
from game.tui.screens.sources import SourcesScreen
from game.tui.widgets.scene_panel import QUOTES_KEY, ScenePanel
from helpers import screen_text

CATALOG = check([bundled_root()])
SCENARIO = CATALOG.scenarios["after-san-francisco"]
SIZES = [(80, 24), (120, 40)]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def panel_lines(app: object, panel: ScenePanel) -> list[str]:
    """The lines the side panel shows on the screen, inside its border."""
    region = panel.region
    rows = screen_text(app).splitlines()[region.y + 1 : region.bottom - 1]
    return [row[region.x + 1 : region.right - 1].strip() for row in rows]


async def read_all(pilot: Pilot[None], box: Widget) -> str:
    """Every line a scrolling box shows, read a page at a time as a student would."""
    seen: dict[int, str] = {}
    while True:
        region = box.scrollable_content_region
        rows = screen_text(pilot.app).splitlines()[region.y : region.bottom]
        for i, row in enumerate(rows):
            seen[int(box.scroll_y) + i] = row[region.x : region.right].strip()
        if box.scroll_y >= box.max_scroll_y:
            return "\n".join(seen[i] for i in sorted(seen))
        await pilot.press("pagedown")
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_the_side_panel_lists_the_scenes_sources_a_line_each(
    size: tuple[int, int],
) -> None:
    app = make_app(catalog=CATALOG)
    async with app.run_test(size=size) as pilot:
        app.push_screen(PlayScreen(SCENARIO))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        facts = current_scene(SCENARIO, screen.state).facts
        assert len(facts) >= 2
        panel = screen.query_one(ScenePanel)
        await pilot.click(ScenePanel)
        await pilot.press("end")
        await pilot.pause()
        lines = panel_lines(app, panel)
        first = lines.index("Sources for this scene") + 1
        last = lines.index(QUOTES_KEY)
        listed = lines[first:last]
        # One line a fact, its outlet first; no quote and no citation beside the scene.
        assert len(listed) == len(facts)
        for line, fact_id in zip(listed, facts, strict=True):
            fact = CATALOG.facts[fact_id]
            outlet = CATALOG.sources[fact.source].outlet or "outlet not named"
            assert line.startswith(f"• {outlet}: ")
            assert _one_line(fact.text).startswith(line.split(": ", 1)[1].rstrip("…"))
        assert "\u201c" not in "\n".join(lines)
        # The key that opens the quotes is in the footer.
        assert "s Sources" in screen_text(app).splitlines()[-1]


@pytest.mark.parametrize("size", SIZES)
async def test_s_opens_the_quotes_with_their_citations_and_escape_closes_them(
    size: tuple[int, int],
) -> None:
    app = make_app(catalog=CATALOG)
    async with app.run_test(size=size) as pilot:
        app.push_screen(PlayScreen(SCENARIO))
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        facts = current_scene(SCENARIO, play.state).facts
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        shown = _one_line(await read_all(pilot, app.screen.query_one("#sources-quotes")))
        for fact_id in facts:
            fact = CATALOG.facts[fact_id]
            assert _one_line(fact.quote) in shown
            assert _one_line(citation(CATALOG.sources[fact.source])) in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is play
        assert play.state.path == ()  # nothing was chosen on the way
