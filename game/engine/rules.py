"""The rules of play: which choices are open, and what taking one does.

Pure and deterministic: the same scenario, state and choice always give the same new
state. No input or output, no clock, no randomness. This is the one place that decides
whether a choice can be taken (`enabled`, `enabled_choices`) and where a routing scene
leads (`route`): the choice list, the saved games and the exploration all ask it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from game.content.condition_words import in_words
from game.content.conditions import holds
from game.content.models import Choice, Ending, RouteBranch, Scenario, Scene
from game.engine.state import PlayState


class ChoiceRefused(ValueError):
    """A choice that cannot be taken in this state; the message says why."""


class ScenarioLoop(RuntimeError):
    """Routing scenes that lead back to each other without any choice in between."""


@dataclass(frozen=True)
class AvailableChoice:
    """A choice as the student sees it: its number in the file (`number`, from 1, in the
    order written: what the engine and the saved path use), the number it is shown with
    (`shown`: the choices shown, numbered in the order written, so a hidden choice that is
    not shown takes no number), and whether it can be taken; if not, what it needs."""

    number: int
    choice: Choice
    enabled: bool
    needs: str | None = None
    shown: int = 0


def start(scenario: Scenario, *, routed: list[str] | None = None) -> PlayState:
    """The state at the start of `scenario` (routes from the first scene are followed;
    the routing scenes passed through are added to `routed` when given)."""
    meters = tuple((name, meter.start) for name, meter in scenario.meters.items())
    state = PlayState(scene=scenario.start, meters=meters, flags=frozenset())
    return _follow_routes(scenario, state, routed)


def enabled(choice: Choice | RouteBranch, values: Mapping[str, int], flags: frozenset[str]) -> bool:
    """Whether `choice` (or a route's branch) can be taken with these meter values and
    flags: it has no condition, or its condition holds. The one rule of enabling."""
    return choice.condition is None or holds(choice.condition, values, flags)


def enabled_choices(scenario: Scenario, state: PlayState) -> list[tuple[int, Choice]]:
    """The choices of the current scene that can be taken now, as (number from 1,
    choice), in the order written. Empty at an ending or a routing scene."""
    if state.ended:
        return []
    values = state.meter_values
    flags = state.flags
    return [
        (number, choice)
        for number, choice in enumerate(scenario.scenes[state.scene].choices or (), start=1)
        if enabled(choice, values, flags)
    ]


def route(scenario: Scenario, state: PlayState) -> str:
    """Where the routing scene `state.scene` leads now: the `goto` of its first branch
    whose condition holds (the last branch has none)."""
    values = state.meter_values
    for branch in scenario.scenes[state.scene].route or ():
        if enabled(branch, values, state.flags):
            return branch.goto
    raise ScenarioLoop(  # pragma: no cover - the loader requires a last branch without one
        f"no branch of the route of `{state.scene}` holds"
    )


def current_scene(scenario: Scenario, state: PlayState) -> Scene:
    if state.ended:
        raise ChoiceRefused("the scenario is over: an ending has been reached")
    return scenario.scenes[state.scene]


def ending(scenario: Scenario, state: PlayState) -> Ending | None:
    """The ending reached, or None while the scenario goes on."""
    return scenario.endings[state.scene] if state.ended else None


def meter_labels(scenario: Scenario) -> dict[str, str]:
    return {name: meter.label for name, meter in scenario.meters.items()}


def needs(scenario: Scenario, choice: Choice) -> str | None:
    """What `choice` needs to be taken, in words for the student ("you need: trust of at
    least 70"), as a disabled choice says it; None when it has no condition."""
    if choice.condition is None:
        return None
    return in_words(choice.condition, meter_labels(scenario), scenario.flags)


def available_choices(scenario: Scenario, state: PlayState) -> list[AvailableChoice]:
    """The choices of the current scene, in the order written; hidden ones whose condition
    is false are left out. Empty at an ending."""
    if state.ended:
        return []
    out: list[AvailableChoice] = []
    values = state.meter_values
    for number, choice in enumerate(scenario.scenes[state.scene].choices or (), start=1):
        if enabled(choice, values, state.flags):
            out.append(AvailableChoice(number, choice, True, shown=len(out) + 1))
        elif not choice.hidden:
            out.append(
                AvailableChoice(number, choice, False, needs(scenario, choice), len(out) + 1)
            )
    return out


def shown_choice(scenario: Scenario, state: PlayState, shown: int) -> AvailableChoice:
    """The choice shown as number `shown` in the current scene, if it can be taken;
    else ChoiceRefused, in the numbers the student sees."""
    choices = available_choices(scenario, state)
    if not choices:
        raise ChoiceRefused("this scene has no choices")
    if not 1 <= shown <= len(choices):
        raise ChoiceRefused(
            f"there is no choice {shown} here; the choices are numbered 1 to {len(choices)}"
        )
    option = choices[shown - 1]
    if not option.enabled:
        raise ChoiceRefused(f"choice {shown} is not available — {option.needs}")
    return option


def apply_choice(scenario: Scenario, state: PlayState, number: int) -> PlayState:
    """The state after taking choice `number` (from 1) of the current scene: effects
    applied and clamped to each meter's range, flags set then cleared, and routes followed
    until a scene with choices or an ending."""
    scene = current_scene(scenario, state)
    choices = scene.choices or ()
    if not 1 <= number <= len(choices):
        raise ChoiceRefused(
            f"there is no choice {number} here; the choices are numbered 1 to {len(choices)}"
            if choices
            else "this scene has no choices"
        )
    choice = choices[number - 1]
    if not enabled(choice, state.meter_values, state.flags):
        raise ChoiceRefused(f"choice {number} is not available — {needs(scenario, choice)}")
    return advance(scenario, state, choice, number)


def advance(
    scenario: Scenario,
    state: PlayState,
    choice: Choice,
    number: int,
    *,
    record: bool = True,
    routed: list[str] | None = None,
) -> PlayState:
    """Take `choice` (number `number` of the current scene) without checking that it is
    enabled: for callers that have just asked `enabled_choices`, such as the exploration.
    With `record=False` the path is not extended (the exploration keeps paths its own
    way); the routing scenes passed through are added to `routed` when given."""
    meters_of = scenario.meters
    meters = []
    for name, value in state.meters:
        meter = meters_of[name]
        new = value + choice.effects.get(name, 0)
        meters.append(
            (name, meter.min if new < meter.min else meter.max if new > meter.max else new)
        )
    flags = state.flags
    if choice.flags_set:
        flags = flags | frozenset(choice.flags_set)
    if choice.flags_cleared:
        flags = flags - frozenset(choice.flags_cleared)
    path = (*state.path, (state.scene, number)) if record else state.path
    target = choice.goto
    if target in scenario.endings:
        return PlayState(target, tuple(meters), flags, path, True)
    moved = PlayState(target, tuple(meters), flags, path, False)
    if scenario.scenes[target].route is None:
        return moved
    return _follow_routes(scenario, moved, routed)


def replay(scenario: Scenario, path: list[tuple[str, int]] | list[list[Any]]) -> PlayState:
    """The state reached by taking the choices of `path` from the start (a saved game);
    ChoiceRefused when the scenario has changed so that the path no longer fits."""
    state = start(scenario)
    for scene_id, number in path:
        if state.ended or state.scene != scene_id:
            raise ChoiceRefused("the scenario has changed since this game was saved")
        state = apply_choice(scenario, state, int(number))
    return state


def choice_at(scenario: Scenario, scene_id: str, number: int) -> Choice | None:
    """The choice a path recorded as (scene, number), or None when the scenario no
    longer has it (its file changed since the choice was made)."""
    scene = scenario.scenes.get(scene_id)
    choices = scene.choices if scene is not None else None
    if not choices or not 1 <= number <= len(choices):
        return None
    return choices[number - 1]


def carry_over(scenario: Scenario, state: PlayState) -> tuple[PlayState, list[PlayState]] | None:
    """A game in progress moved onto a changed version of its scenario (live preview):
    the state and the states along the way. Replaying the path when it still fits; else
    staying in the same scene with the meters and flags that still exist (meters clamped to
    their new range); None when the scene itself is gone."""
    try:
        history = [start(scenario)]
        for scene_id, number in state.path:
            if history[-1].ended or history[-1].scene != scene_id:
                raise ChoiceRefused("the path no longer fits")
            history.append(apply_choice(scenario, history[-1], number))
        if not history[-1].ended:
            return history[-1], history
    except (ChoiceRefused, ScenarioLoop, KeyError, IndexError):
        pass
    if state.ended or state.scene not in scenario.scenes:
        return None
    old = dict(state.meters)
    meters = tuple(
        (name, min(max(old.get(name, meter.start), meter.min), meter.max))
        for name, meter in scenario.meters.items()
    )
    flags = frozenset(f for f in state.flags if f in scenario.flags)
    kept = PlayState(state.scene, meters, flags, state.path)
    return kept, [kept]


def _follow_routes(
    scenario: Scenario, state: PlayState, routed: list[str] | None = None
) -> PlayState:
    """Follow routing scenes from `state` until a scene with choices or an ending;
    each routing scene passed through is added to `routed` when given."""
    if state.ended or scenario.scenes[state.scene].route is None:
        return state
    seen: list[str] = []
    while not state.ended and scenario.scenes[state.scene].route is not None:
        if state.scene in seen:
            loop = " -> ".join([*seen[seen.index(state.scene) :], state.scene])
            raise ScenarioLoop(f"routes lead round in a loop with no choice: {loop}")
        seen.append(state.scene)
        if routed is not None:
            routed.append(state.scene)
        target = route(scenario, state)
        if target in scenario.endings:
            return state.moved_to(target, ended=True)
        state = state.moved_to(target, ended=False)
    return state
