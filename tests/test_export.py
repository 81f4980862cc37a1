"""`treaty export`: the quizzes as Moodle (GIFT, Moodle XML), Canvas (QTI 1.2 zip) and
Anki files. Golden files for a small quiz with every question type; every bundled quiz
in every format; text from a teacher stays text in every format."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from game.content.catalog import Catalog, check
from game.content.models import Quiz
from game.content.paths import bundled_root
from game.exchange import FORMATS, exported
from game.exchange.anki import guid
from game.exchange.common import ORDER_NOTE
from game.exchange.gift import escape
from helpers import QUIZ, write

GOLDEN = Path(__file__).parent / "golden" / "export"
QTI_NS = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
MANIFEST_NS = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return check([bundled_root()])


@pytest.fixture
def test_quiz(tmp_path: Path) -> tuple[Quiz, Catalog]:
    catalog = check([bundled_root(), write(tmp_path, "quizzes/test-quiz.yaml", QUIZ)])
    assert not catalog.errors
    return catalog.quizzes["test-quiz"], catalog


def written(quiz: Quiz, catalog: Catalog, form: str) -> str | bytes:
    return FORMATS[form]([exported(quiz, catalog)])


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# --- Golden files: a quiz with every type ---------------------------------------------


@pytest.mark.parametrize(
    ("form", "name"),
    [("gift", "test-quiz.gift"), ("moodle-xml", "test-quiz.xml"), ("anki", "test-quiz.txt")],
)
def test_each_text_format_is_as_the_golden_file(
    test_quiz: tuple[Quiz, Catalog], form: str, name: str
) -> None:
    assert written(*test_quiz, form) == (GOLDEN / name).read_text(encoding="utf-8")


def test_the_qti_zip_holds_the_golden_manifest_and_assessment(
    test_quiz: tuple[Quiz, Catalog],
) -> None:
    data = written(*test_quiz, "qti")
    assert isinstance(data, bytes)
    files = unzip(data)
    assert sorted(files) == ["imsmanifest.xml", "test-quiz/test-quiz.xml"]
    assert files["imsmanifest.xml"] == (GOLDEN / "qti-imsmanifest.xml").read_bytes()
    assert files["test-quiz/test-quiz.xml"] == (GOLDEN / "qti-test-quiz.xml").read_bytes()
    assert written(*test_quiz, "qti") == data  # the same zip every time


# --- What each format holds -----------------------------------------------------------


def test_gift_maps_every_type(test_quiz: tuple[Quiz, Catalog]) -> None:
    text = written(*test_quiz, "gift")
    assert isinstance(text, str)
    assert "$CATEGORY: $course$/top/A test quiz" in text
    assert "::sf-year::[html]In which year? {\n\t=1951\n\t~1956\n\t####" in text
    assert "\t~%50%Shikotan\n\t~%50%Habomai" in text and "\t~%-100%Iturup" in text
    assert "::signed::[html]The Soviet Union signed. {\n\tFALSE\n" in text
    assert "\t=Motegi -> minister\n\t=Zakharova -> spokeswoman" in text
    assert "\t=1 -> San Francisco\n\t=2 -> Declaration" in text
    assert escape(ORDER_NOTE) in text
    assert "::day::[html]December ___ {\n\t=8\n\t=eighth\n" in text
    # The source quote and its citation are in the general feedback.
    assert "####<p>" in text and "TASS" in text


def test_moodle_xml_has_a_category_and_each_moodle_type(test_quiz: tuple[Quiz, Catalog]) -> None:
    text = written(*test_quiz, "moodle-xml")
    assert isinstance(text, str)
    root = ET.fromstring(text)
    assert root.tag == "quiz"
    questions = root.findall("question")
    assert [q.get("type") for q in questions] == [
        "category",
        "multichoice",
        "multichoice",
        "truefalse",
        "matching",
        "matching",
        "shortanswer",
    ]
    assert questions[0].findtext("category/text") == "$course$/top/A test quiz"
    by_name = {q.findtext("name/text"): q for q in questions[1:]}
    assert by_name["sf-year"].findtext("single") == "true"
    multi = by_name["islands"]
    assert multi.findtext("single") == "false"
    fractions = {a.findtext("text"): float(a.get("fraction", "")) for a in multi.iter("answer")}
    assert fractions == {"Iturup": -100, "Shikotan": 50, "Habomai": 50}
    assert [a.findtext("text") for a in by_name["day"].iter("answer")] == ["8", "eighth"]
    assert [
        (s.findtext("text"), s.findtext("answer/text"))
        for s in by_name["order"].iter("subquestion")
    ] == [("1", "San Francisco"), ("2", "Declaration")]
    assert ORDER_NOTE in (by_name["order"].findtext("questiontext/text") or "")
    for question in questions[1:]:
        assert question.find("questiontext").get("format") == "html"  # type: ignore[union-attr]
        feedback = question.findtext("generalfeedback/text") or ""
        assert "\u201c" in feedback and "\u201d \u2014 " in feedback  # a quote, its citation


def test_the_weights_of_a_multi_question_sum_to_100_for_the_right_options() -> None:
    quiz = Quiz.model_validate(
        {
            "id": "q",
            "title": "Q",
            "questions": [
                {
                    "id": "m",
                    "type": "multi",
                    "prompt": "P",
                    "options": ["a", "b", "c", "d", "e"],
                    "answer": ["a", "b", "c"],
                    "facts": ["f"],
                }
            ],
        }
    )
    root = ET.fromstring(FORMATS["moodle-xml"]([exported(quiz, Catalog())]))
    fractions = [float(a.get("fraction", "")) for a in root.iter("answer")]
    assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.001)
    assert sum(f for f in fractions if f < 0) == pytest.approx(-100, abs=0.001)


def test_the_qti_manifest_names_the_assessment_and_canvas_types(
    test_quiz: tuple[Quiz, Catalog],
) -> None:
    data = written(*test_quiz, "qti")
    assert isinstance(data, bytes)
    files = unzip(data)
    manifest = ET.fromstring(files["imsmanifest.xml"])
    hrefs = [r.get("href") for r in manifest.iter(f"{MANIFEST_NS}resource")]
    assert hrefs == ["test-quiz/test-quiz.xml"]
    assessment = ET.fromstring(files["test-quiz/test-quiz.xml"])
    assert assessment.find(f"{QTI_NS}assessment").get("title") == "A test quiz"  # type: ignore[union-attr]
    types = [
        f.findtext(f"{QTI_NS}fieldentry")
        for f in assessment.iter(f"{QTI_NS}qtimetadatafield")
        if f.findtext(f"{QTI_NS}fieldlabel") == "question_type"
    ]
    assert types == [
        "multiple_choice_question",
        "multiple_answers_question",
        "true_false_question",
        "matching_question",
        "matching_question",
        "short_answer_question",
    ]


def test_anki_has_its_header_and_one_line_per_question(test_quiz: tuple[Quiz, Catalog]) -> None:
    text = written(*test_quiz, "anki")
    assert isinstance(text, str)
    lines = text.splitlines()
    assert lines[:4] == ["#separator:tab", "#html:true", "#guid column:1", "#tags column:4"]
    notes_ = [line.split("\t") for line in lines[4:]]
    assert len(notes_) == 6 and all(len(note) == 4 for note in notes_)
    guids = [note[0] for note in notes_]
    assert len(set(guids)) == 6
    assert guids[0] == guid("test-quiz", "sf-year")
    assert "test-quiz" in notes_[0][3].split()
    assert "1951" in notes_[0][2] and "TASS" in notes_[0][2]


def test_anki_guids_are_stable_across_runs_and_distinct() -> None:
    assert guid("islands", "q1") == guid("islands", "q1")
    assert guid("islands", "q1") == "tt-69371f986c37ce49"  # the same on every machine, every run
    assert len({guid(q, i) for q in ("a", "b") for i in ("1", "2", "a-1")}) == 6
    assert guid("a", "b-c") != guid("a-b", "c")


@pytest.mark.parametrize("form", list(FORMATS))
def test_every_bundled_quiz_exports_in_every_format(bundled: Catalog, form: str) -> None:
    for quiz in bundled.quizzes.values():
        data = written(quiz, bundled, form)
        assert data
        if form == "moodle-xml":
            assert len(ET.fromstring(data).findall("question")) == len(quiz.questions) + 1
        if form == "qti":
            assert isinstance(data, bytes)
            for body in unzip(data).values():
                ET.fromstring(body)
        if form == "anki":
            assert isinstance(data, str)
            assert len(data.splitlines()) == 4 + len(quiz.questions)
