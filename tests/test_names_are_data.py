"""Names are data, never markup: a student's name, a teacher's title or a file name that
looks like Rich or Textual markup (`[/]`, `[red]bob[/red]`) is shown exactly as typed, on
every screen and in the teacher's report, and breaks nobody's game."""

from __future__ import annotations

import contextlib
import functools
import io
import os
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inprocess import run_game

from game.cli import main
from game.content.catalog import Catalog, check
from game.content.paths import bundled_root
from game.store.progress import open_store
from game.tui import make_app
from game.tui.screens.ending import EndingScreen
from game.tui.screens.home import HomeScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.profiles import ProfileScreen, clean_name
from game.tui.screens.quiz import QuizScreen
from helpers import QUIZ, SCENARIO, screen_text, write

NASTY = ["[/]", "[red]bob[/red]", "[@click=app.quit]x[/]"]


def _content(folder: Path, mark: str) -> Catalog:
    """A scenario and a quiz whose every title and text carries `mark`."""
    scenario = (
        SCENARIO.replace("title: A test", f"title: 'A test {mark}'")
        .replace("text: The talks begin.", f"text: 'The talks begin {mark}.'")
        .replace("- text: Propose the 1956 declaration", f"- text: 'Propose {mark}'")
        .replace("label: Trust", f"label: 'Trust {mark}'")
        .replace("title: A framework", f"title: 'A framework {mark}'")
        .replace("text: Agreement.", f"text: 'Agreement {mark}.'")
    )
    quiz = (
        QUIZ.replace("title: A test quiz", f"title: 'A test quiz {mark}'")
        .replace("prompt: In which year?", f"prompt: 'In which year {mark}?'")
        .replace('options: ["1951", "1956"]', f"options: ['1951 {mark}', '1956']")
        .replace('answer: "1951"', f"answer: '1951 {mark}'")
    )
    catalog = check(
        [
            bundled_root() / "sources",
            write(folder / "scenarios", "test-scenario.yaml", scenario),
            write(folder / "quizzes", "test-quiz.yaml", quiz),
        ]
    )
    assert not catalog.errors, catalog.errors
    return catalog


def _report(data: Path) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), mock.patch.dict(os.environ, {"COLUMNS": "200"}):
        assert main(["report", "--data-dir", str(data)]) == 0
    return out.getvalue()


@pytest.mark.parametrize("nasty", NASTY)
async def test_markup_in_names_and_titles_is_shown_as_typed_everywhere(
    tmp_path: Path, nasty: str
) -> None:
    catalog = _content(tmp_path / "content", nasty)
    data = tmp_path / "data"
    store = open_store(data)
    store.profile("[/]")  # another student, already on this machine, with a hostile name
    app = make_app(catalog=catalog, store=store, profile=nasty)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert nasty in screen_text(app)
        await pilot.press("p")
        assert isinstance(app.screen, ProfileScreen)
        assert "[/]" in screen_text(app) and nasty in screen_text(app)
        await pilot.press("escape")
        await pilot.press("s")
        assert f"A test {nasty}" in screen_text(app)
        await pilot.press("enter")
        assert f"A test {nasty}" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, PlayScreen)
        text = screen_text(app)
        assert f"Propose {nasty}" in text and f"Trust {nasty}" in text
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert f"A framework {nasty}" in screen_text(app)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("g")
        assert f"A test {nasty}" in screen_text(app)
        await pilot.press("escape", "q")
        assert f"A test quiz {nasty}" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, QuizScreen)
        await pilot.pause()
        text = screen_text(app)
        assert f"In which year {nasty}?" in text and f"1951 {nasty}" in text
        await pilot.press("escape", "escape")
        await pilot.press("ctrl+p")  # the command palette lists the teacher's titles too
        await pilot.press(*"play")
        await pilot.pause()
        await pilot.pause()
        assert f"Play: A test {nasty}" in screen_text(app)
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    report = _report(data)
    assert nasty in report


@functools.cache
def _bundled() -> Catalog:
    return check([bundled_root()])


_names = st.text(alphabet=st.sampled_from(list("[]/\\@=$#:ab ")), min_size=1, max_size=14).filter(
    lambda typed: clean_name(typed) is not None
)


@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_names)
async def test_any_name_is_listed_as_typed_for_every_student(tmp_path: Path, typed: str) -> None:
    name = clean_name(typed)
    assert name is not None
    data = tmp_path / f"data-{abs(hash(typed))}"
    store = open_store(data)
    store.record_answer(store.profile(name), "treaties", "sf-year", typed, False, 0.0)
    app = make_app(catalog=_bundled(), store=store, profile="Anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, ProfileScreen)
        assert name in screen_text(app)
        await pilot.press("ctrl+q")
    assert name in _report(data)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("evil\x1b]2;PWNED\x07\x1b[2Jname", "evil ]2;PWNED [2Jname"),
        ("Ann\u202eeel", "Ann eel"),
        ("Ann\nLee", "Ann Lee"),
        ("  Ann \t Lee ", "Ann Lee"),
        ("x" * 5000, "x" * 40),
        ("\u200b\u2028\x00", None),
    ],
)
def test_a_name_never_carries_terminal_codes_or_invisible_characters(
    typed: str, kept: str | None
) -> None:
    from game.store.progress import profile_name

    assert profile_name(typed) == kept


def test_the_store_the_report_and_the_command_line_keep_names_clean(tmp_path: Path) -> None:
    data = tmp_path / "data"
    evil = "evil\x1b]2;PWNED\x07\x1b[2Jname"
    result = run_game(
        ["quiz", "treaties", "--plain", "--profile", evil, "--data-dir", str(data), "--seed", "1"],
        cwd=tmp_path,
        stdin="1\n",
    )
    assert result.returncode == 0, result.stderr
    store = open_store(data)
    assert store.profiles() == ["evil ]2;PWNED [2Jname"]
    # A name written by hand (or by an older game) is shown clean too.
    store.connection.execute("INSERT INTO profiles (name, created) VALUES (?, 'x')", (evil + "2",))
    store.connection.commit()
    assert "\x1b" not in "".join(store.profiles())
    store.record_answer(store.profile("Ann"), "treaties", "q", "1", True, 1.0)
    store.close()
    report = _report(data)
    assert "\x1b" not in report and "\x07" not in report
    refused = run_game(
        ["list", "--profile", " \u200b "],
        cwd=Path.cwd(),
    )
    assert refused.returncode == 2
    assert "--profile needs a name" in refused.stderr
