"""`treaty schema` prints the JSON Schema editors use to check files as teachers type."""

import json

import pytest

from game.cli import main


def test_schema_prints_each_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schemas = json.loads(capsys.readouterr().out)
    assert set(schemas) == {"scenario", "quiz", "facts", "glossary", "course", "pack"}
    scenario = schemas["scenario"]
    assert {"id", "title", "scenes", "endings", "start"} <= set(scenario["required"])
    # The condition key is written `if:` in files, and the schema says so.
    choice = scenario["$defs"]["Choice"]["properties"]
    assert "if" in choice and "set" in choice and "clear" in choice


def test_schema_of_one_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "quiz"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Quiz"


def test_schema_of_the_glossary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "glossary"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Glossary"
    assert schema["additionalProperties"]["type"] == "string"
