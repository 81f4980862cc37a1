"""Spaced review through `fsrs`, with a fixed clock: what comes back, and when."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from game.content.catalog import check
from game.content.paths import bundled_root
from game.quiz import Grade, QuizProgress, grade
from game.quiz.review import REVIEW_ID, review_quiz, schedule
from game.store.games import latest_saved, save_quiz
from game.store.progress import open_store
from helpers import the_right_answer

CATALOG = check([bundled_root()])
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
RIGHT = Grade(right=True, score=1.0, right_answer="x")
WRONG = Grade(right=False, score=0.0, right_answer="x")
PARTLY = Grade(right=False, score=0.5, right_answer="x")


def test_a_wrong_answer_is_due_before_a_partly_right_one_before_a_right_one() -> None:
    _, wrong_due = schedule(None, WRONG, NOON)
    _, partly_due = schedule(None, PARTLY, NOON)
    _, right_due = schedule(None, RIGHT, NOON)
    assert NOON < wrong_due < partly_due < right_due
    _, little_due = schedule(None, Grade(right=False, score=0.2, right_answer="x"), NOON)
    assert little_due == wrong_due  # less than half right comes back as soon as missed
    assert wrong_due - NOON <= timedelta(minutes=10)  # soon: within the same sitting
    assert right_due - NOON >= timedelta(days=1)  # later: another day


@given(
    history=st.lists(st.booleans(), min_size=1, max_size=8),
)
def test_right_again_comes_back_later_than_missed_again(history: list[bool]) -> None:
    card = None
    when = NOON
    for right in history:
        card, due = schedule(card, RIGHT if right else WRONG, when)
        assert due > when
        when = due  # answered when due
    _, after_right = schedule(card, RIGHT, when)
    _, after_wrong = schedule(card, WRONG, when)
    assert after_wrong < after_right


def test_what_is_due_is_what_was_missed_until_the_right_ones_come_due(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    profile = store.profile()
    quiz = CATALOG.quizzes["treaties"]
    progress = QuizProgress(quiz, 1)
    for n in range(4):  # right, wrong, right, wrong
        question = progress.question
        answer = the_right_answer(question) if n % 2 == 0 else "not the answer"
        progress = progress.answered(grade(question, answer))
        save_quiz(store, profile, progress, question.id, answer, 3.0, now=NOON)
    missed = [(quiz.id, quiz.questions[1].id), (quiz.id, quiz.questions[3].id)]
    assert store.due(profile, NOON) == []
    assert sorted(store.due(profile, NOON + timedelta(minutes=10))) == sorted(missed)
    later = store.due(profile, NOON + timedelta(days=60))
    assert len(later) == 4 and set(missed) <= set(later)

    # The review quiz: the missed questions, each recorded under its own module.
    review = review_quiz(CATALOG.quizzes, store.due(profile, NOON + timedelta(minutes=10)))
    assert review is not None and review.quiz.id == REVIEW_ID
    # Both missed questions (each wholly wrong: an answer of the wrong form earns nothing).
    assert sorted(q.id for q in review.quiz.questions) == sorted(m[1] for m in missed)
    assert review.modules == ("treaties", "treaties")
    taken = QuizProgress(review.quiz, 1)
    question = taken.question
    taken = taken.answered(grade(question, the_right_answer(question)))
    save_quiz(
        store,
        profile,
        taken,
        question.id,
        the_right_answer(question),
        module=review.modules[0],
        now=NOON + timedelta(minutes=10),
    )
    assert store.answers(profile)[-1] == ("treaties", question.id, True, 1.0)
    assert (quiz.id, question.id) not in store.due(profile, NOON + timedelta(hours=1))
    # A review keeps no place to continue: the next one is made from what is due then.
    assert latest_saved(store, profile, {}, CATALOG.quizzes) is not None  # "treaties" itself
    assert store.load(profile, "quiz", REVIEW_ID) is None


def test_nothing_due_makes_no_review() -> None:
    assert review_quiz(CATALOG.quizzes, []) is None
    assert review_quiz(CATALOG.quizzes, [("gone", "q"), ("treaties", "no-such")]) is None
