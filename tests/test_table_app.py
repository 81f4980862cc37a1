"""The app's hot-seat for a table (issue 34), with Pilot at 80×24 and larger: the other
side's private panel is hidden until the player presses Enter; both moves are shown; the
ending shows both paths and each side's debrief; every move is saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.catalog import check
from game.engine.table import TableState
from game.tui.table_app import make_table_app

TOWNS = check([Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml"]).tables["two-towns"]
PLAYERS = {"riverton": "Ann", "millbrook": "Ben"}


def _screen_text(app: object) -> str:
    from textual.widgets import Static

    screen = app.screen  # type: ignore[attr-defined]
    return "\n".join(str(s.render()) for s in screen.query(Static))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_each_side_sees_only_its_own_private_panel(size: tuple[int, int]) -> None:
    saved: list[TableState] = []
    app = make_table_app(TOWNS, PLAYERS, on_step=saved.append)
    async with app.run_test(size=size) as pilot:
        text = _screen_text(app)
        assert "Pass the keyboard to Riverton's council (Ann)" in text
        assert "The bridge needs repairs" not in text  # hidden until Enter
        await pilot.press("enter")
        text = _screen_text(app)
        assert "The bridge needs repairs" in text and "Money for repairs: 30" in text
        assert "Traders' patience" not in text
        await pilot.press("down", "enter")  # Ask for a small toll
        text = _screen_text(app)
        assert "Pass the keyboard to Millbrook's council (Ben)" in text
        assert "The bridge needs repairs" not in text and "Money for repairs" not in text
        assert "small toll" not in text  # Riverton's move stays sealed
        await pilot.press("enter")
        text = _screen_text(app)
        assert "Your traders cross the bridge" in text and "Money for repairs" not in text
        await pilot.press("enter")  # Offer to share
        text = _screen_text(app)
        assert "Riverton's council: “Ask for a small toll”" in text
        assert "Millbrook's council: “Offer to share the cost of repairs”" in text
        await pilot.press("enter")
        text = _screen_text(app)
        assert "The end: A joint plan" in text and "Both paths" in text
        assert "What really happened" in text
        assert "only" not in text and "Your traders pay a little" not in text
        await pilot.press("enter")  # each side's debrief only after its own curtain
        text = _screen_text(app)
        assert "Pass the keyboard to Riverton's council (Ann)" in text
        assert "The repairs are paid for" not in text and "Your traders pay" not in text
        await pilot.press("enter")
        text = _screen_text(app)
        assert "For Riverton's council only" in text and "The repairs are paid for" in text
        assert "Why this ending" in text
        assert "Your traders pay" not in text and "Traders' patience" not in text
        await pilot.press("enter")
        text = _screen_text(app)
        assert "Pass the keyboard to Millbrook's council (Ben)" in text
        assert "The repairs are paid for" not in text
        await pilot.press("enter")
        text = _screen_text(app)
        assert "For Millbrook's council only" in text
        assert "Your traders pay a little, and the bridge stands." in text
        assert "The repairs are paid for" not in text and "Money for repairs" not in text
        await pilot.press("enter")
        assert "Both delegations have read their private debriefs" in _screen_text(app)
    assert len(saved) == 2 and saved[-1].ended


async def test_a_name_with_brackets_is_shown_as_written() -> None:
    app = make_table_app(TOWNS, {"riverton": "[b]Ann[/b]", "millbrook": "Ben"})
    async with app.run_test(size=(80, 24)):
        assert "Pass the keyboard to Riverton's council ([b]Ann[/b])" in _screen_text(app)
