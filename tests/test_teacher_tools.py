"""Teacher tooling: scaffolds that validate, explore clean and play; the editor schema;
the remembered content folder; "yours" in the app; and the live preview (`--watch`)."""

import json
from pathlib import Path

import pytest
from textual.widgets import OptionList

from game.analysis import explore
from game.cli import main
from game.content.catalog import check
from game.content.models import KINDS
from game.content.paths import bundled_root
from game.quiz import grade
from game.testing import check_exploration, check_scenario
from game.tui import make_app
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.file_errors import FileErrorsScreen
from game.tui.screens.play import PlayScreen
from helpers import screen_text, the_right_answer


@pytest.fixture
def teacher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new teacher's working folder, with settings of their own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TREATY_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path


def test_a_new_scenario_and_quiz_validate_explore_clean_and_play(
    teacher: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "scenario", "first-talks"]) == 0
    assert main(["new", "quiz", "my-quiz"]) == 0
    out = capsys.readouterr().out
    folder = teacher / "treaty-content"
    scenario_file = folder / "scenarios" / "first-talks.yaml"
    assert "Created treaty-content/scenarios/first-talks.yaml" in out
    assert "treaty play treaty-content/scenarios/first-talks.yaml --watch" in out
    assert f"The game now includes your folder {folder} every time" in out
    # Editors: the first line names the schema, which is there.
    first_line = scenario_file.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schemas/scenario.schema.json"
    assert (folder / "schemas" / "scenario.schema.json").is_file()
    assert (
        (folder / "quizzes" / "my-quiz.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=../schemas/quiz.schema.json\n")
    )
    # Valid, with no warning either; explores clean; random games find no flaw.
    assert main(["validate", "treaty-content"]) == 0
    catalog = check([bundled_root(), folder])
    assert catalog.problems == []
    scenario = catalog.scenarios["first-talks"]
    result = explore(scenario)
    check_exploration(result)  # no soft-lock, trap or loop; every ending reachable
    assert result.never_enabled == [] and result.unreachable_scenes == []
    check_scenario(scenario)
    quiz = catalog.quizzes["my-quiz"]
    assert all(grade(q, the_right_answer(q)).right for q in quiz.questions)
    # Remembered: `treaty list` shows them with nothing typed.
    capsys.readouterr()
    assert main(["list"]) == 0
    listed = capsys.readouterr().out
    assert "first-talks" in listed and "my-quiz" in listed


def test_a_new_file_never_overwrites_and_names_are_checked(
    teacher: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "scenario", "talks"]) == 0
    path = teacher / "treaty-content" / "scenarios" / "talks.yaml"
    path.write_text("# my work\n", encoding="utf-8")
    assert main(["new", "scenario", "talks"]) == 2
    assert "already exists; choose another name (nothing was changed)" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "# my work\n"
    assert main(["new", "quiz", "My Quiz"]) == 2
    err = capsys.readouterr().err
    assert (
        "`My Quiz` cannot be a name: use small letters, digits and hyphens, like `my-quiz`" in err
    )


def test_the_plain_game_plays_a_new_scenario_at_once(
    teacher: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    assert main(["new", "scenario", "first-talks"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n1\n"))
    assert main(["play", "first-talks", "--plain"]) == 0
    assert "Faster talks" in capsys.readouterr().out


def test_schema_out_writes_the_three_schemas(teacher: Path) -> None:
    assert main(["schema", "--out", "schemas"]) == 0
    for kind, model in KINDS.items():
        written = json.loads((teacher / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
        assert written == model.model_json_schema(by_alias=True)


def test_config_remembers_and_forgets_a_folder(
    teacher: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = teacher / "my-scenarios"
    assert main(["config", "--content", str(mine)]) == 2  # not a folder yet
    mine.mkdir()
    assert main(["config", "--content", str(mine)]) == 0
    assert f"your content folder: {mine} (included every time)" in capsys.readouterr().out
    assert main(["new", "quiz", "review-week"]) == 0  # into the remembered folder
    assert (mine / "quizzes" / "review-week.yaml").is_file()
    assert main(["config", "--no-content"]) == 0
    assert "your content folder: none" in capsys.readouterr().out
    capsys.readouterr()
    main(["list"])
    assert "review-week" not in capsys.readouterr().out


async def test_the_app_lists_a_teachers_scenario_as_theirs(teacher: Path) -> None:
    assert main(["new", "scenario", "first-talks"]) == 0
    app = make_app(content=[str(teacher / "treaty-content")])
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        listing = app.screen.query_one("#scenario-list", OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        mine = [p for p in prompts if "First talks" in p]
        assert len(mine) == 1 and " yours " in mine[0]
        assert sum(" yours " in p for p in prompts) == 1  # the game's own are not marked


async def test_watch_shows_a_broken_file_then_plays_on_once_it_is_fixed(teacher: Path) -> None:
    assert main(["new", "scenario", "first-talks"]) == 0
    path = teacher / "treaty-content" / "scenarios" / "first-talks.yaml"
    good = path.read_text(encoding="utf-8")
    app = make_app(watch=path)
    async with app.run_test(size=(100, 30)) as pilot:

        async def saved(text: str) -> None:
            path.write_text(text, encoding="utf-8")
            app.check_watched()  # what the app's half-second timer does
            await app.workers.wait_for_complete()
            await pilot.pause()

        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter", "1")  # begin; propose the declaration
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.screen.state.scene == "answer"
        place = app.screen.state

        await saved(good.replace("goto: no-progress", "goto: no-progres"))  # a typo
        assert isinstance(app.screen, FileErrorsScreen)
        shown = app.screen.problems
        assert len(shown) == 1
        assert shown[0].startswith(f"{path}:")
        assert "`goto: no-progres` names no scene or ending" in shown[0]
        assert "did you mean `no-progress`?" in shown[0]

        await saved(good.replace("considers your proposal.", "weighs your proposal."))
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.state == place  # the same scene, meters and flags
        assert "weighs your proposal." in screen_text(app)
        await pilot.press("1")  # plays on to an ending
        await pilot.pause()
        assert app.screen.__class__.__name__ == "EndingScreen"


async def test_watch_reloads_when_the_teachers_facts_file_is_fixed(teacher: Path) -> None:
    assert main(["new", "scenario", "first-talks"]) == 0
    folder = teacher / "treaty-content"
    path = folder / "scenarios" / "first-talks.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    facts: [japan-claims-four, no-peace-treaty]\n    choices:",
            "    facts: [japan-claims-four, my-fact]\n    choices:",
        ),
        encoding="utf-8",
    )
    app = make_app(watch=path)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, FileErrorsScreen)
        assert "`my-fact`" in app.screen.problems[0]
        # The teacher adds the fact to their own fact base; the scenario is not touched.
        (folder / "sources" / "facts.yaml").write_text(
            "facts:\n"
            "  my-fact:\n"
            "    text: Japan claims four islands.\n"
            "    source: tass-2019-02-25\n"
            "    quote: Japan laid claims to the four southern islands.\n",
            encoding="utf-8",
        )
        app.check_watched()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
