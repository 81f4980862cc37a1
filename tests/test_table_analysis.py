"""Analysis of a table (issue 34): the joint exploration, per-side soft-locks and traps,
`validate --strict`, `explore`, `graph` and `test` on a table."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.analysis.table_explore import explore_table, table_report
from game.cli import main
from game.content.catalog import check

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOWNS = (FIXTURES / "two-towns.yaml").read_text(encoding="utf-8")
LOCKED = TOWNS.replace(
    "      - text: Accept\n", "      - text: Accept\n        if: millbrook-offered-share\n", 1
)


def test_exploring_the_two_towns_reaches_every_ending_with_no_lock_or_trap() -> None:
    table = check([FIXTURES / "two-towns.yaml"]).tables["two-towns"]
    result = explore_table(table)
    assert set(result.endings) == {"walkout", "joint-plan", "no-deal"}
    assert result.soft_locks == [] and result.traps == [] and result.clean
    assert result.unvisited_scenes == []
    report = table_report(table, result)
    assert (
        "  joint-plan: A joint plan\n    shortest: Riverton's council: “Ask for a small toll”, "
        "Millbrook's council: “Offer to share the cost of repairs”"
    ) in report
    assert "Soft-locks: none for either side" in report


def test_a_side_left_with_no_move_is_a_soft_lock_for_that_side(tmp_path: Path) -> None:
    path = tmp_path / "two-towns.yaml"
    path.write_text(LOCKED, encoding="utf-8")
    table = check([path]).tables["two-towns"]
    result = explore_table(table)
    [lock] = result.soft_locks
    assert (lock.scene, lock.role) == ("last-word", "riverton")
    assert not result.clean


def test_validate_strict_says_which_side_can_be_left_with_no_move(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "two-towns.yaml"
    path.write_text(LOCKED, encoding="utf-8")
    assert main(["validate", "--strict", str(path)]) == 1
    out = capsys.readouterr().out.replace(str(tmp_path) + "/", "")
    assert (
        "two-towns.yaml:84:3: error TT389: at scene `last-word`, Riverton's council can be "
        "left with no move to make (reached by: Riverton's council: “Ask for a small toll”, "
        "Millbrook's council: “Refuse any toll”; then Millbrook's council: “Propose a toll "
        "for carts only”)"
    ) in " ".join(out.split())


def test_the_guide_shows_what_explore_really_says_of_the_two_towns() -> None:
    table = check([FIXTURES / "two-towns.yaml"]).tables["two-towns"]
    report = table_report(table, explore_table(table))
    guide = (FIXTURES.parent.parent / "AUTHORING.md").read_text(encoding="utf-8")
    assert report in guide


def test_explore_graph_and_test_take_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    towns = str(FIXTURES / "two-towns.yaml")
    assert main(["explore", towns]) == 0
    assert "Soft-locks: none for either side" in capsys.readouterr().out
    assert main(["graph", towns, "--format", "dot"]) == 0
    dot = capsys.readouterr().out
    assert (
        '"opening" -> "joint-plan" [label="riverton: Ask for a small toll + millbrook: '
        'Offer to share the cost of repairs"];'
    ) in dot
    assert main(["test", towns]) == 0
    assert "no soft-lock or trap for either side" in capsys.readouterr().out
    path = tmp_path / "two-towns.yaml"
    path.write_text(LOCKED, encoding="utf-8")
    assert main(["explore", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Riverton's council at `last-word`; reached by:" in out
    assert main(["test", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAILED exploration: soft-locks: riverton at last-word" in out
