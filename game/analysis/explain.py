"""Why an ending was reached and what would have changed it, as lines for the ending.

The app's ending screen and plain mode both show these lines under the headings
`WHY_HEADING` and `CHANGE_HEADING`. Everything is recomputed from the path (so a saved
game explains itself the same way): the engine's record gives the conditions that
decided (`game.engine.record`), `alternatives` the earliest choice that could have
changed the ending. Pure: no screen, no file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from game.analysis.alternatives import Alternative, could_not_choose, search_changes
from game.analysis.why import MOST_LINES, lines_wide, short_why
from game.content.models import Scenario
from game.engine import needs
from game.engine.record import Record, record

WHY_HEADING = "Why this ending"
CHANGE_HEADING = "What would have changed it"


@dataclass(frozen=True)
class Explanation:
    fits: bool
    ending_title: str
    last_choice: str
    why: tuple[str, ...]
    """The lines under "Why this ending" (`game.analysis.why`)."""
    change: Alternative | None
    searched_all: bool = True
    """False when the search for what would have changed it stopped at its limit."""
    latest: Alternative | None = None
    """The latest choice on the path whose alternative leads to a different ending, when
    it is not `change`'s choice."""
    latest_at: str = ""
    """The title of the scene of `latest` (empty: the scene has none)."""

    def why_lines(self) -> list[str]:
        """The lines under "Why this ending": what led into the ending, the meters and
        flags it tested with the choices that moved them (at most about ten lines)."""
        return list(self.why) if self.fits else [GONE]

    def change_lines(self, full: bool = True) -> list[str]:
        """The lines under "What would have changed it"; not `full`, one line: the choice
        made, the one to make instead, how many more choices lead to which ending."""
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
        if full or not alt.continuation:
            lines.extend(f"  then: “{step.text}”" for step in alt.continuation)
            lines.append(f"and the ending is “{alt.ending_title}”.")
        else:
            more = len(alt.continuation)
            choices = "1 more choice leads" if more == 1 else f"{more} more choices lead"
            lines = [f"{' '.join(lines)}; then {choices} to “{alt.ending_title}”."]
        return lines + self.nearest_lines(full)

    def nearest_lines(self, full: bool = True) -> list[str]:
        """ "Nearest the end: at “Scene”, choosing “X” leads to “Y”." for the latest
        choice whose alternative changes the ending, when it is not the earliest."""
        alt = self.latest
        if alt is None:
            return []
        where = f"at “{self.latest_at}”" if self.latest_at else f"at your choice {alt.step + 1}"
        head = f"Nearest the end: {where}, choosing “{alt.choice.text}”"
        if not full or not alt.continuation:
            return [f"{head} leads to “{alt.ending_title}”."]
        then = [f"  then: “{step.text}”" for step in alt.continuation]
        return [head, *then, f"and the ending is “{alt.ending_title}”."]


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
    change, latest, complete = search_changes(scenario, played, max_states)
    if latest is not None and change is not None and latest.step == change.step:
        latest = None
    at = scenario.scenes[latest.scene].title or "" if latest is not None else ""
    greyed = could_not_choose(scenario, played, final.scene, max_states)
    extra = [] if greyed is None else [_greyed_line(scenario, played, *greyed)]
    explained = Explanation(True, title, last, (), change, complete, latest, " ".join(at.split()))
    room = MOST_LINES - 1 - lines_wide(explained.nearest_lines(full=False))  # 2 screens
    why = short_why(scenario, played, title, extra, room)
    return replace(explained, why=tuple(why))


def _greyed_line(scenario: Scenario, played: Record, step: int, number: int, other: str) -> str:
    """ "You could not choose “X” at the end (you needed …); it could have led to “Y”." """
    choice = (scenario.scenes[played.moves[step].scene].choices or ())[number - 1]
    needed = (needs(scenario, choice) or "").removeprefix("you need: ")
    return (
        f"You could not choose “{' '.join(choice.text.split())}” (you needed {needed}); "
        f"it could have led to “{scenario.endings[other].title}”."
    )
