"""Truth in content (issue 31): one outlet's words are said to be that outlet's, a fact's
summary says no date its quote does not, and the timeline keeps each year in date order.

The checks are functions of a content folder (`unattributed(folder)`,
`dates_not_in_quote(folder)`), so that they can be run on any folder: today on the facts
and quizzes, later on the scenarios too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from game.content.catalog import check
from game.content.fact_dates import MONTHS, days_in, timeline_order
from game.content.models import Fact
from game.content.paths import bundled_root
from helpers import FACTS, check_text

# --- Attribution of one outlet's words -------------------------------------------------

ATTRIBUTED: dict[str, str] = {
    # phrase (a regular expression) -> what must be named in the same text
    r"gesture of good will": r"TASS|one report",
    r"anti-Hitler coalition": r"TASS|one report",
    r"take control|takes control|taking control": r"Inforos|TASS",
    r"consider (the possibility|transferring|a transfer)": r"Nagoya|names no outlet|one report",
    r"deputy foreign secretary": r"Nagoya|names no outlet|one report",
    r"8 December|December 8|December ___": r"TASS",
}
"""Words only one report uses (or only one outlet's reports): a text that uses them says
whose words they are."""


def _texts(folder: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for each fact's text and each question's two faces: what is asked
    (prompt, options, items, pairs) and the explanation."""
    for path in sorted((folder / "sources").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for fact_id, fact in (data.get("facts") or {}).items():
            yield f"{path.name}: fact {fact_id}", str(fact.get("text", ""))
    for path in sorted((folder / "quizzes").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for question in data.get("questions") or []:
            asked: list[Any] = [question.get("prompt", "")]
            asked += question.get("options") or []
            asked += question.get("items") or []
            for left, right in (question.get("pairs") or {}).items():
                asked += [left, right]
            where = f"{path.name}: question {question.get('id')}"
            yield where, " ".join(str(a) for a in asked)
            yield f"{where} (explain)", str(question.get("explain", ""))


def unattributed(folder: Path) -> list[str]:
    """Each text of the folder that uses one outlet's words without saying whose they are."""
    found = []
    for where, text in _texts(folder):
        flat = " ".join(text.split())
        for phrase, names in ATTRIBUTED.items():
            if re.search(phrase, flat, re.IGNORECASE) and not re.search(names, flat, re.IGNORECASE):
                found.append(f"{where}: {phrase!r} without {names!r}")
    return found


def test_one_outlets_words_are_attributed_in_the_facts_and_quizzes() -> None:
    assert unattributed(bundled_root()) == []


def test_what_one_tass_sentence_says_is_asked_as_tass_reports_it() -> None:
    """Motegi's hosts on his first visit are in one TASS sentence only."""
    quizzes = check([bundled_root()]).quizzes
    for quiz_id, question_id in [
        ("talks-2018-2020", "motegi-hosts"),
        ("people", "oreshkin-meeting"),
        ("treaties", "ratified-day"),
        ("treaties", "sf-nations"),
    ]:
        [question] = [q for q in quizzes[quiz_id].questions if q.id == question_id]
        assert "TASS" in question.prompt, question_id


def test_kaifus_title_is_no_right_answer() -> None:
    """Only the report from Nagoya gives Kaifu's post: no question makes it the answer."""
    for quiz in check([bundled_root()]).quizzes.values():
        for question in quiz.questions:
            asked = question.model_dump_json(exclude={"explain"})
            assert "deputy foreign secretary" not in asked, question.id


def test_an_unattributed_phrase_is_found(tmp_path: Path) -> None:
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "q.yaml").write_text(
        "id: q\nquestions:\n  - id: a\n    type: truefalse\n"
        "    prompt: The USSR was ready to hand over the islands as a gesture of good will.\n"
        "    answer: true\n    explain: One report (TASS) says so.\n",
        encoding="utf-8",
    )
    assert unattributed(tmp_path) == [
        "q.yaml: question a: 'gesture of good will' without 'TASS|one report'"
    ]


# --- A summary says no date its quote does not -------------------------------------------

_DATE_WORDS = re.compile(
    r"\b(1[89]\d\d|20\d\d)\b|\b("
    + "|".join(MONTHS)
    + r")\b|\b(\d{1,2})(?= (?:"
    + "|".join(MONTHS)
    + r"))"
)


def dates_not_in_quote(folder: Path) -> list[str]:
    """Each year, month or day of the month in a fact's text that its quote does not give."""
    found = []
    for path in sorted((folder / "sources").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for fact_id, fact in (data.get("facts") or {}).items():
            quote = " ".join(str(fact.get("quote", "")).split())
            for match in _DATE_WORDS.finditer(" ".join(str(fact.get("text", "")).split())):
                if not re.search(rf"\b{match.group(0)}\b", quote):
                    found.append(f"{path.name}: fact {fact_id}: {match.group(0)}")
    return found


def test_no_fact_summary_gives_a_date_its_quote_does_not() -> None:
    assert dates_not_in_quote(bundled_root()) == []


def test_a_date_added_to_a_summary_is_found(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "facts.yaml").write_text(
        FACTS.replace("text: A fact.", "text: On 8 December 1956 a fact."), encoding="utf-8"
    )
    assert dates_not_in_quote(tmp_path) == [
        "facts.yaml: fact my-fact: 8",
        "facts.yaml: fact my-fact: December",
        "facts.yaml: fact my-fact: 1956",
    ]


def test_a_dated_facts_month_is_in_its_quote() -> None:
    """`month:` and `day:` come from the document's own words for that fact."""
    for fact_id, fact in check([bundled_root()]).facts.items():
        if fact.month is not None:
            quote = " ".join(fact.quote.split())
            assert MONTHS[fact.month - 1] in quote, fact_id
            if fact.day is not None:
                assert re.search(rf"\b{fact.day}\b", quote), fact_id


# --- The timeline: each year in date order -----------------------------------------------


def _order() -> list[str]:
    return timeline_order(check([bundled_root()]).facts)


def test_the_1960_memorandum_comes_after_the_security_treaty_it_answered() -> None:
    order = _order()
    assert order.index("security-treaty-1960") < order.index("memorandum-1960")
    assert order.index("ussr-revoked-1960") < order.index("memorandum-1960")


def test_the_ratification_comes_after_the_declaration() -> None:
    order = _order()
    for declaration in ["declaration-1956-two-islands", "declaration-relations-restored"]:
        assert order.index(declaration) < order.index("declaration-1956-ratified")


def test_munich_in_february_comes_before_nagoya_in_november() -> None:
    order = _order()
    nagoya = [f for f in order if "nagoya" in f or f == "security-list-given"]
    assert len(nagoya) >= 4
    assert all(order.index("munich-security-conference") < order.index(f) for f in nagoya)
    assert order.index("motegi-appointed") < order.index("nagoya-g20")
    assert order.index("nagoya-g20") < order.index("motegi-visit-dates")


def test_the_1855_entry_is_about_the_treaty() -> None:
    facts = check([bundled_root()]).facts
    [first] = [f for f in _order() if facts[f].year == 1855]
    assert facts[first].text.split()[:2] == ["A", "bilateral"]
    assert "Treaty on Trade and Borders" in facts[first].text


def test_each_year_is_in_date_order() -> None:
    facts = check([bundled_root()]).facts
    order = _order()
    assert [facts[f].year for f in order] == sorted(facts[f].year or 0 for f in order)
    for year in {facts[f].year for f in order}:
        dated = [
            (facts[f].month, facts[f].day or 0)
            for f in order
            if facts[f].year == year and facts[f].month is not None
        ]
        assert dated == sorted(dated), year


def _fact(**keys: Any) -> Fact:
    return Fact(text="A fact.", source="s", quote="A quote.", **keys)


@given(st.permutations(["a", "b", "c", "d", "e"]), st.lists(st.integers(1, 12), min_size=5))
def test_after_follows_its_fact_and_dates_stay_in_order(
    names: list[str], months: list[int]
) -> None:
    """Whatever order they are written in: a dated fact by its date, an undated one after
    the fact it names."""
    facts = {
        "a": _fact(year=2000, month=months[0]),
        "b": _fact(year=2000, month=months[1]),
        "c": _fact(year=2000, after="a"),
        "d": _fact(year=2000, after="c"),
        "e": _fact(year=2000),
    }
    order = timeline_order({name: facts[name] for name in names})
    assert order.index("a") < order.index("c") < order.index("d")
    assert order[0] == "e"  # undated, and after nothing: the start of its year
    if months[0] < months[1]:
        assert order.index("d") < order.index("b")


def test_a_loop_of_after_does_not_stop_the_timeline() -> None:
    facts = {"a": _fact(year=2000, after="b"), "b": _fact(year=2000, after="a")}
    assert sorted(timeline_order(facts)) == ["a", "b"]


# --- month:, day: and after: are checked, each with a code ------------------------------

DATED = FACTS.replace("    year: 2019\n", "    year: 2019\n    month: 2\n    day: 16\n")

GOLDEN = [
    pytest.param(
        DATED.replace("month: 2", "month: 13"),
        "facts.yaml:10:12: error TT530: `month: 13` in fact `my-fact`: a month is a number "
        "from 1 (January) to 12 (December)",
        id="TT530",
    ),
    pytest.param(
        DATED.replace("day: 16", "day: 29"),
        "facts.yaml:11:10: error TT531: `day: 29` in fact `my-fact`: February 2019 has days "
        "1 to 28",
        id="TT531",
    ),
    pytest.param(
        DATED.replace("    month: 2\n", ""),
        "facts.yaml:10:10: error TT532: fact `my-fact` gives a `day:` but no `month:`; add "
        "the month",
        id="TT532",
    ),
    pytest.param(
        DATED.replace("    year: 2019\n", ""),
        "facts.yaml:9:12: error TT533: fact `my-fact` gives `month:` but no `year:`; only a "
        "fact with a year is on the timeline: add the year the document gives",
        id="TT533",
    ),
    pytest.param(
        DATED + "    after: my-fact\n",
        "facts.yaml:15:12: error TT534: fact `my-fact` has a date and `after:`; a dated fact "
        "takes its place by its date: remove `after:` (or the date, if the document gives "
        "none)",
        id="TT534",
    ),
    pytest.param(
        FACTS
        + "  later:\n    text: B.\n    year: 2020\n    after: my-fact\n"
        + "    source: my-source\n    quote: B.\n",
        "facts.yaml:16:12: error TT535: fact `later` (year 2020) is placed after `my-fact`, "
        "a fact of 2019; `after:` names a fact of the same year",
        id="TT535",
    ),
    pytest.param(
        FACTS.replace("    source: my-source\n", "    after: other\n    source: my-source\n")
        + "  other:\n    text: B.\n    year: 2019\n    after: my-fact\n"
        + "    source: my-source\n    quote: B.\n",
        "facts.yaml:10:12: error TT536: `after:` goes round in a loop: `my-fact` → `other` → "
        "`my-fact`; start the chain at a fact that says no `after:`",
        id="TT536",
    ),
]


@pytest.mark.parametrize(("text", "line"), GOLDEN)
def test_the_fact_file_gets_the_line(text: str, line: str, tmp_path: Path) -> None:
    assert line in check_text(tmp_path, "facts.yaml", text)


def test_after_a_fact_that_is_not_there(tmp_path: Path) -> None:
    text = FACTS.replace("    source: my-source\n", "    after: my-fakt\n    source: my-source\n")
    assert check_text(tmp_path, "facts.yaml", text)[0].startswith(
        "facts.yaml:10:12: error TT501: the fact `my-fakt` is not in the fact base; did you "
        "mean `my-fact`?"
    )


def test_a_good_date_gets_no_message(tmp_path: Path) -> None:
    assert check_text(tmp_path, "facts.yaml", DATED) == []
    leap = DATED.replace("year: 2019", "year: 2020").replace("day: 16", "day: 29")
    assert check_text(tmp_path, "facts.yaml", leap) == []


@given(st.integers(1, 12), st.integers(-3, 33), st.one_of(st.none(), st.integers(1, 2100)))
def test_a_day_is_accepted_exactly_when_its_month_has_it(
    month: int, day: int, year: int | None
) -> None:
    import calendar

    most = days_in(month, year)
    if year is not None:
        assert most == calendar.monthrange(year, month)[1]
    assert 28 <= most <= 31
    text = FACTS.replace("    year: 2019\n", "" if year is None else f"    year: {year}\n")
    text = text.replace("    source:", f"    month: {month}\n    day: {day}\n    source:")
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        lines = check_text(Path(folder), "facts.yaml", text)
    assert any("TT531" in line for line in lines) == (not 1 <= day <= most)
