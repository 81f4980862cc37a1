"""Facts a line each, each opening its quote and citation with Enter or a click: the
briefing's background and the debrief's sources, short until a student asks for more."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static

from game.content.catalog import Catalog
from game.content.citation import citation, outlet_name
from game.content.models import Fact, Source

OPEN_HINT = "Enter or a click on a source opens its quote (Tab reaches them)."
NO_FACTS = "No sources for this."


class FactItem(Static, can_focus=True):
    """One fact: a line (its outlet, its text cut to fit); open, the whole text, the quote
    and the citation."""

    DEFAULT_CSS = """
    FactItem {
        height: auto;
        padding: 0 1;
    }
    FactItem:hover {
        background: $block-hover-background;
    }
    FactItem:focus {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_quote", "Quote", id="facts.toggle"),
        Binding("down", "app.focus_next", "Next", show=False),
        Binding("up", "app.focus_previous", "Back", show=False),
    ]

    expanded: reactive[bool] = reactive(False)

    def __init__(self, fact: Fact, source: Source | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fact = fact
        self.source = source

    def on_mount(self) -> None:
        self.update(self.shown())

    def shown(self) -> Group:
        """What the item shows: its line, and (open) the quote and the citation."""
        text = " ".join(self.fact.text.split())
        if not self.expanded:
            line = Text("▸ ", no_wrap=True, overflow="ellipsis")
            line.append(outlet_name(self.source), style="bold")
            return Group(line.append(": " + text))
        line = Text("▾ ")
        line.append(outlet_name(self.source), style="bold")
        line.append(": " + text)
        detail = Text("\u201c" + " ".join(self.fact.quote.split()) + "\u201d", style="italic")
        if self.source is not None:
            detail.append(f"\n\u2014 {citation(self.source)}", style="dim")
        return Group(line, Padding(detail, (0, 0, 0, 2)))

    def watch_expanded(self, expanded: bool) -> None:
        self.update(self.shown())
        if expanded:  # the quote and citation come into view
            self.call_after_refresh(self.scroll_visible, animate=False)

    def action_open_quote(self) -> None:
        self.expanded = not self.expanded

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_open_quote()


class FactList(Vertical):
    """Facts a line each, a hint above them, and none: says so."""

    DEFAULT_CSS = """
    FactList {
        height: auto;
    }
    FactList > .fact-list--hint {
        color: $text-muted;
        padding: 0 1;
    }
    """

    def __init__(
        self,
        catalog: Catalog,
        fact_ids: Sequence[str],
        *,
        id: str | None = None,
        hint: str | None = OPEN_HINT,
        none: str = NO_FACTS,
    ) -> None:
        super().__init__(id=id)
        self.hint = hint
        self.none = none
        """What the list says when it has no facts."""
        found = (catalog.facts.get(fact_id) for fact_id in dict.fromkeys(fact_ids))
        self.facts = [(f, catalog.sources.get(f.source)) for f in found if f is not None]

    def compose(self) -> ComposeResult:
        if not self.facts:
            yield Static(self.none, classes="fact-list--hint", markup=False)
            return
        if self.hint:
            yield Static(self.hint, classes="fact-list--hint", markup=False)
        for fact, source in self.facts:
            yield FactItem(fact, source)
