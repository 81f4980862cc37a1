"""Why an ending was reached and what would have changed it, as lines for the ending.

The app's ending screen and plain mode both show these lines under the headings
`WHY_HEADING` and `CHANGE_HEADING`. Everything is recomputed from the path (so a saved
game explains itself the same way): the engine's record gives the conditions that
decided (`game.engine.record`), `alternatives` the earliest choice that could have
changed the ending. Pure: no screen, no file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.analysis.alternatives import Alternative, search_change
from game.content.conditions import Condition, names
from game.content.met_words import held_parts, met_in_words
from game.content.models import Scenario
from game.engine.record import Decision, Move, Record, record

WHY_HEADING = "Why this ending"
CHANGE_HEADING = "What would have changed it"


@dataclass(frozen=True)
class Reason:
    """One condition that held, in words, and the choices of the path behind its values
    ("+15: Propose the 1956 Joint Declaration")."""

    sentence: str
    behind: tuple[str, ...]


@dataclass(frozen=True)
class Explanation:
    fits: bool
    ending_title: str
    last_choice: str
    reasons: tuple[Reason, ...]
    change: Alternative | None
    searched_all: bool = True
    """False when the search for what would have changed it stopped at its limit."""

    def why_lines(self) -> list[str]:
        """The lines under "Why this ending": each reason, then its choices indented."""
        if not self.fits:
            return [GONE]
        if not self.reasons and not self.last_choice:
            return [
                f"No condition decided it: the scenario leads straight to “{self.ending_title}”."
            ]
        if not self.reasons:
            return [
                f"No condition decided it: your choice “{self.last_choice}” leads "
                f"straight to “{self.ending_title}”."
            ]
        lines: list[str] = []
        for reason in self.reasons:
            lines.append(f"{reason.sentence[:1].upper()}{reason.sentence[1:]}.")
            lines.extend(f"  {line}" for line in reason.behind)
        return lines

    def change_lines(self) -> list[str]:
        """The lines under "What would have changed it"."""
        if not self.fits:
            return [GONE]
        alt = self.change
        if alt is None and not self.searched_all:
            return [
                "This scenario has too many situations to work this out quickly "
                "(its author can see them all with `treaty explore`)."
            ]
        if alt is None:
            return [
                "No other choice on your path leads anywhere else: every way on from your "
                f"choices ends in “{self.ending_title}”."
            ]
        lines = [
            f"At your choice {alt.step + 1} you chose “{alt.instead_of.text}”.",
            f"Choose instead: “{alt.choice.text}”",
        ]
        lines.extend(f"  then: “{step.text}”" for step in alt.continuation)
        lines.append(f"and the ending is “{alt.ending_title}”.")
        return lines


GONE = (
    "This game's path no longer fits the scenario (its file has changed since), "
    "so this cannot be worked out."
)


SEARCH_LIMIT = 50_000
"""How many states the ending searches, at most, for what would have changed it: a
second or so in a very large scenario; the bundled ones need a few thousand at most."""


def explain(
    scenario: Scenario, path: Sequence[tuple[str, int]], max_states: int = SEARCH_LIMIT
) -> Explanation:
    """The explanation of the ending reached by `path`."""
    played = record(scenario, path)
    final = played.final if played.states else None
    if final is None or not played.fits or not final.ended:
        return Explanation(False, "", "", (), None)
    title = scenario.endings[final.scene].title
    last = " ".join(played.moves[-1].choice.text.split()) if played.moves else ""
    change, complete = search_change(scenario, played, max_states)
    return Explanation(True, title, last, _reasons(scenario, played), change, complete)


def _reasons(scenario: Scenario, played: Record) -> tuple[Reason, ...]:
    labels = {name: meter.label for name, meter in scenario.meters.items()}
    out: list[Reason] = []
    seen: set[str] = set()
    for decision in played.decisions:
        values = dict(decision.meters)
        needed_by = _needed_by(scenario, decision)
        for part in held_parts(decision.condition, values, decision.flags):
            words = met_in_words(part, values, decision.flags, needed_by, labels, scenario.flags)
            for sentence in words:
                if sentence not in seen:
                    seen.add(sentence)
                    behind = _behind(scenario, part, played.moves[: decision.moves])
                    out.append(Reason(sentence, behind))
    return tuple(out)


def _needed_by(scenario: Scenario, decision: Decision) -> str:
    if decision.kind == "choice":
        choice = (scenario.scenes[decision.scene].choices or ())[decision.number - 1]
        return f"the choice “{' '.join(choice.text.split())}”"
    if decision.goto in scenario.endings:
        return f"the way to “{scenario.endings[decision.goto].title}”"
    scene = scenario.scenes[decision.goto]
    return f"the way to “{scene.title}”" if scene.title else "the way on"


def _behind(scenario: Scenario, part: Condition, moves: Sequence[Move]) -> tuple[str, ...]:
    """For each meter and flag of `part`, the moves of the path that changed it."""
    lines: list[str] = []
    named: list[str] = []
    for ref in names(part):
        if ref.name not in named:
            named.append(ref.name)
    for name in named:
        text = [" ".join(m.choice.text.split()) for m in moves]
        if name in scenario.meters:
            changed = [
                (dict(m.changes)[name], t)
                for m, t in zip(moves, text, strict=True)
                if name in dict(m.changes)
            ]
            if not changed:
                meter = scenario.meters[name]
                lines.append(f"({meter.label}: no choice of yours moved it from {meter.start})")
            lines.extend(f"{delta:+d}: {t}" for delta, t in changed)
        else:
            for m, t in zip(moves, text, strict=True):
                if name in m.flags_set:
                    lines.append(f"set: {t}")
                if name in m.flags_cleared:
                    lines.append(f"cleared: {t}")
    return tuple(lines)
