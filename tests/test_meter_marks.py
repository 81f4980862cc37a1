"""A meter's `good:`, `means:` and `marks:` (issue 30, part A): the loader's messages,
the engine's readings of a mark, and plain mode's meter lines."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.content.catalog import check
from game.content.models import Meter
from game.content.paths import bundled_root
from game.content.vocabulary import GOOD_WAYS
from game.engine import apply_choice, start
from game.engine.marks import GOOD_WORDS, mark_reading, marks_passed, nearest_mark
from game.plain.play import PlainGame
from game.testing.strategies import scenario_data
from helpers import SCENARIO, check_text, write

S = SCENARIO.replace("id: test-scenario", "id: scenario")

MARKED = S.replace(
    "    label: Trust\n    start: 40\n",
    "    label: Trust\n    start: 40\n    good: high\n    means: how far they believe your word\n"
    "    marks:\n      50: the talks can go on\n",
)
"""The test scenario with a mark its route tests (`trust >= 50`)."""


def marked(extra: str) -> str:
    return MARKED.replace(
        "      50: the talks can go on\n", f"      50: the talks can go on\n{extra}"
    )


# --- The loader's messages ------------------------------------------------------------


def test_a_scenario_with_marks_has_no_problem(tmp_path: Path) -> None:
    assert check_text(tmp_path, "scenario.yaml", MARKED) == []
    scenario = check([tmp_path / "scenario.yaml"]).scenarios["scenario"]
    trust = scenario.meters["trust"]
    assert (trust.good, trust.means, trust.marks) == (
        "high",
        "how far they believe your word",
        {50: "the talks can go on"},
    )


def test_a_file_without_the_new_keys_reads_as_before(tmp_path: Path) -> None:
    assert check_text(tmp_path, "scenario.yaml", S) == []
    trust = check([tmp_path / "scenario.yaml"]).scenarios["scenario"].meters["trust"]
    assert (trust.good, trust.means, trust.marks) == (None, None, {})


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param(
            marked("      half: the middle\n"),
            "scenario.yaml:15:7: error TT340: in meter `trust`, a mark is a whole number of "
            "the meter, like `70: the talks can go on`, but found `half`",
            id="TT340",
        ),
        pytest.param(
            marked("      120: too far\n"),
            "scenario.yaml:15:7: error TT341: meter `trust` has a mark at 120, outside its "
            "range 0 to 100",
            id="TT341",
        ),
        pytest.param(
            marked("      20: the talks break off\n"),
            "scenario.yaml:15:7: warning TT342: no condition compares `trust` with 20 (such as "
            "`trust >= 20` or `trust < 20`), so nothing happens at this mark: test it in an "
            "`if:`, or remove the mark",
            id="TT342",
        ),
        pytest.param(
            marked('      "+50": again\n'),
            "scenario.yaml:15:7: error TT343: meter `trust` has a mark at 50 twice (`50:` and "
            "`+50:`); keep one",
            id="TT343",
        ),
        pytest.param(
            MARKED.replace("good: high", "good: up"),
            "scenario.yaml:11:11: error TT204: `good: up` is not allowed; use `high` or `low`",
            id="good",
        ),
    ],
)
def test_the_file_gets_the_line(text: str, line: str, tmp_path: Path) -> None:
    assert check_text(tmp_path, "scenario.yaml", text) == [line]


@given(key=st.text(max_size=12), words=st.text(max_size=12))
def test_any_mark_a_teacher_types_loads_or_gets_a_located_message(
    tmp_path_factory: pytest.TempPathFactory, key: str, words: str
) -> None:
    marks = yaml.safe_dump({"marks": {key: words}}, allow_unicode=True, width=10_000)
    text = MARKED.replace(
        "    marks:\n      50: the talks can go on\n", textwrap.indent(marks, "    ")
    )
    lines = check_text(tmp_path_factory.mktemp("m"), "scenario.yaml", text)
    assert all(re.match(r"scenario\.yaml:\d+:\d+: (error|warning) TT\d{3}: ", ln) for ln in lines)
    if not lines:
        assert re.fullmatch(r"[+-]?[0-9]{1,9}", key.strip())


def test_a_mark_tested_from_the_other_side_or_under_not_counts(tmp_path: Path) -> None:
    text = marked("      30: wary\n").replace(
        "if: trust >= 50 and proposed-1956", "if: not (30 > trust) and trust >= 50"
    )
    assert check_text(tmp_path, "scenario.yaml", text) == []


def test_no_warning_about_marks_while_the_file_has_an_error(tmp_path: Path) -> None:
    text = marked("      20: the talks break off\n").replace(
        "goto: talks-stall\n", "goto: nowhere\n", 1
    )
    lines = check_text(tmp_path, "scenario.yaml", text)
    assert lines and not any("TT342" in line for line in lines)


# --- The engine's readings ------------------------------------------------------------

TRUST = Meter(label="Trust", start=40, marks={70: "a draft", 20: "a walk-out"})


def test_every_good_way_has_its_words() -> None:
    assert set(GOOD_WORDS) == set(GOOD_WAYS)


def test_the_nearest_mark_is_placed_from_the_value() -> None:
    assert mark_reading(TRUST, 55) == "15 below the mark at 70: a draft"
    assert mark_reading(TRUST, 30) == "10 above the mark at 20: a walk-out"
    assert mark_reading(TRUST, 70) == "at the mark 70: a draft"
    assert mark_reading(TRUST, 45) == "25 above the mark at 20: a walk-out"  # as near: lower
    assert mark_reading(Meter(label="T", start=1), 1) is None


def test_a_move_announces_the_marks_it_reaches_or_passes() -> None:
    assert [str(m) for m in marks_passed(TRUST, 10, 75)] == [
        "Trust rose above 20 (now 75): a walk-out",
        "Trust rose above 70 (now 75): a draft",
    ]
    assert [str(m) for m in marks_passed(TRUST, 75, 70)] == ["Trust fell to 70: a draft"]
    assert [str(m) for m in marks_passed(TRUST, 70, 75)] == []
    assert [str(m) for m in marks_passed(TRUST, 25, 5)] == [
        "Trust fell below 20 (now 5): a walk-out"
    ]


@given(
    marks=st.dictionaries(st.integers(0, 100), st.just("words"), max_size=5),
    old=st.integers(0, 100),
    new=st.integers(0, 100),
)
def test_a_mark_is_announced_iff_the_move_reaches_or_passes_it(
    marks: dict[int, str], old: int, new: int
) -> None:
    meter = Meter(label="M", start=0, marks=marks)
    passed = {m.mark for m in marks_passed(meter, old, new)}
    for mark in marks:
        between = min(old, new) <= mark <= max(old, new)
        assert (mark in passed) == (between and mark != old)
    found = nearest_mark(meter, old)
    if marks:
        assert found is not None and all(abs(found[0] - old) <= abs(m - old) for m in marks)


# --- Plain mode -----------------------------------------------------------------------


def play_plain(tmp_path: Path, text: str, typed: list[str]) -> list[str]:
    path = write(tmp_path, "scenario.yaml", text)
    catalog = check([path])
    said: list[str] = []
    answers = iter(typed)
    game = PlainGame(catalog.scenarios["scenario"], catalog, lambda _: next(answers), said.append)
    game.play()
    return "\n".join(said).splitlines()


def test_plain_mode_shows_what_a_meter_is_for_and_announces_a_mark(tmp_path: Path) -> None:
    lines = play_plain(tmp_path, MARKED, ["1"])
    assert "  Trust: 40 (from 0 to 100, higher is better)" in lines
    assert "    how far they believe your word" in lines
    assert "    10 below the mark at 50: the talks can go on" in lines
    assert "  Trust: 40 -> 50 (+10)" in lines
    assert "  Trust rose to 50: the talks can go on" in lines


def test_plain_mode_without_marks_is_as_before(tmp_path: Path) -> None:
    lines = play_plain(tmp_path, S, ["1"])
    assert "  Trust: 40 (from 0 to 100)" in lines
    assert not any("mark" in line for line in lines)


def test_the_engine_plays_a_marked_scenario(tmp_path: Path) -> None:
    path = write(tmp_path, "scenario.yaml", MARKED)
    scenario = check([path]).scenarios["scenario"]
    assert apply_choice(scenario, start(scenario), 1).meter("trust") == 50


# --- The strategies, the starter and the schema ------------------------------------------


def test_the_strategies_make_marks_that_load_with_no_problem(tmp_path: Path) -> None:
    def has_marks(data: dict[str, Any]) -> bool:
        meters = data["meters"].values()
        return any(m.get("marks") for m in meters) and any(m.get("good") for m in meters)

    # The first such file found will do: shrinking it would take minutes.
    quick = settings(phases=[Phase.generate], database=None, max_examples=500)
    data = find(scenario_data(), has_marks, settings=quick)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    catalog = check([path])
    assert catalog.errors == []
    assert [p for p in catalog.problems if p.code.startswith("TT34")] == []
    scenario = catalog.scenarios[data["id"]]
    for name, meter in data["meters"].items():
        marks = {int(v): words for v, words in meter.get("marks", {}).items()}
        assert scenario.meters[name].marks == marks


def test_the_starter_scenario_shows_a_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TREATY_CONFIG_DIR", str(tmp_path / "config"))
    assert main(["new", "scenario", "first-talks"]) == 0
    folder = tmp_path / "treaty-content"
    catalog = check([bundled_root(), folder])
    assert catalog.problems == []
    trust = catalog.scenarios["first-talks"].meters["trust"]
    assert trust.good == "high" and trust.means and trust.marks
    schema = json.loads((folder / "schemas" / "scenario.schema.json").read_text())
    meter = schema["$defs"]["Meter"]["properties"]
    assert {"good", "means", "marks"} <= set(meter)
    assert meter["marks"]["propertyNames"]["pattern"]
