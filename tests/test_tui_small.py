"""At 80×24, the smallest window the game supports: a student playing by keyboard alone can
always see and reach every choice they can take, and read the whole scene."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Footer, Static

from game.content.catalog import Catalog, check
from game.content.paths import bundled_root
from game.tui import make_app
from game.tui.screens.ending import EndingScreen
from game.tui.screens.play import PlayScreen
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.story import Story
from helpers import screen_text, write

BUNDLED: Catalog = check([bundled_root()])
SIZE = (80, 24)


def _highlight_in_view(choices: ChoiceList) -> bool:
    """Whether the highlighted choice's lines are all inside the list's visible lines."""
    highlighted = choices.highlighted
    if highlighted is None:
        return False
    choices._update_lines()
    top = choices._index_to_line[highlighted]
    bottom = top + choices._heights[highlighted]
    first = round(choices.scroll_y)
    return first <= top and bottom <= first + choices.scrollable_content_region.height


def _first_enabled(choices: ChoiceList) -> int | None:
    return next((i for i, o in enumerate(choices.options) if not o.disabled), None)


async def _play(scenario_id: str, typed: list[str]) -> list[str]:
    """Play `typed` choices (by number keys) at 80×24; at every scene check that the
    highlighted choice is the first that can be taken, that it is in view, and that ↑ ↓
    Home PageUp keep it in view. The scenes seen, by title."""
    app = make_app(catalog=BUNDLED, start_scenario=scenario_id)
    seen: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the briefing's "Begin"
        assert isinstance(app.screen, PlayScreen)
        for key in [*typed, None]:
            await pilot.pause()
            if not isinstance(app.screen, PlayScreen):
                break
            choices = app.screen.query_one(ChoiceList)
            seen.append(app.screen.state.scene)
            assert choices.highlighted == _first_enabled(choices), seen
            assert _highlight_in_view(choices), f"out of sight in {seen[-1]}"
            for move in ("down", "up", "home", "pageup", "end", "down"):
                await pilot.press(move)
                assert (
                    choices.highlighted is not None
                    and not choices.options[choices.highlighted].disabled
                ), (seen[-1], move)
                assert _highlight_in_view(choices), f"{move} hid the choice in {seen[-1]}"
            await pilot.press("home")
            if key is not None:
                await pilot.press(key)
    return seen


@pytest.mark.parametrize(
    ("scenario_id", "typed"),
    [
        # The two paths the student trial found, where the only choice to take was hidden.
        ("memorandum-1960", ["1", "2", "1", "1", "2", "1"]),
        ("amendment-2020", ["1", "1", "1", "1", "1", "1"]),
    ],
)
async def test_the_choice_to_take_is_always_in_view(scenario_id: str, typed: list[str]) -> None:
    seen = await _play(scenario_id, typed)
    assert len(seen) == len(typed) + 1 or len(seen) >= 2


@pytest.mark.parametrize("scenario_id", sorted(BUNDLED.scenarios))
async def test_every_bundled_scenario_by_enter_alone_keeps_the_choice_in_view(
    scenario_id: str,
) -> None:
    """Enter on the highlighted choice (the first that can be taken), scene after scene,
    to an ending."""
    app = make_app(catalog=BUNDLED, start_scenario=scenario_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(40):
            await pilot.pause()
            if not isinstance(app.screen, PlayScreen):
                break
            choices = app.screen.query_one(ChoiceList)
            assert _highlight_in_view(choices), app.screen.state.scene
            await pilot.press("enter")
        assert isinstance(app.screen, EndingScreen)


async def test_page_down_and_space_read_the_story_while_the_choices_keep_the_focus() -> None:
    app = make_app(catalog=BUNDLED, start_scenario="singapore-2018")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        story = app.screen.query_one(Story)
        choices = app.screen.query_one(ChoiceList)
        assert app.focused is choices
        assert story.max_scroll_y > 0, "the first scene should be longer than its box"
        highlighted = choices.highlighted
        await pilot.press("pagedown")
        assert story.scroll_y > 0 and app.focused is choices
        assert choices.highlighted == highlighted
        await pilot.press("pageup")
        assert story.scroll_y == 0
        await pilot.press("space")
        assert story.scroll_y > 0 and app.focused is choices
        footer = app.screen.query_one(Footer)
        assert footer.region.width == 80
        text = screen_text(app).splitlines()[-1]
        assert "PgDn Read on" in text and "PgUp Read back" in text


async def test_an_ending_after_the_file_changed_shows_the_path_as_recorded(
    tmp_path: Path,
) -> None:
    """Live preview: the student passed scene `opening`, the teacher renamed it, the game
    went on (carried over) to an ending. The path names a scene the file no longer has."""
    from game.engine import apply_choice, carry_over, start

    golden = (Path(__file__).parent / "data" / "golden-scenario.yaml").read_text("utf-8")
    before = check([bundled_root() / "sources", write(tmp_path / "a", "golden.yaml", golden)])
    old = next(iter(before.scenarios.values()))
    state = apply_choice(old, start(old), 1)  # opening -> two-islands
    renamed = golden.replace("start: opening", "start: first-talks").replace(
        "  opening:", "  first-talks:"
    )
    after = check([bundled_root() / "sources", write(tmp_path / "b", "golden.yaml", renamed)])
    new = next(iter(after.scenarios.values()))
    carried = carry_over(new, state)
    assert carried is not None
    kept, _ = carried
    final = apply_choice(new, kept, 1)
    assert final.ended
    app = make_app(catalog=after)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(EndingScreen(new, [kept, final]))
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        path = str(app.screen.query_one("#path", Static).render())
        assert path.splitlines()[0] == "1. choice 1 in scene `opening` (no longer in the file)"
        assert path.splitlines()[1].startswith("2. ")


async def test_a_hidden_choice_takes_no_number_in_the_app(tmp_path: Path) -> None:
    from helpers import SCENARIO

    text = SCENARIO.replace(
        "      - text: Walk out\n",
        "      - text: Ask for more\n        if: trust >= 90\n        hidden: true\n"
        "        goto: talks-stall\n      - text: Walk out\n",
    )
    catalog = check([bundled_root() / "sources", write(tmp_path, "test-scenario.yaml", text)])
    app = make_app(catalog=catalog, start_scenario="test-scenario")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        screen = screen_text(app)
        assert "2. Walk out" in screen and "3. " not in screen
        await pilot.press("3")  # no third choice is shown: nothing happens, nothing revealed
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.screen.state.path == ()
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert app.screen.history[-1].path == (("opening", 3),)


def test_emphasis_in_short_texts_is_shown_as_formatting() -> None:
    from game.tui.widgets.emphasis import emphasised

    text = emphasised("Accept *after*, but **in writing**")
    assert text.plain == "Accept after, but in writing"
    styles = {text.plain[span.start : span.end]: str(span.style) for span in text.spans}
    assert styles == {"after": "italic", "in writing": "bold"}


def test_no_choice_of_a_bundled_scenario_shows_raw_asterisks() -> None:
    from game.engine import AvailableChoice
    from game.tui.widgets.choice_list import choice_prompt

    starred = 0
    for scenario in BUNDLED.scenarios.values():
        for scene in scenario.scenes.values():
            for number, choice in enumerate(scene.choices or (), start=1):
                starred += "*" in choice.text
                shown = choice_prompt(AvailableChoice(number, choice, True, shown=number))
                assert "*" not in shown.plain, choice.text
    assert starred >= 2  # after-san-francisco writes *after* in two choices
