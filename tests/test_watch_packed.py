"""`treaty play FILE --watch` on a packed file (issue 33): the preview shows that file's
content alone, its own facts, sources and glossary, none of the game's own, as the file
plays without `--watch`; and a reload after an edit keeps it so."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.tui import make_app
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.play import PlayScreen
from game.tui.widgets.scene_panel import ScenePanel
from helpers import screen_text, write

HARBOUR = Path(__file__).resolve().parent.parent / "examples" / "harbour-town"
GLOSSARY = "mooring fee / mooring fees: What a boat's owner pays to tie up in the harbour.\n"
THE_GAMES_OWN = re.compile(
    r"kuril|russia|japan|1855|2019|2020|tass|inforos|hokkaido|iturup|kunashir|shikotan|"
    r"habomai|moscow|tokyo|singapore|peace treaty|parliament|elected assembly",
    re.IGNORECASE,
)
"""The game's own subject, and its glossary's term `parliament` (which the scene uses)."""


def _packed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The harbour course's fees scenario with a glossary of its own, packed; its scene
    says `parliament`, a term of the game's glossary that the file does not have."""
    course = tmp_path / "course"
    shutil.copytree(HARBOUR, course)
    fees = course / "scenarios" / "harbour-fees.yaml"
    text = fees.read_text(encoding="utf-8")
    said = "each town pays half of the mooring fees."
    assert said in text
    fees.write_text(text.replace(said, f"{said} The town parliament waits."), encoding="utf-8")
    write(course, "sources/glossary.yaml", GLOSSARY)
    out = tmp_path / "inbox" / "fees.yaml"  # where a colleague saves the email's file
    out.parent.mkdir()
    assert main(["pack", "harbour-fees", "--only", str(course), "--out", str(out)]) == 0
    capsys.readouterr()
    shutil.rmtree(course)  # the colleague has the one file, nothing else
    return out


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_packed_file_watched_shows_its_own_content_alone_and_a_reload_keeps_it(
    size: tuple[int, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _packed(tmp_path, capsys)
    app = make_app(watch=path, data_dir=tmp_path / "data")
    async with app.run_test(size=size) as pilot:
        for _ in range(100):  # the content loads after the first paint, then the file
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, BriefingScreen):
                break
        assert isinstance(app.screen, BriefingScreen)
        briefing = screen_text(app)
        assert "The mooring fees" in briefing
        assert THE_GAMES_OWN.findall(briefing) == []
        catalog = app.catalog
        assert catalog is not None
        assert list(catalog.scenarios) == ["harbour-fees"]  # no scenario of the game's
        assert set(catalog.facts) == {"harbour-shared", "harbour-fees-split", "harbour-fees-stall"}
        assert list(catalog.sources) == ["harbour-record"]
        assert list(catalog.glossary) == ["mooring fee"]

        await pilot.press("enter")
        assert isinstance(app.screen, PlayScreen)
        panel = app.screen.query_one(ScenePanel)
        assert [t.term for t in panel.words] == ["mooring fee"]  # not the game's `parliament`
        shown = screen_text(app)
        assert "parliament waits." in shown  # the word is in the scene, yet not glossed
        words = shown[shown.index("Words") :]
        assert "mooring fee" in words and "parliament" not in words
        assert THE_GAMES_OWN.findall(shown.replace("parliament waits", "")) == []

        # The teacher edits the file's own term and its scene: the reload keeps it alone.
        text = path.read_text(encoding="utf-8")
        edited = text.replace("tie up in the harbour", "moor a boat in the harbour").replace(
            "The town parliament waits.", "The town parliament waits, and the quay is full."
        )
        assert edited != text
        path.write_text(edited, encoding="utf-8")
        app.check_watched()  # what the app's timer does
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert "quay is full" in screen_text(app)  # the edit shows, where the reader was
        catalog = app.catalog
        assert catalog is not None
        assert list(catalog.scenarios) == ["harbour-fees"]
        assert list(catalog.sources) == ["harbour-record"]
        assert len(catalog.facts) == 3
        assert list(catalog.glossary) == ["mooring fee"]
        assert "moor a boat" in catalog.glossary["mooring fee"].means
        panel = app.screen.query_one(ScenePanel)
        assert [t.term for t in panel.words] == ["mooring fee"]
        await pilot.press("w")  # what the scene's words mean: the file's own, as edited
        await pilot.pause()
        meanings = screen_text(app)
        assert "moor a boat in the harbour" in meanings
        assert THE_GAMES_OWN.findall(meanings) == []
        await pilot.press("escape")
        await pilot.pause()

        # A term taken out of the file is gone from the preview too.
        path.write_text(re.sub(r"\nglossary:\n.*", "\n", edited, flags=re.S), encoding="utf-8")
        app.check_watched()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.catalog is not None and app.catalog.glossary == {}
        assert not app.screen.query_one(ScenePanel).words
        assert "w: what they mean" not in screen_text(app)


async def test_a_packed_file_watched_with_a_mistake_from_the_start_plays_alone_once_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.tui.screens.file_errors import FileErrorsScreen
    from game.tui.screens.home import HomeScreen

    path = _packed(tmp_path, capsys)
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("start: council", "start: [council", 1), encoding="utf-8")
    app = make_app(watch=path, data_dir=tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, FileErrorsScreen):
                break
        assert isinstance(app.screen, FileErrorsScreen)
        assert app.catalog is not None and app.catalog.scenarios == {}  # none of the game's
        path.write_text(good, encoding="utf-8")
        app.check_watched()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.catalog is not None and list(app.catalog.scenarios) == ["harbour-fees"]
        assert list(app.catalog.glossary) == ["mooring fee"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        home = screen_text(app)
        assert "from 2031 to 2033" in home  # the file's own years on Home
        assert THE_GAMES_OWN.findall(home) == []
