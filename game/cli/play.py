"""`treaty play`: a scenario in the app at a terminal, as plain text otherwise, or as a
teacher's live preview (--watch); and the app itself, for `treaty` alone."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import Any

from game.cli.common import (
    ExitStatus,
    fail,
    find_scenario,
    interactive,
    load,
    open_progress,
)
from game.cli.options import progress_parents
from game.engine import PlayState, ScenarioLoop
from game.plain import PlainGame
from game.plain.common import SaveNotes
from game.plain.resume import resume_game
from game.store.games import save_play


def add_play(commands: Any) -> None:
    play = commands.add_parser(
        "play",
        parents=progress_parents(),
        help="play a scenario",
        description="Play a scenario. SCENARIO is an id from `treaty list` or a file.",
    )
    play.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a .yaml file")
    play.add_argument(
        "--plain",
        action="store_true",
        help="plain text on standard input and output (screen readers, scripts, pipes); "
        "without it, the game opens full screen on a terminal",
    )
    play.add_argument(
        "--watch",
        action="store_true",
        help="live preview while you edit: the game reloads the file each time it is saved, "
        "keeps your place, and shows any errors in the file instead of stopping",
    )
    play.add_argument(
        "--player",
        action="append",
        default=argparse.SUPPRESS,  # absent unless given: a scenario's options are unchanged
        metavar="SIDE=NAME",
        help="at a table (two delegations): who plays SIDE, once per side "
        "(otherwise each player's name is asked)",
    )
    play.set_defaults(run=run_play)


def run_app(
    content: list[str],
    scenario_id: str | None,
    data_dir: str | None = None,
    profile: str = "default",
    players: dict[str, str] | None = None,
) -> ExitStatus:
    """The app, full screen (at the scenario or table `scenario_id`, if given; a table's
    `players` are asked there unless given)."""
    from game.tui import make_app  # textual loads only when the app is wanted

    folder = Path(data_dir) if data_dir else None
    if "web_driver" in os.environ.get("TEXTUAL_DRIVER", ""):
        # A visitor's game under `treaty serve`: Ctrl+C at the server's terminal reaches
        # this process too, but the server ends each game itself, cleanly.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    make_app(
        content=content,
        start_scenario=scenario_id,
        players=players,
        data_dir=folder,
        profile=profile,
    ).run()
    return ExitStatus.OK


def run_watch(args: argparse.Namespace) -> ExitStatus:
    path = Path(args.scenario)
    if not path.suffix and not path.is_file():  # an id: its file
        found = load(args.content).scenario_files.get(args.scenario)
        if found is None:
            return fail(f"no scenario called `{args.scenario}` to watch")
        path = found
    if not path.is_file():
        return fail(f"{path}: no such file")
    if not interactive():
        return fail("--watch opens the game full screen, so it needs a terminal")
    from game.tui import make_app

    make_app(
        content=args.content,
        watch=path,
        profile=args.profile,
        data_dir=Path(args.data_dir) if args.data_dir else None,
    ).run()
    return ExitStatus.OK


def run_play(args: argparse.Namespace) -> ExitStatus:
    if args.watch:
        return run_watch(args)
    from game.cli.table import find_table, run_table_play

    found = find_table(args.scenario, args.content)
    if found is not None:  # two delegations at one table (issue 34): hot-seat
        return run_table_play(args, *found)
    if not args.plain and interactive() and not Path(args.scenario).suffix:
        return run_app(args.content, args.scenario, args.data_dir, args.profile)
    scenario, catalog = find_scenario(args.scenario, args.content)
    if scenario is None:
        return ExitStatus.PROBLEMS if catalog.errors else ExitStatus.USAGE

    def say(line: str) -> None:
        print(line, flush=True)

    store = open_progress(args.data_dir)
    notes = SaveNotes(store, lambda line: print(line, file=sys.stderr), store.warning)
    profile = store.profile(args.profile)
    notes.tell_news()  # a profile that could not be created: nothing will be saved
    resume = resume_game(store, profile, scenario)
    notes.tell_news()

    def saved(state: PlayState) -> None:
        save_play(store, profile, scenario.id, state)
        notes.tell_news()  # a failure to save, once

    game = PlainGame(scenario, catalog, input, say, saving=notes.saving)
    try:
        game.play(resume=resume, on_step=saved)
    except KeyboardInterrupt:
        print(game.stopped)
    except ScenarioLoop as loop:
        print(f"\ntreaty: the scenario cannot go on: {loop}", file=sys.stderr)
        return ExitStatus.PROBLEMS
    return ExitStatus.OK
