"""Several choices: tick every right option, then check."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.widgets.answered import Answered


def tick_prompt(number: int, option: str, ticked: bool) -> Text:
    """`[x] 2. Shikotan`: the tick is a character, so it reads without colour; long
    options wrap instead of being cut off."""
    text = Text()
    text.append("[x] " if ticked else "[ ] ", style="bold" if ticked else "")
    text.append(f"{number}. {option}")
    return text


class TickList(OptionList):
    """Options to tick: Space, Enter or a click ticks or unticks the one highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Tick", show=False),
        Binding("1", "tick(1)", "Tick", key_display="1–9", id="quiz.tick-1"),
        *(
            Binding(str(n), f"tick({n})", f"Tick option {n}", show=False, id=f"quiz.tick-{n}")
            for n in range(2, 10)
        ),
    ]

    class Changed(Message):
        """The ticks changed."""

    def __init__(self, options: list[str], *, id: str | None = None) -> None:
        self.choices = options
        self.ticked: set[str] = set()
        super().__init__(
            *(Option(tick_prompt(i, o, False)) for i, o in enumerate(options, start=1)), id=id
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A number with no option goes on up (to the screen's keys)."""
        if action == "tick":
            number = parameters[0]
            return isinstance(number, int) and 1 <= number <= self.option_count
        return True

    def action_tick(self, number: int) -> None:
        """Tick or untick option `number`, as Space does on the highlighted one."""
        self.highlighted = number - 1
        self.action_select()

    @on(OptionList.OptionSelected)
    def toggle(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option = self.choices[event.option_index]
        self.ticked ^= {option}
        prompt = tick_prompt(event.option_index + 1, option, option in self.ticked)
        self.replace_option_prompt_at_index(event.option_index, prompt)
        self.post_message(self.Changed())


class MultiAnswer(Vertical):
    """Options with ticks (Space, Enter or a click toggles); the button checks."""

    DEFAULT_CSS = """
    MultiAnswer { height: auto; }
    MultiAnswer > TickList { height: auto; max-height: 12; }
    MultiAnswer > #multi-ticked { margin: 0 1 1 1; }
    """

    def __init__(self, options: list[str]) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        yield TickList(self.options, id="multi-options")
        yield Static("Ticked: none yet", id="multi-ticked", markup=False)
        yield Button("Check my answer (C)", id="check-answer", variant="primary")

    def on_mount(self) -> None:
        ticks = self.query_one(TickList)
        ticks.highlighted = 0
        ticks.focus()

    @on(TickList.Changed)
    def ticked(self) -> None:
        chosen = self.query_one(TickList).ticked
        # Said in words too, so that ticks never depend on colour alone.
        names = ", ".join(o for o in self.options if o in chosen) or "none yet"
        self.query_one("#multi-ticked", Static).update(f"Ticked: {names}")

    @on(Button.Pressed, "#check-answer")
    def check(self) -> None:
        chosen = frozenset(self.query_one(TickList).ticked)
        if not chosen:
            self.notify("Tick at least one option first.", severity="warning")
            return
        self.post_message(Answered(chosen))
