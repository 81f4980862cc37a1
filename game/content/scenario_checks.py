"""The checks of `docs/format.md` that relate one part of a scenario to another: every
`goto:` names a scene or ending, every name in a condition is declared, every scene leads
somewhere, ...

Like the other checks (`game.content.checks`) they read the file's plain data, not the
models, so that they report even when the models found problems elsewhere in the file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection
from typing import Any

from game.content.checks import (
    Step,
    check_fact_names,
    check_id_is_file_name,
    items,
    mapping,
    whole,
)
from game.content.codes import Code
from game.content.conditions import ConditionError, Flag, MeterRef, names, parse_condition
from game.content.map_checks import check_map, check_topics
from game.content.meter_checks import check_marks
from game.content.vocabulary import HISTORICAL, METER_MAX, METER_MIN
from game.content.wording import describe, suggest
from game.content.yamlfile import YamlFile


def check_scenario(file: YamlFile, facts: Collection[str]) -> None:
    """Every check of one scenario file, its problems recorded in `file`."""
    data = mapping(file.data)
    check_id_is_file_name(file, data, "scenario")
    meters = mapping(data.get("meters"))
    raw_flags = data.get("flags")
    flags = [str(f) for f in (raw_flags if isinstance(raw_flags, dict) else items(raw_flags))]
    scenes = mapping(data.get("scenes"))
    endings = mapping(data.get("endings"))
    targets = {*scenes, *endings}

    for name in endings:
        if name in scenes:
            file.problem(
                Code.SCENE_AND_ENDING,
                ("endings", name),
                f"`{name}` is both a scene and an ending; give them different ids",
                key=True,
            )

    seen_flags: set[str] = set()
    for i, flag in enumerate(flags):
        if flag in seen_flags:
            file.problem(Code.FLAG_TWICE, ("flags", i), f"the flag `{flag}` is declared twice")
        seen_flags.add(flag)

    for name, meter in meters.items():
        meter = mapping(meter)
        low, high = whole(meter.get("min"), METER_MIN), whole(meter.get("max"), METER_MAX)
        start = whole(meter.get("start"), 0) if "start" in meter else None
        if low is None or high is None:
            continue
        if low >= high:
            bound = "max" if "max" in meter else "min"
            file.problem(
                Code.METER_RANGE,
                ("meters", name, bound),
                f"meter `{name}`: min ({low}) must be less than max ({high})",
            )
        elif start is not None and not low <= start <= high:
            file.problem(
                Code.METER_START,
                ("meters", name, "start"),
                f"meter `{name}` starts at {start}, outside its range {low} to {high}",
            )

    start_scene = data.get("start")
    if isinstance(start_scene, str):
        if start_scene in endings:
            file.problem(
                Code.START_AT_ENDING,
                ("start",),
                f"`start: {start_scene}` is an ending; start at a scene",
            )
        elif start_scene not in scenes:
            file.problem(
                Code.START_NOT_SCENE,
                ("start",),
                f"`start: {start_scene}` names no scene{suggest(start_scene, scenes)}",
            )

    check_fact_names(file, ("facts",), data.get("facts"), facts)

    reached: set[str] = set()
    tested: dict[str, tuple[tuple[Step, ...], int]] = {}
    """Each declared flag a condition tests, and where it is first tested."""
    ever_set: set[str] = set()

    def check_goto(path: tuple[Step, ...], branch: dict[str, Any]) -> None:
        target = branch.get("goto")
        if target is None:
            return
        target = str(target)
        reached.add(target)
        if target not in targets:
            file.problem(
                Code.GOTO_NOWHERE,
                (*path, "goto"),
                f"`goto: {target}` names no scene or ending in this file{suggest(target, targets)}",
            )

    def check_names(path: tuple[Step, ...], names: Any, declared: list[str], what: str) -> None:
        single = not isinstance(names, list)
        for i, name in enumerate(items(names)):
            name = str(name)
            if name not in declared:
                where = path if single else (*path, i)
                file.problem(
                    Code.UNDECLARED_FLAG,
                    where,
                    f"the {what} `{name}` is not declared under `{what}s:`"
                    f"{suggest(name, declared)}",
                )

    def check_condition(path: tuple[Step, ...], text: Any) -> None:
        if isinstance(text, bool) or not isinstance(text, str | int):
            return
        try:
            condition = parse_condition(str(text))
        except ConditionError:
            return  # reported with the file's structure
        for ref in names(condition):
            name = ref.name
            code: Code
            if isinstance(ref, Flag) and name not in flags and name in meters:
                code = Code.METER_AS_FLAG
                message = (
                    f"`{name}` is a meter, not a yes/no flag: compare it with a number, "
                    f"like `{name} >= 50`"
                )
            elif isinstance(ref, MeterRef) and name not in meters and name in flags:
                code = Code.FLAG_COMPARED
                message = (
                    f"`{name}` is a flag (yes or no), so it cannot be compared: write it "
                    f"alone, or `not {name}`"
                )
            elif name not in meters and name not in flags:
                declared = [*meters, *flags]
                code = Code.UNDECLARED_NAME
                message = f"`{name}` is not a declared meter or flag{suggest(name, declared)}"
            else:
                if isinstance(ref, Flag):
                    tested.setdefault(name, (path, ref.offset))
                continue
            file.problem_in_text(code, path, ref.offset, f"in `if:`, {message}")

    def check_paragraphs(path: tuple[Step, ...], passage: Any) -> None:
        """The `if:` of each paragraph of a text written as a list (issue 30, part B)."""
        for i, paragraph in enumerate(passage if isinstance(passage, list) else ()):
            if isinstance(paragraph, dict) and "if" in paragraph:
                check_condition((*path, i, "if"), paragraph["if"])

    for scene_id, scene in scenes.items():
        if not isinstance(scene, dict):
            continue
        here: tuple[Step, ...] = ("scenes", scene_id)
        has_choices, has_route = "choices" in scene, "route" in scene
        if "moves" in scene:
            pass  # a table's scene where both sides move (issue 34): `table_checks`
        elif has_choices and has_route:
            file.problem(
                Code.CHOICES_AND_ROUTE,
                here,
                f"scene `{scene_id}` has both `choices:` and `route:`; a scene either lets "
                "the player choose or routes on its own: keep one",
                key=True,
            )
        elif not has_choices and not has_route:
            file.problem(
                Code.NO_CHOICES_NOR_ROUTE,
                here,
                f"scene `{scene_id}` has neither `choices:` nor `route:`; add choices for "
                "the player, or a route to the next scene or ending",
                key=True,
            )
        check_fact_names(file, (*here, "facts"), scene.get("facts"), facts)
        check_paragraphs((*here, "text"), scene.get("text"))
        choices = scene.get("choices")
        if isinstance(choices, list) and not choices:
            file.problem(
                Code.NO_CHOICE,
                (*here, "choices"),
                f"scene `{scene_id}` needs at least one choice",
            )
        for at, choice in _choices_of(here, scene):
            if isinstance(choice, dict):
                check_goto(at, choice)
                if "if" in choice:
                    check_condition((*at, "if"), choice["if"])
                check_paragraphs((*at, "feedback"), choice.get("feedback"))
                effects = mapping(choice.get("effects"))
                for meter in effects:
                    if meter not in meters:
                        file.problem(
                            Code.UNDECLARED_METER,
                            (*at, "effects", meter),
                            f"the meter `{meter}` is not declared under `meters:`"
                            f"{suggest(meter, meters)}",
                            key=True,
                        )
                check_names((*at, "set"), choice.get("set"), flags, "flag")
                ever_set.update(str(name) for name in items(choice.get("set")))
                check_names((*at, "clear"), choice.get("clear"), flags, "flag")
        route = scene.get("route")
        if isinstance(route, list):
            if not route:
                file.problem(
                    Code.EMPTY_ROUTE, (*here, "route"), f"the route of scene `{scene_id}` is empty"
                )
            for i, branch in enumerate(route):
                if not isinstance(branch, dict):
                    continue
                at = (*here, "route", i)
                check_goto(at, branch)
                if "if" in branch:
                    check_condition((*at, "if"), branch["if"])
                last = i == len(route) - 1
                if last and "if" in branch:
                    file.problem(
                        Code.LAST_BRANCH_IF,
                        (*at, "if"),
                        f"the last branch of the route of scene `{scene_id}` must have no "
                        "`if:`, so that the route always leads somewhere",
                    )
                elif not last and "if" not in branch:
                    file.problem(
                        Code.BRANCH_WITHOUT_IF,
                        at,
                        f"this branch of scene `{scene_id}` has no `if:`, so the branches "
                        "after it are never taken",
                        "warning",
                    )

    for ending_id, ending in endings.items():
        if not isinstance(ending, dict):
            continue
        here = ("endings", ending_id)
        check_fact_names(file, (*here, "facts"), ending.get("facts"), facts)
        check_paragraphs((*here, "text"), ending.get("text"))
        if ending.get("kind") == HISTORICAL and not items(ending.get("facts")):
            file.problem(
                Code.HISTORICAL_WITHOUT_FACT,
                here,
                f"historical ending `{ending_id}` must cite at least one fact in `facts:`",
                key=True,
            )

    # A flag no choice sets, once the file has no errors (an error, such as a misspelt
    # `set:`, is the problem to fix first, and says so itself).
    settled = not any(p.severity == "error" for p in file.problems)
    for name, (path, offset) in tested.items():
        if settled and name not in ever_set:
            file.problem_in_text(
                Code.FLAG_NEVER_SET,
                path,
                offset,
                f"in `if:`, no choice sets the flag `{name}` (no `set: [{name}]`), so it is "
                f"always off here{suggest(name, sorted(ever_set))}",
                "warning",
            )

    if settled and isinstance(start_scene, str) and start_scene in scenes:
        _check_a_way_out(file, scenes, endings, start_scene)

    check_marks(file, data)
    check_map(file, data)  # issue 33
    check_topics(file, data)

    for name in targets:
        if name not in reached and name != start_scene:
            group = "scenes" if name in scenes else "endings"
            file.problem(
                Code.NEVER_REACHED,
                (group, name),
                f"{describe((group, name))} is never reached: no `goto:` leads to it",
                "warning",
                key=True,
            )


def _choices_of(
    here: tuple[Step, ...], scene: dict[str, Any]
) -> list[tuple[tuple[Step, ...], Any]]:
    """Each choice of a scene with where it is: its `choices:`, and at a table's scene
    where both sides move (issue 34), each side's `moves:`, checked as choices are."""
    found: list[tuple[tuple[Step, ...], Any]] = [
        ((*here, "choices", i), choice) for i, choice in enumerate(items(scene.get("choices")))
    ]
    for role, moves in mapping(scene.get("moves")).items():
        found += [((*here, "moves", role, i), move) for i, move in enumerate(items(moves))]
    return found


def _gotos(scene: object) -> list[str]:
    """Where a scene's choices and route branches lead, whatever their conditions."""
    scene = mapping(scene)
    steps = [*items(scene.get("choices")), *items(scene.get("route"))]
    return [str(step["goto"]) for step in steps if isinstance(step, dict) and "goto" in step]


def _check_a_way_out(
    file: YamlFile, scenes: dict[str, Any], endings: dict[str, Any], start_scene: str
) -> None:
    """Every scene the student can get to must have a way on to some ending, even if every
    condition were true: otherwise the gotos go round in a loop with no way out. Said once
    for each such loop, at the first of its scenes a student meets (no exploration needed;
    `--strict` finds the loops that conditions close)."""
    leads = {
        name: [t for t in _gotos(scene) if t in scenes or t in endings]
        for name, scene in scenes.items()
    }
    # Scenes from which an ending can be reached: backwards from the endings.
    back: dict[str, list[str]] = {}
    for name, targets in leads.items():
        for target in targets:
            back.setdefault(target, []).append(name)
    can_end: set[str] = set()
    queue = deque(endings)
    while queue:
        for source in back.get(queue.popleft(), []):
            if source not in can_end:
                can_end.add(source)
                queue.append(source)
    # The scenes met from the start, in the order a student meets them.
    order, seen = [start_scene], {start_scene}
    for name in order:
        for target in leads.get(name, []):
            if target in scenes and target not in seen:
                seen.add(target)
                order.append(target)
    covered: set[str] = set()
    for name in order:
        if name in can_end or name in covered:
            continue
        loop, stack = {name}, [name]
        while stack:
            for target in leads.get(stack.pop(), []):
                if target in scenes and target not in loop:
                    loop.add(target)
                    stack.append(target)
        covered |= loop
        others = sorted(loop - {name})
        where = (
            f"the scenes `{name}`, " + ", ".join(f"`{o}`" for o in others)
            if others
            else f"the scene `{name}`"
        )
        file.problem(
            Code.NO_WAY_OUT,
            ("scenes", name),
            f"no ending can be reached from scene `{name}`: its choices and routes only lead "
            f"round {where}. Give one of them a way out: a `goto:` to an ending, or to a scene "
            "that leads to one",
            key=True,
        )
