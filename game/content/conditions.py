"""The condition language of `if:` (docs/format.md), parsed once at load into a small tree.

    trust >= 70 and proposed-1956
    not security-list-received or (support > 40 and trust < 30)

Whole numbers, meter names, flag names, `== != < <= > >=`, `and`, `or`, `not` and
parentheses. A flag alone means "is true". Names may contain letters, digits, `-` and `_`
and start with a letter. Nothing here is ever handed to Python's eval or exec.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

Op = Literal["==", "!=", "<", "<=", ">", ">="]

FLIPPED: dict[str, Op] = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
"""Each comparison with its sides swapped: `50 > trust` is `trust < 50`."""
_KEYWORDS = ("and", "or", "not")

MAX_NESTING = 50
"""How deep parentheses and `not` may nest in one condition (a teacher needs a few)."""
MAX_DIGITS = 9
"""How many digits a number in a condition may have (meters are small numbers)."""


class ConditionError(ValueError):
    """A condition that cannot be parsed; `offset` is where in its text (from 0)."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


# --- The tree ------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    value: int
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class MeterRef:
    name: str
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Flag:
    name: str
    offset: int = field(default=0, compare=False)


Operand: TypeAlias = Number | MeterRef


@dataclass(frozen=True)
class Compare:
    op: Op
    left: Operand
    right: Operand


@dataclass(frozen=True)
class Not:
    inner: Condition


@dataclass(frozen=True)
class And:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Condition, ...]


Condition: TypeAlias = Flag | Compare | Not | And | Or


# --- Tokens --------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<num>-?[0-9]+)|(?P<name>[A-Za-z][A-Za-z0-9_-]*)|(?P<op>==|!=|<=|>=|<|>)"
    r"|(?P<paren>[()])|(?P<bad>\S))"
)


@dataclass(frozen=True)
class _Token:
    kind: str  # num, name, op, paren, keyword, end
    text: str
    offset: int


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.lastgroup is None:
            break
        kind = match.lastgroup
        value = match.group(kind)
        start = match.start(kind)
        pos = match.end()
        if kind == "bad":
            hint = ""
            if value == "=" and text[pos : pos + 1] in ("<", ">"):
                meant = text[pos] + "="
                raise ConditionError(f"unexpected `={text[pos]}`; did you mean `{meant}`?", start)
            if value == "=":
                hint = "; to compare, write `==`"
            elif value == "!":
                hint = "; to say not, write `not`"
            elif value == "&":
                hint = "; write `and`"
            elif value == "|":
                hint = "; write `or`"
            raise ConditionError(f"unexpected `{value}`{hint}", start)
        if kind == "name" and value in _KEYWORDS:
            kind = "keyword"
        out.append(_Token(kind, value, start))
    out.append(_Token("end", "", len(text.rstrip())))
    return out


# --- The parser ----------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.i = 0
        self.depth = 0

    def deeper(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionError(
                f"parentheses and `not` are nested more than {MAX_NESTING} deep here; "
                "write the condition more simply",
                token.offset,
            )

    @property
    def token(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def at(self, kind: str, text: str | None = None) -> bool:
        token = self.token
        return token.kind == kind and (text is None or token.text == text)

    def parse(self) -> Condition:
        if self.at("end"):
            raise ConditionError("the condition is empty", 0)
        result = self.or_expr()
        if not self.at("end"):
            token = self.token
            if token.text == ")":
                raise ConditionError("this `)` has no matching `(`", token.offset)
            raise ConditionError(f"expected `and` or `or` before `{token.text}`", token.offset)
        return result

    def or_expr(self) -> Condition:
        items = [self.and_expr()]
        while self.at("keyword", "or"):
            self.take()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self) -> Condition:
        items = [self.not_expr()]
        while self.at("keyword", "and"):
            self.take()
            items.append(self.not_expr())
        return items[0] if len(items) == 1 else And(tuple(items))

    def not_expr(self) -> Condition:
        if self.at("keyword", "not"):
            self.deeper(self.take())
            inner = self.not_expr()
            self.depth -= 1
            return Not(inner)
        return self.comparison()

    def comparison(self) -> Condition:
        start = self.token
        left = self.operand()
        if self.at("op"):
            op_token = self.take()
            right = self.operand()
            if isinstance(left, Condition | None) or isinstance(right, Condition | None):
                bad = start if not isinstance(left, Number | MeterRef) else op_token
                raise ConditionError(
                    "only meters and numbers can be compared (`trust >= 50`)", bad.offset
                )
            if self.at("op"):
                raise ConditionError(
                    "two comparisons in a row; join them with `and` (`trust > 10 and trust < 50`)",
                    self.token.offset,
                )
            op: Op = op_token.text  # type: ignore[assignment]
            return Compare(op, left, right)
        if isinstance(left, Number):
            raise ConditionError(
                f"a number alone is not a condition; compare it (`trust >= {left.value}`)",
                start.offset,
            )
        if isinstance(left, MeterRef):
            return Flag(left.name, left.offset)
        assert left is not None
        return left

    def operand(self) -> Operand | Condition | None:
        token = self.token
        if token.kind == "num":
            self.take()
            if len(token.text.lstrip("-")) > MAX_DIGITS:
                raise ConditionError(
                    f"this number has more than {MAX_DIGITS} digits; meters hold small "
                    "numbers (`trust >= 70`)",
                    token.offset,
                )
            return Number(int(token.text), token.offset)
        if token.kind == "name":
            self.take()
            return MeterRef(token.text, token.offset)
        if token.kind == "paren" and token.text == "(":
            self.deeper(self.take())
            inner = self.or_expr()
            if not self.at("paren", ")"):
                raise ConditionError("this `(` is never closed with `)`", token.offset)
            self.take()
            self.depth -= 1
            return inner
        if token.kind == "end":
            raise ConditionError(
                "the condition ends too early: something is missing after "
                f"`{self.tokens[self.i - 1].text}`"
                if self.i
                else "the condition is empty",
                token.offset,
            )
        previous = self.tokens[self.i - 1] if self.i else None
        if previous is not None and previous.kind == "op":
            raise ConditionError(
                f"a number or a meter is missing after `{previous.text}`", token.offset
            )
        if token.kind == "keyword":
            raise ConditionError(
                f"expected a meter, a flag or a number before `{token.text}`", token.offset
            )
        raise ConditionError(
            f"expected a meter, a flag or a number, found `{token.text}`", token.offset
        )


@functools.lru_cache(maxsize=4096)
def parse_condition(text: str) -> Condition:
    """The tree of `text`, or ConditionError with the offset of the bad token. Trees are
    immutable, so a text written many times is parsed once."""
    return _Parser(text).parse()


# --- Using a tree --------------------------------------------------------------------


def holds(condition: Condition, meters: Mapping[str, int], flags: Collection[str]) -> bool:
    """Whether `condition` is true for these meter values and the flags that are set."""
    if isinstance(condition, Flag):
        return condition.name in flags
    if isinstance(condition, Compare):
        a = _value(condition.left, meters)
        b = _value(condition.right, meters)
        op = condition.op
        if op == "==":
            return a == b
        if op == "!=":
            return a != b
        if op == "<":
            return a < b
        if op == "<=":
            return a <= b
        if op == ">":
            return a > b
        return a >= b
    if isinstance(condition, Not):
        return not holds(condition.inner, meters, flags)
    if isinstance(condition, And):
        return all(holds(c, meters, flags) for c in condition.items)
    return any(holds(c, meters, flags) for c in condition.items)


def _value(operand: Operand, meters: Mapping[str, int]) -> int:
    if isinstance(operand, Number):
        return operand.value
    return meters[operand.name]


def names(condition: Condition) -> Iterator[Flag | MeterRef]:
    """Every meter and flag named in `condition`, in the order written."""
    if isinstance(condition, Flag):
        yield condition
    elif isinstance(condition, Compare):
        for side in (condition.left, condition.right):
            if isinstance(side, MeterRef):
                yield side
    elif isinstance(condition, Not):
        yield from names(condition.inner)
    else:
        for item in condition.items:
            yield from names(item)


def to_text(condition: Condition) -> str:
    """The condition written out again; parsing this text gives the same tree."""
    if isinstance(condition, Flag):
        return condition.name
    if isinstance(condition, Compare):
        return f"{_operand_text(condition.left)} {condition.op} {_operand_text(condition.right)}"
    if isinstance(condition, Not):
        inner = condition.inner
        text = to_text(inner)
        return f"not ({text})" if isinstance(inner, And | Or | Compare) else f"not {text}"
    word = " and " if isinstance(condition, And) else " or "
    return word.join(
        f"({to_text(c)})" if isinstance(c, And | Or) else to_text(c) for c in condition.items
    )


def _operand_text(operand: Operand) -> str:
    return str(operand.value) if isinstance(operand, Number) else operand.name
