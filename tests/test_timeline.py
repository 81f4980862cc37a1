"""The timeline in the app: each year in date order, the date a document gives beside its
fact, at 80×24 and larger (issue 31)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import OptionList, Static

from game.content.catalog import check
from game.content.paths import bundled_root
from game.tui import make_app
from game.tui.screens.timeline import TimelineScreen
from helpers import screen_text

CATALOG = check([bundled_root()])


def _entries(app: Any) -> list[str]:
    listing = app.screen.query_one("#timeline-list", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def _index(entries: list[str], start: str) -> int:
    [found] = [i for i, entry in enumerate(entries) if entry.startswith(start)]
    return found


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_year_reads_in_date_order(size: tuple[int, int]) -> None:
    app = make_app(catalog=CATALOG, seed=1)
    async with app.run_test(size=size) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        entries = _entries(app)
        assert entries[0].startswith("1855  A bilateral Treaty on Trade and Borders")
        treaty = _index(entries, "1960  After Japan and the United States signed")
        memorandum = _index(entries, "1960 27 Jan  A Soviet government memorandum")
        assert treaty < memorandum
        declaration = _index(entries, "1956  In the 1956 Joint Declaration the Soviet Union")
        ratified = _index(entries, "1956 8 Dec  TASS reports that both countries' parliaments")
        assert declaration < ratified
        munich = _index(entries, "2019* 16 Feb  Lavrov and Taro Kono met")
        nagoya = _index(entries, "2019*  Lavrov and Motegi met on the sidelines of the G20")
        assert munich < nagoya
        # The list is on screen, first entry at the top, whatever the size.
        assert "1855  A bilateral Treaty" in screen_text(app)


async def test_a_dated_fact_opens_with_its_date_in_words() -> None:
    app = make_app(catalog=CATALOG, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        listing = app.screen.query_one("#timeline-list", OptionList)
        listing.highlighted = _index(_entries(app), "1956 8 Dec")
        await pilot.pause()
        heading = str(app.screen.query_one("#timeline-heading", Static).render())
        assert heading == "8 December 1956"
        listing.highlighted = _index(_entries(app), "2019* 16 Feb  Lavrov and Taro Kono met")
        await pilot.pause()
        heading = str(app.screen.query_one("#timeline-heading", Static).render())
        assert heading == "16 February 2019 (year inferred from the report's date)"
