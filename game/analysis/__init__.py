"""Analysis: graph checks and exhaustive exploration of a scenario's reachable states."""

from game.analysis.explore import DEFAULT_MAX_SECONDS, DEFAULT_MAX_STATES, Exploration, explore
from game.analysis.graph import to_dot, to_mermaid
from game.analysis.report import as_json, as_text

__all__ = [
    "DEFAULT_MAX_SECONDS",
    "DEFAULT_MAX_STATES",
    "Exploration",
    "as_json",
    "as_text",
    "explore",
    "to_dot",
    "to_mermaid",
]
