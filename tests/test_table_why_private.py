"""A table's "Why this ending" (issue 34, session 5's trial): said in words, and to each
side only what that side may see — the shared meters and flags, its own private ones and
every move revealed, never the other side's private meters or flags."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings

from game.analysis.table_why import table_why
from game.cli import main
from game.content.catalog import check
from game.content.table_models import Table
from game.engine.table import TableState, start_table, submit
from game.testing.table_checks import play_table
from game.testing.table_strategies import table_games, tables

TOWNS_PATH = Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml"
TOWNS = check([TOWNS_PATH]).tables["two-towns"]


def _played(*moves: tuple[str, int]) -> TableState:
    state = start_table(TOWNS)
    for role, number in moves:
        state = submit(TOWNS, state, role, number)
    return state


WALKOUT = (("riverton", 1), ("millbrook", 2))  # a high toll, and Millbrook refuses any


def test_the_walkout_is_explained_in_words_and_keeps_millbrooks_flag_from_riverton() -> None:
    state = _played(*WALKOUT)
    river = "\n".join(table_why(TOWNS, state, "riverton").lines)
    mill = "\n".join(table_why(TOWNS, state, "millbrook").lines)
    assert "ready to walk out" not in river and "millbrook-ready-to-walk" not in river
    assert "`" not in river + mill  # no condition text, no scene ids
    heading = "At “The town hall”, the table went to “Millbrook walks out” because:"
    assert heading in river and heading in mill
    assert "You chose “Ask for a high toll”, so Riverton asked for a high toll." in river
    assert "Something only Millbrook's council could see counted too." in river
    assert "You chose “Refuse any toll”, so your council is ready to walk out." in mill
    assert "Riverton's council chose “Ask for a high toll”, so Riverton asked for" in mill
    assert "Something only" not in mill


def test_a_private_meter_and_its_moves_are_said_only_to_its_side() -> None:
    # Small toll and a share: goodwill reaches 75, a shared meter both are told of.
    state = _played(("riverton", 2), ("millbrook", 1))
    for side in ("riverton", "millbrook", None):
        lines = table_why(TOWNS, state, side).lines
        assert any("Goodwill between the towns was 75 (needed at least 70)" in x for x in lines)
        text = "\n".join(lines)
        assert "Money for repairs" not in text and "Traders' patience" not in text
    # With no side given (the app's shared screen): neither side's private state.
    both = "\n".join(table_why(TOWNS, _played(*WALKOUT), None).lines)
    assert "walk out" not in both.replace("Millbrook walks out", "")


def test_a_side_that_is_not_at_the_table_is_refused() -> None:
    with pytest.raises(KeyError):
        table_why(TOWNS, _played(*WALKOUT), "harbour")


def test_plain_mode_gives_each_side_its_own_why_in_its_private_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, sys.stdin = sys.stdin, io.StringIO("1\n2\n")
    try:
        args = ["play", str(TOWNS_PATH), "--plain", "--data-dir", str(tmp_path)]
        assert main([*args, "--player", "riverton=Ann", "--player", "millbrook=Ben"]) == 0
    finally:
        sys.stdin = old
    out = capsys.readouterr().out
    river = out.split("--- For Riverton's council only ---", 1)[1].split("--- For Millbrook", 1)[0]
    mill = out.split("--- For Millbrook's council only ---", 1)[1]
    assert "Why this ending (as Riverton's council sees it):" in river
    assert "walk out" not in river.replace("Millbrook walks out", "")
    assert "Why this ending (as Millbrook's council sees it):" in mill
    assert "your council is ready to walk out" in mill
    ending = out.split("== The end:", 1)[1].split("--- For Riverton", 1)[0]
    assert "ready to walk" not in ending  # nothing private before the private blocks


def _private(table: Table, role: str) -> list[str]:
    """The words that would give away `role`'s private state: its private meters'
    labels, its private flags' names and meanings."""
    words = [m.label for m in table.meters.values() if m.side == role]
    for name, flag in table.flags.items():
        if flag.side == role:
            words += [name, *([flag.means] if flag.means else [])]
    return words


@settings(max_examples=60)
@given(tables().flatmap(lambda t: table_games(t).map(lambda g: (t, g))))
def test_no_side_is_told_the_other_sides_private_meters_or_flags(
    case: tuple[Table, list[int]],
) -> None:
    table, picks = case
    state = play_table(table, picks)
    for side in (*table.role_ids, None):
        text = "\n".join(table_why(table, state, side).lines)
        for other in table.role_ids:
            if other != side:
                for word in _private(table, other):
                    assert word not in text, (side, word, text)
        if state.ended:
            assert text and "`" not in text


def test_the_guide_shows_what_riverton_really_reads_after_the_walkout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, sys.stdin = sys.stdin, io.StringIO("1\n2\n")
    try:
        args = ["play", str(TOWNS_PATH), "--plain", "--data-dir", str(tmp_path)]
        assert main([*args, "--player", "riverton=Ann", "--player", "millbrook=Ben"]) == 0
    finally:
        sys.stdin = old
    out = capsys.readouterr().out
    said = out.split("Why this ending (as Riverton's council sees it):", 1)[1]
    said = "Why this ending (as Riverton's council sees it):" + said.split("\n\n", 1)[0]
    guide = (TOWNS_PATH.parent.parent.parent / "AUTHORING.md").read_text(encoding="utf-8")
    assert f"```\n{said}\n```" in guide
