"""A side's moves at a table (issue 34): picked first, then played. A move is sealed and
the keyboard passes on at once, so a slip of one key would lose it: a number key, ↑ ↓ or
a click picks (highlights) a move, and Enter, or a second click on the move picked, plays
it. The page keys never pick one."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class MoveList(OptionList):
    """The moves of the side whose turn it is; `OptionSelected` means "play this one"."""

    picked: int | None = None
    """The index of the move last picked by a number key or a click (None: none yet)."""

    def show(self, moves: Sequence[tuple[int, str]]) -> None:
        """A side's moves (its number in the file, its text), shown numbered from 1."""
        self.set_options(
            Option(Text(f"{i}. {text}"), id=str(n)) for i, (n, text) in enumerate(moves, 1)
        )
        self.picked = None
        self.highlighted = 0 if moves else None

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        # Under the moves, what Enter will play: set here, with the highlight, so that no
        # other side's pick is ever shown meanwhile.
        self.border_subtitle = (
            None if highlighted is None else f"Enter plays move {highlighted + 1}"
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Page Down, Page Up, Home and End are for reading the text above (a reader
        pressing them at the end of it must not find another move picked): only a number,
        ↑ ↓ or a click picks a move."""
        if action in ("page_down", "page_up", "first", "last"):
            return False
        return super().check_action(action, parameters)

    def pick(self, number: int) -> bool:
        """Highlight the move shown as `number` (from 1); whether there is one."""
        if not 1 <= number <= self.option_count:
            return False
        self.highlighted = self.picked = number - 1
        return True

    def on_click(self, event: events.Click) -> None:
        # Instead of OptionList's own click, which plays whatever it lands on.
        event.prevent_default()
        clicked = event.style.meta.get("option")
        if not isinstance(clicked, int):
            return
        again = self.picked == clicked
        if self.pick(clicked + 1) and again:
            self.action_select()
