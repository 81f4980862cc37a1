"""Every bundled ending's debrief, as a student meets it at 80x24 with the quotes closed:
the ending's text, "Why this ending", "What would have changed it", what actually happened
and the sources, a line a fact, fit in two screens (issue 30, item 4).

One case a scenario (so the workers share them out), each in one app that shows the
scenario's endings one after another."""

import functools

import pytest
from test_tui_sources import lines_to_the_end_of_the_sources

from game.analysis.explore import explore
from game.content.catalog import Catalog, check
from game.content.paths import bundled_root
from game.engine import apply_choice, start
from game.tui import make_app
from game.tui.screens.ending import EndingScreen


@functools.cache
def bundled() -> Catalog:
    return check([bundled_root()])


def test_the_debriefs_measured_are_those_of_every_bundled_scenario() -> None:
    scenarios = bundled().scenarios.values()
    assert len(scenarios) >= 6
    assert sum(len(scenario.endings) for scenario in scenarios) >= 40


@pytest.mark.parametrize("scenario_id", sorted(bundled().scenarios))
async def test_every_bundled_debrief_fits_two_screens_at_80x24(scenario_id: str) -> None:
    catalog = bundled()
    scenario = catalog.scenarios[scenario_id]
    reports = [report for report in explore(scenario).endings if report.reachable]
    assert reports
    app = make_app(catalog=catalog)
    screens: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        for report in reports:
            history = [start(scenario)]
            for step in report.shortest:
                history.append(apply_choice(scenario, history[-1], step.number))
            screen = EndingScreen(scenario, history)
            await app.push_screen(screen)
            await pilot.pause()
            assert app.screen is screen
            lines, page = lines_to_the_end_of_the_sources(screen)
            screens[report.id] = round(lines / page, 2)
            await app.pop_screen()
    assert len(screens) == len(reports)
    assert max(screens.values()) <= 2, {k: v for k, v in screens.items() if v > 2}
