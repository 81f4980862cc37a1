"""Plain play and quizzes offer a place saved before: continue it, or start again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from game.content.models import Quiz, Scenario
from game.engine import PlayState
from game.plain.common import plural
from game.quiz import QuizProgress
from game.store.games import QUIZ, SCENARIO, Changed, resume_play, resume_quiz
from game.store.progress import Store

_Place = TypeVar("_Place", PlayState, QuizProgress)


def offer_place(
    store: Store,
    profile: int,
    kind: str,
    item: str,
    found: _Place | Changed | None,
    where: Callable[[_Place], str],
) -> _Place | None:
    """A saved place (game or quiz), if the student wants to continue it; one that no
    longer fits its file, or that the student starts again, is forgotten."""
    if found is None:
        return None
    if isinstance(found, Changed):
        print(f"This {kind} has changed since it was saved; starting again.")
    elif wants_to_continue(f"this {kind} ({where(found)})"):
        return found
    store.forget(profile, kind, item)
    return None


def resume_game(store: Store, profile: int, scenario: Scenario) -> PlayState | None:
    """A saved game of `scenario`, if the student wants to continue it."""
    found = resume_play(store, profile, scenario)
    return offer_place(
        store,
        profile,
        SCENARIO,
        scenario.id,
        found,
        lambda s: f"{plural(len(s.path), 'choice')} made",
    )


def resume_quiz_taken(store: Store, profile: int, quiz: Quiz) -> QuizProgress | None:
    """A quiz left part-way, if the student wants to continue it."""
    found = resume_quiz(store, profile, quiz)
    return offer_place(
        store, profile, QUIZ, quiz.id, found, lambda p: f"{plural(p.index, 'question')} answered"
    )


def wants_to_continue(what: str) -> bool:
    """Ask whether to continue a saved game or quiz, until the answer is 1 or 2; the end
    of input means continue."""
    print(
        f"You were part-way through {what}. Type 1 to continue where you left off, or 2 to "
        "start again, and press Enter: ",
        end="",
        flush=True,
    )
    while True:
        try:
            answer = input().strip()
        except EOFError:
            return True
        if answer in ("1", "2"):
            return answer == "1"
        print("Please type 1 (continue) or 2 (start again), and press Enter: ", end="", flush=True)
