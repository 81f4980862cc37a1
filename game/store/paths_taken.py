"""The path a student took through a scenario, as a teacher reads it in the attempt CSV."""

from __future__ import annotations

from collections.abc import Sequence

from game.content.models import Scenario
from game.content.table_models import Table
from game.engine import choice_at
from game.engine.table import moves_of

PATH_SEPARATOR = " | "
"""Between the choices of a path, in the attempt CSV."""


def path_text(path: Sequence[tuple[str, int]], scenario: Scenario | None) -> str:
    """The choices of `path` as a teacher reads them, in order: "scene: choice text",
    the scene by its title when it has one; a choice the file no longer has (or a
    scenario no longer in the content) by its number."""
    steps: list[str] = []
    for scene_id, number in path:
        scene = scenario.scenes.get(scene_id) if scenario is not None else None
        choice = choice_at(scenario, scene_id, number) if scenario is not None else None
        where = " ".join((scene.title or scene_id).split()) if scene is not None else scene_id
        what = " ".join(choice.text.split()) if choice is not None else f"choice {number}"
        steps.append(f"{where}: {what}")
    return PATH_SEPARATOR.join(steps)


def table_path_text(
    turns: Sequence[tuple[str, Sequence[tuple[str, int]]]], table: Table | None
) -> str:
    """A table's steps as a teacher reads them: "scene: Side: move + Side: move", the
    scene by its title, each side by its name, each move by its text, when the table is
    in the content and still has them (else by their ids and numbers)."""
    steps: list[str] = []
    for scene_id, turn in turns:
        scene = table.scenes.get(scene_id) if table is not None else None
        where = " ".join((scene.title or scene_id).split()) if scene is not None else scene_id
        moves: list[str] = []
        for side, number in turn:
            role = table.roles.get(side) if table is not None else None
            made = moves_of(table, scene_id, side) if table is not None and scene else ()
            what = " ".join(made[number - 1].text.split()) if 0 < number <= len(made) else ""
            moves.append(f"{role.name if role else side}: {what or f'move {number}'}")
        steps.append(f"{where}: {' + '.join(moves)}")
    return PATH_SEPARATOR.join(steps)
