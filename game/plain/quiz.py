"""Plain-text quizzes: one question at a time on standard input and output.

Options are numbered; `multi` takes numbers separated by spaces or commas; `order` takes
the numbers in order; `match` takes pairs like `1b 2a 3c`; `fill` takes text. An answer
that is not in the expected form asks again, with an example; it never counts as wrong.
"""

from __future__ import annotations

import re
import string
import time
from collections.abc import Callable

from game.content.catalog import Catalog
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
from game.content.vocabulary import NOT_CHECKED_AGAINST_SOURCES
from game.plain.common import Ask, Say, cited_lines, number_typed, wrap
from game.quiz import MAX_TYPED, Answer, QuizProgress, Shown, explain, grade, score_text, show

LETTERS = string.ascii_lowercase


class AnswerFormError(ValueError):
    """An answer not in the form the question takes; the message says the form."""


_HOW = {
    "choice": "one choice: type its number",
    "multi": "choose all that apply: type their numbers, like 1 3",
    "truefalse": "true or false: type 1 for true or 2 for false",
    "order": "put them in order: type all the numbers, first to last",
    "match": "match each number to a letter: type pairs like 1b 2a",
    "fill": "type your answer",
}


def _numbers(text: str, count: int) -> list[int]:
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    typed = [number_typed(p) for p in parts]
    if not parts or None in typed:
        raise AnswerFormError("numbers only")
    numbers = [n for n in typed if n is not None]
    if any(not 1 <= n <= count for n in numbers):
        raise AnswerFormError(f"the numbers go from 1 to {count}")
    return numbers


def parse_answer(question: Question, shown: Shown, text: str) -> Answer:
    """The answer typed as `text`, in the question's own terms, or AnswerFormError."""
    text = text.strip()
    if isinstance(question, ChoiceQuestion):
        count = len(shown.options)
        try:
            numbers = _numbers(text, count)
        except AnswerFormError as error:
            raise AnswerFormError(
                f"Please type one number from 1 to {count}, for example: 2 ({error})"
            ) from None
        if len(numbers) != 1:
            raise AnswerFormError(f"Please type just one number from 1 to {count}, for example: 2")
        return shown.options[numbers[0] - 1]
    if isinstance(question, MultiQuestion):
        count = len(shown.options)
        try:
            numbers = _numbers(text, count)
        except AnswerFormError as error:
            raise AnswerFormError(
                "Please type the numbers of every right option, separated by spaces or "
                f"commas, for example: 1 3 ({error})"
            ) from None
        return frozenset(shown.options[n - 1] for n in numbers)
    if isinstance(question, TrueFalseQuestion):
        word = text.casefold().strip(".! ")
        if word in ("1", "t", "true", "yes", "y"):
            return True
        if word in ("2", "f", "false", "no", "n"):
            return False
        raise AnswerFormError("Please type 1 for true or 2 for false")
    if isinstance(question, OrderQuestion):
        count = len(shown.items)
        example = " ".join(str(n) for n in range(count, 0, -1))
        try:
            numbers = _numbers(text, count)
        except AnswerFormError as error:
            raise AnswerFormError(
                f"Please type all {count} numbers in order, first to last, for example: "
                f"{example} ({error})"
            ) from None
        if sorted(numbers) != list(range(1, count + 1)):
            raise AnswerFormError(
                f"Please type each of the {count} numbers once, in order, for example: {example}"
            )
        return tuple(shown.items[n - 1] for n in numbers)
    if isinstance(question, MatchQuestion):
        count, letters = len(shown.left), LETTERS[: len(shown.right)]
        example = " ".join(f"{n + 1}{letters[(n + 1) % len(letters)]}" for n in range(count))
        form = f"Please type a pair for each of 1 to {count}, like: {example}"
        cleaned = re.sub(r"[\s,;]+", " ", text.casefold()).strip()
        pairs = re.findall(r"([0-9]{1,6})\s*[-:=.)]?\s*([a-z])\b", cleaned)
        leftover = re.sub(r"([0-9]{1,6})\s*[-:=.)]?\s*([a-z])\b", "", cleaned).strip()
        if not pairs or leftover:
            raise AnswerFormError(form)
        chosen: dict[str, str] = {}
        for number, letter in pairs:
            n = int(number)
            if not 1 <= n <= count or letter not in letters:
                raise AnswerFormError(f"{form} (numbers 1 to {count}, letters a to {letters[-1]})")
            left = shown.left[n - 1]
            if left in chosen:
                raise AnswerFormError(f"{form} (number {n} is paired twice)")
            chosen[left] = shown.right[LETTERS.index(letter)]
        if len(chosen) != count:
            raise AnswerFormError(f"{form} (every number needs a letter)")
        return chosen
    assert isinstance(question, FillQuestion)
    if not text:
        raise AnswerFormError("Please type your answer")
    if len(text) > MAX_TYPED:
        raise AnswerFormError(f"Please type a shorter answer (at most {MAX_TYPED} characters)")
    return text


class PlainQuiz:
    """One run through a quiz over `ask` (input) and `say` (output)."""

    def __init__(
        self,
        quiz: Quiz,
        catalog: Catalog,
        seed: int,
        ask: Ask,
        say: Say,
        on_answer: Callable[[QuizProgress, Question, Answer, float], None] | None = None,
        saving: Callable[[], bool] | None = None,
    ) -> None:
        self.quiz = quiz
        self.catalog = catalog
        self.seed = seed
        self.ask = ask
        self.say = say
        self.progress = QuizProgress(quiz, seed)
        self.on_answer = on_answer
        """Told each answer as it is graded (with the seconds taken), to save it."""
        self.saving = saving
        """Whether the answers are being saved (None: not asked, as in a test)."""

    def run(self, resume: QuizProgress | None = None) -> QuizProgress:
        total = len(self.quiz.questions)
        self.say(f"{self.quiz.title} ({total} questions)")
        if not self.quiz.checked_against_sources:
            self.say(f"This quiz is {NOT_CHECKED_AGAINST_SOURCES}: its questions cite no facts.")
        if self.quiz.summary:
            self.say(wrap(self.quiz.summary))
        if resume is not None:
            self.progress = resume
            self.say(
                f"\nContinuing at question {resume.index + 1}; "
                f"score so far {score_text(resume.score)} of {resume.index}."
            )
        for number, question in enumerate(self.quiz.questions, start=1):
            if number <= self.progress.index:
                continue
            if not self.ask_question(number, total, question):
                lost = self.saving is not None and not self.saving()
                self.say(
                    f"\nStopped after {self.progress.index} of {total} questions. "
                    f"Score so far: {score_text(self.progress.score)} of {self.progress.index}."
                    + (
                        " Your answers could not be saved (see the message above), so the "
                        "quiz will start from the beginning next time."
                        if lost
                        else ""
                    )
                )
                return self.progress
        self.summary()
        return self.progress

    def ask_question(self, number: int, total: int, question: Question) -> bool:
        shown = show(question, self.seed)
        self.say(f"\nQuestion {number} of {total} ({_HOW[question.type]})")
        self.say(wrap(question.prompt))
        if isinstance(question, ChoiceQuestion | MultiQuestion):
            for i, option in enumerate(shown.options, start=1):
                self.say(f"  {i}. {option}")
        elif isinstance(question, TrueFalseQuestion):
            self.say("  1. True\n  2. False")
        elif isinstance(question, OrderQuestion):
            for i, item in enumerate(shown.items, start=1):
                self.say(f"  {i}. {item}")
        elif isinstance(question, MatchQuestion):
            for i, left in enumerate(shown.left, start=1):
                self.say(f"  {i}. {left}")
            for letter, right in zip(LETTERS, shown.right, strict=False):
                self.say(f"     {letter}) {right}")
        asked = time.monotonic()
        while True:
            try:
                typed = self.ask("Your answer: ")
            except EOFError:
                return False
            if not typed.strip():
                continue
            try:
                answer = parse_answer(question, shown, typed)
            except AnswerFormError as error:
                self.say(f"{error}.")
                continue
            break
        result = grade(question, answer)
        self.progress = self.progress.answered(result)
        if self.on_answer is not None:
            self.on_answer(self.progress, question, answer, time.monotonic() - asked)
        if result.right:
            self.say("Right!")
        elif result.score > 0:
            self.say(f"Partly right: {result.detail}.")
        else:
            self.say("Not right.")
        if not result.right:
            self.say(wrap(f"The right answer: {result.right_answer}"))
        why = explain(question, self.catalog.facts, self.catalog.sources)
        self.say(wrap(why.text))
        for line in cited_lines(self.catalog, [c.fact_id for c in why.citations], quotes=True):
            self.say(line)
        return True

    def summary(self) -> None:
        total = len(self.quiz.questions)
        self.say(f"\nScore: {score_text(self.progress.score)} of {total}")
        review = self.progress.to_review
        if review:
            self.say("To review:")
            for question in review:
                self.say(wrap(question.prompt, "  - ", "    "))
        else:
            self.say("Every answer was right.")
