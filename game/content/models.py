"""The authoring format (`docs/format.md`) as pydantic models: frozen, unknown keys forbidden.

The models check the shape of each file. The checks that relate one part of a file to
another (every `goto` names a scene, every fact exists, ...) are in
`game.content.scenario_checks`, `quiz_checks` and `fact_checks`. The format's words and
defaults come from `game.content.vocabulary`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    GetJsonSchemaHandler,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StrictInt,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from game.content.conditions import Condition, ConditionError, parse_condition, to_text
from game.content.vocabulary import (
    CITATIONS_OPTIONAL,
    CITATIONS_REQUIRED,
    DEFAULT_TOPIC,
    DEFAULT_TOPIC_LABELS,
    FORMAT_VERSION,
    ID_PATTERN,
    MAP_NAMES,
    METER_MAX,
    METER_MIN,
    Citations,
    EndingKind,
    Good,
)


def _number_as_text(value: Any) -> Any:
    """A number where text is expected is the text it was written as (`options: [1951]`)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return getattr(value, "written", "") or str(value)
    return value


def _one_or_many(value: Any) -> Any:
    """A single text where a list is expected is a list of one."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return [value]
    return value


Text = Annotated[str, BeforeValidator(_number_as_text)]
"""Free text. A number written where text is expected is kept as written."""

Id = Annotated[str, BeforeValidator(_number_as_text)]
"""The name of a scene, ending, meter, flag, fact or question."""

Ids = Annotated[tuple[Id, ...], BeforeValidator(_one_or_many)]
"""A list of names; a single name is a list of one (`facts: sf-treaty`)."""

ScenarioId = Annotated[str, BeforeValidator(_number_as_text), Field(pattern=f"^{ID_PATTERN}$")]
"""A file's id: lowercase letters, digits and '-' (`singapore-2018`)."""


def _parse_condition(value: Any) -> Condition:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = _number_as_text(value)
    if not isinstance(value, str):
        raise PydanticCustomError(
            "condition_type", "should be a condition such as `trust >= 50 and proposed-1956`"
        )
    try:
        return parse_condition(value)
    except ConditionError as exc:
        raise PydanticCustomError(
            "condition", "{message}", {"message": exc.message, "offset": exc.offset}
        ) from None


ConditionText = Annotated[
    Condition,
    PlainValidator(_parse_condition),
    PlainSerializer(to_text, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": "A condition: whole numbers, meter and flag names, "
            "== != < <= > >=, and, or, not, parentheses",
        }
    ),
]
"""An `if:` condition, parsed into a tree when the file loads."""


def _flag_list(value: Any) -> Any:
    """`flags: [a, b]`, or a mapping of each flag to what it means."""
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return {str(_number_as_text(v)): "" for v in value}
    if isinstance(value, str):
        return {value: ""}
    if isinstance(value, dict):
        return {k: ("" if v is None else v) for k, v in value.items()}
    return value


Flags = Annotated[
    dict[Id, Text],
    BeforeValidator(_flag_list),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "array", "items": {"type": "string"}},
                {"type": "object", "additionalProperties": {"type": "string"}},
            ],
            "description": "Flag names, or each flag mapped to what it means "
            "(`proposed-1956: you proposed the 1956 declaration`)",
        }
    ),
]

WholeNumber = StrictInt


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


# --- Scenario ------------------------------------------------------------------------


def _mark_value(value: Any) -> int:
    """A mark's value: YAML gives mapping keys as text, so `70:` arrives as "70"."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"[+-]?[0-9]{1,9}", value.strip()):
        return int(value)
    raise PydanticCustomError(
        "mark_value",
        "a mark is a whole number of the meter, like `70: the talks can go on`, "
        "but found `{value}`",
        {"value": str(value)[:40]},
    )


MarkValue = Annotated[int, PlainValidator(_mark_value), WithJsonSchema({"type": "integer"})]
"""The value of a meter's mark (the key of `marks:`)."""


class Meter(Model):
    """A number the player's choices move, shown as a bar."""

    label: Text
    start: WholeNumber
    min: WholeNumber = METER_MIN
    max: WholeNumber = METER_MAX
    # Issue 30, part A: what the meter is for, which way is good, the values that matter.
    good: Good | None = None
    means: Text | None = None
    marks: Annotated[
        dict[MarkValue, Text],
        WithJsonSchema(
            {
                "type": "object",
                "propertyNames": {"pattern": "^[+-]?[0-9]{1,9}$"},
                "additionalProperties": {"type": "string"},
                "description": "The values that matter, each with what happens there "
                "(`70: Moscow will put a draft on the table`)",
            }
        ),
    ] = Field(default_factory=dict)


# --- Paragraphs that change with what happened (issue 30, part B) ---------------------


class Paragraph(Model):
    """One paragraph of a `text:` or `feedback:` written as a list: shown only when its
    `if:` holds (a paragraph without `if:` is always shown). A plain string in the list is
    a paragraph without `if:`."""

    condition: ConditionText | None = Field(default=None, alias="if")
    text: Text

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, value: Any) -> Any:
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return {"text": _number_as_text(value)}
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """A paragraph may also be written as a plain string."""
        schema = handler.resolve_ref_schema(handler(core_schema))
        return {"anyOf": [{"type": "string"}, schema]}


def _passage_kind(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "tagged-union:paragraphs"
    return "tagged-union:text"


Passage = Annotated[
    Annotated[Text, Tag("tagged-union:text")]
    | Annotated[tuple[Paragraph, ...], Tag("tagged-union:paragraphs")],
    Discriminator(_passage_kind),
]
"""A text (`text: ...`), or a list of paragraphs, each a string or `{if: ..., text: ...}`
shown only when its condition holds. The engine decides which are shown
(`game.engine.shown_text`); the tags start `tagged-union` so that a problem's location
in the file drops them."""


# --- A scenario's topics and map (issue 33) -------------------------------------------

TopicName = Annotated[
    Id,
    WithJsonSchema(
        {
            "type": "string",
            "description": "One of the scenario's `topics:` (without `topics:`: basis, "
            "security, transfer, economy or other)",
        }
    ),
]
"""What a choice is about: one of its scenario's topics (`game.content.topic_checks`)."""


def _place(value: Any) -> tuple[int, int]:
    """A place on a map picture: `[row, column]`, two whole numbers from 0."""
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
    ):
        return int(value[0]), int(value[1])
    raise PydanticCustomError(
        "place_value",
        "should be `[row, column]`, two whole numbers counted from 0 like `[1, 3]`",
    )


Place = Annotated[
    tuple[int, int],
    PlainValidator(_place),
    PlainSerializer(list, return_type=list),
    WithJsonSchema(
        {
            "type": "array",
            "items": {"type": "integer", "minimum": 0},
            "minItems": 2,
            "maxItems": 2,
            "description": "[row, column] in the picture, counted from 0",
        }
    ),
]


class MapPicture(Model):
    """A teacher's own map: a picture in characters, and the places on it a scene lights
    when it names them (`game.content.maps`)."""

    picture: Text
    places: dict[Text, Place] = Field(default_factory=dict)


def _map_kind(value: Any) -> str:
    if isinstance(value, dict | MapPicture):
        return "tagged-union:picture"
    return "tagged-union:name"


ScenarioMap = Annotated[
    Annotated[
        Text,
        Tag("tagged-union:name"),
        WithJsonSchema(
            {"type": "string", "enum": list(MAP_NAMES), "description": "One of the game's maps"}
        ),
    ]
    | Annotated[MapPicture, Tag("tagged-union:picture")],
    Discriminator(_map_kind),
]
"""`map: kurils` (one of the game's maps, `vocabulary.MAP_NAMES`) or a `MapPicture`."""


class Choice(Model):
    """One thing the player can do in a scene."""

    text: Text
    topic: TopicName = DEFAULT_TOPIC
    condition: ConditionText | None = Field(default=None, alias="if")
    hidden: StrictBool = False
    effects: dict[Id, WholeNumber] = Field(default_factory=dict)
    flags_set: Ids = Field(default=(), alias="set")
    flags_cleared: Ids = Field(default=(), alias="clear")
    feedback: Passage | None = None
    goto: Id


class RouteBranch(Model):
    """One branch of a routing scene: taken when its condition holds."""

    condition: ConditionText | None = Field(default=None, alias="if")
    goto: Id


class Scene(Model):
    """A moment of the story: narration and either choices or a route."""

    title: Text | None = None
    speaker: Text | None = None
    text: Passage = ""
    facts: Ids = ()
    choices: tuple[Choice, ...] | None = None
    route: tuple[RouteBranch, ...] | None = None


class Ending(Model):
    """How a scenario can end, with the debrief of what really happened."""

    title: Text
    kind: EndingKind
    text: Passage
    history: Text
    facts: Ids = ()


DELEGATIONS = {"soviet-union": "the Soviet Union", "ussr": "the Soviet Union"}
"""Roles whose names, in a sentence, are not just their words capitalised."""


class Scenario(Model):
    """A negotiation the student plays: `scenarios/<id>.yaml`."""

    format: Literal[1] = FORMAT_VERSION
    id: ScenarioId
    title: Text
    summary: Text
    role: Text
    year: WholeNumber
    facts: Ids = ()
    meters: dict[Id, Meter] = Field(default_factory=dict)
    flags: Flags = Field(default_factory=dict)
    start: Id
    scenes: dict[Id, Scene]
    endings: dict[Id, Ending]
    # Issue 33: the map beside each scene (none without `map:`) and the choices' topics.
    map: ScenarioMap | None = None
    topics: dict[Id, Text] | None = None

    def topic_label(self, topic: str) -> str:
        """What the game shows beside a choice about `topic` ("" for none)."""
        if self.topics is None:
            return DEFAULT_TOPIC_LABELS.get(topic, "")
        return self.topics.get(topic, "")

    @property
    def delegation(self) -> str:
        """Whose delegation the student leads, for "You lead ...'s delegation": `japan` ->
        `Japan`, `soviet-union` -> `the Soviet Union`, `united-states` -> `United States`."""
        if self.role in DELEGATIONS:
            return DELEGATIONS[self.role]
        return " ".join(word[:1].upper() + word[1:] for word in self.role.split("-"))


# --- Quiz ----------------------------------------------------------------------------


class _Question(Model):
    id: Id
    prompt: Text
    # At least one unless the quiz says `citations: optional` (checks.check_quiz says so).
    facts: Ids = ()
    explain: Text | None = None
    shuffle: StrictBool = True


class ChoiceQuestion(_Question):
    """One right option."""

    type: Literal["choice"]
    options: tuple[Text, ...] = Field(min_length=2)
    answer: Text


class MultiQuestion(_Question):
    """Several right options."""

    type: Literal["multi"]
    options: tuple[Text, ...] = Field(min_length=2)
    answer: Annotated[tuple[Text, ...], BeforeValidator(_one_or_many)] = Field(min_length=1)


class TrueFalseQuestion(_Question):
    """A statement that is true or false."""

    type: Literal["truefalse"]
    answer: StrictBool


class OrderQuestion(_Question):
    """Items to put in order; written in the right order, shown shuffled."""

    type: Literal["order"]
    items: tuple[Text, ...] = Field(min_length=2)


class MatchQuestion(_Question):
    """Left items to pair with right items."""

    type: Literal["match"]
    pairs: dict[Text, Text] = Field(min_length=2)


class FillQuestion(_Question):
    """A typed answer; any of the accepted forms is right."""

    type: Literal["fill"]
    answer: Annotated[tuple[Text, ...], BeforeValidator(_one_or_many)] = Field(min_length=1)


Question = Annotated[
    ChoiceQuestion
    | MultiQuestion
    | TrueFalseQuestion
    | OrderQuestion
    | MatchQuestion
    | FillQuestion,
    Field(discriminator="type"),
]


class Quiz(Model):
    """A module of questions: `quizzes/<id>.yaml`."""

    format: Literal[1] = FORMAT_VERSION
    id: ScenarioId
    title: Text
    summary: Text = ""
    questions: tuple[Question, ...] = Field(min_length=1)
    # Issue 32: an imported question bank cites no facts; the game says so.
    citations: Citations = CITATIONS_REQUIRED

    @property
    def checked_against_sources(self) -> bool:
        return self.citations != CITATIONS_OPTIONAL


# --- Fact base -----------------------------------------------------------------------


class Source(Model):
    """A source document."""

    outlet: Text | None = None
    """Who published it, as its text names it (None: the text names no outlet)."""
    headline: Text | None = None
    """None: the text has no headline."""
    dateline: Text | None = None
    """None: the text has no dateline."""
    # Issue 30, item 4 (sources): who published it, and a year worked out from context.
    publisher: Text | None = None
    """Who the outlet is, in one line ("Russia's state news agency")."""
    year: WholeNumber | None = None
    """The year of the report, where its dateline does not give it."""
    year_inferred: StrictBool = False
    """True when the text does not state the year and it is inferred from context."""


class Fact(Model):
    """One fact, with a quote verbatim from its source."""

    text: Text
    year: WholeNumber | None = None
    year_inferred: StrictBool = False
    """True when the source does not state the year and it is inferred from context."""
    source: Id
    quote: Text
    tags: Ids = ()
    # Issue 31: a fact's place on the timeline (checked in `game.content.fact_dates`).
    month: WholeNumber | None = None
    """1-12, where the document gives the month."""
    day: WholeNumber | None = None
    """The day of `month`, where the document gives it."""
    after: Id | None = None
    """An undated fact's place in its year: right after this other fact of the same year."""


class FactFile(Model):
    """A fact base: `sources/*.yaml`."""

    format: Literal[1] = FORMAT_VERSION
    sources: dict[Id, Source] = Field(default_factory=dict)
    facts: dict[Id, Fact] = Field(default_factory=dict)


KINDS: dict[str, type[Model]] = {"scenario": Scenario, "quiz": Quiz, "facts": FactFile}
"""Each kind of content file and its model."""
