"""The path a student took through a scenario, as a teacher reads it in the attempt CSV."""

from __future__ import annotations

from collections.abc import Sequence

from game.content.models import Scenario
from game.engine import choice_at

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
