"""The map beside a scenario's scenes (issue 33): the game's own Kuril map (`map: kurils`)
or a teacher's picture with its places, each highlighted when the scene names it; a
scenario without `map:` has none."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable

from rich.console import Group, RenderableType
from rich.text import Text

from game.content.maps import picture_rows, place_span, places_in
from game.content.models import MapPicture
from game.tui.widgets.kuril_map import islands_in, map_text

ScenarioMap = str | MapPicture | None
"""A scenario's `map:`: the name of one of the game's maps, a picture, or no map."""

MAP_KEY = Text("CAPITALS◂ = named in this scene", style="dim italic")
"""What a lit island means (its name in capitals, with a pointer: no colour needed)."""


def places_lit(chosen: ScenarioMap, texts: Iterable[str]) -> frozenset[str]:
    """The places of the map that these texts name."""
    if chosen is None:
        return frozenset()
    if isinstance(chosen, MapPicture):
        return places_in(texts, chosen.places)
    return islands_in(texts)


def map_key(chosen: ScenarioMap) -> Hashable:
    """What a drawing of the map depends on, besides what is lit."""
    if isinstance(chosen, MapPicture):
        return chosen.picture, tuple(chosen.places.items())
    return chosen


def picture_text(picture: MapPicture, lit: Collection[str]) -> Text:
    """A teacher's picture, the label of each lit place in reverse video (seen without
    colour too)."""
    rows = picture_rows(picture.picture)
    spans: dict[int, list[tuple[int, int]]] = {}
    for name in sorted(lit):
        if name in picture.places:
            at, column = picture.places[name]
            if at < len(rows):
                spans.setdefault(at, []).append(place_span(rows[at], column))
    text = Text(no_wrap=True, overflow="crop")
    for number, row in enumerate(rows):
        if number:
            text.append("\n")
        line = Text(row)
        for start, end in spans.get(number, []):
            line.stylize("bold reverse", start, end)
        text.append_text(line)
    return text


def named_line(picture: MapPicture, lit: Collection[str]) -> Text:
    """The key above a teacher's picture: which places the scene names (above it, so
    that it is in sight at 80×24 however tall the picture is)."""
    names = [name for name in picture.places if name in lit]
    line = Text("Named in this scene: ", style="dim italic")
    line.append(", ".join(names) if names else "none", style="italic")
    return line


def map_renderable(chosen: ScenarioMap, lit: frozenset[str]) -> RenderableType:
    """The map with what is lit, its key, and a blank line (a teacher's picture has its
    key first)."""
    if isinstance(chosen, MapPicture):
        return Group(named_line(chosen, lit), picture_text(chosen, lit), Text(""))
    return Group(map_text(lit), MAP_KEY, Text(""))
