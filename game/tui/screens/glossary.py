"""The glossary: every hard word of the content with what it means, from A to Z (Help
opens it with G); from a scene (W), its own words come first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from game.content.glossary import Term
from game.tui.screens.base import TreatyScreen


def glossary_text(terms: Sequence[Term]) -> Text:
    """Each term in bold on a line of its own, its definition under it (data, never
    markup)."""
    text = Text()
    for term in terms:
        if text:
            text.append("\n\n")
        text.append(term.term, style="bold")
        text.append("\n  " + term.means)
    return text


class GlossaryScreen(TreatyScreen):
    """The whole glossary; `first`: the words of the scene it was opened from (their
    keys), shown first under a heading of their own."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, first: Sequence[str] = ()) -> None:
        super().__init__()
        self.first = tuple(first)

    def compose(self) -> ComposeResult:
        yield Static("Glossary", classes="screen-title", markup=False)
        yield Static(
            "The hard words of the game and what they mean. ↑ ↓ and Page Up/Down scroll.",
            classes="hint",
            markup=False,
        )
        with VerticalScroll(id="glossary"):
            glossary = self.catalog.glossary
            scene = [glossary[key] for key in self.first if key in glossary]
            if scene:
                yield Static("Words in this scene", classes="section-title", markup=False)
                yield Static(glossary_text(scene), id="glossary-scene")
                yield Static("All the words", classes="section-title", markup=False)
            terms = sorted(glossary.values(), key=lambda t: t.term.casefold())
            shown = glossary_text(terms) if terms else Text("The glossary is empty.")
            yield Static(shown, id="glossary-all")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#glossary", VerticalScroll).focus()
