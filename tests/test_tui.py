"""The terminal app, driven with Pilot as a student would: keys, mouse and resizing."""

from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import OptionList, Static

from game.content.catalog import Catalog, check
from game.content.paths import bundled_root
from game.tui import make_app
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.ending import EndingScreen
from game.tui.screens.home import HomeScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.scenarios import ScenarioListScreen
from game.tui.screens.too_small import TooSmallScreen
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.scene_panel import QUOTES_KEY, ScenePanel
from helpers import SCENARIO, screen_cells, screen_text, write

# The fixed starter scenario beside the bundled facts: new bundled scenarios do not move it.
BUNDLED: Catalog = check(
    [bundled_root() / "sources", Path(__file__).parent / "data" / "golden-scenario.yaml"]
)


async def test_play_from_home_to_an_ending_with_keys_only() -> None:
    app = make_app(catalog=BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert "Treaty Talks" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, ScenarioListScreen)
        # The title gives its year, so the year is not shown twice.
        assert "Singapore, November 2018" in screen_text(app)
        assert "2018  Singapore" not in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, BriefingScreen)
        assert "Background, from the sources" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, PlayScreen)
        text = screen_text(app)
        assert "1. [basis] Propose the 1956 Joint Declaration" in text
        assert "Trust between the delegations" in text and " 40" in text
        await pilot.press("down", "up", "enter")  # arrows and Enter take choice 1
        await pilot.pause()
        text = screen_text(app)
        assert "You chose: Propose the 1956 Joint Declaration" in text
        assert "55 (+15)" in text and "55 (-5)" in text
        await pilot.press("1")  # a number key takes choice 1
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        text = screen_text(app)
        assert "COUNTERFACTUAL · this did not happen" in text
        assert "What actually happened" in text
        count = str(app.screen.query_one("#endings-count", Static).render())
        assert count.startswith("This scenario has 3 endings; you have found 1 of them.")
        await pilot.press("escape")
        assert isinstance(app.screen, ScenarioListScreen)
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_play_to_an_ending_with_the_mouse() -> None:
    app = make_app(catalog=BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click("#home-menu", offset=(4, 1))  # "Scenarios"
        await pilot.pause()
        await pilot.click("#scenario-list", offset=(4, 1))
        await pilot.pause()
        await pilot.click("#begin")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.click("#choices", offset=(6, 3))  # choice 2: insist on all four
        await pilot.pause()
        assert "Positions restated" in screen_text(app)
        await pilot.click("#choices", offset=(6, 2))  # choice 2: hold your ground
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert "COUNTERFACTUAL" in screen_text(app)
        path = str(app.screen.query_one("#path", Static).render())
        assert path.splitlines() == [
            "1. [transfer] Insist that all four islands come first",
            "2. [transfer] Hold your ground and end the round",
        ]


async def test_a_disabled_choice_shows_what_it_needs_and_cannot_be_taken(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        "      - text: Walk out\n", "      - text: Walk out\n        if: trust >= 90\n"
    )
    catalog = check([write(tmp_path, "scenarios/s.yaml", text)])
    app = make_app(catalog=catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_briefing(catalog.scenarios["test-scenario"])
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, PlayScreen)
        assert "Not available — you need: trust of at least 90" in screen_text(app)
        before = app.screen.state
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.state == before
        assert any("not available" in n.message for n in app._notifications)


async def test_a_refused_choice_keeps_the_capitals_of_what_it_needs(tmp_path: Path) -> None:
    """The warning is a sentence with its names as written ("Japan's claim"), never
    lower-cased as a whole."""
    text = SCENARIO.replace(
        "flags: [proposed-1956]", "flags:\n  proposed-1956: you promised Tokyo a reply"
    ).replace("      - text: Walk out\n", "      - text: Walk out\n        if: proposed-1956\n")
    catalog = check([write(tmp_path, "scenarios/test-scenario.yaml", text)])
    app = make_app(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_briefing(catalog.scenarios["test-scenario"])
        await pilot.pause()
        await pilot.press("enter")
        assert "Not available — you need:" in screen_text(app)
        await pilot.press("2")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "Choice 2 is not available — you need: to have promised Tokyo a reply" in messages


async def test_the_map_lights_the_islands_a_scene_speaks_of() -> None:
    app = make_app(catalog=BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_briefing(BUNDLED.scenarios["golden-scenario"])
        await pilot.pause()
        await pilot.press("enter")
        the_map = app.screen.query_one(ScenePanel)
        assert the_map.highlight == {"Iturup", "Kunashir", "Shikotan", "Habomai"}
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.query_one(ScenePanel).highlight == {
            "Iturup",
            "Kunashir",
            "Shikotan",
            "Habomai",
        }
        assert "SHIKOTAN◂" in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)])
async def test_resizing_never_breaks_and_small_windows_say_what_to_do(
    size: tuple[int, int],
) -> None:
    app = make_app(catalog=BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_briefing(BUNDLED.scenarios["golden-scenario"])
        await pilot.pause()
        await pilot.press("enter")
        await pilot.resize_terminal(*size)
        await pilot.pause()
        small = size[0] < 80 or size[1] < 24
        assert isinstance(app.screen, TooSmallScreen) == small
        if small:
            notice = str(app.screen.query_one("#too-small", Static).render())
            assert "Make it at least 80 columns wide and 24 lines high" in notice
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_the_command_palette_offers_every_scenario() -> None:
    app = make_app(catalog=BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Play: Singapore, November 2018" in titles and "Theme" in titles
        [play] = [c for c in app.get_system_commands(app.screen) if c.title.startswith("Play:")]
        play.callback()
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)


async def test_content_loads_after_the_first_paint() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.catalog is not None
        assert "After San Francisco" in screen_text(app)


async def test_keys_typed_quickly_past_the_ending_do_no_harm() -> None:
    app = make_app(catalog=BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_briefing(BUNDLED.scenarios["golden-scenario"])
        await pilot.pause()
        await pilot.press("enter", "2", "1", "1", "1", "2")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert app.screen.ending.title == "Talks stall"


async def test_quit_half_way_then_continue_from_home_and_finish(tmp_path: Path) -> None:
    from game.store.progress import open_store

    first = make_app(catalog=BUNDLED, store=open_store(tmp_path))
    async with first.run_test(size=(100, 30)) as pilot:
        first.open_briefing(BUNDLED.scenarios["golden-scenario"])
        await pilot.pause()
        await pilot.press("enter", "1")  # begin, then the first choice
        await pilot.pause()
        await first.workers.wait_for_complete()
        await pilot.press("ctrl+q")
    second = make_app(catalog=BUNDLED, store=open_store(tmp_path))
    async with second.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        menu = second.screen.query_one("#home-menu", OptionList)
        first_option = str(menu.get_option_at_index(0).prompt)
        assert first_option == "Continue   ·  Singapore, November 2018 (1 choice made)"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(second.screen, PlayScreen)
        assert second.screen.state.scene == "two-islands"
        assert second.screen.state.meter_values == {"trust": 55, "support": 55}
        await pilot.press("1")
        await pilot.pause()
        await second.workers.wait_for_complete()
        assert isinstance(second.screen, EndingScreen)
        count = str(second.screen.query_one("#endings-count", Static).render())
        assert "you have found 1 of them" in count
    store = open_store(tmp_path)
    assert store.endings_reached(store.profile(), "golden-scenario") == {"framework-agreed"}
    assert store.latest(store.profile(), "scenario") is None


async def test_a_new_theme_redraws_the_panels_drawn_once() -> None:
    from game.tui.widgets.story import Story

    app = make_app(catalog=BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(PlayScreen(BUNDLED.scenarios["golden-scenario"]))
        await pilot.pause()
        for widget in (app.screen.query_one(ScenePanel), app.screen.query_one(Story)):
            before = next(iter(widget.lines(widget.content_region.width)[0])).style
            app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
            await pilot.pause()
            after = next(iter(widget.lines(widget.content_region.width)[0])).style
            assert before is not None and after is not None
            assert before.bgcolor != after.bgcolor


async def test_a_scenario_opened_in_a_small_window_stays_under_the_notice() -> None:
    # `treaty play ID` in a 70×20 window: the briefing opens once the content has loaded,
    # under the notice; making the window bigger shows it.
    app = make_app(catalog=BUNDLED, start_scenario="golden-scenario")
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert any(isinstance(s, BriefingScreen) for s in app.screen_stack)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)


async def test_a_long_scene_scrolls_and_the_next_one_starts_at_its_top(tmp_path: Path) -> None:
    from game.tui.widgets.story import Story

    golden = (Path(__file__).parent / "data" / "golden-scenario.yaml").read_text("utf-8")
    waits = "The Russian side waits for your opening proposal."
    long_scene = waits + " The delegations talk at length." * 40 + " Here the opening scene ends."
    path = write(tmp_path, "long.yaml", golden.replace(waits, long_scene))
    catalog = check([bundled_root() / "sources", path])
    app = make_app(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PlayScreen(catalog.scenarios["golden-scenario"]))
        await pilot.pause()
        story = app.screen.query_one(Story)
        the_end = "Here the opening scene ends."
        assert the_end not in shown_in(app, story)
        # The border says there is more, in words; a click on them turns the page.
        bottom_border = screen_text(app).splitlines()[story.region.bottom - 1]
        assert "▼ more below" in bottom_border
        assert "▲ more above" not in screen_text(app)
        await pilot.click(Story, offset=(story.region.width - 5, story.region.height - 1))
        await pilot.pause()
        assert story.scroll_y > 0
        assert "▲ more above" in screen_text(app).splitlines()[story.region.y]
        # Keys scroll it once it has the focus.
        await pilot.click(Story)
        await pilot.press("end")
        await pilot.pause()
        assert the_end in shown_in(app, story)
        assert "▼ more below" not in screen_text(app).splitlines()[story.region.bottom - 1]
        # The side panel scrolls too, from its meters down to the end of the scene's sources.
        assert "Meters" in screen_text(app)
        await pilot.click(ScenePanel)
        await pilot.press("end")
        await pilot.pause()
        assert "Meters" not in screen_text(app)
        assert QUOTES_KEY in screen_text(app)  # the line under the scene's sources
        # A choice (Enter takes the highlighted one, even with the panel focused): the
        # next scene is shown from its first line, and its meters first.
        assert app.focused is app.screen.query_one(ScenePanel)
        await pilot.press("enter")
        await pilot.pause()
        assert story.scroll_y == 0
        assert "Meters" in screen_text(app)
        assert "You chose: Propose the 1956 Joint Declaration" in shown_in(app, story)


def shown_in(app: object, widget: Widget) -> str:
    """The words the widget shows on the screen, as one line."""
    lines = screen_text(app).splitlines()
    region = widget.content_region
    rows = lines[region.y : region.bottom]
    return " ".join(" ".join(row[region.x : region.right] for row in rows).split())


async def test_scenes_drawn_ahead_look_as_if_drawn_when_shown() -> None:
    # The play screen draws the scenes the choices lead to while the student reads; what a
    # choice then shows must be exactly what drawing it afresh shows: the same words in the
    # same styles (a part drawn ahead in a stale style would show the right words wrongly).
    class Afresh(PlayScreen):
        DRAW_AHEAD = False

    async def screens(screen_type: type[PlayScreen], choices: list[str]) -> list[object]:
        app = make_app(catalog=BUNDLED)
        seen = []
        async with app.run_test(size=(100, 30)) as pilot:
            app.push_screen(screen_type(BUNDLED.scenarios["golden-scenario"]))
            await pilot.pause()
            for key in choices:
                await pilot.press(key)
                await pilot.pause()
                if not isinstance(app.screen, PlayScreen):
                    break
                seen.append((screen_text(app), screen_cells(app)))
        return seen

    for path in (["1", "1"], ["1", "2"], ["2"]):
        ahead = await screens(PlayScreen, path)
        assert ahead, f"path {path} should show at least one scene after a choice"
        assert ahead == await screens(Afresh, path)


async def test_a_long_list_of_choices_says_there_are_more(tmp_path: Path) -> None:
    more = "".join(
        f"      - text: Another way to walk out of the talks and the room, number {n}\n"
        "        goto: talks-stall\n"
        for n in range(3, 10)
    ).replace("number 9\n", "number 9\n        if: proposed-1956\n")
    text = SCENARIO.replace(
        "      - text: Walk out\n        goto: talks-stall\n",
        "      - text: Walk out\n        goto: talks-stall\n" + more,
    )
    path = write(tmp_path, "many.yaml", text)
    catalog = check([bundled_root() / "sources", path])
    app = make_app(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PlayScreen(catalog.scenarios["test-scenario"]))
        await pilot.pause()
        choices = app.screen.query_one(ChoiceList)
        lines = screen_text(app).splitlines()
        assert "▼ more choices" in lines[choices.region.bottom - 1]
        assert "▲ more choices" not in lines[choices.region.y]
        # ↓ to the last choice that can be taken (8) also shows the one after it (9, not
        # available until a flag is set), which ↓ skips.
        for _ in range(7):
            await pilot.press("down")
        await pilot.pause()
        assert choices.highlighted == 7
        lines = screen_text(app).splitlines()
        assert "number 9" in screen_text(app)
        assert "Not available — you need:" in screen_text(app)
        assert "▲ more choices" in lines[choices.region.y]
        assert "▼ more choices" not in lines[choices.region.bottom - 1]


async def test_a_briefing_opens_at_its_top() -> None:
    catalog = check([bundled_root()])
    app = make_app(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_briefing(catalog.scenarios["after-san-francisco"])
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert "You lead Japan's delegation" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_the_second_click_of_a_double_click_makes_no_choice() -> None:
    # In a terminal a double click arrives as a click, then a click with chain 2 at the
    # same place: by then the next scene's choices are there, unread.
    from rich.style import Style
    from textual import events

    app = make_app(catalog=BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(PlayScreen(BUNDLED.scenarios["golden-scenario"]))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        choices = screen.query_one(ChoiceList)
        on_option_1 = Style(meta={"option": 0})

        def click(chain: int) -> events.Click:
            args = (choices, 4, 1, 0, 0, 1, False, False, False)
            return events.Click(*args, style=on_option_1, chain=chain)

        choices.post_message(click(2))
        await pilot.pause()
        assert len(screen.history) == 1
        choices.post_message(click(1))
        await pilot.pause()
        assert len(screen.history) == 2
