"""A condition in words, for the student who cannot take a choice yet:

    trust >= 70 and not called-threat
    -> "you need: trust between the delegations of at least 70, and not to have called
        the security treaty a danger to Soviet security"

Meters are named by their labels and flags by their descriptions, which keep their
capitals. A description written as docs/format.md's examples are ("you called ...") becomes
"to have called ..."; any other description is quoted as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.content.conditions import (
    FLIPPED,
    And,
    Compare,
    Condition,
    Flag,
    MeterRef,
    Not,
    Number,
)

OP_WORDS = {
    ">=": "at least",
    ">": "more than",
    "<=": "at most",
    "<": "less than",
    "==": "exactly",
    "!=": "not equal to",
}
"""Each comparison in words, as a student reads it ("trust of at least 70")."""

# Past tenses whose past participle differs ("you went" -> "to have gone") ...
_PARTICIPLES = {
    "arose": "arisen", "ate": "eaten", "awoke": "awoken", "became": "become",
    "began": "begun", "bit": "bitten", "blew": "blown", "broke": "broken",
    "came": "come", "chose": "chosen", "did": "done", "drank": "drunk", "drew": "drawn",
    "drove": "driven", "fell": "fallen", "flew": "flown", "forbade": "forbidden",
    "forgave": "forgiven", "forgot": "forgotten", "froze": "frozen", "gave": "given",
    "went": "gone", "grew": "grown", "hid": "hidden", "knew": "known",
    "mistook": "mistaken", "overcame": "overcome", "overtook": "overtaken", "ran": "run",
    "rang": "rung", "rode": "ridden", "rose": "risen", "sang": "sung", "saw": "seen",
    "shook": "shaken", "showed": "shown", "spoke": "spoken", "stole": "stolen",
    "swam": "swum", "swore": "sworn", "threw": "thrown", "took": "taken", "tore": "torn",
    "undertook": "undertaken", "was": "been", "were": "been", "withdrew": "withdrawn",
    "wore": "worn", "wrote": "written",
}  # fmt: skip
# ... and irregular ones whose participle is the same ("you kept" -> "to have kept").
_SAME = frozenset({
    "bent", "bound", "bought", "brought", "built", "burnt", "caught", "cut", "dealt",
    "dreamt", "fed", "felt", "fled", "fought", "found", "had", "heard", "held", "hit",
    "hung", "kept", "laid", "led", "learnt", "left", "lent", "let", "lit", "lost", "made",
    "meant", "met", "paid", "put", "quit", "read", "said", "sent", "set", "shut", "sold",
    "sought", "spelt", "spent", "spread", "stood", "struck", "stuck", "swept", "taught",
    "thought", "told", "understood", "upheld", "wept", "withheld", "won",
})  # fmt: skip


def in_words(
    condition: Condition,
    meter_labels: Mapping[str, str] | None = None,
    flag_labels: Mapping[str, str] | None = None,
) -> str:
    """What a student needs to take a choice, as a sentence: "you need: trust of at least
    70, and to have proposed the 1956 declaration". Labels name meters and describe
    flags; without them, names are used."""
    return "you need: " + _words(condition, meter_labels or {}, flag_labels or {})


def _words(c: Condition, meters: Mapping[str, str], flags: Mapping[str, str]) -> str:
    if isinstance(c, Flag):
        return _flag_words(c.name, flags.get(c.name), negated=False)
    if isinstance(c, Not) and isinstance(c.inner, Flag):
        return _flag_words(c.inner.name, flags.get(c.inner.name), negated=True)
    if isinstance(c, Compare):
        left, op, right = c.left, c.op, c.right
        if isinstance(left, Number) and isinstance(right, MeterRef):
            left, op, right = right, FLIPPED[op], left
        if isinstance(left, MeterRef):
            label = mid_sentence(meters.get(left.name) or left.name)
            target = (
                right.value
                if isinstance(right, Number)
                else mid_sentence(meters.get(right.name) or right.name)
            )
            if op == "!=":
                return f"{label} not equal to {target}"
            return f"{label} of {OP_WORDS[op]} {target}"
        return f"{_number(left)} {op} {_number(right)}"
    if isinstance(c, Not):
        return f"this not to hold: {_words(c.inner, meters, flags)}"
    if isinstance(c, And):
        return _join([_words(i, meters, flags) for i in c.items], "and")
    parts = [
        f"({_words(i, meters, flags)})" if isinstance(i, And) else _words(i, meters, flags)
        for i in c.items
    ]
    return "either " + " or ".join(parts) if len(parts) == 2 else _join(parts, "or")


def _number(operand: Number | MeterRef) -> str:
    return str(operand.value) if isinstance(operand, Number) else operand.name


def _flag_words(name: str, description: str | None, *, negated: bool) -> str:
    """A flag as something done: "to have asked for a list" from the description "you
    asked for a list"; any other description is quoted as it is."""
    done = as_done(description) if description else None
    if done is not None:
        return ("not to have " if negated else "to have ") + done
    shown = description or "“" + name.replace("-", " ").replace("_", " ") + "”"
    return ("this not to be so: " if negated else "this to be so: ") + shown


def as_done(description: str) -> str | None:
    """ "you asked for a list" -> "asked for a list"; "you went back" -> "gone back";
    None when the description does not start with "you" and a verb in the past."""
    words = description.split(" ", 2)
    if len(words) < 2 or words[0].lower() != "you":
        return None
    verb = words[1]
    rest = words[2:]
    if verb.lower() in _PARTICIPLES:
        verb = _PARTICIPLES[verb.lower()]
    elif not (verb.lower() in _SAME or (verb.endswith("ed") and len(verb) > 3)):
        return None
    return " ".join([verb, *rest])


def mid_sentence(label: str) -> str:
    """A meter's label inside a sentence: "Trust between the delegations" -> "trust
    between the delegations", but a name keeps its capital ("Japan's claim on the
    record", "US pressure")."""
    first = label.split(" ", 1)[0]
    if first.endswith(("'s", "’s")) or any(c.isupper() for c in first[1:]):
        return label
    return label[:1].lower() + label[1:]


def _join(parts: list[str], word: str) -> str:
    """ "a, and b"; "a, b, and c": the comma keeps each part apart when parts are long."""
    return ", ".join(parts[:-1]) + f", {word} {parts[-1]}"
