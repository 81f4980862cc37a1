"""`game.testing` and `treaty test`: what teachers use to test their own scenarios."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from inprocess import run_game

from game.analysis import explore
from game.content.catalog import check
from game.content.models import Scenario
from game.content.writer import scenario_to_yaml
from game.engine import apply_choice, start
from game.testing import ScenarioFlaw, check_scenario, load_scenario, playthroughs, scenarios
from game.testing.strategies import bundled_fact_ids, scenario_data

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
FIRST_FOUND = settings(phases=[Phase.generate], database=None, max_examples=500)


@given(scenarios())
def test_written_then_loaded_gives_an_equal_scenario(tmp_path_factory, scenario: Scenario) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("written") / "s.yaml"
    path.write_text(scenario_to_yaml(scenario), encoding="utf-8")
    catalog = check([path])
    assert catalog.errors == []
    assert catalog.scenarios[scenario.id] == scenario


def _described_flags(data: dict[str, Any]) -> bool:
    flags = data["flags"]
    return isinstance(flags, dict) and any(flags.values())


def _historical_ending(data: dict[str, Any]) -> bool:
    return any(e["kind"] == "historical" for e in data["endings"].values())


@pytest.mark.parametrize("wanted", [_described_flags, _historical_ending])
def test_the_strategies_make_flag_meanings_and_historical_endings_that_load(
    tmp_path: Path, wanted: Callable[[dict[str, Any]], bool]
) -> None:
    """The scenario strategies also make `flags: {name: description}` and historical
    endings citing facts that exist; such a file loads with no error, meanings kept."""
    # The first such file found will do: shrinking it to the smallest takes seconds.
    data = find(scenario_data(), wanted, settings=FIRST_FOUND)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    catalog = check([path])
    assert catalog.errors == []
    scenario = catalog.scenarios[data["id"]]
    for ending_id, ending in data["endings"].items():
        cited = scenario.endings[ending_id].facts
        assert set(cited) <= set(bundled_fact_ids())
        assert ending["kind"] != "historical" or cited
    if isinstance(data["flags"], dict):
        assert scenario.flags == data["flags"]


def test_bundled_scenarios_written_and_loaded_are_equal(tmp_path: Path) -> None:
    bundled = check([ROOT])
    for scenario_id, scenario in bundled.scenarios.items():
        # Under another id: a copy may not take the id of one of the game's own.
        copy_id = f"copy-of-{scenario_id}"
        path = tmp_path / f"{copy_id}.yaml"
        path.write_text(
            scenario_to_yaml(scenario.model_copy(update={"id": copy_id})), encoding="utf-8"
        )
        loaded = check([path]).scenarios[copy_id]
        assert loaded.model_copy(update={"id": scenario_id}) == scenario


@given(scenarios().flatmap(lambda s: st.tuples(st.just(s), playthroughs(s))))
def test_playthroughs_stay_within_what_explore_found(case: tuple[Scenario, list[int]]) -> None:
    scenario, numbers = case
    result = explore(scenario, keep_states=True)
    reachable = {e.id for e in result.endings if e.reachable}
    state = start(scenario)
    for number in [None, *numbers]:
        if number is not None:
            state = apply_choice(scenario, state, number)
        assert (state.scene, state.meters, state.flags, state.ended) in result.visited
    if state.ended:
        assert state.scene in reachable


def test_a_planted_flaw_fails_with_a_readable_shrunk_example() -> None:
    scenario = load_scenario(DATA / "planted-problems.yaml")
    with pytest.raises(ScenarioFlaw) as flaw:
        check_scenario(scenario, max_examples=100)
    assert str(flaw.value) == (
        "after “Ask a question”, the student is stuck in scene `stuck`: no choice can be "
        "taken (meters: trust 50; flags set: asked)"
    )


def test_a_sound_scenario_passes_check_scenario() -> None:
    check_scenario(load_scenario(DATA / "golden-scenario.yaml"), max_examples=50)


def test_load_scenario_explains_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\ntitle: y\nscenes: {}\n", encoding="utf-8")
    with pytest.raises(
        ScenarioFlaw, match=r"broken\.yaml:1:1: error TT203: the file is missing the key"
    ):
        load_scenario(path)


def test_treaty_test_passes_on_every_bundled_scenario() -> None:
    result = run_game(["test", "--runs", "30"], cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout.rstrip().endswith("7 scenarios tested: every property holds")
    assert "coverage: scenes " in result.stdout


def test_treaty_test_fails_on_planted_problems_and_says_what_was_never_visited() -> None:
    result = run_game(["test", "tests/data/planted-problems.yaml", "--runs", "40"], cwd=ROOT)
    assert result.returncode == 1
    out = result.stdout
    assert (
        "FAILED playthrough: after “Ask a question”, the student is stuck in scene `stuck`" in out
    )
    assert "FAILED exploration: scene `stuck` can leave the student stuck" in out
    assert "endings never reached by a playthrough: forgotten" in out
    assert out.rstrip().endswith("1 scenario tested: some properties do not hold")
