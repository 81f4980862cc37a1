"""Question banks as others write them (issue 32): Moodle's documented GIFT syntax, one
feature a question, and a question bank exported from a Moodle course by someone else
(several categories, HTML in CDATA, an essay and a numerical question), imported with
`treaty import`, checked with `treaty validate` and played to the end in plain mode."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from inprocess import run_game

from game.cli import main
from game.exchange.gift_read import read_gift
from game.exchange.moodle_xml_read import read_moodle_xml

DATA = Path(__file__).resolve().parent / "data"

# Each feature of Moodle's GIFT documentation, written as the documentation shows it,
# with what the game makes of it.
GIFT_FEATURES: list[tuple[str, str, dict[str, Any] | None]] = [
    (
        "comment lines",
        "// a comment\n// another\nWho wrote it? {=Ann}",
        {"prompt": "Who wrote it?", "type": "fill", "answer": ["Ann"]},
    ),
    (
        "::title::",
        "::My title::Is it? {T}",
        {"prompt": "Is it?", "type": "truefalse", "answer": True},
    ),
    (
        "escapes",
        "Sign \\~ \\= \\# \\{ \\} \\: here? {=\\{a\\} ~\\~b ~c\\=d ~e\\#f ~g\\:h}",
        {
            "prompt": "Sign ~ = # { } : here?",
            "type": "choice",
            "options": ["{a}", "~b", "c=d", "e#f", "g:h"],
            "answer": "{a}",
        },
    ),
    (
        "%50% weights",
        "Pick two. {~%50%a ~%50%b ~%-100%c}",
        {"prompt": "Pick two.", "type": "multi", "options": ["a", "b", "c"], "answer": ["a", "b"]},
    ),
    (
        "-> matching",
        "Match. {=a -> 1 =b -> 2 =c -> 3}",
        {"prompt": "Match.", "type": "match", "pairs": {"a": "1", "b": "2", "c": "3"}},
    ),
    ("{T}", "Is it? {T}", {"prompt": "Is it?", "type": "truefalse", "answer": True}),
    ("{FALSE}", "Is it? {FALSE}", {"prompt": "Is it?", "type": "truefalse", "answer": False}),
    (
        "answers inside the sentence",
        "Grant is {~buried =entombed ~living} in Grant's tomb.",
        {
            "prompt": "Grant is ___ in Grant's tomb.",
            "type": "choice",
            "options": ["buried", "entombed", "living"],
            "answer": "entombed",
        },
    ),
    (
        "a question over several lines",
        "What is\nthe answer? {\n  =yes # right\n  ~no\n  #### general\n}",
        {
            "prompt": "What is the answer?",
            "type": "choice",
            "options": ["yes", "no"],
            "answer": "yes",
            "explain": "general",
        },
    ),
    ("$CATEGORY:", "$CATEGORY: $course$/top/Week 3/Rivers\n\nIs it? {T}", None),
]


@pytest.mark.parametrize(
    ("feature", "text", "fields"), GIFT_FEATURES, ids=[f for f, *_ in GIFT_FEATURES]
)
def test_each_documented_gift_feature_is_read(
    feature: str, text: str, fields: dict[str, Any] | None
) -> None:
    bank = read_gift(text + "\n", "doc.gift")
    assert bank.problems == []
    [question] = bank.questions
    if fields is None:  # $CATEGORY: names the quiz
        assert bank.category == "Rivers"
    else:
        assert question.fields == fields


def test_the_documented_fixtures_give_their_category_as_the_title() -> None:
    gift = (DATA / "gift" / "documented.gift").read_text(encoding="utf-8")
    assert read_gift(gift, "documented.gift").category == "Rivers"
    xml = (DATA / "moodle" / "documented.xml").read_bytes()
    assert read_moodle_xml(xml, "documented.xml").category == "Rivers"


# --- A question bank written by someone else -------------------------------------------

BANK = DATA / "moodle" / "someone-else.xml"


def test_a_moodle_course_export_is_read_as_its_author_meant() -> None:
    bank = read_moodle_xml(BANK.read_bytes(), "someone-else.xml")
    assert bank.category == "Week 3"  # the last of its three categories
    assert [(q.title, q.fields["type"]) for q in bank.questions] == [
        ("Longest river", "choice"),
        ("Rivers through capitals", "multi"),
        ("Rhine source", "truefalse"),
        ("River and city", "match"),
        ("Delta", "fill"),
    ]
    first = bank.questions[0].fields
    assert first["prompt"] == "Which of these rivers is the longest?"  # HTML in CDATA
    assert first["options"] == ["The Danube", "The Volga", "The Rhine"]
    assert first["shuffle"] is False
    assert first["explain"] == (
        "The Volga is the longest river in Europe & flows into the Caspian Sea."
    )
    assert bank.questions[3].fields["pairs"] == {
        "The Thames": "London",
        "The Vltava": "Prague",
        "The Tagus": "Lisbon",
    }
    assert [str(p) for p in bank.problems] == [
        "someone-else.xml:214:3: warning TT604: the question “Floods” is left out: its type "
        "`essay` is not one the game has",
        "someone-else.xml:241:3: warning TT604: the question “Number of bridges” is left out: "
        "its type `numerical` is not one the game has",
    ]


def play(content: Path, data: Path, answers: list[str]) -> str:
    command = ["quiz", "someone-else", "--content", str(content)]
    command.extend(["--plain", "--seed", "7", "--data-dir", str(data)])
    result = run_game(
        command,
        cwd=Path.cwd(),
        stdin="".join(f"{a}\n" for a in answers),
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def shown(out: str, question: int) -> list[str]:
    """The options or items of question `question` as the game showed them."""
    part = out.split(f"Question {question} of 5")[1].split("Your answer:")[0]
    return re.findall(r"^\s+(?:\d+\.|[a-z]\))\s(.+)$", part, re.MULTILINE)


def test_someone_elses_bank_is_imported_checked_and_played_to_the_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    assert main(["import", str(BANK), "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "Imported 5 questions into" in out and "left out 2 (listed above)" in out
    data = yaml.safe_load((content / "quizzes" / "someone-else.yaml").read_text("utf-8"))
    assert data["title"] == "Week 3" and data["citations"] == "optional"
    assert main(["validate", str(content)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 file checked: no problems found"
    # Once to see the order the options come in (the same seed, the same order), then
    # with the right answers.
    first = play(content, tmp_path / "d1", ["1", "1", "1", "1a 2b 3c", "x"])
    assert "Score:" in first
    multi = shown(first, 2)
    right_multi = " ".join(str(multi.index(o) + 1) for o in ("The Thames", "The Seine"))
    match = shown(first, 4)
    letters = "abc"
    right_match = " ".join(
        f"{match.index(river) + 1}{letters[match[3:].index(city)]}"
        for river, city in (
            ("The Thames", "London"),
            ("The Vltava", "Prague"),
            ("The Tagus", "Lisbon"),
        )
    )
    volga = shown(first, 1).index("The Volga") + 1
    out = play(content, tmp_path / "d2", [str(volga), right_multi, "1", right_match, "a delta"])
    assert out.splitlines()[0] == "Week 3 (5 questions)"
    assert "This quiz is not checked against sources: its questions cite no facts." in out
    assert out.count("Right!") == 5
    assert "Score: 5 of 5" in out


def test_an_arrow_in_a_multiple_choice_option_is_text() -> None:
    """As Moodle reads it: an answer starting with `~` makes it multiple choice."""
    bank = read_gift("Which way? {=left -> right ~up -> down}\n", "a.gift")
    assert bank.problems == []
    assert bank.questions[0].fields == {
        "prompt": "Which way?",
        "type": "choice",
        "options": ["left -> right", "up -> down"],
        "answer": "left -> right",
    }
