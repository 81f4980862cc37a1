"""The scenario list: year, the delegation you lead, and a summary; sorted by year."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.content.scenario_title import title_with_year
from game.tui.messages import OpenScenario
from game.tui.screens.base import TreatyScreen

if TYPE_CHECKING:
    from game.content.catalog import Catalog


def _prompt(title: str, role: str, summary: str, yours: bool = False) -> Text:
    """A scenario's entry: its title (with its year, when the title does not give it)."""
    text = Text()
    text.append(title, style="bold")
    if yours:
        text.append("  ")
        text.append(" yours ", style="reverse")
    text.append(f"\nYou lead {role}'s delegation\n", style="italic")
    text.append(" ".join(summary.split()) + "\n")
    return text


class ScenarioListScreen(TreatyScreen):
    """Every scenario, oldest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Scenarios", classes="screen-title", markup=False)
        yield Static(
            "Choose a negotiation with ↑ and ↓ and press Enter to read its briefing.",
            classes="hint",
            markup=False,
        )
        yield OptionList(id="scenario-list", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "catalog", self.show_catalog)

    def show_catalog(self, catalog: Catalog | None) -> None:
        listing = self.query_one("#scenario-list", OptionList)
        listing.clear_options()
        if catalog is None:
            listing.add_option(Option("Loading the scenarios…", disabled=True))
            return
        scenarios = sorted(catalog.scenarios.values(), key=lambda s: (s.year, s.id))
        for scenario in scenarios:
            yours = catalog.is_yours("scenario", scenario.id)
            prompt = _prompt(
                title_with_year(scenario), scenario.delegation, scenario.summary, yours
            )
            listing.add_option(Option(prompt, id=scenario.id))
        if not scenarios:
            listing.add_option(Option("No scenarios found.", disabled=True))
        listing.highlighted = 0 if scenarios else None
        listing.focus()

    @on(OptionList.OptionSelected, "#scenario-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        catalog = self.session.catalog
        if catalog is not None and event.option_id in catalog.scenarios:
            self.ask(OpenScenario(catalog.scenarios[event.option_id]))
