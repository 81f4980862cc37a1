"""`treaty quiz`: a quiz by id or file, as plain text, saved as the student goes."""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

from game.cli.common import ExitStatus, content_note, load, open_progress
from game.cli.options import progress_parents
from game.content.catalog import Catalog, check
from game.content.models import Question, Quiz
from game.content.only import is_only
from game.content.wording import suggest
from game.plain import PlainQuiz
from game.plain.common import SaveNotes
from game.plain.resume import resume_quiz_taken
from game.quiz import Answer, QuizProgress
from game.store.games import save_quiz


def add_quiz(commands: Any) -> None:
    quiz = commands.add_parser(
        "quiz",
        parents=progress_parents(),
        help="take a quiz",
        description="Take a quiz. QUIZ is an id from `treaty list` or a file.",
    )
    quiz.add_argument("quiz", metavar="QUIZ", help="a quiz id or a .yaml file")
    quiz.add_argument(
        "--plain",
        action="store_true",
        help="plain text on standard input and output (screen readers, scripts, pipes)",
    )
    quiz.add_argument(
        "--seed", type=int, help="shuffle the options the same way every time (a number)"
    )
    quiz.set_defaults(run=run_quiz)


def find_quiz(name: str, content: list[str]) -> tuple[Quiz | None, Catalog, ExitStatus]:
    """The quiz `name` (an id, or a file of its own) with its catalog; None, after saying
    why on stderr, with the status to exit with."""
    catalog = load(content)
    content_note(catalog)
    quiz = catalog.quizzes.get(name)
    if quiz is None:
        path = Path(name)
        if path.suffix in (".yaml", ".yml") or path.is_file():
            catalog = check([path, *content], bundled_facts=not is_only(content))
            # The file's own problems stop it; another file's are only named.
            mine = path.resolve()
            unreadable = [line for line in catalog.unreadable if line.startswith(str(path))]
            own = [p for p in catalog.errors if Path(p.file).resolve() == mine]
            for line in unreadable:
                print(line, file=sys.stderr)
            for problem in own:
                print(problem, file=sys.stderr)
            if unreadable or own:
                return None, catalog, ExitStatus.USAGE if unreadable else ExitStatus.PROBLEMS
            content_note(catalog)
            quiz = next(
                (catalog.quizzes[q] for q, f in catalog.quiz_files.items() if f.resolve() == mine),
                None,
            )
        if quiz is None:
            known = sorted(catalog.quizzes)
            print(
                f"treaty: no quiz called `{name}`{suggest(name, known)} "
                f"(the quizzes are: {', '.join(known) or 'none'})",
                file=sys.stderr,
            )
            return None, catalog, ExitStatus.USAGE
    return quiz, catalog, ExitStatus.OK


def run_quiz(args: argparse.Namespace) -> ExitStatus:
    quiz, catalog, status = find_quiz(args.quiz, args.content)
    if quiz is None:
        return status
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**9)
    store = open_progress(args.data_dir)
    notes = SaveNotes(store, lambda line: print(line, file=sys.stderr), store.warning)
    profile = store.profile(args.profile)
    notes.tell_news()
    resume = resume_quiz_taken(store, profile, quiz)
    notes.tell_news()
    if resume is not None:
        seed = resume.seed

    def say(line: str) -> None:
        print(line, flush=True)

    def saved(progress: QuizProgress, question: Question, answer: Answer, took: float) -> None:
        save_quiz(store, profile, progress, question.id, answer, round(took, 1))
        notes.tell_news()  # a failure to save, once

    try:
        PlainQuiz(quiz, catalog, seed, input, say, on_answer=saved, saving=notes.saving).run(resume)
    except KeyboardInterrupt:
        print("\nStopped.")
    return ExitStatus.OK
