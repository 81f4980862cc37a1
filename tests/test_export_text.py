"""`treaty export` keeps a teacher's text as text: markup and the formats' own
characters stay literal, any text gives well-formed XML, GIFT escapes read back."""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.catalog import Catalog
from game.content.models import Quiz
from game.exchange import FORMATS, exported
from game.exchange.common import clean
from game.exchange.gift import escape


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


HOSTILE = '<script>alert(1)</script> {x} ~a =b #c :d \\e & "f"\ttab\nline'


def hostile_quiz() -> Quiz:
    return Quiz.model_validate(
        {
            "id": "hostile",
            "title": HOSTILE,
            "questions": [
                {
                    "id": "c",
                    "type": "choice",
                    "prompt": HOSTILE,
                    "options": [HOSTILE, "b"],
                    "answer": HOSTILE,
                    "facts": ["f"],
                },
                {"id": "f", "type": "fill", "prompt": HOSTILE, "answer": [HOSTILE], "facts": ["f"]},
                {
                    "id": "m",
                    "type": "match",
                    "prompt": "p",
                    "pairs": {HOSTILE: HOSTILE, "a": "b"},
                    "facts": ["f"],
                },
            ],
        }
    )


def test_a_prompt_with_markup_and_gift_characters_stays_literal() -> None:
    bank = [exported(hostile_quiz(), Catalog())]
    gift = FORMATS["gift"](bank)
    assert isinstance(gift, str)
    # Question texts and options are HTML, escaped; short answers, the right side of
    # a matching pair and a category's name are plain text in Moodle, kept as typed.
    raw = [line for line in gift.split("\n") if "<script>" in line]
    assert raw == [
        '$CATEGORY: $course$/top/<script>alert(1)<//script> {x} ~a =b #c :d \\e & "f" tab line',
        '\t=<script>alert(1)</script> \\{x\\} \\~a \\=b \\#c \\:d \\\\e & "f"\ttab\\nline',
        "\t=&lt;script&gt;alert(1)&lt;/script&gt; \\{x\\} \\~a \\=b \\#c \\:d \\\\e &amp; "
        "&quot;f&quot; tab<br>line -> <script>alert(1)</script> \\{x\\} \\~a \\=b \\#c \\:d "
        '\\\\e & "f"\ttab\\nline',
    ]
    assert "::c::[html]&lt;script&gt;" in gift
    assert "\\{x\\} \\~a \\=b \\#c \\:d \\\\e" in gift
    root = ET.fromstring(FORMATS["moodle-xml"](bank))
    prompt = root.findtext("question[@type='multichoice']/questiontext/text") or ""
    assert "<script>" not in prompt
    assert html.unescape(prompt.replace("<br>", "\n")) == HOSTILE.replace("\t", " ")
    short = root.find("question[@type='shortanswer']")
    assert short is not None
    assert short.findtext("answer/text") == HOSTILE  # plain, as typed
    data = FORMATS["qti"](bank)
    assert isinstance(data, bytes)
    for body in unzip(data).values():
        assert b"<script>" not in body
        ET.fromstring(body)
    anki = FORMATS["anki"](bank)
    assert isinstance(anki, str)
    assert "<script>" not in anki
    assert all(len(line.split("\t")) == 4 for line in anki.rstrip("\n").split("\n")[4:])


def unescape(text: str) -> str:
    """GIFT's escapes undone, as Moodle's reader does."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


@given(st.text())
def test_gift_escaping_round_trips(text: str) -> None:
    escaped = escape(text)
    assert unescape(escaped) == text
    assert "\n" not in escaped
    # No special character is left bare.
    assert not re.search(r"(?<!\\)(\\\\)*[~=#{}:]", escaped.replace("\\\\", ""))


texts = st.text(min_size=1, max_size=30)


@st.composite
def quizzes(draw: st.DrawFn) -> Quiz:
    options = draw(st.lists(texts, min_size=2, max_size=4, unique=True))
    return Quiz.model_validate(
        {
            "id": "generated",
            "title": draw(texts),
            "questions": [
                {
                    "id": draw(texts),
                    "type": "multi",
                    "prompt": draw(texts),
                    "options": options,
                    "answer": options[:1],
                    "explain": draw(texts),
                    "facts": ["f"],
                },
                {
                    "id": "t",
                    "type": "truefalse",
                    "prompt": draw(texts),
                    "answer": True,
                    "facts": ["f"],
                },
                {
                    "id": "o",
                    "type": "order",
                    "prompt": draw(texts),
                    "items": options,
                    "facts": ["f"],
                },
                {
                    "id": "m",
                    "type": "match",
                    "prompt": draw(texts),
                    "pairs": dict(zip(options, reversed(options), strict=True)),
                    "facts": ["f"],
                },
                {
                    "id": "fill",
                    "type": "fill",
                    "prompt": draw(texts),
                    "answer": options,
                    "facts": ["f"],
                },
            ],
        }
    )


@settings(max_examples=60, deadline=None)
@given(quizzes())
def test_the_xml_writers_write_well_formed_xml_for_any_text(quiz: Quiz) -> None:
    bank = [exported(quiz, Catalog())]
    root = ET.fromstring(FORMATS["moodle-xml"](bank))
    assert len(root.findall("question")) == 6
    data = FORMATS["qti"](bank)
    assert isinstance(data, bytes)
    for body in unzip(data).values():
        ET.fromstring(body)
    anki = FORMATS["anki"](bank)
    assert isinstance(anki, str)
    assert len(anki.split("\n")) == 4 + 5 + 1  # no tab or line end of the text splits a note


GIFT_QUESTION = re.compile(r"^::((?:\\.|[^\\:])*)::\[html\](.*) \{$")


@settings(max_examples=60, deadline=None)
@given(quizzes())
def test_gift_texts_read_back_as_written(quiz: Quiz) -> None:
    """Each question's name, prompt and short answers, read back from the GIFT file the
    way Moodle reads it, are the teacher's text (less what no file can hold)."""
    gift = FORMATS["gift"]([exported(quiz, Catalog())])
    assert isinstance(gift, str)
    blocks = [b for b in gift.split("\n\n") if b.startswith("::")]
    assert len(blocks) == len(quiz.questions)
    for block, question in zip(blocks, quiz.questions, strict=True):
        lines = block.rstrip("\n").split("\n")
        found = GIFT_QUESTION.match(lines[0])
        assert found is not None, lines[0]
        assert unescape(found.group(1)) == clean(question.id)
        prompt = html.unescape(unescape(found.group(2)).replace("<br>", "\n"))
        assert prompt.startswith(clean(question.prompt).replace("\t", " "))
        if question.type == "fill":
            answers = [line for line in lines if line.startswith("\t=")]
            typed = [unescape(line.removeprefix("\t=")) for line in answers]
            assert typed == [clean(answer) for answer in question.answer]


def test_an_option_beginning_with_a_percent_is_not_read_as_a_weight() -> None:
    quiz = Quiz.model_validate(
        {
            "id": "q",
            "title": "Q",
            "questions": [
                {
                    "id": "c",
                    "type": "choice",
                    "prompt": "P",
                    "options": ["%50% of the islands", "all"],
                    "answer": "all",
                    "facts": ["f"],
                }
            ],
        }
    )
    gift = FORMATS["gift"]([exported(quiz, Catalog())])
    assert "\t~&\\#37;50% of the islands\n" in gift


def test_characters_no_file_can_hold_are_left_out() -> None:
    """Found by Hypothesis: NUL and C1 controls break XML or Anki's lines, and U+2028
    ends a line; the question keeps the rest of its text."""
    quiz = Quiz.model_validate(
        {
            "id": "q",
            "title": "Q",
            "questions": [
                {
                    "id": "t",
                    "type": "truefalse",
                    "prompt": "a\x00b\x85c\u2028d",
                    "answer": True,
                    "facts": ["f"],
                }
            ],
        }
    )
    bank = [exported(quiz, Catalog())]
    root = ET.fromstring(FORMATS["moodle-xml"](bank))
    assert root.findtext("question[@type='truefalse']/questiontext/text") == "abc<br>d"
    anki = FORMATS["anki"](bank)
    assert isinstance(anki, str)
    assert anki.split("\n")[4].split("\t")[1] == "abc<br>d<br>True or false?"
