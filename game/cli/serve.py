"""`treaty serve`: the game for a classroom of browsers."""

from __future__ import annotations

import argparse
from typing import Any

from game.cli.common import ExitStatus, fail, plural
from game.cli.options import add_content, add_data_dir, positive_int

# The server's own defaults (game.tui.serve.DEFAULT_HOST and DEFAULT_PORT), written here
# because importing the server to build the help would load the web server and Textual;
# tests/test_cli_options.py checks that the two agree.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOCAL = ("127.0.0.1", "localhost", "::1")
"""The addresses only this machine can reach."""


def add_serve(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help="serve the game to browsers (a classroom with only browsers)",
        description="Serve the game to web browsers. Each visitor gets a game of their own; "
        "open http://HOST:PORT/?profile=NAME to play as NAME, with your own saved progress. "
        "The page needs no internet connection. The teacher's console, at "
        "http://HOST:PORT/teacher, opens with the teacher's code.",
    )
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default {DEFAULT_HOST}: this machine only; 0.0.0.0: "
        "every machine that can reach this one)",
    )
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"the port (default {DEFAULT_PORT})"
    )
    add_content(serve)
    add_data_dir(serve, help="where progress is kept")
    serve.add_argument(
        "--max-players",
        type=positive_int,
        metavar="N",
        help="the most games running at once; past it a visitor sees that the class is full "
        "(default: as many as this machine's free memory holds, about 40 MB each, and never "
        "fewer than 40)",
    )
    serve.add_argument(
        "--roster",
        metavar="FILE",
        help="the class's names, one a line: each gets a code (written to FILE-codes.csv "
        "beside it, the teacher's on the row named teacher), and a profile opens only with "
        "its code; without it, anyone can play under any name",
    )
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> ExitStatus:
    from game.net.roster import new_code
    from game.tui.capacity import default_max_players
    from game.tui.serve import serve

    roster = None
    teacher_code: str | None = new_code()
    said = (
        "No roster: anyone who can reach the server can play under any name "
        "(--roster FILE gives each student a code)."
    )
    if args.roster:
        from pathlib import Path

        from game.net.roster import RosterProblem, read_roster

        try:
            roster, codes, count = read_roster(Path(args.roster))
        except RosterProblem as problem:
            return fail(str(problem))
        said = (
            f"Roster: {plural(count, 'name')}. Their codes are in {codes.resolve()} "
            "(the teacher's on the row named teacher): a profile opens only with its code."
        )
        teacher_code = None
    where = f"http://{'localhost' if args.host in ('127.0.0.1', 'localhost') else args.host}"
    print(f"Treaty Talks is served at {where}:{args.port}/ (Ctrl+C stops it).")
    if args.host not in LOCAL:
        print(
            f"Listening on {args.host}: other machines on the network can open it at "
            f"http://THIS-MACHINE'S-ADDRESS:{args.port}/ (anyone who can reach this machine)."
        )
    print(said)
    console = f"{where}:{args.port}/teacher"
    if teacher_code is None:
        print(f"The teacher's console: {console} (the teacher's code opens it).")
    else:
        print(f"The teacher's console: {console}; the teacher's code for it is {teacher_code}")
        print("(made for this start: a new one each time; --roster FILE keeps one).")
    players = args.max_players or default_max_players()
    sized = "" if args.max_players else ", as this machine's memory allows"
    print(f"At most {plural(players, 'game')} at once{sized} (--max-players N changes it).")
    try:
        serve(args.host, args.port, args.content, args.data_dir, players, roster, teacher_code)
    except OSError as exc:
        return fail(f"cannot serve on {args.host}:{args.port}: {exc.strerror}")
    print("Stopped. Every game has ended; progress is saved.")
    return ExitStatus.OK
