"""The commands on a table (issue 34: two delegations at one table): `treaty play` as a
hot-seat game, `explore`, `graph` and `test`. Each command asks `find_table` first; a
name that is not a table goes on to the scenario's own command."""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from game.cli.common import ExitStatus, fail, interactive, open_progress
from game.content.catalog import Catalog, check
from game.content.files import expand
from game.content.paths import OnlyFolders, bundled_root, is_only
from game.content.table_models import Table, is_table_data
from game.content.vocabulary import FOLDERS, YAML_SUFFIXES
from game.content.yamlfile import load_yaml
from game.engine import ScenarioLoop
from game.engine.table import TableState, moves_made


def _candidates(name: str, content: list[str]) -> list[Path]:
    """The files that may hold the table `name` (a file, or an id named after its file)."""
    path = Path(name)
    if path.suffix in YAML_SUFFIXES or path.is_file():
        return [path]
    found = []
    for folder in [bundled_root(), *map(Path, content)]:
        if folder.is_file():
            found += [folder] if folder.stem == name else []
            continue
        for where in (folder / FOLDERS["scenario"], folder):
            found += [where / f"{name}{suffix}" for suffix in YAML_SUFFIXES]
    return [f for f in found if f.is_file()]


def find_table(name: str, content: list[str]) -> tuple[Table, Catalog] | None:
    """The table `name` (an id or a file), with the catalog it was checked in; None when
    `name` is not a table (a scenario's command takes it from there). A table file with
    errors is said on stderr and is None too."""
    for path in _candidates(name, content):
        if not is_table_data(load_yaml(path).data):
            continue
        extra = [c for c in content if Path(c).is_file() or Path(c).is_dir()]
        files, _ = expand(extra)
        catalog = check([path, *(f for f in files if f.resolve() != path.resolve())])
        for table in catalog.tables.values():
            if catalog.table_files.get(table.id, Path()).resolve() == path.resolve():
                return table, catalog
        for problem in catalog.problems:
            print(problem, file=sys.stderr)
        return None
    return None


def players_given(values: list[str] | None, table: Table) -> dict[str, str] | str:
    """`--player SIDE=NAME` (once per side) as a mapping, or what is wrong with it."""
    players: dict[str, str] = {}
    for value in values or []:
        side, equals, player = value.partition("=")
        side = side.strip()
        if not equals or not player.strip():
            return f"--player needs SIDE=NAME, such as --player {table.role_ids[0]}=Ann"
        if side not in table.roles:
            return (
                f"--player: `{side}` is not a side of this table (the sides are "
                f"{', '.join(table.role_ids)})"
            )
        if side in players:
            return f"--player is given twice for `{side}`: once per side"
        from game.plain.table import playing

        taken = playing(table, players, player.strip())
        if taken is not None:
            return f"--player: {taken}"
        players[side] = player.strip()
    return players


def run_table_play(args: argparse.Namespace, table: Table, catalog: Catalog) -> ExitStatus:
    from game.plain.common import plural
    from game.plain.resume import wants_to_continue
    from game.plain.table import PlainTable, player_names
    from game.store.games import Changed
    from game.store.tables import resume_table, save_table

    given = players_given(getattr(args, "player", None), table)
    if isinstance(given, str):
        return fail(given)
    if not args.plain and interactive():  # the app, straight at the table
        from game.cli.play import run_app

        content, path = list(args.content), Path(args.scenario)
        start = table.id
        if path.suffix in YAML_SUFFIXES or path.is_file():  # a file: played as it is
            content, start = [*content, str(path)], str(path)
        if is_only(args.content):
            content = OnlyFolders(content)
        return run_app(content, start, args.data_dir, args.profile, given or None)

    def say(line: str) -> None:
        print(line, flush=True)

    players = player_names(table, given, input, say)
    if players is None:
        return fail(
            "the input ended before each side had a player's name, so the table did not "
            "start (give the names with --player SIDE=NAME, once per side)"
        )
    store = open_progress(args.data_dir)
    profiles = {role: store.profile(name) for role, name in players.items()}
    first = profiles[table.role_ids[0]]
    found = resume_table(store, first, table)
    resume = None
    if isinstance(found, Changed):
        say("This table has changed since it was saved; starting again.")
    elif found is not None:
        state, saved_players = found
        if saved_players == players and wants_to_continue(
            f"this table ({plural(moves_made(state), 'move')} made)"
        ):
            resume = state

    def saved(state: TableState) -> None:
        save_table(store, table.id, profiles, players, state)

    game = PlainTable(table, catalog, input, say, players)
    try:
        game.play(
            resume=resume,
            on_step=saved,
        )
    except KeyboardInterrupt:
        print("\nStopped before the end.")
    except ScenarioLoop as loop:
        print(f"\ntreaty: the table cannot go on: {loop}", file=sys.stderr)
        return ExitStatus.PROBLEMS
    if game.stuck:  # a soft-lock: continuing would only lead back to it
        from game.store.tables import TABLE

        for profile in profiles.values():
            store.forget(profile, TABLE, table.id)
    return ExitStatus.OK


def run_table_explore(table: Table, as_json: bool, max_states: int) -> ExitStatus:
    import json

    from game.analysis.table_explore import explore_table, table_report

    result = explore_table(table, max_states=max_states)
    if as_json:
        data = {
            "table": table.id,
            "states": result.states,
            "endings": sorted(result.endings),
            "unreachable_endings": result.unreachable_endings,
            "soft_locks": [{"scene": s.scene, "side": s.role} for s in result.soft_locks],
            "traps": [t.scene for t in result.traps],
            "truncated": result.truncated,
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(table_report(table, result))
    return ExitStatus.OK if result.clean else ExitStatus.PROBLEMS


def run_table_graph(table: Table, form: str) -> ExitStatus:
    from game.analysis.table_graph import table_to_dot, table_to_mermaid

    print(table_to_mermaid(table) if form == "mermaid" else table_to_dot(table), end="")
    return ExitStatus.OK


def test_tables(catalog: Catalog, runs: int, seed: int) -> bool:
    """`treaty test` for the tables checked: exploration and random two-sided games.
    Whether any property failed."""
    from game.analysis.table_explore import explore_table
    from game.testing.table_checks import TableFlaw, random_table_games

    failed = False
    for table_id, table in sorted(catalog.tables.items()):
        print(f"\n{table_id}: a table; {runs} random two-sided games (seed {seed}) and exploration")
        result = explore_table(table)
        if result.clean:
            print(
                f"  exploration: {result.states:,} situations; no soft-lock or trap for either "
                "side; every ending reachable"
            )
        else:
            failed = True
            locks = ", ".join(f"{s.role} at {s.scene}" for s in result.soft_locks)
            print(
                "  FAILED exploration: "
                + "; ".join(
                    part
                    for part in (
                        f"soft-locks: {locks}" if locks else "",
                        f"traps: {', '.join(t.scene for t in result.traps)}"
                        if result.traps
                        else "",
                        "endings never reached: " + ", ".join(result.unreachable_endings)
                        if result.unreachable_endings
                        else "",
                    )
                    if part
                )
            )
        try:
            endings = random_table_games(table, runs=runs, rng=random.Random(seed))
        except TableFlaw as flaw:
            failed = True
            print(f"  FAILED game: {flaw}")
            continue
        print(f"  endings reached by the games: {len(endings)}/{len(table.endings)}")
    return failed
