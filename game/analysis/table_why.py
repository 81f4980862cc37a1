"""Why a table ended this way (issue 34), in words, for one side: the whole path, each
branching point that led towards the ending in order, with the moves of each side that
made the difference, and which sides' moves decided it.

The path is replayed through the engine (`resolve` records the route branches each step
takes). A branching point is a `moves:` scene whose route could go more than one way, or
a one-side scene whose choices lead to different places (or go on to a route that could);
the last step is always said. Each is said as a plain cause, briefly (`table_causes`):

    At “The town hall”, the table went to “Millbrook walks out” because:
      You chose “Ask for a high toll”, so Riverton asked for a high toll.
      Millbrook's council chose “Refuse any toll”.
    Decided by the moves of Riverton's council and Millbrook's council.

"Decided by the moves of …" names each side a move of which made a difference, and says
"… alone" when only one side's did. Each side is told only what it may see: the shared
meters and flags, its own private ones and every move on the path (each has been shown
to both sides), never the other side's private meters or flags; with no side, only what
both sides see. The whole why keeps to about `MOST_LINES` lines `WIDTH` wide, so that a
side's debrief stays within two 80x24 screens: when a long path needs more, the earliest
branching points are said in one line each (where the table went, the moves that made
the difference, each meter that counted, and whether something only the other side could
see counted).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.analysis.table_causes import Causes, Named, short
from game.analysis.why import lines_wide
from game.content.conditions import Condition
from game.content.met_words import negate
from game.content.table_models import Table
from game.engine.table import (
    TableState,
    Turn,
    available_moves,
    moves_of,
    replay_table,
    resolve,
    start_table,
)

MOST_LINES = 20
"""At most about this many lines, 76 wide, for a side's whole why."""


@dataclass(frozen=True)
class TableWhy:
    """What decided the ending: the lines to show, and the sides whose moves did."""

    lines: tuple[str, ...]
    deciders: tuple[str, ...]
    """The roles whose moves decided, in the order the file declares them."""
    named: tuple[Named, ...] = ()
    """Each move the lines name, as (its step on the path from 0, the role that made it)."""


@dataclass(frozen=True)
class _Step:
    """One step of the path, replayed: the state before and after, the branches routed."""

    index: int
    turn: Turn
    before: TableState
    after: TableState
    routed: tuple[tuple[str, int], ...]


def table_why(table: Table, state: TableState, side: str | None = None) -> TableWhy:
    """Why `state` (an ending) was reached, from its path, as `side` may see it (None:
    only what both sides see). KeyError for a side that is not at the table."""
    if side is not None and side not in table.roles:
        raise KeyError(side)
    if not state.ended or not state.path:
        return TableWhy((), ())
    replay_table(table, list(state.path))  # ChoiceRefused when the path no longer fits
    steps = _replay(table, state.path)
    causes = Causes(table, side, state.path)
    blocks: list[tuple[list[str], str]] = []
    for step in steps:
        named = len(causes.named)
        block = _block(table, step, causes, last=step is steps[-1])
        if block:
            blocks.append((block, _brief(block[0], causes, causes.named[named:])))
    order = tuple(r for r in table.role_ids if r in causes.deciders)
    lines = _fit(blocks)
    if len(order) == 1:
        lines.append(f"Decided by the moves of {table.roles[order[0]].name} alone.")
    elif order:
        who = " and ".join(table.roles[r].name for r in order)
        lines.append(f"Decided by the moves of {who}.")
    return TableWhy(tuple(lines), order, tuple(dict.fromkeys(causes.named)))


def _brief(head: str, causes: Causes, named: list[Named]) -> str:
    """A step in one line: where the table went, the moves that made the difference
    through a flag or by their own choice, each meter said as its line says it, and
    whether something only the other side could see counted."""
    by_meter = set(causes.by_meters) - set(causes.by_flags)
    moves = [m for m in dict.fromkeys(named) if m not in by_meter]
    said = [causes.chose(moves, start=False)] if moves else []
    said += causes.meters
    if causes.hidden:
        said.append(f"something only {causes.hidden} could see counted too")
    head = head.removesuffix(" because:")
    return f"{head}: {'; '.join(said)}." if said else f"{head}."


def _replay(table: Table, path: tuple[Turn, ...]) -> list[_Step]:
    """Each step of `path` (which fits `table`) with the states around it."""
    steps: list[_Step] = []
    state = start_table(table)
    for index, turn in enumerate(path):
        routed: list[tuple[str, int]] = []
        after = resolve(table, state, dict(turn[1]), routed)
        steps.append(_Step(index, turn, state, after, tuple(routed)))
        state = after
    return steps


def _block(table: Table, step: _Step, causes: Causes, *, last: bool) -> list[str]:
    """The lines for one step: empty when it was no branching point (and not the last)."""
    scene_id, turn = step.turn
    where = _title(table.scenes[scene_id].title)
    at = f"At “{where}”, " if where else ""
    to = _place(table, step.after)
    conditions = _conditions(table, step.routed)
    found = causes.lines(conditions, step.after.meter_values, step.after.flags, step.index + 1)
    repeated = causes.repeated
    if table.scenes[scene_id].moves is None:  # one side's choice
        role, number = turn[0]
        choice = moves_of(table, scene_id, role)[number - 1]
        chose = _upper(f"{at}{_who(causes, role)} chose “{short(choice.text)}”")
        if _choice_branches(table, step):
            causes.named.append((step.index, role))
            causes.deciders.add(role)
        elif not (found or repeated or last):
            return []
        if found:
            return [f"{chose}, and the table went {to} because:", *found]
        if repeated:
            return [f"{chose}, and the table went {to} for the reasons above."]
        causes.named.append((step.index, role))
        causes.deciders.add(role)
        return [f"{chose}, and the table went {to}."]
    if found:
        return [_upper(f"{at}the table went {to} because:"), *found]
    if repeated and (last or len(conditions) > 0):
        return [_upper(f"{at}the table went {to} for the reasons above.")]
    if not last:
        return []
    chose = " and ".join(
        f"{_who(causes, role)} chose “{short(moves_of(table, scene_id, role)[number - 1].text)}”"
        for role, number in turn
    )
    causes.named += [(step.index, role) for role, _ in turn]
    causes.deciders.update(role for role, _ in turn)
    return [_upper(f"{at}{chose}, which led straight {to}.")]


def _conditions(table: Table, routed: tuple[tuple[str, int], ...]) -> list[Condition]:
    """What held for the branches taken: each branch taken, and the negation of each
    branch before it, of the routes that could go more than one way."""
    conditions: list[Condition] = []
    for scene_id, number in routed:
        route = table.scenes[scene_id].route or ()
        if len(route) < 2:
            continue
        conditions += [negate(b.condition) for b in route[: number - 1] if b.condition]
        taken = route[number - 1].condition
        conditions += [taken] if taken is not None else []
    return conditions


def _choice_branches(table: Table, step: _Step) -> bool:
    """Whether the choices open at a one-side scene led to different places."""
    role = step.turn[1][0][0]
    places = {
        resolve(table, step.before, {role: number}).scene
        for number, _ in available_moves(table, step.before, role)
    }
    return len(places) > 1


def _place(table: Table, state: TableState) -> str:
    """ "to “Millbrook walks out”" (an ending or a scene with a title), or "on"."""
    if state.ended:
        return f"to “{_title(table.endings[state.scene].title)}”"
    title = _title(table.scenes[state.scene].title)
    return f"to “{title}”" if title else "on"


def _who(causes: Causes, role: str) -> str:
    """The side inside a sentence: "you", or its name."""
    who = causes.who(role)
    return "you" if who == "You" else who


def _title(title: str | None) -> str:
    return " ".join((title or "").split())


def _upper(line: str) -> str:
    return line[:1].upper() + line[1:]


def _fit(blocks: list[tuple[list[str], str]]) -> list[str]:
    """The blocks, within about `MOST_LINES` lines: the earliest said in one line each
    (where the table went, and the moves that made the difference) while the whole is
    too long."""
    said = [lines for lines, _ in blocks]
    for at, (lines, brief) in enumerate(blocks[:-1]):
        if lines_wide([line for b in said for line in b]) <= MOST_LINES - 1:
            break
        if len(lines) > 1:
            said[at] = [brief]
    return [line for b in said for line in b]
