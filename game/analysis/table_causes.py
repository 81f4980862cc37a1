"""The causes behind one branching point of a table's path, in words, for one side
(`table_why` puts them together): each is a move made and what it did, said as a plain
cause, never as a statement that was "not so":

    You chose “Ask for a high toll”, so Riverton asked for a high toll.
    You chose “Ask for a small toll”, so “Riverton asked for a high toll” did not happen.
    Goodwill between the towns had risen to 75, and this way needed it at 70 or more. It
      was pushed up by “Offer to share the cost of…” (Millbrook's council, +15) and “Ask
      for a small toll” (you, +10).

A flag that was needed and set is said with the move that set it; a flag that was needed
*not* set is said with the move that took it back (only when it had been set earlier in
this game), or else with the move each side made instead at the last step of the path
where a move of that side could have set it. The flags one move made a difference to are
said in one line. A meter is said with where it ended up (risen or fallen from its start)
and what the way needed, then the two or three moves that pushed it most that way ("… and
by other moves too" when more did). A flag's description in the solo game's "you" form is
said as the solo game says it ("so you had put …", "so you had not put …"); any other is
quoted.

Both sides are told the same shared causes. Every move on a finished table's path has been
shown to both sides (both moves of a `moves:` scene together, a one-side scene's choice
after it, and both paths at the ending), so a move that counted is named to both, with
what it did to a shared flag. The other side's private flag is never named (`Table.
side_of`), only the move behind it ("Russia's delegation chose “Back away…”."); the other
side's private meter is never named, nor the moves behind it, only that "something only
Russia's delegation could see counted too".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from game.analysis.why import MOST_MOVES, SHORT_CHOICE
from game.content.condition_words import mid_sentence
from game.content.conditions import (
    FLIPPED,
    And,
    Compare,
    Condition,
    Flag,
    MeterRef,
    Not,
    Op,
    Or,
    holds,
    names,
)
from game.content.met_words import held_parts, met_briefly, negate, without_not
from game.content.table_models import Table, TableMove
from game.engine.table import Turn, moves_of

Named = tuple[int, str]
"""A move named in the why: (its step on the path, from 0; the role that made it)."""


@dataclass
class Causes:
    """What one side is told of the causes along one path: each line once."""

    table: Table
    side: str | None
    path: tuple[Turn, ...]
    said: set[str] = field(default_factory=set)
    named: list[Named] = field(default_factory=list)
    """The moves named so far, in the order named."""
    deciders: set[str] = field(default_factory=set)
    """The roles whose moves made a difference (private ones included, unnamed)."""
    repeated: bool = False
    """Whether the last `lines` left out a cause already said for an earlier step."""
    meters: list[str] = field(default_factory=list)
    """Each meter the last `lines` said, briefly: "trust between the delegations had
    risen to 100, and this way needed it at 60 or more"."""
    by_meters: list[Named] = field(default_factory=list)
    by_flags: list[Named] = field(default_factory=list)
    """The moves the last `lines` named for a meter, and for a flag."""
    hidden: str = ""
    """Whose private meters the last `lines` said "Something only … could see" of."""

    def seen(self, name: str) -> bool:
        """Whether this side may see the meter or flag `name`."""
        owner = self.table.side_of(name)
        return owner is None or owner == self.side

    def tellable(self, condition: Condition) -> bool:
        """Whether this side may be told why `condition` held: it tests no meter of the
        other side's (a flag's cause is a move, and every move is shown to both)."""
        return all(
            self.seen(ref.name) or ref.name not in self.table.meters for ref in names(condition)
        )

    def who(self, role: str) -> str:
        """ "You" for this side, the role's name for the other."""
        return "You" if role == self.side else self.table.roles[role].name

    def lines(
        self,
        conditions: Sequence[Condition],
        values: Mapping[str, int],
        flags: frozenset[str],
        upto: int,
    ) -> list[str]:
        """A line for each move of the path's first `upto` steps that made a difference
        to a flag the conditions (which held with these `values` and `flags`) tested,
        one for each meter they tested that a move moved, and one for what only the
        other side could see."""
        out: list[_Line | str] = []
        hidden: set[str] = set()
        keys: set[str] = set()  # what this step has said
        self.repeated = False
        self.meters, self.by_meters, self.by_flags = [], [], []
        self.hidden = ""
        for condition in conditions:
            for part in _parts(self, condition, values, flags):
                refs = [ref.name for ref in names(part)]
                found = self._cause(part, refs[0], values, upto) if refs else None
                if found is None:
                    continue
                named, said = found
                self.deciders.update(role for _, role in named)
                if not all(self.seen(name) for name in refs):
                    if not isinstance(part, Compare):  # the other side's flag: only the move
                        said = ("so", "")  # behind it is said, as both sides saw it made
                    else:
                        hidden.update(o for n in refs if (o := self.table.side_of(n)) is not None)
                        continue
                key = f"{named}{said if isinstance(said, str) else part}"  # alike for each side
                if key in self.said:  # said before: for an earlier step, or just now
                    self.repeated = self.repeated or key not in keys
                    continue
                self.said.add(key)
                keys.add(key)
                self.named += named
                if isinstance(said, str):
                    out.append(said)
                    if isinstance(part, Compare):  # always: a meter's line is a string
                        self.meters.append(self._meter_brief(part, values))
                    self.by_meters += named
                    continue
                self.by_flags += named
                line = next((o for o in out if isinstance(o, _Line) and o.named == named), None)
                if line is None:
                    line = _Line(named, self.chose(named, now=upto - 1))
                    out.append(line)
                line.add(*said)
        said_lines = [o if isinstance(o, str) else o.text() for o in out]
        private = [r for r in self.table.role_ids if r in hidden and r != self.side]
        if private:
            self.hidden = " or ".join(self.table.roles[r].name for r in private)
            said_lines.append(f"  Something only {self.hidden} could see counted too.")
        return said_lines

    def _cause(
        self, part: Compare | Flag | Not, name: str, values: Mapping[str, int], upto: int
    ) -> tuple[list[Named], str | tuple[str, str]] | None:
        """The moves behind `part` and what to say of it: a meter's whole line, or what
        a flag's moves did (how, words); None when no move made a difference."""
        if isinstance(part, Compare):
            way = _way(part)  # only the moves that pushed the meter the way it was needed
            changed = [c for c in _changes(self.table, self.path[:upto], name) if way * c[2] >= 0]
            if _target(part) is None or not changed:
                return None
            ranked = sorted(changed, key=lambda c: -abs(c[2]))  # ties: in the path's order
            kept = ranked if len(ranked) <= MOST_MOVES + 1 else ranked[:MOST_MOVES]
            shown = [f"“{short(c[3].text)}” ({self._whom(c[1])}, {c[2]:+d})" for c in kept]
            push = {1: "pushed up", -1: "pushed down"}.get(way, "moved")
            if len(kept) < len(changed):
                by = f"It was {push} most by {_and(shown)}, and by other moves too."
            else:
                by = f"It was {push} by {_and(shown)}."
            line = f"  {_upper(self._meter_brief(part, values))}. {by}"
            return [(c[0], c[1]) for c in kept], line
        wanted = isinstance(part, Flag)
        last = _last_change(self.table, self.path[:upto], name)
        if last is not None and last[2] == wanted:
            made = [(last[0], last[1])]
            how = "held" if wanted else "back"
        else:
            made = [] if wanted else _instead(self.table, self.path[:upto], name)
            how = "missed"
        if not made:
            return None
        return made, self._flag_said(name, how)

    def chose(self, named: list[Named], *, start: bool = True, now: int | None = None) -> str:
        """ "You chose “Ask for a high toll” and Millbrook's council chose “…”": each
        side once, with its moves in the order made; "you" inside a sentence. A move
        made before step `now` says where ("… at “The town hall”")."""
        roles = list(dict.fromkeys(role for _, role in named))
        said = []
        for at, role in enumerate(roles):
            texts = [
                f"“{short(self._move(step, r).text)}”{self._where(step, now)}"
                for step, r in named
                if r == role
            ]
            who = self.who(role) if at == 0 and start else self._whom(role)
            said.append(f"{who} chose {' and '.join(texts)}")
        return "; ".join(said) if any(" and " in x for x in said) else " and ".join(said)

    def _where(self, step: int, now: int | None) -> str:
        """ " at “The town hall”" for a move made before step `now`, in a scene with a title."""
        title = " ".join((self.table.scenes[self.path[step][0]].title or "").split())
        return f" at “{title}”" if now is not None and step < now and title else ""

    def _move(self, step: int, role: str) -> TableMove:
        scene_id, turn = self.path[step]
        return moves_of(self.table, scene_id, role)[dict(turn)[role] - 1]

    def _flag_said(self, name: str, how: str) -> tuple[str, str]:
        """What a move did to a flag, as ("so", a sentence) or (how, the flag's
        description to quote): "Riverton asked for a high toll", "you had not put …",
        ("missed", "Japan's delegation refused …") for "“…” did not happen"."""
        flag = self.table.flags.get(name)
        means = " ".join(flag.means.split()) if flag is not None else ""
        if not means:
            return "so", ""
        held = how == "held"
        positive = without_not(means)
        if positive is not None:  # "you did not ask …": said as written, or turned round
            return "so", means if held else positive
        brief = met_briefly(Flag(name) if held else Not(Flag(name)), {}, {}, {name: means})
        if brief is not None and brief[1].startswith("you had"):
            return "so", brief[1]
        if held:
            return "so", "you" + means[3:] if means.startswith("You ") else means
        return how, means

    def _meter_brief(self, part: Compare, values: Mapping[str, int]) -> str:
        """ "trust between the delegations had fallen to 0, and this way needed it below
        60": where the meter ended up (risen or fallen from its start) and what was needed."""
        meter, op, target = _target(part) or ("", "==", 0)
        label = mid_sentence(self.table.meters[meter].label)
        value, start = values[meter], self.table.meters[meter].start
        went = "had risen to" if value > start else "had fallen to" if value < start else "was at"
        if isinstance(target, str):  # another meter: "above support in Tokyo (50)"
            target = f"{mid_sentence(self.table.meters[target].label)} ({values[target]})"
        return f"{label} {went} {value}, and this way needed it {_NEEDED[op].format(target)}"

    def _whom(self, role: str) -> str:
        return "you" if role == self.side else self.table.roles[role].name


_NEEDED: dict[str, str] = {
    ">=": "at {} or more",
    ">": "above {}",
    "<=": "at {} or less",
    "<": "below {}",
    "==": "at exactly {}",
    "!=": "at anything but {}",
}
"""What a comparison needed of a meter, in words a student follows."""


def _target(part: Compare) -> tuple[str, Op, str | int] | None:
    """The meter a comparison is about, the comparison as seen from that meter, and what
    it was compared with: a number, or another meter's name. None for two numbers."""
    left, op, right = part.left, part.op, part.right
    if not isinstance(left, MeterRef):
        left, op, right = right, FLIPPED[op], left
    if not isinstance(left, MeterRef):
        return None
    return left.name, op, right.name if isinstance(right, MeterRef) else right.value


def _and(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _way(part: Compare) -> int:
    """1 when the meter was needed high (at least, more than), -1 when low, else 0."""
    op = part.op if isinstance(part.left, MeterRef) else FLIPPED[part.op]
    return {">=": 1, ">": 1, "<=": -1, "<": -1}.get(op, 0)


@dataclass
class _Line:
    """One move (or the two moves of one step) and what it did to the flags tested."""

    named: list[Named]
    chose: str
    so: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    back: list[str] = field(default_factory=list)

    def add(self, how: str, words: str) -> None:
        kept = {"so": self.so, "missed": self.missed, "back": self.back}[how]
        if words and words not in kept:
            kept.append(words)

    def text(self) -> str:
        """ "  You chose “A”, so X, and “Y” did not happen." """
        said = list(self.so)
        if self.missed:
            said.append(f"{_quoted(self.missed)} did not happen")
        if self.back:
            said.append(
                f"{_quoted(self.back)} {'was' if len(self.back) == 1 else 'were'} taken back"
            )
        return f"  {self.chose}, so {', and '.join(said)}." if said else f"  {self.chose}."


def _quoted(items: list[str]) -> str:
    quoted = [f"“{item}”" for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _parts(
    causes: Causes, condition: Condition, values: Mapping[str, int], flags: frozenset[str]
) -> Iterator[Compare | Flag | Not]:
    """The simple parts through which `condition` held (`held_parts`), but of an `or`
    only the parts this side may see when one of them held."""
    if not holds(condition, values, flags):
        return
    if isinstance(condition, And):
        for item in condition.items:
            yield from _parts(causes, item, values, flags)
    elif isinstance(condition, Or):
        held = [c for c in condition.items if holds(c, values, flags)]
        seen = [c for c in held if causes.tellable(c)]
        for item in seen or held:
            yield from _parts(causes, item, values, flags)
    elif isinstance(condition, Not) and not isinstance(condition.inner, Flag):
        yield from _parts(causes, negate(condition.inner), values, flags)
    else:
        yield from held_parts(condition, values, flags)


def _made(table: Table, path: Sequence[Turn]) -> Iterator[tuple[int, str, TableMove]]:
    """Every move of `path`: (step from 0, role, move)."""
    for step, (scene_id, turn) in enumerate(path):
        for role, number in turn:
            yield step, role, moves_of(table, scene_id, role)[number - 1]


def _changes(
    table: Table, path: Sequence[Turn], meter: str
) -> Iterator[tuple[int, str, int, TableMove]]:
    """The moves of `path` that moved `meter`: (step, role, change, move)."""
    for step, role, move in _made(table, path):
        if move.effects.get(meter):
            yield step, role, move.effects[meter], move


def _last_change(
    table: Table, path: Sequence[Turn], flag: str
) -> tuple[int, str, bool, TableMove] | None:
    """The last move of `path` that set (True) or took back (False) `flag`, as the engine
    applies a step's moves (every side's `set:`, then every `clear:`): a move that clears
    the flag while it is not set takes nothing back, and is no change."""
    last, on = None, False
    for step, (scene_id, turn) in enumerate(path):
        made = [(role, moves_of(table, scene_id, role)[number - 1]) for role, number in turn]
        setters = [(role, move) for role, move in made if flag in move.flags_set]
        clearers = [(role, move) for role, move in made if flag in move.flags_cleared]
        if clearers and (on or setters):
            role, move = clearers[-1]
            last, on = (step, role, False, move), False
        elif setters and not clearers:
            role, move = setters[-1]
            last, on = (step, role, True, move), True
    return last


def _instead(table: Table, path: Sequence[Turn], flag: str) -> list[Named]:
    """The moves the sides made instead, at the last step of `path` where a move of
    theirs (open then or not) would have set `flag`: (step, role) for each side
    that had such a move there; empty when none ever had."""
    for step in reversed(range(len(path))):
        scene_id, turn = path[step]
        made = [
            (step, role)
            for role, _ in turn
            if any(flag in m.flags_set for m in moves_of(table, scene_id, role))
        ]
        if made:
            return made
    return []


def short(text: str) -> str:
    """A move's text cut at a word to about `SHORT_CHOICE` characters."""
    text = " ".join(text.split())
    if len(text) <= SHORT_CHOICE:
        return text
    cut = text[: SHORT_CHOICE + 1].rsplit(" ", 1)[0].rstrip(",.;:")
    if cut.count("*") % 2:
        cut = cut.replace("*", "")
    return f"{cut}…"
