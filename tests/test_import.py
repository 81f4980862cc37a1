"""`treaty import`: GIFT and Moodle XML question banks brought in as a quiz with
`citations: optional` (issue 32), and what the game says of such a quiz."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from inprocess import run_game
from textual.widgets import OptionList, Static

from game.cli import main
from game.content.catalog import check
from game.content.paths import bundled_root
from game.exchange.gift_read import read_gift
from game.exchange.moodle_xml_read import read_moodle_xml
from game.tui import make_app
from game.tui.screens.quiz import QuizScreen
from game.tui.screens.quiz_list import QuizListScreen
from helpers import QUIZ, write

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
GIFT = DATA / "gift"
MOODLE = DATA / "moodle"


def gift(name: str) -> Any:
    return read_gift((GIFT / name).read_text(encoding="utf-8"), name)


def fields(bank: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(q.title, q.fields) for q in bank.questions]


def lines(bank: Any) -> list[str]:
    return [str(p) for p in sorted(bank.problems, key=lambda p: (p.line, p.col))]


# --- GIFT ----------------------------------------------------------------------------


def test_the_documented_gift_syntax_is_read() -> None:
    bank = gift("documented.gift")
    assert fields(bank) == [
        (
            "River length",
            {
                "prompt": "Which river is the longest of these?",
                "type": "choice",
                "options": ["Thames", "Nile", "Seine"],
                "answer": "Nile",
                "explain": "The Nile is the longest of the four.",
            },
        ),
        (
            "Capital",
            {"prompt": "The capital of France is Paris.", "type": "truefalse", "answer": True},
        ),
        (
            "Wrong claim",
            {
                "prompt": "The sun goes round the earth.",
                "type": "truefalse",
                "answer": False,
                "explain": "It is the other way round.",
            },
        ),
        (
            "Pairs",
            {
                "prompt": "Match each country to its capital.",
                "type": "match",
                "pairs": {"France": "Paris", "Italy": "Rome", "Spain": "Madrid"},
            },
        ),
        (
            "Name",
            {
                "prompt": 'Who wrote "Hamlet"?',
                "type": "fill",
                "answer": ["Shakespeare", "William Shakespeare"],
            },
        ),
        (
            "Sentence",
            {
                "prompt": "The river that flows through Paris is the ___ in France.",
                "type": "fill",
                "answer": ["Seine"],
            },
        ),
        (
            "Weights",
            {
                "prompt": "Which are primary colours?",
                "type": "multi",
                "options": ["Red", "Blue", "Green"],
                "answer": ["Red", "Blue"],
            },
        ),
        (
            "Escapes: braces",
            {
                "prompt": "Which sign is written { in GIFT?",
                "type": "choice",
                "options": ["a left brace {", "an equals sign =", "a tilde ~", "a hash #"],
                "answer": "a left brace {",
            },
        ),
    ]


def test_kinds_the_game_does_not_have_are_listed_with_their_line_and_title() -> None:
    assert lines(gift("documented.gift")) == [
        "documented.gift:39:1: warning TT604: the question “Essay” is left out: it is an "
        "essay (no answers given); the game has no such question",
        "documented.gift:41:1: warning TT604: the question “Numerical” is left out: it is "
        "numerical (`{#...}`); the game has no such question",
        "documented.gift:43:1: warning TT604: the question “Notice” is left out: it has no "
        "answers (a description); the game has no such question",
        "documented.gift:45:1: warning TT604: the question “Cloze” is left out: it has several "
        "sets of answers (cloze); the game has no such question",
    ]


def test_broken_gift_gets_located_messages() -> None:
    bank = gift("broken.gift")
    assert lines(bank) == [
        "broken.gift:3:31: error TT601: the answers opened with `{` here are not closed with "
        "`}`; write `\\{` for a brace that is part of the text",
        "broken.gift:7:33: error TT602: no answer is marked right: start the right one with "
        "`=` (or give it a positive weight such as `~%50%`)",
        "broken.gift:9:27: error TT603: each answer starts with `=` (right) or `~` (wrong); "
        "found `right`",
        "broken.gift:11:24: error TT603: in a matching question every answer is "
        "`=item -> its match`; found `=b`",
    ]
    assert [title for title, _ in fields(bank)] == ["One"]


@given(st.text(alphabet=st.sampled_from("ab =~#{}:\\->%0159T\n/$CATEGORY"), max_size=200))
def test_the_gift_reader_never_raises_on_any_text(text: str) -> None:
    bank = read_gift(text, "any.gift")
    assert all(p.code.startswith("TT6") for p in bank.problems)


@given(st.text(max_size=300))
def test_the_gift_reader_never_raises_on_arbitrary_unicode(text: str) -> None:
    read_gift(text, "any.gift")


# A small GIFT writer, for the round trip: generated questions written as GIFT read back.

WORD = (
    st.text(alphabet=st.sampled_from("abcXYZ 019~=#{}:"), min_size=1, max_size=12)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


def _escape(text: str) -> str:
    return "".join("\\" + c if c in "~=#{}:" else c for c in text)


def _to_gift(question: dict[str, Any]) -> str:
    kind = question["type"]
    if kind == "truefalse":
        answers = "TRUE" if question["answer"] else "FALSE"
    elif kind == "fill":
        answers = " ".join("=" + _escape(a) for a in question["answer"])
    elif kind == "match":
        answers = " ".join(f"={_escape(k)} -> {_escape(v)}" for k, v in question["pairs"].items())
    else:
        right = question["answer"] if kind == "multi" else [question["answer"]]
        weight = f"%{100 // len(right)}%" if kind == "multi" else ""
        answers = " ".join(
            ("~" + weight if kind == "multi" else "=") + _escape(o)
            if o in right
            else ("~%-100%" if kind == "multi" else "~") + _escape(o)
            for o in question["options"]
        )
    general = f"####{_escape(question['explain'])}" if "explain" in question else ""
    return f"{_escape(question['prompt'])} {{{answers}{general}}}"


@st.composite
def bank_questions(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["choice", "multi", "truefalse", "match", "fill"]))
    question: dict[str, Any] = {"prompt": draw(WORD), "type": kind}
    if kind in ("choice", "multi"):
        options = draw(st.lists(WORD, min_size=2, max_size=4, unique=True))
        question["options"] = options
        if kind == "choice":
            question["answer"] = draw(st.sampled_from(options))
        else:
            question["answer"] = [
                o for o in options if o in draw(st.sets(st.sampled_from(options), min_size=2))
            ]
            if len(question["answer"]) < 2:
                question["type"], question["answer"] = "choice", question["answer"][0]
    elif kind == "truefalse":
        question["answer"] = draw(st.booleans())
    elif kind == "fill":
        question["answer"] = draw(st.lists(WORD, min_size=1, max_size=3, unique=True))
    else:
        keys = draw(
            st.lists(WORD.filter(lambda w: "-" not in w), min_size=2, max_size=3, unique=True)
        )
        question["pairs"] = {k: f"{k} match" for k in keys}
    if draw(st.booleans()):
        question["explain"] = draw(WORD)
    return question


@given(st.lists(bank_questions(), min_size=1, max_size=4))
def test_questions_written_as_gift_read_back_equal(questions: list[dict[str, Any]]) -> None:
    text = "\n\n".join(_to_gift(q) for q in questions) + "\n"
    bank = read_gift(text, "round.gift")
    assert bank.problems == []
    assert [q.fields for q in bank.questions] == questions


# --- Moodle XML ----------------------------------------------------------------------


def moodle(name: str) -> Any:
    return read_moodle_xml((MOODLE / name).read_bytes(), name)


def test_the_documented_moodle_xml_is_read() -> None:
    bank = moodle("documented.xml")
    assert fields(bank) == [
        (
            "River length",
            {
                "prompt": "Which river is the longest of these?",
                "type": "choice",
                "options": ["Thames", "Nile", "Seine"],
                "answer": "Nile",
                "explain": "The Nile is the longest & the oldest.",
            },
        ),
        (
            "Primary colours",
            {
                "prompt": "Which are primary colours?",
                "type": "multi",
                "options": ["Red", "Blue", "Green"],
                "answer": ["Red", "Blue"],
            },
        ),
        ("Sun", {"prompt": "The sun goes round the earth.", "type": "truefalse", "answer": False}),
        (
            "Capitals",
            {
                "prompt": "Match each country to its capital.",
                "type": "match",
                "pairs": {"France": "Paris", "Italy": "Rome"},
            },
        ),
        (
            "Hamlet",
            {
                "prompt": 'Who wrote "Hamlet"?',
                "type": "fill",
                "answer": ["Shakespeare", "William Shakespeare"],
            },
        ),
    ]
    assert lines(bank) == [
        "documented.xml:43:3: warning TT604: the question “Essay on rivers” is left out: its "
        "type `essay` is not one the game has"
    ]


def test_a_billion_laughs_file_is_refused_quickly_with_its_name() -> None:
    started = time.perf_counter()
    bank = moodle("billion-laughs.xml")
    assert time.perf_counter() - started < 0.5
    assert lines(bank) == [
        "billion-laughs.xml:2:1: error TT606: billion-laughs.xml is refused: it declares a DTD "
        "or entities (DTDForbidden), which a question bank never needs and which can make a "
        "file expand without end"
    ]
    assert bank.questions == []


def test_an_external_entity_is_refused() -> None:
    bank = moodle("external-entity.xml")
    assert [p.code for p in bank.problems] == ["TT606"] and bank.questions == []


def test_broken_xml_and_xml_that_is_not_a_bank() -> None:
    assert lines(moodle("broken.xml")) == [
        "broken.xml:5:5: error TT605: not well-formed XML: mismatched tag"
    ]
    assert lines(moodle("not-a-bank.xml")) == [
        "not-a-bank.xml:2:1: error TT607: a Moodle question bank starts with <quiz>; found <html>"
    ]


@given(st.binary(max_size=200))
def test_the_xml_reader_never_raises(data: bytes) -> None:
    read_moodle_xml(b"<quiz>" + data, "any.xml")


# --- `treaty import`: the quiz written, checked and played ---------------------------


def run_import(*args: str) -> int:
    return main(["import", *args])


@pytest.mark.parametrize("bank", [GIFT / "documented.gift", MOODLE / "documented.xml"])
def test_an_imported_bank_validates_as_it_is(
    bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(str(bank), "--content", str(tmp_path)) == 0
    out = capsys.readouterr().out
    count = 8 if bank.suffix == ".gift" else 5
    left = 4 if bank.suffix == ".gift" else 1
    target = tmp_path / "quizzes" / "documented.yaml"
    assert f"Imported {count} questions into {target}; left out {left} (listed above)." in out
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["citations"] == "optional" and len(data["questions"]) == count
    assert main(["validate", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 file checked: no problems found"


def test_an_existing_quiz_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = str(GIFT / "documented.gift")
    assert run_import(bank, "--content", str(tmp_path), "--id", "rivers") == 0
    before = (tmp_path / "quizzes" / "rivers.yaml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert run_import(bank, "--content", str(tmp_path), "--id", "rivers") == 2
    assert "rivers.yaml already exists; it is not overwritten" in capsys.readouterr().err
    assert (tmp_path / "quizzes" / "rivers.yaml").read_text(encoding="utf-8") == before
    assert run_import(bank, "--content", str(tmp_path), "--id", "Rivers!") == 2
    assert "`Rivers!` is not a valid id" in capsys.readouterr().err
    assert run_import(bank, "--content", str(tmp_path), "--id", "treaties") == 2
    assert "the game already has a quiz `treaties`" in capsys.readouterr().err


def test_the_id_is_made_from_the_file_name(tmp_path: Path) -> None:
    bank = write(tmp_path, "Week 3 Bank.gift", "Is it? {T}\n")
    assert run_import(str(bank), "--content", str(tmp_path / "c")) == 0
    assert (tmp_path / "c" / "quizzes" / "week-3-bank.yaml").is_file()


def test_broken_banks_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_import(str(GIFT / "broken.gift"), "--content", str(tmp_path)) == 1
    assert "Nothing imported: 4 errors" in capsys.readouterr().out
    assert run_import(str(MOODLE / "billion-laughs.xml"), "--content", str(tmp_path)) == 1
    assert not (tmp_path / "quizzes").exists()
    empty = write(tmp_path, "empty.gift", "// nothing but a comment\n")
    assert run_import(str(empty), "--content", str(tmp_path)) == 1
    assert f"{empty}:1:1: error TT608: no question in this file can be imported" in (
        capsys.readouterr().out
    )


def test_a_question_the_game_cannot_hold_is_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = write(tmp_path, "twice.gift", "::Same::Pick. {=a ~a ~b}\n\nIs it? {T}\n")
    assert run_import(str(bank), "--content", str(tmp_path)) == 0
    out = capsys.readouterr().out
    assert (
        f"{bank}:1:1: warning TT609: the question “Same” is left out: two of its options are "
        "the same"
    ) in out
    assert "Imported 1 question into" in out


def test_a_file_of_another_format_or_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = write(tmp_path, "bank.csv", "a,b\n")
    assert run_import(str(other), "--content", str(tmp_path)) == 2
    assert "cannot tell the format from the name" in capsys.readouterr().err
    latin = tmp_path / "latin.gift"
    latin.write_bytes("Caf\u00e9? {T}\n".encode("latin-1"))
    assert run_import(str(latin), "--content", str(tmp_path)) == 1
    assert f"{latin}:1:1: error TT104:" in capsys.readouterr().out


def test_an_imported_quiz_plays_in_plain_mode(tmp_path: Path) -> None:
    bank = write(tmp_path, "yes-no.gift", "::One::Water is wet. {T}\n\n::Two::Fire is cold. {F}\n")
    assert run_import(str(bank), "--content", str(tmp_path / "c")) == 0
    quiz = str(tmp_path / "c" / "quizzes" / "yes-no.yaml")
    result = run_game(
        ["quiz", quiz, "--plain", "--data-dir", str(tmp_path / "data")],
        cwd=tmp_path,
        stdin="1\n2\n",
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "This quiz is not checked against sources: its questions cite no facts." in (
        result.stdout
    )
    assert "Score: 2 of 2" in result.stdout


# --- `citations: optional` -----------------------------------------------------------

NO_FACTS = re.sub(r"    facts: .*\n", "", QUIZ.replace("id: test-quiz", "id: quiz"))


def test_a_quiz_with_optional_citations_needs_no_facts(tmp_path: Path) -> None:
    assert "facts:" not in NO_FACTS.split("questions:")[1]
    strict = check([write(tmp_path, "a/quiz.yaml", NO_FACTS)])
    assert strict.problems and {p.code for p in strict.problems} == {"TT403"}
    assert "quiz" not in strict.quizzes
    relaxed = NO_FACTS.replace("questions:", "citations: optional\nquestions:")
    catalog = check([write(tmp_path, "b/quiz.yaml", relaxed)])
    assert catalog.problems == []
    assert not catalog.quizzes["quiz"].checked_against_sources


def test_the_bundled_content_never_uses_optional_citations() -> None:
    catalog = check([bundled_root()])
    assert catalog.quizzes and all(q.checked_against_sources for q in catalog.quizzes.values())
    for path in (ROOT / "quizzes").glob("*.yaml"):
        assert "citations:" not in path.read_text(encoding="utf-8")


def _imported_catalog(tmp_path: Path) -> Any:
    assert run_import(str(GIFT / "documented.gift"), "--content", str(tmp_path)) == 0
    return check([bundled_root(), tmp_path])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_app_says_a_quiz_is_not_checked_against_sources(
    size: tuple[int, int], tmp_path: Path
) -> None:
    catalog = _imported_catalog(tmp_path)
    app = make_app(catalog=catalog, seed=1)
    async with app.run_test(size=size) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuizListScreen)
        listing = app.screen.query_one("#quiz-list", OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        [mine] = [p for p in prompts if p.startswith("Rivers")]  # its last $CATEGORY
        assert "not checked against sources" in mine
        assert sum("not checked against sources" in p for p in prompts) == 1
        app.open_quiz(catalog.quizzes["documented"])
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        note = app.screen.query_one("#quiz-unchecked", Static)
        assert str(note.render()) == (
            "This quiz is not checked against sources: its questions cite no facts."
        )
        assert note.region.height >= 1 and note.region.y < size[1]


def test_the_schema_offers_citations_on_a_quiz(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["schema", "quiz"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["citations"]["enum"] == ["required", "optional"]
    assert "facts" not in schema["$defs"]["ChoiceQuestion"].get("required", [])


def test_text_that_is_not_html_keeps_its_signs() -> None:
    bank = read_gift("Is 3 < 4 and 5 > 2? {T}\n\n[html]Is <b>this</b> &amp; that? {T}\n", "s.gift")
    assert [q.fields["prompt"] for q in bank.questions] == [
        "Is 3 < 4 and 5 > 2?",
        "Is this & that?",
    ]
    xml = (
        b'<quiz><question type="truefalse"><questiontext format="plain_text">'
        b"<text>Is 3 &lt; 4 and 5 &gt; 2?</text></questiontext>"
        b'<answer fraction="100"><text>true</text></answer></question></quiz>'
    )
    [question] = read_moodle_xml(xml, "s.xml").questions
    assert question.fields["prompt"] == "Is 3 < 4 and 5 > 2?"


def test_a_citations_value_that_is_not_a_word_of_the_format(tmp_path: Path) -> None:
    path = write(
        tmp_path, "quiz.yaml", NO_FACTS.replace("questions:", "citations: maybe\nquestions:")
    )
    assert (
        f"{path}:3:12: error TT204: `citations: maybe` is not allowed; use `required` or `optional`"
    ) in [str(p) for p in check([path]).problems]
