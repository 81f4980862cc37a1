"""Hypothesis strategies for scenarios and playthroughs.

    from hypothesis import given
    from game.testing.strategies import scenarios, playthroughs

    @given(scenarios().flatmap(lambda s: playthroughs(s).map(lambda p: (s, p))))
    def test_my_property(case): ...

`scenarios()` makes random scenarios that satisfy every rule of the format
(`docs/format.md`): meters with their ranges, flags (a list, or each flag mapped to what it
means), conditions, routes, loops, hidden choices, texts and feedback written as
paragraphs shown only when their condition holds, and endings historical or
counterfactual, citing facts of the fact base (a historical ending cites at least one).
Routing scenes never lead straight to another routing scene, so every route resolves.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from game.content.meter_checks import tested_values
from game.content.models import Scenario
from game.content.vocabulary import GOOD_WAYS
from game.engine import PlayState, apply_choice, enabled_choices, start

_OPS = ["==", "!=", "<", "<=", ">", ">="]

_FLAG_MEANINGS = [
    "you asked for a list",
    "you proposed the 1956 declaration",
    "you called the treaty a danger",
    "Tokyo is angry",
    "",
]
"""What a flag may say it means, as a teacher writes it (empty: nothing said)."""


@functools.cache
def bundled_fact_ids() -> tuple[str, ...]:
    """The ids of the facts in the bundled fact base, which every scenario may cite."""
    from game.content.catalog import check
    from game.content.paths import bundled_root

    return tuple(check([bundled_root() / "sources"]).facts)


_BINDS = {"or": 1, "and": 2, "not": 3}
"""How tightly each word binds; a flag or a comparison (4) is whole in itself."""


@functools.cache
def _leaves(meters: tuple[str, ...], flags: tuple[str, ...]) -> st.SearchStrategy[str]:
    """A flag, or a meter compared with a number. Built once for each set of meters and
    flags: Hypothesis checks a strategy the first time it is drawn from, and checking a
    new one at every draw took half the time of generating a scenario."""
    leaves: list[st.SearchStrategy[str]] = []
    if flags:
        leaves.append(st.sampled_from(flags))
    if meters:
        leaves.append(
            st.builds(
                lambda m, op, n: f"{m} {op} {n}",
                st.sampled_from(meters),
                st.sampled_from(_OPS),
                st.integers(-20, 120),
            )
        )
    if not leaves:
        raise ValueError("a condition needs at least one meter or flag")
    return st.one_of(leaves)


@functools.cache
def _condition(
    meters: tuple[str, ...], flags: tuple[str, ...], depth: int
) -> st.SearchStrategy[tuple[str, int]]:
    """A condition and how tightly its outermost part binds (built once for each set of
    meters and flags, as `_leaves`)."""
    return _written_condition(meters, flags, depth)


@st.composite
def _written_condition(
    draw: st.DrawFn, meters: tuple[str, ...], flags: tuple[str, ...], depth: int
) -> tuple[str, int]:
    """A condition and how tightly its outermost part binds. Parentheses that
    precedence does not need are sometimes left out (`a or b and not c`), as a teacher
    who knows the rules writes, so that precedence is tried too."""
    leaf = draw(_leaves(meters, flags))
    if depth <= 0 or not draw(st.booleans()):
        return leaf, 4
    kind = draw(st.sampled_from(["and", "or", "not"]))
    other, binds = draw(_condition(meters, flags, depth - 1))
    bare = binds >= _BINDS[kind] and draw(st.booleans())
    inner = other if bare else f"({other})"
    if kind == "not":
        return f"not {inner}", _BINDS["not"]
    first = leaf if draw(st.booleans()) else f"({leaf})"
    return f"{first} {kind} {inner}", _BINDS[kind]


def conditions(meters: list[str], flags: list[str], depth: int = 2) -> st.SearchStrategy[str]:
    """A condition written as a teacher might, over the given meters and flags: with
    every parenthesis, or without those that precedence makes needless."""
    return _conditions(tuple(meters), tuple(flags), depth)


@functools.cache
def _conditions(
    meters: tuple[str, ...], flags: tuple[str, ...], depth: int
) -> st.SearchStrategy[str]:
    return _condition(meters, flags, depth).map(lambda written: written[0])


@st.composite
def scenario_data(
    draw: st.DrawFn, max_scenes: int = 8, facts: Sequence[str] | None = None
) -> dict[str, Any]:
    """The plain data of a random valid scenario, as a YAML file would hold it. Endings
    cite facts from `facts` (default: the bundled fact base's ids)."""
    fact_ids = list(bundled_fact_ids() if facts is None else facts)
    meters: dict[str, dict[str, Any]] = {}
    for i in range(draw(st.integers(0, 3))):
        low = draw(st.integers(-20, 10))
        high = draw(st.integers(low + 1, low + 120))
        meters[f"meter-{i}"] = {
            "label": f"Meter {i}",
            "start": draw(st.integers(low, high)),
            "min": low,
            "max": high,
        }
    flags = [f"flag-{i}" for i in range(draw(st.integers(0, 3)))]
    # Flags as a list, or each mapped to what it means (`flags: {name: description}`).
    described: dict[str, str] | None = None
    if bool(flags) and draw(st.booleans()):
        described = {flag: draw(st.sampled_from(_FLAG_MEANINGS)) for flag in flags}
    meter_names = list(meters)
    n_scenes = draw(st.integers(1, max_scenes))
    n_endings = draw(st.integers(1, 3))
    scene_ids = [f"scene-{i}" for i in range(n_scenes)]
    ending_ids = [f"ending-{i}" for i in range(n_endings)]
    can_condition = bool(meter_names or flags)
    routing = {s for s in scene_ids if can_condition and draw(st.integers(0, 4)) == 0}
    choice_scenes = [s for s in scene_ids if s not in routing]

    def maybe_condition() -> dict[str, str]:
        if can_condition and draw(st.booleans()):
            return {"if": draw(conditions(meter_names, flags))}
        return {}

    def maybe_paragraphs(first: str) -> str | list[Any]:
        """A text, or a list of paragraphs: `first`, then some shown only when their
        condition holds (issue 30, part B)."""
        if not can_condition or draw(st.integers(0, 3)) != 0:
            return first
        more = [
            {"if": draw(conditions(meter_names, flags)), "text": f"{first} Variant {i + 1}."}
            for i in range(draw(st.integers(1, 3)))
        ]
        return [first, *more]

    scenes: dict[str, Any] = {}
    for index, scene_id in enumerate(scene_ids):
        # One way on from every scene goes forward (to a later scene or an ending), so
        # that an ending can always be reached by some path (a loop with no way out is an
        # error the loader reports); the other ways may go anywhere, loops included.
        onward = scene_ids[index + 1 :] + ending_ids
        if scene_id in routing:
            targets = choice_scenes + ending_ids
            branches = [
                {**maybe_condition(), "goto": draw(st.sampled_from(targets))}
                for _ in range(draw(st.integers(0, 2)))
            ]
            branches = [b for b in branches if "if" in b]
            forward = [t for t in onward if t not in routing]
            branches.append({"goto": draw(st.sampled_from(forward))})
            scenes[scene_id] = {"text": f"Routing {scene_id}.", "route": branches}
            continue
        choices = []
        for i in range(draw(st.integers(1, 3))):
            choice: dict[str, Any] = {
                "text": f"Choice {i + 1} of {scene_id}",
                "goto": draw(st.sampled_from(onward if i == 0 else scene_ids + ending_ids)),
            }
            choice.update(maybe_condition())
            if "if" in choice and draw(st.booleans()):
                choice["hidden"] = True
            feedback = maybe_paragraphs(f"Feedback {i + 1} of {scene_id}.")
            if isinstance(feedback, list):
                choice["feedback"] = feedback
            effects = {m: draw(st.integers(-30, 30)) for m in meter_names if draw(st.booleans())}
            if effects:
                choice["effects"] = effects
            if flags:
                to_set = draw(st.lists(st.sampled_from(flags), unique=True, max_size=2))
                to_clear = draw(st.lists(st.sampled_from(flags), unique=True, max_size=2))
                if to_set:
                    choice["set"] = to_set
                if to_clear:
                    choice["clear"] = to_clear
            choices.append(choice)
        scenes[scene_id] = {"text": maybe_paragraphs(f"Scene {scene_id}."), "choices": choices}
    endings: dict[str, Any] = {}
    for e in ending_ids:
        # A historical ending cites at least one fact; a counterfactual one may.
        historical = bool(fact_ids) and draw(st.booleans())
        ending: dict[str, Any] = {
            "title": f"Ending {e}",
            "kind": "historical" if historical else "counterfactual",
            "text": maybe_paragraphs("The end."),
            "history": "What really happened." if historical else "What happened instead.",
        }
        cited = (
            draw(st.lists(st.sampled_from(fact_ids), unique=True, min_size=historical, max_size=2))
            if fact_ids
            else []
        )
        if cited:
            ending["facts"] = cited
        endings[e] = ending
    _describe_meters(draw, meters, scenes)
    return {
        "id": "random-scenario",
        "title": "A random scenario",
        "summary": "Made by Hypothesis.",
        "role": "japan",
        "year": 2018,
        "meters": meters,
        "flags": described if described is not None else flags,
        "start": scene_ids[0],
        "scenes": scenes,
        "endings": endings,
    }


_MEANINGS = ["how far they believe your word", "time left", "*the* cost so far", ""]
"""What a meter may say it means (`means:`), as a teacher writes it (empty: not said)."""


def _describe_meters(draw: st.DrawFn, meters: dict[str, Any], scenes: dict[str, Any]) -> None:
    """Give some meters `good:`, `means:` and `marks:` (issue 30, part A). A mark stands
    only at a value a condition compares its meter with, inside its range, as the loader
    requires (a mark nothing tests is warned about)."""
    tested = tested_values({"scenes": scenes})
    for name, meter in meters.items():
        if draw(st.booleans()):
            meter["good"] = draw(st.sampled_from(GOOD_WAYS))
        if means := draw(st.sampled_from(_MEANINGS)):
            meter["means"] = means
        values = sorted(v for m, v in tested if m == name and meter["min"] <= v <= meter["max"])
        chosen = draw(st.lists(st.sampled_from(values), unique=True)) if values else []
        if chosen:
            meter["marks"] = {str(v): f"At {v}, something happens" for v in chosen}


def scenarios(
    max_scenes: int = 8, facts: Sequence[str] | None = None
) -> st.SearchStrategy[Scenario]:
    """Random valid scenarios, whose endings cite facts from `facts` (default: the
    bundled fact base's ids)."""
    return scenario_data(max_scenes, facts).map(Scenario.model_validate)


@st.composite
def playthroughs(draw: st.DrawFn, scenario: Scenario, max_steps: int = 30) -> list[int]:
    """A random sequence of enabled choice numbers, played from the start until an
    ending, a scene with no enabled choice, or `max_steps`."""
    state: PlayState = start(scenario)
    numbers: list[int] = []
    while not state.ended and len(numbers) < max_steps:
        enabled = [number for number, _ in enabled_choices(scenario, state)]
        if not enabled:
            break
        number = draw(st.sampled_from(enabled))
        numbers.append(number)
        state = apply_choice(scenario, state, number)
    return numbers


# --- Scenarios whose choices change the ending (issue 30: "what would have changed it") ---


@st.composite
def branching_scenarios(draw: st.DrawFn, max_scenes: int = 6) -> Scenario:
    """Random valid scenarios with at least two endings, where scenes often have one more
    choice, with no condition, that goes straight to an ending: so that another choice
    on a student's path often leads to a different ending."""
    data = draw(scenario_data(max_scenes))
    endings = data["endings"]
    if len(endings) < 2:
        endings["ending-other"] = {
            "title": "Ending other",
            "kind": "counterfactual",
            "text": "The end.",
            "history": "What happened instead.",
        }
    ending_ids = sorted(endings)
    for scene_id, scene in data["scenes"].items():
        if "choices" in scene and draw(st.booleans()):
            goto = draw(st.sampled_from(ending_ids))
            scene["choices"].append({"text": f"Leave {scene_id}", "goto": goto})
    return Scenario.model_validate(data)
