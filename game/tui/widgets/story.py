"""The scene as the student reads it: the feedback of the choice just made, then the
speaker and the narration (Markdown), drawn as one widget."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.rule import Rule
from rich.text import Text

from game.tui.widgets.drawn_once import DrawnOnce, Part
from game.tui.widgets.emphasis import emphasised


def scene_markdown(speaker: str | None, text: str) -> str:
    return f"**{speaker}:**\n\n{text}" if speaker else text


class Story(DrawnOnce):
    """Feedback (after a choice) and the scene's narration."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"story--feedback", "story--rule"}

    DEFAULT_CSS = """
    Story > .story--feedback {
        color: $success;
        text-style: italic;
    }
    Story > .story--rule {
        color: $primary;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.feedback = ""
        self.speaker: str | None = None
        self.text = ""
        self.plain = ""
        """What the story says, as plain text."""

    def show(self, speaker: str | None, text: str, feedback: str = "") -> None:
        self.feedback = feedback
        self.speaker = speaker
        self.text = text
        self.plain = "\n".join(filter(None, [feedback, speaker or "", text]))
        self.changed()

    def parts(self) -> list[Part]:
        return self.parts_of(self.speaker, self.text, self.feedback)

    def parts_of(self, speaker: str | None, text: str, feedback: str) -> list[Part]:
        parts: list[Part] = [(("blank",), lambda: Text(""))]
        if feedback:
            parts.append((("feedback", feedback), lambda: self._feedback(feedback)))
        markdown = scene_markdown(speaker, text)
        parts.append((("narration", markdown), lambda: Markdown(markdown)))
        return parts

    def draw_ahead_scene(self, speaker: str | None, text: str, feedback: str) -> None:
        """Draw a scene that may come next."""
        self.draw_ahead(self.parts_of(speaker, text, feedback))

    def _feedback(self, feedback: str) -> RenderableType:
        note = emphasised(feedback, self.get_component_rich_style("story--feedback"))
        rule = Rule(characters="╍", style=self.get_component_rich_style("story--rule"))
        return Group(note, Text(""), rule)
