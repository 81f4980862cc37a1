"""The record of a playthrough: which condition decided each step, and what each choice did.

Derived exactly by replaying the path from the start with the rules of play, so a saved
game (which keeps only its path) gives the same record as the game played just now. A
path that no longer fits its scenario (the file changed since) gives the record of the
part that still fits, and says so.

A decision is a condition that *held* when it decided: the condition of a route's branch
taken, the negation of each branch before it that did not hold, and the condition of a
choice taken. Negations are pushed inwards (`not trust >= 70` is `trust < 70`), so each
one reads as what was true.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from game.content.conditions import Condition
from game.content.met_words import negate
from game.content.models import Choice, Scenario
from game.engine.rules import ChoiceRefused, ScenarioLoop, advance, enabled, start
from game.engine.state import PlayState


@dataclass(frozen=True)
class Move:
    """One choice on the path: where (`scene`, choice `number` from 1, `step` from 0),
    and what it did: each meter's change after clamping, the flags set and cleared."""

    step: int
    scene: str
    number: int
    choice: Choice
    changes: tuple[tuple[str, int], ...]
    flags_set: tuple[str, ...]
    flags_cleared: tuple[str, ...]


@dataclass(frozen=True)
class Decision:
    """A condition that held and decided a step: a route's branch (`kind` "route", in
    routing scene `scene`, leading to `goto`) or a choice taken (`kind` "choice").
    `meters` and `flags` are the values it met; `moves` is how many moves of the path
    came before it (the ones that could have shaped those values)."""

    kind: Literal["route", "choice"]
    scene: str
    goto: str
    condition: Condition
    meters: tuple[tuple[str, int], ...]
    flags: frozenset[str]
    moves: int
    number: int = 0
    """For a choice: its number in the scene, from 1."""


@dataclass(frozen=True)
class Record:
    """The replayed path: the states from the start (one more than the moves), the moves,
    the decisions in the order they were made, and whether the whole path still fits."""

    states: tuple[PlayState, ...]
    moves: tuple[Move, ...]
    decisions: tuple[Decision, ...]
    fits: bool

    @property
    def final(self) -> PlayState:
        return self.states[-1]


def record(
    scenario: Scenario, path: Sequence[tuple[str, int]] | Sequence[Sequence[object]]
) -> Record:
    """Replay `path` from the start of `scenario`, noting each decision and move."""
    decisions: list[Decision] = []
    moves: list[Move] = []
    routed: list[str] = []
    try:
        state = start(scenario, routed=routed)
    except ScenarioLoop:
        return Record((), (), (), False)
    states = [state]
    _routes(scenario, state, routed, 0, decisions)
    for step, item in enumerate(path):
        scene_id, number = str(item[0]), item[1]
        scene = scenario.scenes.get(scene_id)
        choices = scene.choices if scene is not None else None
        if (
            state.ended
            or state.scene != scene_id
            or not isinstance(number, int)
            or not choices
            or not 1 <= number <= len(choices)
        ):
            return Record(tuple(states), tuple(moves), tuple(decisions), False)
        choice = choices[number - 1]
        if not enabled(choice, state.meter_values, state.flags):
            return Record(tuple(states), tuple(moves), tuple(decisions), False)
        if choice.condition is not None:
            decisions.append(
                Decision("choice", scene_id, choice.goto, choice.condition, state.meters,
                         state.flags, step, number)
            )  # fmt: skip
        routed.clear()
        try:
            after = advance(scenario, state, choice, number, routed=routed)
        except (ScenarioLoop, ChoiceRefused):
            return Record(tuple(states), tuple(moves), tuple(decisions), False)
        before = state.meter_values
        moves.append(
            Move(
                step,
                scene_id,
                number,
                choice,
                tuple((n, v - before[n]) for n, v in after.meters if v != before[n]),
                tuple(f for f in choice.flags_set if f not in state.flags and f in after.flags),
                tuple(f for f in choice.flags_cleared if f in state.flags),
            )
        )
        _routes(scenario, after, routed, step + 1, decisions)
        state = after
        states.append(state)
    return Record(tuple(states), tuple(moves), tuple(decisions), True)


def _routes(
    scenario: Scenario, state: PlayState, routed: list[str], moves: int, out: list[Decision]
) -> None:
    """The decisions of the routing scenes passed through (routing changes no value):
    each branch before the one taken did not hold (its negation did), the one taken did."""
    values = state.meter_values
    for scene_id in routed:
        branches = scenario.scenes[scene_id].route or ()
        taken = next(b for b in branches if enabled(b, values, state.flags))
        for branch in branches:
            if branch.condition is not None:
                condition = branch.condition if branch is taken else negate(branch.condition)
                out.append(
                    Decision("route", scene_id, taken.goto, condition, state.meters,
                             state.flags, moves)
                )  # fmt: skip
            if branch is taken:
                break


__all__ = ["Decision", "Move", "Record", "negate", "record"]
