"""A teacher's checks of a scenario's paths: `treaty explore` (every reachable situation),
`treaty graph` (Mermaid or DOT) and `treaty test` (random playthroughs and exploration,
with coverage)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from game.analysis.explore import DEFAULT_MAX_SECONDS, DEFAULT_MAX_STATES
from game.analysis.paragraphs import UnshownParagraph, Where, conditional_paragraphs
from game.cli.common import ExitStatus, find_scenario, plural
from game.cli.options import positive_int, positive_seconds, progress_parents
from game.content.catalog import check
from game.content.models import Scenario
from game.content.paths import bundled_root
from game.store.settings import content_folders
from game.testing.checks import DEFAULT_RUNS, DEFAULT_SEED


def add_explore(commands: Any) -> None:
    explore_cmd = commands.add_parser(
        "explore",
        parents=progress_parents(),
        help="try every reachable situation in a scenario and report what can go wrong",
        description="Visit every reachable (scene, meters, flags) state of SCENARIO and report "
        "endings (with path counts and the shortest path), unreachable scenes and endings, "
        f"soft-locks, traps, choices never enabled and meter ranges. Exit {ExitStatus.OK:d} "
        "when there is no soft-lock or trap and every ending is reachable, "
        f"{ExitStatus.PROBLEMS:d} otherwise.",
    )
    explore_cmd.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a .yaml file")
    explore_cmd.add_argument("--json", action="store_true", help="the report as JSON")
    explore_cmd.add_argument(
        "--max-states",
        type=positive_int,
        default=DEFAULT_MAX_STATES,
        metavar="N",
        help=f"stop after N states (default {DEFAULT_MAX_STATES:,})",
    )
    explore_cmd.add_argument(
        "--max-seconds",
        type=positive_seconds,
        default=DEFAULT_MAX_SECONDS,
        metavar="S",
        help=f"stop after S seconds (default {DEFAULT_MAX_SECONDS:g})",
    )
    explore_cmd.set_defaults(run=run_explore)


def add_graph(commands: Any) -> None:
    graph = commands.add_parser(
        "graph",
        parents=progress_parents(),
        help="draw a scenario as a Mermaid or DOT graph",
    )
    graph.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a .yaml file")
    graph.add_argument("--format", choices=["mermaid", "dot"], default="mermaid")
    graph.set_defaults(run=run_graph)


def add_test(commands: Any) -> None:
    test = commands.add_parser(
        "test",
        help="play random games through scenarios and explore them; report coverage",
        description="Check scenarios without writing Python: random playthroughs (meters "
        "stay in range, every game ends or can go on) and the exploration (no soft-lock or "
        "trap, every ending reachable), then the share of scenes, choices and endings the "
        f"playthroughs visited. Exit {ExitStatus.OK:d} when every property holds.",
    )
    test.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled scenarios)"
    )
    test.add_argument(
        "--runs",
        type=positive_int,
        default=DEFAULT_RUNS,
        help=f"random playthroughs per scenario (default {DEFAULT_RUNS})",
    )
    test.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"seed for the random choices (default {DEFAULT_SEED})",
    )
    test.add_argument(
        "--max-states",
        type=positive_int,
        default=DEFAULT_MAX_STATES,
        metavar="N",
        help="exploration limit",
    )
    test.add_argument(
        "--max-seconds",
        type=positive_seconds,
        default=DEFAULT_MAX_SECONDS,
        metavar="S",
        help=f"exploration time limit per scenario (default {DEFAULT_MAX_SECONDS:g})",
    )
    test.set_defaults(run=run_test)


def run_explore(args: argparse.Namespace) -> ExitStatus:
    from game.analysis import as_json, as_text, explore
    from game.cli.table import find_table, run_table_explore

    table = find_table(args.scenario, args.content)
    if table is not None:  # two delegations at one table (issue 34)
        return run_table_explore(table[0], args.json, args.max_states)
    scenario, _ = find_scenario(args.scenario, args.content)
    if scenario is None:
        return ExitStatus.USAGE
    progress = None
    bar = None
    if sys.stderr.isatty() and not args.json:
        from rich.progress import Progress, SpinnerColumn, TextColumn

        bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), transient=True)
        task = bar.add_task("Exploring…")
        bar.start()

        def progress(states: int) -> None:
            bar.update(task, description=f"Exploring… {states:,} states")

    try:
        result = explore(
            scenario,
            max_states=args.max_states,
            progress=progress,
            max_seconds=args.max_seconds,
        )
    finally:
        if bar is not None:
            bar.stop()
    if args.json:
        print(json.dumps(as_json(result), indent=2, ensure_ascii=False))
    else:
        print(as_text(result))
    return ExitStatus.OK if result.clean else ExitStatus.PROBLEMS


def run_graph(args: argparse.Namespace) -> ExitStatus:
    from game.analysis import to_dot, to_mermaid
    from game.cli.table import find_table, run_table_graph

    table = find_table(args.scenario, args.content)
    if table is not None:  # two delegations at one table (issue 34)
        return run_table_graph(table[0], args.format)
    scenario, _ = find_scenario(args.scenario, args.content)
    if scenario is None:
        return ExitStatus.USAGE
    print(to_mermaid(scenario) if args.format == "mermaid" else to_dot(scenario), end="")
    return ExitStatus.OK


def _percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({round(100 * part / whole) if whole else 100}%)"


def _paragraphs(scenario: Scenario, never_shown: list[UnshownParagraph], shown: set[Where]) -> None:
    """What `treaty test` says of paragraphs with an `if:` (nothing for a file without)."""
    written = conditional_paragraphs(scenario)
    if not written:
        return
    seen = _percent(len(shown & set(written)), len(written))
    print(f"  paragraphs with `if:` shown by the playthroughs: {seen}")
    for p in never_shown:
        print(f"  paragraph never shown in any situation: {p.place}, if {p.condition}")


def run_test(args: argparse.Namespace) -> ExitStatus:
    from game.analysis import explore
    from game.testing import ScenarioFlaw, check_exploration, random_playthroughs

    catalog = check(args.paths or [bundled_root(), *content_folders([])])
    for line in catalog.unreadable:
        print(line)
    for problem in catalog.errors:
        print(problem)
    failed = bool(catalog.errors or catalog.unreadable)
    for scenario_id, scenario in sorted(catalog.scenarios.items()):
        print(
            f"\n{scenario_id}: {args.runs} random playthroughs (seed {args.seed}) and exploration"
        )
        result = explore(scenario, max_states=args.max_states, max_seconds=args.max_seconds)
        try:
            check_exploration(result)
            print(
                f"  exploration: {result.states:,} states; no soft-lock or trap; "
                "every ending reachable"
            )
        except ScenarioFlaw as flaw:
            failed = True
            print(f"  FAILED exploration: {flaw}")
        coverage = random_playthroughs(scenario, runs=args.runs, seed=args.seed)
        for flaw_text in dict.fromkeys(coverage.flaws):
            failed = True
            print(f"  FAILED playthrough: {flaw_text}")
        choice_scenes = [s for s, scene in scenario.scenes.items() if scene.choices]
        all_choices = sum(len(scene.choices or ()) for scene in scenario.scenes.values())
        print(
            f"  coverage: scenes {_percent(len(coverage.scenes), len(choice_scenes))}, "
            f"choices {_percent(len(coverage.choices), all_choices)}, "
            f"endings {_percent(len(coverage.endings), len(scenario.endings))}"
        )
        scenes, choices, endings = coverage.missing(scenario)
        if scenes:
            print(f"  scenes never visited: {', '.join(scenes)}")
        if choices:
            print(f"  choices never taken: {', '.join(choices)}")
        if endings:
            print(f"  endings never reached by a playthrough: {', '.join(endings)}")
        _paragraphs(scenario, result.never_shown, coverage.paragraphs)
    from game.cli.table import test_tables

    failed = test_tables(catalog, args.runs, args.seed) or failed  # issue 34: tables
    count = len(catalog.scenarios) + len(catalog.tables)
    if count == 0:
        print("\nNo scenario to test" + (": see above." if failed else " here."))
        return ExitStatus.USAGE if catalog.unreadable else ExitStatus.PROBLEMS
    verdict = "some properties do not hold" if failed else "every property holds"
    print(f"\n{plural(count, 'scenario')} tested: {verdict}")
    return ExitStatus.PROBLEMS if failed else ExitStatus.OK
