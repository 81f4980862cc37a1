"""The scenario list: year, the delegation you lead, and a summary; sorted by year. A
table (two delegations, two students at one keyboard) is listed among them, marked
"Two delegations" with the sides it has; `tables_only` lists the tables alone."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.content.paths import bundled_root
from game.content.scenario_title import title_with_year
from game.tui.messages import OpenScenario, OpenTable
from game.tui.screens.base import TreatyScreen

if TYPE_CHECKING:
    from game.content.catalog import Catalog
    from game.content.table_models import Table

HINT = (
    "Choose a negotiation with ↑ and ↓ and press Enter: a scenario opens its briefing; a table "
    "(two delegations) asks who plays each side."
)
"""What Enter does, for a scenario and for a table."""

TABLE_ID = "table:"
"""Before a table's id in the list (a table and a scenario may share an id)."""


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


def _table_prompt(table: Table, yours: bool = False) -> Text:
    """A table's entry: marked for two players, its title, and the sides it has. The mark
    starts the line, so that at 80 columns it never breaks in two ("Two / delegations"):
    only the title after it wraps."""
    from game.tui.table_saves import TWO_DELEGATIONS

    text = Text()
    text.append(f" {TWO_DELEGATIONS} ", style="reverse")
    text.append("  ")
    text.append(table.title, style="bold")
    if str(table.year) not in table.title:
        text.append(f" ({table.year})", style="bold")
    if yours:
        text.append(" ")
        text.append(" yours ", style="reverse")
    sides = " and ".join(role.name for role in table.roles.values())
    text.append(f"\nTwo students at one keyboard: {sides}\n", style="italic")
    text.append(" ".join(table.summary.split()) + "\n")
    return text


class ScenarioListScreen(TreatyScreen):
    """Every scenario, oldest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Scenarios", classes="screen-title", markup=False)
        yield Static(HINT, classes="hint", markup=False)
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
        entries: list[tuple[int, str, Option]] = []
        for scenario in catalog.scenarios.values():
            yours = catalog.is_yours("scenario", scenario.id)
            prompt = _prompt(
                title_with_year(scenario), scenario.delegation, scenario.summary, yours
            )
            entries.append((scenario.year, scenario.id, Option(prompt, id=scenario.id)))
        for table in catalog.tables.values():
            path = catalog.table_files.get(table.id)
            own = (bundled_root() / "scenarios").resolve()
            yours = path is not None and not path.resolve().is_relative_to(own)
            prompt = _table_prompt(table, yours)
            entries.append((table.year, table.id, Option(prompt, id=TABLE_ID + table.id)))
        scenarios = sorted(entries, key=lambda entry: entry[:2])
        listing.add_options([option for _, _, option in scenarios])
        if not scenarios:
            listing.add_option(Option("No scenarios found.", disabled=True))
        listing.highlighted = 0 if scenarios else None
        listing.focus()

    @on(OptionList.OptionSelected, "#scenario-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        catalog = self.session.catalog
        chosen = event.option_id or ""
        if catalog is None:
            return
        if chosen.startswith(TABLE_ID) and chosen[len(TABLE_ID) :] in catalog.tables:
            self.ask(OpenTable(catalog.tables[chosen[len(TABLE_ID) :]]))
        elif chosen in catalog.scenarios:
            self.ask(OpenScenario(catalog.scenarios[chosen]))
