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
from game.content.paths import bundled_root
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
    # Millbrook's flag is its own, but its move was shown to both: named, not what it meant.
    assert "  Millbrook's council chose “Refuse any toll”." in river.split("\n")
    assert "Something only" not in river
    assert "You chose “Refuse any toll”, so your council is ready to walk out." in mill
    assert "Riverton's council chose “Ask for a high toll”, so Riverton asked for" in mill
    assert "Something only" not in mill


def test_a_private_meter_and_its_moves_are_said_only_to_its_side() -> None:
    # Small toll and a share: goodwill reaches 75, a shared meter both are told of.
    state = _played(("riverton", 2), ("millbrook", 1))
    for side in ("riverton", "millbrook", None):
        lines = table_why(TOWNS, state, side).lines
        assert any(
            "Goodwill between the towns had risen to 75, and this way needed it at 70 or more" in x
            for x in lines
        )
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


@settings(max_examples=60)
@given(tables().flatmap(lambda t: table_games(t).map(lambda g: (t, g))))
def test_both_sides_are_told_the_same_moves_when_no_private_meter_counted(
    case: tuple[Table, list[int]],
) -> None:
    # The generated routes test flags (shared and private) and the shared meter only: each
    # cause is a move both sides saw made, so each side, and the shared screen, name the
    # same moves, and no one reads "Something only … could see".
    table, picks = case
    state = play_table(table, picks)
    whys = {side: table_why(table, state, side) for side in (*table.role_ids, None)}
    named = {side: set(why.named) for side, why in whys.items()}
    assert named["north"] == named["south"] == named[None], (named, state.path)
    for side, why in whys.items():
        assert not any("Something only" in line for line in why.lines), (side, why.lines)
        assert why.deciders == whys[None].deciders


def test_a_move_shown_to_both_is_named_to_both_where_a_private_flag_counted() -> None:
    # The trial's game 1: both press for June, the draft is on the table, Japan signs and
    # Russia backs away. Russia's readiness to sign is its own, but its move was shown.
    table = check([bundled_root()]).tables["ministers-2019-table"]
    state = start_table(table)
    for role, number in GAME_1:
        state = submit(table, state, role, number)
    assert state.scene == "obstacle-unnamed"
    step = "At “A draft for June”, the table went to “A list on paper”"
    said = {}
    for side in ("japan", "russia", None):
        lines = table_why(table, state, side).lines
        said[side] = next(x for x in lines if x.startswith(step))
        assert "Something only" not in "\n".join(lines), (side, lines)
    assert said["japan"] == f"{step}: Russia's delegation chose “Back away: not without full…”."
    assert said["russia"] == f"{step}: you chose “Back away: not without full…”."
    assert "ready to sign" not in said["japan"]


GAME_1 = (
    *(("japan", 1), ("russia", 1)),  # Munich: the agreed basis, both
    *(("japan", 1), ("russia", 1)),  # both agree to the deputies' channel
    ("japan", 2),  # Tokyo wants Lavrov soon, for June
    *(("japan", 2), ("russia", 2)),  # Moscow: the 1956 declaration; the Asia-Pacific agenda
    *(("japan", 1), ("russia", 2)),  # both work towards June: the draft
    *(("japan", 1), ("russia", 2)),  # Japan signs, Russia backs away
    ("russia", 2),  # the list kept for the ministers
    ("japan", 1),  # the new minister: the 1956 declaration
    *(("japan", 1), ("russia", 2)),  # Nagoya: the visit agreed, cooperation only
)


def test_only_the_other_sides_private_meter_is_hidden_as_something_only_it_could_see() -> None:
    data = {
        "id": "pride",
        "title": "Pride",
        "summary": "Two councils meet.",
        "roles": {"north": {"name": "North's council"}, "south": {"name": "South's council"}},
        "year": 2024,
        "meters": {"pride": {"label": "North's pride", "start": 50, "side": "north"}},
        "start": "hall",
        "scenes": {
            "hall": {
                "title": "The hall",
                "text": "Both sit down.",
                "moves": {
                    "north": [{"text": "Boast", "effects": {"pride": 30}}, {"text": "Listen"}],
                    "south": [{"text": "Flatter", "effects": {"pride": 10}}, {"text": "Wait"}],
                },
                "route": [{"if": "pride >= 70", "goto": "proud"}, {"goto": "calm"}],
            }
        },
        "endings": {
            e: {"title": e.title(), "kind": "counterfactual", "text": "It ends.", "history": "-"}
            for e in ("proud", "calm")
        },
    }
    table = Table.model_validate(data)
    state = start_table(table)
    for role, number in (("north", 1), ("south", 1)):
        state = submit(table, state, role, number)
    north = table_why(table, state, "north").lines
    south = table_why(table, state, "south").lines
    assert (
        "  North's pride had risen to 90, and this way needed it at 70 or more. It was pushed"
        " up by “Boast” (you, +30) and “Flatter” (South's council, +10)."
    ) in north
    assert "  Something only North's council could see counted too." in south
    assert not any("pride" in line or "Boast" in line for line in south), south
