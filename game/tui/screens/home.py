"""The home screen: what the game is, and where to go."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

INTRO = (
    "Lead a delegation through the Russia–Japan peace treaty talks and the dispute over "
    "the southern Kuril Islands. Every ending is grounded in what really happened, and the "
    "debrief quotes the news reports it comes from."
)


class HomeScreen(Screen[None]):
    """Treaty Talks: the menu."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "scenarios", "Scenarios", id="home.scenarios"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static("Treaty Talks", id="home-title")
            yield Static(INTRO, id="home-intro")
            yield OptionList(
                Option("Scenarios  ·  lead a delegation through a negotiation", id="scenarios"),
                Option("Quit", id="quit"),
                id="home-menu",
            )
            yield Static("Use ↑ and ↓ to choose, then press Enter (or click).", id="home-hint")
        yield Footer()

    @on(OptionList.OptionSelected, "#home-menu")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id == "scenarios":
            self.action_scenarios()
        elif event.option_id == "quit":
            self.app.exit()

    def action_scenarios(self) -> None:
        from game.tui.screens.scenarios import ScenarioListScreen

        self.app.push_screen(ScenarioListScreen())
