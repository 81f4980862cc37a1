"""The timeline: the facts by year, each opening its quote and source, with the
scenarios in their place."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.content.fact_dates import date_words, short_date, timeline_order
from game.content.scenario_title import title_with_year
from game.tui.messages import OpenScenario
from game.tui.screens.base import TreatyScreen
from game.tui.widgets.fact_panel import FactPanel


class TimelineScreen(TreatyScreen):
    """From 1855 to 2020."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Timeline", classes="screen-title", markup=False)
        yield Static(
            "↑ ↓ (or a click) opens a fact's quote and source; Enter on a ★ scenario opens it.",
            classes="hint",
            markup=False,
        )
        with Horizontal(id="timeline"):
            yield OptionList(id="timeline-list", markup=False)
            with VerticalScroll(id="timeline-detail"):
                yield Static(id="timeline-heading", markup=False)
                yield FactPanel(id="timeline-fact")
        yield Footer()

    def on_mount(self) -> None:
        catalog = self.catalog
        entries: list[tuple[int, int, str, Text]] = []
        # The facts of a year by date, then as their `after:` says (game.content.fact_dates).
        for place, fact_id in enumerate(timeline_order(catalog.facts)):
            fact = catalog.facts[fact_id]
            assert fact.year is not None
            text = Text(f"{fact.year}", style="bold")
            if fact.year_inferred:
                text.append("*", style="bold")
            if fact.month is not None:
                text.append(" " + short_date(fact), style="bold")
            text.append("  " + " ".join(fact.text.split()))
            entries.append((fact.year, 1 + place, f"fact:{fact_id}", text))
        for scenario in catalog.scenarios.values():
            text = Text(f"{scenario.year}  ★ Scenario: {scenario.title}", style="bold reverse")
            entries.append((scenario.year, 0, f"scenario:{scenario.id}", text))
        entries.sort(key=lambda e: (e[0], e[1], e[2]))
        listing = self.query_one("#timeline-list", OptionList)
        listing.add_options(Option(text, id=key) for _, _, key, text in entries)
        listing.highlighted = 0 if entries else None
        listing.focus()

    @on(OptionList.OptionHighlighted, "#timeline-list")
    def opened(self, event: OptionList.OptionHighlighted) -> None:
        kind, _, key = (event.option_id or "").partition(":")
        heading = self.query_one("#timeline-heading", Static)
        panel = self.query_one("#timeline-fact", FactPanel)
        if kind == "fact":
            fact = self.catalog.facts[key]
            when = date_words(fact) + (
                " (year inferred from the report's date)" if fact.year_inferred else ""
            )
            heading.update(when)
            panel.show(self.catalog, [key])
        elif kind == "scenario":
            scenario = self.catalog.scenarios[key]
            heading.update(f"Scenario: {title_with_year(scenario)}")
            panel.update(
                Text(" ".join(scenario.summary.split()) + "\n\nPress Enter to open its briefing.")
            )

    @on(OptionList.OptionSelected, "#timeline-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        kind, _, key = (event.option_id or "").partition(":")
        if kind == "scenario":
            self.ask(OpenScenario(self.catalog.scenarios[key]))
