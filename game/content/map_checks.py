"""The checks of a scenario's `map:` and `topics:` (issue 33) that relate one part of the
file to another: a map the game has, places inside their picture, a picture the side
panel can show, places some scene names, and choices' topics among the file's topics.

Like `scenario_checks`, they read the file's plain data, so they report even when the
models found problems elsewhere in the file.
"""

from __future__ import annotations

from typing import Any

from game.content.checks import mapping
from game.content.codes import Code
from game.content.maps import cells, picture_rows, places_in
from game.content.table_models import is_table_data
from game.content.vocabulary import (
    DEFAULT_TOPIC,
    DEFAULT_TOPIC_LABELS,
    KURIL_ISLANDS,
    MAP_MAX_HEIGHT,
    MAP_MAX_WIDTH,
    MAP_NAMES,
)
from game.content.wording import one_of, suggest
from game.content.yamlfile import YamlFile


def check_map(file: YamlFile, data: dict[str, Any]) -> None:
    """`map:` names one of the game's maps, or draws a picture whose places are on it."""
    chosen = data.get("map")
    if "map" not in data:
        if is_table_data(data):
            return  # a table has no `map:` (issue 34): nothing to suggest
        named = places_in(_scene_texts(data), dict.fromkeys(KURIL_ISLANDS))
        if named:
            islands = ", ".join(i for i in KURIL_ISLANDS if i in named)
            file.problem(
                Code.KURIL_MAP_LEFT_OUT,
                ("id",),
                f"this scenario's scenes name {islands} but it has no `map:`, so no map is "
                "shown beside them; add `map: kurils` for the map of the southern Kurils",
                "warning",
                key=True,
            )
        return
    if isinstance(chosen, str):
        if chosen not in MAP_NAMES:
            file.problem(
                Code.UNKNOWN_MAP,
                ("map",),
                f"`map: {chosen}` is not one of the game's maps; use {one_of(list(MAP_NAMES))}, "
                "or draw your own with `picture:` and `places:`, or leave `map:` out for no "
                f"map{suggest(chosen, MAP_NAMES)}",
            )
        return
    if not isinstance(chosen, dict) or not isinstance(chosen.get("picture"), str):
        return  # no map, or its shape is reported with the file's structure
    rows = picture_rows(chosen["picture"])
    if not rows:
        file.problem(
            Code.EMPTY_TEXT,
            ("map", "picture"),
            "the map's `picture` is empty; draw the map in characters on the lines after "
            "`picture: |`",
        )
        return
    wide = max(range(len(rows)), key=lambda i: cells(rows[i]))
    if cells(rows[wide]) > MAP_MAX_WIDTH:
        file.problem(
            Code.PICTURE_TOO_LARGE,
            ("map", "picture"),
            f"row {wide} of the map's picture is {cells(rows[wide])} characters wide; the side "
            f"panel shows {MAP_MAX_WIDTH}: draw it narrower",
        )
    if len(rows) > MAP_MAX_HEIGHT:
        file.problem(
            Code.PICTURE_TOO_LARGE,
            ("map", "picture"),
            f"the map's picture has {len(rows)} rows; the side panel shows up to "
            f"{MAP_MAX_HEIGHT} beside the meters: draw it shorter",
        )
    places = mapping(chosen.get("places"))
    for name, place in places.items():
        if not _is_place(place):
            continue  # reported with the file's structure
        row, column = place
        if row >= len(rows):
            file.problem(
                Code.PLACE_OUTSIDE_PICTURE,
                ("map", "places", name),
                f"the place `{name}` is on row {row}, but the picture has rows 0 to "
                f"{len(rows) - 1} (rows and columns count from 0)",
            )
        elif column >= len(rows[row]) or not rows[row][column].strip():
            file.problem(
                Code.PLACE_OUTSIDE_PICTURE,
                ("map", "places", name),
                f"the place `{name}` is at column {column} of row {row}, where the picture "
                f"has {'a space' if column < len(rows[row]) else 'nothing'}; put it on the "
                f"first letter of its label (row {row}: `{rows[row].rstrip()}`)",
            )
    named = places_in(_scene_texts(data), {str(name): None for name in places})
    for name in places:
        if str(name) not in named and str(name).strip():
            file.problem(
                Code.PLACE_NEVER_NAMED,
                ("map", "places", name),
                f"no scene or choice names the place `{name}`, so it is never highlighted",
                "warning",
                key=True,
            )


def _is_place(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
    )


def _scene_texts(data: dict[str, Any]) -> list[str]:
    """Every scene's text (each paragraph of one written as a list) and choice's text."""
    texts: list[str] = []

    def add(passage: Any) -> None:
        for part in passage if isinstance(passage, list) else [passage]:
            if isinstance(part, dict):
                part = part.get("text")
            if isinstance(part, str):
                texts.append(part)

    for scene in mapping(data.get("scenes")).values():
        scene = mapping(scene)
        add(scene.get("text"))
        choices = scene.get("choices")
        for choice in choices if isinstance(choices, list) else []:
            add(mapping(choice).get("text"))
    return texts


def check_topics(file: YamlFile, data: dict[str, Any]) -> None:
    """Each choice's `topic:` is one of the file's `topics:` (without them, one of the
    five of format 1), or the default topic."""
    declared = data.get("topics")
    if declared is None:
        names = list(DEFAULT_TOPIC_LABELS)
    elif isinstance(declared, dict):
        names = [str(name) for name in declared]
        names += [DEFAULT_TOPIC] if DEFAULT_TOPIC not in names else []
    else:
        return  # reported with the file's structure
    for scene_id, scene in mapping(data.get("scenes")).items():
        choices = mapping(scene).get("choices")
        for i, choice in enumerate(choices if isinstance(choices, list) else ()):
            topic = mapping(choice).get("topic")
            if isinstance(topic, bool) or not isinstance(topic, str | int):
                continue
            topic = getattr(topic, "written", "") or str(topic)
            if topic not in names:
                file.problem(
                    Code.NOT_ALLOWED_WORD,
                    ("scenes", scene_id, "choices", i, "topic"),
                    f"`topic: {topic}` is not allowed; use {one_of(names)}{suggest(topic, names)}",
                )
