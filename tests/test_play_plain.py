"""`treaty play SCENARIO --plain`, driven through standard input as a student would."""

import os
import re
import subprocess
from pathlib import Path

import pytest
from inprocess import run_game

from helpers import SCENARIO, write

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = "tests/data/golden-scenario.yaml"  # a frozen copy of the starter scenario


def play(*args: str, stdin: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run_game(
        ["play", *args],
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        stdin=stdin,
    )


@pytest.mark.parametrize(
    ("typed", "last_line", "shown"),
    [
        (
            "1\n1\n",
            "Ending: A framework agreement (counterfactual)",
            "This ending is counterfactual: it did not happen.",
        ),
        ("1\n2\n", "Ending: Talks stall (historical)", "What really happened:"),
        ("2\n2\n", "Ending: Positions restated (counterfactual)", "--- Positions restated ---"),
    ],
)
def test_the_starter_scenario_plays_to_each_ending(typed: str, last_line: str, shown: str) -> None:
    result = play(GOLDEN, "--plain", stdin=typed + "s\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == last_line
    assert shown in result.stdout
    # The debrief quotes its sources (s asks for the quotes).
    assert "\u201cIn November 2018, Russian President Vladimir Putin" in result.stdout
    assert "Traceback" not in result.stderr


def test_choices_are_numbered_in_the_order_written() -> None:
    result = play(GOLDEN, "--plain", stdin="")
    assert "1. [basis] Propose the 1956 Joint Declaration as the basis for talks" in result.stdout
    assert "2. [transfer] Insist that all four islands come first" in result.stdout


def test_end_of_input_quits_cleanly() -> None:
    result = play(GOLDEN, "--plain", stdin="1\n")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == (
        "Stopped before the end. Your choices are saved: run the same command to continue."
    )
    assert result.stderr == ""


def test_a_bad_or_disabled_number_asks_again(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        "      - text: Walk out\n", "      - text: Walk out\n        if: trust >= 90\n"
    )
    path = write(tmp_path, "mine.yaml", text)
    result = play(str(path), "--plain", stdin="2\n9\nyes\n1\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "2. (not available — you need: trust of at least 90) Walk out" in out
    assert "Choice 2 is not available — you need: trust of at least 90." in out
    assert "There is no choice 9 here; the choices are numbered 1 to 2." in out
    assert out.count("Please type one of the numbers: 1.") == 3
    assert "You chose: Propose the 1956 declaration" in out
    assert out.splitlines()[-1] == "Ending: A framework (counterfactual)"


def test_a_broken_scenario_file_gets_its_problems_not_a_game(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mine.yaml",
        SCENARIO.replace("goto: talks-stall\n  verdict", "goto: talks-stal\n  verdict"),
    )
    result = play(str(path), "--plain", stdin="1\n")
    assert result.returncode == 1
    assert (
        "mine.yaml:24:15: error TT312: `goto: talks-stal` names no scene or ending" in result.stderr
    )
    assert result.stdout == ""


def test_an_unknown_scenario_id_suggests_one() -> None:
    result = play("singapore-2019", "--plain", stdin="")
    assert result.returncode == 2
    assert "no scenario called `singapore-2019`; did you mean `singapore-2018`?" in result.stderr


def test_treaty_list_shows_id_title_year_and_role(tmp_path: Path) -> None:
    write(tmp_path, "class/scenarios/mine.yaml", SCENARIO)
    result = run_game(
        ["list", "--content", str(tmp_path / "class")],
        cwd=Path.cwd(),
    )
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    # A title that gives its year is not followed by it again; one that does not is.
    assert any(
        line.split()
        == ["singapore-2018", "Singapore,", "November", "2018", "(you", "lead:", "Japan)"]
        for line in lines
    )
    assert any(
        line.split()[:2] == ["memorandum-1960", "1960:"]
        and line.endswith("(you lead: the Soviet Union)")
        for line in lines
    )
    assert any(line.split()[:4] == ["test-scenario", "A", "test", "(2018)"] for line in lines)
    assert any(re.search(r"Treaties and declarations \(\d+ questions\)", line) for line in lines)


@pytest.mark.parametrize(
    "where",
    [
        ["--profile", "Ann", "--data-dir", "{data}", "play", GOLDEN, "--plain"],
        ["play", GOLDEN, "--plain", "--profile", "Ann", "--data-dir", "{data}"],
        ["--data-dir", "{data}", "play", GOLDEN, "--profile", "Ann", "--plain"],
    ],
)
def test_profile_and_data_dir_mean_the_same_before_or_after_the_command(
    tmp_path: Path, where: list[str]
) -> None:
    from game.store.progress import open_store

    data = tmp_path / "data"
    args = [a.replace("{data}", str(data)) for a in where]
    result = run_game(
        [*args],
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        stdin="1\n",
    )
    assert result.returncode == 0, result.stderr
    store = open_store(data)
    assert store.profiles() == ["Ann"]
    assert store.saved(store.profile("Ann")), "the choice is saved as Ann's"
