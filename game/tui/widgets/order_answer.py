"""Ordering: move the items into the right order, then check."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList
from textual.widgets.option_list import Option

from game.tui.widgets.answered import Answered


class OrderList(OptionList):
    """The items; the highlighted one moves with Shift+↑ and Shift+↓ (or [ and ])."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+up,left_square_bracket", "move(-1)", "Item up", id="order.up"),
        Binding("shift+down,right_square_bracket", "move(1)", "Item down", id="order.down"),
    ]

    def __init__(self, items: list[str]) -> None:
        super().__init__(id="order-items")
        self.items = list(items)

    def on_mount(self) -> None:
        self.redraw(0)

    def redraw(self, highlight: int) -> None:
        self.clear_options()
        self.add_options(
            Option(Text(f"{i}. {item}"), id=str(i)) for i, item in enumerate(self.items, 1)
        )
        self.highlighted = highlight

    def action_move(self, step: int) -> None:
        at = self.highlighted
        if at is None:
            return
        to = at + step
        if 0 <= to < len(self.items):
            self.items[at], self.items[to] = self.items[to], self.items[at]
            self.redraw(to)


class OrderAnswer(Vertical):
    """Move items with keys or with the buttons (click an item, then Up or Down)."""

    DEFAULT_CSS = """
    OrderAnswer { height: auto; }
    OrderAnswer > OrderList { height: auto; max-height: 10; }
    OrderAnswer > Horizontal { height: auto; }
    OrderAnswer Button { margin-right: 1; }
    """

    def __init__(self, items: list[str]) -> None:
        super().__init__()
        self.items = items

    def compose(self) -> ComposeResult:
        yield OrderList(self.items)
        with Horizontal():
            yield Button("▲ Move up", id="move-up")
            yield Button("▼ Move down", id="move-down")
            yield Button("Check my answer (C)", id="check-answer", variant="primary")

    def on_mount(self) -> None:
        self.query_one(OrderList).focus()
        for button in self.query("#move-up, #move-down").results(Button):
            button.active_effect_duration = 0  # every quick click moves the item

    @on(Button.Pressed, "#move-up")
    def up(self) -> None:
        self.query_one(OrderList).action_move(-1)

    @on(Button.Pressed, "#move-down")
    def down(self) -> None:
        self.query_one(OrderList).action_move(1)

    @on(Button.Pressed, "#check-answer")
    def check(self) -> None:
        self.post_message(Answered(tuple(self.query_one(OrderList).items)))

    @on(OptionList.OptionSelected)
    def keep_focus(self, event: OptionList.OptionSelected) -> None:
        event.stop()
