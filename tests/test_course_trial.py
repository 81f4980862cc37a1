"""What a teacher's trial of the harbour-town course found (issue 33), each checked as the
teacher or a student would notice it: one town name, the years on Home, the empty quiz
list, help that names only what there is, whose words an invented record is, the
gradebook's columns, `treaty validate`'s count, where `treaty import` writes, the map's key
at 80x24, and a briefing's sources. Then the issue's "Done when", walked as a teacher
would: every screen of the course, in the app and in plain text, without a word of the
game's own subject; a packed file emailed to a colleague, checked, played and imported."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList

from game.cli import main
from game.content.catalog import check
from game.content.models import MapPicture
from game.content.only import OnlyFolders, load_content
from game.tui import make_app
from game.tui.screens.briefing import SCENES_QUOTE, BriefingScreen
from game.tui.screens.ending import EndingScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.home import HomeScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.progress import ProgressScreen
from game.tui.screens.quiz_list import NO_QUIZZES, QuizListScreen
from game.tui.screens.scenarios import ScenarioListScreen
from game.tui.screens.timeline import TimelineScreen
from game.tui.widgets.fact_list import NO_FACTS
from helpers import screen_text

ROOT = Path(__file__).resolve().parent.parent
HARBOUR = ROOT / "examples" / "harbour-town"
GUIDE = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
THE_GAMES_OWN = re.compile(
    r"kuril|russia|japan|1855|2019|2020|tass|inforos|hokkaido|iturup|kunashir|shikotan|"
    r"habomai|moscow|tokyo|singapore",
    re.IGNORECASE,
)
"""Words (and years) of the game's own subject, which the harbour course never shows."""
RECORD = "the harbour record invented for this course"
"""The publisher of the course's one source, as its fact file gives it."""


def _none_of_the_games_own(text: str, where: str) -> None:
    found = THE_GAMES_OWN.findall(text)
    assert found == [], f"{found} on {where}:\n{text}"


# --- 1. One town name -------------------------------------------------------------------


def test_the_second_town_has_one_name_in_every_file_the_guide_and_the_map() -> None:
    for path in HARBOUR.rglob("*.yaml"):
        assert "southport" not in path.read_text(encoding="utf-8").casefold(), path
    assert "Southport" not in GUIDE and "SOUTHPORT" not in GUIDE
    catalog = load_content(OnlyFolders([str(HARBOUR)]))
    harbour = catalog.scenarios["harbour"]
    assert isinstance(harbour.map, MapPicture)
    assert "Southbay" in harbour.map.places
    row, column = harbour.map.places["Southbay"]
    assert harbour.map.picture.splitlines()[row][column:].startswith("SOUTHBAY")
    assert catalog.course is not None and "Southbay" in catalog.course.introduction


# --- 2, 3, 5, 9, 10 and the walk: every screen of the course in the app ----------------


async def _loaded(app: object, pilot: object) -> None:
    from textual.app import App
    from textual.pilot import Pilot

    assert isinstance(app, App) and isinstance(pilot, Pilot)
    for _ in range(100):  # the content loads after the first paint, in a worker
        await app.workers.wait_for_complete()
        await pilot.pause()
        if getattr(app, "catalog", None) is not None and app.session.store is not None:  # type: ignore[attr-defined]
            break
    await pilot.pause()


def _timeline_years(app: object) -> list[int]:
    from textual.app import App

    assert isinstance(app, App)
    listing = app.screen.query_one("#timeline-list", OptionList)
    prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
    return [int(prompt[:4]) for prompt in prompts]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_screen_of_the_course_is_the_courses_own(
    size: tuple[int, int], tmp_path: Path
) -> None:
    app = make_app(content=OnlyFolders([str(HARBOUR)]), data_dir=tmp_path / "data")
    async with app.run_test(size=size) as pilot:
        await _loaded(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        home = screen_text(app)
        _none_of_the_games_own(home, "Home")

        await pilot.press("t")
        assert isinstance(app.screen, TimelineScreen)
        years = _timeline_years(app)
        assert 2024 in years  # the harbour scenario's year: on the timeline...
        _none_of_the_games_own(screen_text(app), "the timeline")
        await pilot.press("escape")
        # ... and Home's span is the timeline's, first year to last.
        assert f"the facts by year, from {min(years)} to {max(years)}" in screen_text(app)

        await pilot.press("q")
        assert isinstance(app.screen, QuizListScreen)
        quizzes = screen_text(app)
        assert NO_QUIZZES in quizzes  # not a blank list
        _none_of_the_games_own(quizzes, "the quiz list")
        await pilot.press("escape")

        await pilot.press("g")
        assert isinstance(app.screen, ProgressScreen)
        _none_of_the_games_own(screen_text(app), "Progress")
        await pilot.press("escape")

        await pilot.press("h")
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()
        helped = screen_text(app)
        assert f"The source is one report, from {RECORD}." in " ".join(helped.split())
        assert "names no outlet" not in helped
        markdown = "\n".join(str(m._markdown) for m in app.screen.query("Markdown"))
        assert "How to play" in markdown and "glossary" not in markdown  # the course has none
        _none_of_the_games_own(helped + markdown, "Help")
        await pilot.press("escape")

        await pilot.press("s")
        assert isinstance(app.screen, ScenarioListScreen)
        _none_of_the_games_own(screen_text(app), "the scenario list")
        listing = app.screen.query_one("#scenario-list", OptionList)
        listing.highlighted = listing.get_option_index("harbour")
        await pilot.press("enter")
        assert isinstance(app.screen, BriefingScreen)
        briefing = screen_text(app)
        # A scenario that cites no fact has no sources section, rather than "No sources".
        assert NO_FACTS not in briefing and "Background, from the sources" not in briefing
        _none_of_the_games_own(briefing, "the harbour's briefing")
        await pilot.press("enter")
        assert isinstance(app.screen, PlayScreen)
        played = screen_text(app)
        assert "Named in this scene:" in played  # above the picture: in sight at 80x24
        _none_of_the_games_own(played, "the harbour's first scene")
        await pilot.press("1")
        await pilot.pause()
        _none_of_the_games_own(screen_text(app), "the harbour's second scene")
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        _none_of_the_games_own(screen_text(app), "the harbour's ending")
        assert app.catalog is not None
        app.open_briefing(app.catalog.scenarios["harbour-fees"])
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        fees = " ".join(screen_text(app).split())
        assert "Background, from the sources" in fees
        assert f"This scenario's source is one report, from {RECORD}" in fees
        assert NO_FACTS not in fees


async def test_a_briefing_whose_facts_are_in_its_scenes_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    shutil.copytree(HARBOUR, folder)
    fees = folder / "scenarios" / "harbour-fees.yaml"
    fees.write_text(
        fees.read_text(encoding="utf-8").replace("facts: [harbour-shared]\n", "", 1),
        encoding="utf-8",
    )
    catalog = check([folder])
    assert catalog.errors == [] and catalog.scenarios["harbour-fees"].facts == ()
    app = make_app(catalog=catalog, data_dir=tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_briefing(catalog.scenarios["harbour-fees"])
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert NO_FACTS not in text  # its scenes do quote a source
        assert SCENES_QUOTE in text
        assert f"This scenario's source is one report, from {RECORD}." in text


# --- 4. Plain help, and the course in plain text ---------------------------------------


def _plain(args: list[str], typed: str, monkeypatch: pytest.MonkeyPatch, capsys) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    assert main(args) == 0
    return str(capsys.readouterr().out)


def _help_of(played: str) -> str:
    """The help's lines, joined as one text."""
    return " ".join(played.split("Help:\n", 1)[1].split("Type the number", 1)[0].split())


def test_plain_help_names_only_what_the_game_has(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    only = ["--only", str(HARBOUR), "--plain", "--data-dir", str(tmp_path)]
    harbour = _help_of(_plain(["play", "harbour", *only], "h\n", monkeypatch, capsys))
    assert "glossary" not in harbour and "Type s" not in harbour  # none, and no sources
    assert "Type a choice's number and press Enter to take it." in harbour
    fees = _help_of(_plain(["play", "harbour-fees", *only], "h\n", monkeypatch, capsys))
    assert "s to read the sources' quotes" in fees and "glossary" not in fees
    game = ["play", "singapore-2018", "--plain", "--data-dir", str(tmp_path / "game")]
    own = _help_of(_plain(game, "h\n", monkeypatch, capsys))
    assert "g for the whole glossary" in own and "(year inferred)" in own


def test_the_course_in_plain_text_says_nothing_of_the_games_own(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    only = ["--only", str(HARBOUR)]
    listed = _plain([*only, "list"], "", monkeypatch, capsys)
    assert listed.endswith("Quizzes\n  (none)\n")  # no "take one with" when there is none
    played = _plain(
        ["play", "harbour", *only, "--plain", "--data-dir", str(tmp_path)],
        "h\ns\nw\ng\n1\n1\n\n",
        monkeypatch,
        capsys,
    )
    assert "Ending: One harbour for both towns (counterfactual)" in played
    assert "The glossary is empty." in played
    _none_of_the_games_own(played, "the harbour in plain text")
    fees = _plain(
        ["play", "harbour-fees", *only, "--plain", "--data-dir", str(tmp_path)],
        "h\ns\n2\ns\n",
        monkeypatch,
        capsys,
    )
    assert f"This scenario's source is one report, from {RECORD}." in " ".join(fees.split())
    _none_of_the_games_own(fees, "the mooring fees in plain text")


def test_a_folder_without_a_course_file_played_alone_has_no_subject_but_its_own(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "mine"
    shutil.copytree(HARBOUR / "scenarios", folder / "scenarios")
    shutil.copytree(HARBOUR / "sources", folder / "sources")
    shown = _plain(["--only", str(folder)], "", monkeypatch, capsys)
    assert "harbour-fees" in shown
    _none_of_the_games_own(shown, "the overview")
    empty = _plain(["--only", str(tmp_path / "nothing-here")], "", monkeypatch, capsys)
    assert "treaty play ID --plain\n" in empty  # no example of the game's own
    _none_of_the_games_own(empty, "the overview of an empty folder")


# --- 6. The gradebook -------------------------------------------------------------------


def test_the_gradebook_has_no_historical_column_for_a_scenario_without_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    only = ["--only", str(HARBOUR)]
    _plain(["play", "harbour", *only, "--plain", *data], "1\n1\n\n", monkeypatch, capsys)
    _plain(["play", "harbour-fees", *only, "--plain", *data], "2\n\n", monkeypatch, capsys)
    out = tmp_path / "grades.csv"
    _plain(["report", "--gradebook", "--csv", str(out), *data, *only], "", monkeypatch, capsys)
    with out.open(encoding="utf-8", newline="") as file:
        header, row = list(csv.reader(file))
    assert header[5:] == [
        "The mooring fees: endings found (of 2)",
        "The mooring fees: historical endings found (of 1)",
        "Two towns, one harbour: endings found (of 2)",  # both its endings counterfactual
    ]
    assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert row[5:] == ["1", "1", "1"]


# --- 7. `treaty validate` counts the course file ----------------------------------------


def test_validate_counts_and_checks_the_course_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["validate", str(HARBOUR)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "4 files checked: no problems found"
    assert main(["validate", str(HARBOUR / "course.yaml")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 file checked: no problems found"
    bad = tmp_path / "course.yaml"
    bad.write_text("titel: Harbour Town\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "error TT701: `titel` is not a key of a course file; did you mean `title`?" in out
    assert out.splitlines()[-1] == "1 file checked: 2 errors, 0 warnings"


# --- 8. Where `treaty import` writes ----------------------------------------------------


def _guide_import_block() -> list[str]:
    found = re.search(
        r"^```\n(\$ treaty import harbour-fees\.pack\.yaml\n.*?)^```$", GUIDE, re.S | re.M
    )
    assert found, "AUTHORING.md shows `treaty import` without --content"
    return found.group(1).splitlines()


def test_import_without_a_folder_says_where_it_wrote_as_the_guide_shows(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("TREATY_CONFIG_DIR", str(tmp_path / "config"))  # no folder set yet
    monkeypatch.chdir(tmp_path)
    assert main(["--only", str(HARBOUR), "pack", "harbour-fees"]) == 0
    capsys.readouterr()
    assert main(["import", "harbour-fees.pack.yaml"]) == 0
    said = capsys.readouterr().out.splitlines()
    here = tmp_path.resolve().as_posix()
    command, *shown = _guide_import_block()
    assert command == "$ treaty import harbour-fees.pack.yaml"
    assert said == [line.replace("/home/you", here) for line in shown]
    assert (tmp_path / "treaty-content" / "scenarios" / "harbour-fees.yaml").is_file()
    # The folder set with `treaty config` is the one written into, and said so.
    (tmp_path / "set").mkdir()
    assert main(["config", "--content", str(tmp_path / "set")]) == 0
    capsys.readouterr()
    assert main(["import", "harbour-fees.pack.yaml"]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0].startswith("Written into your content folder (set with `treaty config`): ")
    assert said[0].endswith("set")
    assert not any(line.startswith("Every time:") for line in said)  # it already is
    assert (tmp_path / "set" / "scenarios" / "harbour-fees.yaml").is_file()


# --- The "Done when": one packed file, emailed to a colleague --------------------


def test_a_colleague_checks_plays_and_imports_the_one_file_emailed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    mine.mkdir()
    theirs.mkdir()
    monkeypatch.chdir(mine)
    assert main(["--only", str(HARBOUR), "pack", "harbour-fees"]) == 0
    capsys.readouterr()
    shutil.copy(mine / "harbour-fees.pack.yaml", theirs)  # the one file, in an empty folder
    monkeypatch.chdir(theirs)
    assert main(["validate", "harbour-fees.pack.yaml"]) == 0
    assert capsys.readouterr().out == "1 file checked: no problems found\n"
    data = ["--data-dir", str(tmp_path / "data")]
    played = _plain(
        ["play", "harbour-fees.pack.yaml", "--plain", *data], "h\ng\n2\n\n", monkeypatch, capsys
    )
    assert "Ending: The old fees stay (historical)" in played
    # Played as it is: its own facts, and no glossary of the game's subject beside them.
    assert "The glossary is empty." in played and "glossary" not in _help_of(played)
    _none_of_the_games_own(played, "the packed file played")
    assert main(["import", "harbour-fees.pack.yaml", "--content", "newdir"]) == 0
    assert "Play it:   treaty play harbour-fees --content newdir" in capsys.readouterr().out
    assert main(["validate", "newdir"]) == 0
    capsys.readouterr()
    again = _plain(
        ["play", "harbour-fees", "--only", "newdir", "--plain", *data, "--profile", "b"],
        "1\n\n",
        monkeypatch,
        capsys,
    )
    assert "Ending: An even split (counterfactual)" in again
    _none_of_the_games_own(again, "the imported scenario played")
