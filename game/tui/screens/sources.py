"""The quotes behind a scene: each fact of the scene with its quote and its citation,
over the play screen, closed with Escape (or S again)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from game.content.models import Fact, Source
from game.tui.widgets.fact_panel import facts_group


class SourcesScreen(ModalScreen[None]):
    """The scene's sources, quoted."""

    DEFAULT_CSS = """
    SourcesScreen {
        align: center middle;
    }
    #sources-box {
        width: 90%;
        max-width: 100;
        height: 90%;
        border: round $primary;
        background: $panel;
        padding: 0 1;
    }
    #sources-quotes {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s", "close", "Close", key_display="Esc", id="sources.close"),
    ]

    def __init__(self, title: str, facts: Sequence[tuple[Fact, Source | None]]) -> None:
        super().__init__()
        self.heading = title
        self.facts = tuple(facts)

    def compose(self) -> ComposeResult:
        with Vertical(id="sources-box"):
            yield Static(self.heading, classes="section-title", markup=False)
            with VerticalScroll(id="sources-quotes"):
                if self.facts:
                    yield Static(facts_group(self.facts), id="sources-text")
                else:
                    yield Static(Text("No sources for this scene."), id="sources-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sources-quotes", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
