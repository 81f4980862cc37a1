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

from game.store.progress import MAX_NAME, profile_name


def clean_name(typed: str) -> str | None:
    """A profile name from what was typed, as the store keeps names (control and invisible
    characters dropped, spaces squeezed, at most 40 characters); None if nothing is left."""
    return profile_name(typed)


class ProfileScreen(ModalScreen[str | None]):
    """Choose who is playing; dismisses with the name chosen, or None to keep the same."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back", id="back"),
        Binding("down", "to_list", "Pick from the list", show=False),
    ]

    def __init__(
        self,
        names: Sequence[str],
        current: str,
        *,
        title: str = "Who is playing?",
        taken: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.names = list(names) if current in names else [*names, current]
        self.current = current
        self.title_text = title
        """The question asked ("Who plays Japan's delegation?" at a table)."""
        self.taken = {name.casefold(): name for name in taken}
        """Names refused here (at a table: the other side's player)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="profiles"):
            yield Static(self.title_text, id="profiles-title", markup=False)
            yield Static(
                "Each name keeps its own saved games, endings and quiz results. Type your "
                "name and press Enter, or press ↓ to pick it from the list.",
                id="profiles-hint",
                markup=False,
            )
            yield Static("Your name:", markup=False)
            yield Input(placeholder="type it here", max_length=MAX_NAME, id="new-profile")
            yield Static("Or pick it from the list (↓, then Enter):", markup=False)
            yield OptionList(
                *(
                    Option(f"{name}  (playing now)" if name == self.current else name, id=name)
                    for name in sorted(self.names, key=str.casefold)
                ),
                id="profile-list",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        names = self.query_one("#profile-list", OptionList)
        names.highlighted = names.get_option_index(self.current)
        # Typing goes straight into the box: a student types their name and presses Enter.
        self.query_one("#new-profile", Input).focus()

    def action_to_list(self) -> None:
        """↓ from the box: into the list of names, on the first one (as "↓, then Enter"
        says; at a table, the first the other side does not play)."""
        if isinstance(self.focused, Input):
            names = self.query_one("#profile-list", OptionList)
            ids = [names.get_option_at_index(i).id or "" for i in range(names.option_count)]
            free = [i for i, name in enumerate(ids) if name.casefold() not in self.taken]
            if free:
                names.highlighted = free[0]
            names.focus()

    @on(OptionList.OptionSelected, "#profile-list")
    def picked(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None:
            self.choose(event.option_id)

    @on(Input.Submitted, "#new-profile")
    def typed(self, event: Input.Submitted) -> None:
        name = clean_name(event.value)
        if name is None:
            self.notify("Type a name first, or pick one from the list.", severity="warning")
            return
        # "maria" is Maria, who is already there: the same student, not a new one.
        same = [known for known in self.names if known.casefold() == name.casefold()]
        self.choose(same[0] if same else name)

    def choose(self, name: str) -> None:
        """Dismiss with `name`, unless it is taken (the same student cannot play both
        sides of a table)."""
        if name.casefold() in self.taken:
            self.notify(
                f"{self.taken[name.casefold()]} already plays the other side: each side needs "
                "its own student.",
                severity="warning",
                markup=False,
            )
            return
        self.dismiss(name)
