"""Nothing a teacher types into a table breaks the game (issue 34): any value at any
place of the two-town table gets located messages with codes, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.catalog import check
from game.content.codes import Code

TOWNS = yaml.safe_load(
    (Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml").read_text("utf-8")
)

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.sampled_from(["riverton", "millbrook", "hilltop", "", "goodwill >= 70", "x and"]),
    st.lists(st.sampled_from(["riverton", 1, None]), max_size=3),
    st.dictionaries(st.sampled_from(["riverton", "millbrook", "side", "text"]), st.integers()),
)


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _places(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _places(value, (*path, i))
    return found


PLACES = _places(TOWNS)[1:]


def _put(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    import copy

    data = copy.deepcopy(data)
    here = data
    for step in path[:-1]:
        here = here[step]
    here[path[-1]] = value
    return data


@settings(max_examples=60)
@given(st.sampled_from(PLACES), _VALUES)
def test_any_value_anywhere_is_a_located_message_never_a_crash(
    place: tuple[Any, ...], value: Any
) -> None:
    text = yaml.safe_dump(_put(TOWNS, place, value), sort_keys=False, allow_unicode=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "two-towns.yaml"
        path.write_text(text, encoding="utf-8")
        catalog = check([path])
    assert all(p.code != Code.UNEXPECTED for p in catalog.problems), catalog.problems
    assert all(p.line >= 1 for p in catalog.problems)
    for table in catalog.tables.values():  # what loads, explores without a traceback
        from game.analysis.table_explore import explore_table

        explore_table(table, max_states=500)


def test_a_one_side_choice_with_an_empty_goto_is_told(tmp_path: Path) -> None:
    data = _put(TOWNS, ("scenes", "second-round", "choices", 0, "goto"), None)
    path = tmp_path / "two-towns.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    catalog = check([path])
    assert [p.code for p in catalog.errors] == [Code.SIDE_CHOICE_WITHOUT_GOTO]
    assert catalog.tables == {}
