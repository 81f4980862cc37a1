"""Analysis: graph checks and exhaustive exploration of a scenario's reachable states."""
