"""One choice (and true/false): a list; Enter, a number key or a click answers."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.tui.widgets.answered import Answered


class ChoiceAnswer(OptionList):
    """The options, numbered; the one chosen is the answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, options: list[tuple[str, object]], id: str | None = None) -> None:
        """`options`: what is shown, and the answer it stands for."""
        super().__init__(
            *(
                Option(Text(f"{i}. {label}"), id=str(i))
                for i, (label, _) in enumerate(options, start=1)
            ),
            id=id,
        )
        self.values = [value for _, value in options]

    def on_mount(self) -> None:
        self.highlighted = 0
        self.focus()

    def action_pick(self, number: int) -> None:
        if 1 <= number <= len(self.values):
            self.post_message(Answered(self.values[number - 1]))  # type: ignore[arg-type]

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick(event.option_index + 1)
