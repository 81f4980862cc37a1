"""Play: the scene, the choices, the meters, the map and the sources."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, OptionList, Static

from game.content.glossary import Term, key_of, terms_in
from game.content.models import Scenario, Scene
from game.engine import (
    AvailableChoice,
    ChoiceRefused,
    PlayState,
    apply_choice,
    available_choices,
    current_scene,
    shown_choice,
    shown_paragraphs,
    shown_text,
    start,
)
from game.engine.marks import is_good_change, marks_passed, meter_about
from game.tui.messages import ChoiceMade, GameEnded
from game.tui.screens.base import TreatyScreen
from game.tui.screens.glossary import GlossaryScreen
from game.tui.screens.sources import SourcesScreen
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.scenario_map import places_lit
from game.tui.widgets.scene_panel import MeterReading, ScenePanel
from game.tui.widgets.story import Story
from game.tui.widgets.title_bar import TitleBar

KEPT_WORDS = 64
"""How many scenes' glossary terms a play screen keeps."""


class PlayScreen(TreatyScreen):
    """One playthrough; every rule comes from the engine."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Number keys take a choice by the number it is shown with.
        Binding("1", "choose_shown(1)", "Choose", key_display="1-9", id="play.choose"),
        *(Binding(str(n), f"choose_shown({n})", show=False) for n in range(2, 10)),
        Binding("escape", "app.pop_screen", "Leave", id="back"),
        # With the story or the side panel focused (to scroll it), Enter still takes the
        # highlighted choice, as the hint says (the choice list handles its own Enter).
        Binding("enter", "choose_highlighted", show=False),
        # The scene's text scrolls from the keyboard while the choices keep the focus.
        Binding(
            "pagedown,space",
            "page(1)",
            "Read on",
            key_display="PgDn",
            priority=True,
            id="play.read_on",
        ),
        Binding("s", "sources", "Sources", id="play.sources"),
        Binding(
            "pageup",
            "page(-1)",
            "Read back",
            key_display="PgUp",
            priority=True,
            id="play.read_back",
        ),
        Binding("w", "words", "Words", id="play.words"),
    ]

    def __init__(
        self,
        scenario: Scenario,
        state: PlayState | None = None,
        history: list[PlayState] | None = None,
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.state: PlayState = state if state is not None else start(scenario)
        self.history: list[PlayState] = history if history else [self.state]
        self._words: dict[tuple[str, ...], tuple[Term, ...]] = {}

    def compose(self) -> ComposeResult:
        yield TitleBar(id="play-title", classes="screen-title")
        with Horizontal(id="play"):
            with Vertical(id="story"):
                yield Story(id="narration-box")
                yield Static(
                    "Choose: ↑ ↓ and Enter, a number, or a click", classes="hint", markup=False
                )
                yield ChoiceList(id="choices")
            # Without a map the side panel is narrower, and the story has the room.
            side = ScenePanel(id="side", scenario_map=self.scenario.map)
            yield side.set_class(self.scenario.map is None, "no-map")
        yield Footer()

    def on_mount(self) -> None:
        self.show_state(None)
        self.call_after_refresh(self.fit_choices)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_choices)

    def fit_choices(self) -> None:
        story = self.query_one("#story", Vertical)
        hint = self.query_one(".hint", Static)
        room = story.content_region.height - hint.outer_size.height
        self.query_one("#choices", ChoiceList).fit(self.scenario, room)

    def show_state(self, before: PlayState | None, feedback: str = "") -> None:
        scene = current_scene(self.scenario, self.state)
        self.query_one("#play-title", TitleBar).show(self.scenario.title, scene.title or "")
        text = shown_text(scene.text, self.state)
        self.query_one(Story).show(scene.speaker, text, feedback)
        panel = self.query_one(ScenePanel)
        readings = self.readings(before, self.state)
        options = available_choices(self.scenario, self.state)
        panel.show_words(self.words_in(text, options))
        panel.show(readings, self.catalog, scene.facts, self.lit_by([text]))
        choices = self.query_one("#choices", ChoiceList)
        choices.show(options, self.scenario)
        if not choices.has_focus:
            choices.focus()
        if self.DRAW_AHEAD:
            self.call_after_refresh(self.draw_ahead)

    def words_in(self, text: str, options: list[AvailableChoice]) -> tuple[Term, ...]:
        """The glossary's terms a scene shown with `text` and `options` uses (worked out
        once for each, while drawing ahead, rather than on the choice that shows it)."""
        key = (text, *(o.choice.text for o in options))
        words = self._words.get(key)
        if words is None:
            if len(self._words) >= KEPT_WORDS:
                self._words.clear()
            words = self._words[key] = tuple(terms_in(key, self.catalog.glossary))
        return words

    def readings(self, before: PlayState | None, after: PlayState) -> list[MeterReading]:
        """The meters after a choice, with the change it made."""
        readings = []
        for name, value in after.meters:
            meter = self.scenario.meters[name]
            change = value - before.meter(name) if before is not None else 0
            readings.append(
                MeterReading(
                    meter.label,
                    value,
                    meter.min,
                    meter.max,
                    change,
                    tuple(sorted(meter.marks)),
                    is_good_change(meter, change),
                    meter_about(meter, value),
                )
            )
        return readings

    def announced_marks(self, before: PlayState, after: PlayState) -> str:
        """The lines that announce the marks a choice's effects reached or passed."""
        lines = [
            str(passed)
            for name, value in after.meters
            for passed in marks_passed(self.scenario.meters[name], before.meter(name), value)
        ]
        return "".join(f"\n{line}" for line in lines)

    def lit(self, scene: Scene, number: int | None, state: PlayState) -> frozenset[str]:
        """The places (the islands, on the Kuril map) the scene as shown in `state`, and its
        choice `number` (if any), speak of."""
        texts = [shown_text(scene.text, state)]
        if number is not None:
            texts.append((scene.choices or ())[number - 1].text)
        return self.lit_by(texts)

    def lit_by(self, texts: list[str]) -> frozenset[str]:
        """The places of the scenario's map (if any) that these texts name."""
        return places_lit(self.scenario.map, texts)

    DRAW_AHEAD = True
    """Draw the scenes the choices lead to while the student reads (the benchmark turns
    this off to measure a choice without it)."""

    def draw_ahead(self, tries: int = 3) -> None:
        """While the student reads, draw what each choice would show next, so that making
        it is a repaint of lines already drawn."""
        state = self.state
        if state.ended or not self.is_current:
            return
        story = self.query_one(Story)
        panel = self.query_one(ScenePanel)
        if not story.size or not panel.size:
            if tries:  # not laid out yet
                self.call_after_refresh(self.draw_ahead, tries - 1)
            return
        scene = current_scene(self.scenario, state)
        for option in available_choices(self.scenario, state):
            if not option.enabled:
                continue
            after = apply_choice(self.scenario, state, option.number)
            if after.ended:
                continue
            following = current_scene(self.scenario, after)
            feedback = self.feedback(scene, option.number, after)
            feedback += self.announced_marks(state, after)
            story.draw_ahead_scene(following.speaker, shown_text(following.text, after), feedback)
            options = available_choices(self.scenario, after)
            first = next((o.number for o in options if o.enabled), None)
            lit = {self.lit(following, None, after), self.lit(following, first, after)}
            words = self.words_in(shown_text(following.text, after), options)
            readings = self.readings(state, after)
            panel.draw_ahead_scene(readings, self.catalog, following.facts, lit, words)

    @staticmethod
    def feedback(scene: Scene, number: int, after: PlayState) -> str:
        """What the story says of choice `number` once it is made (its feedback's
        paragraphs as shown in `after`, the state the choice led to)."""
        chosen = (scene.choices or ())[number - 1]
        feedback = f"You chose: {chosen.text}"
        for paragraph in shown_paragraphs(chosen.feedback, after):
            feedback += f"\n{' '.join(paragraph.split())}"
        return feedback

    @on(OptionList.OptionHighlighted, "#choices")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.state.ended:
            return  # the last choice led to an ending; the ending screen is on its way
        scene = current_scene(self.scenario, self.state)
        number = int(event.option_id) if event.option_id is not None else None
        self.query_one(ScenePanel).highlight = self.lit(scene, number, self.state)

    @on(OptionList.OptionSelected, "#choices")
    def selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None:
            self.action_choose(int(event.option_id))

    def action_page(self, direction: int) -> None:
        """Page Down, Space and Page Up turn the story's page (or the side panel's, when
        it has the focus), wherever the focus is: the choices keep it."""
        side = self.query_one(ScenePanel)
        target = side if self.focused is side else self.query_one(Story)
        if direction > 0:
            target.scroll_page_down(animate=False)
        else:
            target.scroll_page_up(animate=False)

    def action_sources(self) -> None:
        """Open the quotes of the scene's sources, with their citations."""
        scene = current_scene(self.scenario, self.state)
        facts = ScenePanel.facts_of(self.catalog, scene.facts)
        self.app.push_screen(SourcesScreen("The sources of this scene, quoted", facts))

    def action_words(self) -> None:
        """The glossary, with the scene's words first."""
        words = self.query_one(ScenePanel).words
        self.app.push_screen(GlossaryScreen([key_of(term.term) for term in words]))

    def action_choose_highlighted(self) -> None:
        choices = self.query_one("#choices", ChoiceList)
        if choices.highlighted is not None:
            option_id = choices.get_option_at_index(choices.highlighted).id
            if option_id is not None:
                self.action_choose(int(option_id))

    def _refused(self, refused: ChoiceRefused) -> None:
        # Only the first letter: the rest keeps its capitals ("Japan's claim").
        text = str(refused)
        self.notify(
            text[:1].upper() + text[1:], title="Not available", severity="warning", markup=False
        )

    def action_choose_shown(self, shown: int) -> None:
        """Take the choice shown as number `shown`, if it can be taken."""
        if self.state.ended:
            return
        try:
            option = shown_choice(self.scenario, self.state, shown)
        except ChoiceRefused as refused:
            self._refused(refused)
            return
        self.action_choose(option.number)

    def action_choose(self, number: int) -> None:
        """Take choice `number` (from 1, its place in the file), if the engine allows it."""
        if self.state.ended:
            return
        try:
            new_state = apply_choice(self.scenario, self.state, number)
        except ChoiceRefused as refused:
            self._refused(refused)
            return
        feedback = self.feedback(current_scene(self.scenario, self.state), number, new_state)
        feedback += self.announced_marks(self.state, new_state)
        before, self.state = self.state, new_state
        self.history.append(new_state)
        self.ask(ChoiceMade(self.scenario.id, new_state))
        if new_state.ended:
            self.ask(GameEnded(self.scenario, self.history))
            return
        with self.app.batch_update():
            self.show_state(before, feedback)
            # A new scene is read from its top, and its meters seen first.
            self.query_one(Story).scroll_home(animate=False)
            self.query_one(ScenePanel).scroll_home(animate=False)
