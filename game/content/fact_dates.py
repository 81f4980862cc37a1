"""A fact's date and its place on the timeline: `month:`, `day:` and `after:`.

The timeline lists the facts of each year in this order (AUTHORING.md, "Dates on the
timeline"):

1. the year's facts with neither a date nor `after:`, in the order they are written;
2. then the dated facts, by month and day (a month with no day comes before the days of
   that month; facts of the same date in the order written);
3. a fact that says `after: OTHER` comes right after OTHER (and after the facts placed
   after OTHER earlier in the files), wherever OTHER is.

So a cause is written first, or its effect says `after:` the cause. A fact whose `after:`
cannot be followed (a fact of another year, a loop) is reported when the file is checked
and is shown as an undated fact of its year.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from typing import Any

from game.content.checks import check_fact_names, mapping, whole
from game.content.codes import Code
from game.content.models import Fact
from game.content.yamlfile import YamlFile

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""January ... December, in English whatever the machine's locale."""


def days_in(month: int, year: int | None) -> int:
    """How many days the month has (February has 29 when the year is not known)."""
    if month == 2 and year is None:
        return 29
    return calendar.monthrange(year if year is not None else 2000, month)[1]


def date_words(fact: Fact) -> str:
    """The fact's date as a student reads it: `8 December 1956`, `November 2019`, `1951`."""
    if fact.year is None:
        return ""
    words = str(fact.year)
    if fact.month is not None and 1 <= fact.month <= 12:
        words = f"{MONTHS[fact.month - 1]} {words}"
        if fact.day is not None:
            words = f"{fact.day} {words}"
    return words


def short_date(fact: Fact) -> str:
    """The month and day for a list: `8 Dec`, `Nov`; empty when the fact has no month."""
    if fact.month is None or not 1 <= fact.month <= 12:
        return ""
    month = MONTHS[fact.month - 1][:3]
    return f"{fact.day} {month}" if fact.day is not None else month


def _raw_facts(fact_files: Sequence[YamlFile]) -> dict[str, dict[str, Any]]:
    """Every fact of every fact file, as written (the first of an id wins)."""
    raw: dict[str, dict[str, Any]] = {}
    for f in fact_files:
        for fact_id, fact in mapping(mapping(f.data).get("facts")).items():
            raw.setdefault(str(fact_id), mapping(fact))
    return raw


def _number(value: Any) -> int | None:
    return whole(value, 0) if value is not None else None


def check_dates(
    file: YamlFile, fact_files: Sequence[YamlFile], fact_ids: Mapping[str, tuple[str, int]]
) -> None:
    """`month:` 1-12, a `day:` its month has, a year for both; `after:` a fact of the same
    year, not a dated fact's, and never round in a loop."""
    raw = _raw_facts(fact_files)
    for fact_id, fact in mapping(mapping(file.data).get("facts")).items():
        fact = mapping(fact)
        here = ("facts", fact_id)
        year, month, day = (_number(fact.get(key)) for key in ("year", "month", "day"))
        if month is not None and not 1 <= month <= 12:
            file.problem(
                Code.MONTH_OUT_OF_RANGE,
                (*here, "month"),
                f"`month: {month}` in fact `{fact_id}`: a month is a number from 1 (January) "
                "to 12 (December)",
            )
            month = None
        if (month is not None or fact.get("after") is not None) and "year" not in fact:
            key = "month" if month is not None else "after"
            file.problem(
                Code.DATE_WITHOUT_YEAR,
                (*here, key),
                f"fact `{fact_id}` gives `{key}:` but no `year:`; only a fact with a year is "
                "on the timeline: add the year the document gives",
            )
        if day is not None and "month" not in fact:
            file.problem(
                Code.DAY_WITHOUT_MONTH,
                (*here, "day"),
                f"fact `{fact_id}` gives a `day:` but no `month:`; add the month",
            )
        elif day is not None and month is not None and not 1 <= day <= days_in(month, year):
            days = days_in(month, year)
            name = MONTHS[month - 1] + (f" {year}" if month == 2 and year is not None else "")
            file.problem(
                Code.NO_SUCH_DAY,
                (*here, "day"),
                f"`day: {day}` in fact `{fact_id}`: {name} has days 1 to {days}",
            )
        after = fact.get("after")
        if not isinstance(after, str | int) or isinstance(after, bool) or "year" not in fact:
            continue  # a list or a mapping is reported with the shape of the file
        after = str(after)
        if "month" in fact:
            file.problem(
                Code.AFTER_AND_DATE,
                (*here, "after"),
                f"fact `{fact_id}` has a date and `after:`; a dated fact takes its place by "
                "its date: remove `after:` (or the date, if the document gives none)",
            )
            continue
        if after not in raw:
            check_fact_names(file, (*here, "after"), after, fact_ids)
            continue
        other_year = _number(raw[after].get("year"))
        if other_year != year:
            of = f"a fact of {other_year}" if other_year is not None else "a fact with no year"
            file.problem(
                Code.AFTER_OTHER_YEAR,
                (*here, "after"),
                f"fact `{fact_id}` (year {year}) is placed after `{after}`, {of}; `after:` "
                "names a fact of the same year",
            )
            continue
        seen = [fact_id]
        step: Any = after
        while isinstance(step, str | int) and str(step) in raw and str(step) not in seen:
            seen.append(str(step))
            step = raw[str(step)].get("after")
        if step is not None and str(step) == fact_id:
            file.problem(
                Code.AFTER_LOOP,
                (*here, "after"),
                f"`after:` goes round in a loop: {' → '.join(f'`{s}`' for s in seen)} → "
                f"`{fact_id}`; start the chain at a fact that says no `after:`",
            )


def timeline_order(facts: Mapping[str, Fact]) -> list[str]:
    """The ids of the facts with a year, in the timeline's order (this module's docstring)."""
    index = {fact_id: i for i, fact_id in enumerate(facts)}

    def key(fact_id: str) -> tuple[tuple[int, int, int], ...]:
        """The fact's path: its own place, preceded by the places of the facts it follows."""
        path: list[tuple[int, int, int]] = []
        seen: set[str] = set()
        current: str | None = fact_id
        looped = False
        while current is not None:
            if current in seen:
                looped = True
                break
            seen.add(current)
            fact = facts[current]
            if fact.month is not None and 1 <= fact.month <= 12:
                path.append((fact.month, fact.day or 0, index[current]))
                break
            path.append((0, 0, index[current]))
            other = facts.get(fact.after) if fact.after is not None else None
            current = fact.after if other is not None and other.year == fact.year else None
        if looped:
            path = [path[0]]  # a loop (reported when the file is checked): undated
        return tuple(reversed(path))

    dated = [fact_id for fact_id, fact in facts.items() if fact.year is not None]
    return sorted(dated, key=lambda f: (facts[f].year, key(f)))
