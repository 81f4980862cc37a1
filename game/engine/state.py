"""The state of one playthrough: immutable, hashable, and all the engine needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class PlayState:
    """Where a student is in a scenario.

    `scene` is the current scene id, or the id of the ending reached. `meters` holds each
    meter's value in the order the scenario declares them; `flags` the flags that are
    set; `path` every choice taken, as (scene id, choice number from 1).
    """

    scene: str
    meters: tuple[tuple[str, int], ...]
    flags: frozenset[str]
    path: tuple[tuple[str, int], ...] = ()
    ended: bool = False

    def meter(self, name: str) -> int:
        for key, value in self.meters:
            if key == name:
                return value
        raise KeyError(name)

    @property
    def meter_values(self) -> Mapping[str, int]:
        return dict(self.meters)

    def moved_to(self, scene: str, *, ended: bool) -> PlayState:
        return PlayState(scene, self.meters, self.flags, self.path, ended)
