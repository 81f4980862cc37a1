"""Why this ending, and what would have changed it: the engine's record, the exact search
(game/analysis/alternatives.py), their words, and plain mode."""

from collections import deque
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.analysis.alternatives import what_would_change
from game.analysis.explain import CHANGE_HEADING, GONE, WHY_HEADING, explain
from game.analysis.explore import explore
from game.content.catalog import check
from game.content.conditions import holds, parse_condition
from game.content.met_words import held_parts, met_in_words, negate
from game.content.models import Scenario
from game.content.paths import bundled_root
from game.engine import PlayState, advance, apply_choice, enabled_choices, start
from game.engine.record import record
from game.plain.play import PlainGame
from game.testing.strategies import branching_scenarios, playthroughs, scenarios

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden-scenario.yaml"


def golden() -> tuple[Scenario, object]:
    catalog = check([bundled_root() / "sources", GOLDEN])
    return catalog.scenarios["golden-scenario"], catalog


def played(scenario: Scenario, numbers: list[int]) -> list[tuple[str, int]]:
    state = start(scenario)
    for number in numbers:
        state = apply_choice(scenario, state, number)
    return list(state.path)


def ended_game(
    branching: bool = False,
) -> st.SearchStrategy[tuple[Scenario, list[tuple[str, int]]]]:
    def path_of(scenario: Scenario) -> st.SearchStrategy[tuple[Scenario, list[tuple[str, int]]]]:
        return playthroughs(scenario).map(lambda numbers: (scenario, played(scenario, numbers)))

    if branching:
        return branching_scenarios().flatmap(path_of)
    return st.one_of(scenarios(max_scenes=6), branching_scenarios()).flatmap(path_of)


# --- An oracle: plain breadth-first searches written straightforwardly here ---------------


def endings_from(scenario: Scenario, state: PlayState) -> dict[str, int]:
    """Each ending reachable from `state`, with the fewest choices that reach it."""
    seen = {(state.scene, state.meters, state.flags, state.ended)}
    queue = deque([(state, 0)])
    found: dict[str, int] = {}
    while queue:
        here, depth = queue.popleft()
        if here.ended:
            found.setdefault(here.scene, depth)
            continue
        for number, choice in enabled_choices(scenario, here):
            after = advance(scenario, here, choice, number, record=False)
            key = (after.scene, after.meters, after.flags, after.ended)
            if key not in seen:
                seen.add(key)
                queue.append((after, depth + 1))
    return found


def nearest_other(scenario: Scenario, before: PlayState, taken: int, reached: str) -> int | None:
    """Fewest choices, the first one included, from `before` to an ending other than
    `reached`, starting with any enabled choice but `taken`."""
    best = None
    for number, choice in enabled_choices(scenario, before):
        if number == taken:
            continue
        after = advance(scenario, before, choice, number, record=False)
        for ending_id, depth in endings_from(scenario, after).items():
            if ending_id != reached and (best is None or depth + 1 < best):
                best = depth + 1
    return best


# --- Properties ----------------------------------------------------------------------


@given(ended_game())
def test_the_why_names_only_conditions_that_held_on_the_path(case) -> None:  # type: ignore[no-untyped-def]
    scenario, path = case
    played_ = record(scenario, path)
    assert played_.fits
    states = played_.states
    for decision in played_.decisions:
        # The values it met are the path's own: after `moves` moves of it.
        assert (decision.meters, decision.flags) == (
            states[decision.moves].meters,
            states[decision.moves].flags,
        )
        values = dict(decision.meters)
        assert holds(decision.condition, values, decision.flags)
        for part in held_parts(decision.condition, values, decision.flags):
            assert holds(part, values, decision.flags)


@given(ended_game(branching=True))
def test_the_choice_that_would_have_changed_it_reaches_the_ending_named(case) -> None:  # type: ignore[no-untyped-def]
    scenario, path = case
    final = record(scenario, path).final
    assume(final.ended)
    alt = what_would_change(scenario, path)
    states = record(scenario, path).states
    if alt is None:
        for step, (_, number) in enumerate(path):
            assert nearest_other(scenario, states[step], number, final.scene) is None
        return
    # No earlier choice could have changed it ...
    for step in range(alt.step):
        assert nearest_other(scenario, states[step], path[step][1], final.scene) is None
    # ... this one, taken with its continuation, does, by the fewest choices there are.
    state = states[alt.step]
    assert alt.choice.number != path[alt.step][1]
    for step in (alt.choice, *alt.continuation):
        assert state.scene == step.scene
        state = apply_choice(scenario, state, step.number)
    assert state.ended and state.scene == alt.ending != final.scene
    shortest = nearest_other(scenario, states[alt.step], path[alt.step][1], final.scene)
    assert shortest == 1 + len(alt.continuation)


@given(ended_game())
def test_an_explanation_is_always_made(case) -> None:  # type: ignore[no-untyped-def]
    scenario, path = case
    explained = explain(scenario, path)
    assert explained.why_lines() and explained.change_lines()


def test_a_negation_holds_exactly_when_the_condition_does_not() -> None:
    texts = ["trust >= 70 and asked", "not (a or trust < 3)", "trust != support", "not asked"]
    for text in texts:
        condition = parse_condition(text)
        for trust in (2, 3, 69, 70):
            for flags in (frozenset(), frozenset({"asked", "a"})):
                values = {"trust": trust, "support": 3}
                assert holds(negate(condition), values, flags) != holds(condition, values, flags)


# --- Words -----------------------------------------------------------------------------


def test_the_values_met_are_said_in_words() -> None:
    condition = parse_condition("trust >= 70 and proposed-1956")
    words = met_in_words(
        condition,
        {"trust": 75},
        {"proposed-1956"},
        "the talks",
        {"trust": "Trust"},
        {"proposed-1956": "you proposed the 1956 declaration"},
    )
    assert words == [
        "trust was 75; the talks needed at least 70",
        "you had proposed the 1956 declaration; the talks needed that",
    ]
    assert met_in_words(condition, {"trust": 10}, {"proposed-1956"}, "x") == []


def test_the_golden_scenario_explains_its_endings() -> None:
    scenario, _ = golden()
    agreed = explain(scenario, [("opening", 1), ("two-islands", 1)])
    assert agreed.why_lines() == [
        "The way to “A framework agreement” needed:",
        "  Trust between the delegations was 70 (needed at least 70): "
        "+15 “Propose the 1956 Joint…”, +15 “Ask for Russia's security…”",
        "  This was so: “proposed 1956” — your choice “Propose the 1956 Joint…”",
    ]
    stalled = explain(scenario, [("opening", 1), ("two-islands", 2)])
    assert stalled.why_lines()[:2] == [
        "The way to “Talks stall” needed:",
        "  Trust between the delegations was 45 (needed less than 70): "
        "+15 “Propose the 1956 Joint…”, -10 “Say that the alliance with the…”",
    ]
    assert stalled.change_lines()[3] == "and the ending is “Positions restated”."
    assert stalled.change_lines()[-1] == (
        "Nearest the end: at “What the declaration says”, choosing “Ask for Russia's "
        "security concerns in writing” leads to “A framework agreement”."
    )
    held = explain(scenario, [("opening", 2), ("stalemate", 2)])
    assert held.change_lines()[1] == (
        "Choose instead: “Propose the 1956 Joint Declaration as the basis for talks”"
    )


def test_a_path_the_file_no_longer_has_is_explained_without_a_crash() -> None:
    scenario, _ = golden()
    for path in (
        [("gone", 1)],
        [("opening", 9)],
        [("opening", 1), ("two-islands", 1), ("verdict", 1)],
        [("opening", 1)],  # not an ending
        [["opening", "1"]],
    ):
        explained = explain(scenario, path)  # type: ignore[arg-type]
        assert explained.why_lines() == [GONE] == explained.change_lines()
        assert what_would_change(scenario, path) is None  # type: ignore[arg-type]


def test_every_ending_of_every_bundled_scenario_is_explained() -> None:
    catalog = check([bundled_root()])
    for scenario in catalog.scenarios.values():
        for report in explore(scenario).endings:
            path = [(step.scene, step.number) for step in report.shortest]
            explained = explain(scenario, path)
            assert explained.fits and explained.ending_title == report.title
            assert explained.why_lines() and explained.change_lines()


# --- Plain mode ------------------------------------------------------------------------


def test_plain_mode_shows_why_and_what_would_have_changed_it() -> None:
    scenario, catalog = golden()
    typed = iter(["1", "2", ""])  # "": no quotes at the ending
    said: list[str] = []
    PlainGame(scenario, catalog, lambda _: next(typed), said.append).play()  # type: ignore[arg-type]
    out = "\n".join(said)
    assert f"\n{WHY_HEADING}:" in out and f"\n{CHANGE_HEADING}:" in out
    assert out.index(WHY_HEADING) < out.index(CHANGE_HEADING) < out.index("Ending: Talks stall")
    assert "-10 “Say that the alliance with the…”" in out
    assert "Choose instead: “Insist that all four islands come first”" in out


# --- The ending screen ---------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_ending_screen_shows_why_and_what_would_have_changed_it(
    size: tuple[int, int],
) -> None:
    from game.tui import make_app
    from game.tui.screens.ending import EndingScreen
    from helpers import screen_text

    _, catalog = golden()
    app = make_app(catalog=catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter", "enter", "enter", "1", "2")  # Talks stall
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EndingScreen)
        why = screen.query_one("#why-title", Static)
        change = screen.query_one("#change-title", Static)
        for heading, body in ((why, "#why"), (change, "#change")):
            screen.query_one("#ending", VerticalScroll).scroll_to_widget(heading, animate=False)
            await pilot.pause()
            text = screen_text(app)
            assert str(heading.render()) in text
            assert str(heading.render()) in (WHY_HEADING, CHANGE_HEADING)
            first = str(screen.query_one(body, Static).render()).splitlines()[0]
            assert first[:30] in text
        text = str(screen.query_one("#change", Static).render())
        assert "Choose instead: “Insist that all four islands come first”" in text
        await pilot.press("ctrl+q")


def test_the_guide_shows_what_the_nagoya_scenario_really_says() -> None:
    import re

    import yaml

    guide = (Path(__file__).parent.parent / "AUTHORING.md").read_text(encoding="utf-8")
    step4 = guide[guide.index("#### Step 4: a route") :]
    block = re.search(r"```yaml\n(.*?)```", step4, re.S)
    assert block is not None
    scenario = Scenario.model_validate(yaml.safe_load(block.group(1)))
    section = guide[guide.index("### What the ending tells the student") :]
    shown = re.search(r"```\n(.*?)```", section, re.S)
    assert shown is not None
    explained = explain(scenario, [("opening", 3), ("security", 1)])
    expected = [WHY_HEADING, *explained.why_lines(), "", CHANGE_HEADING]
    expected += explained.change_lines()
    assert shown.group(1).splitlines() == expected


def test_a_search_cut_short_says_so_rather_than_that_nothing_would_change_it() -> None:
    scenario, _ = golden()
    path = [("opening", 1), ("two-islands", 1)]
    explained = explain(scenario, path, max_states=1)
    assert explained.change is None and not explained.searched_all
    assert "too many situations" in explained.change_lines()[0]
    assert explain(scenario, path).searched_all
