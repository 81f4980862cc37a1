"""Which of a meter's marks some reachable path reaches, and which none does, for
`treaty explore`: a mark promises the student that something happens at that value, so
a mark no path can reach promises what the scenario never does.

A mark above the meter's start is reached when some reachable state has the meter at or
above it (on the way there a choice crossed or reached it); below the start, at or
below it; a mark at the start is where the meter begins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.content.models import Scenario

Reach = Literal["reached", "start", "never"]


@dataclass(frozen=True)
class MarkReach:
    """One mark of meter `meter`: its value, its words, and whether a path reaches it."""

    meter: str
    mark: int
    words: str
    reach: Reach


def marks_reached(scenario: Scenario, ranges: dict[str, tuple[int, int]]) -> list[MarkReach]:
    """Every mark of every meter, in the order the meters and their marks are written,
    given the range of values each meter takes over the reachable states."""
    out: list[MarkReach] = []
    for name, meter in scenario.meters.items():
        low, high = ranges.get(name, (meter.start, meter.start))
        for mark, words in meter.marks.items():
            reach: Reach
            if mark == meter.start:
                reach = "start"
            elif (mark > meter.start and high >= mark) or (mark < meter.start and low <= mark):
                reach = "reached"
            else:
                reach = "never"
            out.append(MarkReach(name, mark, " ".join(words.split()), reach))
    return out
