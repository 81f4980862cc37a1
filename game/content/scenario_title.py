"""A scenario's title as shown beside its year: the year is added only when the title
does not already say it ("Singapore, November 2018", not "Singapore, November 2018 (2018)")."""

from __future__ import annotations

from typing import Protocol


class Scenario(Protocol):
    """Anything with a title and a year: a scenario, a table, a table's view on the wire."""

    @property
    def title(self) -> str: ...

    @property
    def year(self) -> int: ...


def says_its_year(scenario: Scenario) -> bool:
    """Whether the title already gives the scenario's year (as in "(2019, inferred)")."""
    return str(scenario.year) in scenario.title


def title_with_year(scenario: Scenario) -> str:
    """The title, with " (year)" after it unless the title already gives the year."""
    if says_its_year(scenario):
        return scenario.title
    return f"{scenario.title} ({scenario.year})"
