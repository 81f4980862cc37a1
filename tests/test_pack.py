"""One file to share (issue 33): `treaty pack` writes a scenario with every fact, source
and glossary term it cites; the file validates and plays anywhere, as it is; `treaty
import` splits it back into a content folder without clobbering anything there. And the
messages (7xx) of course files and packed files, each with its golden line."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.cli import main
from game.content.catalog import check
from game.content.codes import Code
from game.content.packing import plain
from game.content.yamlfile import load_yaml
from helpers import check_text, messages, write

HARBOUR = Path(__file__).resolve().parent.parent / "examples" / "harbour-town"
GLOSSARY = "mooring fee / mooring fees: What a boat's owner pays to tie up in the harbour.\n"


def _pack(tmp_path: Path, capsys: pytest.CaptureFixture[str], *more: str) -> Path:
    out = tmp_path / "share" / "fees.yaml"
    out.parent.mkdir(parents=True, exist_ok=True)
    status = main(["pack", "harbour-fees", "--only", str(HARBOUR), "--out", str(out), *more])
    assert status == 0, capsys.readouterr()
    assert f"Packed `harbour-fees` into {out} (3 facts with it)." in capsys.readouterr().out
    return out


def test_a_packed_file_validates_and_plays_alone_then_imports_as_the_same_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    packed = _pack(tmp_path, capsys)
    # A colleague's empty folder, with nothing but the file.
    alone = tmp_path / "colleague"
    alone.mkdir()
    shutil.copy(packed, alone / "fees.yaml")
    monkeypatch.chdir(alone)
    assert main(["validate", "fees.yaml"]) == 0
    assert "1 file checked: no problems found" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("2\n"))
    assert main(["play", "fees.yaml", "--plain"]) == 0
    played = capsys.readouterr().out
    assert "The board proposes that each town pays half of the mooring fees." in played
    assert "Ending: The old fees stay (historical)" in played

    assert main(["import", "fees.yaml", "--content", "course"]) == 0
    said = capsys.readouterr().out
    assert "Wrote the scenario `harbour-fees` as course/scenarios/harbour-fees.yaml." in said
    mine = load_yaml(HARBOUR / "scenarios" / "harbour-fees.yaml")
    theirs = load_yaml(alone / "course" / "scenarios" / "harbour-fees.yaml")
    assert plain(theirs.data) == plain(mine.data)
    # The teacher's own words come back with it, comments included.
    assert (
        "# An invented scenario of the harbour-town course"
        in (alone / "course" / "scenarios" / "harbour-fees.yaml").read_text()
    )
    imported = check([alone / "course"])
    assert imported.errors == [] and "harbour-fees" in imported.scenarios
    assert set(imported.facts) >= {"harbour-shared", "harbour-fees-split", "harbour-fees-stall"}

    # Imported again: nothing is duplicated.
    assert main(["import", "fees.yaml", "--content", "course"]) == 0
    assert "nothing to add" in capsys.readouterr().out
    assert check([alone / "course"]).errors == []


def test_the_terms_a_scenario_uses_travel_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course = tmp_path / "course"
    shutil.copytree(HARBOUR, course)
    write(course, "sources/glossary.yaml", GLOSSARY)
    out = tmp_path / "fees.yaml"
    assert main(["pack", "harbour-fees", "--only", str(course), "--out", str(out)]) == 0
    text = out.read_text()
    assert "glossary:\n  mooring fee / mooring fees: What a boat's owner pays" in text
    assert check([out]).glossary["mooring fee"].means.startswith("What a boat's owner pays")


def test_importing_adds_to_the_folders_facts_file_and_keeps_its_comments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    packed = _pack(tmp_path, capsys)
    folder = tmp_path / "mine"
    own = (
        "# My own facts: keep this comment.\n"
        "sources:\n  my-notes:\n    publisher: my class's notes\n\n"
        "facts:\n  my-fact:\n    text: Mine.\n    source: my-notes\n    quote: Mine.\n"
    )
    write(folder, "sources/facts.yaml", own)
    assert main(["import", str(packed), "--content", str(folder)]) == 0
    text = (folder / "sources" / "facts.yaml").read_text()
    assert text.startswith(own.split("\nfacts:")[0])
    assert "# My own facts: keep this comment." in text
    catalog = check([folder])
    assert catalog.errors == []
    assert {"my-fact", "harbour-shared", "harbour-fees-stall"} <= set(catalog.facts)
    assert set(catalog.sources) >= {"my-notes", "harbour-record"}


def test_a_game_scenario_packs_and_validates_beside_the_games_facts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "singapore.yaml"
    assert main(["pack", "singapore-2018", "--out", str(out)]) == 0
    capsys.readouterr()
    # The game's own facts in it are the game's: not defined twice.
    catalog = check([out])
    assert catalog.errors == []
    assert "singapore-2018" in catalog.scenarios


def test_pack_says_what_cannot_be_done(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "no-such-scenario", "--out", str(tmp_path / "x.yaml")]) == 2
    assert "no scenario called `no-such-scenario`" in capsys.readouterr().err
    out = write(tmp_path, "taken.yaml", "keep me\n")
    assert main(["pack", "harbour-fees", "--only", str(HARBOUR), "--out", str(out)]) == 2
    assert "already exists; it is not overwritten" in capsys.readouterr().err
    assert out.read_text() == "keep me\n"


# --- The messages, each with its golden line --------------------------------------------


def test_the_messages_of_a_course_file(tmp_path: Path) -> None:
    cases = {
        "a/course.yaml": "title: Harbour Town\nintroducton: x\n",
        "b/course.yaml": "introduction: One.\n",
        "c/course.yaml": "title: [a]\n",
        "d/course.yaml": "title: H\nintroduction: |\n  One.\n\n  Two.\n",
    }
    lines = []
    for name, text in cases.items():
        write(tmp_path, name, text)
        lines += messages(check([tmp_path / name.split("/")[0]]), tmp_path)
    assert lines == [
        "a/course.yaml:2:1: error TT701: `introducton` is not a key of a course file; did you "
        "mean `introduction`? (a course file has `title:` and `introduction:`)",
        "b/course.yaml:1:1: error TT702: the course has no title; write one after `title:`, "
        "such as `title: Harbour Town`",
        "c/course.yaml:1:8: error TT703: the course's `title` should be text, but found a list",
        "d/course.yaml:2:15: warning TT704: the introduction has 2 paragraphs; the home "
        "screen shows one: keep the first and move the rest into a scenario's summary",
    ]


def test_the_messages_of_a_packed_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _pack(tmp_path, capsys).read_text()
    assert check_text(tmp_path, "p1.yaml", text.replace("pack: 1", "pack: 2")) == [
        "p1.yaml:5:7: error TT711: `pack: 2` is not a version this game reads; a packed file "
        "says `pack: 1` (a newer game may have written it: update the game)"
    ]
    assert check_text(tmp_path, "p2.yaml", text.replace("pack: 1", "pack: 1\nnotes: x")) == [
        "p2.yaml:6:1: error TT712: `notes` is not a key of a packed file (a packed file has "
        "`pack:`, `scenario:`, `sources:`, `facts:`, `glossary:`)"
    ]
    assert check_text(tmp_path, "p3.yaml", "pack: 1\nfacts: {}\n") == [
        "p3.yaml:1:1: error TT713: this packed file has no `scenario:`; pack a scenario with "
        "`treaty pack SCENARIO`"
    ]
    assert check_text(tmp_path, "p4.yaml", "pack: 1\nscenario: [a]\n") == [
        "p4.yaml:2:11: error TT714: `scenario:` in a packed file holds keys, one per line (as "
        "in its own file), not a list"
    ]
    # A problem inside the scenario is located in the packed file.
    broken = text.replace("goto: fees-stall", "goto: fees-stal", 1)
    assert check_text(tmp_path, "p5.yaml", broken)[0].startswith("p5.yaml:37:17: error TT3")


def test_the_conflicts_importing_finds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    packed = _pack(tmp_path, capsys)
    folder = tmp_path / "mine"
    write(folder, "scenarios/harbour-fees.yaml", "id: harbour-fees\ntitle: Another\n")
    write(
        folder,
        "sources/facts.yaml",
        "sources:\n  harbour-record:\n    publisher: another record\n"
        "facts:\n  harbour-shared:\n    text: Other.\n    source: harbour-record\n"
        "    quote: Other.\n",
    )
    write(folder, "sources/glossary.yaml", "harbour board: Other words.\n")
    text = packed.read_text() + "glossary:\n  harbour board: The people who run the harbour.\n"
    packed.write_text(text)
    assert main(["import", str(packed), "--content", str(folder)]) == 1
    out = capsys.readouterr().out.replace(str(tmp_path) + os.sep, "")
    assert out.splitlines() == [
        "share/fees.yaml:9:3: error TT723: mine/scenarios/harbour-fees.yaml is already there, "
        "with another scenario in it; it is not overwritten: move it away, or import into "
        "another folder",
        "share/fees.yaml:54:3: error TT722: the folder (or the game) already has a source "
        "`harbour-record`, and it says something else; rename this source in the packed file "
        "(and where it is cited), or make the two the same",
        "share/fees.yaml:58:3: error TT721: the folder (or the game) already has a fact "
        "`harbour-shared`, and it says something else; rename this fact in the packed file "
        "(and where it is cited), or make the two the same",
        "share/fees.yaml:74:3: warning TT724: the folder's glossary already says what "
        "`harbour board` means, in other words; keep one of the two definitions",
        "Nothing imported: 3 errors in " + str(packed).replace(str(tmp_path) + os.sep, "") + ".",
    ]
    assert (folder / "sources" / "glossary.yaml").read_text() == "harbour board: Other words.\n"


# --- Whatever a packed file holds, the loader says so and never fails ------------------

_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


@given(
    version=_values,
    parts=st.dictionaries(
        st.sampled_from(["scenario", "sources", "facts", "glossary", "notes"]), _values, max_size=4
    ),
)
def test_the_loader_never_fails_on_a_packed_file(version: object, parts: dict[str, object]) -> None:
    import tempfile

    import yaml

    text = yaml.safe_dump({"pack": version, **parts}, allow_unicode=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "packed.yaml"
        path.write_text(text, encoding="utf-8")
        catalog = check([path])
    assert all(p.code != Code.UNEXPECTED for p in catalog.problems)
    if version != 1 or isinstance(version, bool):
        assert any(p.code == Code.PACK_VERSION for p in catalog.problems)


def test_the_schemas_of_a_course_and_of_a_packed_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    assert main(["schema", "course"]) == 0
    course = json.loads(capsys.readouterr().out)
    assert course["required"] == ["title"] and set(course["properties"]) == {
        "title",
        "introduction",
    }
    assert main(["schema", "pack"]) == 0
    pack = json.loads(capsys.readouterr().out)
    assert pack["properties"]["pack"] == {"const": 1, "description": "The packed layout's version"}
    assert pack["required"] == ["pack", "scenario"]
    assert "scenes" in pack["properties"]["scenario"]["properties"]
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert {p.name for p in tmp_path.iterdir()} >= {"course.schema.json", "pack.schema.json"}


async def test_a_packed_file_is_watched_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.tui import make_app
    from game.tui.screens.briefing import BriefingScreen
    from game.tui.screens.file_errors import FileErrorsScreen
    from game.tui.screens.play import PlayScreen
    from helpers import screen_text

    path = _pack(tmp_path, capsys)
    good = path.read_text(encoding="utf-8")
    app = make_app(watch=path, data_dir=tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:

        async def saved(text: str) -> None:
            path.write_text(text, encoding="utf-8")
            app.check_watched()  # what the app's timer does
            await app.workers.wait_for_complete()
            await pilot.pause()

        for _ in range(100):  # the content loads after the first paint, then the file
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, BriefingScreen):
                break
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, PlayScreen)
        await saved(good.replace("goto: fees-stall", "goto: fees-stal", 1))
        assert isinstance(app.screen, FileErrorsScreen)
        assert app.screen.problems[0].startswith(f"{path}:37:17: error TT3")
        await saved(good.replace("each town pays half", "each town pays a half"))
        assert isinstance(app.screen, PlayScreen)
        assert "each town pays a" in screen_text(app)  # the new words, as they wrap
        assert "each town pays a half" in str(app.screen.scenario.scenes["council"].text)


def test_a_game_scenario_imported_adds_nothing_the_game_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "singapore.yaml"
    assert main(["pack", "singapore-2018", "--out", str(out)]) == 0
    capsys.readouterr()
    folder = tmp_path / "mine"
    assert main(["import", str(out), "--content", str(folder)]) == 0
    assert "nothing to add" in capsys.readouterr().out
    assert not folder.exists()


def test_a_scenario_called_course_is_a_scenario(tmp_path: Path) -> None:
    text = (HARBOUR / "scenarios" / "harbour-fees.yaml").read_text()
    write(tmp_path, "scenarios/course.yaml", text.replace("id: harbour-fees", "id: course"))
    shutil.copytree(HARBOUR / "sources", tmp_path / "sources")
    catalog = check([tmp_path], bundled_facts=False)
    assert "course" in catalog.scenarios and catalog.course is None
