"""Two delegations at one table (issue 34): the format, its loader and its messages.

Every new message has a golden line here (tests/test_codes.py counts them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.catalog import check
from helpers import SCENARIO, check_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOWNS = (FIXTURES / "two-towns.yaml").read_text(encoding="utf-8")


def _towns(old: str, new: str) -> str:
    assert old in TOWNS, old
    return TOWNS.replace(old, new, 1)


def test_the_two_town_table_loads_as_a_table_with_no_problem() -> None:
    catalog = check([FIXTURES / "two-towns.yaml"])
    assert catalog.problems == []
    table = catalog.tables["two-towns"]
    assert "two-towns" not in catalog.scenarios
    assert table.role_ids == ("riverton", "millbrook")
    assert table.roles["millbrook"].name == "Millbrook's council"
    assert table.meters["repairs"].side == "riverton"
    assert table.meters["goodwill"].side is None
    assert table.flags["millbrook-ready-to-walk"].side == "millbrook"
    opening = table.scenes["opening"]
    assert opening.moves is not None
    assert [m.text for m in opening.moves["millbrook"]] == [
        "Offer to share the cost of repairs",
        "Refuse any toll",
    ]
    assert table.scenes["second-round"].side == "millbrook"
    assert table.endings["no-deal"].debriefs["millbrook"].startswith("Your traders")


def test_a_format_1_scenario_is_still_a_scenario(tmp_path: Path) -> None:
    assert check_text(tmp_path, "test-scenario.yaml", SCENARIO) == []
    catalog = check([tmp_path / "test-scenario.yaml"])
    assert list(catalog.scenarios) == ["test-scenario"]
    assert catalog.tables == {}


def test_a_shared_meter_may_say_which_way_is_good_for_each_side(tmp_path: Path) -> None:
    text = _towns(
        "    start: 50\n    good: high\n",
        "    start: 50\n    good: {riverton: high, millbrook: low}\n",
    )
    path = tmp_path / "two-towns.yaml"
    path.write_text(text, encoding="utf-8")
    catalog = check([path])
    assert catalog.problems == []
    assert catalog.tables["two-towns"].meters["goodwill"].good == {
        "riverton": "high",
        "millbrook": "low",
    }


GOLDEN = [
    pytest.param(
        _towns(
            "  millbrook:\n    name: Millbrook's council\n",
            "  millbrook:\n    name: Millbrook's council\n  hilltop:\n    name: Hilltop\n",
        ),
        "two-towns.yaml:7:1: error TT380: a table has exactly two roles under `roles:` (one "
        "for each delegation); this one has 3",
        id="TT380",
    ),
    pytest.param(
        _towns("roles:\n", "role: riverton\nroles:\n"),
        "two-towns.yaml:7:1: error TT381: `role:` and `roles:` together: a table has "
        "`roles:` in place of `role:`; remove `role:`",
        id="TT381",
    ),
    pytest.param(
        _towns("    side: riverton\n    good: high\n", "    side: rivertown\n    good: high\n"),
        "two-towns.yaml:29:11: error TT382: `side: rivertown` names no role under `roles:`; "
        "did you mean `riverton`? (the roles are `riverton` and `millbrook`)",
        id="TT382",
    ),
    pytest.param(
        _towns(
            "    route:\n      - if: riverton-asked-high and millbrook-ready-to-walk\n"
            "        goto: walkout\n      - if: goodwill >= 70\n        goto: joint-plan\n"
            "      - goto: second-round\n",
            "",
        ),
        "two-towns.yaml:42:3: error TT383: scene `opening` has `moves:` but no `route:`: "
        "after both sides move, the route says where the table goes; add one (its last "
        "branch without `if:`)",
        id="TT383",
    ),
    pytest.param(
        _towns("    moves:\n      riverton:\n", "    moves:\n      rivertown:\n"),
        "two-towns.yaml:51:7: error TT384: moves for `rivertown`, which is not a role under "
        "`roles:`; did you mean `riverton`? (the roles are `riverton` and `millbrook`)",
        id="TT384",
    ),
    pytest.param(
        _towns("    moves:\n      riverton:\n", "    moves:\n      rivertown:\n"),
        "two-towns.yaml:50:5: error TT385: scene `opening` has no moves for `riverton`: at a "
        "`moves:` scene both sides move; give each side at least one move (or make it a "
        "scene one side plays, with `side:` and `choices:`)",
        id="TT385",
    ),
    pytest.param(
        _towns(
            "      - text: Propose a toll for carts only\n        effects: {goodwill: +10}\n"
            "        goto: last-word\n",
            "      - text: Propose a toll for carts only\n        effects: {goodwill: +10}\n",
        ),
        "two-towns.yaml:78:9: error TT386: this choice of scene `second-round` (played by "
        "one side) needs a `goto:`: the scene or ending it leads to",
        id="TT386",
    ),
    pytest.param(
        _towns(
            "        - text: Ask for a small toll\n",
            "        - text: Ask for a small toll\n          goto: verdict\n",
        ),
        "two-towns.yaml:56:11: error TT387: a move has no `goto:`: after both sides move, the "
        "scene's `route:` says where the table goes; remove it (and test the move's flags in "
        "the route)",
        id="TT387",
    ),
    pytest.param(
        _towns("    title: The town hall\n", "    title: The town hall\n    side: riverton\n"),
        "two-towns.yaml:44:5: error TT388: scene `opening` has `moves:` and `side:`; at a "
        "`moves:` scene both sides move at once: keep `moves:`, or make it a scene one side "
        "plays (`side:` and `choices:`)",
        id="TT388",
    ),
    pytest.param(
        _towns("      70: the councils will sign", "      70: the councils will sign").replace(
            "      millbrook: Your traders take the long road round.\n", "      millbrok: x\n"
        ),
        "two-towns.yaml:116:7: error TT384: a debrief for `millbrok`, which is not a role "
        "under `roles:`; did you mean `millbrook`? (the roles are `riverton` and `millbrook`)",
        id="TT384-for",
    ),
    pytest.param(
        _towns(
            "      - text: Ask for a small toll\n", "      - text: Ask for a small toll\n"
        ).replace(
            "          effects: {repairs: +5, goodwill: +10}\n", "          effects: {repair: +5}\n"
        ),
        "two-towns.yaml:56:21: error TT314: the meter `repair` is not declared under "
        "`meters:`; did you mean `repairs`?",
        id="format-1-rules-hold-for-moves",
    ),
]


GOLDEN += [
    pytest.param(
        _towns(
            "    side: millbrook\n    text:\n      - The councils",
            "    text:\n      - The councils",
        ),
        "two-towns.yaml:70:3: error TT390: scene `second-round` has `choices:` but no `side:`: "
        "at a table, say which side plays it (`side: riverton`), or give both sides `moves:` "
        "and a `route:`",
        id="TT390",
    ),
]


@pytest.mark.parametrize(("text", "line"), GOLDEN)
def test_a_table_with_a_problem_gets_the_line(text: str, line: str, tmp_path: Path) -> None:
    lines = check_text(tmp_path, "two-towns.yaml", text)
    assert line in lines, "\n".join(lines)


ROOT = FIXTURES.parent.parent


def test_the_guides_table_is_the_tested_two_town_file() -> None:
    guide = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
    section = guide.split("### Two delegations at one table\n", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```\n", 1)[0]
    assert example == TOWNS


def test_the_references_table_example_loads_with_no_problem(tmp_path: Path) -> None:
    reference = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = reference.split("## Two delegations at one table", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```\n", 1)[0]
    head = "id: example-table\ntitle: A table\nsummary: An example.\nyear: 2024\nstart: opening\n"
    lines = check_text(tmp_path, "example-table.yaml", head + example)
    assert lines == []


def test_roles_mistyped_for_role_in_a_scenario_is_told_as_before(tmp_path: Path) -> None:
    lines = check_text(
        tmp_path, "test-scenario.yaml", SCENARIO.replace("role: japan", "roles: japan")
    )
    assert any("TT201" in line and "did you mean `role`?" in line for line in lines), lines
