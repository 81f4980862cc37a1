"""How fast `treaty explore` visits states.

1. Every bundled scenario explored together (target: under 1 s).
2. A generated scenario of 2,000 scenes with 2 meters and 3 flags: our exploration, which
   reports everything, against a plain breadth-first search over the same states written
   straightforwardly here, in the same run; states per second and the ratio (target: at
   most 1.5).

    python benchmarks/explore_bench.py [--scenes 2000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import deque
from typing import Any

from game.analysis import explore
from game.content.catalog import check
from game.content.conditions import holds
from game.content.models import Scenario
from game.content.paths import bundled_root


def generated(scenes: int) -> Scenario:
    data: dict[str, Any] = {
        "id": "explore-benchmark",
        "title": "Generated",
        "summary": "Generated for the explore benchmark.",
        "role": "japan",
        "year": 2019,
        "meters": {
            "trust": {"label": "Trust", "start": 10, "min": 0, "max": 30},
            "support": {"label": "Support", "start": 20, "min": 0, "max": 30},
        },
        "flags": ["asked", "offered", "warned"],
        "start": "scene-0",
        "scenes": {},
        "endings": {
            "deal": {"title": "Deal", "kind": "counterfactual", "text": "x", "history": "y"},
            "stall": {"title": "Stall", "kind": "counterfactual", "text": "x", "history": "y"},
        },
    }
    for i in range(scenes):
        nxt = f"scene-{i + 1}" if i + 1 < scenes else "deal"
        data["scenes"][f"scene-{i}"] = {
            "text": f"Round {i}.",
            "choices": [
                {"text": "Build trust", "effects": {"trust": 10, "support": -10}, "goto": nxt},
                {
                    "text": "Ask",
                    "set": ["asked"],
                    "clear": ["warned"],
                    "effects": {"support": 10},
                    "goto": nxt,
                },
                {
                    "text": "Offer",
                    "if": "trust >= 20 and not offered",
                    "set": ["offered"],
                    "effects": {"trust": -10},
                    "goto": nxt,
                },
                {
                    "text": "Warn",
                    "if": "support > 10 or asked",
                    "set": ["warned"],
                    "clear": ["asked"],
                    "goto": nxt,
                },
                {"text": "Walk out", "if": "trust == 0", "goto": "stall"},
            ],
        }
    return Scenario.model_validate(data)


def plain_bfs(scenario: Scenario) -> int:
    """The straightforward search: a visited set over (scene, meters, flags)."""
    meters = scenario.meters
    start = (scenario.start, tuple(m.start for m in meters.values()), frozenset[str]())
    seen = {start}
    queue = deque([start])
    names = list(meters)
    while queue:
        scene_id, values, flags = queue.popleft()
        if scene_id in scenario.endings:
            continue
        current = dict(zip(names, values, strict=True))
        for choice in scenario.scenes[scene_id].choices or ():
            if choice.condition is not None and not holds(choice.condition, current, flags):
                continue
            new_values = tuple(
                max(meters[n].min, min(meters[n].max, current[n] + choice.effects.get(n, 0)))
                for n in names
            )
            new_flags = (flags | set(choice.flags_set)) - set(choice.flags_cleared)
            state = (choice.goto, new_values, new_flags)
            if state not in seen:
                seen.add(state)
                queue.append(state)
    return len(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    catalog = check([bundled_root()])
    start = time.perf_counter()
    states = sum(explore(s).states for s in catalog.scenarios.values())
    took = time.perf_counter() - start
    print(f"every bundled scenario ({len(catalog.scenarios)}): {states:,} states in {took:.3f} s")

    scenario = generated(args.scenes)
    ours: list[float] = []
    plain: list[float] = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        result = explore(scenario, max_states=10_000_000)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        counted = plain_bfs(scenario)
        plain.append(time.perf_counter() - start)
    assert result.states == counted, (result.states, counted)
    mo, mp = statistics.median(ours), statistics.median(plain)
    print(f"generated: {args.scenes:,} scenes, 2 meters, 3 flags: {counted:,} states")
    print(f"treaty explore (full report): median {mo:.2f} s, {counted / mo:,.0f} states/s")
    print(f"plain breadth-first search:   median {mp:.2f} s, {counted / mp:,.0f} states/s")
    print(f"ratio explore / plain: {mo / mp:.2f}x  (target: at most 1.5x)")


if __name__ == "__main__":
    main()
