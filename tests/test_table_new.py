"""`treaty new table NAME` (issue 34, session 5's trial): a two-delegation table of the
teacher's own that validates, explores with no soft-lock for either side, reaches every
ending, and plays to an ending at one keyboard."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from game.analysis.table_explore import explore_table
from game.cli import main
from game.content.catalog import check
from game.content.paths import bundled_root


@pytest.fixture
def teacher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new teacher's working folder, with settings of their own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TREATY_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path


def test_a_new_table_validates_explores_clean_and_plays_to_an_ending(
    teacher: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "table", "two-sides"]) == 0
    out = capsys.readouterr().out
    path = teacher / "treaty-content" / "scenarios" / "two-sides.yaml"
    assert "Created treaty-content/scenarios/two-sides.yaml" in out
    assert "treaty play treaty-content/scenarios/two-sides.yaml" in out
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/table.schema.json"
    assert (teacher / "treaty-content" / "schemas" / "table.schema.json").is_file()
    # Valid (strict too), with no warning; every ending reachable, no lock for either side.
    assert main(["validate", "--strict", "treaty-content"]) == 0
    catalog = check([bundled_root(), teacher / "treaty-content"])
    assert catalog.problems == []
    table = catalog.tables["two-sides"]
    result = explore_table(table)
    assert result.clean and result.soft_locks == [] and result.traps == []
    assert set(result.endings) == set(table.endings) and result.unvisited_scenes == []
    assert main(["test", str(path)]) == 0
    capsys.readouterr()
    # Two players at one keyboard: Japan proposes the 1956 basis, Russia listens, then
    # agrees: the historical ending, each side's debrief.
    old, sys.stdin = sys.stdin, io.StringIO("1\n2\n1\n")
    try:
        argv = ["play", "two-sides", "--plain", "--data-dir", str(teacher / "data")]
        assert main([*argv, "--player", "japan=Ann", "--player", "russia=Ben"]) == 0
    finally:
        sys.stdin = old
    played = capsys.readouterr().out
    assert "Japan's delegation, choose 1-2:" in played
    assert "== The end: Faster talks ==" in played
    assert "--- For Russia's delegation only ---" in played


def test_the_endings_of_the_new_table_depend_on_both_sides(teacher: Path) -> None:
    from game.engine.table import start_table, submit

    assert main(["new", "table", "two-sides", "--content", "c"]) == 0
    table = check([bundled_root(), teacher / "c"]).tables["two-sides"]

    def ending(japan: int, russia: int, last: int) -> str:
        state = submit(table, submit(table, start_table(table), "japan", japan), "russia", russia)
        return submit(table, state, "russia", last).scene

    assert ending(1, 2, 1) == "accelerate"
    assert ending(1, 2, 2) == "no-progress"  # Russia asks for more time
    # Japan insists on four islands: Russia cannot agree to speed up the talks.
    state = submit(table, submit(table, start_table(table), "japan", 2), "russia", 2)
    with pytest.raises(Exception, match="not available"):
        submit(table, state, "russia", 1)


def test_a_new_table_never_overwrites_and_its_name_is_checked(
    teacher: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "table", "talks"]) == 0
    before = (teacher / "treaty-content" / "scenarios" / "talks.yaml").read_text()
    assert main(["new", "table", "talks"]) == 2
    assert main(["new", "scenario", "talks"]) == 2  # one folder for scenarios and tables
    assert "already exists" in capsys.readouterr().err
    assert (teacher / "treaty-content" / "scenarios" / "talks.yaml").read_text() == before
    assert main(["new", "table", "Our Talks"]) == 2
    assert "like `our-talks`" in capsys.readouterr().err
