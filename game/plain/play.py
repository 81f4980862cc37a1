"""Plain-text play: the game as lines on standard input and output.

For screen readers, scripts and pipes (docs/format.md): choices are numbered from 1 in the
order written, disabled ones are shown and marked but cannot be chosen, a number that
cannot be taken asks again, and the end of input quits cleanly.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from game.analysis.explain import CHANGE_HEADING, WHY_HEADING, explain
from game.content.catalog import Catalog
from game.content.citation import scenario_sources, whose_words
from game.content.glossary import Term, terms_in
from game.content.models import Meter, Scenario
from game.content.scenario_title import title_with_year
from game.engine import (
    ChoiceRefused,
    PlayState,
    apply_choice,
    available_choices,
    current_scene,
    ending,
    shown_choice,
    shown_text,
    start,
)
from game.engine.marks import good_way, mark_reading, marks_passed
from game.engine.paragraphs import PassageValue
from game.plain.common import Ask, Say, cited_lines, number_typed, plain_text, wrap
from game.plain.glossary import glossary_asked, words_line
from game.plain.help import HELP_HINT, HelpHas, help_asked

QUOTES_HINT = "(Type s to read the sources' quotes.)"
QUOTES_PROMPT = "Type s and press Enter to read the sources' quotes, or just press Enter: "
QUOTES_HEADING = "\nThe sources' quotes:"
STOPPED = "\nStopped before the end. Your choices are saved: run the same command to continue."
NOT_SAVED = (
    "\nStopped before the end. Your choices could not be saved (see the message above), "
    "so the game will start from the beginning next time."
)


class PlainGame:
    """One playthrough of a scenario over `ask` (input) and `say` (output)."""

    def __init__(
        self,
        scenario: Scenario,
        catalog: Catalog,
        ask: Ask,
        say: Say,
        saving: Callable[[], bool] | None = None,
    ) -> None:
        self.scenario = scenario
        self.catalog = catalog
        self.ask = ask
        self.say = say
        self.saving = saving
        """Whether the choices are being saved (None: not asked, as in a test)."""

    @property
    def stopped(self) -> str:
        """What to say when the game stops before its end: whether it can be continued."""
        return STOPPED if self.saving is None or self.saving() else NOT_SAVED

    def fact_lines(self, fact_ids: tuple[str, ...], *, quotes: bool) -> list[str]:
        return cited_lines(self.catalog, fact_ids, quotes=quotes)

    def paragraphs(self, markdown: str) -> None:
        text = plain_text(markdown)
        self.say("\n\n".join(wrap(p) for p in re.split(r"\n\s*\n", text) if p.strip()))

    def play(
        self,
        resume: PlayState | None = None,
        on_step: Callable[[PlayState], None] | None = None,
    ) -> PlayState:
        """Play to an ending (or the end of input). `resume` continues a saved game;
        `on_step` is told every new state, so that progress can be saved as it happens."""
        s = self.scenario
        self.say(title_with_year(s))
        self.say(f"You lead {s.delegation}'s delegation. {HELP_HINT}")
        self.say(wrap(s.summary))
        whose = whose_words(scenario_sources(self.catalog, s), "This scenario's")
        if whose:
            self.say("\n" + wrap(whose))
        if s.facts:
            self.say("\nBackground, from the sources:")
            for line in self.fact_lines(s.facts, quotes=False):
                self.say(line)
            self.say(QUOTES_HINT)
        state = resume if resume is not None else start(s)
        if resume is not None:
            made = len(resume.path)
            self.say(
                f"\nContinuing where you left off ({made} choice{'' if made == 1 else 's'} made)."
            )
        while not state.ended:
            new_state = self.scene_turn(state)
            if new_state is None:
                self.say(self.stopped)
                return state
            state = new_state
            if on_step is not None:
                on_step(state)
        self.show_ending(state)
        return state

    def show_meters(self, before: PlayState | None, state: PlayState) -> None:
        for name, value in state.meters:
            meter = self.scenario.meters[name]
            if before is None:
                self.say_meter(meter, value)
                continue
            old = before.meter(name)
            if old == value:
                continue
            self.say(f"  {meter.label}: {old} -> {value} ({value - old:+d})")
            for passed in marks_passed(meter, old, value):
                self.say(f"  {plain_text(str(passed))}")

    def say_meter(self, meter: Meter, value: int) -> None:
        """A meter's line, with which way is good, what it means and its nearest mark."""
        way = good_way(meter)
        more = f", {way}" if way else ""
        self.say(f"  {meter.label}: {value} (from {meter.min} to {meter.max}{more})")
        if meter.means:
            self.say(f"    {plain_text(meter.means)}")
        reading = mark_reading(meter, value)
        if reading:
            self.say(f"    {plain_text(reading)}")

    def scene_turn(self, state: PlayState) -> PlayState | None:
        scene = current_scene(self.scenario, state)
        self.say("")
        if scene.title:
            self.say(f"--- {scene.title} ---")
        if scene.speaker:
            self.say(f"{scene.speaker}:")
        self.paragraphs(shown_text(scene.text, state))
        if scene.facts:
            self.say("From the sources:")
            for line in self.fact_lines(scene.facts, quotes=False):
                self.say(line)
            self.say(QUOTES_HINT)
        choices = available_choices(self.scenario, state)
        words = self.scene_words(scene.text, state, [o.choice.text for o in choices])
        if words:
            self.say(words_line(words))
        self.say("")
        self.show_meters(None, state)
        self.say("")
        for option in choices:
            label = self.scenario.topic_label(option.choice.topic)
            topic = f"[{label}] " if label else ""
            text = plain_text(option.choice.text)
            if option.enabled:
                self.say(f"{option.shown}. {topic}{text}")
            else:
                self.say(f"{option.shown}. (not available — {option.needs}) {text}")
        enabled = [c.shown for c in choices if c.enabled]
        while True:
            try:
                answer = self.ask("Type the number of your choice and press Enter: ").strip()
            except EOFError:
                return None
            if not answer:
                continue
            if answer.lower() == "s":
                # The first scene's quotes include the briefing's.
                shown = (*self.scenario.facts, *scene.facts) if not state.path else scene.facts
                self.say_quotes(shown)
                continue
            glossary = self.catalog.glossary
            asked = help_asked(answer, self.help_has()) or glossary_asked(answer, words, glossary)
            if asked is not None:
                for line in asked:
                    self.say(line)
                continue
            number = number_typed(answer)
            if number is None:
                self.say(f"Please type one of the numbers: {', '.join(map(str, enabled))}.")
                continue
            try:
                option = shown_choice(self.scenario, state, number)
                new_state = apply_choice(self.scenario, state, option.number)
            except ChoiceRefused as refused:
                self.say(f"{str(refused)[:1].upper()}{str(refused)[1:]}.")
                self.say(f"Please type one of the numbers: {', '.join(map(str, enabled))}.")
                continue
            break
        chosen = option.choice
        self.say(f"\nYou chose: {plain_text(chosen.text)}")
        if isinstance(chosen.feedback, str) and chosen.feedback:
            self.say(wrap(plain_text(chosen.feedback)))
        elif chosen.feedback:  # paragraphs, decided after the choice's effects
            self.paragraphs(shown_text(chosen.feedback, new_state))
        self.show_meters(state, new_state)
        return new_state

    def help_has(self) -> HelpHas:
        """What help speaks of: only what this scenario and its content have."""
        sources = scenario_sources(self.catalog, self.scenario)
        return HelpHas(sources=bool(sources), glossary=bool(self.catalog.glossary))

    def scene_words(self, text: PassageValue, state: PlayState, choices: list[str]) -> list[Term]:
        """The glossary's terms the scene uses: in its text as shown and its choices."""
        return terms_in([shown_text(text, state), *choices], self.catalog.glossary)

    def show_ending(self, state: PlayState) -> None:
        end = ending(self.scenario, state)
        assert end is not None
        self.say(f"\n=== The end: {end.title} ===")
        self.paragraphs(shown_text(end.text, state))
        if end.kind == "counterfactual":
            self.say("\nThis ending is counterfactual: it did not happen.")
        self.say("\nWhat really happened:")
        self.paragraphs(end.history)
        if end.facts:
            self.say("\nFrom the sources:")
            for line in self.fact_lines(end.facts, quotes=False):
                self.say(line)
            try:
                wants = self.ask(QUOTES_PROMPT).strip().lower() == "s"
            except EOFError:
                wants = False  # the end of a script: the debrief goes on
            if wants:
                self.say_quotes(end.facts)
        self.show_why(state)
        self.say(f"\nEnding: {end.title} ({end.kind})")

    def say_quotes(self, fact_ids: tuple[str, ...]) -> None:
        """The quotes of these facts, with their citations."""
        if not fact_ids:
            self.say("There are no sources to quote here.")
            return
        self.say(QUOTES_HEADING)
        for line in self.fact_lines(fact_ids, quotes=True):
            self.say(line)

    def show_why(self, state: PlayState) -> None:
        """Why this ending, and what would have changed it, worked out from the path."""
        explained = explain(self.scenario, state.path)
        for heading, lines in (
            (WHY_HEADING, explained.why_lines()),
            (CHANGE_HEADING, explained.change_lines()),
        ):
            self.say(f"\n{heading}:")
            for line in lines:
                indent = "    " if line.startswith(" ") else ""
                self.say(wrap(plain_text(line), indent, indent + "  "))
