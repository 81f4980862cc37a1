"""A meter's marks (docs/format.md, "Meters"): the mark nearest a value, and the marks a
move reaches or passes, with the words the side panel and plain mode show for them.

A move reaches or passes a mark when the mark lies between the old value (left out) and
the new one (kept): from 65 to 75 passes 70, from 65 to 70 reaches it, and from 70 to 75
leaves it, which is not announced again.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.models import Meter
from game.content.vocabulary import Good


@dataclass(frozen=True)
class MarkPassed:
    """A mark a choice's effects reached or passed."""

    label: str
    mark: int
    words: str
    old: int
    new: int

    def __str__(self) -> str:
        rose = self.new > self.old
        if self.new == self.mark:
            moved = f"{'rose' if rose else 'fell'} to {self.mark}"
        else:
            moved = f"{'rose above' if rose else 'fell below'} {self.mark} (now {self.new})"
        return f"{self.label} {moved}: {self.words}"


def nearest_mark(meter: Meter, value: int) -> tuple[int, str] | None:
    """The mark nearest `value` (the lower of two as near), with its words; None without
    marks."""
    if not meter.marks:
        return None
    mark = min(meter.marks, key=lambda m: (abs(m - value), m))
    return mark, meter.marks[mark]


def mark_reading(meter: Meter, value: int) -> str | None:
    """The words of the mark nearest `value`, placed from it:
    `15 below the mark at 70: words`."""
    found = nearest_mark(meter, value)
    if found is None:
        return None
    mark, words = found
    if value == mark:
        return f"at the mark {mark}: {words}"
    side = "below" if value < mark else "above"
    return f"{abs(mark - value)} {side} the mark at {mark}: {words}"


def marks_passed(meter: Meter, old: int, new: int) -> list[MarkPassed]:
    """The marks a move from `old` to `new` reaches or passes, in the order it meets them."""
    if old == new:
        return []
    if new > old:
        marks = sorted(m for m in meter.marks if old < m <= new)
    else:
        marks = sorted((m for m in meter.marks if new <= m < old), reverse=True)
    return [MarkPassed(meter.label, m, meter.marks[m], old, new) for m in marks]


GOOD_WORDS: dict[Good, str] = {"high": "higher is better", "low": "lower is better"}
"""What the screens and plain mode say for each `good:`."""


def good_way(meter: Meter) -> str | None:
    """Which way helps the student's delegation, in words: `higher is better`."""
    return None if meter.good is None else GOOD_WORDS[meter.good]


def is_good_change(meter: Meter, change: int) -> bool | None:
    """Whether a change helps (None: the meter does not say which way is good)."""
    if meter.good is None or change == 0:
        return None
    return (change > 0) == (meter.good == "high")


def meter_about(meter: Meter, value: int) -> tuple[str, ...]:
    """What the side panel and plain mode say under a meter's bar: which way is good and
    what the meter means (one line), then the words of its nearest mark."""
    way, reading = good_way(meter), mark_reading(meter, value)
    first = "; ".join(filter(None, [way, meter.means]))
    return tuple(filter(None, [first, reading]))
