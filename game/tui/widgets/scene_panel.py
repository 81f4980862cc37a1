"""The play screen's side panel: the meters, the map and the scene's sources (a line
each; S opens their quotes), drawn as one widget, so that a choice re-renders one thing
rather than eight."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive

from game.content.catalog import Catalog
from game.content.glossary import Term
from game.content.models import Fact, Source
from game.tui.widgets.drawn_once import DrawnOnce, Part
from game.tui.widgets.fact_panel import fact_lines
from game.tui.widgets.meter_bar import bar_text
from game.tui.widgets.scenario_map import ScenarioMap, map_key, map_renderable

FactAndSource = tuple[Fact, Source | None]

QUOTES_KEY = "Press S for their quotes."
"""Under the scene's sources: the key that opens their quotes (`PlayScreen`)."""


@dataclass(frozen=True)
class MeterReading:
    """One meter as the panel shows it."""

    label: str
    value: int
    low: int
    high: int
    change: int = 0
    # Issue 30, part A: what the meter says of itself (docs/format.md, "Meters").
    marks: tuple[int, ...] = ()
    good: bool | None = None
    """Whether the change helps the student's delegation (None: the meter does not say)."""
    about: tuple[str, ...] = ()
    """Lines under the bar: which way is good, what the meter means, its nearest mark."""


def meter_lines(m: MeterReading, styles: tuple[Style, Style]) -> RenderableType:
    bar = bar_text(m.label, m.value, m.low, m.high, m.change, m.marks, m.good, styles)
    about = [Text(line, style="dim") for line in m.about]
    return Group(bar, *about, Text(""))


class ScenePanel(DrawnOnce):
    """Meters (with the change the last choice made), the scenario's map (if any), and
    the facts behind the scene, a line each (their quotes are a key away)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "scene-panel--title",
        "scene-panel--helps",
        "scene-panel--hurts",
    }

    DEFAULT_CSS = """
    ScenePanel > .scene-panel--title {
        text-style: bold underline;
        color: $accent;
    }
    ScenePanel > .scene-panel--helps {
        text-style: bold;
        color: $text-success;
    }
    ScenePanel > .scene-panel--hurts {
        text-style: bold;
        color: $text-error;
    }
    """

    highlight: reactive[frozenset[str]] = reactive(frozenset(), repaint=False)
    """The islands lit on the map (the map keeps its height, so only a repaint)."""

    def __init__(self, *, id: str | None = None, scenario_map: ScenarioMap = "kurils") -> None:
        super().__init__(id=id)
        self.scenario_map = scenario_map
        """The map shown under the meters (issue 33; None: no map)."""
        self.meters: tuple[MeterReading, ...] = ()
        self.facts: tuple[FactAndSource, ...] = ()
        self.words: tuple[Term, ...] = ()
        """The glossary's terms the scene uses, listed under the sources."""

    def show(
        self,
        meters: Sequence[MeterReading],
        catalog: Catalog,
        fact_ids: Sequence[str],
        highlight: frozenset[str],
    ) -> None:
        """Show a scene: its meters, its sources, and the islands it speaks of."""
        self.meters = tuple(meters)
        self.facts = self.facts_of(catalog, fact_ids)
        self.set_reactive(ScenePanel.highlight, highlight)
        self.changed()

    def draw_ahead_scene(
        self,
        meters: Sequence[MeterReading],
        catalog: Catalog,
        fact_ids: Sequence[str],
        highlights: Iterable[frozenset[str]],
        words: Sequence[Term] = (),
    ) -> None:
        """Draw a scene that may come next (with each of the maps it may light, and the
        glossary's `words` it uses)."""
        facts = self.facts_of(catalog, fact_ids)
        for lit in highlights:
            self.draw_ahead(self.parts_of(tuple(meters), facts, lit))
        self.draw_ahead(self.words_parts(tuple(words)))

    @staticmethod
    def facts_of(catalog: Catalog, fact_ids: Sequence[str]) -> tuple[FactAndSource, ...]:
        found = (catalog.facts.get(fact_id) for fact_id in fact_ids)
        return tuple((f, catalog.sources.get(f.source)) for f in found if f is not None)

    def watch_highlight(self) -> None:
        self.changed()

    def _title(self, words: str) -> Part:
        style = self.get_component_rich_style("scene-panel--title")
        return ("title", words), lambda: Text(words, style=style)

    def parts(self) -> list[Part]:
        return [
            *self.parts_of(self.meters, self.facts, self.highlight),
            *self.words_parts(self.words),
        ]

    def show_words(self, words: Sequence[Term]) -> None:
        """The scene's words from the glossary (drawn with the next `show`)."""
        self.words = tuple(words)

    def words_parts(self, words: tuple[Term, ...]) -> list[Part]:
        """The section "Words": the scene's terms in one line, and the key that says what
        they mean (no section when the scene uses none)."""
        if not words:
            return []
        listed = ", ".join(term.term for term in words)
        return [
            (("blank",), lambda: Text("")),
            self._title("Words"),
            (
                ("words", listed),
                lambda: Group(Text(listed), Text("w: what they mean", style="dim italic")),
            ),
        ]

    def parts_of(
        self,
        meters: tuple[MeterReading, ...],
        facts: tuple[FactAndSource, ...],
        lit: frozenset[str],
    ) -> list[Part]:
        parts: list[Part] = [(("blank",), lambda: Text("")), self._title("Meters")]
        styles = (
            self.get_component_rich_style("scene-panel--helps"),
            self.get_component_rich_style("scene-panel--hurts"),
        )
        parts += [(("meter", m, styles), partial(meter_lines, m, styles)) for m in meters]
        chosen = self.scenario_map
        if chosen is not None:
            parts.append(self._title("Map"))
            parts.append((("map", map_key(chosen), lit), lambda: map_renderable(chosen, lit)))
        parts.append(self._title("Sources for this scene"))
        parts.append(
            (
                ("sources", facts),
                lambda: (
                    fact_lines(facts, QUOTES_KEY) if facts else Text("No sources for this scene.")
                ),
            )
        )
        return parts
