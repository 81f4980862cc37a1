"""Every key the table screen's footer shows is there in full at 80 columns: through a
whole table at one keyboard (the curtain, a side's turn with "PgDn Read on", the moves
revealed, the ending, each private debrief) and at a soft-lock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from game.content.catalog import check
from game.content.paths import bundled_root
from game.store.progress import open_store
from game.tui import make_app
from game.tui.screens.table import TableScreen
from helpers import screen_text

CATALOG = check(
    [bundled_root() / "sources", bundled_root() / "scenarios" / "ministers-2019-table.yaml"]
)


def keys_cut_off(app: Any) -> list[str]:
    """The footer's keys whose label is not wholly on the screen's last line."""
    width = app.size.width
    line = screen_text(app).splitlines()[-1]
    footer = app.screen.query_one(Footer)
    labels = [key for key in footer.query(FooterKey) if key.display]
    assert labels, "a table's footer shows its keys"
    return [
        f"{key.key_display} {key.description}"
        for key in labels
        if key.region.right > width or f"{key.key_display} {key.description}" not in line
    ]


async def test_every_table_footer_fits_80_columns(tmp_path: Path) -> None:
    table = CATALOG.tables["ministers-2019-table"]
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.play_table(table, None, {"japan": "Ann", "russia": "Ben"})
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TableScreen)
        seen: set[str] = set()
        read_on = False
        for _ in range(60):
            await pilot.pause()
            if app.screen is not screen:
                break
            seen.add(screen.mode)
            line = screen_text(app).splitlines()[-1]
            read_on = read_on or "PgDn Read on" in line
            assert keys_cut_off(app) == [], (screen.mode, line)
            await pilot.press("enter")  # on, or play the move picked first
        assert {"curtain", "turn", "reveal", "ending", "debrief"} <= seen, seen
        assert read_on  # the widest footer, a side's turn with more to read, was seen
