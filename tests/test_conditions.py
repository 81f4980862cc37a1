"""The condition language against a straightforward reference evaluator."""

from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from game.content.condition_words import in_words
from game.content.conditions import (
    ConditionError,
    holds,
    parse_condition,
    to_text,
)

METERS = ["trust", "support", "ally-confidence"]
FLAGS = ["proposed-1956", "security-list-received", "walked_out"]
OPS = ["==", "!=", "<", "<=", ">", ">="]

# A reference expression is a nested tuple: ("flag", name), ("cmp", op, a, b) where a and
# b are ("meter", name) or ("num", n), ("not", e), ("and", e1, e2), ("or", e1, e2).
_operands = st.one_of(
    st.tuples(st.just("meter"), st.sampled_from(METERS)),
    st.tuples(st.just("num"), st.integers(-150, 150)),
)
_leaves = st.one_of(
    st.tuples(st.just("flag"), st.sampled_from(FLAGS)),
    st.tuples(st.just("cmp"), st.sampled_from(OPS), _operands, _operands),
)
expressions = st.recursive(
    _leaves,
    lambda inner: st.one_of(
        st.tuples(st.just("not"), inner),
        st.tuples(st.sampled_from(["and", "or"]), inner, inner),
    ),
    max_leaves=12,
)
states = st.tuples(
    st.fixed_dictionaries({m: st.integers(-150, 150) for m in METERS}),
    st.frozensets(st.sampled_from(FLAGS)),
)


def reference(e: Any, meters: dict[str, int], flags: frozenset[str]) -> bool:
    kind = e[0]
    if kind == "flag":
        return e[1] in flags
    if kind == "cmp":
        a = meters[e[2][1]] if e[2][0] == "meter" else e[2][1]
        b = meters[e[3][1]] if e[3][0] == "meter" else e[3][1]
        return {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[
            e[1]
        ]
    if kind == "not":
        return not reference(e[1], meters, flags)
    if kind == "and":
        return reference(e[1], meters, flags) and reference(e[2], meters, flags)
    return reference(e[1], meters, flags) or reference(e[2], meters, flags)


def render(e: Any, space: str) -> str:
    """Written as a teacher might: every compound part in parentheses, odd spacing."""
    kind = e[0]
    if kind == "flag":
        return e[1]
    if kind == "cmp":
        return f"{e[2][1]}{space}{e[1]}{space}{e[3][1]}"
    if kind == "not":
        return f"not ({render(e[1], space)})"
    return f"({render(e[1], space)}) {kind} ({render(e[2], space)})"


PRECEDENCE = {"or": 1, "and": 2, "not": 3, "flag": 4, "cmp": 4}
"""How tightly each part binds: `not` before `and` before `or`; a flag or a comparison is
whole in itself."""


def render_bare(e: Any) -> str:
    """Written with parentheses only where precedence requires them (`a or b and not c`),
    as a teacher who knows the rules writes: the parser must group it as the tree says."""
    kind = e[0]
    if kind == "flag":
        return str(e[1])
    if kind == "cmp":
        return f"{e[2][1]} {e[1]} {e[3][1]}"
    if kind == "not":
        inner = render_bare(e[1])
        return f"not {inner}" if PRECEDENCE[e[1][0]] >= PRECEDENCE["not"] else f"not ({inner})"
    parts = []
    for child in e[1:]:
        text = render_bare(child)
        # `and` and `or` are each associative: a child of the same kind needs no brackets.
        parts.append(text if PRECEDENCE[child[0]] >= PRECEDENCE[kind] else f"({text})")
    return f" {kind} ".join(parts)


@given(expressions, states)
@example(
    (
        "or",
        ("flag", "proposed-1956"),
        ("and", ("flag", "walked_out"), ("not", ("flag", "walked_out"))),
    ),
    ({m: 0 for m in METERS}, frozenset()),
)
@example(
    (
        "and",
        ("or", ("flag", "proposed-1956"), ("flag", "walked_out")),
        ("flag", "security-list-received"),
    ),
    ({m: 0 for m in METERS}, frozenset({"proposed-1956"})),
)
@example(
    ("not", ("and", ("flag", "proposed-1956"), ("flag", "walked_out"))),
    ({m: 0 for m in METERS}, frozenset({"proposed-1956"})),
)
def test_precedence_decides_where_parentheses_are_left_out(expr: Any, state: Any) -> None:
    """Generated conditions that omit every parenthesis precedence allows mean what
    their tree means: `not` binds tighter than `and`, `and` tighter than `or`."""
    meters, flags = state
    text = render_bare(expr)
    condition = parse_condition(text)
    assert holds(condition, meters, flags) == reference(expr, meters, flags), text
    # Printed again (with the brackets `to_text` chooses), it means the same.
    assert holds(parse_condition(to_text(condition)), meters, flags) == reference(
        expr, meters, flags
    )


@given(expressions, states, st.sampled_from([" ", "  ", "", "\t"]))
def test_parsed_conditions_agree_with_the_reference(expr: Any, state: Any, space: str) -> None:
    meters, flags = state
    condition = parse_condition(render(expr, space))
    assert holds(condition, meters, flags) == reference(expr, meters, flags)


@given(expressions)
def test_printing_and_parsing_again_gives_the_same_tree(expr: Any) -> None:
    condition = parse_condition(render(expr, " "))
    assert parse_condition(to_text(condition)) == condition


@given(expressions, states)
def test_words_are_always_given(expr: Any, state: Any) -> None:
    condition = parse_condition(render(expr, " "))
    words = in_words(condition)
    assert words.startswith("you need: ") and len(words) > len("you need: ")


def test_precedence_not_binds_tighter_than_and_tighter_than_or() -> None:
    condition = parse_condition("not a or b and c")
    assert holds(condition, {}, {"b", "c"})
    assert holds(condition, {}, set())
    assert not holds(condition, {}, {"a"})
    assert to_text(condition) == "not a or (b and c)"


def test_words_for_the_screen() -> None:
    condition = parse_condition("trust >= 70 and proposed-1956")
    assert (
        in_words(
            condition, {"trust": "Trust"}, {"proposed-1956": "you proposed the 1956 declaration"}
        )
        == "you need: trust of at least 70, and to have proposed the 1956 declaration"
    )
    assert in_words(parse_condition("50 > support")) == "you need: support of less than 50"
    assert in_words(parse_condition("trust != 40")) == "you need: trust not equal to 40"
    assert (
        in_words(parse_condition("not (trust >= 50 and asked)"), {}, {"asked": "you asked"})
        == "you need: this not to hold: trust of at least 50, and to have asked"
    )
    assert (
        in_words(parse_condition("not asked"), {}, {"asked": "you asked for a list"})
        == "you need: not to have asked for a list"
    )


def test_flag_descriptions_read_as_what_the_student_did() -> None:
    """The issue's sentence, irregular verbs, and descriptions in another form (kept as
    written, capitals included)."""
    flags = {
        "called": "you called the treaty a danger",
        "went": "you went back to all four islands",
        "gave": "you gave Japan a list",
        "kept": "you kept Japan's claim on the record",
        "angry": "Tokyo is angry",
    }
    assert in_words(parse_condition("trust >= 70 and not called"), {}, flags) == (
        "you need: trust of at least 70, and not to have called the treaty a danger"
    )
    assert in_words(parse_condition("went"), {}, flags) == (
        "you need: to have gone back to all four islands"
    )
    assert in_words(parse_condition("not gave"), {}, flags) == (
        "you need: not to have given Japan a list"
    )
    assert in_words(parse_condition("kept or angry"), {}, flags) == (
        "you need: either to have kept Japan's claim on the record or this to be so: Tokyo is angry"
    )
    assert in_words(parse_condition("not undescribed"), {}, flags) == (
        "you need: this not to be so: “undescribed”"
    )


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        ("trust >=", 8, "the condition ends too early: something is missing after `>=`"),
        ("trust >= and a", 9, "a number or a meter is missing after `>=`"),
        ("trust = 5", 6, "unexpected `=`; to compare, write `==`"),
        ("weariness => 90", 10, "unexpected `=>`; did you mean `>=`?"),
        ("weariness =< 90", 10, "unexpected `=<`; did you mean `<=`?"),
        ("a && b", 2, "unexpected `&`; write `and`"),
        ("(a and b", 0, "this `(` is never closed with `)`"),
        ("a)", 1, "this `)` has no matching `(`"),
        ("a b", 2, "expected `and` or `or` before `b`"),
        ("", 0, "the condition is empty"),
        ("5", 0, "a number alone is not a condition; compare it (`trust >= 5`)"),
        (
            "trust > 5 > 3",
            10,
            "two comparisons in a row; join them with `and` (`trust > 10 and trust < 50`)",
        ),
        ("trust >= (a)", 6, "only meters and numbers can be compared (`trust >= 50`)"),
    ],
)
def test_syntax_errors_point_at_the_bad_token(text: str, offset: int, message: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition(text)
    assert (caught.value.offset, caught.value.message) == (offset, message)


@given(st.text(alphabet=st.sampled_from(list("ab1 ()<>=!-andortx")), max_size=30))
def test_any_text_parses_or_gives_a_condition_error(text: str) -> None:
    try:
        parse_condition(text)
    except ConditionError as error:
        assert 0 <= error.offset <= len(text)


def test_names_in_meter_labels_keep_their_capitals_in_words() -> None:
    labels = {
        "claim": "Japan's claim on the record",
        "trust": "Trust between the delegations",
        "us": "US pressure",
        "tokyo": "Goodwill in Tokyo",
    }
    assert in_words(parse_condition("claim >= 50"), labels) == (
        "you need: Japan's claim on the record of at least 50"
    )
    assert in_words(parse_condition("trust < tokyo"), labels) == (
        "you need: trust between the delegations of less than goodwill in Tokyo"
    )
    assert in_words(parse_condition("us > 10"), labels) == ("you need: US pressure of more than 10")
