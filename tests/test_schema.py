"""`treaty schema` prints the JSON Schema editors use to check files as teachers type."""

import json

import pytest

from game.cli import main


def test_schema_prints_each_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schemas = json.loads(capsys.readouterr().out)
    assert set(schemas) == {"scenario", "quiz", "facts", "glossary", "course", "pack", "table"}
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


def test_schema_of_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    """Two delegations at one table (issue 34): the keys teachers write are in the schema."""
    assert main(["schema", "table"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"roles", "start", "scenes", "endings"} <= set(schema["required"])
    defs = schema["$defs"]
    assert {"name", "brief", "facts"} <= set(defs["Role"]["properties"])
    assert {"side", "moves", "route", "choices"} <= set(defs["TableScene"]["properties"])
    assert "for" in defs["TableEnding"]["properties"]
    assert "side" in defs["TableMeter"]["properties"]
    assert "goto" not in defs["TableMove"].get("required", [])


def test_schema_out_writes_the_table_schema_too(tmp_path: object) -> None:
    from pathlib import Path

    from game.content.table_models import Table

    folder = Path(str(tmp_path)) / "schemas"
    assert main(["schema", "--out", str(folder)]) == 0
    written = json.loads((folder / "table.schema.json").read_text("utf-8"))
    assert written == Table.model_json_schema(by_alias=True)
