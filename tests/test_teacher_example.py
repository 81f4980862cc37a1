"""The example test of README.md ("Testing your scenario with Hypothesis"), run as written:
copy this file beside your scenario and change the path."""

from pathlib import Path

from game.testing import check_scenario, load_scenario

MY_SCENARIO = Path(__file__).parent / "data" / "golden-scenario.yaml"


def test_my_scenario_has_no_flaw() -> None:
    check_scenario(load_scenario(MY_SCENARIO))
