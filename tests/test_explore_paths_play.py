"""`treaty explore --json` gives each ending's shortest path in the numbers a student
types: piped into `treaty play --plain`, every path plays to its ending."""

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from inprocess import run_game

from game.analysis import as_json, explore
from game.content.catalog import check
from game.content.models import Scenario
from game.content.paths import bundled_root
from game.plain.play import PlainGame

ROOT = Path(__file__).resolve().parent.parent
CATALOG = check([bundled_root()])


def typed(path: list[dict[str, object]]) -> list[str]:
    return [str(step["choice"]) for step in path]


def plain_play(scenario: Scenario, answers: list[str]) -> list[str]:
    """Plain play of `scenario` with these lines typed, then the end of input."""
    lines = iter(answers)
    said: list[str] = []

    def ask(prompt: str) -> str:
        said.append(prompt)
        try:
            return next(lines)
        except StopIteration:
            raise EOFError from None

    PlainGame(scenario, CATALOG, ask, said.append).play()
    return said


def every_ending() -> Iterator[tuple[str, str, str, list[str]]]:
    for scenario_id, scenario in sorted(CATALOG.scenarios.items()):
        report = as_json(explore(scenario))
        for ending in report["endings"]:
            yield scenario_id, ending["id"], ending["title"], typed(ending["shortest_path"])


ENDINGS = list(every_ending())


def test_every_bundled_ending_is_listed() -> None:
    assert len(ENDINGS) == sum(len(s.endings) for s in CATALOG.scenarios.values())
    assert all(answers for *_, answers in ENDINGS)


@pytest.mark.parametrize(
    ("scenario_id", "ending_id", "title", "answers"),
    ENDINGS,
    ids=[f"{scenario_id}/{ending_id}" for scenario_id, ending_id, *_ in ENDINGS],
)
def test_each_json_path_plays_to_its_ending_in_plain_play(
    scenario_id: str, ending_id: str, title: str, answers: list[str]
) -> None:
    scenario = CATALOG.scenarios[scenario_id]
    said = plain_play(scenario, answers)
    # Every number typed was taken: none was refused and asked again.
    assert not any(line.startswith("Please type one of the numbers") for line in said), said
    ending = scenario.endings[ending_id]
    assert f"\nEnding: {title} ({ending.kind})" in said


def test_a_hidden_choice_takes_no_number_in_the_json_path() -> None:
    # singapore-2018's first room hides a choice: the path to "projects-instead" takes the
    # fifth choice written, shown as the fourth.
    report = explore(CATALOG.scenarios["singapore-2018"])
    hidden = [
        (step.number, step.shown)
        for ending in report.endings
        for step in ending.shortest
        if step.shown != step.number
    ]
    assert hidden and all(shown is not None and shown < number for number, shown in hidden)


def test_the_json_path_piped_into_the_command_plays(tmp_path: Path) -> None:
    # The teacher's way, through the commands themselves (with no saved game to resume).
    env = {**os.environ, "NO_COLOR": "1", "TREATY_DATA_DIR": str(tmp_path)}
    explored = run_game(
        ["explore", "singapore-2018", "--json"],
        cwd=ROOT,
        env=env,
    )
    assert explored.returncode == 0, explored.stderr
    endings = json.loads(explored.stdout)["endings"]
    ending = next(e for e in endings if e["id"] == "projects-instead")
    played = run_game(
        ["play", "singapore-2018", "--plain"],
        cwd=ROOT,
        env=env,
        stdin="\n".join(typed(ending["shortest_path"])) + "\n",
    )
    assert played.returncode == 0, played.stderr
    assert played.stdout.splitlines()[-1] == f"Ending: {ending['title']} (counterfactual)"
