"""The sources where they help, not in the way (issue 30, item 4), as a student meets them
in the app: a line each beside a scene, the quotes a key away; in the briefing and the
debrief a line each, the quote and citation behind Enter or a click."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widget import Widget

from game.analysis.explain import CHANGE_HEADING, WHY_HEADING
from game.content.catalog import check
from game.content.citation import citation
from game.content.models import Scenario
from game.content.paths import bundled_root
from game.engine import apply_choice, current_scene, start
from game.tui import make_app
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.ending import EndingScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.sources import SourcesScreen
from game.tui.widgets.fact_list import FactItem, FactList
from game.tui.widgets.scene_panel import QUOTES_KEY, ScenePanel
from helpers import SCENARIO as SCENARIO_TEXT
from helpers import screen_text, write

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


# --- The debrief: a line a fact, the quote behind Enter, two screens at 80x24 ----------

WORDS = (
    "The delegations talk late into the night, and the papers on the table grow thin. " * 5
).strip()
"""About 75 words: issue 31 allows an ending's text and debrief 150 words together."""

SIX_FACTS = [
    "singapore-2018-accelerate",
    "kyodo-talks-stalled",
    "russia-conditions-recognition",
    "motegi-appointed",
    "sf-treaty-renounce",
    "declaration-1956-two-islands",
]


def debrief_scenario(tmp_path: Path) -> Scenario:
    text = SCENARIO_TEXT.replace("    text: No agreement.\n", f"    text: {WORDS}\n")
    text = text.replace("    history: The talks stalled.\n", f"    history: {WORDS}\n")
    text = text.replace(
        "    facts: [kyodo-talks-stalled]\n", f"    facts: [{', '.join(SIX_FACTS)}]\n"
    )
    catalog = check([bundled_root(), write(tmp_path, "test-scenario.yaml", text)])
    return catalog.scenarios["test-scenario"]


async def at_the_ending(pilot: Pilot[None], scenario: Scenario, number: int) -> EndingScreen:
    app = pilot.app
    state = start(scenario)
    history = [state, apply_choice(scenario, state, number)]
    screen = EndingScreen(scenario, history)
    app.push_screen(screen)
    await pilot.pause()
    return screen


def lines_to_the_end_of_the_sources(screen: EndingScreen) -> tuple[int, int]:
    """How many lines of the debrief's scrolled content lead to the end of its sources,
    and how many lines a screen of it shows."""
    box = screen.query_one("#ending", VerticalScroll)
    facts = screen.query_one(FactList)
    top = box.scrollable_content_region.y - int(box.scroll_y)
    return facts.region.bottom - top, box.scrollable_content_region.height


async def test_the_debrief_fits_two_screens_at_80x24_with_the_quotes_closed(
    tmp_path: Path,
) -> None:
    scenario = debrief_scenario(tmp_path)
    async with make_app(catalog=CATALOG).run_test(size=(80, 24)) as pilot:
        screen = await at_the_ending(pilot, scenario, 2)  # "Walk out": talks-stall
        items = list(screen.query(FactItem))
        assert len(items) == len(SIX_FACTS)
        assert all(item.outer_size.height == 1 for item in items)  # a line a fact
        for heading in (WHY_HEADING, CHANGE_HEADING, "What actually happened", "The sources"):
            assert any(str(s.render()) == heading for s in screen.query(".section-title"))
        lines, page = lines_to_the_end_of_the_sources(screen)
        assert lines <= 2 * page, f"{lines} lines: more than two screens of {page}"


async def test_enter_opens_a_facts_quote_in_the_debrief_and_closes_it(tmp_path: Path) -> None:
    scenario = debrief_scenario(tmp_path)
    async with make_app(catalog=CATALOG).run_test(size=(80, 24)) as pilot:
        screen = await at_the_ending(pilot, scenario, 2)
        fact = CATALOG.facts[SIX_FACTS[0]]
        quote_start = "\u201c" + " ".join(fact.quote.split()[:4])
        assert quote_start not in screen_text(pilot.app)
        await pilot.press("tab")  # from the debrief's text to its first source
        first = screen.query(FactItem).first()
        assert pilot.app.focused is first
        assert "Quote" in screen_text(pilot.app).splitlines()[-1]  # Enter's word, in the footer
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(pilot.app)
        assert quote_start in shown
        assert "year inferred" in shown  # the citation, with what it marks
        assert first.outer_size.height > 1
        await pilot.press("enter")
        await pilot.pause()
        assert quote_start not in screen_text(pilot.app)
        assert first.outer_size.height == 1
        # The next source is a key away.
        await pilot.press("down")
        assert pilot.app.focused is list(screen.query(FactItem))[1]


async def test_a_click_opens_a_facts_quote(tmp_path: Path) -> None:
    scenario = debrief_scenario(tmp_path)
    async with make_app(catalog=CATALOG).run_test(size=(120, 40)) as pilot:
        screen = await at_the_ending(pilot, scenario, 2)
        item = screen.query(FactItem).first()
        item.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(item)
        await pilot.pause()
        assert item.expanded
        assert " ".join(CATALOG.facts[SIX_FACTS[0]].quote.split()[:4]) in screen_text(pilot.app)


# --- The briefing and Help say whose words the sources are ---------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_the_briefing_says_whose_words_and_lists_its_facts_a_line_each(
    size: tuple[int, int],
) -> None:
    app = make_app(catalog=CATALOG)
    async with app.run_test(size=size) as pilot:
        app.push_screen(BriefingScreen(SCENARIO))
        await pilot.pause()
        shown = _one_line(screen_text(app))
        assert "This scenario's sources are five reports: three from TASS (Russia's state" in shown
        items = list(app.screen.query(FactItem))
        assert [item.fact for item in items] == [CATALOG.facts[f] for f in SCENARIO.facts]
        assert all(item.outer_size.height == 1 for item in items)
        # Enter on a source opens its quote (and does not begin the talks) ...
        items[0].focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen) and items[0].expanded
        assert _one_line(CATALOG.facts[SCENARIO.facts[0]].quote)[:40] in _one_line(screen_text(app))
        # ... and anywhere else Enter begins them.
        app.screen.query_one("#briefing", VerticalScroll).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_help_says_whose_words_the_sources_are() -> None:
    app = make_app(catalog=CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(HelpScreen())
        await pilot.pause()
        assert "The sources are five reports: three from TASS (Russia's state news" in (
            _one_line(screen_text(app))
        )
