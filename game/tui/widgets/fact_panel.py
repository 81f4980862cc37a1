"""The facts behind what is on screen: each fact, its quote and its source."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.widgets import Static

from game.content.catalog import Catalog
from game.content.citation import citation, outlet_name
from game.content.models import Fact, Source


def facts_table(catalog: Catalog, fact_ids: Sequence[str], *, quotes: bool = True) -> Group:
    """Each fact as a bullet: its text, its quote, and where the quote comes from."""
    found = (catalog.facts.get(fact_id) for fact_id in fact_ids)
    facts = [(fact, catalog.sources.get(fact.source)) for fact in found if fact is not None]
    return facts_group(facts, quotes=quotes)


def facts_group(facts: Iterable[tuple[Fact, Source | None]], *, quotes: bool = True) -> Group:
    """Facts (with their sources) as bullets."""
    parts: list[Text | Padding] = []
    for fact, source in facts:
        if parts:
            parts.append(Text(""))
        parts.append(Text("• " + " ".join(fact.text.split())))
        detail = Text()
        if quotes:
            detail.append("“" + " ".join(fact.quote.split()) + "”\n", style="italic")
        if source is not None:
            detail.append(f"— {citation(source)}", style="dim")
        parts.append(Padding(detail, (0, 0, 0, 2)))
    return Group(*parts)


def fact_line(fact: Fact, source: Source | None) -> Text:
    """A fact as one line, its outlet first: "• TASS: Under the 1951 San Francisco…"
    (cut with an ellipsis where the line is too narrow)."""
    line = Text("• ", no_wrap=True, overflow="ellipsis")
    line.append(outlet_name(source), style="bold")
    line.append(": " + " ".join(fact.text.split()))
    return line


def fact_lines(facts: Iterable[tuple[Fact, Source | None]], hint: str = "") -> Group:
    """Facts (with their sources) a line each, and a hint under them."""
    lines: list[Text] = [fact_line(fact, source) for fact, source in facts]
    if hint:
        lines.append(Text(hint, style="dim italic"))
    return Group(*lines)


class FactPanel(Static):
    """A panel of facts with their quotes and sources."""

    DEFAULT_CSS = """
    FactPanel {
        height: auto;
        padding: 0 1;
    }
    """

    shown_text = ""
    """What the panel shows, as plain text."""

    def show(self, catalog: Catalog, fact_ids: Sequence[str]) -> None:
        if fact_ids:
            group = facts_table(catalog, fact_ids)
            self.update(group)
            self.shown_text = "\n".join(
                part.plain if isinstance(part, Text) else str(getattr(part.renderable, "plain", ""))
                for part in group.renderables
                if isinstance(part, Text | Padding)
            )
        else:
            self.update(Text("No sources for this scene."))
            self.shown_text = "No sources for this scene."
