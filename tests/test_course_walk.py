"""What a teacher's walk through issue 33's "Done when" found, each as the teacher would
notice it: `treaty --only DIR new` writes into that course (and does not make it a folder
included every time); `treaty --only DIR validate` checks the course as `--only` plays it,
so a file citing a fact the course does not have is said there, not found in class; and a
scenario's file played under `--only` is played as the course plays it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.cli import main

HARBOUR = Path(__file__).resolve().parent.parent / "examples" / "harbour-town"


@pytest.fixture
def teacher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A teacher's working folder with their harbour course, and settings of their own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TREATY_CONFIG_DIR", str(tmp_path / "config"))
    shutil.copytree(HARBOUR, tmp_path / "harbour")
    return tmp_path


def test_new_under_only_writes_into_the_course_and_checks_it_as_it_plays(
    teacher: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--only", "harbour", "new", "scenario", "ferry"]) == 0
    out = capsys.readouterr().out
    assert "Created harbour/scenarios/ferry.yaml" in out
    assert (teacher / "harbour" / "scenarios" / "ferry.yaml").is_file()
    assert not (teacher / "treaty-content").exists()
    assert "every time" not in out  # the course is played alone, not beside the game
    assert "treaty --only harbour play harbour/scenarios/ferry.yaml --watch" in out
    assert "invented story of two harbour towns" in out
    assert not list((teacher / "harbour" / "sources").glob("*facts*"))  # it has its own
    assert main(["config"]) == 0
    assert "harbour" not in capsys.readouterr().out  # nothing remembered

    # The example cites the course's own facts (it has some): the course takes it as is.
    ferry = (teacher / "harbour" / "scenarios" / "ferry.yaml").read_text(encoding="utf-8")
    assert "facts: [harbour-shared]" in ferry and "facts: [harbour-fees-split]" in ferry
    assert "year: 2031" in ferry  # the year of the first fact it cites
    assert "kuril" not in ferry.lower() and "japan" not in ferry.lower()
    assert main(["--only", "harbour", "validate", "harbour"]) == 0, capsys.readouterr().out
    assert main(["--only", "harbour", "list"]) == 0
    assert "ferry" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("1\n1\n"))
    played = main(["--only", "harbour", "play", "harbour/scenarios/ferry.yaml", "--plain"])
    assert played == 0
    assert "A joint plan" in capsys.readouterr().out


def test_the_report_of_a_course_played_alone_has_the_courses_title(
    teacher: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    course = teacher / "harbour" / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8").replace(
            "title: Harbour Town", "title: Harbour Town [bold]one[/bold]"
        ),
        encoding="utf-8",
    )
    data = ["--data-dir", str(teacher / "data")]
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("1\n1\n"))
    assert main(["--only", "harbour", "play", "harbour", "--plain", *data]) == 0
    capsys.readouterr()
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["--only", "harbour", "report", *data]) == 0
    shown = capsys.readouterr().out
    assert "Harbour Town [bold]one[/bold]" in shown  # as written: data, not markup
    assert "Treaty Talks" not in shown
    assert main(["--only", "harbour", "report", "--gradebook", *data]) == 0
    graded = capsys.readouterr().out
    assert "Harbour Town [bold]one[/bold] gradebook" in " ".join(graded.split())
    assert "Treaty Talks" not in graded
    assert main(["report", *data]) == 0  # beside the game's own content: the game's title
    assert "Treaty Talks" in capsys.readouterr().out
