"""The facts behind what is on screen: each fact, its quote and its source."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from game.content.catalog import Catalog


def facts_table(catalog: Catalog, fact_ids: Sequence[str], *, quotes: bool = True) -> Table:
    """Each fact as a bullet: its text, its quote, and where the quote comes from."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(ratio=1)
    for i, fact_id in enumerate(fact_ids):
        fact = catalog.facts.get(fact_id)
        if fact is None:
            continue
        if i:
            table.add_row(Text(""), Text(""))
        table.add_row(Text("•"), Text(" ".join(fact.text.split())))
        if quotes:
            table.add_row(Text(""), Text("“" + " ".join(fact.quote.split()) + "”", style="italic"))
        source = catalog.sources.get(fact.source)
        if source is not None:
            cite = f"— {source.outlet}, “{source.headline}”, {source.dateline}"
            table.add_row(Text(""), Text(cite, style="dim"))
    return table


class FactPanel(Static):
    """A panel of facts with their quotes and sources."""

    DEFAULT_CSS = """
    FactPanel {
        height: auto;
        padding: 0 1;
    }
    """

    def show(self, catalog: Catalog, fact_ids: Sequence[str]) -> None:
        if fact_ids:
            self.update(facts_table(catalog, fact_ids))
        else:
            self.update(Text("No sources for this scene."))
