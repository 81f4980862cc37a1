"""`treaty explore`, `treaty graph` and `validate --strict`: planted problems found with an
example path, golden files for the output, and every bundled scenario explores clean."""

import json
import subprocess
from pathlib import Path

import pytest
from inprocess import run_game

from game.analysis import as_json, as_text, explore
from game.content.catalog import check
from game.content.paths import bundled_root
from helpers import SCENARIO, write

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
PLANTED = check([DATA / "planted-problems.yaml"]).scenarios["planted-problems"]


def treaty(*args: str) -> subprocess.CompletedProcess[str]:
    return run_game(args, cwd=Path.cwd())


def texts(path: list) -> list[str]:  # type: ignore[type-arg]
    return [step.text for step in path]


def test_a_soft_lock_is_found_with_its_path_and_state() -> None:
    [stuck] = explore(PLANTED).soft_locks
    assert stuck.scene == "stuck"
    assert texts(stuck.path) == ["Ask a question"]
    assert stuck.meters == {"trust": 50} and stuck.flags == ["asked"]


def test_a_loop_with_no_way_out_is_a_trap() -> None:
    traps = explore(PLANTED).traps
    assert [t.scene for t in traps] == ["loop-a", "loop-b"]
    assert texts(traps[1].path) == ["Go round the houses", "Carry on"]


def test_choices_never_enabled_and_endings_never_reached() -> None:
    result = explore(PLANTED)
    assert [(s.scene, s.number) for s in result.never_enabled] == [
        ("opening", 3),
        ("loop-b", 2),
        ("stuck", 1),
    ]
    assert result.unreachable_endings == ["forgotten"]
    assert not result.clean


def test_path_counts_and_shortest_paths() -> None:
    scenario = check([DATA / "golden-scenario.yaml"]).scenarios["golden-scenario"]
    result = explore(scenario)
    counts = {e.id: e.paths for e in result.endings}
    assert counts == {"positions-restated": 1, "talks-stall": 3, "framework-agreed": 1}
    assert result.clean and result.unreachable_scenes == []
    assert result.meter_ranges == {"trust": (25, 70), "support": (55, 65)}


def test_loops_make_path_counts_unbounded(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        "      - text: Walk out\n        goto: talks-stall\n",
        "      - text: Walk out\n        goto: talks-stall\n      - text: Start over\n        goto: opening\n",
    )
    scenario = check([write(tmp_path, "s.yaml", text)]).scenarios["test-scenario"]
    result = explore(scenario)
    assert {e.id: e.paths for e in result.endings}["talks-stall"] is None
    assert result.clean  # a loop with a way out is no trap


def test_too_many_states_stops_with_a_clear_message(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        "      - text: Walk out\n        goto: talks-stall\n",
        "      - text: Walk out\n        goto: talks-stall\n      - text: Inch forward\n        effects: {trust: +1}\n        goto: opening\n",
    ).replace("    start: 40", "    start: 0\n    max: 1000")
    scenario = check([write(tmp_path, "s.yaml", text)]).scenarios["test-scenario"]
    result = explore(scenario, max_states=50)
    assert not result.complete and not result.clean
    assert result.too_large is not None
    assert result.too_large.startswith("stopped after 50 states")
    assert "meter `trust` (" in result.too_large and "--max-states" in result.too_large


@pytest.mark.parametrize("scenario_id", sorted(check([bundled_root()]).scenarios))
def test_every_bundled_scenario_explores_clean(scenario_id: str) -> None:
    scenario = check([bundled_root()]).scenarios[scenario_id]
    result = explore(scenario)
    assert result.clean, as_json(result)
    assert any(e.kind == "historical" and e.reachable for e in result.endings)
    assert result.never_enabled == []


@pytest.mark.parametrize(
    ("args", "golden", "code"),
    [
        (["explore", "tests/data/golden-scenario.yaml"], "golden-scenario.explore.txt", 0),
        (
            ["explore", "tests/data/golden-scenario.yaml", "--json"],
            "golden-scenario.explore.json",
            0,
        ),
        (
            ["graph", "tests/data/golden-scenario.yaml", "--format", "mermaid"],
            "golden-scenario.mermaid",
            0,
        ),
        (["graph", "tests/data/golden-scenario.yaml", "--format", "dot"], "golden-scenario.dot", 0),
        (["explore", "tests/data/planted-problems.yaml"], "planted-problems.explore.txt", 1),
        # Meters with marks: explore says which marks some path reaches; graph notes them.
        (["explore", "tests/data/marks-scenario.yaml"], "marks-scenario.explore.txt", 0),
        (["explore", "tests/data/marks-scenario.yaml", "--json"], "marks-scenario.explore.json", 0),
        (
            ["graph", "tests/data/marks-scenario.yaml", "--format", "mermaid"],
            "marks-scenario.mermaid",
            0,
        ),
        (["graph", "tests/data/marks-scenario.yaml", "--format", "dot"], "marks-scenario.dot", 0),
    ],
)
def test_output_matches_the_golden_files(args: list[str], golden: str, code: int) -> None:
    root = Path(__file__).parent.parent
    result = run_game(args, cwd=root)
    assert result.returncode == code, result.stderr
    assert result.stdout == (GOLDEN / golden).read_text(encoding="utf-8")


def test_json_is_the_same_report() -> None:
    data = json.loads((GOLDEN / "golden-scenario.explore.json").read_text(encoding="utf-8"))
    assert data["clean"] is True and data["states"] == 9
    assert [e["paths"] for e in data["endings"]] == [1, 3, 1]


def test_validate_strict_names_each_problem_at_its_place() -> None:
    root = Path(__file__).parent.parent
    result = run_game(["validate", "--strict", "tests/data/planted-problems.yaml"], cwd=root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        "tests/data/planted-problems.yaml:42:3: error TT330: scene `stuck` can leave the student stuck with no choice to take; reached by: “Ask a question”"
        in lines
    )
    assert (
        "tests/data/planted-problems.yaml:29:3: error TT331: from scene `loop-a` no ending can be reached (nor from `loop-b`, where it leads); reached by: “Go round the houses”"
        in lines
    )
    assert (
        "tests/data/planted-problems.yaml:54:3: error TT333: ending `forgotten` can never be reached"
        in lines
    )
    assert (
        "tests/data/planted-problems.yaml:24:9: warning TT335: choice 3 of scene `opening` is never enabled in any reachable situation"
        in lines
    )
    assert not any("from scene `loop-b`" in line for line in lines)  # the loop, said once
    assert lines[-1] == "1 file checked: 3 errors, 4 warnings"


def _vast_scenario(meters: int = 30, flags: int = 20) -> str:
    """A scenario whose meters and flags combine into more situations than any computer
    could visit: every choice moves one meter or sets one flag, and comes back."""
    lines = [
        "id: vast",
        "title: Vast",
        "summary: Every meter and flag combines with every other.",
        "role: japan",
        "year: 2019",
        "meters:",
        *(f"  m{i}: {{label: Meter {i}, start: 0}}" for i in range(meters)),
        f"flags: [{', '.join(f'f{i}' for i in range(flags))}]",
        "start: table",
        "scenes:",
        "  table:",
        "    text: Round and round.",
        "    choices:",
        *(f"      - {{text: Push {i}, effects: {{m{i}: +1}}, goto: table}}" for i in range(meters)),
        *(f"      - {{text: Mark {i}, set: [f{i}], goto: table}}" for i in range(flags)),
        "      - {text: Stop, goto: stop}",
        "endings:",
        "  stop:",
        "    title: Stop",
        "    kind: counterfactual",
        "    text: It stops.",
        "    history: Nothing like this happened.",
    ]
    return "\n".join(lines) + "\n"


def test_an_exploration_stops_on_time_and_says_what_makes_it_large(tmp_path: Path) -> None:
    scenario = check([write(tmp_path, "vast.yaml", _vast_scenario())]).scenarios["vast"]
    result = explore(scenario, max_states=10_000_000, max_seconds=0.5)
    assert not result.complete and not result.clean
    assert result.traps == []  # states never explored are not called traps
    assert result.too_large is not None
    assert result.too_large.startswith(f"stopped after 0.5 seconds ({result.states:,} states)")
    assert "meter `m" in result.too_large and "--max-seconds" in result.too_large
    # What was not reached in part of the situations is not called unreachable.
    text = as_text(result)
    assert "NEVER REACHED" not in text and "no path reaches" not in text
    assert text.splitlines()[-1].startswith("The exploration did not finish: 0 soft-lock(s)")


def test_explore_and_test_stop_on_time_from_the_command_line(tmp_path: Path) -> None:
    path = write(tmp_path, "vast.yaml", _vast_scenario())
    for command in (["explore", str(path)], ["test", str(path), "--runs", "5"]):
        result = run_game([*command, "--max-seconds", "0.3"], cwd=Path.cwd())
        assert result.returncode == 1, result.stderr
        assert "stopped after 0.3 seconds" in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("command", "refused"),
    [
        (["explore", "singapore-2018", "--max-states", "0"], "must be at least 1, not 0"),
        (["explore", "singapore-2018", "--max-states", "-5"], "must be at least 1, not -5"),
        (["explore", "singapore-2018", "--max-seconds", "0"], "must be more than 0 seconds"),
        (["explore", "singapore-2018", "--max-seconds", "nan"], "must be more than 0 seconds"),
        (["test", "--runs", "0"], "must be at least 1, not 0"),
        (["test", "--runs", "-1"], "must be at least 1, not -1"),
        (["test", "--max-states", "0"], "must be at least 1, not 0"),
    ],
)
def test_limits_refuse_zero_and_negatives(command: list[str], refused: str) -> None:
    result = run_game(command, cwd=Path.cwd())
    assert result.returncode == 2
    assert refused in result.stderr
    assert "Traceback" not in result.stderr


def test_a_route_that_loops_is_reported_and_its_scene_is_reached_only_where_it_resolves() -> None:
    """Routes are followed by the engine (`advance`), the exploration only records them:
    a route that comes back to itself when trust is high is a route loop, with the path
    to it; the routing scene still counts as reached, by the step where it resolves."""
    from game.content.models import Scenario

    scenario = Scenario.model_validate(
        {
            "id": "route-loop",
            "title": "Route loop",
            "summary": "A routing scene that comes back to itself.",
            "role": "japan",
            "year": 2019,
            "meters": {"trust": {"label": "Trust", "start": 50}},
            "start": "opening",
            "scenes": {
                "opening": {
                    "text": "Begin.",
                    "choices": [
                        {"text": "Warm up", "effects": {"trust": 20}, "goto": "verdict"},
                        {"text": "Cool down", "effects": {"trust": -20}, "goto": "verdict"},
                    ],
                },
                "verdict": {
                    "route": [{"if": "trust > 60", "goto": "verdict"}, {"goto": "done"}],
                },
                "never": {
                    "text": "Nothing leads here.",
                    "choices": [{"text": "On", "goto": "done"}],
                },
            },
            "endings": {
                "done": {"title": "Done", "kind": "counterfactual", "text": "x", "history": "y"}
            },
        }
    )
    result = explore(scenario)
    [loop] = result.route_loops
    assert loop.scene == "opening" and loop.meters == {"trust": 50}
    assert texts(loop.path) == [
        "Warm up (routes lead round in a loop with no choice: verdict -> verdict)"
    ]
    assert result.unreachable_scenes == ["never"]
    assert [(e.id, e.reachable, e.paths) for e in result.endings] == [("done", True, 1)]


def test_a_mark_is_reached_when_some_path_takes_the_meter_to_it_from_its_start() -> None:
    from game.analysis.marks_reached import marks_reached

    scenario = check([DATA / "marks-scenario.yaml"]).scenarios["marks-scenario"]
    meters = dict(scenario.meters)
    trust = meters["trust"].model_copy(update={"marks": {70: "a", 40: "b", 71: "c", 25: "d"}})
    changed = scenario.model_copy(update={"meters": {**meters, "trust": trust}})
    found = {
        m.mark: m.reach for m in marks_reached(changed, {"trust": (25, 70)}) if m.meter == "trust"
    }
    assert found == {70: "reached", 40: "start", 71: "never", 25: "reached"}
    assert [m.reach for m in explore(scenario).marks] == ["reached", "never"]
