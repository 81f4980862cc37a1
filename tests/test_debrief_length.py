"""Every bundled ending's debrief, as a student meets it at 80x24 with the quotes closed:
the ending's text, "Why this ending", "What would have changed it", what actually happened
and the sources, a line a fact, fit in two screens (issue 30, item 4)."""

from test_tui_sources import lines_to_the_end_of_the_sources

from game.analysis.explore import explore
from game.content.catalog import check
from game.content.paths import bundled_root
from game.engine import apply_choice, start
from game.tui import make_app
from game.tui.screens.ending import EndingScreen


async def test_every_bundled_debrief_fits_two_screens_at_80x24() -> None:
    catalog = check([bundled_root()])
    app = make_app(catalog=catalog)
    screens: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        for scenario in catalog.scenarios.values():
            for report in explore(scenario).endings:
                if not report.reachable:
                    continue
                history = [start(scenario)]
                for step in report.shortest:
                    history.append(apply_choice(scenario, history[-1], step.number))
                screen = EndingScreen(scenario, history)
                await app.push_screen(screen)
                await pilot.pause()
                lines, page = lines_to_the_end_of_the_sources(screen)
                screens[f"{scenario.id}/{report.id}"] = round(lines / page, 2)
                app.pop_screen()
                await pilot.pause()
    assert len(screens) >= 40
    assert max(screens.values()) <= 2, {k: v for k, v in screens.items() if v > 2}
