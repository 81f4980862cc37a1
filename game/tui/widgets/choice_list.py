"""The choices of a scene: numbered, tagged with their topic, disabled ones with what
they need in words."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.content.models import Scenario
from game.content.vocabulary import DEFAULT_TOPIC_LABELS
from game.engine import AvailableChoice
from game.engine.rules import needs
from game.tui.widgets.emphasis import emphasised
from game.tui.widgets.says_more import SAYS_MORE_CSS, say_more, turn_page

MAX_LINES = 10
"""The most lines of choices shown at once; more scroll."""

MIN_NARRATION = 14
"""Lines (with its border) the narration keeps before the list's height is fixed."""

TOPIC_LABELS = DEFAULT_TOPIC_LABELS
"""The labels of the topics of a scenario without `topics:` (a scenario's own labels come
from `Scenario.topic_label`, issue 33)."""


def choice_prompt(option: AvailableChoice, topic: str | None = None) -> Text:
    """The choice as the list shows it, tagged with its topic's label (`topic`; by default
    the label of format 1's topics)."""
    text = Text()
    text.append(f"{option.shown or option.number}. ", style="bold")
    if topic is None:
        topic = TOPIC_LABELS.get(option.choice.topic, "")
    if topic:
        text.append(f"[{topic}] ", style="italic")
    text.append_text(emphasised(option.choice.text))
    if not option.enabled:
        text.append(f"\n   Not available — {option.needs}", style="italic")
    return text


class ChoiceList(OptionList):
    """The student's options; enabled ones can be chosen by arrows, number or mouse."""

    DEFAULT_CSS = f"""
    ChoiceList {{
        {SAYS_MORE_CSS}
    }}
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """A new scene's choices change how far the list scrolls. Where `fit` fixes the
    list's height, that needs only a repaint, not a new layout of the screen (a list
    whose height is auto asks for its layout itself)."""

    def show(self, choices: list[AvailableChoice], scenario: Scenario | None = None) -> None:
        """Show a scene's choices (tagged with the labels of `scenario`'s topics)."""

        def label(topic: str) -> str:
            if scenario is None:
                return TOPIC_LABELS.get(topic, "")
            return scenario.topic_label(topic)

        self.set_options(
            Option(
                choice_prompt(c, label(c.choice.topic)),
                id=str(c.number),
                disabled=not c.enabled,
            )
            for c in choices
        )
        first = next((i for i, c in enumerate(choices) if c.enabled), None)
        self.highlighted = first
        self._say_more()

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.show_highlight()

    def show_highlight(self) -> None:
        """Keep the highlighted choice in view. On the last choice that can be taken, also
        show the ones below it that cannot (with what they need), which ↓ alone would
        never scroll to, as far as that keeps the highlighted one in view."""
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted:
            return
        if not all(o.disabled for o in self.options[highlighted + 1 :]):
            self.scroll_to_highlight()
            return
        self._update_lines()
        top = self._index_to_line.get(highlighted)
        if top is None:
            return
        end = max(0, len(self._lines) - self.scrollable_content_region.height)
        self.scroll_to(y=min(top, end), animate=False, immediate=True)

    # ↑ ↓ Home End PageUp PageDown move between the choices that can be taken, and always
    # bring the highlighted one back into view (even when it stays the same one).
    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        self.show_highlight()

    def action_cursor_down(self) -> None:
        super().action_cursor_down()
        self.show_highlight()

    def action_first(self) -> None:
        super().action_first()
        self.show_highlight()

    def action_last(self) -> None:
        super().action_last()
        self.show_highlight()

    def action_page_up(self) -> None:
        kept = self.highlighted
        super().action_page_up()  # type: ignore[no-untyped-call]
        if self.highlighted is None:  # no choice to take in that direction: stay
            self.highlighted = kept
        self.show_highlight()

    def action_page_down(self) -> None:
        kept = self.highlighted
        super().action_page_down()  # type: ignore[no-untyped-call]
        if self.highlighted is None:
            self.highlighted = kept
        self.show_highlight()

    def _say_more(self) -> None:
        say_more(self, "▲ more choices", "▼ more choices")

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._say_more()

    def on_resize(self) -> None:
        self._say_more()

    def on_click(self, event: events.Click) -> None:
        if event.chain > 1:
            # The second click of a double click lands on the next scene's choices: it
            # must not make a choice the student has not read.
            event.prevent_default()
            return
        turn_page(self, event)

    def fit(self, scenario: Scenario, room: int) -> None:
        """Keep one height through the whole scenario when there is room for it (`room`:
        the lines the list and the narration above share): enough for its longest list of
        choices (each shown as it may be, a disabled one with what it needs), up to
        `MAX_LINES`. A list whose height changes with every scene makes the screen lay
        itself out twice for each choice; but the narration keeps at least
        `MIN_NARRATION` lines, and in a smaller window the list fits each scene instead,
        in at most half the room."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        console = self.app.console
        most = 1
        for scene in scenario.scenes.values():
            lines = 0
            for number, choice in enumerate(scene.choices or (), start=1):
                if choice.condition is None or choice.hidden:
                    option = AvailableChoice(number, choice, True)
                else:
                    option = AvailableChoice(number, choice, False, needs(scenario, choice))
                prompt = choice_prompt(option, scenario.topic_label(choice.topic))
                lines += len(prompt.wrap(console, width))
            most = max(most, lines)
        height = min(most, MAX_LINES) + self.styles.gutter.height
        if room - height >= MIN_NARRATION:
            self.styles.height = height
            self.styles.max_height = None
        else:
            # A small window: the list takes the lines its choices need, but no more than
            # half, so that the scene above it can still be read.
            self.styles.height = "auto"
            self.styles.max_height = max(room // 2, 6)
