"""`treaty` as a teacher and a student use it: exit codes, messages, colour, no traceback."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from inprocess import run_game

from game.cli import main
from helpers import SCENARIO, write

ROOT = Path(__file__).resolve().parent.parent

MINE = SCENARIO.replace("id: test-scenario", "id: mine")
"""The test scenario, in a file named after its id (`mine.yaml`)."""


def treaty(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {})
    return run_game(args, cwd=cwd, env=environment, stdin=stdin)  # as a child would run it


def test_bundled_content_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["validate", str(ROOT / "scenarios"), str(ROOT / "quizzes"), str(ROOT / "sources")])
        == 0
    )
    files = len(list(ROOT.glob("*/*.yaml")))
    assert capsys.readouterr().out.splitlines() == [f"{files} files checked: no problems found"]


def test_a_folder_with_the_content_layout_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(ROOT)]) == 0
    files = len(list(ROOT.glob("*/*.yaml")))
    assert capsys.readouterr().out.splitlines()[-1] == f"{files} files checked: no problems found"


def test_errors_exit_1_with_one_line_each(tmp_path: Path) -> None:
    write(
        tmp_path,
        "scenarios/mine.yaml",
        MINE.replace("goto: talks-stall\n  verdict", "goto: talks-stal\n  verdict"),
    )
    result = treaty("validate", "scenarios/mine.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "scenarios/mine.yaml:24:15: error TT312: `goto: talks-stal` names no scene or ending in this file; did you mean `talks-stall`?",
        "1 file checked: 1 error, 0 warnings",
    ]
    assert result.stderr == ""


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        "      - goto: talks-stall\n",
        "      - goto: talks-stall\n  lost:\n    route: [{goto: talks-stall}]\n",
    )
    write(tmp_path, "mine.yaml", text.replace("id: test-scenario", "id: mine"))
    result = treaty("validate", "mine.yaml", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "mine.yaml:30:3: warning TT324: scene `lost` is never reached: no `goto:` leads to it",
        "1 file checked: 0 errors, 1 warning",
    ]


def test_a_path_that_cannot_be_read_exits_2(tmp_path: Path) -> None:
    write(tmp_path, "mine.yaml", MINE)
    result = treaty("validate", "mine.yaml", "missing.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        "missing.yaml: error TT135: no such file or folder",
        "1 file checked: no problems found; 1 path could not be read",
    ]


def test_no_traceback_on_a_directory_of_junk(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", b"\x00\x01\x02")
    write(tmp_path, "b.yaml", "key: [unclosed\n")
    write(tmp_path, "c.yaml", "- just\n- a list\n")
    write(tmp_path, "d.yml", "scenes: 5\n")
    result = treaty("validate", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == sorted(
        line.split(":")[0] for line in lines[:-1]
    )
    assert {line.split(":")[0] for line in lines[:-1]} == {"a.yaml", "b.yaml", "c.yaml", "d.yml"}
    assert lines[-1].startswith("4 files checked: ")


def test_a_teachers_own_fact_file_is_used(tmp_path: Path) -> None:
    write(
        tmp_path,
        "sources/mine.yaml",
        "sources:\n  s:\n    outlet: O\n    headline: H\n    dateline: D\nfacts:\n  my-own-fact:\n    text: T\n    source: s\n    quote: Q\n",
    )
    write(
        tmp_path,
        "scenarios/mine.yaml",
        MINE.replace("facts: [kyodo-talks-stalled]", "facts: [my-own-fact]"),
    )
    # Given the folder, or only the scenario: the fact file beside it is found either way.
    for target in (".", "scenarios/mine.yaml"):
        result = treaty("validate", target, cwd=tmp_path)
        assert result.returncode == 0, result.stdout
        assert result.stdout.splitlines() == ["2 files checked: no problems found"]


def test_output_is_plain_when_piped_or_no_color(tmp_path: Path) -> None:
    write(tmp_path, "mine.yaml", SCENARIO.replace("role: japan", "role: no"))
    piped = treaty("validate", "mine.yaml", cwd=tmp_path)
    assert "\x1b[" not in piped.stdout
    coloured = treaty("validate", "mine.yaml", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout and "31m" in coloured.stdout
    no_color = treaty(
        "validate", "mine.yaml", cwd=tmp_path, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
    assert "31m" not in no_color.stdout


def test_treaty_alone_lists_the_content_and_says_what_to_do(tmp_path: Path) -> None:
    result = treaty(cwd=tmp_path)
    assert result.returncode == 0
    out = result.stdout
    assert "singapore-2018" in out and "2018" in out and "Singapore, November 2018" in out
    assert re.search(r"Treaties and declarations \(\d+ questions\)", out)
    assert "treaty validate" in out


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "treaty"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("treaty ")


def test_treaty_alone_opens_the_app_as_the_student_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import game.cli.common
    import game.cli.play

    opened: list[tuple[object, ...]] = []
    monkeypatch.setattr(game.cli.common, "interactive", lambda: True)
    monkeypatch.setattr(game.cli.play, "run_app", lambda *given: opened.append(given) or 0)
    assert main(["--profile", "Anna", "--data-dir", str(tmp_path)]) == 0
    assert main([]) == 0
    assert opened == [([], None, str(tmp_path), "Anna"), ([], None, None, "default")]


def test_output_cut_short_by_a_reader_that_stops_is_no_error() -> None:
    # `treaty list | head -1`: the reader has gone before the game has written everything.
    process = subprocess.Popen(
        [sys.executable, "-m", "game", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err


OWN_FACTS = (
    "sources:\n  s:\n    outlet: O\n    headline: H\n    dateline: D\n"
    "facts:\n  my-own-fact:\n    text: T\n    source: s\n    quote: Q\n"
)


def test_a_scenario_outside_a_content_folder_finds_its_facts(tmp_path: Path) -> None:
    scenario = MINE.replace("facts: [kyodo-talks-stalled]", "facts: [my-own-fact]")
    # sources/ beside the scenario's folder, whatever that folder is called
    write(tmp_path / "beside", "sources/facts.yaml", OWN_FACTS)
    write(tmp_path / "beside", "talks/mine.yaml", scenario)
    result = treaty("validate", "talks/mine.yaml", cwd=tmp_path / "beside")
    assert result.stdout.splitlines() == ["2 files checked: no problems found"], result.stdout
    # or a fact file named with --facts
    write(tmp_path / "elsewhere", "mine.yaml", scenario)
    write(tmp_path / "shared", "our-facts.yaml", OWN_FACTS)
    given = treaty(
        "validate", "mine.yaml", "--facts", "../shared/our-facts.yaml", cwd=tmp_path / "elsewhere"
    )
    assert given.returncode == 0, given.stdout
    played = treaty(
        "play",
        "mine.yaml",
        "--plain",
        "--facts",
        "../shared/our-facts.yaml",
        cwd=tmp_path / "elsewhere",
        stdin="2\n",
        env={"TREATY_DATA_DIR": str(tmp_path / "data")},
    )
    assert played.returncode == 0, played.stderr
    assert "Ending: Talks stall" in played.stdout
    # without it, the message says where the fact was looked for
    missing = treaty("validate", "mine.yaml", cwd=tmp_path / "elsewhere")
    assert missing.returncode == 1
    assert (
        "the fact `my-own-fact` is not in the fact base (the fact files read: the game's own "
        "facts; give another with --facts FILE)"
    ) in missing.stdout
