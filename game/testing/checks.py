"""Properties every scenario should have, checked by random playthroughs and exploration.

Used by `treaty test` (no Python needed) and by `check_scenario()` in a teacher's own
Hypothesis tests.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from game.analysis.explore import Exploration, explore
from game.analysis.paragraphs import feedback_where, shown_where
from game.content.models import Scenario
from game.engine import PlayState, apply_choice, available_choices, start

DEFAULT_RUNS = 200
"""Random playthroughs per scenario, unless told otherwise (`treaty test --runs`)."""
DEFAULT_SEED = 0
"""The seed of the random choices, unless told otherwise (`treaty test --seed`)."""


class ScenarioFlaw(AssertionError):
    """A property of the scenario does not hold; the message says where, in the game's words."""


def describe_path(scenario: Scenario, state: PlayState) -> str:
    """The choices taken to reach `state`, as the student saw them."""
    steps = []
    for scene_id, number in state.path:
        choice = (scenario.scenes[scene_id].choices or ())[number - 1]
        steps.append(f"“{' '.join(choice.text.split())}”")
    return " → ".join(steps) or "at the start"


def describe_state(state: PlayState) -> str:
    meters = ", ".join(f"{name} {value}" for name, value in state.meters) or "none"
    return f"meters: {meters}; flags set: {', '.join(sorted(state.flags)) or 'none'}"


def check_state(scenario: Scenario, state: PlayState) -> None:
    """Meters within their ranges, and either an ending or a choice that can be taken."""
    for name, value in state.meters:
        meter = scenario.meters[name]
        if not meter.min <= value <= meter.max:
            raise ScenarioFlaw(
                f"after {describe_path(scenario, state)}, the meter `{name}` is {value}, "
                f"outside its range {meter.min} to {meter.max}"
            )
    if not state.ended and not any(c.enabled for c in available_choices(scenario, state)):
        raise ScenarioFlaw(
            f"after {describe_path(scenario, state)}, the student is stuck in scene "
            f"`{state.scene}`: no choice can be taken ({describe_state(state)})"
        )


def check_exploration(result: Exploration) -> None:
    """No soft-lock, no trap, no route loop, and every ending reachable."""
    problems = []
    for found in result.soft_locks:
        problems.append(f"scene `{found.scene}` can leave the student stuck")
    for found in result.traps:
        problems.append(f"from scene `{found.scene}` no ending can be reached")
    for found in result.route_loops:
        problems.append(f"routes go round in a loop after scene `{found.scene}`")
    for ending in result.unreachable_endings:
        problems.append(f"ending `{ending}` can never be reached")
    if result.too_large:
        problems.append(result.too_large)
    if problems:
        raise ScenarioFlaw("; ".join(problems))


@dataclass
class Coverage:
    """What random playthroughs visited."""

    scenes: set[str] = field(default_factory=set)
    choices: set[tuple[str, int]] = field(default_factory=set)
    endings: set[str] = field(default_factory=set)
    flaws: list[str] = field(default_factory=list)
    paragraphs: set[tuple[str | int, ...]] = field(default_factory=set)
    """The paragraphs with an `if:` shown, by where they are in the file."""

    def missing(self, scenario: Scenario) -> tuple[list[str], list[str], list[str]]:
        scenes = [
            s for s, scene in scenario.scenes.items() if scene.choices and s not in self.scenes
        ]
        choices = [
            f"{s}#{n}"
            for s, scene in scenario.scenes.items()
            for n in range(1, len(scene.choices or ()) + 1)
            if (s, n) not in self.choices
        ]
        endings = [e for e in scenario.endings if e not in self.endings]
        return scenes, choices, endings


def random_playthroughs(
    scenario: Scenario,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    max_steps: int = 200,
) -> Coverage:
    """Play `runs` games choosing among enabled choices at random (from `seed`), checking
    every state reached, and record what was visited."""
    rng = random.Random(seed)
    coverage = Coverage()
    for _ in range(runs):
        state = start(scenario)
        for _ in range(max_steps):
            try:
                check_state(scenario, state)
            except ScenarioFlaw as flaw:
                coverage.flaws.append(str(flaw))
                break
            coverage.paragraphs |= shown_where(scenario, state)
            if state.ended:
                coverage.endings.add(state.scene)
                break
            coverage.scenes.add(state.scene)
            enabled = [c.number for c in available_choices(scenario, state) if c.enabled]
            number = rng.choice(enabled)
            coverage.choices.add((state.scene, number))
            scene, state = state.scene, apply_choice(scenario, state, number)
            coverage.paragraphs |= feedback_where(scenario, scene, number, state)
    return coverage


def check_scenario(scenario: Scenario, max_examples: int = 200) -> None:
    """Check the scenario's properties; raise ScenarioFlaw, explained in the game's words.

    Hypothesis plays random games (meters stay in range; every game ends in an ending or
    can go on), shrinking any failure to the shortest sequence of choices; then every
    reachable situation is explored (no soft-lock, no trap, every ending reachable).
    """
    from hypothesis import HealthCheck, given, settings

    from game.testing.strategies import playthroughs

    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(playthroughs(scenario))
    def every_playthrough(numbers: list[int]) -> None:
        state = start(scenario)
        check_state(scenario, state)
        for number in numbers:
            state = apply_choice(scenario, state, number)
            check_state(scenario, state)

    every_playthrough()
    check_exploration(explore(scenario))
