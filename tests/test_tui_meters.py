"""The play screen's meters say what they are for (issue 30, part A): which way is good,
what the meter means, its marks on the bar with the words of the nearest, and a move
across a mark announced in the story. At 80×24 and larger."""

from pathlib import Path

import pytest
from textual.widget import Widget

from game.content.catalog import check
from game.tui import make_app
from game.tui.screens.play import PlayScreen
from game.tui.widgets.meter_bar import MARK, bar_text
from game.tui.widgets.scene_panel import ScenePanel
from game.tui.widgets.story import Story
from helpers import SCENARIO, screen_cells, screen_text, write

MARKED = (
    SCENARIO.replace(
        "    label: Trust\n    start: 40\n",
        "    label: Trust\n    start: 40\n    good: high\n"
        "    means: how far they believe your word\n"
        "    marks:\n      50: the talks can go on\n",
    )
    .replace(
        "        set: [proposed-1956]\n        goto: verdict\n",
        "        set: [proposed-1956]\n        goto: pause\n",
    )
    .replace(
        "  verdict:\n",
        "  pause:\n    text: A pause.\n    choices:\n      - text: Go on\n        goto: verdict\n"
        "  verdict:\n",
    )
)


def shown_in(app: object, widget: Widget) -> str:
    """The words the widget shows on the screen, as one line."""
    lines = screen_text(app).splitlines()
    region = widget.content_region
    rows = lines[region.y : region.bottom]
    return " ".join(" ".join(row[region.x : region.right] for row in rows).split())


def test_the_bar_draws_its_marks_as_lines() -> None:
    bar = bar_text("Trust", 40, 0, 100, 0, (50,)).plain.splitlines()[1]
    assert bar == "██████░░" + MARK + "░░░░░░░ 40"
    assert bar_text("Trust", 40, 0, 100, 0).plain.splitlines()[1] == "██████░░░░░░░░░░ 40"


def test_a_fall_that_helps_is_shown_as_good() -> None:
    [fall] = [
        s for s in bar_text("Cost", 40, 0, 100, -10, good=True).spans if "green" in str(s.style)
    ]
    assert fall


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_side_panel_says_what_the_meter_is_for(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    catalog = check([write(tmp_path, "scenarios/test-scenario.yaml", MARKED)])
    app = make_app(catalog=catalog)
    async with app.run_test(size=size) as pilot:
        app.push_screen(PlayScreen(catalog.scenarios["test-scenario"]))
        await pilot.pause()
        panel = app.screen.query_one(ScenePanel)
        shown = shown_in(app, panel)
        assert "██████░░" + MARK in shown
        assert "higher is better; how far they believe your word" in shown
        assert "10 below the mark at 50: the talks can go on" in shown
        await pilot.press("1")
        await pilot.pause()
        assert "Trust rose to 50: the talks can go on" in shown_in(app, app.screen.query_one(Story))
        assert "at the mark 50: the talks can go on" in shown_in(app, panel)
        assert "(+10)" in shown_in(app, panel)


async def test_a_scene_drawn_ahead_with_marks_looks_as_if_drawn_when_shown(
    tmp_path: Path,
) -> None:
    catalog = check([write(tmp_path, "scenarios/test-scenario.yaml", MARKED)])

    class Afresh(PlayScreen):
        DRAW_AHEAD = False

    async def after_choice(screen_type: type[PlayScreen]) -> tuple[str, object]:
        app = make_app(catalog=catalog)
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(screen_type(catalog.scenarios["test-scenario"]))
            await pilot.pause()
            await pilot.press("1")
            await pilot.pause()
            return screen_text(app), screen_cells(app)

    assert await after_choice(PlayScreen) == await after_choice(Afresh)


async def test_a_meter_s_words_are_data_never_markup(tmp_path: Path) -> None:
    text = MARKED.replace(
        "means: how far they believe your word", 'means: "[bold]how far[/bold] they believe"'
    ).replace("50: the talks can go on", '50: "[red]the talks[/] go on"')
    catalog = check([write(tmp_path, "scenarios/test-scenario.yaml", text)])
    app = make_app(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PlayScreen(catalog.scenarios["test-scenario"]))
        await pilot.pause()
        shown = shown_in(app, app.screen.query_one(ScenePanel))
        assert "[bold]how far[/bold] they believe" in shown
        assert "[red]the talks[/] go on" in shown
        await pilot.press("1")
        await pilot.pause()
        story = shown_in(app, app.screen.query_one(Story))
        assert "Trust rose to 50: [red]the talks[/] go on" in story
