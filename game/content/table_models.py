"""Two delegations at one table (issue 34): the format's extension as pydantic models.

A scenario with `roles:` (exactly two) in place of `role:` is a *table*: each role has a
private brief; meters, flags and paragraphs may say `side:` (seen only by that side); a
scene either has `moves:` (both sides move at once, sealed, then its `route:` decides) or
is played by one side (`side:` with `choices:` as in format 1), or routes on its own; an
ending may add a private debrief for each side (`for:`). Everything else is format 1: the
relations between the parts are checked by `scenario_checks` and `table_checks`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag, WithJsonSchema, model_validator

from game.content.models import (
    ConditionText,
    Id,
    Ids,
    Meter,
    Model,
    RouteBranch,
    ScenarioId,
    Text,
    WholeNumber,
    _number_as_text,
)
from game.content.vocabulary import DEFAULT_TOPIC, FORMAT_VERSION, Good, Topic


class Role(Model):
    """One delegation at the table: its name and its private brief."""

    name: Text
    brief: Text = ""
    facts: Ids = ()


class TableMeter(Meter):
    """A meter of a table: shared (both see it) or, with `side:`, seen only by that side.
    A shared meter's `good:` may be given per side (`{japan: high, russia: low}`)."""

    side: Id | None = None
    good: Good | dict[Id, Good] | None = None  # type: ignore[assignment]


class TableFlag(Model):
    """A flag of a table in the mapping form: what it means, and whose it is."""

    means: Text = ""
    side: Id | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, value: Any) -> Any:
        if value is None:
            return {}
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return {"means": _number_as_text(value)}
        return value


def _table_flags(value: Any) -> Any:
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return {str(_number_as_text(v)): {} for v in value}
    if isinstance(value, str):
        return {value: {}}
    return value


TableFlags = Annotated[
    dict[Id, TableFlag],
    BeforeValidator(_table_flags),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "array", "items": {"type": "string"}},
                {
                    "type": "object",
                    "additionalProperties": {
                        "anyOf": [
                            {"type": "string"},
                            {"type": "null"},
                            {
                                "type": "object",
                                "properties": {
                                    "means": {"type": "string"},
                                    "side": {"type": "string"},
                                },
                                "additionalProperties": False,
                            },
                        ]
                    },
                },
            ],
            "description": "Flag names, or each flag mapped to what it means, or to "
            "`{means: ..., side: ROLE}` (a flag only that side sees)",
        }
    ),
]


class TableParagraph(Model):
    """A paragraph of a table's text: `if:` as in format 1, and `side:` (only that side
    reads it)."""

    condition: ConditionText | None = Field(default=None, alias="if")
    side: Id | None = None
    text: Text

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, value: Any) -> Any:
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return {"text": _number_as_text(value)}
        return value


def _passage_kind(value: Any) -> str:
    return "tagged-union:paragraphs" if isinstance(value, list | tuple) else "tagged-union:text"


TablePassage = Annotated[
    Annotated[Text, Tag("tagged-union:text")]
    | Annotated[tuple[TableParagraph, ...], Tag("tagged-union:paragraphs")],
    Discriminator(_passage_kind),
]


class TableMove(Model):
    """One move a side can make at a `moves:` scene: a format-1 choice without `goto`
    (the scene's `route:` decides where the table goes after both moves)."""

    text: Text
    topic: Topic = DEFAULT_TOPIC
    condition: ConditionText | None = Field(default=None, alias="if")
    hidden: bool = False
    effects: dict[Id, WholeNumber] = Field(default_factory=dict)
    flags_set: Ids = Field(default=(), alias="set")
    flags_cleared: Ids = Field(default=(), alias="clear")
    feedback: TablePassage | None = None
    # Reported by `table_checks` (TT387) with what to do, rather than as an unknown key.
    goto: Id | None = None


class TableChoice(TableMove):
    """A choice of a scene one side plays: as in format 1, with its `goto` (a missing
    one is reported by `table_checks`, TT386)."""


class TableScene(Model):
    """A scene of a table: `moves:` and a `route:`; or one side's `choices:`; or a route."""

    title: Text | None = None
    speaker: Text | None = None
    text: TablePassage = ""
    facts: Ids = ()
    side: Id | None = None
    moves: dict[Id, tuple[TableMove, ...]] | None = None
    choices: tuple[TableChoice, ...] | None = None
    route: tuple[RouteBranch, ...] | None = None


class TableEnding(Model):
    """A shared ending, with a private debrief for each side (`for:`)."""

    title: Text
    kind: Literal["historical", "counterfactual"]
    text: TablePassage
    history: Text
    facts: Ids = ()
    debriefs: dict[Id, Text] = Field(default_factory=dict, alias="for")


class Table(Model):
    """Two delegations at one table: a scenario with `roles:`."""

    format: Literal[1] = FORMAT_VERSION
    id: ScenarioId
    title: Text
    summary: Text
    # `role:` beside `roles:` is reported by `table_checks` (TT381).
    role: Text | None = None
    roles: dict[Id, Role]
    year: WholeNumber
    facts: Ids = ()
    meters: dict[Id, TableMeter] = Field(default_factory=dict)
    flags: TableFlags = Field(default_factory=dict)
    start: Id
    scenes: dict[Id, TableScene]
    endings: dict[Id, TableEnding]

    @property
    def role_ids(self) -> tuple[str, ...]:
        """The two roles, in the order the file declares them (the order they answer)."""
        return tuple(self.roles)

    def side_of(self, name: str) -> str | None:
        """Whose meter or flag `name` is (None: shared)."""
        if name in self.meters:
            return self.meters[name].side
        flag = self.flags.get(name)
        return flag.side if flag is not None else None


def is_table_data(data: Any) -> bool:
    """Whether a scenario file's data is a table: it has `roles:` as a mapping or a list
    (`roles: japan` is a scenario's `role:` mistyped, and is told so as before)."""
    return isinstance(data, dict) and isinstance(data.get("roles"), dict | list)
