"""What the game says of its sources: a fact's citation, and whose words the sources are.

A citation holds every detail about the report (its outlet and who that is, its headline,
its dateline, its year), and says so where one is missing or worked out ("no headline",
"year inferred"), so that the story and the timeline never have to.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.content.catalog import Catalog
from game.content.models import Scenario, Source

NO_OUTLET = "outlet not named in the text"
NO_HEADLINE = "no headline"
NO_DATELINE = "no dateline"
YEAR_INFERRED = "year inferred"

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def citation(source: Source) -> str:
    """Where a quote comes from, in one line: "TASS (Russia's state news agency),
    “headline”, Tokyo, 17 December 2019 (year inferred)"."""
    who = source.outlet or NO_OUTLET
    if source.publisher:
        who += f" ({' '.join(source.publisher.split())})"
    headline = NO_HEADLINE
    if source.headline:
        headline = f"\u201c{' '.join(source.headline.split())}\u201d"
    when = " ".join(source.dateline.split()) if source.dateline else NO_DATELINE
    if source.year is not None:
        year = f"{source.year}" + (f" ({YEAR_INFERRED})" if source.year_inferred else "")
        when += f" {year}" if source.dateline else f", {year}"
    return f"{who}, {headline}, {when}"


def scenario_sources(catalog: Catalog, scenario: Scenario) -> list[Source]:
    """The sources a scenario's facts quote (briefing, scenes and endings), each once."""
    fact_ids = [
        *scenario.facts,
        *(f for scene in scenario.scenes.values() for f in scene.facts),
        *(f for end in scenario.endings.values() for f in end.facts),
    ]
    source_ids = dict.fromkeys(catalog.facts[f].source for f in fact_ids if f in catalog.facts)
    return [catalog.sources[s] for s in source_ids if s in catalog.sources]


def outlet_name(source: Source | None) -> str:
    """The outlet, as a short line beside a fact ("TASS"; "outlet not named")."""
    if source is None or not (source.outlet or source.publisher):
        return "outlet not named"
    return source.outlet or " ".join((source.publisher or "").split())


def number_words(n: int) -> str:
    """ "three", for the small numbers; digits past nine."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def whose_words(sources: Iterable[Source], whose: str = "The") -> str:
    """Whose words the sources are, in one line: "The sources are five reports: three
    from TASS (Russia's state news agency), one from Inforos (a Russian news agency) and
    one that names no outlet." A source with no outlet but a publisher (a teacher's own
    record) is "from" its publisher. `whose` begins it ("This scenario's"). Empty when
    there are no sources."""
    counts: dict[str | None, int] = {}
    publishers: dict[str, str] = {}
    for source in sources:
        publisher = " ".join((source.publisher or "").split())
        # With no outlet, its publisher says whose words they are (a teacher's own record).
        who = source.outlet or publisher or None
        counts[who] = counts.get(who, 0) + 1
        if source.outlet and publisher and source.outlet not in publishers:
            publishers[source.outlet] = publisher
    total = sum(counts.values())
    if not total:
        return ""
    parts: list[str] = []
    for outlet in sorted(counts, key=lambda outlet: (outlet is None, -counts[outlet])):
        n = "" if total == 1 else number_words(counts[outlet]) + " "
        if outlet is None:
            parts.append(f"{n}that name{'s' if counts[outlet] == 1 else ''} no outlet")
        else:
            who = f" ({publishers[outlet]})" if outlet in publishers else ""
            parts.append(f"{n}from {outlet}{who}")
    if total == 1:
        return f"{whose} source is one report, {parts[0]}."
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{whose} sources are {number_words(total)} reports: {listed}."
