"""The choices of a scene: numbered, tagged with their topic, disabled ones with what
they need in words."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.engine import AvailableChoice

TOPIC_LABELS = {
    "basis": "basis",
    "security": "security",
    "transfer": "transfer",
    "economy": "economy",
    "other": "",
}


def choice_prompt(option: AvailableChoice) -> Text:
    text = Text()
    text.append(f"{option.number}. ", style="bold")
    topic = TOPIC_LABELS.get(option.choice.topic, "")
    if topic:
        text.append(f"[{topic}] ", style="italic")
    text.append(option.choice.text)
    if not option.enabled:
        text.append(f"\n   Not available: {option.needs}", style="italic")
    return text


class ChoiceList(OptionList):
    """The student's options; enabled ones can be chosen by arrows, number or mouse."""

    def show(self, choices: list[AvailableChoice]) -> None:
        self.set_options(
            Option(choice_prompt(c), id=str(c.number), disabled=not c.enabled) for c in choices
        )
        first = next((i for i, c in enumerate(choices) if c.enabled), None)
        self.highlighted = first
