"""Progress in the app, driven with Pilot as a student would: who is playing, Continue for
a quiz, a saved game that no longer fits its file, and a disk that stops taking saves."""

import sqlite3
from pathlib import Path

from textual.widgets import OptionList, Static

from game.content.catalog import check
from game.content.paths import bundled_root
from game.engine import apply_choice, start
from game.quiz import QuizProgress, grade
from game.store.games import save_play, save_quiz
from game.store.progress import DB_NAME, open_store
from game.tui import make_app
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.home import HomeScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.profiles import ProfileScreen
from game.tui.screens.quiz import QuizScreen
from helpers import screen_text, the_right_answer

DATA = Path(__file__).parent / "data"
CATALOG = check(
    [bundled_root() / "sources", DATA / "golden-scenario.yaml", DATA / "format-quiz.yaml"]
)
GOLDEN = CATALOG.scenarios["golden-scenario"]
QUIZ = CATALOG.quizzes["format-example"]


def menu_items(app: object) -> list[str]:
    from textual.app import App

    assert isinstance(app, App)
    menu = app.screen.query_one("#home-menu", OptionList)
    return [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]


async def test_a_student_adds_their_name_then_continues_their_quiz(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    anna = store.profile("Anna")
    progress = QuizProgress(QUIZ, 7)
    question = progress.question
    progress = progress.answered(grade(question, the_right_answer(question)))
    save_quiz(store, anna, progress, question.id, the_right_answer(question), 4.0)
    store.close()

    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        items = menu_items(app)
        assert not any(item.startswith("Continue") for item in items)  # not Anna's place
        assert any("playing as default" in item for item in items)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        # A new name is typed straight away (the box has the keys), then Enter.
        await pilot.press(*"Ben", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("playing as Ben" in item for item in menu_items(app))
        # Back to Anna by picking her name from the list: p, ↑/↓ to her, Enter.
        await pilot.press("p")
        await pilot.pause()
        names = app.screen.query_one("#profile-list", OptionList)
        assert [str(names.get_option_at_index(i).prompt) for i in range(3)] == [
            "Anna",
            "Ben  (playing now)",
            "default",
        ]
        await pilot.press("down", "enter")  # into the list, on its first name: Anna
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        items = menu_items(app)
        total = len(QUIZ.questions)
        assert items[0] == f"Continue   ·  Quiz: {QUIZ.title} (question 2 of {total})"
        assert any("playing as Anna" in item for item in items)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        status = str(app.screen.query_one("#quiz-score", Static).render())
        assert status == f"Question 2 of {total}  ·  Score 1 of 1"
        shown = str(app.screen.query_one("#quiz-prompt", Static).render())
        assert shown == " ".join(QUIZ.questions[1].prompt.split())
    again = open_store(tmp_path)
    assert sorted(again.profiles()) == ["Anna", "Ben", "default"]


async def test_a_saved_game_that_no_longer_fits_its_scenario_starts_again(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path)
    profile = store.profile()
    # Saved by an earlier version of the file, with a scene this one does not have.
    store.save(profile, "scenario", GOLDEN.id, {"path": [["opening", 1], ["gone", 2]]})
    store.close()
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert menu_items(app)[0] == (f"Continue   ·  {GOLDEN.title} (file changed: start again)")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert any("has changed since it was saved" in n.message for n in app._notifications)
        await app.workers.wait_for_complete()
    assert open_store(tmp_path).load(profile, "scenario", GOLDEN.id) is None


async def test_a_disk_that_stops_taking_saves_is_said_once_and_play_goes_on(
    tmp_path: Path,
) -> None:
    open_store(tmp_path).close()
    store = open_store(tmp_path)
    # As a read-only medium presents the file: every write is refused.
    store.connection = sqlite3.connect(
        f"file:{tmp_path / DB_NAME}?mode=ro", uri=True, check_same_thread=False
    )
    app = make_app(catalog=CATALOG, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_briefing(GOLDEN)
        await pilot.pause()
        await pilot.press("enter", "1")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.state == apply_choice(GOLDEN, start(GOLDEN), 1)
        warnings = [n.message for n in app._notifications if "cannot be saved" in n.message]
        assert len(warnings) == 1 and "play goes on without saving" in warnings[0]


async def test_progress_and_review_after_a_scripted_history(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from game.engine import available_choices
    from game.store.games import save_play
    from game.tui.screens.progress import ProgressScreen
    from game.tui.widgets.meter_chart import spark

    store = open_store(tmp_path)
    profile = store.profile()
    days_ago = datetime.now(UTC) - timedelta(days=2)
    # The format quiz twice: first with only its first question right, then all right.
    for attempt, right_ones in enumerate((1, len(QUIZ.questions))):
        progress = QuizProgress(QUIZ, attempt)
        while not progress.finished:
            question = progress.question
            answer = the_right_answer(question) if progress.index < right_ones else "nope"
            progress = progress.answered(grade(question, answer))
            when = days_ago + timedelta(hours=attempt)
            save_quiz(store, profile, progress, question.id, answer, 3.0, now=when)
    # The golden scenario played to an ending by always taking the first choice open.
    state = start(GOLDEN)
    while not state.ended:
        state = apply_choice(
            GOLDEN, state, next(c.number for c in available_choices(GOLDEN, state) if c.enabled)
        )
        save_play(store, profile, GOLDEN.id, state)
    reached = GOLDEN.endings[state.scene]
    store.close()

    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        items = menu_items(app)
        # Each question missed once was due again minutes later, and that was two days ago;
        # the ones right both times are not due yet.
        missed_once = len(QUIZ.questions) - 1
        assert f"Review     ·  {missed_once} questions due to come back" in items
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        shown = screen_text(app)
        total = len(GOLDEN.endings)
        assert f"{GOLDEN.title}  ·  1 of {total} endings found" in shown
        badge = "HISTORICAL" if reached.kind == "historical" else "COUNTERFACTUAL"
        assert f" {badge}  {reached.title}" in shown
        n = len(QUIZ.questions)
        assert f"{QUIZ.title}  ·  best {n} of {n}  ·  latest {n} of {n}  ·  taken 2 times" in shown
        first = round(100 * store_first_score(tmp_path) / n)
        assert f"scores over time: {spark([first, 100], 0, 100)}  {first}% → 100%" in shown
        assert shown.count("missed 1 of 2  ") == missed_once
        assert f"{missed_once} questions due for review now: press R to review them." in shown
        # R: the review quiz of what is due, recorded under the module it comes from.
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.progress.quiz.title == "Review due"
        assert len(app.screen.progress.quiz.questions) == missed_once
        assert str(app.screen.query_one("#quiz-prompt", Static).render()) == " ".join(
            QUIZ.questions[1].prompt.split()
        )


def store_first_score(folder: Path) -> float:
    store = open_store(folder)
    return store.quiz_runs(store.profile())[0][1]


def test_the_small_charts_keep_a_fixed_scale() -> None:
    from game.tui.widgets.meter_chart import spark

    assert spark([0, 50, 100], 0, 100) == "▁▅█"
    assert spark([60, 61], 0, 100) == "▅▅"  # a small change looks small
    assert spark([-5, 105], 0, 100) == "▁█"  # out of range is clamped
    assert spark([3], 3, 3) == "▁"


async def test_opening_a_game_left_part_way_asks_to_continue_or_start_again(
    tmp_path: Path,
) -> None:
    from game.tui.screens.resume import ResumeScreen

    store = open_store(tmp_path)
    profile = store.profile()
    state = apply_choice(GOLDEN, start(GOLDEN), 1)
    save_play(store, profile, GOLDEN.id, state)
    progress = QuizProgress(QUIZ, 3)
    question = progress.question
    progress = progress.answered(grade(question, the_right_answer(question)))
    save_quiz(store, profile, progress, question.id, the_right_answer(question))
    store.close()

    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        # From the scenario list (not Continue): asked first; Continue goes back into play
        # with the whole path behind it, so the ending's chart starts at the start.
        app.open_briefing(GOLDEN)
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert "You left this part-way (1 choice made)." in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.state == state
        assert app.screen.history == [start(GOLDEN), state]
        app.pop_screen()
        await pilot.pause()
        # The quiz: starting again forgets the saved place, and begins at question 1.
        app.open_quiz(QUIZ)
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.progress.index == 0
        await app.workers.wait_for_complete()
    again = open_store(tmp_path)
    assert again.load(again.profile(), "quiz", QUIZ.id) is None
    assert again.load(again.profile(), "scenario", GOLDEN.id) is not None


async def test_a_name_typed_in_other_capitals_is_the_same_student(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.profile("Maria")
    store.close()
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*" maria ", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.profile_name == "Maria"
    assert sorted(open_store(tmp_path).profiles()) == ["Maria", "default"]


async def test_progress_scrolls_from_the_keyboard_at_once_at_80x24(tmp_path: Path) -> None:
    from textual.containers import VerticalScroll

    from game.tui.screens.progress import ProgressScreen

    # Every bundled scenario and quiz: more than fits at 80×24.
    app = make_app(catalog=check([bundled_root()]), store=open_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        body = app.screen.query_one("#progress", VerticalScroll)
        assert body.max_scroll_y > 0
        assert "due for review now" not in screen_text(app)
        # No Tab: the keys read on straight away, and the last line comes into view.
        await pilot.press("down")
        await pilot.pause()
        assert body.scroll_y == 1
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 1
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert "0 questions due for review now." in screen_text(app)
        await pilot.press("pageup", "home")
        await pilot.pause()
        assert body.scroll_y == 0
        assert "Scenarios: the endings you have found" in screen_text(app)
        await pilot.press("up")
        await pilot.pause()
        assert body.scroll_y == 0
