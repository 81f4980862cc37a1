"""The guide's `treaty export` and `treaty import` examples (AUTHORING.md, "Moving
questions to Moodle, Canvas or Anki" and "Bringing questions in from Moodle"): each
```` ```console output ```` block's commands, run in order in a folder holding the guide's
quiz, print exactly the lines shown after them."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml
from test_authoring import BLOCKS, EXAMPLES

from game.cli import main
from helpers import write

QUIZ = "quizzes/nagoya-and-moscow.yaml"
OUTPUTS = [b for b in BLOCKS if b.kind == "console output"]


def steps(text: str) -> list[tuple[str, list[str]]]:
    """Each command of a block with the lines shown after it."""
    found: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        else:
            assert found, f"output before any command: {line!r}"
            found[-1][1].append(line)
    return found


def test_the_guide_shows_export_and_import_with_their_output() -> None:
    commands = [c for b in OUTPUTS for c, _ in steps(b.text)]
    assert {shlex.split(c)[1] for c in commands} == {"export", "import"}
    formats = {w for c in commands for w in ("gift", "moodle-xml", "qti", "anki") if w in c}
    assert formats == {"gift", "moodle-xml", "qti", "anki"}


def test_each_command_prints_what_the_guide_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    [quiz] = [b for b in EXAMPLES if b.path == QUIZ]
    write(tmp_path / "treaty-content", QUIZ, quiz.text)
    monkeypatch.chdir(tmp_path)
    for block in OUTPUTS:
        for command, shown in steps(block.text):
            words = shlex.split(command)
            assert words[0] == "treaty"
            assert main(words[1:]) == 0, command
            captured = capsys.readouterr()
            printed = (captured.out + captured.err).splitlines()
            assert printed == shown, f"line {block.line}: {command}"
    # What came back is the guide's quiz: the same questions, with their types.
    original = yaml.safe_load(quiz.text)
    for again in ("nagoya-again", "nagoya-from-xml"):
        data = yaml.safe_load(
            (tmp_path / "treaty-content" / "quizzes" / f"{again}.yaml").read_text()
        )
        assert data["title"] == original["title"]
        assert [(q["id"], q["type"]) for q in data["questions"]] == [
            (q["id"], q["type"]) for q in original["questions"]
        ]
