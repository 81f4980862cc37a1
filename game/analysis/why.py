"""The short "Why this ending": what led into the ending, not every step of the way.

From the engine's record of the path, the decisions are taken newest first, grouped by
where they were made (a routing scene after a choice, or a choice that needed something):
first the one that led into the ending, then the ones before it while they fit (in
`EARLIER_LINES`). Each meter or flag they tested is said once, with the value it had and
what was needed, and the choices of the path that moved or set it; what the student's
choices did comes first, and the flags they never set are said together in one sentence
("You had not asked ..., nor ..."). A scene a route led to is named only when the
student saw it ("You came to “The wall” because:"), never as a goal:

    The way to “A framework agreement” needed:
      Trust between the delegations was 70 (needed at least 70): +15 “Propose the 1956
        Joint Declaration…”, +15 “Ask for Russia's security concerns…”
      You had proposed the 1956 declaration — your choice “Propose the 1956 Joint…”

All of it fits in about `MOST_LINES` lines `WIDTH` columns wide (an 80-column ending),
fewer when the ending says more under "What would have changed it".
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from game.content.conditions import Compare, Flag, Not
from game.content.met_words import held_parts, met_briefly
from game.content.models import Scenario
from game.engine.record import Decision, Move, Record

WIDTH = 76
"""The columns the why is measured in: an 80-column screen less its margins."""

MOST_LINES = 10
"""At most about this many lines, `WIDTH` wide, for the whole of the why."""

SHORT_CHOICE = 32
"""A choice named beside a meter is cut to about this many characters."""

MOST_MOVES = 2
"""At most this many choices are named beside one meter (the ones that moved it most)."""

EARLIER_LINES = 6
"""The decisions before the one that led into the ending are added only while the why
stays within this many lines (so the debrief keeps to two screens at 80x24)."""
"""At most this many choices are named beside one meter (the ones that moved it most)."""


def lines_wide(lines: Sequence[str], width: int = WIDTH) -> int:
    """How many lines `lines` take `width` columns wide (a line that starts with spaces
    goes on, when it wraps, two spaces further in), as the ending and plain mode show them."""
    total = 0
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip(" ")))
        wrapped = textwrap.wrap(line, width, subsequent_indent=indent + "  ")
        total += max(1, len(wrapped))
    return total


def short_why(
    scenario: Scenario,
    played: Record,
    ending_title: str,
    extra: Sequence[str] = (),
    most: int = MOST_LINES,
) -> list[str]:
    """The lines of the why for a path that reached an ending (`played` fits), in about
    `most` lines (never more than `MOST_LINES`). `extra` lines (choices that could not
    be taken and would have changed things) come after what led into the ending, when
    they fit."""
    most = min(most, MOST_LINES)
    groups = _groups(played.decisions)
    count = len(played.moves)
    last = played.moves[-1] if played.moves else None
    lines: list[str] = []
    if not groups or not _into_ending(groups[-1][0], count):
        if last is None:
            lines.append(
                f"No condition decided it: the scenario leads straight to “{ending_title}”."
            )
        else:
            lines.append(f"Your choice “{_text(last)}” leads straight to “{ending_title}”.")
    said: set[str] = set()
    placed = False  # whether the newest block, the one nearest the ending, is said
    for first, decisions in reversed(groups):
        block = _block(scenario, played, first, decisions, said)
        if not block:
            continue
        if not placed:
            lines.extend(_fit(block, max(2, most - lines_wide(lines))))
            lines.extend(line for line in extra if lines_wide([*lines, line]) <= most)
            placed = True
            continue
        if lines_wide(lines + block) > min(most, EARLIER_LINES):
            break
        lines.extend(block)
    if not placed:
        lines.extend(line for line in extra if lines_wide([*lines, line]) <= most)
    return lines


def _into_ending(decision: Decision, count: int) -> bool:
    """Whether a decision led into the ending: made after the last choice, or the last
    choice's own condition."""
    return decision.moves == count or (decision.kind == "choice" and decision.moves == count - 1)


def _groups(decisions: Sequence[Decision]) -> list[tuple[Decision, list[Decision]]]:
    """The decisions in the order made, grouped by where they were made."""
    groups: list[tuple[Decision, list[Decision]]] = []
    for decision in decisions:
        where = (decision.kind, decision.scene, decision.moves, decision.number)
        if groups:
            first = groups[-1][0]
            if (first.kind, first.scene, first.moves, first.number) == where:
                groups[-1][1].append(decision)
                continue
        groups.append((decision, [decision]))
    return groups


def _block(
    scenario: Scenario,
    played: Record,
    first: Decision,
    decisions: list[Decision],
    said: set[str],
) -> list[str]:
    """A heading ("The way to “X” needed:") and one line for each meter or flag its
    decisions tested that is not said yet, with the choices behind it."""
    labels = {name: meter.label for name, meter in scenario.meters.items()}
    items: list[tuple[int, str]] = []  # (rank: what the student's choices did first, line)
    nots: list[str] = []  # "you had not X" with no choice behind: said in one sentence
    route = scenario.scenes[first.scene].route or ()
    taken = [d for d in decisions if any(b.condition is d.condition for b in route)]
    for decision in [*taken, *(d for d in decisions if d not in taken)]:  # taken first
        values = dict(decision.meters)
        for part in held_parts(decision.condition, values, decision.flags):
            brief = met_briefly(part, values, labels, scenario.flags)
            if brief is None or brief[0] in said:
                continue
            name, words = brief
            said.add(name)
            behind = _behind(scenario, part, name, played.moves[: decision.moves])
            if not behind and isinstance(part, Not) and words.startswith(NOT_DONE):
                nots.append(words.removeprefix(NOT_DONE))
                continue
            item = f"{words[:1].upper()}{words[1:]}"
            joint = " — " if isinstance(part, Flag | Not) else ": "
            moved = bool(behind) and not behind.startswith(NOT_MOVED)
            items.append((0 if moved else 1, f"  {item}{joint}{behind}" if behind else f"  {item}"))
    if nots:
        items.append((2, "  You had not " + ", nor ".join(nots)))
    if not items:
        return []
    return [_heading(scenario, played, first), *(line for _, line in sorted(items, key=_rank))]


def _rank(item: tuple[int, str]) -> int:
    return item[0]


def _fit(block: list[str], most: int) -> list[str]:
    """The heading and as many of its items as fit in `most` lines, saying how many
    more there were."""
    if lines_wide(block) <= most:
        return block
    kept = block[:1]
    for at, item in enumerate(block[1:], start=1):
        left = len(block) - at - 1
        more = [f"  (and {left} more)"] if left else []
        if lines_wide([*kept, item, *more]) > most:
            rest = len(block) - at
            return [*kept, f"  (and {rest} more)"]
        kept.append(item)
    return kept


NOT_DONE = "you had not "
NOT_MOVED = "no choice of yours moved it from"


def _heading(scenario: Scenario, played: Record, decision: Decision) -> str:
    """What the decision's conditions were for: the choice taken, the ending reached, or
    the scene the student came to next (by its title only when they saw it)."""
    if decision.kind == "choice":
        choice = (scenario.scenes[decision.scene].choices or ())[decision.number - 1]
        return f"To choose “{' '.join(choice.text.split())}”, you needed:"
    if decision.goto in scenario.endings:
        return f"The way to “{scenario.endings[decision.goto].title}” needed:"
    title = " ".join((scenario.scenes[decision.goto].title or "").split())
    seen = any(state.scene == decision.goto for state in played.states[decision.moves :])
    if title and seen:
        return f"You came to “{title}” because:"
    return "The way on needed:"


def _behind(
    scenario: Scenario, part: Compare | Flag | Not, name: str, moves: Sequence[Move]
) -> str:
    """The choices of the path that moved the meter `name` (the ones that moved it most,
    in the order made) or set or cleared the flag `name`."""
    if isinstance(part, Compare):
        if name not in scenario.meters:
            return ""
        changed = [(delta, m) for m in moves for n, delta in m.changes if n == name]
        if not changed:
            return f"{NOT_MOVED} {scenario.meters[name].start}"
        kept = sorted(range(len(changed)), key=lambda i: -abs(changed[i][0]))[:MOST_MOVES]
        shown = [f"{changed[i][0]:+d} “{_short(changed[i][1])}”" for i in sorted(kept)]
        if len(changed) > len(kept):
            shown.append(f"and {len(changed) - len(kept)} more")
        return ", ".join(shown)
    done = [m for m in moves if name in m.flags_set]
    undone = [m for m in moves if name in m.flags_cleared]
    if isinstance(part, Flag) and done:
        return f"your choice “{_short(done[-1])}”"
    if isinstance(part, Not) and undone:
        return f"undone by your choice “{_short(undone[-1])}”"
    return ""


def _text(move: Move) -> str:
    return " ".join(move.choice.text.split())


def _short(move: Move) -> str:
    """A choice's text cut at a word to about `SHORT_CHOICE` characters."""
    text = _text(move)
    if len(text) <= SHORT_CHOICE:
        return text
    cut = text[: SHORT_CHOICE + 1].rsplit(" ", 1)[0].rstrip(",.;:")
    if cut.count("*") % 2:  # an emphasis cut in two: shown without its asterisks
        cut = cut.replace("*", "")
    return f"{cut}…"
