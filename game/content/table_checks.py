"""The checks of a table (issue 34: two delegations at one table) that relate one part of
the file to another, beside every check of a scenario (`scenario_checks`), which a table
keeps. Like the other checks they read the file's plain data, not the models.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from game.content.checks import Step, check_fact_names, items, mapping
from game.content.codes import Code
from game.content.scenario_checks import check_scenario
from game.content.wording import suggest
from game.content.yamlfile import YamlFile


def check_table(file: YamlFile, facts: Collection[str]) -> None:
    """Every check of one table file: a scenario's, then a table's own."""
    check_scenario(file, facts)
    data = mapping(file.data)
    roles = mapping(data.get("roles"))
    role_ids = [str(r) for r in roles]
    if isinstance(data.get("roles"), dict) and len(roles) != 2:
        file.problem(
            Code.ROLES_NOT_TWO,
            ("roles",),
            f"a table has exactly two roles under `roles:` (one for each delegation); "
            f"this one has {len(roles)}",
            key=True,
        )
    if "role" in data:
        file.problem(
            Code.ROLE_AND_ROLES,
            ("role",),
            "`role:` and `roles:` together: a table has `roles:` in place of `role:`; "
            "remove `role:`",
            key=True,
        )
    for role_id, role in roles.items():
        check_fact_names(file, ("roles", role_id, "facts"), mapping(role).get("facts"), facts)

    def side(path: tuple[Step, ...], value: Any) -> None:
        if len(role_ids) != 2 or not isinstance(value, str | int) or isinstance(value, bool):
            return  # reported with the roles, or with the file's structure
        if str(value) not in role_ids:
            file.problem(
                Code.UNKNOWN_SIDE,
                (*path, "side"),
                f"`side: {value}` names no role under `roles:`{suggest(str(value), role_ids)} "
                f"(the roles are {_listed(role_ids)})",
            )

    def role_keys(path: tuple[Step, ...], value: Any, what: str) -> None:
        if len(role_ids) != 2:
            return  # reported with the roles
        for key in mapping(value):
            if str(key) not in role_ids:
                file.problem(
                    Code.MOVES_UNKNOWN_ROLE,
                    (*path, key),
                    f"{what} for `{key}`, which is not a role under `roles:`"
                    f"{suggest(str(key), role_ids)} (the roles are {_listed(role_ids)})",
                    key=True,
                )

    for name, meter in mapping(data.get("meters")).items():
        meter = mapping(meter)
        side(("meters", name), meter.get("side"))
        if isinstance(meter.get("good"), dict):
            role_keys(("meters", name, "good"), meter["good"], "`good:`")
    flags = data.get("flags")
    for name, flag in (flags if isinstance(flags, dict) else {}).items():
        if isinstance(flag, dict):
            side(("flags", name), flag.get("side"))

    for scene_id, scene in mapping(data.get("scenes")).items():
        if not isinstance(scene, dict):
            continue
        here: tuple[Step, ...] = ("scenes", scene_id)
        side(here, scene.get("side"))
        _check_paragraph_sides((*here, "text"), scene.get("text"), side)
        if "moves" in scene:
            _check_moves(file, here, scene, role_ids, role_keys)
            continue
        if "choices" in scene and scene.get("side") is None:
            file.problem(
                Code.CHOICES_WITHOUT_SIDE,
                here,
                f"scene `{scene_id}` has `choices:` but no `side:`: at a table, say which "
                f"side plays it (`side: {role_ids[0] if role_ids else 'ROLE'}`), or give both "
                "sides `moves:` and a `route:`",
                key=True,
            )
        if "side" in scene:
            for i, choice in enumerate(items(scene.get("choices"))):
                if isinstance(choice, dict) and choice.get("goto") is None:
                    file.problem(
                        Code.SIDE_CHOICE_WITHOUT_GOTO,
                        (*here, "choices", i),
                        f"this choice of scene `{scene_id}` (played by one side) needs a "
                        "`goto:`: the scene or ending it leads to",
                    )
    for ending_id, ending in mapping(data.get("endings")).items():
        here = ("endings", ending_id)
        _check_paragraph_sides((*here, "text"), mapping(ending).get("text"), side)
        role_keys((*here, "for"), mapping(ending).get("for"), "a debrief")


def _check_paragraph_sides(path: tuple[Step, ...], passage: Any, side: Any) -> None:
    for i, paragraph in enumerate(passage if isinstance(passage, list) else ()):
        if isinstance(paragraph, dict) and "side" in paragraph:
            side((*path, i), paragraph["side"])


def _check_moves(
    file: YamlFile,
    here: tuple[Step, ...],
    scene: dict[str, Any],
    role_ids: list[str],
    role_keys: Any,
) -> None:
    scene_id = here[-1]
    if "choices" in scene or "side" in scene:
        other = "choices" if "choices" in scene else "side"
        file.problem(
            Code.MOVES_AND_CHOICES,
            (*here, other),
            f"scene `{scene_id}` has `moves:` and `{other}:`; at a `moves:` scene both "
            "sides move at once: keep `moves:`, or make it a scene one side plays "
            "(`side:` and `choices:`)",
            key=True,
        )
    if "route" not in scene:
        file.problem(
            Code.MOVES_WITHOUT_ROUTE,
            here,
            f"scene `{scene_id}` has `moves:` but no `route:`: after both sides move, the "
            "route says where the table goes; add one (its last branch without `if:`)",
            key=True,
        )
    moves = scene.get("moves")
    role_keys((*here, "moves"), moves, "moves")
    if isinstance(moves, dict):
        for role in role_ids:
            if not items(moves.get(role)):
                file.problem(
                    Code.MOVES_MISSING_ROLE,
                    (*here, "moves"),
                    f"scene `{scene_id}` has no moves for `{role}`: at a `moves:` scene "
                    "both sides move; give each side at least one move (or make it a scene "
                    "one side plays, with `side:` and `choices:`)",
                    key=True,
                )
        for role, role_moves in moves.items():
            for i, move in enumerate(items(role_moves)):
                if isinstance(move, dict) and "goto" in move:
                    file.problem(
                        Code.MOVE_WITH_GOTO,
                        (*here, "moves", role, i, "goto"),
                        "a move has no `goto:`: after both sides move, the scene's "
                        "`route:` says where the table goes; remove it (and test the "
                        "move's flags in the route)",
                        key=True,
                    )


def _listed(role_ids: list[str]) -> str:
    return " and ".join(f"`{r}`" for r in role_ids) or "none yet"
