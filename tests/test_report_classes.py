"""A school with one `treaty serve` per class merges the classes' data folders with
`treaty report --data-dir A --data-dir B` (README, "Beyond one machine"): every attempt
has an id of its own wherever it was made, so nothing of one class hides another's, even
when the same names play the same things in both; a folder given twice counts once."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.store.progress import open_store

TOWNS = str(Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml")
PLAYERS = ["--player", "riverton=Ann", "--player", "millbrook=Ben"]


def a_class(folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A class's server folder: Ann and Ben play the table to its joint plan, and Ann
    answers a question."""
    old, sys.stdin = sys.stdin, io.StringIO("2\n1\n")
    try:
        assert main(["play", TOWNS, "--plain", "--data-dir", str(folder), *PLAYERS]) == 0
    finally:
        sys.stdin = old
    store = open_store(folder)
    store.record_answer(store.profile("Ann"), "treaty-basics", "q1", "1956", True, 1.0, 4.0)
    store.close()
    capsys.readouterr()
    return folder


def test_two_classes_folders_merge_with_nothing_lost_or_counted_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = a_class(tmp_path / "class-7a", capsys)
    second = a_class(tmp_path / "class-7b", capsys)
    out = tmp_path / "school.csv"
    folders = [first, second, first]  # the first given twice, as a tired teacher might
    argv = ["report", "--content", TOWNS, "--csv", str(out)]
    assert main([*argv, *(a for f in folders for a in ("--data-dir", str(f)))]) == 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    tables = [r for r in rows if r["kind"] == "table"]
    answers = [r for r in rows if r["kind"] == "quiz"]
    assert len(tables) == 4  # one game in each class, a row for each of its two players
    assert len(answers) == 2  # Ann's answer in each class
    assert len({r["attempt_id"] for r in rows}) == len(rows) == 6
    assert sorted(r["profile"] for r in tables) == ["Ann", "Ann", "Ben", "Ben"]
