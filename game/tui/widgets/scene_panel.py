"""The play screen's side panel: the meters, the map and the scene's sources, drawn as
one widget, so that a choice re-renders one thing rather than eight."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.reactive import reactive

from game.content.catalog import Catalog
from game.tui.widgets.drawn_once import DrawnOnce
from game.tui.widgets.fact_panel import facts_table
from game.tui.widgets.kuril_map import map_text
from game.tui.widgets.meter_bar import bar_text


@dataclass(frozen=True)
class MeterReading:
    """One meter as the panel shows it."""

    label: str
    value: int
    low: int
    high: int
    change: int = 0


class ScenePanel(DrawnOnce):
    """Meters (with the change the last choice made), the map of the southern Kurils, and
    the facts behind the scene with their quotes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"scene-panel--title"}

    DEFAULT_CSS = """
    ScenePanel {
        height: auto;
    }
    ScenePanel > .scene-panel--title {
        text-style: bold underline;
        color: $accent;
    }
    """

    highlight: reactive[frozenset[str]] = reactive(frozenset())
    """The islands lit on the map (the map keeps its height, so only a repaint)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.meters: tuple[MeterReading, ...] = ()
        self.sources: RenderableType = Text("")

    def show(
        self,
        meters: Sequence[MeterReading],
        catalog: Catalog,
        fact_ids: Sequence[str],
        highlight: frozenset[str],
    ) -> None:
        """Show a scene: its meters, its sources, and the islands it speaks of."""
        self.meters = tuple(meters)
        self.sources = (
            facts_table(catalog, fact_ids) if fact_ids else Text("No sources for this scene.")
        )
        self.set_reactive(ScenePanel.highlight, highlight)
        self.changed()

    def cache_key(self) -> tuple[object, ...]:
        return (*super().cache_key(), self.highlight)

    def _title(self, words: str) -> Text:
        return Text(words, style=self.get_component_rich_style("scene-panel--title"))

    def content(self) -> RenderableType:
        parts: list[RenderableType] = [Text(""), self._title("Meters")]
        for meter in self.meters:
            parts.append(bar_text(meter.label, meter.value, meter.low, meter.high, meter.change))
            parts.append(Text(""))
        parts += [self._title("Map"), map_text(self.highlight), Text("")]
        parts += [self._title("Sources for this scene"), self.sources]
        return Group(*parts)
