"""What a trial of the hot-seat table found (issue 34, session 5): the moves counted as a
player sees them when a table continues, one name never playing both sides, and the end
of input at a player's name said, not silent."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import main
from game.content.table_models import Table
from game.engine.table import available_moves, moves_made, start_table, submit, to_move
from game.testing.table_strategies import tables

TOWNS = str(Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml")
PLAYERS = ["--player", "riverton=Ann", "--player", "millbrook=Ben"]


def _play(
    typed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    old, sys.stdin = sys.stdin, io.StringIO(typed)
    try:
        status = main(["play", TOWNS, "--plain", "--data-dir", str(tmp_path), *args])
    finally:
        sys.stdin = old
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_table_left_after_one_sealed_move_continues_with_one_move_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _play("1\n", tmp_path, capsys, *PLAYERS)  # Riverton seals its move; the input ends
    _, out, _ = _play("1\n2\n", tmp_path, capsys, *PLAYERS)
    assert "You were part-way through this table (1 move made)." in out
    assert "Continuing where you left off (1 move made)." in out
    assert "0 steps" not in out


def test_after_both_moved_and_one_more_the_count_is_three(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Both move at the opening (a small toll, a refusal), Millbrook plays after lunch.
    _play("2\n2\n1\n", tmp_path, capsys, *PLAYERS)
    _, out, _ = _play("1\n", tmp_path, capsys, *PLAYERS)
    assert "Continuing where you left off (3 moves made)." in out


def test_one_name_given_for_both_sides_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--player", "riverton=Ann", "--player", "millbrook= Ann "]
    status, out, err = _play("2\n1\n", tmp_path, capsys, *args)
    assert status == 2
    assert "Ann is already playing Riverton's council; the other side needs another name." in err
    assert "The two councils sit down" not in out  # nothing was played


def test_one_name_typed_for_both_sides_is_asked_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _play("Ann\nAnn\nBen\n2\n1\n", tmp_path, capsys)
    assert status == 0
    assert (
        "Ann is already playing Riverton's council; the other side needs another name.\n"
        "Who plays Millbrook's council? Type another name"
    ) in out
    assert "Players: Riverton's council: Ann; Millbrook's council: Ben." in out
    assert "== The end: A joint plan ==" in out


def test_a_typed_name_cannot_take_the_name_given_for_the_other_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = _play("Ben\nCal\n", tmp_path, capsys, "--player", "millbrook=Ben")
    assert "Ben is already playing Millbrook's council" in out
    assert "Players: Riverton's council: Cal; Millbrook's council: Ben." in out


@pytest.mark.parametrize("typed", ["", "Ann\n"])
def test_the_end_of_input_at_a_players_name_is_said_and_fails(
    typed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _play(typed, tmp_path, capsys)
    assert status == 2
    assert "the input ended before each side had a player's name" in err
    assert "--player SIDE=NAME" in err
    assert "The two councils sit down" not in out


@settings(max_examples=30)
@given(tables(), st.lists(st.integers(0, 1_000), max_size=20))
def test_the_moves_made_are_the_moves_each_player_sealed(table: Table, picks: list[int]) -> None:
    state = start_table(table)
    for made, pick in enumerate(picks, start=1):
        if state.ended:
            break
        role = to_move(table, state)[0]
        open_moves = available_moves(table, state, role)
        if not open_moves:
            break
        state = submit(table, state, role, open_moves[pick % len(open_moves)][0])
        assert moves_made(state) == made


def test_a_table_stopped_at_a_soft_lock_is_not_offered_to_continue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = Path(__file__).resolve().parent / "locked" / "ferry-locked.yaml"
    mayors = ["--player", "eastport=Ann", "--player", "westby=Ben"]
    play = ["play", str(locked), "--content", str(locked.parent), "--plain"]
    data = ["--data-dir", str(tmp_path)]
    old, sys.stdin = sys.stdin, io.StringIO("2\n2\n1\n")  # the input ends before the lock
    try:
        assert main([*play, *data, *mayors]) == 0
        assert "run the same command to continue" in capsys.readouterr().out
        sys.stdin = io.StringIO("1\n1\n")  # continued, and Westby is left with no move
        assert main([*play, *data, *mayors]) == 0
        out = " ".join(capsys.readouterr().out.split())
        assert "Westby's mayor has no move it can make here; the game cannot go on." in out
        assert "The game is not kept to continue" in out and "to continue." not in out
        sys.stdin = io.StringIO("2\n2\n1\n1\n")
        assert main([*play, *data, *mayors]) == 0
        out = capsys.readouterr().out
        assert "part-way" not in out and "Continuing" not in out  # starts afresh
    finally:
        sys.stdin = old
