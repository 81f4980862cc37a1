"""`game.testing`'s table strategies (issue 34), and the engine's rules over the tables
they make: sealed moves whose order never matters, private state never shown to the
other side, and the exploration finding every ending a game reaches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.analysis.table_explore import explore_table
from game.content.catalog import check
from game.content.table_models import Table
from game.engine.table import available_moves, start_table, submit, to_move
from game.engine.table_view import side_view
from game.testing.table_checks import check_table_state, play_table
from game.testing.table_strategies import table_data, table_games, tables


@settings(max_examples=25)
@given(table_data())
def test_every_generated_table_passes_the_loaders_checks(data: dict[str, Any]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated-table.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        catalog = check([path])
    assert catalog.errors == []
    assert list(catalog.tables) == ["generated-table"]


@settings(max_examples=30)
@given(tables().flatmap(lambda t: table_games(t).map(lambda g: (t, g))))
def test_a_two_sided_game_keeps_every_property(case: tuple[Table, list[int]]) -> None:
    table, picks = case
    check_table_state(table, play_table(table, picks))


@settings(max_examples=30)
@given(tables(), st.data())
def test_the_order_sealed_moves_arrive_in_never_matters(table: Table, data: st.DataObject) -> None:
    state = start_table(table)
    for _ in range(10):
        if state.ended:
            break
        roles = to_move(table, state)
        picks = {
            r: data.draw(st.sampled_from([n for n, _ in available_moves(table, state, r)]))
            for r in roles
        }
        forward, backward = state, state
        for role in roles:
            forward = submit(table, forward, role, picks[role])
        for role in reversed(roles):
            backward = submit(table, backward, role, picks[role])
        assert forward == backward
        state = forward


@settings(max_examples=30)
@given(tables().flatmap(lambda t: table_games(t).map(lambda g: (t, g))))
def test_a_side_never_sees_the_other_sides_private_state(case: tuple[Table, list[int]]) -> None:
    table, picks = case
    state = play_table(table, picks)
    for role in table.role_ids:
        view = side_view(table, state, role)
        other = next(r for r in table.role_ids if r != role)
        assert all(table.meters[m.name].side in (None, role) for m in view.meters)
        assert all(table.side_of(f) in (None, role) for f in view.flags)
        assert "Only north reads this." not in view.text or role == "north"
        assert view.debrief is None or view.debrief.startswith(role)
        assert other not in {m.name.split("-")[0] for m in view.meters if m.private}


@settings(max_examples=30)
@given(tables().flatmap(lambda t: table_games(t).map(lambda g: (t, g))))
def test_the_exploration_finds_every_ending_a_game_reaches(case: tuple[Table, list[int]]) -> None:
    table, picks = case
    state = play_table(table, picks)
    result = explore_table(table)
    assert result.soft_locks == []
    if state.ended:
        assert state.scene in result.endings
