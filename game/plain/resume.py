"""Plain play and quizzes offer a place saved before: continue it, or start again.

Each function reads with `ask` and writes with `say` (standard input and output unless
told otherwise), as the plain game does."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from game.content.models import Quiz, Scenario
from game.engine import PlayState
from game.plain.common import Ask, Say, plural
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
    ask: Ask = input,
    say: Say = print,
) -> _Place | None:
    """A saved place (game or quiz), if the student wants to continue it; one that no
    longer fits its file, or that the student starts again, is forgotten."""
    if found is None:
        return None
    if isinstance(found, Changed):
        say(f"This {kind} has changed since it was saved; starting again.")
    elif wants_to_continue(f"this {kind} ({where(found)})", ask):
        return found
    store.forget(profile, kind, item)
    return None


def resume_game(
    store: Store, profile: int, scenario: Scenario, ask: Ask = input, say: Say = print
) -> PlayState | None:
    """A saved game of `scenario`, if the student wants to continue it."""
    found = resume_play(store, profile, scenario)
    return offer_place(
        store,
        profile,
        SCENARIO,
        scenario.id,
        found,
        lambda s: f"{plural(len(s.path), 'choice')} made",
        ask,
        say,
    )


def resume_quiz_taken(
    store: Store, profile: int, quiz: Quiz, ask: Ask = input, say: Say = print
) -> QuizProgress | None:
    """A quiz left part-way, if the student wants to continue it."""

    def answered(progress: QuizProgress) -> str:
        return f"{plural(progress.index, 'question')} answered"

    found = resume_quiz(store, profile, quiz)
    return offer_place(store, profile, QUIZ, quiz.id, found, answered, ask, say)


def wants_to_continue(what: str, ask: Ask = input) -> bool:
    """Ask whether to continue a saved game or quiz, until the answer is 1 or 2; the end
    of input means continue."""
    prompt = (
        f"You were part-way through {what}. Type 1 to continue where you left off, or 2 to "
        "start again, and press Enter: "
    )
    while True:
        try:
            answer = ask(prompt).strip()
        except EOFError:
            return True
        if answer in ("1", "2"):
            return answer == "1"
        prompt = "Please type 1 (continue) or 2 (start again), and press Enter: "
