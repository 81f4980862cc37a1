"""How fast the ending works out "What would have changed it" (and "Why this ending").

For each bundled scenario: every ending's shortest path (from the exploration) and a
number of seeded random playthroughs to an ending; for each, the time of
`search_changes` (the exact search for the earliest and the latest choice that would
have changed it) on a first call (no state graph kept yet: every
kept graph is let go before it) and again (the scenario's graph kept from the call
before), and of the whole explanation the ending screen and plain mode show. Prints
the median and the largest per scenario (target: under 50 ms for "what would have
changed it", the first call included).

The cost of a choice is unchanged: the explanation is worked out once, when the ending
screen is built, never on a choice that does not end the scenario (`tui_bench.py`
measures a choice).

    python benchmarks/why_bench.py [--games 30] [--rounds 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from functools import partial

from game.analysis import explore
from game.analysis.alternatives import search_changes
from game.analysis.explain import explain
from game.analysis.state_graph import forget_graphs
from game.content.catalog import check
from game.content.models import Scenario
from game.content.paths import bundled_root
from game.engine import apply_choice, enabled_choices, start

TARGET_MS = 50.0


def random_paths(scenario: Scenario, games: int, seed: int) -> list[list[tuple[str, int]]]:
    rng = random.Random(seed)
    paths = []
    for _ in range(games):
        state = start(scenario)
        while not state.ended and len(state.path) < 300:
            choices = enabled_choices(scenario, state)
            if not choices:
                break
            state = apply_choice(scenario, state, rng.choice(choices)[0])
        if state.ended:
            paths.append(list(state.path))
    return paths


def best_of(rounds: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return min(times)


def first_call(run: Callable[[], object]) -> float:
    """The time of `run` with no state graph kept."""
    forget_graphs()
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


def best_first_call(rounds: int, run: Callable[[], object]) -> float:
    return min(first_call(run) for _ in range(rounds)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    catalog = check([bundled_root()])
    worst = worst_whole = 0.0
    for scenario in catalog.scenarios.values():
        shortest = [
            [(step.scene, step.number) for step in report.shortest]
            for report in explore(scenario).endings
            if report.reachable
        ]
        paths = shortest + random_paths(scenario, args.games, seed=1)
        cold = [best_first_call(args.rounds, partial(search_changes, scenario, p)) for p in paths]
        whole_cold = [best_first_call(args.rounds, partial(explain, scenario, p)) for p in paths]
        search = [best_of(args.rounds, partial(search_changes, scenario, p)) for p in paths]
        whole = [best_of(args.rounds, partial(explain, scenario, p)) for p in paths]
        worst = max(worst, max(search), max(cold))
        worst_whole = max(worst_whole, max(whole_cold))
        print(
            f"{scenario.id:26} {len(paths):3} endings; what would have changed it: first "
            f"call median {statistics.median(cold):5.2f} ms, largest {max(cold):5.2f} ms; "
            f"again median {statistics.median(search):5.2f} ms, largest {max(search):5.2f} ms;"
            f" whole explanation: median {statistics.median(whole):5.2f} ms, "
            f"largest {max(whole):5.2f} ms (first call: largest {max(whole_cold):5.2f} ms)"
        )
    verdict = "within" if worst < TARGET_MS else "OVER"
    print(f"largest: {worst:.2f} ms ({verdict} the target of {TARGET_MS:g} ms)")
    print(f"largest whole explanation on a first call: {worst_whole:.2f} ms")


if __name__ == "__main__":
    main()
