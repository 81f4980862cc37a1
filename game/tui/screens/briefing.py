"""The briefing: the situation before play, and its background facts."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Button, Footer, Static

from game.content.citation import scenario_sources, whose_words
from game.content.models import Scenario
from game.content.scenario_title import says_its_year
from game.tui.messages import BeginPlay
from game.tui.screens.base import TreatyScreen
from game.tui.widgets.fact_list import FactList

SCENES_QUOTE = "No background before the talks: the scenes quote the sources as they come."
"""The briefing of a scenario whose sources are quoted only in its scenes and endings."""


class BriefingScreen(TreatyScreen):
    """What the student needs to know before the talks begin."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority: Enter on a source opens its quote; anywhere else it begins.
        Binding("enter", "begin", "Begin", id="briefing.begin"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        s = self.scenario
        sources = scenario_sources(self.catalog, s)
        whose = whose_words(sources, "This scenario's")
        yield Static(s.title, classes="screen-title", markup=False)
        with VerticalScroll(id="briefing"):
            yield Static(  # the year, unless the title above already gives it
                ("" if says_its_year(s) else f"{s.year} · ")
                + f"You lead {s.delegation}'s delegation",
                classes="subtitle",
                markup=False,
            )
            yield Static(" ".join(s.summary.split()), id="briefing-summary", markup=False)
            if sources:  # a scenario that cites nothing has no such section (issue 33)
                yield Static("Background, from the sources", classes="section-title", markup=False)
                yield Static(whose, id="briefing-whose", classes="hint", markup=False)
                yield FactList(self.catalog, s.facts, id="briefing-facts", none=SCENES_QUOTE)
            yield Button("Begin the talks (Enter)", id="begin", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        # The briefing is read from its top (focusing the button at its foot would scroll
        # there); arrows scroll it, and Enter begins (but on a source, opens its quote).
        self.query_one("#briefing", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "begin":
            self.action_begin()

    def action_begin(self) -> None:
        self.ask(BeginPlay(self.scenario))
