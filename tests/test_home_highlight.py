"""Home keeps the line a student was on: back from a screen it opened, and when the menu is
redrawn as questions come due (every 30 s), the same line stays chosen, so Enter opens
what the student last chose, not the first line (final trial, issue 35)."""

from pathlib import Path

import pytest
from textual.widgets import OptionList

from game.content.catalog import check
from game.content.paths import bundled_root
from game.store.progress import open_store
from game.tui import make_app
from game.tui.screens.home import HomeScreen

CATALOG = check([bundled_root()])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_home_keeps_the_chosen_line_back_from_a_screen_and_when_redrawn(
    size: tuple[int, int], tmp_path: Path
) -> None:
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        menu = home.query_one("#home-menu", OptionList)
        menu.highlighted = menu.get_option_index("quizzes")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, HomeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
        assert menu.highlighted_option is not None and menu.highlighted_option.id == "quizzes"
        home.offer_continue()  # what the 30-second redraw does
        await pilot.pause()
        assert menu.highlighted_option is not None and menu.highlighted_option.id == "quizzes"
        await pilot.press("enter")  # Enter opens the quizzes again, not the first line
        await pilot.pause()
        assert "quiz" in type(app.screen).__name__.lower()
