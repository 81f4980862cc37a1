"""The engine: invariants on random scenarios and playthroughs, and the starter scenario."""

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from game.content.catalog import check
from game.content.models import Scenario
from game.engine import (
    ChoiceRefused,
    PlayState,
    apply_choice,
    available_choices,
    enabled_choices,
    ending,
    needs,
    route,
    start,
)
from game.testing.strategies import playthroughs, scenario_data, scenarios
from helpers import SCENARIO, write

cases = scenarios().flatmap(lambda s: st.tuples(st.just(s), playthroughs(s)))


def replay(scenario: Scenario, numbers: list[int]) -> list[PlayState]:
    states = [start(scenario)]
    for number in numbers:
        states.append(apply_choice(scenario, states[-1], number))
    return states


def settled(scenario: Scenario, state: PlayState) -> bool:
    """At an ending, or at a scene where the student has choices (routes all followed)."""
    return state.ended or scenario.scenes[state.scene].choices is not None


@given(scenario_data())
def test_generated_scenarios_pass_the_loader(tmp_path_factory, data) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("gen") / "s.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    catalog = check([path])
    assert catalog.errors == []
    assert list(catalog.scenarios) == ["random-scenario"]


@given(cases)
def test_meters_stay_within_their_range(case: tuple[Scenario, list[int]]) -> None:
    scenario, numbers = case
    for state in replay(scenario, numbers):
        for name, value in state.meters:
            meter = scenario.meters[name]
            assert meter.min <= value <= meter.max


@given(cases)
def test_every_route_resolves_to_a_choice_or_an_ending(case: tuple[Scenario, list[int]]) -> None:
    scenario, numbers = case
    for state in replay(scenario, numbers):
        assert settled(scenario, state)


@given(cases)
def test_the_same_choices_always_give_the_same_state(case: tuple[Scenario, list[int]]) -> None:
    scenario, numbers = case
    assert replay(scenario, numbers) == replay(scenario, numbers)


@given(cases)
def test_each_step_records_the_choice_and_applies_flags(case: tuple[Scenario, list[int]]) -> None:
    scenario, numbers = case
    states = replay(scenario, numbers)
    for before, after, number in zip(states[:-1], states[1:], numbers, strict=True):
        assert after.path == (*before.path, (before.scene, number))
        choice = (scenario.scenes[before.scene].choices or ())[number - 1]
        expected = (before.flags | set(choice.flags_set)) - set(choice.flags_cleared)
        assert after.flags == expected


@given(cases, st.data())
def test_only_enabled_choices_apply(case: tuple[Scenario, list[int]], data: st.DataObject) -> None:
    scenario, numbers = case
    state = replay(scenario, numbers)[-1]
    if state.ended:
        with pytest.raises(ChoiceRefused):
            apply_choice(scenario, state, 1)
        return
    shown = {c.number: c for c in available_choices(scenario, state)}
    count = len(scenario.scenes[state.scene].choices or ())
    number = data.draw(st.integers(-1, count + 2))
    if number in shown and shown[number].enabled:
        apply_choice(scenario, state, number)
    else:
        with pytest.raises(ChoiceRefused):
            apply_choice(scenario, state, number)


@given(cases)
def test_the_choice_list_and_the_exploration_ask_the_same_rule(
    case: tuple[Scenario, list[int]],
) -> None:
    """`available_choices` (what the student sees) and `enabled_choices` (what the
    exploration follows) agree at every step: one rule of enabling."""
    scenario, numbers = case
    for state in replay(scenario, numbers):
        shown = available_choices(scenario, state)
        assert [(c.number, c.choice) for c in shown if c.enabled] == enabled_choices(
            scenario, state
        )
        for option in shown:
            if not option.enabled:
                assert option.needs is not None
                assert option.needs == needs(scenario, option.choice)


@given(scenarios(), st.data())
def test_a_routing_scene_goes_where_its_first_holding_branch_says(
    scenario: Scenario, data: st.DataObject
) -> None:
    routing = [s for s, scene in scenario.scenes.items() if scene.route is not None]
    if not routing:
        return
    scene_id = data.draw(st.sampled_from(routing))
    meters = tuple(
        (name, data.draw(st.integers(meter.min, meter.max)))
        for name, meter in scenario.meters.items()
    )
    flags = frozenset(data.draw(st.lists(st.sampled_from(list(scenario.flags) or [""]))))
    state = PlayState(scene_id, meters, flags - {""})
    target = route(scenario, state)
    branches = scenario.scenes[scene_id].route or ()
    assert target in [b.goto for b in branches]
    assert target == branches[-1].goto or any(b.condition is not None for b in branches)


@given(cases)
def test_disabled_choices_say_what_they_need_and_hidden_ones_are_left_out(
    case: tuple[Scenario, list[int]],
) -> None:
    scenario, numbers = case
    state = replay(scenario, numbers)[-1]
    for option in available_choices(scenario, state):
        assert option.enabled or (option.needs or "").startswith("you need: ")
        assert option.enabled or not option.choice.hidden


# --- The starter scenario ----------------------------------------------------------


def starter() -> Scenario:
    # A frozen copy of the starter scenario, so that rewriting the bundled one changes nothing.
    golden = Path(__file__).parent / "data" / "golden-scenario.yaml"
    return check([golden]).scenarios["golden-scenario"]


@pytest.mark.parametrize(
    ("numbers", "ending_id"),
    [
        ([1, 1], "framework-agreed"),
        ([1, 2], "talks-stall"),
        ([2, 2], "positions-restated"),
        ([2, 1, 1], "talks-stall"),
    ],
)
def test_starter_scenario_reaches_its_endings(numbers: list[int], ending_id: str) -> None:
    scenario = starter()
    state = replay(scenario, numbers)[-1]
    assert state.ended and state.scene == ending_id
    assert ending(scenario, state) == scenario.endings[ending_id]


def test_effects_are_clamped_and_flags_set() -> None:
    scenario = starter()
    state = apply_choice(scenario, start(scenario), 1)
    assert state.meter_values == {"trust": 55, "support": 55}
    assert state.flags == {"proposed-1956"}
    assert state.scene == "two-islands"


def test_a_disabled_choice_is_refused_with_its_condition_in_words(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        "      - text: Walk out\n", "      - text: Walk out\n        if: trust >= 90\n"
    )
    scenario = check([write(tmp_path, "s.yaml", text)]).scenarios["test-scenario"]
    state = start(scenario)
    [first, second] = available_choices(scenario, state)
    assert first.enabled and not second.enabled
    assert second.needs == "you need: trust of at least 90"
    with pytest.raises(
        ChoiceRefused, match="choice 2 is not available — you need: trust of at least 90"
    ):
        apply_choice(scenario, state, 2)
    with pytest.raises(ChoiceRefused, match="there is no choice 3 here"):
        apply_choice(scenario, state, 3)


def test_hidden_choices_are_left_out_until_their_condition_holds(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        "      - text: Walk out\n",
        "      - text: Walk out\n        if: trust >= 90\n        hidden: true\n",
    )
    scenario = check([write(tmp_path, "s.yaml", text)]).scenarios["test-scenario"]
    assert [c.number for c in available_choices(scenario, start(scenario))] == [1]


def test_flags_may_say_what_they_mean_for_the_words_on_screen(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        "flags: [proposed-1956]", "flags:\n  proposed-1956: you proposed the 1956 declaration"
    ).replace(
        "      - text: Walk out\n",
        "      - text: Walk out\n        if: trust >= 70 and proposed-1956\n",
    )
    catalog = check([write(tmp_path, "test-scenario.yaml", text)])
    assert catalog.problems == []
    scenario = catalog.scenarios["test-scenario"]
    [_, walk_out] = available_choices(scenario, start(scenario))
    assert walk_out.needs == (
        "you need: trust of at least 70, and to have proposed the 1956 declaration"
    )


@given(cases)
def test_a_game_carried_over_to_the_same_scenario_is_unchanged(
    case: tuple[Scenario, list[int]],
) -> None:
    from game.engine import carry_over

    scenario, numbers = case
    states = replay(scenario, numbers)
    if states[-1].ended:
        assert carry_over(scenario, states[-1]) is None  # nothing to carry: the game is over
        return
    assert carry_over(scenario, states[-1]) == (states[-1], states)


@given(cases, st.integers(min_value=0, max_value=100))
def test_a_game_carried_over_to_changed_meters_stays_in_range_and_in_place(
    case: tuple[Scenario, list[int]], new_max: int
) -> None:
    from game.engine import carry_over

    scenario, numbers = case
    state = replay(scenario, numbers)[-1]
    if state.ended or not scenario.meters:
        return
    # The teacher narrows every meter and drops the first: values must fit the new file.
    _first, *rest = scenario.meters
    meters = {}
    for name in rest:
        old = scenario.meters[name]
        top = max(new_max, old.min)
        meters[name] = old.model_copy(update={"max": top, "start": min(old.start, top)})
    changed = scenario.model_copy(update={"meters": meters})
    carried = carry_over(changed, state)
    assert carried is not None
    new_state, history = carried
    assert [name for name, _ in new_state.meters] == rest
    for name, value in new_state.meters:
        assert meters[name].min <= value <= meters[name].max
    assert new_state.scene in changed.scenes and not new_state.ended
    assert history[-1] == new_state


def test_a_hidden_choice_not_shown_takes_no_number(tmp_path: Path) -> None:
    from game.engine import shown_choice
    from game.plain import PlainGame

    text = SCENARIO.replace(
        "      - text: Walk out\n",
        "      - text: Ask for more\n        if: trust >= 90\n        hidden: true\n"
        "        goto: talks-stall\n      - text: Walk out\n",
    )
    catalog = check([write(tmp_path, "test-scenario.yaml", text)])
    scenario = catalog.scenarios["test-scenario"]
    state = start(scenario)
    shown = available_choices(scenario, state)
    assert [(c.shown, c.number, c.choice.text) for c in shown] == [
        (1, 1, "Propose the 1956 declaration"),
        (2, 3, "Walk out"),
    ]
    assert shown_choice(scenario, state, 2).choice.text == "Walk out"
    with pytest.raises(
        ChoiceRefused, match=r"^there is no choice 3 here; the choices are numbered 1 to 2$"
    ):
        shown_choice(scenario, state, 3)  # never reveals the hidden choice
    said: list[str] = []
    typed = iter(["3", "2", ""])  # "": no quotes at the ending
    PlainGame(scenario, catalog, lambda _: next(typed), said.append).play()
    assert "2. Walk out" in said and "3. Walk out" not in said
    assert "There is no choice 3 here; the choices are numbered 1 to 2." in said
    assert "\nYou chose: Walk out" in said
    assert not any("Ask for more" in line or "90" in line for line in said)
