"""Testing scenarios the way the project tests its own, with Hypothesis.

    from hypothesis import given
    from game.testing import check_scenario, load_scenario, playthroughs, scenarios

    def test_my_scenario():
        check_scenario(load_scenario("scenarios/my-scenario.yaml"))

`scenarios()` makes random valid scenarios, `playthroughs(scenario)` random sequences of
enabled choices, and `check_scenario()` checks that every playthrough ends in an ending
or can go on, that meters stay in range, and that there is no soft-lock or trap. Failures
are explained in the game's words (the choices taken, the scene, the meters and flags).
Hypothesis is needed for the strategies and `check_scenario` (it comes with the test
extra); `treaty test` runs the same checks without any Python.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.content.models import Scenario
from game.testing.checks import (
    Coverage,
    ScenarioFlaw,
    check_exploration,
    check_scenario,
    random_playthroughs,
)

__all__ = [
    "Coverage",
    "ScenarioFlaw",
    "check_exploration",
    "check_scenario",
    "load_scenario",
    "playthroughs",
    "random_playthroughs",
    "scenarios",
]


def load_scenario(path: str | Path) -> Scenario:
    """The scenario in `path`, checked like `treaty validate` does; ScenarioFlaw if the file
    has errors (their messages say where)."""
    from game.content.catalog import check

    catalog = check([path])
    if catalog.errors or not catalog.scenarios:
        problems = [str(p) for p in catalog.errors] or [f"{path}: not a scenario"]
        raise ScenarioFlaw("\n".join(problems))
    return next(iter(catalog.scenarios.values()))


def __getattr__(name: str) -> Any:
    # The strategies need Hypothesis; they are loaded only when asked for.
    if name in ("scenarios", "playthroughs"):
        from game.testing import strategies

        return getattr(strategies, name)
    if name in ("tables", "table_games"):  # two delegations at one table (issue 34)
        from game.testing import table_strategies

        return getattr(table_strategies, name)
    raise AttributeError(name)
