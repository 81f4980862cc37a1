"""`treaty validate --strict`: what exploring each scenario finds, as problems located at
the scene, choice or ending concerned, beside the loader's own."""

from __future__ import annotations

from collections.abc import Sequence

from game.analysis.explore import Step, explore
from game.content.catalog import Catalog
from game.content.codes import Code
from game.content.models import Scenario
from game.content.problems import Problem
from game.content.yamlfile import load_yaml


def strict_problems(catalog: Catalog) -> list[Problem]:
    """What exploring each scenario checked (not those only read beside it) finds."""
    problems: list[Problem] = []
    for scenario_id, scenario in catalog.scenarios.items():
        path = catalog.scenario_files.get(scenario_id)
        if path is None or not any(
            path == p or path.resolve() == p.resolve() for p in catalog.checked
        ):
            continue
        result = explore(scenario)
        found: list[tuple[tuple[str, ...], Code, str]] = []
        for situation in result.soft_locks:
            found.append(
                (
                    ("scenes", situation.scene),
                    Code.STUCK,
                    f"scene `{situation.scene}` can leave the student stuck with no choice to "
                    f"take; reached by: {steps_text(situation.path)}",
                )
            )
        # A loop with no way out is said once, at the first of its scenes a student meets,
        # with the scenes it leads round (not once for each of them).
        trapped = {t.scene for t in result.traps}
        said: set[str] = set()
        for situation in sorted(result.traps, key=lambda t: len(t.path)):
            if situation.scene in said:
                continue
            loop = led_to(scenario, situation.scene) & trapped
            said |= loop
            others = sorted(loop - {situation.scene})
            also = f" (nor from {', '.join(f'`{o}`' for o in others)}, where it leads)"
            found.append(
                (
                    ("scenes", situation.scene),
                    Code.TRAPPED,
                    f"from scene `{situation.scene}` no ending can be reached"
                    f"{also if others else ''}; reached by: {steps_text(situation.path)}",
                )
            )
        for situation in result.route_loops:
            found.append(
                (
                    ("scenes", situation.scene),
                    Code.ROUTE_LOOP,
                    f"routes go round in a loop after scene `{situation.scene}`",
                )
            )
        if result.complete:
            for ending_id in result.unreachable_endings:
                found.append(
                    (
                        ("endings", ending_id),
                        Code.ENDING_UNREACHABLE,
                        f"ending `{ending_id}` can never be reached",
                    )
                )
        file = load_yaml(path)
        for where, code, message in found:
            line, col = file.locate(where, key=True)
            problems.append(Problem(str(path), line, col, "error", message, code))
        if not result.complete:
            # What was not reached in a part of the situations may be reached in the rest:
            # said once, as a warning, never as errors that are not there.
            problems.append(
                Problem(
                    str(path),
                    1,
                    1,
                    "warning",
                    f"{result.too_large} Endings and choices were not all checked.",
                    Code.TOO_LARGE_TO_EXPLORE,
                )
            )
            continue
        for step in result.never_enabled:
            line, col = file.locate(("scenes", step.scene, "choices", step.number - 1))
            problems.append(
                Problem(
                    str(path),
                    line,
                    col,
                    "warning",
                    f"choice {step.number} of scene `{step.scene}` is never enabled in any "
                    "reachable situation",
                    Code.NEVER_ENABLED,
                )
            )
        for paragraph in result.never_shown:
            line, col = file.locate(paragraph.where)
            problems.append(
                Problem(
                    str(path),
                    line,
                    col,
                    "error",
                    f"{paragraph.place} is never shown: its `if: {paragraph.condition}` holds "
                    "in no reachable situation",
                    Code.PARAGRAPH_NEVER_SHOWN,
                )
            )
    return problems


def led_to(scenario: Scenario, first: str) -> set[str]:
    """The scenes `first` leads to by any choice or route (whatever their conditions),
    itself included."""
    seen, stack = {first}, [first]
    while stack:
        scene = scenario.scenes.get(stack.pop())
        if scene is None:
            continue
        targets = [c.goto for c in scene.choices or ()] + [b.goto for b in scene.route or ()]
        for target in targets:
            if target in scenario.scenes and target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def steps_text(path: Sequence[Step]) -> str:
    """The choices that lead somewhere, as the student read them."""
    return " → ".join(f"“{step.text}”" for step in path) or "the start"
