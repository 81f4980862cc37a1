"""The checks of a meter's `marks:` (docs/format.md, "Meters"): each mark lies inside its
meter's range, is written once, and is tested by some condition of the file, so that the
words on the bar promise only what the scenario does.

Like the other checks they read the file's plain data, not the models.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from game.content.checks import Step, mapping, whole
from game.content.codes import Code
from game.content.conditions import (
    Compare,
    Condition,
    ConditionError,
    Flag,
    MeterRef,
    Not,
    Number,
    parse_condition,
)
from game.content.vocabulary import METER_MAX, METER_MIN
from game.content.yamlfile import YamlFile

_WHOLE = re.compile(r"[+-]?[0-9]{1,9}")


def check_marks(file: YamlFile, data: dict[str, Any]) -> None:
    """Every check of the marks of the meters of one scenario, recorded in `file`."""
    meters = mapping(data.get("meters"))
    marked: dict[str, list[tuple[int, str]]] = {}
    for name, meter in meters.items():
        meter = mapping(meter)
        marks = mapping(meter.get("marks"))
        low, high = whole(meter.get("min"), METER_MIN), whole(meter.get("max"), METER_MAX)
        seen: dict[int, str] = {}
        for key in marks:
            if not _WHOLE.fullmatch(str(key).strip()):
                continue  # said by the model (TT340)
            value = int(key)
            at: tuple[Step, ...] = ("meters", name, "marks", key)
            if value in seen:
                file.problem(
                    Code.MARK_TWICE,
                    at,
                    f"meter `{name}` has a mark at {value} twice (`{seen[value]}:` and "
                    f"`{key}:`); keep one",
                    key=True,
                )
                continue
            seen[value] = str(key)
            if low is not None and high is not None and low < high and not low <= value <= high:
                file.problem(
                    Code.MARK_OUT_OF_RANGE,
                    at,
                    f"meter `{name}` has a mark at {value}, outside its range {low} to {high}",
                    key=True,
                )
                continue
            marked.setdefault(str(name), []).append((value, str(key)))

    # A mark no condition tests, once the file has no errors (an error, such as a
    # condition that cannot be read, is the problem to fix first).
    if not marked or any(p.severity == "error" for p in file.problems):
        return
    tested = tested_values(data)
    for name, found in marked.items():
        for value, key in found:
            if (name, value) not in tested:
                file.problem(
                    Code.MARK_NEVER_TESTED,
                    ("meters", name, "marks", key),
                    f"no condition compares `{name}` with {value} (such as "
                    f"`{name} >= {value}` or `{name} < {value}`), so nothing happens at this "
                    "mark: test it in an `if:`, or remove the mark",
                    "warning",
                    key=True,
                )


def tested_values(data: dict[str, Any]) -> set[tuple[str, int]]:
    """Each (meter, number) that a condition anywhere in the scenes or endings compares:
    the values a mark may stand at."""
    return set(_tested(data))


def _tested(data: dict[str, Any]) -> Iterator[tuple[str, int]]:
    for text in _conditions([data.get("scenes"), data.get("endings")]):
        try:
            condition = parse_condition(text)
        except ConditionError:
            continue
        yield from _compared(condition)


def _conditions(value: Any) -> Iterator[str]:
    """The text of every `if:` under `value`: in choices, routes, and any other place the
    format lets a condition be written."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "if" and isinstance(inner, str | int) and not isinstance(inner, bool):
                yield str(inner)
            else:
                yield from _conditions(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _conditions(inner)


def _compared(condition: Condition) -> Iterator[tuple[str, int]]:
    if isinstance(condition, Flag):
        return
    if isinstance(condition, Compare):
        left, right = condition.left, condition.right
        if isinstance(left, MeterRef) and isinstance(right, Number):
            yield left.name, right.value
        elif isinstance(left, Number) and isinstance(right, MeterRef):
            yield right.name, left.value
        return
    if isinstance(condition, Not):
        yield from _compared(condition.inner)
        return
    for item in condition.items:
        yield from _compared(item)
