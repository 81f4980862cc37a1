"""How the app is put together: the session `make_app` builds and hands down, the
messages screens send up, the one handler of worker failures, and the live preview that
replaces the catalog rather than changing it."""

import ast
from pathlib import Path
from typing import Any

import pytest

import game.tui
from game.content.catalog import Catalog, check
from game.content.paths import bundled_root
from game.engine import apply_choice, start
from game.store.progress import open_store
from game.tui import make_app
from game.tui.messages import ChoiceMade, Navigate, OpenScenario, Place
from game.tui.preview import with_scenario
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.resume import Resume, ResumeScreen
from game.tui.screens.scenarios import ScenarioListScreen
from game.tui.session import Session
from helpers import SCENARIO, write

DATA = Path(__file__).parent / "data"
CATALOG: Catalog = check([bundled_root() / "sources", DATA / "golden-scenario.yaml"])
GOLDEN = CATALOG.scenarios["golden-scenario"]
TUI = Path(game.tui.__file__).parent


def test_make_app_builds_the_session_from_its_parts(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    app = make_app(catalog=CATALOG, seed=5, store=store, profile="Anna", data_dir=tmp_path)
    session = app.session
    assert isinstance(session, Session)
    assert (session.seed, session.store, session.profile_name) == (5, store, "Anna")
    assert session.profile_id == store.profile("Anna")
    assert session.catalog is CATALOG and session.data_dir == tmp_path
    assert isinstance(make_app().session.seed, int)  # a seed of its own when none is given


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize(
    "path",
    sorted([*(TUI / "screens").glob("*.py"), *(TUI / "widgets").glob("*.py")]),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_no_screen_or_widget_imports_the_app(path: Path) -> None:
    assert not imported_modules(path) & {"game.tui.app", "game.tui"}
    assert "treaty_app" not in path.read_text(encoding="utf-8")


def test_every_module_of_the_app_is_short_enough_to_read_in_one_sitting() -> None:
    long = {
        str(p.relative_to(TUI)): n
        for p in TUI.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


async def test_screens_ask_the_app_with_messages() -> None:
    app = make_app(catalog=CATALOG)
    asked: list[object] = []
    post = app.post_message

    def spy(message: Any) -> bool:
        if type(message).__module__ == "game.tui.messages":
            asked.append(message)
        return post(message)

    app.post_message = spy  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s")  # Scenarios, from home
        await pilot.pause()
        assert asked == [Navigate(Place.SCENARIOS)]
        assert isinstance(app.screen, ScenarioListScreen)  # opened by the app
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(asked[-1], OpenScenario) and asked[-1].scenario is GOLDEN
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter", "1")
        await pilot.pause()
        assert asked[-1] == ChoiceMade(GOLDEN.id, apply_choice(GOLDEN, start(GOLDEN), 1))


async def test_a_save_that_fails_is_said_and_play_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import game.store.games

    def broken(*args: Any) -> None:
        raise OSError("the disk is full")

    monkeypatch.setattr(game.store.games, "save_play", broken)
    app = make_app(catalog=CATALOG, store=open_store(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_briefing(GOLDEN)
        await pilot.pause()
        await pilot.press("enter", "1")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, PlayScreen)
        said = [n.message for n in app._notifications]
        assert said == ["Your progress could not be saved: the disk is full"]
        await pilot.press("1")  # and play goes on
        await pilot.pause()
        assert app.screen.__class__.__name__ == "EndingScreen"


async def test_resume_answers_with_an_enum() -> None:
    app = make_app(catalog=CATALOG)
    answers: list[Resume | None] = []
    async with app.run_test(size=(100, 30)) as pilot:
        for keys in (["enter"], ["down", "enter"], ["escape"]):
            app.push_screen(ResumeScreen("A test", "1 choice made"), answers.append)
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
    assert answers == [Resume.CONTINUE, Resume.RESTART, None]


def test_the_live_preview_replaces_the_catalog_and_leaves_the_old_one_as_it_was(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "mine.yaml", SCENARIO.replace("The talks begin.", "They begin."))
    loaded = check([bundled_root() / "sources", path])
    scenario = loaded.scenarios["test-scenario"]
    before = {name: dict(getattr(CATALOG, name)) for name in ("scenarios", "facts", "sources")}
    files = dict(CATALOG.scenario_files)
    after = with_scenario(CATALOG, loaded, scenario, path)
    assert after is not CATALOG
    assert (
        after.scenarios["test-scenario"] is scenario and after.scenario_files[scenario.id] == path
    )
    assert after.scenarios["golden-scenario"] is GOLDEN
    assert {name: dict(getattr(CATALOG, name)) for name in before} == before
    assert CATALOG.scenario_files == files and "test-scenario" not in CATALOG.scenarios


async def test_a_watched_file_reloads_through_the_catalog_reactive(tmp_path: Path) -> None:
    path = write(tmp_path, "scenarios/mine.yaml", SCENARIO)
    app = make_app(catalog=CATALOG, watch=path)
    seen: list[Catalog | None] = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.watch(app, "catalog", lambda catalog: seen.append(catalog), init=False)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        first = app.catalog
        assert first is not None and first is not CATALOG
        assert "test-scenario" not in CATALOG.scenarios
        path.write_text(SCENARIO.replace("The talks begin.", "They begin."), encoding="utf-8")
        app.check_watched()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.catalog is not first and app.session.catalog is app.catalog
        assert first.scenarios["test-scenario"].scenes["opening"].text == "The talks begin."
        assert app.catalog.scenarios["test-scenario"].scenes["opening"].text == "They begin."
        assert seen[-1] is app.catalog


async def test_the_palette_opens_places_through_the_app() -> None:
    from game.tui.screens.timeline import TimelineScreen

    app = make_app(catalog=CATALOG)
    async with app.run_test(size=(100, 30)) as pilot:
        [timeline] = [c for c in app.get_system_commands(app.screen) if c.title == "Timeline"]
        timeline.callback()
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
