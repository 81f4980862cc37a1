"""The ending: what happened in the story, what actually happened, and the way there."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Markdown, Static

from game.analysis.explain import CHANGE_HEADING, WHY_HEADING, explain
from game.content.models import Scenario
from game.engine import PlayState, choice_at, ending, shown_paragraphs, shown_text
from game.tui.messages import BeginPlay
from game.tui.screens.base import TreatyScreen
from game.tui.widgets.emphasis import emphasised
from game.tui.widgets.fact_list import FactList
from game.tui.widgets.hanging import Hanging
from game.tui.widgets.meter_chart import MeterChart
from game.tui.widgets.title_bar import TitleBar

SOURCES_HINT = "  Enter or a click opens a quote (Tab reaches them)"

BADGES = {
    "historical": "HISTORICAL · this is how it really went",
    "counterfactual": "COUNTERFACTUAL · this did not happen",
}


class EndingScreen(TreatyScreen):
    """The debrief of one playthrough."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "replay", "Play again", id="ending.replay"),
        Binding("escape", "app.pop_screen", "Scenarios", id="back"),
    ]

    def __init__(self, scenario: Scenario, history: list[PlayState]) -> None:
        super().__init__()
        self.scenario = scenario
        self.history = history
        final = ending(scenario, history[-1])
        assert final is not None
        self.ending = final
        self.ending_id = history[-1].scene

    def compose(self) -> ComposeResult:
        end, s = self.ending, self.scenario
        title = TitleBar(classes="screen-title")
        title.show(s.title, end.title)
        yield title
        with VerticalScroll(id="ending"):
            yield Static(BADGES[end.kind], id="badge", classes=f"badge {end.kind}", markup=False)
            yield Static(self.last_choice(), id="last-choice", markup=False)
            yield Markdown(shown_text(end.text, self.history[-1]), id="ending-text")
            explained = explain(s, self.history[-1].path)
            yield Static(WHY_HEADING, classes="section-title", id="why-title", markup=False)
            yield _Lines(explained.why_lines(), id="why")
            yield Static(CHANGE_HEADING, classes="section-title", id="change-title", markup=False)
            yield _Lines(explained.change_lines(full=False), id="change")
            yield Static("What actually happened", classes="section-title", markup=False)
            yield Markdown(end.history, id="ending-history")
            with Horizontal(id="sources-heading"):
                yield Static("The sources", classes="section-title", markup=False)
                if end.facts:
                    yield Static(SOURCES_HINT, id="sources-hint", markup=False)
            yield FactList(self.catalog, end.facts, id="ending-facts", hint=None)
            yield Static("Your path", classes="section-title", markup=False)
            yield Static(self.path_text(), id="path", markup=False)
            yield Static("How the meters moved", classes="section-title", markup=False)
            for name, meter in s.meters.items():
                values = [state.meter(name) for state in self.history]
                yield MeterChart(meter.label, values, meter.min, meter.max)
            count = len(s.endings)
            found = self.endings_found()
            more = (
                "You have found them all: press R to play again."
                if found >= count
                else "Press R to play again and find another."
            )
            yield Static(
                f"This scenario has {count} ending{'s' if count != 1 else ''}; you have found "
                f"{found} of them. {more}",
                id="endings-count",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ending", VerticalScroll).focus()

    def endings_found(self) -> int:
        reached = {self.ending_id} | self.session.endings_reached(self.scenario.id)
        return len(reached & set(self.scenario.endings))

    def last_choice(self) -> Text:
        scene_id, number = self.history[-1].path[-1]
        choice = choice_at(self.scenario, scene_id, number)
        if choice is None:
            return Text(f"You chose: {_gone(scene_id, number)}")
        text = Text("You chose: ").append_text(emphasised(choice.text))
        feedback = shown_paragraphs(choice.feedback, self.history[-1])
        for number, paragraph in enumerate(feedback):  # run on, to save lines
            text.append(" — " if number == 0 else " ")
            text.append_text(emphasised(" ".join(paragraph.split())))
        return text

    def path_text(self) -> Text:
        lines: list[Text] = []
        for step, (scene_id, number) in enumerate(self.history[-1].path, start=1):
            choice = choice_at(self.scenario, scene_id, number)
            if choice is None:
                lines.append(Text(f"{step}. {_gone(scene_id, number)}"))
                continue
            topic = self.scenario.topic_label(choice.topic)
            line = Text(f"{step}. {f'[{topic}] ' if topic else ''}")
            lines.append(line.append_text(emphasised(choice.text)))
        return Text("\n").join(lines)

    def action_replay(self) -> None:
        self.ask(BeginPlay(self.scenario))


class _Lines(Static):
    """Lines of the explanation, with the emphasis of the choices' texts shown, a line
    that wraps indented past its start."""

    def __init__(self, lines: list[str], *, id: str) -> None:
        super().__init__(id=id, markup=False)
        self.hanging = Hanging([emphasised(line) for line in lines])

    def render(self) -> Hanging:
        return self.hanging


def _gone(scene_id: str, number: int) -> str:
    """A step of the path whose scene or choice the file no longer has, as recorded."""
    return f"choice {number} in scene `{scene_id}` (no longer in the file)"
