"""Structural checks with the pydantic models, each error told in the teacher's terms at
the line and column it is about."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from game.content.codes import Code
from game.content.models import Model
from game.content.vocabulary import QUESTION_TYPES
from game.content.wording import describe, one_of, suggest
from game.content.yaml_values import looks_like_yaml11_bool
from game.content.yamlfile import YamlFile

Step = str | int


def validate_model(file: YamlFile, model: type[Model]) -> Model | None:
    """The file's data as `model`, or None with every problem recorded in `file`."""
    try:
        return model.model_validate(file.data)
    except ValidationError as exc:
        errors = exc.errors()
        for error in errors:
            if error["type"] == "too_short" and _has_item_errors(error, errors):
                continue  # the items' own problems say what is wrong; "too short" misleads
            _report(file, model, error)
        return None


def _has_item_errors(error: ErrorDetails, errors: Sequence[ErrorDetails]) -> bool:
    loc = tuple(error["loc"])
    return any(
        len(other["loc"]) > len(loc) and tuple(other["loc"][: len(loc)]) == loc
        for other in errors
        if other is not error
    )


def _walk(data: Any, loc: Sequence[Step]) -> tuple[list[Step], list[Step]]:
    """Split a pydantic location into the part that exists in the data and the rest.
    The tag pydantic adds for a tagged union (the question `type`) is dropped."""
    path: list[Step] = []
    rest = list(loc)
    current = data
    while rest:
        step = rest[0]
        if isinstance(current, dict) and isinstance(step, str):
            if step in current:
                current = current[step]
                path.append(step)
                rest.pop(0)
                continue
            if step == current.get("type") or step in QUESTION_TYPES:
                rest.pop(0)
                continue
            if step.startswith("tagged-union"):  # a map's picture (issue 33)
                rest.pop(0)
                continue
            break
        if isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
            current = current[step]
            path.append(step)
            rest.pop(0)
            continue
        if isinstance(step, str) and step.startswith(("function-", "tagged-union")):
            rest.pop(0)
            continue
        break
    return path, rest


def _unwrap(annotation: Any, value: Any) -> Any:
    """The model class a value of `annotation` is checked against, if any."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0], value)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) == 1:  # `X | None`: X (a list of choices, say)
            return _unwrap(options[0], value)
        for option in options:
            inner = _unwrap(option, value)
            if isinstance(value, list) and typing.get_origin(inner) in (tuple, list):
                return inner  # a list of paragraphs, where a text may be one
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                type_field = inner.model_fields.get("type")
                if type_field is None:
                    return inner
                tags = typing.get_args(type_field.annotation)
                if isinstance(value, dict) and value.get("type") in tags:
                    return inner
        return None
    return annotation


def _model_at(model: type[BaseModel], data: Any, path: Sequence[Step]) -> type[BaseModel] | None:
    """The model class that checks the mapping found along `path`."""
    current: Any = model
    value = data
    for step in path:
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            value = None
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = _field(current, str(step))
            if field is None:
                return None
            current = _unwrap(field, value)
            continue
        origin = typing.get_origin(current)
        args = typing.get_args(current)
        if origin is dict:
            current = _unwrap(args[1], value)
        elif origin in (tuple, list):
            current = _unwrap(args[0], value)
        else:
            return None
    current = _unwrap(current, value)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _field(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info.annotation
    return None


def keys_of(model: type[BaseModel]) -> list[str]:
    """The keys a file may use in a mapping checked by `model`."""
    return [info.alias or name for name, info in model.model_fields.items()]


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "keys and values"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"`{text}`"


def _report(file: YamlFile, model: type[Model], error: ErrorDetails) -> None:
    loc = list(error["loc"])
    path, rest = _walk(file.data, loc)
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    where = describe(path)
    raw = file.raw_scalar(path)

    if kind == "extra_forbidden" and (rest or path):
        key = str(rest[0]) if rest else str(path.pop())
        where = describe(path)
        parent = _model_at(model, file.data, path)
        allowed = keys_of(parent) if parent else []
        code = Code.UNKNOWN_KEY
        if path and path[0] == "endings" and key in ("choices", "route"):
            code = Code.ENDING_GOES_ON
            message = (
                f"an ending cannot have `{key}:`; an ending closes the scenario. "
                "To let the story go on, make it a scene under `scenes:`"
            )
        else:
            message = f"unknown key `{key}` in {where}{suggest(key, allowed)}"
            if not suggest(key, allowed) and allowed:
                message += f" (the keys allowed here are {one_of(allowed)})"
        file.problem(code, [*path, key], message, key=True)
        return

    if kind == "missing" and rest:
        key = str(rest[0])
        if key == "facts" and path and path[0] == "questions":
            file.problem(
                Code.QUESTION_WITHOUT_FACT, path, f"{where} must cite at least one fact in `facts:`"
            )
            return
        file.problem(Code.MISSING_KEY, path, f"{where} is missing the key `{key}:`", key=bool(path))
        return

    if kind == "condition":
        file.problem_in_text(
            Code.BAD_CONDITION,
            path,
            int(ctx.get("offset", 0)),
            f"in `if:`, {ctx.get('message')}",
        )
        return
    if kind == "condition_type":
        file.problem(Code.CONDITION_NOT_TEXT, path, f"`if:` {error['msg']}")
        return

    if kind == "mark_value":  # a key of a meter's `marks:` (issue 30, part A)
        file.problem(Code.MARK_NOT_NUMBER, path, f"in {where}, {error['msg']}", key=True)
        return

    if kind == "place_value":  # a place on a scenario's map picture (issue 33)
        name = path[-1] if path else "?"
        found = _found(raw or value)
        if isinstance(value, list) and len(value) < 5:
            found = f"`[{', '.join(str(v) for v in value)}]`"[:44]
        message = f"the place `{name}` {error['msg']}, but found {found}"
        file.problem(Code.PLACE_NOT_ROW_COL, path, message)
        return

    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", value))
        message = f"unknown question type `{tag}`{suggest(tag, QUESTION_TYPES)}"
        file.problem(
            Code.UNKNOWN_QUESTION_TYPE,
            [*path, "type"],
            f"{message} (the types are {one_of(list(QUESTION_TYPES))})",
        )
        return
    if kind == "union_tag_not_found":
        file.problem(
            Code.NO_QUESTION_TYPE,
            path,
            f"{where} needs a `type:`, one of {one_of(list(QUESTION_TYPES))}",
        )
        return

    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'|(\d+)", str(ctx.get("expected", "")))
        names = [a or b for a, b in expected]
        got = str(raw if raw is not None else value)
        key = str(path[-1]) if path else "value"
        message = f"`{key}: {got}` is not allowed; use {one_of(names)}{suggest(got, names)}"
        file.problem(Code.NOT_ALLOWED_WORD, path, message)
        return

    if (
        kind in ("string_type", "int_type")
        and isinstance(value, bool)
        and looks_like_yaml11_bool(raw)
    ):
        if kind == "int_type":
            code = Code.BOOL_FOR_NUMBER
            message = f"expected a whole number; YAML reads `{raw}` as true/false here"
        else:
            code = Code.BOOL_FOR_WORD
            message = (
                f"YAML reads `{raw}` as {'true' if value else 'false'}, not as a word: "
                f'put it in quotes: "{raw}"'
            )
        file.problem(code, path, message)
        return

    code, message = _type_message(model, file, error, path, raw)
    file.problem(code, path, message)


def _type_message(
    model: type[Model], file: YamlFile, error: ErrorDetails, path: list[Step], raw: str | None
) -> tuple[Code, str]:
    """What is wrong with a value of the wrong type (or too short, or not an id), and its
    code."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    where = describe(path)
    field = str(path[-1]) if path and isinstance(path[-1], str) else None
    label = f"`{field}` in {describe(path[:-1])}" if field else where
    if field and len(path) > 1 and path[-2] == "effects":
        label = f"the effect on `{field}` in {describe(path[:-2])}"
    if kind == "string_type":
        if value is None:
            return Code.EMPTY_TEXT, f"{label} is empty; write the text after the colon"
        message = f"{label} should be text, but found {_found(value)}"
        if isinstance(value, dict) and field in ("text", "feedback") and "if" in value:
            message += (  # a paragraph with `if:` written without the list around it
                "; a paragraph with `if:` goes in a list of paragraphs: start it with `- `"
            )
        return Code.NOT_TEXT, message
    if kind == "int_type" and isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return (
            Code.QUOTED_NUMBER,
            f'{label} should be a whole number without quotes, but found "{value}"',
        )
    if kind == "int_type" or kind == "int_from_float":
        found = _found(raw) if raw is not None else _found(value)
        return (
            Code.NOT_WHOLE_NUMBER,
            f"{label} should be a whole number (like 10 or -5), but found {found}",
        )
    if kind == "bool_type" and isinstance(value, str) and value.lower() in ("true", "false"):
        return (
            Code.QUOTED_BOOL,
            f'{label} should be true or false without quotes, but found "{value}"',
        )
    if kind == "bool_type":
        return Code.NOT_BOOL, f"{label} should be true or false, but found {_found(raw or value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        parent = _model_at(model, file.data, path)
        if parent is not None:
            sample = " and ".join(f"`{k}:`" for k in keys_of(parent)[:2])
            return (
                Code.NOT_KEYS,
                f"{where} should have keys such as {sample}, but found {_found(value)}",
            )
        return Code.NOT_NAME_VALUES, (
            f"{label} should be `name: value` lines, but found {_found(value)}"
        )
    if kind in ("list_type", "tuple_type"):
        return Code.NOT_A_LIST, (
            f"{label} should be a list (`[a, b]`, or lines starting with `- `), "
            f"but found {_found(value)}"
        )
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        noun = {
            "facts": "fact",
            "options": "options",
            "items": "items",
            "pairs": "pairs",
            "questions": "question",
            "answer": "answer",
        }.get(field or "", "entries")
        if field == "facts":
            return (
                Code.QUESTION_WITHOUT_FACT,
                f"{describe(path[:-1])} must cite at least one fact in `facts:`",
            )
        return Code.TOO_FEW, f"{label} needs at least {least} {noun}"
    if kind == "string_pattern_mismatch":
        slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
        like = f" (like `{slug}`)" if slug else ""
        return (
            Code.BAD_ID,
            f"`{value}` is not a valid id: use lowercase letters, digits and '-'{like}",
        )
    return Code.BAD_VALUE, f"{label}: {error['msg']}"
