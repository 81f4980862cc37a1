"""Who is playing: pick your name, or type a new one. Progress is kept per name, so
students sharing a classroom machine each keep their own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

MAX_NAME = 40


def clean_name(typed: str) -> str | None:
    """A profile name from what was typed: spaces trimmed and squeezed; None if empty."""
    name = " ".join(typed.split())[:MAX_NAME]
    return name or None


class ProfileScreen(ModalScreen[str | None]):
    """Choose who is playing; dismisses with the name chosen, or None to keep the same."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back", id="back"),
    ]

    def __init__(self, names: Sequence[str], current: str) -> None:
        super().__init__()
        self.names = list(names) if current in names else [*names, current]
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="profiles"):
            yield Static("Who is playing?", id="profiles-title", markup=False)
            yield Static(
                "Each name keeps its own saved games, endings and quiz results. "
                "Tab moves between the list and the box for a new name.",
                id="profiles-hint",
                markup=False,
            )
            yield OptionList(
                *(
                    Option(f"{name}  (playing now)" if name == self.current else name, id=name)
                    for name in sorted(self.names, key=str.casefold)
                ),
                id="profile-list",
            )
            yield Static("Or type a new name and press Enter:", markup=False)
            yield Input(placeholder="your name", max_length=MAX_NAME, id="new-profile")
        yield Footer()

    def on_mount(self) -> None:
        names = self.query_one("#profile-list", OptionList)
        names.highlighted = names.get_option_index(self.current)
        # With only one name there is nothing to pick: start in the box for a new one.
        (names if len(self.names) > 1 else self.query_one("#new-profile", Input)).focus()

    @on(OptionList.OptionSelected, "#profile-list")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    @on(Input.Submitted, "#new-profile")
    def typed(self, event: Input.Submitted) -> None:
        name = clean_name(event.value)
        if name is None:
            self.notify("Type a name first, or pick one from the list.", severity="warning")
            return
        self.dismiss(name)
