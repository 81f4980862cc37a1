"""A "why" a 14-year-old follows (issue 30, part 3; the reader's report, items 7 and 8):
the latest choice that would have changed the ending beside the earliest, a greyed-out
choice only when it sat on the last step and really leads elsewhere, titles only of
scenes the student saw, and every flag said in one plain sentence."""

import re

import pytest
from hypothesis import assume, given
from test_why import ended_game, endings_from, golden, nearest_other, played

from game.analysis.alternatives import could_not_choose, search_changes, shortest_on
from game.analysis.explain import CHANGE_HEADING, WHY_HEADING, explain
from game.analysis.explore import explore
from game.content.catalog import check
from game.content.condition_words import as_done
from game.content.conditions import Flag, Not
from game.content.met_words import met_briefly
from game.content.paths import bundled_root
from game.engine import advance, apply_choice, start
from game.engine.record import record
from game.plain.play import PlainGame

CAME_TO = re.compile(r"^You came to “(?P<title>.+)” because:$")
LOCKED = re.compile(r"^You could not choose “(?P<choice>.+)” \(you needed .+\); it could have")
DOUBLE = re.compile(r"\bnot not\b|\bnot false\b|\bnot un|\bnot never\b|n't not\b", re.I)


def bundled_endings():  # type: ignore[no-untyped-def]
    catalog = check([bundled_root()])
    for scenario in catalog.scenarios.values():
        for report in explore(scenario).endings:
            if report.reachable:
                yield scenario, report.id, [(s.scene, s.number) for s in report.shortest]


BUNDLED = list(bundled_endings())


# --- The latest choice that would have changed it -------------------------------------


@given(ended_game(branching=True))
def test_the_latest_choice_that_would_have_changed_it_reaches_the_ending_named(case) -> None:  # type: ignore[no-untyped-def]
    scenario, path = case
    played_ = record(scenario, path)
    final = played_.final
    assume(final.ended)
    first, last, complete = search_changes(scenario, path)
    assert complete
    states = played_.states
    if first is None:
        assert last is None
        return
    assert last is not None and last.step >= first.step
    # No later choice could have changed it ...
    for step in range(last.step + 1, len(path)):
        assert nearest_other(scenario, states[step], path[step][1], final.scene) is None
    # ... this one, taken with its continuation, does, by the fewest choices there are.
    state = states[last.step]
    assert last.scene == path[last.step][0] and last.choice.number != path[last.step][1]
    for step in (last.choice, *last.continuation):
        assert state.scene == step.scene
        state = apply_choice(scenario, state, step.number)
    assert state.ended and state.scene == last.ending != final.scene
    shortest = nearest_other(scenario, states[last.step], path[last.step][1], final.scene)
    assert shortest == 1 + len(last.continuation)


@given(ended_game(branching=True))
def test_nearest_the_end_is_said_only_when_it_is_another_choice_than_the_earliest(case) -> None:  # type: ignore[no-untyped-def]
    scenario, path = case
    explained = explain(scenario, path)
    assume(explained.fits)
    nearest = [line for line in explained.change_lines() if line.startswith("Nearest the end")]
    short = [line for line in explained.change_lines(False) if line.startswith("Nearest")]
    if explained.latest is None:
        assert nearest == short == []
        return
    assert explained.change is not None and explained.latest.step > explained.change.step
    assert len(nearest) == len(short) == 1
    for line in (nearest[0], short[0]):
        assert f"choosing “{explained.latest.choice.text}”" in line
    assert f"leads to “{explained.latest.ending_title}”." in short[0]


# --- A greyed-out choice: only on the last step, and only where it really leads -------


@given(ended_game(branching=True))
def test_a_greyed_out_choice_is_one_of_the_last_step_and_leads_there_by_the_shortest_way(
    case,
) -> None:  # type: ignore[no-untyped-def]
    scenario, path = case
    played_ = record(scenario, path)
    assume(played_.final.ended)
    found = could_not_choose(scenario, played_, played_.final.scene)
    if found is None:
        return
    step, number, other = found
    assert step == len(path) - 1  # the step that led into the ending
    before = played_.states[step]
    choice = (scenario.scenes[before.scene].choices or ())[number - 1]
    after = advance(scenario, before, choice, number, record=False)
    continuation = shortest_on(scenario, after)
    assert continuation is not None
    steps, ending = continuation
    assert ending == other != played_.final.scene
    state = after
    for taken in steps:
        assert state.scene == taken.scene
        state = apply_choice(scenario, state, taken.number)
    assert state.ended and state.scene == other
    fewest = endings_from(scenario, after) if not after.ended else {after.scene: 0}
    assert len(steps) == min(fewest.values())  # no shorter continuation reaches any ending


# --- The why names what held, and only scenes the student saw ------------------------


@given(ended_game())
def test_the_why_says_only_flags_that_held_and_scenes_the_student_saw(case) -> None:  # type: ignore[no-untyped-def]
    scenario, path = case
    explained = explain(scenario, path)
    assume(explained.fits)
    states = record(scenario, path).states
    seen = {scenario.scenes[s.scene].title for s in states if not s.ended}
    lines = explained.why_lines()
    for line in lines:
        came = CAME_TO.match(line)
        if came is not None:
            assert came["title"] in seen, line
        assert not DOUBLE.search(line), line
    for flag, description in scenario.flags.items():
        for held, negated in ((True, False), (False, True)):
            part = Not(Flag(flag)) if negated else Flag(flag)
            said = met_briefly(part, {}, {}, scenario.flags)
            assert said is not None
            words = said[1][:1].upper() + said[1][1:]
            if any(line.strip().startswith(words) for line in lines):
                assert any((flag in s.flags) == held for s in states), (words, description)


def test_a_flag_is_said_in_one_plain_sentence_whatever_its_description() -> None:
    cases = {
        "you asked for a list": ("you had asked for a list", "you had not asked for a list"),
        "you had raised the 1956 declaration": (
            "you had raised the 1956 declaration",
            "you had not raised the 1956 declaration",
        ),
        "you did not ask for a list": ("you did not ask for a list", "you did ask for a list"),
        "you hadn't heard the readings": (
            "you hadn't heard the readings",
            "you had heard the readings",
        ),
        "Tokyo is angry": ("this was so: Tokyo is angry", "this was not so: Tokyo is angry"),
        "": ("this was so: “asked list”", "this was not so: “asked list”"),
    }
    for description, (held, negated) in cases.items():
        flags = {"asked-list": description} if description else {"asked-list": ""}
        assert met_briefly(Flag("asked-list"), {}, {}, flags) == ("asked-list", held)
        assert met_briefly(Not(Flag("asked-list")), {}, {}, flags) == ("asked-list", negated)
    assert as_done("you asked for a list") == "asked for a list"


# --- Every bundled ending -------------------------------------------------------------


def test_every_bundled_why_names_seen_scenes_and_the_last_step_s_greyed_out_choices() -> None:
    assert len(BUNDLED) >= 40
    nearest = 0
    for scenario, ending, path in BUNDLED:
        explained = explain(scenario, path)
        states = record(scenario, path).states
        seen = {scenario.scenes[s.scene].title for s in states if not s.ended}
        last_scene = scenario.scenes[path[-1][0]]
        for line in explained.why_lines():
            assert not DOUBLE.search(line), (ending, line)
            assert "The way to “" not in line or line.startswith("The way to “"), line
            came = CAME_TO.match(line)
            if came is not None:
                assert came["title"] in seen, (ending, line)
            locked = LOCKED.match(line)
            if locked is not None:
                texts = [" ".join(c.text.split()) for c in last_scene.choices or ()]
                assert locked["choice"] in texts, (ending, line)
        titles = {e.title for e in scenario.endings.values()}
        for line in explained.why_lines():
            if line.startswith("The way to “"):
                assert line.removeprefix("The way to “").split("” needed:")[0] in titles
        nearest += any(
            line.startswith("Nearest the end: at “") for line in explained.change_lines()
        )
    assert nearest >= len(BUNDLED) // 2  # most endings have a nearer choice than the first


def test_the_after_san_francisco_promise_ends_nearest_at_the_signing_table() -> None:
    scenario, _, path = next(case for case in BUNDLED if case[1] == "promise-withdrawn")
    explained = explain(scenario, path)
    assert explained.change is not None and explained.change.step == 0
    assert explained.latest is not None and explained.latest.step == len(path) - 1
    title = scenario.scenes[path[-1][0]].title
    assert explained.change_lines(False)[-1].startswith(f"Nearest the end: at “{title}”, choosing")


# --- Both screens ---------------------------------------------------------------------


def test_plain_mode_says_nearest_the_end_under_what_would_have_changed_it() -> None:
    scenario, catalog = golden()
    typed = iter(["1", "2", ""])
    said: list[str] = []
    PlainGame(scenario, catalog, lambda _: next(typed), said.append).play()  # type: ignore[arg-type]
    out = "\n".join(said)
    change = out.index(f"\n{CHANGE_HEADING}:")
    assert out.index(WHY_HEADING) < change < out.index("Nearest the end: at “What the declaration")
    flat = " ".join(out.split())
    assert "choosing “Ask for Russia's security concerns in writing” leads to “A framework" in flat


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_ending_screen_says_nearest_the_end(size: tuple[int, int]) -> None:
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    from game.tui import make_app
    from game.tui.screens.ending import EndingScreen
    from helpers import screen_text

    scenario, catalog = golden()
    app = make_app(catalog=catalog)
    async with app.run_test(size=size) as pilot:
        history = [start(scenario)]
        for _, number in played(scenario, [1, 2]):
            history.append(apply_choice(scenario, history[-1], number))
        await app.push_screen(EndingScreen(scenario, history))
        await pilot.pause()
        change = app.screen.query_one("#change", Static)
        app.screen.query_one("#ending", VerticalScroll).scroll_to_widget(change, animate=False)
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Nearest the end: at “What the declaration says”, choosing" in text
        assert "leads to “A framework agreement”." in text


# --- Help -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_help_says_what_a_meter_s_tick_marks_and_year_inferred_mean(
    size: tuple[int, int],
) -> None:
    from textual.containers import VerticalScroll
    from textual.widgets import Markdown

    from game.tui import make_app
    from game.tui.screens.help import HelpScreen
    from helpers import screen_text

    _, catalog = golden()
    app = make_app(catalog=catalog)
    async with app.run_test(size=size) as pilot:
        await app.push_screen(HelpScreen())
        await pilot.pause()
        box = app.screen.query_one("#help", VerticalScroll)
        found = set()
        for _ in range(60):  # page down through the help, reading what is on screen
            text = " ".join(screen_text(app).split())
            if "A tick mark (│) across a bar is a value that matters" in text:
                found.add("marks")
            if "(year inferred) there means the report does not print the year" in text:
                found.add("year")
            if box.scroll_y >= box.max_scroll_y:
                break
            await pilot.press("pagedown")
            await pilot.pause()
        assert found == {"marks", "year"}
        assert app.screen.query(Markdown)


def test_plain_mode_s_help_says_what_marks_and_year_inferred_mean() -> None:
    scenario, catalog = golden()
    typed = iter(["h", "1", "2", ""])
    said: list[str] = []
    PlainGame(scenario, catalog, lambda _: next(typed), said.append).play()  # type: ignore[arg-type]
    out = "\n".join(said)
    assert "(Type h for help.)" in out
    assert "A meter's mark is a value that matters" in out
    assert "“(year inferred)” in a citation: the report does not print the year" in out
    assert all(len(line) <= 80 for line in out[out.index("Help:") :].splitlines()[:10])
    assert "Ending: Talks stall" in out  # help took no turn
