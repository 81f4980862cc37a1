"""The bundled content: it validates, its quotes are verbatim, and every quiz answer grades
as it should."""

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from game.content.catalog import check
from game.content.models import (
    ChoiceQuestion,
    FillQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    Question,
    TrueFalseQuestion,
)
from game.content.paths import bundled_root
from game.quiz import grade

ROOT = Path(__file__).resolve().parent.parent
CHECK_QUOTES = ROOT.parent / "shared" / "tools" / "check_quotes.py"
TAGS = {"treaties", "islands", "security", "economy", "people", "meetings", "positions"}

catalog = check([bundled_root()])
QUESTIONS = [(quiz.id, q) for quiz in catalog.quizzes.values() for q in quiz.questions]


def test_bundled_content_has_no_problems() -> None:
    assert [str(p) for p in catalog.problems] == []


def test_fact_base_covers_all_five_documents() -> None:
    assert len(catalog.facts) >= 45
    assert len(catalog.sources) == 5
    used = {fact.source for fact in catalog.facts.values()}
    assert used == set(catalog.sources)
    for fact_id, fact in catalog.facts.items():
        assert fact.tags and set(fact.tags) <= TAGS, fact_id


@pytest.mark.skipif(
    not CHECK_QUOTES.exists(), reason="the source documents are not beside this checkout"
)
def test_every_quote_is_verbatim_in_a_source_document() -> None:
    result = subprocess.run(
        [sys.executable, str(CHECK_QUOTES)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout
    assert " 0 quotes not found, 5/5 documents quoted" in result.stdout


def test_quiz_modules_and_question_types() -> None:
    assert len(catalog.quizzes) >= 5
    assert len(QUESTIONS) >= 70
    types = Counter(q.type for _, q in QUESTIONS)
    assert {t: types[t] for t in ("choice", "multi", "truefalse", "order", "match", "fill")} == {
        t: max(types[t], 8) for t in ("choice", "multi", "truefalse", "order", "match", "fill")
    }


@pytest.mark.parametrize(
    ("quiz_id", "question"), QUESTIONS, ids=[f"{m}:{q.id}" for m, q in QUESTIONS]
)
def test_right_answer_grades_right_and_each_distractor_does_not(
    quiz_id: str, question: Question
) -> None:
    q = question
    if isinstance(q, ChoiceQuestion):
        assert grade(q, q.answer).right
        for option in q.options:
            if option != q.answer:
                assert not grade(q, option).right, option
    elif isinstance(q, MultiQuestion):
        right = frozenset(q.answer)
        assert grade(q, right).right
        for option in q.options:
            assert not grade(q, right ^ {option}).right, option
    elif isinstance(q, TrueFalseQuestion):
        assert grade(q, q.answer).right and not grade(q, not q.answer).right
    elif isinstance(q, OrderQuestion):
        assert grade(q, q.items).right
        assert not grade(q, tuple(reversed(q.items))).right
    elif isinstance(q, MatchQuestion):
        assert grade(q, dict(q.pairs)).right
        lefts, rights = list(q.pairs), list(q.pairs.values())
        assert not grade(q, dict(zip(lefts, rights[1:] + rights[:1], strict=True))).right
    else:
        assert isinstance(q, FillQuestion)
        for accepted in q.answer:
            assert grade(q, accepted).right
            assert grade(q, f" {accepted.upper()}. ").right
    for fact_id in q.facts:
        assert fact_id in catalog.facts


FULL_SCENARIOS = [
    "after-san-francisco",
    "memorandum-1960",
    "joint-economic-activities",
    "singapore-2018",
    "ministers-2019",
    "amendment-2020",
]


def test_the_scenarios_tell_the_story_from_1951_to_2020_from_both_sides() -> None:
    years = sorted(catalog.scenarios[s].year for s in FULL_SCENARIOS)
    assert years[0] <= 1956 and years[-1] == 2020
    # Russia's side: Russia's delegation, and in 1960 the Soviet Union's.
    russia_side = {"russia", "soviet-union"}
    played_as_russia = [s for s in FULL_SCENARIOS if catalog.scenarios[s].role in russia_side]
    assert len(played_as_russia) >= 2
    assert catalog.scenarios["memorandum-1960"].delegation == "the Soviet Union"


@pytest.mark.parametrize("scenario_id", FULL_SCENARIOS)
def test_full_scenarios_have_the_shape_asked_for(scenario_id: str) -> None:
    scenario = catalog.scenarios[scenario_id]
    assert 12 <= len(scenario.scenes) <= 30
    assert len(scenario.endings) >= 4
    assert {e.kind for e in scenario.endings.values()} == {"historical", "counterfactual"}
    for ending in scenario.endings.values():
        assert ending.facts, ending.title
        if ending.kind == "counterfactual":
            assert "not happen" in ending.history or "never happened" in ending.history, (
                ending.title
            )
    choices = [c for scene in scenario.scenes.values() for c in scene.choices or ()]
    assert {"basis", "security", "transfer"} <= {c.topic for c in choices}
    conditional = [c for c in choices if c.condition is not None]
    routes = [s for s in scenario.scenes.values() if s.route is not None]
    assert conditional and routes, "earlier choices should matter later"
