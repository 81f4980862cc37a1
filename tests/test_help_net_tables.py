"""Help speaks of tables on the class's server (issue 35): how to join one from Home's
Tables line, what the table screen's lines mean, and Continue after a reload, in the very
words the screens show."""

from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import Markdown

from game.content.catalog import check
from game.store.progress import open_store
from game.tui import make_app
from game.tui.net_seat import TABLES_LINE
from game.tui.screens.help import HelpScreen
from game.tui.screens.home import HomeScreen
from game.tui.screens.net_table import LOST
from helpers import screen_text

CATALOG = check([Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml"])


async def test_help_explains_the_tables_line_and_what_the_table_screen_says(
    tmp_path: Path,
) -> None:
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        part = next(
            block
            for block in app.screen.query(Markdown)
            if "Tables on the class's server" in block.source
        )
        await pilot.pause()
        assert part.table_of_contents is not None
        heading = next(
            block for _, label, block in part.table_of_contents if label.startswith("Tables")
        )
        assert heading is not None
        app.screen.query_one("#help", VerticalScroll).scroll_to_widget(
            part.query_one(f"#{heading}"), animate=False, top=True
        )
        await pilot.pause()
        seen = " ".join(screen_text(app).split())
        assert "Tables on the class's server" in seen
        # Home's line and key, as Home shows them.
        assert TABLES_LINE.split()[0] in seen and "press J" in seen
        assert "Or open a new table" in seen
        # What the table screen's top line says, in its own words.
        assert "Waiting for" in seen
        assert LOST in seen
        assert "Paused by the teacher" in seen
        await pilot.press("pagedown")
        await pilot.pause()
        seen = " ".join(screen_text(app).split())
        # ...and goes on to Continue after a reload, a page further down.
        assert "reload the page, Continue on the home screen" in seen
