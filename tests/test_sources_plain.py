"""Plain mode's sources (issue 30, item 4): a line each in the briefing, beside a scene
and at the ending; their quotes when the student types s."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from game.content.catalog import check
from game.content.citation import citation
from game.content.paths import bundled_root
from game.plain.play import QUOTES_HINT, PlainGame

GOLDEN = Path(__file__).parent / "data" / "golden-scenario.yaml"
CATALOG = check([bundled_root() / "sources", GOLDEN])
SCENARIO = CATALOG.scenarios["golden-scenario"]


def played(*typed: str) -> str:
    answers: Iterator[str] = iter(typed)

    def ask(prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    said: list[str] = []
    PlainGame(SCENARIO, CATALOG, ask, said.append).play()
    return "\n".join(said)


def _quote_start(fact_id: str) -> str:
    return "\u201c" + " ".join(CATALOG.facts[fact_id].quote.split()[:5])


def test_the_sources_are_a_line_each_and_their_quotes_wait_for_s() -> None:
    out = played("1", "2")
    assert "\nBackground, from the sources:\n  * Inforos: In Singapore in November 2018" in out
    assert QUOTES_HINT in out
    assert "This scenario's sources are" in out
    for fact_id in SCENARIO.facts:
        assert _quote_start(fact_id) not in out
    # The headings the debrief had stay.
    assert "What really happened:" in out and "\nFrom the sources:\n" in out
    assert out.splitlines()[-1] == "Ending: Talks stall (historical)"


def test_s_at_a_choice_shows_the_quotes_with_their_citations() -> None:
    out = played("s", "1", "2")
    # The first scene's quotes include the briefing's.
    for fact_id in (*SCENARIO.facts, *SCENARIO.scenes[SCENARIO.start].facts):
        fact = CATALOG.facts[fact_id]
        assert _quote_start(fact_id) in out
        assert citation(CATALOG.sources[fact.source])[:30] in out
    assert "year inferred" in out
    assert out.splitlines()[-1] == "Ending: Talks stall (historical)"


def test_s_at_the_ending_shows_the_ending_quotes() -> None:
    out = played("1", "2", "s")
    ending = SCENARIO.endings["talks-stall"]
    for fact_id in ending.facts:
        assert _quote_start(fact_id) in out
    assert out.index("\nThe sources' quotes:") < out.index("\nWhy this ending:")
    assert out.splitlines()[-1] == "Ending: Talks stall (historical)"
