"""Scenarios written out as YAML that loads back to an equal scenario.

Used to save a generated scenario (a failing Hypothesis example, say) as a file a teacher
can open, play and check.
"""

from __future__ import annotations

from typing import Any

import yaml

from game.content.models import Scenario
from game.content.vocabulary import SCENARIO_KEY_ORDER


def _tidy(value: Any) -> Any:
    """Lists for tuples, and empty optional parts left out, so the file reads as written."""
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items() if v not in (None, (), [], {})}
    if isinstance(value, list | tuple):
        return [_tidy(v) for v in value]
    return value


def scenario_to_yaml(scenario: Scenario) -> str:
    """The scenario as a YAML file of `docs/format.md`."""
    data = scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data = _tidy(data)
    # Flags are written as a plain list when none says what it means.
    flags = data.get("flags")
    if isinstance(flags, dict) and not any(flags.values()):
        data["flags"] = list(flags)
    ordered = {key: data[key] for key in SCENARIO_KEY_ORDER if key in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    return yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=88)
