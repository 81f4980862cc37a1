"""A course folder played alone (`--only DIR`, issue 33): the home screen shows the
course's title and introduction, and no screen a student reaches in the course says a
word of the game's own subject."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import OptionList

from game.content.only import OnlyFolders, load_content
from game.tui import make_app
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.ending import EndingScreen
from game.tui.screens.glossary import GlossaryScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.home import HomeScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.scenarios import ScenarioListScreen
from game.tui.screens.timeline import TimelineScreen
from helpers import screen_text

HARBOUR = Path(__file__).resolve().parent.parent / "examples" / "harbour-town"
THE_GAMES_OWN = re.compile(r"kuril|russia|japan|1855|tass|hokkaido", re.IGNORECASE)
"""Words of the game's own subject, which a course of another subject never shows."""


def _without_the_kuril_map(text: str) -> str:
    """The screen without the side panel's Kuril map while the game has no `map:` key
    (issue 33's map part, built beside this one): once scenarios say whether they have a
    map, a course's scenario without one shows none, and nothing is left out here."""
    from game.content.models import Scenario

    if "map" in Scenario.model_fields:
        return text
    places = ("Iturup", "Kunashir", "Shikotan", "Habomai", "Hokkaido")
    return "\n".join(line for line in text.splitlines() if not any(p in line for p in places))


def _none_of_the_games_own(text: str) -> None:
    found = THE_GAMES_OWN.findall(text)
    assert found == [], f"{found} on the screen:\n{text}"


def test_the_course_folder_alone_holds_only_its_own_content() -> None:
    catalog = load_content(OnlyFolders([str(HARBOUR)]))
    assert catalog.errors == []
    assert catalog.course is not None and catalog.course.title == "Harbour Town"
    assert "harbour-fees" in catalog.scenarios
    assert all(not s.startswith("singapore") for s in catalog.scenarios)
    assert catalog.quizzes == {}
    assert set(catalog.sources) == {"harbour-record"}
    assert all(f.startswith("harbour-") for f in catalog.facts)
    assert all(not THE_GAMES_OWN.search(t.term + t.means) for t in catalog.glossary.values())


def test_beside_the_game_the_course_adds_to_its_content() -> None:
    catalog = load_content([str(HARBOUR)])
    assert "harbour-fees" in catalog.scenarios and "singapore-2018" in catalog.scenarios


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_student_walks_the_course_and_never_meets_the_games_own_subject(
    size: tuple[int, int],
) -> None:
    app = make_app(content=OnlyFolders([str(HARBOUR)]))
    async with app.run_test(size=size) as pilot:
        for _ in range(100):  # the content loads after the first paint, in a worker
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.catalog is not None and app.session.store is not None:
                break
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        home = screen_text(app)
        assert "Harbour Town" in home
        assert "Northport and Southbay share one harbour" in home
        assert "the facts by year, from 2024 to 2033" in home  # the timeline's years
        _none_of_the_games_own(home)

        await pilot.press("t")
        assert isinstance(app.screen, TimelineScreen)
        timeline = screen_text(app)
        assert "2031" in timeline and "2033" in timeline
        _none_of_the_games_own(timeline)
        await pilot.press("escape")

        await pilot.press("h")
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()
        helped = "\n".join(str(m._markdown) for m in app.screen.query("Markdown"))
        assert "You lead a delegation in a negotiation." in helped
        assert "the facts" not in helped or "from 2024 to 2033" in helped
        _none_of_the_games_own(helped + screen_text(app))
        await pilot.press("g")
        assert isinstance(app.screen, GlossaryScreen)
        _none_of_the_games_own(screen_text(app))
        await pilot.press("escape", "escape")

        await pilot.press("s")
        assert isinstance(app.screen, ScenarioListScreen)
        listing = screen_text(app)
        assert "The mooring fees" in listing
        _none_of_the_games_own(listing)
        listing_widget = app.screen.query_one("#scenario-list", OptionList)
        listing_widget.highlighted = listing_widget.get_option_index("harbour-fees")
        await pilot.press("enter")
        assert isinstance(app.screen, BriefingScreen)
        _none_of_the_games_own(screen_text(app))
        await pilot.press("enter")
        assert isinstance(app.screen, PlayScreen)
        _none_of_the_games_own(_without_the_kuril_map(screen_text(app)))
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        ending = screen_text(app)
        assert "The old fees stay" in ending
        _none_of_the_games_own(ending)


def test_the_guide_shows_the_harbour_town_example_as_it_is() -> None:
    """AUTHORING.md's course example is the example folder, word for word."""
    guide = (HARBOUR.parent.parent / "AUTHORING.md").read_text(encoding="utf-8")
    shown = re.findall(r"^```\n# file: (examples/harbour-town/\S+)\n(.*?)^```$", guide, re.S | re.M)
    assert {name for name, _ in shown} == {
        "examples/harbour-town/course.yaml",
        "examples/harbour-town/sources/harbour-record.yaml",
        "examples/harbour-town/scenarios/harbour-fees.yaml",
    }
    for name, text in shown:
        assert (HARBOUR.parent.parent / name).read_text(encoding="utf-8") == text, name


def test_every_command_takes_only(capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main

    assert main(["list", "--only", str(HARBOUR)]) == 0
    listed = capsys.readouterr().out
    assert "harbour-fees" in listed and "singapore-2018" not in listed
    assert main(["--only", str(HARBOUR), "glossary"]) == 0
    assert "The glossary is empty." in capsys.readouterr().out
    assert main(["explore", "harbour-fees", "--only", str(HARBOUR)]) == 0
    assert "fees-stall" in capsys.readouterr().out
    assert main(["play", "singapore-2018", "--only", str(HARBOUR), "--plain"]) == 2
    assert "no scenario called `singapore-2018`" in capsys.readouterr().err


def test_the_overview_and_the_served_page_are_the_courses() -> None:
    from inprocess import run_game

    from game.tui.serve import game_command, page_title

    only = OnlyFolders([str(HARBOUR)])
    assert page_title(only) == "Harbour Town"
    assert page_title([str(HARBOUR)]) == "Treaty Talks"
    assert game_command(only)[-2:] == ["--only", str(HARBOUR.resolve())]
    result = run_game(["--only", str(HARBOUR)], cwd=Path.cwd())
    assert result.returncode == 0, result.stderr
    shown = result.stdout
    assert shown.startswith("Harbour Town\nNorthport and Southbay share one harbour")
    assert "treaty play harbour --plain" in shown  # the first of its scenarios
    _none_of_the_games_own(shown)


def test_the_apps_fast_path_reads_only() -> None:
    from game.launch import app_options

    assert app_options(["--only", "course"]) == {
        "--profile": [],
        "--content": [],
        "--data-dir": [],
        "--only": ["course"],
    }


def test_plain_play_of_the_course_says_nothing_of_the_games_own(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from game.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))
    assert main(["play", "harbour-fees", "--only", str(HARBOUR), "--plain"]) == 0
    played = capsys.readouterr().out
    assert "Ending: An even split (counterfactual)" in played
    _none_of_the_games_own(played)


def test_a_course_beside_the_game_keeps_the_games_home() -> None:
    assert load_content([str(HARBOUR)]).course is None
