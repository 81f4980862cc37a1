"""Hypothesis strategies for tables (issue 34): random two-role tables that satisfy the
format's rules, and random two-sided games through them.

    from hypothesis import given
    from game.testing.table_strategies import tables, table_games

    @given(tables().flatmap(lambda t: table_games(t).map(lambda g: (t, g))))
    def test_my_property(case): ...

A generated table has two roles, a shared meter and a private meter for each side, flags
shared and private, scenes where both sides move (with a route whose branches test both
sides' flags and meters), scenes one side plays, and endings with a debrief for each side.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from game.content.table_models import Table
from game.testing.table_checks import play_table

ROLES = ("north", "south")


@st.composite
def _move(draw: st.DrawFn, meters: list[str], flags: list[str], goto: str | None) -> dict[str, Any]:
    move: dict[str, Any] = {"text": draw(st.sampled_from(["Offer", "Refuse", "Wait", "Ask"]))}
    effects = draw(st.dictionaries(st.sampled_from(meters), st.integers(-30, 30), max_size=2))
    if effects:
        move["effects"] = effects
    sets = draw(st.lists(st.sampled_from(flags), max_size=1, unique=True))
    if sets:
        move["set"] = sets
    if draw(st.booleans()):
        flag = draw(st.sampled_from(flags))
        move["if"] = f"not {flag}" if draw(st.booleans()) else flag
    if goto is not None:
        move["goto"] = goto
    return move


@st.composite
def table_data(draw: st.DrawFn) -> dict[str, Any]:
    """A table as a teacher's file holds it (plain data, before loading)."""
    meters: dict[str, Any] = {"trust": {"label": "Trust", "start": draw(st.integers(0, 100))}}
    for role in ROLES:
        meters[f"{role}-home"] = {"label": f"Support at home ({role})", "start": 50, "side": role}
    flags: dict[str, Any] = {"shared-flag": "something both see"}
    for role in ROLES:
        flags[f"{role}-flag"] = {"means": f"{role} did it", "side": role}
    meter_names, flag_names = list(meters), list(flags)
    count = draw(st.integers(1, 4))
    names = [f"scene-{i}" for i in range(count)]
    endings = ["deal", "no-deal"]
    scenes: dict[str, Any] = {}
    for i, name in enumerate(names):
        onward = names[i + 1 :] + endings
        if draw(st.booleans()) or i == 0:
            moves = {
                role: draw(st.lists(_move(meter_names, flag_names, None), min_size=1, max_size=3))
                for role in ROLES
            }
            for role in ROLES:  # a move open whatever happened: no soft-lock
                moves[role][-1].pop("if", None)
            flag = draw(st.sampled_from(flag_names))
            scenes[name] = {
                "text": [
                    "Both read this.",
                    {"side": ROLES[0], "text": "Only north reads this."},
                    {"if": f"trust >= {draw(st.integers(0, 100))}", "text": "Trust is high."},
                ],
                "moves": moves,
                "route": [
                    {
                        "if": f"{flag} and trust >= {draw(st.integers(0, 100))}",
                        "goto": draw(st.sampled_from(onward)),
                    },
                    {"goto": draw(st.sampled_from(onward))},
                ],
            }
        else:
            side = draw(st.sampled_from(ROLES))
            choices = draw(
                st.lists(
                    st.sampled_from(onward).flatmap(lambda g: _move(meter_names, flag_names, g)),
                    min_size=1,
                    max_size=3,
                )
            )
            choices[-1].pop("if", None)
            scenes[name] = {"side": side, "text": "One side plays.", "choices": choices}
    return {
        "id": "generated-table",
        "title": "A generated table",
        "summary": "Made by Hypothesis.",
        "roles": {
            role: {"name": f"{role.title()}'s delegation", "brief": f"{role} only"}
            for role in ROLES
        },
        "year": 2000,
        "meters": meters,
        "flags": flags,
        "start": names[0],
        "scenes": scenes,
        "endings": {
            ending: {
                "title": ending,
                "kind": "counterfactual",
                "text": "It ends.",
                "history": "Invented.",
                "for": {role: f"{role}'s debrief" for role in ROLES},
            }
            for ending in endings
        },
    }


def tables() -> st.SearchStrategy[Table]:
    """Random valid tables (`table_data`, loaded)."""
    return table_data().map(Table.model_validate)


def table_games(table: Table, max_moves: int = 30) -> st.SearchStrategy[list[int]]:
    """Random two-sided games through `table`: the picks `play_table` takes."""
    return st.lists(st.integers(0, 1_000), max_size=max_moves)


__all__ = ["play_table", "table_data", "table_games", "tables"]
