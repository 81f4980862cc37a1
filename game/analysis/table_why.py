"""Why a table ended this way (issue 34), in words, for one side: which side's moves
decided it.

The ending's last step is replayed through the engine (`resolve` records the route
branches it takes). The conditions that decided (a branch taken, and the negation of
each branch before it that did not hold) are said as format 1's "Why this ending" says
them (`game.content.met_words`): each meter by its label with the value it had and what
was needed, each flag by what it means, with the moves of the path that moved or set it:

    The way to “A joint plan” needed:
      Goodwill between the towns was 70 (needed at least 70): +10 “Ask for a small
        toll” (you), +15 “Offer to share the cost…” (Millbrook's council)
    Decided by the moves of Riverton's council and Millbrook's council.

Each side is told only what it may see (`game.engine.table_view`): the shared meters and
flags and its own private ones, and every move on the path (both moves are revealed once
made). The other side's private meters and flags are never named, nor its moves' effects
on them: "Something only Millbrook's council could see counted too." With no side, only
what both sides see is said. The `if:` of a move on the last step is said only to the
side that made it (the other side never saw that side's options).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from game.analysis.why import MOST_MOVES, SHORT_CHOICE
from game.content.conditions import And, Compare, Condition, Flag, Not, Or, holds, names
from game.content.met_words import held_parts, met_briefly, negate
from game.content.table_models import Table, TableMove
from game.engine.table import TableState, Turn, moves_of, replay_table, resolve


@dataclass(frozen=True)
class TableWhy:
    """What decided the ending: the lines to show, and the sides whose moves did."""

    lines: tuple[str, ...]
    deciders: tuple[str, ...]
    """The roles whose moves decided, in the order the file declares them."""


def table_why(table: Table, state: TableState, side: str | None = None) -> TableWhy:
    """Why `state` (an ending) was reached, from its path, as `side` may see it (None:
    only what both sides see). KeyError for a side that is not at the table."""
    if side is not None and side not in table.roles:
        raise KeyError(side)
    if not state.ended or not state.path:
        return TableWhy((), ())
    *before, (scene_id, turn) = state.path
    at = replay_table(table, list(before))
    routed: list[tuple[str, int]] = []
    resolve(table, at, dict(turn), routed)
    told = _Told(table, side)
    conditions: list[Condition] = []
    for routed_scene, number in routed:
        route = table.scenes[routed_scene].route or ()
        conditions += [negate(b.condition) for b in route[: number - 1] if b.condition]
        taken = route[number - 1].condition
        conditions += [taken] if taken is not None else []
    title = table.endings[state.scene].title
    lines = told.block(f"The way to “{title}” needed:", conditions, state, state.path)
    if not lines:
        lines = [_straight(table, scene_id, turn, side, title)]
    for role, number in turn:  # the `if:` of a move made last, for the side that made it
        move = moves_of(table, scene_id, role)[number - 1]
        if role == side and move.condition is not None:
            head = f"To choose “{_words(move.text)}”, you needed:"
            lines += told.block(head, [move.condition], at, state.path[:-1])
    deciders = told.deciders or {role for role, _ in turn}
    order = tuple(r for r in table.role_ids if r in deciders)
    if order:
        who = " and ".join(table.roles[r].name for r in order)
        lines.append(f"Decided by the moves of {who}.")
    return TableWhy(tuple(lines), order)


class _Told:
    """What one side is told of the conditions that decided: each meter or flag once."""

    def __init__(self, table: Table, side: str | None) -> None:
        self.table = table
        self.values: Mapping[str, int] = {}
        self.side = side
        self.labels = {name: meter.label for name, meter in table.meters.items()}
        self.means = {name: flag.means for name, flag in table.flags.items() if flag.means}
        self.said: set[str] = set()
        self.deciders: set[str] = set()

    def seen(self, name: str) -> bool:
        """Whether this side may see the meter or flag `name`."""
        owner = self.table.side_of(name)
        return owner is None or owner == self.side

    def block(
        self, heading: str, conditions: list[Condition], met: TableState, path: Iterable[Turn]
    ) -> list[str]:
        """The heading and a line for each meter or flag the conditions tested (which
        held in the state `met`) that this side may see, with the moves of `path` behind
        it; a line for what only the other side could see."""
        path = tuple(path)
        self.values = met.meter_values
        items: list[str] = []
        hidden: set[str] = set()
        for condition in conditions:
            for part in self._parts(condition, met.flags):
                refs = [ref.name for ref in names(part)]
                if not refs or all(name in self.said for name in refs):
                    continue
                self.said.update(refs)
                moves = [m for name in refs for m in _behind(self.table, path, name)]
                self.deciders.update(role for role, _, _ in moves)
                if not all(self.seen(name) for name in refs):
                    hidden.update(o for n in refs if (o := self.table.side_of(n)) is not None)
                    continue
                items.append(self._item(part, refs[0], moves))
        private = [r for r in self.table.role_ids if r in hidden and r != self.side]
        if private:
            whose = " or ".join(self.table.roles[r].name for r in private)
            items.append(f"  Something only {whose} could see counted too.")
        return [heading, *items] if items else []

    def _parts(self, condition: Condition, flags: frozenset[str]) -> Iterator[Compare | Flag | Not]:
        """The simple parts through which `condition` held (`held_parts`), but of an `or`
        only the parts this side may see when one of them held."""
        if not holds(condition, self.values, flags):
            return
        if isinstance(condition, And):
            for item in condition.items:
                yield from self._parts(item, flags)
        elif isinstance(condition, Or):
            held = [c for c in condition.items if holds(c, self.values, flags)]
            seen = [c for c in held if all(self.seen(ref.name) for ref in names(c))]
            for item in seen or held:
                yield from self._parts(item, flags)
        elif isinstance(condition, Not) and not isinstance(condition.inner, Flag):
            yield from self._parts(negate(condition.inner), flags)
        else:
            yield from held_parts(condition, self.values, flags)

    def _item(
        self, part: Compare | Flag | Not, name: str, moves: list[tuple[str, TableMove, str]]
    ) -> str:
        brief = met_briefly(part, self.values, self.labels, self.means)
        words = brief[1] if brief is not None else name
        line = f"  {words[:1].upper()}{words[1:]}"
        if isinstance(part, Compare):
            ranked = sorted(range(len(moves)), key=lambda i: -abs(int(moves[i][2])))
            kept = sorted(ranked[:MOST_MOVES])
            shown = [
                f"{moves[i][2]} “{_short(moves[i][1].text)}” ({self._who(moves[i][0])})"
                for i in kept
            ]
            if len(moves) > len(kept):
                shown.append(f"and {len(moves) - len(kept)} more")
            return f"{line}: {', '.join(shown)}" if shown else line
        how = "cleared" if isinstance(part, Not) else "set"
        done = [(role, move) for role, move, did in moves if did == how]
        if not done:
            return line
        role, move = done[-1]
        undone = "undone by " if isinstance(part, Not) else ""
        return f"{line} — {undone}“{_short(move.text)}” ({self._who(role)})"

    def _who(self, role: str) -> str:
        return "you" if role == self.side else self.table.roles[role].name


def _behind(table: Table, path: tuple[Turn, ...], name: str) -> list[tuple[str, TableMove, str]]:
    """The moves on `path` that moved the meter `name` (with the change, "+10") or set
    or cleared the flag `name` ("set", "cleared"), as (role, move, how)."""
    found: list[tuple[str, TableMove, str]] = []
    for scene_id, turn in path:
        for role, number in turn:
            move = moves_of(table, scene_id, role)[number - 1]
            if name in move.effects:
                found.append((role, move, f"{move.effects[name]:+d}"))
            elif name in move.flags_set:
                found.append((role, move, "set"))
            elif name in move.flags_cleared:
                found.append((role, move, "cleared"))
    return found


def _straight(
    table: Table, scene_id: str, turn: tuple[tuple[str, int], ...], side: str | None, title: str
) -> str:
    """ "Millbrook's council chose “Walk out”, which led straight to “…”." """
    chose = " and ".join(
        ("You" if role == side else table.roles[role].name)
        + f" chose “{_words(moves_of(table, scene_id, role)[number - 1].text)}”"
        for role, number in turn
    )
    return f"{chose[:1].upper()}{chose[1:]}, which led straight to “{title}”."


def _words(text: str) -> str:
    return " ".join(text.split())


def _short(text: str) -> str:
    """A move's text cut at a word to about `SHORT_CHOICE` characters."""
    text = _words(text)
    if len(text) <= SHORT_CHOICE:
        return text
    cut = text[: SHORT_CHOICE + 1].rsplit(" ", 1)[0].rstrip(",.;:")
    if cut.count("*") % 2:
        cut = cut.replace("*", "")
    return f"{cut}…"
