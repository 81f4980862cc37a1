"""Quizzes, the timeline and help in the app, driven with Pilot by keys and by mouse."""

from pathlib import Path
from typing import Any

from textual.widgets import Input, OptionList, Select, Static

from game.content.catalog import check
from game.content.models import (
    ChoiceQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    TrueFalseQuestion,
)
from game.content.paths import bundled_root
from game.quiz import show
from game.tui import make_app
from game.tui.screens.help import HelpScreen
from game.tui.screens.quiz import QuizScreen
from game.tui.screens.quiz_list import QuizListScreen
from game.tui.screens.quiz_summary import QuizSummaryScreen
from game.tui.screens.timeline import TimelineScreen
from game.tui.widgets.fact_panel import FactPanel
from game.tui.widgets.order_answer import OrderList

FORMAT_QUIZ = Path(__file__).parent / "data" / "format-quiz.yaml"
SEED = 1
catalog = check([bundled_root(), FORMAT_QUIZ])
QUIZ = catalog.quizzes["format-example"]


def text_of(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def start_quiz(pilot: Any) -> QuizScreen:
    pilot.app.open_quiz(QUIZ)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen)
    return screen


async def answer_by_keys(pilot: Any, question: Any, right: bool) -> None:
    """Answer the question on screen with the keyboard only."""
    shown = show(question, SEED)
    if isinstance(question, ChoiceQuestion):
        wanted = (
            question.answer if right else next(o for o in shown.options if o != question.answer)
        )
        await pilot.press(str(shown.options.index(wanted) + 1))
    elif isinstance(question, TrueFalseQuestion):
        value = question.answer if right else not question.answer
        # ↑ ↓ and Enter: True is first, False second.
        await pilot.press(*(["down"] if value is False else []), "enter")
    elif isinstance(question, MultiQuestion):
        wanted = set(question.answer) if right else {shown.options[0]} ^ set(question.answer)
        for option in shown.options:
            if option in wanted:
                await pilot.press("space")
            await pilot.press("down")
        ticked = str(pilot.app.screen.query_one("#multi-ticked", Static).render())
        assert ticked.startswith("Ticked: ") and all(o in ticked for o in wanted)
        await pilot.press("c")
    elif isinstance(question, OrderQuestion):
        target = list(question.items) if right else list(reversed(question.items))
        current = list(shown.items)
        for position, item in enumerate(target):
            at = current.index(item)
            await pilot.press("home", *(["down"] * at))
            await pilot.press(*(["shift+up"] * (at - position)))
            current.insert(position, current.pop(at))
        await pilot.press("c")
    elif isinstance(question, MatchQuestion):
        pairs = list(question.pairs.items())
        rights = [r for _, r in pairs]
        if not right:
            rights = rights[1:] + rights[:1]
        for i, wanted in enumerate(rights):
            select = pilot.app.screen.query_one(f"#match-{i}", Select)
            select.focus()
            await pilot.press("enter")
            index = list(shown.right).index(wanted)
            await pilot.press(*(["down"] * (index + 1)), "enter")
        await pilot.press("c")
    else:
        await pilot.press(*(question.answer[0] if right else "ninth"), "enter")
    await pilot.pause()


async def test_every_question_type_answered_right_by_keys() -> None:
    app = make_app(catalog=catalog, seed=SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_quiz(pilot)
        for number, question in enumerate(QUIZ.questions, start=1):
            assert text_of(app, "#quiz-prompt") == " ".join(question.prompt.split())
            await answer_by_keys(pilot, question, right=True)
            assert text_of(app, "#quiz-verdict") == "✓ Right!", question.type
            assert "“" in app.screen.query_one("#quiz-facts", FactPanel).shown_text  # the quote
            assert f"Score {number} of {number}" in text_of(app, "#quiz-score")
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, QuizSummaryScreen)
        assert text_of(app, "#summary-score") == "Score: 6 of 6"
        assert screen.progress.score == 6


async def test_every_question_type_answered_wrong_by_keys_then_reviewed() -> None:
    app = make_app(catalog=catalog, seed=SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_quiz(pilot)
        for question in QUIZ.questions:
            await answer_by_keys(pilot, question, right=False)
            verdict = text_of(app, "#quiz-verdict")
            assert verdict.startswith(("✗ Not right.", "◐ Partly right")), question.type
            assert text_of(app, "#quiz-right").startswith("The right answer: ")
            await pilot.press("enter")  # Enter on the focused "Next question" button
            await pilot.pause()
        assert isinstance(app.screen, QuizSummaryScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert text_of(app, "#review-answer") == "The right answer: Shikotan, Habomai"


async def test_ordering_and_matching_answered_with_the_mouse() -> None:
    app = make_app(catalog=catalog, seed=SEED)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot)
        screen.progress = screen.progress.__class__(QUIZ, SEED, screen.progress.grades)
        # Skip to the ordering question by answering the first three with keys.
        for question in QUIZ.questions[:3]:
            await answer_by_keys(pilot, question, right=True)
            await pilot.press("n")
            await pilot.pause()
        order = QUIZ.questions[3]
        assert isinstance(order, OrderQuestion)
        items = app.screen.query_one(OrderList)
        for position, item in enumerate(order.items):
            at = items.items.index(item)
            await pilot.click(OrderList, offset=(4, at + 1))  # click the item (under the border)
            for _ in range(at - position):
                await pilot.click("#move-up")
        await pilot.click("#check-answer")
        await pilot.pause()
        assert text_of(app, "#quiz-verdict") == "✓ Right!"
        await pilot.click("#next-question")
        await pilot.pause()
        match = QUIZ.questions[4]
        assert isinstance(match, MatchQuestion)
        shown = show(match, SEED)
        for i, (_, right) in enumerate(match.pairs.items()):
            await pilot.click(f"#match-{i}")
            await pilot.pause()
            select = app.screen.query_one(f"#match-{i}", Select)
            index = list(shown.right).index(right)
            await pilot.click(select, offset=(4, 5 + index))  # the open list below the box
            await pilot.pause()
            assert select.value == right
        await pilot.click("#check-answer")
        await pilot.pause()
        assert text_of(app, "#quiz-verdict") == "✓ Right!"


async def test_the_quiz_list_and_the_timeline_open_a_quote() -> None:
    app = make_app(catalog=check([bundled_root()]), seed=SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
        assert isinstance(app.screen, QuizListScreen)
        listing = app.screen.query_one("#quiz-list", OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert len(prompts) == 6 and all("questions" in p for p in prompts)
        assert any(p.startswith("Treaties and declarations  ·  21 questions") for p in prompts)
        await pilot.press("escape", "t")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert text_of(app, "#timeline-heading") == "1855"
        facts = app.screen.query_one("#timeline-fact", FactPanel).shown_text
        assert "Treaty on Trade and Borders of 1855" in facts and "“" in facts
        await pilot.press("down", "down")
        await pilot.pause()
        assert text_of(app, "#timeline-heading").startswith("1951")
        await pilot.press("escape", "h")
        assert isinstance(app.screen, HelpScreen)


async def test_a_typed_answer_needs_some_text() -> None:
    app = make_app(catalog=catalog, seed=SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_quiz(pilot)
        for question in QUIZ.questions[:5]:
            await answer_by_keys(pilot, question, right=True)
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen.focused, Input)
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.waiting_for_next


async def test_two_questions_of_the_same_type_in_a_row(tmp_path: Path) -> None:
    quiz = "id: twice\ntitle: Twice\nquestions:\n" + "".join(
        f"  - id: q{i}\n    type: choice\n    prompt: Question {i}?\n"
        f'    options: ["1951", "1956"]\n    answer: "1951"\n    facts: [sf-treaty-renounce]\n'
        for i in (1, 2, 3)
    )
    path = tmp_path / "twice.yaml"
    path.write_text(quiz, encoding="utf-8")
    app = make_app(catalog=check([bundled_root(), path]), seed=SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        pilot.app.open_quiz(app.catalog.quizzes["twice"])
        await pilot.pause()
        for _ in range(3):
            await pilot.press("1", "n")
            await pilot.pause()
        assert isinstance(app.screen, QuizSummaryScreen)


async def test_quiz_answers_in_the_app_are_recorded(tmp_path: Path) -> None:
    from game.store.progress import open_store

    app = make_app(catalog=catalog, seed=SEED, store=open_store(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await start_quiz(pilot)
        for question in QUIZ.questions[:2]:
            await answer_by_keys(pilot, question, right=True)
            await pilot.press("n")
            await pilot.pause()
        await app.workers.wait_for_complete()
    store = open_store(tmp_path)
    profile = store.profile()
    assert store.answers(profile) == [
        ("format-example", "sf-year", True, 1.0),
        ("format-example", "declaration-islands", True, 1.0),
    ]
    saved = store.load(profile, "quiz", "format-example")
    assert saved is not None and len(saved["grades"]) == 2 and saved["seed"] == SEED


def the_longest(kind: str) -> Any:
    """The bundled question of a type with the most to show: prompt, options, explanation."""
    questions = [q for quiz in catalog.quizzes.values() for q in quiz.questions]
    return max((q for q in questions if q.type == kind), key=lambda q: len(str(q.model_dump())))


async def test_the_verdict_the_right_answer_and_next_are_in_view_at_80x24() -> None:
    from textual.containers import VerticalScroll
    from textual.widgets import Button

    from game.content.models import Quiz
    from helpers import screen_text

    kinds = ("choice", "multi", "truefalse", "order", "match", "fill")
    longest = Quiz(id="longest", title="The longest", questions=tuple(map(the_longest, kinds)))
    for right in (False, True):
        app = make_app(catalog=catalog, seed=SEED)
        async with app.run_test(size=(80, 24)) as pilot:
            app.open_quiz(longest)
            await pilot.pause()
            for question in longest.questions:
                await answer_by_keys(pilot, question, right=right)
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, QuizScreen) and screen.waiting_for_next
                view = screen.query_one("#quiz-body", VerticalScroll).region
                seen = screen_text(app)
                verdict = text_of(app, "#quiz-verdict")
                assert verdict.startswith("✓ Right!" if right else ("✗ Not", "◐ Partly"))
                assert verdict.splitlines()[0] in seen, question.type
                assert "Next question (N)" in seen, question.type
                in_view = ["#quiz-verdict", "#next-question"] + ([] if right else ["#quiz-right"])
                for part in in_view:
                    assert view.contains_region(screen.query_one(part).region), (question, part)
                if not right:
                    assert "The right answer: " in seen, question.type
                assert screen.focused is screen.query_one("#next-question", Button)
                await pilot.press("n")
                await pilot.pause()
            assert isinstance(app.screen, QuizSummaryScreen)


async def test_number_keys_tick_the_options_of_a_several_answer_question_at_80x24() -> None:
    from game.tui.widgets.multi_answer import TickList
    from helpers import screen_text

    app = make_app(catalog=catalog, seed=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_quiz(pilot)
        await answer_by_keys(pilot, QUIZ.questions[0], right=True)
        await pilot.press("n")
        await pilot.pause()
        multi = QUIZ.questions[1]
        assert isinstance(multi, MultiQuestion)
        shown = show(multi, SEED).options
        numbers = [str(shown.index(o) + 1) for o in multi.answer]
        wrong = next(str(i) for i, o in enumerate(shown, start=1) if o not in multi.answer)
        assert text_of(app, "#quiz-how").startswith("Choose all that apply: an option's number")
        assert "1–9 Tick" in screen_text(app)  # the footer
        # A wrong one ticked and unticked again, the right ones ticked, by their numbers.
        await pilot.press(wrong, wrong, *numbers, "9")  # 9: no such option, nothing ticked
        await pilot.pause()
        ticks = app.screen.query_one(TickList)
        prompts = [str(ticks.get_option_at_index(i).prompt) for i in range(ticks.option_count)]
        assert [p.startswith("[x] ") for p in prompts] == [o in multi.answer for o in shown]
        ticked = [o for o in shown if o in multi.answer]
        assert text_of(app, "#multi-ticked") == "Ticked: " + ", ".join(ticked)
        await pilot.press("c")
        await pilot.pause()
        assert text_of(app, "#quiz-verdict") == "✓ Right!"
        assert "Score 2 of 2" in text_of(app, "#quiz-score")
        assert screen.progress.score == 2


async def test_matching_by_letter_keys_without_opening_a_drop_down_at_80x24(
    tmp_path: Path,
) -> None:
    from textual.widgets import Button

    from game.store.progress import open_store
    from helpers import screen_text

    app = make_app(catalog=catalog, seed=SEED, store=open_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_quiz(pilot)
        for question in QUIZ.questions[:4]:
            await answer_by_keys(pilot, question, right=True)
            await pilot.press("n")
            await pilot.pause()
        match = QUIZ.questions[4]
        assert isinstance(match, MatchQuestion)
        answers = list(show(match, SEED).right)
        letters = ["abcdefgh"[answers.index(right)] for right in match.pairs.values()]
        rows = [app.screen.query_one(f"#match-{i}", Select) for i in range(len(letters))]
        assert app.screen.focused is rows[0]
        assert "press the letter of its match (a, b, c…)" in text_of(app, "#quiz-how")
        assert text_of(app, "#match-letters").splitlines() == [
            f"{letter}. {answer}" for letter, answer in zip("abc", answers, strict=True)
        ]
        # A wrong letter on the first item moves on; Shift+Tab goes back to put it right.
        wrong = next(letter for letter in "abc" if letter != letters[0])
        await pilot.press(wrong)
        await pilot.pause()
        assert rows[0].value == answers["abc".index(wrong)]
        assert app.screen.focused is rows[1]
        await pilot.press("shift+tab", letters[0])
        await pilot.pause()
        assert app.screen.focused is rows[1]
        for i, letter in enumerate(letters[1:], start=1):
            assert app.screen.focused is rows[i]
            await pilot.press(letter)
            await pilot.pause()
        assert not any(row.expanded for row in rows)  # no drop-down was opened
        assert [row.value for row in rows] == list(match.pairs.values())
        seen = screen_text(app)
        for letter, right in zip(letters, match.pairs.values(), strict=True):
            assert f"{letter}. {right}" in seen  # each item shows the match it was given
        assert app.screen.focused is app.screen.query_one("#check-answer", Button)
        await pilot.press("c")
        await pilot.pause()
        assert text_of(app, "#quiz-verdict") == "✓ Right!"
        assert screen.progress.score == 5
        await app.workers.wait_for_complete()
    store = open_store(tmp_path)
    assert store.answers(store.profile())[-1] == ("format-example", "who-is-who", True, 1.0)
