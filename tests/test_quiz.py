"""Grading every question type, shuffling from a seed, and plain-mode quizzes."""

import os
import random
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from inprocess import run_game

from game.content.catalog import check
from game.content.models import (
    ChoiceQuestion,
    FillQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    Question,
    Quiz,
    TrueFalseQuestion,
)
from game.content.paths import bundled_root
from game.plain.quiz import AnswerFormError, parse_answer
from game.quiz import Answer, explain, grade, normalise, show
from helpers import the_right_answer

ROOT = Path(__file__).resolve().parent.parent
words = st.text(alphabet="abcdefghij ", min_size=1, max_size=8).map(str.strip).filter(bool)
distinct = lambda n_min, n_max: st.lists(words, min_size=n_min, max_size=n_max, unique=True)  # noqa: E731
base = {"id": "q", "prompt": "A question?", "facts": ["sf-treaty-renounce"]}


@st.composite
def questions(draw: st.DrawFn) -> Question:
    kind = draw(st.sampled_from(["choice", "multi", "truefalse", "order", "match", "fill"]))
    shuffle = draw(st.booleans())
    if kind == "choice":
        options = draw(distinct(2, 6))
        return ChoiceQuestion(
            **base,
            type="choice",
            options=options,
            answer=draw(st.sampled_from(options)),
            shuffle=shuffle,
        )
    if kind == "multi":
        options = draw(distinct(2, 6))
        answer = draw(st.lists(st.sampled_from(options), min_size=1, unique=True))
        return MultiQuestion(**base, type="multi", options=options, answer=answer, shuffle=shuffle)
    if kind == "truefalse":
        return TrueFalseQuestion(**base, type="truefalse", answer=draw(st.booleans()))
    if kind == "order":
        return OrderQuestion(**base, type="order", items=draw(distinct(2, 6)), shuffle=shuffle)
    if kind == "match":
        left = draw(distinct(2, 5))
        right = draw(st.lists(words, min_size=len(left), max_size=len(left), unique=True))
        return MatchQuestion(
            **base, type="match", pairs=dict(zip(left, right, strict=True)), shuffle=shuffle
        )
    return FillQuestion(**base, type="fill", answer=draw(distinct(1, 3)))


@st.composite
def other_answers(draw: st.DrawFn, q: Question) -> Answer:
    """Any answer the student could give other than the right one."""
    if isinstance(q, ChoiceQuestion):
        return draw(st.sampled_from([o for o in q.options if o != q.answer]))
    if isinstance(q, TrueFalseQuestion):
        return not q.answer
    if isinstance(q, MultiQuestion):
        chosen = frozenset(draw(st.lists(st.sampled_from(q.options), unique=True)))
        assume(chosen != frozenset(q.answer))
        return chosen
    if isinstance(q, OrderQuestion):
        order = tuple(draw(st.permutations(q.items)))
        assume(order != q.items)
        return order
    if isinstance(q, MatchQuestion):
        rights = list(q.pairs.values())
        given = dict(zip(q.pairs, draw(st.permutations(rights)), strict=True))
        assume(given != dict(q.pairs))
        return given
    assert isinstance(q, FillQuestion)
    text = draw(st.text(max_size=10))
    assume(normalise(text) not in {normalise(a) for a in q.answer})
    return text


@given(questions())
def test_the_right_answer_scores_full_marks(q: Question) -> None:
    result = grade(q, the_right_answer(q))
    assert result.right and result.score == 1.0


@given(st.data())
def test_any_other_answer_scores_less(data: st.DataObject) -> None:
    q = data.draw(questions())
    assume(not isinstance(q, ChoiceQuestion) or len(q.options) > 1)
    result = grade(q, data.draw(other_answers(q)))
    assert not result.right and 0.0 <= result.score < 1.0


@given(questions(), st.integers(), st.integers())
def test_the_same_seed_shows_the_same_order(q: Question, seed: int, other: int) -> None:
    assert show(q, seed) == show(q, seed)
    shown = show(q, other)
    if isinstance(q, ChoiceQuestion | MultiQuestion):
        assert sorted(shown.options) == sorted(q.options)
        if not q.shuffle:
            assert shown.options == q.options
    if isinstance(q, OrderQuestion):
        assert sorted(shown.items) == sorted(q.items) and shown.items != q.items
    if isinstance(q, MatchQuestion):
        assert shown.left == tuple(q.pairs)
        if not q.shuffle:
            assert shown.right == tuple(q.pairs.values())


def typed_answer(q: Question, shown: Any, answer: Answer) -> str:
    """What a student types for `answer` when the question is shown as `shown`."""
    if isinstance(q, ChoiceQuestion):
        return str(shown.options.index(answer) + 1)
    if isinstance(q, MultiQuestion):
        assert isinstance(answer, frozenset)
        return ", ".join(str(shown.options.index(a) + 1) for a in answer)
    if isinstance(q, TrueFalseQuestion):
        return "1" if answer else "2"
    if isinstance(q, OrderQuestion):
        assert isinstance(answer, tuple)
        return " ".join(str(shown.items.index(a) + 1) for a in answer)
    if isinstance(q, MatchQuestion):
        assert isinstance(answer, dict)
        return " ".join(
            f"{shown.left.index(left) + 1}{'abcdefghij'[shown.right.index(right)]}"
            for left, right in answer.items()
        )
    assert isinstance(answer, str)
    return answer


@given(st.data())
def test_grading_does_not_depend_on_the_order_shown(data: st.DataObject) -> None:
    q = data.draw(questions())
    answer = data.draw(st.one_of(st.just(the_right_answer(q)), other_answers(q)))
    if isinstance(q, MultiQuestion) and not answer:
        return  # nothing chosen cannot be typed
    if isinstance(q, FillQuestion) and isinstance(answer, str) and not answer.strip():
        return  # nothing typed is asked again (see test_a_malformed_answer_is_refused...)
    grades = []
    for seed in (data.draw(st.integers()), data.draw(st.integers())):
        shown = show(q, seed)
        grades.append(grade(q, parse_answer(q, shown, typed_answer(q, shown, answer))))
    assert grades[0] == grades[1] == grade(q, answer)


def test_fill_ignores_case_spacing_and_surrounding_punctuation() -> None:
    q = FillQuestion(**base, type="fill", answer=["8", "eighth", "8th"])
    for typed in ["8", " Eighth. ", "EIGHTH", "8th!", "\u201ceighth\u201d"]:
        assert grade(q, typed).right, typed
    for typed in ["9", "eight", "8 th"]:
        assert not grade(q, typed).right, typed


def test_partial_credit_is_reported() -> None:
    q = MultiQuestion(
        **base,
        type="multi",
        options=["Iturup", "Kunashir", "Shikotan", "Habomai"],
        answer=["Shikotan", "Habomai"],
    )
    result = grade(q, frozenset({"Shikotan"}))
    assert (result.right, result.score, result.detail) == (
        False,
        0.5,
        "1 of 2 right options ticked, no wrong one",
    )
    result = grade(q, frozenset({"Shikotan", "Iturup"}))
    assert (result.right, result.score, result.detail) == (
        False,
        0.0,
        "1 of 2 right options ticked, 1 wrong",
    )
    order = OrderQuestion(**base, type="order", items=["a", "b", "c", "d"])
    result = grade(order, ("a", "b", "d", "c"))
    assert (result.right, round(result.score, 2), result.detail) == (
        False,
        0.33,
        "1 of 3 items followed by the right one",
    )


@given(st.lists(st.booleans(), min_size=2, max_size=7), st.data())
def test_several_answer_scores_stay_between_0_and_1_and_1_only_when_right(
    right: list[bool], data: st.DataObject
) -> None:
    options = [f"option {i}" for i in range(len(right))]
    assume(any(right))
    q = MultiQuestion(
        **base,
        type="multi",
        options=options,
        answer=[o for o, r in zip(options, right, strict=True) if r],
    )
    ticked = frozenset(data.draw(st.sets(st.sampled_from(options))))
    result = grade(q, ticked)
    assert 0.0 <= result.score <= 1.0
    assert (result.score == 1.0) == result.right == (ticked == frozenset(q.answer))


@given(st.integers(2, 8), st.randoms(use_true_random=False))
def test_ordering_scores_stay_between_0_and_1_and_1_only_when_right(
    n: int, rng: random.Random
) -> None:
    order = OrderQuestion(**base, type="order", items=[f"item {i}" for i in range(n)])
    given_order = list(order.items)
    rng.shuffle(given_order)
    result = grade(order, tuple(given_order))
    assert 0.0 <= result.score <= 1.0
    assert (result.score == 1.0) == result.right == (given_order == list(order.items))


def test_nothing_ticked_nothing_moved_and_everything_ticked_earn_nothing() -> None:
    q = MultiQuestion(
        **base,
        type="multi",
        options=["Iturup", "Kunashir", "Shikotan", "Habomai"],
        answer=["Shikotan", "Habomai"],
    )
    assert grade(q, frozenset()).score == 0.0
    assert grade(q, frozenset(q.options)).score == 0.0
    for n in range(2, 7):
        order = OrderQuestion(**base, type="order", items=[f"item {i}" for i in range(n)])
        for seed in range(30):
            untouched = show(order, seed).items
            assert untouched != tuple(order.items)
            assert grade(order, untouched).score == 0.0, (n, seed, untouched)


@pytest.mark.parametrize(
    ("question", "typed", "message"),
    [
        (
            ChoiceQuestion(**base, type="choice", options=["x", "y"], answer="x"),
            "3",
            "Please type one number from 1 to 2, for example: 2 (the numbers go from 1 to 2)",
        ),
        (
            ChoiceQuestion(**base, type="choice", options=["x", "y"], answer="x"),
            "1 2",
            "Please type just one number from 1 to 2, for example: 2",
        ),
        (
            MultiQuestion(**base, type="multi", options=["x", "y"], answer=["x"]),
            "one",
            "Please type the numbers of every right option, separated by spaces or commas, for example: 1 3 (numbers only)",
        ),
        (
            OrderQuestion(**base, type="order", items=["x", "y", "z"]),
            "1 1 2",
            "Please type each of the 3 numbers once, in order, for example: 3 2 1",
        ),
        (
            MatchQuestion(**base, type="match", pairs={"x": "1", "y": "2"}),
            "1a",
            "Please type a pair for each of 1 to 2, like: 1b 2a (every number needs a letter)",
        ),
        (
            TrueFalseQuestion(**base, type="truefalse", answer=True),
            "maybe",
            "Please type 1 for true or 2 for false",
        ),
    ],
)
def test_a_malformed_answer_is_refused_with_an_example(
    question: Question, typed: str, message: str
) -> None:
    with pytest.raises(AnswerFormError) as refused:
        parse_answer(question, show(question, 0), typed)
    assert str(refused.value) == message


def test_explanation_falls_back_to_the_facts_and_always_cites_them() -> None:
    catalog = check([bundled_root()])
    quiz = catalog.quizzes["treaties"]
    with_explain, without = quiz.questions[0], quiz.questions[1]
    first = explain(with_explain, catalog.facts, catalog.sources)
    assert first.text == "Japan and 48 nations signed it in September 1951."
    assert [c.fact_id for c in first.citations] == [
        "sf-conference-1951",
        "sf-48-nations",
        "sf-treaty-renounce",
    ]
    second = explain(without, catalog.facts, catalog.sources)
    assert second.text == " ".join(catalog.facts["declaration-1956-two-islands"].text.split())
    assert second.citations[0].source is not None and second.citations[0].source.outlet == "TASS"


# --- Plain mode -------------------------------------------------------------------


FORMAT_QUIZ = Path(__file__).parent / "data" / "format-quiz.yaml"


def starter_quiz() -> Quiz:
    return check([FORMAT_QUIZ]).quizzes["format-example"]


def run_quiz(typed: str, seed: int = 7) -> subprocess.CompletedProcess[str]:
    return run_game(
        ["quiz", str(FORMAT_QUIZ), "--plain", "--seed", str(seed)],
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        stdin=typed,
    )


def test_plain_quiz_answered_right() -> None:
    quiz = starter_quiz()
    lines = [typed_answer(q, show(q, 7), the_right_answer(q)) for q in quiz.questions]
    result = run_quiz("\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Right!") == 6
    assert result.stdout.splitlines()[-2:] == ["Score: 6 of 6", "Every answer was right."]
    assert (
        "\u201cThe declaration was ratified by the two countries\u2019 parliaments" in result.stdout
    )


def test_plain_quiz_answered_wrong_with_typos_asking_again() -> None:
    quiz = starter_quiz()
    wrong = []
    for q in quiz.questions:
        shown = show(q, 7)
        if isinstance(q, ChoiceQuestion):
            wrong += ["first", typed_answer(q, shown, next(o for o in q.options if o != q.answer))]
        elif isinstance(q, MultiQuestion):
            wrong.append(typed_answer(q, shown, frozenset({"Shikotan"})))
        elif isinstance(q, TrueFalseQuestion):
            wrong += ["perhaps", "1"]
        elif isinstance(q, OrderQuestion):
            wrong.append(typed_answer(q, shown, tuple(reversed(q.items))))
        elif isinstance(q, MatchQuestion):
            lefts, rights = list(q.pairs), list(q.pairs.values())
            wrong += [
                "1 2 3",
                typed_answer(q, shown, dict(zip(lefts, rights[1:] + rights[:1], strict=True))),
            ]
        else:
            wrong.append("ninth")
    result = run_quiz("\n".join(wrong) + "\n")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Right!" not in out
    assert "Please type one number from 1 to 4, for example: 2 (numbers only)." in out
    assert "Please type 1 for true or 2 for false." in out
    assert "Please type a pair for each of 1 to 3, like:" in out
    assert "Partly right: 1 of 2 right options ticked, no wrong one." in out
    assert "The right answer: Shikotan, Habomai" in out
    assert "Score: 0.5 of 6" in out
    review = out[out.index("To review:") :].splitlines()[1:]
    assert len(review) == 6


def test_plain_quiz_stops_cleanly_at_end_of_input() -> None:
    result = run_quiz("1\n")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].startswith(
        "Stopped after 1 of 6 questions. Score so far: "
    )
