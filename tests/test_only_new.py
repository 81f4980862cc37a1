"""`treaty --only DIR new` (issue 33: no word of the Kurils under `--only` unless the
folder says it): in a course of its own the new scenario, quiz or table is an invented
story of two harbour towns citing the course's own facts; in an empty folder it writes a
facts file of its own to replace, and everything validates and plays at once. Without
`--only`, `new` writes the game's own example as before."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.cli import main

SUBJECT = ("kuril", "japan", "russia", "tokyo", "moscow", "1956")


@pytest.fixture
def teacher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TREATY_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TREATY_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_new_under_only_in_an_empty_folder_validates_and_plays_with_no_word_of_the_kurils(
    teacher: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (teacher / "course").mkdir()
    assert main(["--only", "course", "new", "scenario", "harbour-talk"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Created course/sources/facts.yaml" in out
    assert "Replace them with your own, each with a quote copied word for word" in out
    facts = (teacher / "course" / "sources" / "facts.yaml").read_text(encoding="utf-8")
    assert "# THEY ARE YOURS TO REPLACE: name your document" in facts
    assert facts.count("# REPLACE: ") == 3  # the source and each fact, marked
    assert main(["--only", "course", "new", "quiz", "harbour-quiz"]) == 0
    assert main(["--only", "course", "new", "table", "harbour-table"]) == 0
    out = capsys.readouterr().out
    assert "Created course/sources" not in out  # the facts made first serve them all
    assert (teacher / "course" / "scenarios" / "harbour-table.yaml").is_file()

    written = [p for p in (teacher / "course").rglob("*") if p.is_file()]
    stories = [p for p in written if p.parent.name != "schemas"]
    assert len(stories) == 4  # the scenario, the quiz, the table and the facts
    for path in stories:
        text = path.read_text(encoding="utf-8").lower()
        assert not [word for word in SUBJECT if word in text], path
    # (The schemas name the format's keywords, `map: kurils` among them: no story.)

    assert main(["--only", "course", "validate", "course"]) == 0, capsys.readouterr().out
    assert "no problems found" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n1\n"))
    assert main(["--only", "course", "play", "harbour-talk", "--plain"]) == 0
    played = capsys.readouterr().out
    assert "Ending: A joint plan (historical)" in played
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n2\n1\n"))
    players = ["--player", "northport=Ann", "--player", "southbay=Ben"]
    assert main(["--only", "course", "play", "harbour-table", "--plain", *players]) == 0
    played = capsys.readouterr().out
    assert "A joint plan" in played
    assert not [word for word in SUBJECT if word in played.lower()]


def test_new_without_only_writes_the_games_own_example_as_before(
    teacher: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "scenario", "first-talks", "--content", "mine"]) == 0
    text = (teacher / "mine" / "scenarios" / "first-talks.yaml").read_text(encoding="utf-8")
    assert "map: kurils" in text and "facts: [japan-claims-four, no-peace-treaty]" in text
    assert list((teacher / "mine" / "sources").iterdir()) == []  # the game's facts serve
    assert main(["validate", "mine"]) == 0
