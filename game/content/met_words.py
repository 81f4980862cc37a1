"""A condition that held, in words, with the values it met, for the ending's "Why this
ending":

    trust >= 70 and proposed-1956   (trust 75, proposed-1956 set)
    -> "trust between the delegations was 75; the way to “Framework agreed” needed at
        least 70"
       "you had proposed the 1956 declaration; the way to “Framework agreed” needed that"

Each part of the condition that held is a sentence of its own: the parts of an `and`, and
of an `or` only those that held. Meters are named by their labels, flags by their
descriptions, as `condition_words` names them for a choice that cannot be taken yet.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping

from game.content.condition_words import OP_WORDS, as_done, mid_sentence
from game.content.conditions import (
    FLIPPED,
    And,
    Compare,
    Condition,
    Flag,
    MeterRef,
    Not,
    Number,
    Op,
    Or,
    holds,
)


def met_in_words(
    condition: Condition,
    values: Mapping[str, int],
    flags: Collection[str],
    needed_by: str,
    meter_labels: Mapping[str, str] | None = None,
    flag_labels: Mapping[str, str] | None = None,
) -> list[str]:
    """One sentence for each part of `condition` that held with these `values` and
    `flags`, saying what the value was and what `needed_by` ("the way to “Deal”")
    needed. Parts that did not hold are never named."""
    meters = meter_labels or {}
    described = flag_labels or {}
    out: list[str] = []
    for part in held_parts(condition, values, flags):
        if isinstance(part, Flag):
            said = _flag_said(part.name, described.get(part.name), negated=False)
            out.append(f"{said}; {needed_by} needed that")
            continue
        if isinstance(part, Not):
            name = part.inner.name if isinstance(part.inner, Flag) else ""
            said = _flag_said(name, described.get(name), negated=True)
            out.append(f"{said}; {needed_by} needed it not to be so")
            continue
        left, op, right = part.left, part.op, part.right
        if isinstance(left, Number) and isinstance(right, MeterRef):
            left, op, right = right, FLIPPED[op], left
        if not isinstance(left, MeterRef):
            continue  # two numbers: always so, and nothing a student did
        label = mid_sentence(meters.get(left.name) or left.name)
        was = f"{label} was {values[left.name]}"
        if isinstance(right, MeterRef):
            other = mid_sentence(meters.get(right.name) or right.name)
            was += f" and {other} was {values[right.name]}"
            target = other
        else:
            target = str(right.value)
        wanted = f"not {target}" if op == "!=" else f"{OP_WORDS[op]} {target}"
        out.append(f"{was}; {needed_by} needed {wanted}")
    return out


def held_parts(
    condition: Condition, values: Mapping[str, int], flags: Collection[str]
) -> Iterator[Compare | Flag | Not]:
    """The simple parts (comparisons, flags, negated flags) through which `condition`
    held: every part of an `and`, the parts of an `or` that held. Nothing when it did
    not hold."""
    if not holds(condition, values, flags):
        return
    if isinstance(condition, And | Or):
        for item in condition.items:
            yield from held_parts(item, values, flags)
    elif isinstance(condition, Not) and not isinstance(condition.inner, Flag):
        yield from _held_not(condition.inner, values, flags)
    else:
        yield condition


def _held_not(
    inner: Condition, values: Mapping[str, int], flags: Collection[str]
) -> Iterator[Compare | Flag | Not]:
    """The parts through which `not inner` held, with the `not` pushed inwards."""
    yield from held_parts(negate(inner), values, flags)


NEGATED: dict[str, Op] = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}


def negate(condition: Condition) -> Condition:
    """The condition that holds exactly when `condition` does not, with `not` pushed in
    (`not (trust >= 70 and asked)` is `trust < 70 or not asked`)."""
    if isinstance(condition, Compare):
        return Compare(NEGATED[condition.op], condition.left, condition.right)
    if isinstance(condition, Not):
        return condition.inner
    if isinstance(condition, And):
        return Or(tuple(negate(c) for c in condition.items))
    if isinstance(condition, Or):
        return And(tuple(negate(c) for c in condition.items))
    return Not(condition)


def _flag_said(name: str, description: str | None, *, negated: bool) -> str:
    """A flag that held (set, or not set when `negated`) as one plain sentence, with no
    double negative: "you had proposed the 1956 declaration" (from "you proposed the
    1956 declaration"), "you had not proposed ..."; a description that says "not" itself
    ("you did not ask for a list") is said as written, or, negated, without its "not"
    ("you did ask for a list"). Any other description is said after "this was so:" (or
    "this was not so:"), a flag with none by its name."""
    text = " ".join((description or "").split())
    positive = without_not(text) if text else None
    if positive is not None:
        return positive if negated else text
    words = text.split(" ", 2)
    if len(words) == 3 and words[0].lower() == "you" and words[1].lower() == "had":
        return ("you had not " if negated else "you had ") + words[2]
    done = as_done(text) if text else None
    if done is not None:
        return ("you had not " if negated else "you had ") + done
    shown = text or "“" + name.replace("-", " ").replace("_", " ") + "”"
    return ("this was not so: " if negated else "this was so: ") + shown


_AUXILIARIES = frozenset({"did", "does", "do", "had", "has", "have", "was", "were"})


def without_not(text: str) -> str | None:
    """ "you did not ask for a list" -> "you did ask for a list"; "you hadn't heard" ->
    "you had heard": a description that starts "you", a helping verb and "not" (or
    "n't"), without that "not"; None for any other (a "not" further on belongs to what
    was done: "you said the islands were not for sale" is not turned round)."""
    words = text.split(" ")
    if len(words) < 3 or words[0].lower() != "you":
        return None
    verb = words[1].lower()
    if verb in _AUXILIARIES and words[2].lower() == "not":
        return " ".join([words[0], words[1], *words[3:]])
    for ending in ("n't", "n’t"):
        if verb.endswith(ending) and verb[: -len(ending)] in _AUXILIARIES:
            return " ".join([words[0], words[1][: -len(ending)], *words[2:]])
    return None


def met_briefly(
    part: Compare | Flag | Not,
    values: Mapping[str, int],
    meter_labels: Mapping[str, str] | None = None,
    flag_labels: Mapping[str, str] | None = None,
) -> tuple[str, str] | None:
    """A simple part that held, briefly, for the short "Why this ending": the meter or
    flag it is about, and "Trust between the delegations was 75 (needed at least 70)"
    or "you had proposed the 1956 declaration". None for two numbers."""
    if isinstance(part, Flag):
        return part.name, _flag_said(part.name, (flag_labels or {}).get(part.name), negated=False)
    if isinstance(part, Not):
        name = part.inner.name if isinstance(part.inner, Flag) else ""
        return name, _flag_said(name, (flag_labels or {}).get(name), negated=True)
    left, op, right = part.left, part.op, part.right
    if isinstance(left, Number) and isinstance(right, MeterRef):
        left, op, right = right, FLIPPED[op], left
    if not isinstance(left, MeterRef):
        return None
    meters = meter_labels or {}
    label = meters.get(left.name) or left.name
    if isinstance(right, MeterRef):
        target = f"{mid_sentence(meters.get(right.name) or right.name)} ({values[right.name]})"
    else:
        target = str(right.value)
    wanted = f"not {target}" if op == "!=" else f"{OP_WORDS[op]} {target}"
    return left.name, f"{label} was {values[left.name]} (needed {wanted})"
