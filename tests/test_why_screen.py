"""The short "Why this ending" as the ending screen draws it at 80x24: for each bundled
scenario, the ending whose why is longest (tests/test_why_short.py measures them all),
reached by the explorer's shortest path, in about ten rows."""

from game.analysis.explain import WHY_HEADING, explain
from game.analysis.explore import explore
from game.analysis.why import MOST_LINES, lines_wide
from game.content.catalog import check
from game.content.paths import bundled_root
from game.engine import apply_choice, start


def why_of(scenario, report) -> list[str]:  # type: ignore[no-untyped-def]
    return explain(scenario, [(s.scene, s.number) for s in report.shortest]).why_lines()


async def test_every_bundled_ending_s_why_fits_in_ten_rows_at_80_columns() -> None:
    from textual.widgets import Static

    from game.tui import make_app
    from game.tui.screens.ending import EndingScreen

    catalog = check([bundled_root()])
    app = make_app(catalog=catalog)
    rows: dict[str, int] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        for scenario in catalog.scenarios.values():
            endings = [e for e in explore(scenario).endings if e.reachable]
            longest = max(endings, key=lambda e: lines_wide(why_of(scenario, e)))
            for report in [longest]:
                history = [start(scenario)]
                for step in report.shortest:
                    history.append(apply_choice(scenario, history[-1], step.number))
                await app.push_screen(EndingScreen(scenario, history))
                await pilot.pause()
                title = app.screen.query_one("#why-title", Static)
                assert str(title.render()) == WHY_HEADING
                rows[f"{scenario.id}/{report.id}"] = app.screen.query_one(
                    "#why", Static
                ).size.height
                app.pop_screen()
                await pilot.pause()
    assert len(rows) == len(catalog.scenarios)
    assert max(rows.values()) <= MOST_LINES, {k: v for k, v in rows.items() if v > MOST_LINES}
