"""The command line as it is read: every command's help, and each shared option meaning
the same before the command and after it, pinned against golden files written by the
command line before it became a package of one module per command."""

from __future__ import annotations

import argparse
import contextlib
import inspect
import io
import json
from pathlib import Path
from typing import Any

import pytest

from game.analysis.explore import DEFAULT_MAX_SECONDS, DEFAULT_MAX_STATES
from game.cli import ExitStatus, build_parser
from game.cli.parser import read_command_line

GOLDEN = Path(__file__).parent / "golden"
HELP = GOLDEN / "cli-help"
CASES: list[dict[str, Any]] = json.loads((GOLDEN / "cli-options.json").read_text())


def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(found[0].choices)


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps its help to the terminal's width


def test_every_command_has_its_help_as_before() -> None:
    parser = build_parser()
    helps = {"treaty": parser.format_help()}
    helps |= {name: sub.format_help() for name, sub in commands(parser).items()}
    assert sorted(helps) == sorted(p.stem for p in HELP.glob("*.txt"))
    for name, text in helps.items():
        assert text == (HELP / f"{name}.txt").read_text(), name


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c["argv"]) or "alone" for c in CASES])
def test_an_option_means_the_same_wherever_it_is_written(case: dict[str, Any]) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            read = read_command_line(case["argv"])
        except SystemExit as exc:
            read = exc.code  # argparse's own usage errors
    if isinstance(read, argparse.Namespace):
        given = {k: v for k, v in vars(read).items() if k != "run" and not k.startswith("app_")}
        assert (0, given) == (case["status"], case["args"])
    else:
        assert (read, {}) == (case["status"], case["args"])
    assert err.getvalue() == case["stderr"]


def test_the_exit_statuses_are_those_the_commands_always_gave() -> None:
    assert [int(s) for s in ExitStatus] == [0, 1, 2]


def test_the_limits_are_the_cores_own() -> None:
    from game.testing.checks import DEFAULT_RUNS, DEFAULT_SEED, random_playthroughs

    parser = commands(build_parser())
    explore = parser["explore"].parse_args(["s"])
    assert (explore.max_states, explore.max_seconds) == (DEFAULT_MAX_STATES, DEFAULT_MAX_SECONDS)
    test = parser["test"].parse_args([])
    defaults = inspect.signature(random_playthroughs).parameters
    assert (test.runs, test.seed) == (DEFAULT_RUNS, DEFAULT_SEED)
    assert (defaults["runs"].default, defaults["seed"].default) == (DEFAULT_RUNS, DEFAULT_SEED)
    assert (test.max_states, test.max_seconds) == (DEFAULT_MAX_STATES, DEFAULT_MAX_SECONDS)


def test_the_servers_defaults_are_the_servers_own() -> None:
    """The command line does not import the server to build its help (it loads the web
    server and Textual): the defaults it shows are checked against the server's here."""
    from game.tui.capacity import CLASS_SIZE, GAME_MEMORY
    from game.tui.serve import DEFAULT_HOST, DEFAULT_PORT

    parser = commands(build_parser())["serve"]
    serve = parser.parse_args([])
    assert (serve.host, serve.port) == (DEFAULT_HOST, DEFAULT_PORT)
    told = " ".join(parser.format_help().split())
    assert f"about {GAME_MEMORY // 2**20} MB each, and never fewer than {CLASS_SIZE})" in told


def test_the_options_before_a_command_are_the_apps_own() -> None:
    """`treaty` takes before a command the options `game.launch` reads for the app."""
    from game.launch import APP_OPTIONS

    parser = build_parser()
    given = {
        option
        for action in parser._actions
        for option in action.option_strings
        if not isinstance(action, argparse._HelpAction | argparse._VersionAction)
    }
    assert given == set(APP_OPTIONS)


@pytest.mark.parametrize("where", ["default", "before"])
def test_report_reads_the_data_folder_wherever_it_is_given(
    where: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from game.cli import main

    monkeypatch.setenv("TREATY_DATA_DIR", str(tmp_path / "default"))
    argv = ["report"] if where == "default" else ["--data-dir", str(tmp_path / "d"), "report"]
    assert main(argv) == ExitStatus.PROBLEMS  # a folder without progress in it
    folder = tmp_path / ("default" if where == "default" else "d")
    assert capsys.readouterr().out == f"No attempts yet in {folder}.\n"


def test_the_plain_game_imports_neither_textual_nor_rich() -> None:
    import subprocess
    import sys

    code = (
        "import sys, game.plain, game.plain.resume\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich') or m.startswith(('game.cli', 'game.tui'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stdout.strip()) == (0, "[]"), result.stderr


def test_continuing_a_saved_place_asks_until_the_answer_is_1_or_2() -> None:
    from game.plain.resume import wants_to_continue

    prompts: list[str] = []

    def answers(*typed: str) -> Any:
        given = list(typed)

        def ask(prompt: str) -> str:
            prompts.append(prompt)
            if not given:
                raise EOFError
            return given.pop(0)

        return ask

    assert wants_to_continue("this quiz (1 question answered)", answers("3", " 2 ")) is False
    assert prompts == [
        "You were part-way through this quiz (1 question answered). Type 1 to continue where "
        "you left off, or 2 to start again, and press Enter: ",
        "Please type 1 (continue) or 2 (start again), and press Enter: ",
    ]
    assert wants_to_continue("this scenario", answers("1")) is True
    assert wants_to_continue("this scenario", answers()) is True  # the end of input


@pytest.mark.parametrize("package", ["cli", "plain"])
def test_no_module_of_the_command_line_or_the_plain_game_is_over_400_lines(package: str) -> None:
    game = Path(__file__).resolve().parent.parent / "game"
    long = {
        str(path.relative_to(game)): lines
        for path in sorted((game / package).rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
