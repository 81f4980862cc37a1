"""The sources as sources (issue 30, item 4): each says who published it, its citation
marks what the text lacks or what was worked out, and the game says in one line whose
words the sources are, from the fact base."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.content.catalog import check
from game.content.citation import citation, whose_words
from game.content.models import Source
from game.content.paths import bundled_root
from helpers import FACTS, check_text, messages, write

CATALOG = check([bundled_root()])

NO_OUTLET_FACTS = """\
sources:
  my-handout:
    publisher: our history department
facts:
  my-fact:
    text: A fact.
    source: my-handout
    quote: A quote.
"""


def test_the_report_that_names_no_outlet_is_cited_as_it_is() -> None:
    source = CATALOG.sources["nagoya-2019-11"]
    assert source.outlet is None and source.headline is None and source.dateline is None
    cited = citation(source)
    assert cited == "outlet not named in the text, no headline, no dateline, 2019 (year inferred)"
    # The headline the game once invented for it is gone for good.
    assert "Nagoya;" not in cited and "\u201c" not in cited


def test_a_citation_marks_an_inferred_year_and_names_the_publisher() -> None:
    cited = citation(CATALOG.sources["tass-2019-12-17"])
    assert cited == (
        "TASS (Russia's state news agency), \u201cJapanese foreign minister to visit Russia on "
        "Tuesday\u201d, Tokyo, 17 December 2019 (year inferred)"
    )
    assert citation(CATALOG.sources["inforos-2020"]).endswith("no dateline, 2020 (year inferred)")


def test_a_format_1_source_is_cited_as_before() -> None:
    source = Source(outlet="TASS", headline="A headline", dateline="Tokyo, 17 December 2019")
    assert citation(source) == "TASS, \u201cA headline\u201d, Tokyo, 17 December 2019"


def test_every_bundled_source_says_who_published_it() -> None:
    for source_id, source in CATALOG.sources.items():
        assert source.publisher or source.outlet is None, source_id
        assert source.year is not None and source.year_inferred, source_id


def test_the_sources_line_is_counted_from_the_fact_base() -> None:
    assert whose_words(CATALOG.sources.values()) == (
        "The sources are five reports: three from TASS (Russia's state news agency), one "
        "from Inforos (a Russian news agency) and one that names no outlet."
    )
    one = [CATALOG.sources["nagoya-2019-11"]]
    assert whose_words(one, "This scenario's") == (
        "This scenario's source is one report, that names no outlet."
    )
    assert whose_words([]) == ""


def test_a_source_with_no_headline_and_no_outlet_loads(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    write(folder, "sources/facts.yaml", NO_OUTLET_FACTS)
    catalog = check([bundled_root(), folder])
    assert messages(catalog, folder) == []
    cited = citation(catalog.sources["my-handout"])
    assert cited == (
        "outlet not named in the text (our history department), no headline, no dateline"
    )


def test_a_source_year_said_to_be_inferred_needs_a_year(tmp_path: Path) -> None:
    text = FACTS.replace("    dateline: Tokyo, 17 December 2019\n", "    year_inferred: true\n")
    assert check_text(tmp_path, "facts.yaml", text) == [
        "facts.yaml:5:20: error TT520: source `my-source` says its year is inferred but gives "
        "no `year:`"
    ]


@pytest.mark.parametrize("key", ["publisher", "year", "year_inferred"])
def test_the_schema_has_the_new_keys_of_a_source(
    key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "facts"]) == 0
    schema = json.loads(capsys.readouterr().out)
    source = schema["$defs"]["Source"]
    assert key in source["properties"]
    assert "outlet" not in source.get("required", [])
