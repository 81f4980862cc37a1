"""Two delegations at one table, hot-seat in `treaty play --plain` (issue 34): prompts
that name the side, private blocks, both moves shown, the ending's two paths and
debriefs, players given or asked, and progress saved for both players."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from game.cli import main

TOWNS = str(Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml")
PLAYERS = ["--player", "riverton=Ann", "--player", "millbrook=Ben"]


def _play(
    typed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(typed)
    try:
        status = main(["play", TOWNS, "--plain", "--data-dir", str(tmp_path), *args])
    finally:
        sys.stdin = old
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def _blocks(out: str, side: str) -> str:
    """Everything printed inside `side`'s private turn blocks."""
    found = re.findall(rf"--- {side} \(\w+\): your turn\..*?--- {side} has moved", out, re.S)
    return "\n".join(found)


def test_a_whole_game_names_each_side_and_keeps_each_brief_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _play("2\n1\n", tmp_path, capsys, *PLAYERS)
    assert status == 0
    # Both move at the opening, in the order the file declares the roles.
    assert out.index("Riverton's council, choose 1-2:") < out.index(
        "Millbrook's council, choose 1-2:"
    )
    river, mill = _blocks(out, "Riverton's council"), _blocks(out, "Millbrook's council")
    assert "The bridge needs repairs" in river and "The bridge needs repairs" not in mill
    assert "Your traders cross the bridge" in mill and "Your traders cross" not in river
    assert out.count("The bridge needs repairs") == 1  # nowhere outside Riverton's block
    assert "Money for repairs: 30/100" in river and "Money for repairs" not in mill
    assert "Traders' patience" not in river
    assert "Your traders wait outside for news." not in river
    assert (
        "The moves:\n  Riverton's council: “Ask for a small toll”\n"
        "  Millbrook's council: “Offer to share the cost of repairs”"
    ) in out
    assert "== The end: A joint plan ==" in out
    assert "Riverton's council (Ann): “Ask for a small toll”" in out
    assert "Why this ending" in out
    assert "Decided by the moves of Riverton's council and Millbrook's council." in out
    assert (
        "--- For Millbrook's council only ---\nYour traders pay a little, and the bridge stands."
    ) in out
    assert "What really happened:\nThis town and its bridge are invented" in out


def test_a_number_out_of_range_asks_the_same_side_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = _play("7\nx\n2\n1\n", tmp_path, capsys, *PLAYERS)
    assert "Please type a number from 1 to 2. Riverton's council, choose:" in out
    assert "== The end: A joint plan ==" in out


def test_the_players_names_are_asked_when_not_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = _play("Ann\nBen\n2\n1\n", tmp_path, capsys)
    assert "Who plays Riverton's council?" in out
    assert "Players: Riverton's council: Ann; Millbrook's council: Ben." in out
    assert "--- Millbrook's council (Ben): your turn." in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--player", "rivertown=Ann"], "`rivertown` is not a side of this table"),
        (["--player", "riverton"], "--player needs SIDE=NAME"),
        (["--player", "riverton=A", "--player", "riverton=B"], "given twice for `riverton`"),
    ],
)
def test_a_wrong_player_option_is_said(
    args: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _play("", tmp_path, capsys, *args)
    assert status == 2
    assert said in out


def test_progress_is_saved_after_every_move_and_the_table_continues(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Riverton moves, then the input ends: the sealed move is kept.
    _, out = _play("1\n", tmp_path, capsys, *PLAYERS)
    assert "Both players' moves are saved" in out
    _, out = _play("1\n2\n", tmp_path, capsys, *PLAYERS)
    assert "You were part-way through this table" in out
    assert "Riverton's council, choose" not in out.split("Continuing", 1)[1]
    # Riverton's sealed high toll and Millbrook's refusal: the walkout.
    assert "== The end: Millbrook walks out ==" in out
    # Finished: a new game starts from the beginning.
    _, out = _play("", tmp_path, capsys, *PLAYERS)
    assert "part-way" not in out


def test_a_saved_table_is_kept_for_both_players(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.content.catalog import check
    from game.store.progress import open_store
    from game.store.tables import resume_table

    _play("2\n", tmp_path, capsys, *PLAYERS)
    table = check([TOWNS]).tables["two-towns"]
    store = open_store(tmp_path)
    for name in ("Ann", "Ben"):
        found = resume_table(store, store.profile(name), table)
        assert isinstance(found, tuple)
        state, players = found
        assert state.sealed == (("riverton", 2),)
        assert players == {"riverton": "Ann", "millbrook": "Ben"}


def test_a_table_in_a_teachers_folder_is_listed_and_played_by_its_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "content" / "scenarios"
    folder.mkdir(parents=True)
    (folder / "two-towns.yaml").write_text(Path(TOWNS).read_text("utf-8"), "utf-8")
    content = str(tmp_path / "content")
    assert main(["list", "--content", content]) == 0
    listed = capsys.readouterr().out
    assert "Tables: two delegations, two players" in listed
    assert "two-towns" in listed and "(Riverton's council and Millbrook's council)" in listed
    import sys

    old, sys.stdin = sys.stdin, io.StringIO("2\n1\n")
    try:
        args = ["play", "two-towns", "--content", content, "--plain", "--data-dir", str(tmp_path)]
        assert main([*args, *PLAYERS]) == 0
    finally:
        sys.stdin = old
    assert "== The end: A joint plan ==" in capsys.readouterr().out
