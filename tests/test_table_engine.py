"""The rules of a table (issue 34): sealed simultaneous moves, one-side scenes, refusals,
and what each side may see."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.content.catalog import check
from game.content.table_models import Table
from game.engine import ChoiceRefused
from game.engine.table import (
    available_moves,
    replay_table,
    start_table,
    submit,
    to_move,
)
from game.engine.table_view import side_view

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _towns() -> Table:
    return check([FIXTURES / "two-towns.yaml"]).tables["two-towns"]


TOWNS = _towns()


def test_at_a_moves_scene_both_sides_move_in_the_order_the_file_declares() -> None:
    state = start_table(TOWNS)
    assert to_move(TOWNS, state) == ("riverton", "millbrook")
    sealed = submit(TOWNS, state, "millbrook", 1)
    assert sealed.scene == "opening"  # nothing happens until both have moved
    assert sealed.meters == state.meters
    assert to_move(TOWNS, sealed) == ("riverton",)


def test_both_moves_are_applied_together_and_the_route_decides() -> None:
    state = submit(TOWNS, submit(TOWNS, start_table(TOWNS), "riverton", 2), "millbrook", 1)
    # +10 and +15 goodwill: 75, past the joint plan's 70.
    assert state.ended and state.scene == "joint-plan"
    assert dict(state.meters) == {"goodwill": 75, "repairs": 35, "traders": 50}
    assert state.path == (("opening", (("riverton", 2), ("millbrook", 1))),)


@given(st.data())
def test_the_order_the_sealed_moves_arrive_in_never_matters(data: st.DataObject) -> None:
    state = start_table(TOWNS)
    while not state.ended:
        roles = to_move(TOWNS, state)
        picks = {r: data.draw(st.sampled_from(available_moves(TOWNS, state, r)))[0] for r in roles}
        one_way = state
        for role in roles:
            one_way = submit(TOWNS, one_way, role, picks[role])
        other_way = state
        for role in reversed(roles):
            other_way = submit(TOWNS, other_way, role, picks[role])
        assert one_way == other_way
        state = one_way
    assert state.scene in TOWNS.endings


def test_a_move_from_the_wrong_side_is_refused() -> None:
    state = submit(TOWNS, start_table(TOWNS), "riverton", 1)
    state = submit(TOWNS, state, "millbrook", 2)  # high toll, refuse: walkout
    assert state.scene == "walkout"
    state = submit(TOWNS, submit(TOWNS, start_table(TOWNS), "riverton", 2), "millbrook", 2)
    assert state.scene == "second-round"
    with pytest.raises(ChoiceRefused, match="not Riverton's council's turn"):
        submit(TOWNS, state, "riverton", 1)


def test_a_second_move_by_the_same_side_is_refused() -> None:
    state = submit(TOWNS, start_table(TOWNS), "riverton", 1)
    with pytest.raises(ChoiceRefused, match="already moved"):
        submit(TOWNS, state, "riverton", 2)


def test_a_move_not_open_to_that_side_is_refused() -> None:
    # Millbrook offered to share: its walk-out (if millbrook-ready-to-walk) is not open.
    state = submit(TOWNS, submit(TOWNS, start_table(TOWNS), "riverton", 1), "millbrook", 1)
    assert state.scene == "second-round"
    assert [n for n, _ in available_moves(TOWNS, state, "millbrook")] == [1]
    with pytest.raises(ChoiceRefused, match="not available"):
        submit(TOWNS, state, "millbrook", 2)
    with pytest.raises(ChoiceRefused, match="no move 7"):
        submit(TOWNS, state, "millbrook", 7)
    with pytest.raises(ChoiceRefused, match="not a side"):
        submit(TOWNS, state, "hilltop", 1)


def test_a_condition_may_test_the_other_sides_private_flag() -> None:
    # Riverton's "Insist" needs its own flag; the opening's walkout route tests both.
    state = submit(TOWNS, submit(TOWNS, start_table(TOWNS), "riverton", 1), "millbrook", 1)
    state = submit(TOWNS, state, "millbrook", 1)
    assert state.scene == "last-word"
    assert [n for n, _ in available_moves(TOWNS, state, "riverton")] == [1, 2]
    assert available_moves(TOWNS, state, "millbrook") == []


def test_each_side_sees_its_brief_and_meters_never_the_others() -> None:
    state = submit(TOWNS, start_table(TOWNS), "millbrook", 2)
    river = side_view(TOWNS, state, "riverton")
    mill = side_view(TOWNS, state, "millbrook")
    assert river.brief.startswith("The bridge needs repairs")
    assert "traders" not in {m.name for m in river.meters}
    assert {m.name for m in river.meters} == {"goodwill", "repairs"}
    assert {m.name for m in mill.meters} == {"goodwill", "traders"}
    assert "Your traders wait outside for news." not in river.text
    assert "Your traders wait outside for news." in mill.text
    assert mill.sealed == 2 and river.sealed is None  # Riverton cannot see Millbrook's move
    assert mill.moves == ()  # Millbrook has moved: nothing more to choose here
    after = submit(TOWNS, state, "riverton", 2)
    assert "millbrook-ready-to-walk" in after.flags
    assert "millbrook-ready-to-walk" not in side_view(TOWNS, after, "riverton").flags
    assert "millbrook-ready-to-walk" in side_view(TOWNS, after, "millbrook").flags


def test_the_ending_gives_each_side_its_own_debrief() -> None:
    state = submit(TOWNS, submit(TOWNS, start_table(TOWNS), "riverton", 2), "millbrook", 1)
    assert side_view(TOWNS, state, "riverton").debrief == (
        "The repairs are paid for, and the customers keep coming."
    )
    assert side_view(TOWNS, state, "millbrook").debrief == (
        "Your traders pay a little, and the bridge stands."
    )


def test_a_saved_path_replays_and_a_changed_one_is_refused() -> None:
    state = submit(TOWNS, submit(TOWNS, start_table(TOWNS), "riverton", 1), "millbrook", 1)
    state = submit(TOWNS, state, "millbrook", 1)
    assert replay_table(TOWNS, list(state.path)) == state
    with pytest.raises(ChoiceRefused):
        replay_table(TOWNS, [["second-round", [["millbrook", 1]]]])
