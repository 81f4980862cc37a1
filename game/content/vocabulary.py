"""The format's vocabulary, each word list and default in one place (`docs/format.md`).

The models, the checks and the messages read these: a new topic, ending kind or question
type is added here, and the rest follows.
"""

from __future__ import annotations

import re
from typing import Final, Literal, get_args

FORMAT_VERSION: Final = 1
"""The version of the format that `docs/format.md` describes (`format: 1`)."""

Topic = Literal["basis", "security", "transfer", "economy", "other"]
TOPICS: tuple[Topic, ...] = get_args(Topic)
"""What a choice is about."""
DEFAULT_TOPIC: Topic = "other"

EndingKind = Literal["historical", "counterfactual"]
ENDING_KINDS: tuple[EndingKind, ...] = get_args(EndingKind)
HISTORICAL: EndingKind = "historical"
"""The kind of ending that must cite a fact."""

QuestionType = Literal["choice", "multi", "truefalse", "order", "match", "fill"]
QUESTION_TYPES: tuple[QuestionType, ...] = get_args(QuestionType)
"""The `type:` of each kind of question, in the order the guide lists them."""
WITH_OPTIONS: tuple[QuestionType, ...] = ("choice", "multi")
"""The question types whose answer is one or more of their `options:`."""

METER_MIN: Final = 0
METER_MAX: Final = 100
"""A meter's range when its `min:` and `max:` are not given."""

Good = Literal["high", "low"]
GOOD_WAYS: tuple[Good, ...] = get_args(Good)
"""A meter's `good:`: which way helps the student's delegation (issue 30, part A)."""

ID_PATTERN: Final = r"[a-z0-9]+(-[a-z0-9]+)*"
"""A scenario's or a quiz's id (and its file's name): lowercase letters, digits and '-'."""
ID = re.compile(ID_PATTERN)

YAML_SUFFIXES: Final = (".yaml", ".yml")
"""The endings of the names of the files the game reads."""

GLOSSARY_FILE_NAMES: Final = ("glossary.yaml", "glossary.yml")
"""The names of a glossary file (`sources/glossary.yaml`: term -> plain definition)."""

FileKind = Literal["scenario", "quiz", "facts"]
FILE_KINDS: tuple[FileKind, ...] = get_args(FileKind)

KIND_KEYS: dict[FileKind, frozenset[str]] = {
    "scenario": frozenset({"scenes", "endings", "start", "meters"}),
    "quiz": frozenset({"questions"}),
    "facts": frozenset({"facts", "sources"}),
}
"""A file with any of these keys is of that kind (tried in this order)."""
NOT_FACTS_KEYS: Final = frozenset({"title", "id"})
"""Keys a fact file never has (a scenario or quiz with only `facts:` so far has them)."""

FOLDERS: dict[FileKind, str] = {"scenario": "scenarios", "quiz": "quizzes", "facts": "sources"}
"""The folder of each kind of file in a content folder (and in the bundled content)."""
FOLDER_KINDS: dict[str, FileKind] = {folder: kind for kind, folder in FOLDERS.items()}

SCENARIO_KEY_ORDER: Final = (
    "id",
    "title",
    "summary",
    "role",
    "year",
    "map",
    "topics",
    "facts",
    "meters",
    "flags",
    "start",
    "scenes",
    "endings",
)
"""The top-level keys of a scenario in the order `docs/format.md` shows them."""


def kind_of_keys(keys: set[str]) -> FileKind | None:
    """What kind of file holds these top-level keys, if its keys say so."""
    if keys & KIND_KEYS["scenario"]:
        return "scenario"
    if keys & KIND_KEYS["quiz"]:
        return "quiz"
    if keys & KIND_KEYS["facts"] and not keys & NOT_FACTS_KEYS:
        return "facts"
    return None


# --- A quiz's `citations:` (issue 32) ---------------------------------------------------

Citations = Literal["required", "optional"]
CITATIONS: tuple[Citations, ...] = get_args(Citations)
"""A quiz's `citations:`: `optional` lets its questions cite no fact (imported banks)."""
CITATIONS_REQUIRED: Citations = "required"
CITATIONS_OPTIONAL: Citations = "optional"
NOT_CHECKED_AGAINST_SOURCES: Final = "not checked against sources"
"""What the game says of a quiz with `citations: optional`."""


# --- A scenario's map and topics (issue 33) ---------------------------------------------

MapName = Literal["kurils"]
MAP_NAMES: tuple[MapName, ...] = get_args(MapName)
"""The game's own maps, by the name a scenario's `map:` gives (`map: kurils`)."""
KURIL_ISLANDS: Final = ("Iturup", "Kunashir", "Shikotan", "Habomai")
"""The islands the Kuril map (`map: kurils`) shows and lights."""

MAP_MAX_WIDTH: Final = 30
"""The widest a teacher's map picture may be (in characters): the side panel's width at
80 columns."""
MAP_MAX_HEIGHT: Final = 12
"""The most rows a teacher's map picture may have, so the meters stay in view beside it."""

DEFAULT_TOPIC_LABELS: dict[str, str] = {
    "basis": "basis",
    "security": "security",
    "transfer": "transfer",
    "economy": "economy",
    DEFAULT_TOPIC: "",
}
"""The topics of a scenario without `topics:` (format 1), each with the label the game
shows beside a choice (the default topic shows none)."""
