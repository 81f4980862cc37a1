"""A fact's citation reads as its own line ("— TASS (…), “headline”, dateline"), never glued to
the sentence before it ("signed., TASS"), in the app and in plain mode alike."""

import re

from rich.console import Console

from game.content.catalog import check
from game.content.citation import citation
from game.content.paths import bundled_root
from game.plain.common import cited_lines
from game.tui.widgets.fact_panel import facts_table

CATALOG = check([bundled_root()])
GLUED = re.compile(r"[.!?;:][”\"’']?\s*,")
"""A sentence's end followed by a comma: a citation run on after the quote."""


def _rendered(fact_ids: list[str]) -> str:
    console = Console(width=80, record=True, color_system=None)
    console.print(facts_table(CATALOG, fact_ids))
    return console.export_text()


def test_every_bundled_fact_is_cited_apart_from_its_sentence() -> None:
    fact_ids = sorted(CATALOG.facts)
    assert len(fact_ids) > 50
    for fact_id in fact_ids:
        source = CATALOG.sources[CATALOG.facts[fact_id].source]
        plain = "\n".join(cited_lines(CATALOG, [fact_id], quotes=True))
        app = _rendered([fact_id])
        for shown in (plain, app):
            assert not GLUED.search(shown), f"{fact_id}: {shown!r}"
            # The citation starts its own line, after the quote.
            lines = [line.strip() for line in shown.splitlines()]
            start = citation(source).split(",")[0]
            assert any(line.lstrip("-— ").startswith(start + ",") for line in lines), (
                f"{fact_id}: {shown!r}"
            )
