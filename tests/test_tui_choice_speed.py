"""What the play screen works out ahead, while the student reads, so that a choice is
quick (benchmarks/tui_bench.py), must still be what the choice shows: the words of the
scene it leads to, as that scene reads after it (a paragraph shown only in some states
may bring a word of its own), in the side panel and behind W, at 80x24 as well as
larger."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.catalog import check
from game.tui import make_app
from game.tui.screens.glossary import GlossaryScreen
from game.tui.screens.play import PlayScreen
from game.tui.widgets.scene_panel import ScenePanel
from helpers import screen_text, write

SCENARIO = """\
id: words-ahead
title: Words drawn ahead
summary: A scenario for the tests.
role: japan
year: 2018
meters:
  trust:
    label: Trust
    start: 40
start: opening
scenes:
  opening:
    text: The talks begin.
    choices:
      - text: Offer a gift
        effects: {trust: +30}
        goto: answer
      - text: Say nothing
        goto: answer
  answer:
    text:
      - The other side answers.
      - if: trust >= 70
        text: They hand over a memorandum.
    choices:
      - text: Go on
        goto: done
endings:
  done:
    title: Done
    kind: counterfactual
    text: The end.
    history: This did not happen.
"""

GLOSSARY = "memorandum: A written note from one government to another.\n"


class Afresh(PlayScreen):
    DRAW_AHEAD = False


@pytest.mark.parametrize("screen_type", [PlayScreen, Afresh])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize(("key", "words"), [("1", ["memorandum"]), ("2", [])])
async def test_after_a_choice_the_panel_lists_the_words_of_the_scene_as_it_reads(
    tmp_path: Path,
    screen_type: type[PlayScreen],
    size: tuple[int, int],
    key: str,
    words: list[str],
) -> None:
    write(tmp_path, "scenarios/words-ahead.yaml", SCENARIO)
    write(tmp_path, "sources/glossary.yaml", GLOSSARY)
    catalog = check([tmp_path])
    assert catalog.problems == []
    app = make_app(catalog=catalog)
    async with app.run_test(size=size) as pilot:
        app.push_screen(screen_type(catalog.scenarios["words-ahead"]))
        await pilot.pause()
        panel = app.screen.query_one(ScenePanel)
        assert panel.words == ()  # the opening uses no word of the glossary
        await pilot.press(key)
        await pilot.pause()
        assert [term.term for term in panel.words] == words
        drawn = [line.text.rstrip() for line in panel.lines(panel.scrollable_content_region.width)]
        assert ("Words" in drawn) == bool(words)
        panel.focus()
        await pilot.press("end")
        await pilot.pause()
        assert ("memorandum" in screen_text(app)) == bool(words)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        shown = screen_text(app)
        assert ("Words in this scene" in shown) == bool(words)
