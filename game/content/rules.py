"""The rules of FORMAT.md that relate one part of a file to another.

They read the file's plain data (not the models) and guard every step, so that they run
and report even when the models found problems elsewhere in the same file: a teacher
sees every problem at once, not one per attempt.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from game.content.conditions import ConditionError, Flag, MeterRef, names, parse_condition
from game.content.paths import bundled_root
from game.content.wording import describe, suggest
from game.content.yamlfile import YamlFile

Step = str | int


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, str | int) and not isinstance(value, bool):
        return [value]
    return []


def _whole(value: Any, default: int) -> int | None:
    if value is None:
        return default
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def check_fact_names(
    file: YamlFile, path: Sequence[Step], value: Any, facts: Collection[str]
) -> None:
    """Every fact named in the list at `path` is in the fact base."""
    single = not isinstance(value, list)
    for i, name in enumerate(_items(value)):
        name = str(name)
        if name not in facts:
            where = list(path) if single else [*path, i]
            file.problem(
                where,
                f"the fact `{name}` is not in the fact base{suggest(name, facts)} "
                f"({_fact_files_read(facts)}; give another with --facts FILE)",
            )


def _fact_files_read(facts: Collection[str]) -> str:
    """Which fact files were read, in words: where a missing fact was looked for."""
    if not isinstance(facts, Mapping):
        return "facts come from sources/facts.yaml and the fact files given"
    own = (bundled_root() / "sources").resolve()
    names: list[str] = []
    for file in sorted({str(where[0]) for where in facts.values()}):
        name = "the game's own facts" if Path(file).resolve().is_relative_to(own) else file
        if name not in names:
            names.append(name)
    return "the fact files read: " + (", ".join(names) or "none")


_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _check_id_is_file_name(file: YamlFile, data: dict[str, Any], what: str) -> None:
    """The guide asks for a file named after its id: `treaty play ID` and the lists name
    the id, and a teacher looks for the file by it."""
    item_id = data.get("id")
    if isinstance(item_id, str) and _ID.fullmatch(item_id) and file.path.stem != item_id:
        file.problem(
            ("id",),
            f"this {what}'s id is `{item_id}` but its file is `{file.path.name}`; name the "
            f"file `{item_id}{file.path.suffix}` (or change the id) so that they match",
            "warning",
        )


def check_scenario(file: YamlFile, facts: Collection[str]) -> None:
    data = _mapping(file.data)
    _check_id_is_file_name(file, data, "scenario")
    meters = _mapping(data.get("meters"))
    raw_flags = data.get("flags")
    flags = [str(f) for f in (raw_flags if isinstance(raw_flags, dict) else _items(raw_flags))]
    scenes = _mapping(data.get("scenes"))
    endings = _mapping(data.get("endings"))
    targets = {*scenes, *endings}

    for name in endings:
        if name in scenes:
            file.problem(
                ("endings", name),
                f"`{name}` is both a scene and an ending; give them different ids",
                key=True,
            )

    seen_flags: set[str] = set()
    for i, flag in enumerate(flags):
        if flag in seen_flags:
            file.problem(("flags", i), f"the flag `{flag}` is declared twice")
        seen_flags.add(flag)

    for name, meter in meters.items():
        meter = _mapping(meter)
        low, high = _whole(meter.get("min"), 0), _whole(meter.get("max"), 100)
        start = _whole(meter.get("start"), 0) if "start" in meter else None
        if low is None or high is None:
            continue
        if low >= high:
            bound = "max" if "max" in meter else "min"
            file.problem(
                ("meters", name, bound),
                f"meter `{name}`: min ({low}) must be less than max ({high})",
            )
        elif start is not None and not low <= start <= high:
            file.problem(
                ("meters", name, "start"),
                f"meter `{name}` starts at {start}, outside its range {low} to {high}",
            )

    start_scene = data.get("start")
    if isinstance(start_scene, str):
        if start_scene in endings:
            file.problem(("start",), f"`start: {start_scene}` is an ending; start at a scene")
        elif start_scene not in scenes:
            file.problem(
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
                (*path, "goto"),
                f"`goto: {target}` names no scene or ending in this file{suggest(target, targets)}",
            )

    def check_names(path: tuple[Step, ...], names: Any, declared: list[str], what: str) -> None:
        single = not isinstance(names, list)
        for i, name in enumerate(_items(names)):
            name = str(name)
            if name not in declared:
                where = path if single else (*path, i)
                file.problem(
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
            if isinstance(ref, Flag) and name not in flags and name in meters:
                message = (
                    f"`{name}` is a meter, not a yes/no flag: compare it with a number, "
                    f"like `{name} >= 50`"
                )
            elif isinstance(ref, MeterRef) and name not in meters and name in flags:
                message = (
                    f"`{name}` is a flag (yes or no), so it cannot be compared: write it "
                    f"alone, or `not {name}`"
                )
            elif name not in meters and name not in flags:
                declared = [*meters, *flags]
                message = f"`{name}` is not a declared meter or flag{suggest(name, declared)}"
            else:
                if isinstance(ref, Flag):
                    tested.setdefault(name, (path, ref.offset))
                continue
            file.problem_in_text(path, ref.offset, f"in `if:`, {message}")

    for scene_id, scene in scenes.items():
        if not isinstance(scene, dict):
            continue
        here: tuple[Step, ...] = ("scenes", scene_id)
        has_choices, has_route = "choices" in scene, "route" in scene
        if has_choices and has_route:
            file.problem(
                here,
                f"scene `{scene_id}` has both `choices:` and `route:`; a scene either lets "
                "the player choose or routes on its own: keep one",
                key=True,
            )
        elif not has_choices and not has_route:
            file.problem(
                here,
                f"scene `{scene_id}` has neither `choices:` nor `route:`; add choices for "
                "the player, or a route to the next scene or ending",
                key=True,
            )
        check_fact_names(file, (*here, "facts"), scene.get("facts"), facts)
        choices = scene.get("choices")
        if isinstance(choices, list):
            if not choices:
                file.problem((*here, "choices"), f"scene `{scene_id}` needs at least one choice")
            for i, choice in enumerate(choices):
                if not isinstance(choice, dict):
                    continue
                at = (*here, "choices", i)
                check_goto(at, choice)
                if "if" in choice:
                    check_condition((*at, "if"), choice["if"])
                effects = _mapping(choice.get("effects"))
                for meter in effects:
                    if meter not in meters:
                        file.problem(
                            (*at, "effects", meter),
                            f"the meter `{meter}` is not declared under `meters:`"
                            f"{suggest(meter, meters)}",
                            key=True,
                        )
                check_names((*at, "set"), choice.get("set"), flags, "flag")
                ever_set.update(str(name) for name in _items(choice.get("set")))
                check_names((*at, "clear"), choice.get("clear"), flags, "flag")
        route = scene.get("route")
        if isinstance(route, list):
            if not route:
                file.problem((*here, "route"), f"the route of scene `{scene_id}` is empty")
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
                        (*at, "if"),
                        f"the last branch of the route of scene `{scene_id}` must have no "
                        "`if:`, so that the route always leads somewhere",
                    )
                elif not last and "if" not in branch:
                    file.problem(
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
        if ending.get("kind") == "historical" and not _items(ending.get("facts")):
            file.problem(
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
                path,
                offset,
                f"in `if:`, no choice sets the flag `{name}` (no `set: [{name}]`), so it is "
                f"always off here{suggest(name, sorted(ever_set))}",
                "warning",
            )

    if settled and isinstance(start_scene, str) and start_scene in scenes:
        _check_a_way_out(file, scenes, endings, start_scene)

    for name in targets:
        if name not in reached and name != start_scene:
            group = "scenes" if name in scenes else "endings"
            file.problem(
                (group, name),
                f"{describe((group, name))} is never reached: no `goto:` leads to it",
                "warning",
                key=True,
            )


def _gotos(scene: object) -> list[str]:
    """Where a scene's choices and route branches lead, whatever their conditions."""
    scene = _mapping(scene)
    steps = [*_items(scene.get("choices")), *_items(scene.get("route"))]
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
            ("scenes", name),
            f"no ending can be reached from scene `{name}`: its choices and routes only lead "
            f"round {where}. Give one of them a way out: a `goto:` to an ending, or to a scene "
            "that leads to one",
            key=True,
        )


_CURLY = "“”‘’„«»"


def check_quiz(file: YamlFile, facts: Collection[str]) -> None:
    data = _mapping(file.data)
    _check_id_is_file_name(file, data, "quiz")
    questions = data.get("questions")
    if not isinstance(questions, list):
        return
    first_seen: dict[str, int] = {}
    for i, question in enumerate(questions):
        if not isinstance(question, dict):
            continue
        here: tuple[Step, ...] = ("questions", i)
        qid = question.get("id")
        if qid is not None:
            qid = str(qid)
            if qid in first_seen:
                line, _ = file.locate(("questions", first_seen[qid], "id"))
                file.problem(
                    (*here, "id"),
                    f"the question id `{qid}` is used twice (first on line {line}); "
                    "each question needs its own id",
                )
            else:
                first_seen[qid] = i
        check_fact_names(file, (*here, "facts"), question.get("facts"), facts)
        kind = question.get("type")
        for key in ("options", "items"):
            values = question.get(key)
            if isinstance(values, list):
                seen: set[str] = set()
                for j, option in enumerate(values):
                    text = str(option)
                    if text in seen:
                        file.problem(
                            (*here, key, j),
                            f"`{text}` is listed twice in {key}; each must be different",
                        )
                    seen.add(text)
        if kind == "match":
            matched: dict[str, str] = {}
            for left, right in _mapping(question.get("pairs")).items():
                first = matched.setdefault(str(right), str(left))
                if first != str(left):
                    file.problem(
                        (*here, "pairs", left),
                        f"`{first}` and `{left}` have the same match, `{right}`: it is shown "
                        "once in the list of matches, so a student may think one of them has "
                        "none. Give each item its own match",
                        "warning",
                        key=True,
                    )
        raw_options = _items(question.get("options"))
        options = [str(o) for o in raw_options]
        answer = question.get("answer")
        # Options YAML read as true/false are reported already, with what to do about them.
        readable = not any(isinstance(o, bool) for o in raw_options)
        if kind in ("choice", "multi") and options and answer is not None and readable:
            single = not isinstance(answer, list)
            if kind == "choice" and not single:
                continue
            for j, given in enumerate(_items(answer)):
                given = str(given)
                if given not in options:
                    curled = [o for o in options if o.strip(_CURLY) == given.strip(_CURLY)]
                    hint = (
                        f": the option is written with curly quotes (`{curled[0]}`, pasted from "
                        "a word processor), which YAML keeps as part of the text. Write the "
                        f'option with straight quotes: "{given.strip(_CURLY)}"'
                        if curled
                        else suggest(given, options)
                    )
                    file.problem(
                        (*here, "answer") if single else (*here, "answer", j),
                        f"the answer `{given}` is not one of the options{hint}",
                    )


def check_fact_file(
    file: YamlFile, sources: Collection[str], defined: dict[str, tuple[str, int]]
) -> None:
    """Each fact names a declared source; fact ids are not defined twice across files."""
    data = _mapping(file.data)
    for fact_id, fact in _mapping(data.get("facts")).items():
        if fact_id in defined and defined[fact_id][0] != file.name:
            other, line = defined[fact_id]
            file.problem(
                ("facts", fact_id),
                f"the fact `{fact_id}` is also defined in {other} (line {line}); "
                "fact ids must be unique",
                key=True,
            )
        if _mapping(fact).get("year_inferred") is True and "year" not in _mapping(fact):
            file.problem(
                ("facts", fact_id, "year_inferred"),
                f"fact `{fact_id}` says its year is inferred but gives no `year:`",
            )
        source = _mapping(fact).get("source")
        if source is not None and str(source) not in sources:
            file.problem(
                ("facts", fact_id, "source"),
                f"the source `{source}` is not declared under `sources:`"
                f"{suggest(str(source), sources)}",
            )
