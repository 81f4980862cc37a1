"""The JSON Schemas of a course file and of a packed file (issue 33), for editors:
`treaty schema course`, `treaty schema pack`, and `treaty schema --out DIR`."""

from __future__ import annotations

from typing import Any

from game.content.course import COURSE_KEYS
from game.content.glossary import json_schema as glossary_schema
from game.content.models import FactFile, Scenario
from game.content.packed import PACK_KEY, PACK_VERSION


def course_schema() -> dict[str, Any]:
    """`course.yaml`: a title and a one-paragraph introduction."""
    return {
        "title": "Course",
        "description": "A content folder's course.yaml: the title and the one-paragraph "
        "introduction the home screen shows when the folder is played alone (--only DIR).",
        "type": "object",
        "properties": {
            "title": {"type": "string", "minLength": 1, "description": "The course's title"},
            "introduction": {
                "type": "string",
                "description": "One paragraph: what the course is about",
            },
        },
        "required": ["title"],
        "additionalProperties": False,
        "propertyNames": {"enum": list(COURSE_KEYS)},
    }


def pack_schema() -> dict[str, Any]:
    """A packed file: `pack: 1`, a scenario, and the facts, sources and terms it cites."""
    scenario = Scenario.model_json_schema(by_alias=True)
    facts = FactFile.model_json_schema(by_alias=True)
    defs = {**scenario.pop("$defs", {}), **facts.pop("$defs", {})}
    return {
        "title": "Packed scenario",
        "description": "One file to share, written by `treaty pack`: a scenario with every "
        "fact, source and glossary term it cites.",
        "type": "object",
        "properties": {
            PACK_KEY: {"const": PACK_VERSION, "description": "The packed layout's version"},
            "scenario": scenario,
            "sources": facts["properties"]["sources"],
            "facts": facts["properties"]["facts"],
            "glossary": glossary_schema(),
        },
        "required": [PACK_KEY, "scenario"],
        "additionalProperties": False,
        "$defs": defs,
    }


def extra_schemas() -> dict[str, dict[str, Any]]:
    """The schemas beside those of the content's kinds, by the name `treaty schema` takes."""
    return {"course": course_schema(), "pack": pack_schema()}
