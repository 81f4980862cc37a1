"""How the screens whose look matters look, at 100x30 (pytest-textual-snapshot).

Regenerate after a deliberate change with: pytest tests/test_snapshots.py --snapshot-update
"""

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from game.content.catalog import check
from game.content.paths import bundled_root
from game.quiz import QuizProgress, grade
from game.store.progress import open_store
from game.tui import make_app
from game.tui.screens.quiz import QuizScreen
from game.tui.screens.quiz_summary import QuizSummaryScreen
from game.tui.widgets.answered import Answered
from helpers import the_right_answer

SIZE = (100, 30)


DATA = Path(__file__).parent / "data"


def app() -> Any:
    # A fixed scenario beside the bundled fact base, so that new bundled scenarios do not
    # change these pictures.
    return make_app(catalog=check([bundled_root() / "sources", DATA / "golden-scenario.yaml"]))


def test_home(snap_compare: Any, tmp_path: Path) -> None:
    # As students see it: with their progress store, so with Review, Progress and Student.
    home = make_app(
        catalog=check([bundled_root() / "sources", DATA / "golden-scenario.yaml"]),
        store=open_store(tmp_path),
    )
    assert snap_compare(home, terminal_size=SIZE)


def test_play(snap_compare: Any) -> None:
    assert snap_compare(app(), press=["enter", "enter", "enter"], terminal_size=SIZE)


def test_play_after_a_choice(snap_compare: Any) -> None:
    assert snap_compare(app(), press=["enter", "enter", "enter", "1"], terminal_size=SIZE)


def test_ending(snap_compare: Any) -> None:
    assert snap_compare(app(), press=["enter", "enter", "enter", "1", "1"], terminal_size=SIZE)


# --- Quizzes and the timeline ---------------------------------------------------------

FORMAT_QUIZ = DATA / "format-quiz.yaml"


def quiz_app() -> Any:
    return make_app(
        catalog=check([bundled_root() / "sources", DATA / "golden-scenario.yaml", FORMAT_QUIZ]),
        seed=1,
    )


def at_question(index: int, answer_it: bool = False) -> Any:
    """Open the example quiz at question `index` (0-5: one of each type)."""

    async def run_before(pilot: Any) -> None:
        app = pilot.app
        quiz = app.catalog.quizzes["format-example"]
        app.open_quiz(quiz)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        grades = tuple(grade(q, the_right_answer(q)) for q in quiz.questions[:index])
        screen.progress = QuizProgress(quiz, 1, grades)
        screen.show_question()
        await pilot.pause()
        if answer_it:
            screen.post_message(Answered(the_right_answer(quiz.questions[index])))
            await pilot.pause()
        # A steady cursor where the student types: a blinking one (every 0.5 s) is shown
        # or not depending on how long the picture took, on a machine under load.
        for typed in screen.query(Input):
            typed.cursor_blink = False
            if typed.has_focus:
                screen.set_focus(None)
                typed.focus()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize(
    "index", range(6), ids=["choice", "multi", "truefalse", "order", "match", "fill"]
)
def test_quiz_question_types(snap_compare: Any, index: int) -> None:
    assert snap_compare(quiz_app(), run_before=at_question(index), terminal_size=SIZE)


def test_quiz_feedback(snap_compare: Any) -> None:
    assert snap_compare(quiz_app(), run_before=at_question(0, answer_it=True), terminal_size=SIZE)


def test_quiz_summary(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        app = pilot.app
        quiz = app.catalog.quizzes["format-example"]
        grades = tuple(
            grade(q, the_right_answer(q) if i % 2 else "wrong")
            for i, q in enumerate(quiz.questions)
        )
        app.push_screen(QuizSummaryScreen(QuizProgress(quiz, 1, grades)))
        await pilot.pause()

    assert snap_compare(quiz_app(), run_before=run_before, terminal_size=SIZE)


def test_timeline(snap_compare: Any) -> None:
    assert snap_compare(app(), press=["t", "down", "down"], terminal_size=SIZE)


# --- A scenario's own map and topics, or no map (issue 33) ---------------------------

HARBOUR_TOWN = Path(__file__).resolve().parent.parent / "examples" / "harbour-town"


def test_map_topics_harbour_play(snap_compare: Any) -> None:
    harbour = make_app(catalog=check([bundled_root() / "sources", HARBOUR_TOWN]))
    assert snap_compare(harbour, press=["enter", "enter", "enter"], terminal_size=SIZE)


def test_map_topics_no_map_play(snap_compare: Any, tmp_path: Path) -> None:
    from helpers import SCENARIO, write

    plain = write(tmp_path, "scenarios/test-scenario.yaml", SCENARIO)
    no_map = make_app(catalog=check([bundled_root() / "sources", plain]))
    assert snap_compare(no_map, press=["enter", "enter", "enter"], terminal_size=SIZE)


def test_every_stored_picture_belongs_to_a_test() -> None:
    # syrupy reports a picture no test uses only when one process runs every test; the
    # suite runs on several (pytest-xdist), so this test keeps stale pictures out.
    tests = {
        name: function
        for name, function in globals().items()
        if name.startswith("test_") and "snap_compare" in function.__code__.co_varnames
    }
    folder = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
    stale = []
    for picture in folder.iterdir():
        name, _, param = picture.stem.partition("[")
        marks = [m for m in getattr(tests.get(name), "pytestmark", []) if m.name == "parametrize"]
        ids = [str(i) for m in marks for i in m.kwargs.get("ids") or ()]
        if name not in tests or bool(param) != bool(marks) or (ids and param[:-1] not in ids):
            stale.append(picture.name)
    assert stale == []


# --- Two delegations at one table, hot-seat (issue 34) --------------------------------


def test_tableplay_pass_the_keyboard(snap_compare: Any, tmp_path: Path) -> None:
    # `treaty play two-towns --player ...` at 80×24: the main app at the table, at the
    # curtain before Millbrook's council moves: whose turn it is, and nothing of either
    # side's brief, private meters or sealed move.
    app = make_app(
        catalog=check([Path(__file__).parent / "fixtures" / "two-towns.yaml"]),
        store=open_store(tmp_path),
        start_scenario="two-towns",
        players={"riverton": "Ann", "millbrook": "Ben"},
    )
    assert snap_compare(app, press=["enter", "2", "enter"], terminal_size=(80, 24))


def test_tableplay_a_sides_turn(snap_compare: Any, tmp_path: Path) -> None:
    # Millbrook's turn at 80×24, move 2 picked but not played: its meters on the line at
    # the top, the keys in the footer, what Enter will play under the moves.
    app = make_app(
        catalog=check([Path(__file__).parent / "fixtures" / "two-towns.yaml"]),
        store=open_store(tmp_path),
        start_scenario="two-towns",
        players={"riverton": "Ann", "millbrook": "Ben"},
    )
    assert snap_compare(app, press=["enter", "2", "enter", "enter", "2"], terminal_size=(80, 24))
