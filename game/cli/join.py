"""`treaty table open` and `treaty join` (issue 35): a table over the network, on a
`treaty serve` running somewhere on the class's network. The server decides everything;
these only ask it and show what it says."""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import threading
from typing import Any

from game.cli.common import ExitStatus, fail
from game.cli.options import add_profile

TABLE_CODE = re.compile(r"[A-Za-z0-9]{4,16}")
SIDE = re.compile(r"[A-Za-z0-9_.-]{1,80}")


def add_table(commands: Any) -> None:
    table = commands.add_parser(
        "table",
        help="open a table for two players on a running `treaty serve`",
        description="Tables over the network: two students, one delegation each, on a "
        "server started with `treaty serve`.",
    )
    actions = table.add_subparsers(dest="action", metavar="ACTION", required=True)
    opening = actions.add_parser(
        "open",
        help="open a new table and print its code",
        description="Open a new table of SCENARIO (a table's id) on the server at URL. The "
        "table's code is printed alone on the last line: give it to both players, who join "
        "with `treaty join URL CODE`.",
    )
    opening.add_argument("url", metavar="URL", help="the server, such as http://HOST:8000/")
    opening.add_argument("scenario", metavar="SCENARIO", help="a table scenario's id")
    opening.add_argument(
        "--code", metavar="CODE", help="the teacher's code, where the server has a roster"
    )
    opening.set_defaults(run=run_table_open)


def add_join(commands: Any) -> None:
    join = commands.add_parser(
        "join",
        help="play one side of a table on a running `treaty serve`",
        description="Join the table TABLE (its code) on the server at URL and play one side. "
        "A side already taken by another player is refused; your own side is yours to "
        "rejoin (run the same command again after a dropped connection).",
    )
    join.add_argument("url", metavar="URL", help="the server, such as http://HOST:8000/")
    join.add_argument("table", metavar="TABLE", help="the table's code")
    join.add_argument(
        "--side", metavar="SIDE", help="the side to play, such as russia (default: a free one)"
    )
    add_profile(join, help="who plays (default: default); two players need two names")
    join.add_argument(
        "--code", metavar="CODE", help="your profile's code, where the server has a roster"
    )
    join.add_argument(
        "--plain",
        action="store_true",
        help="plain text on standard input and output, one side's prompts only (screen "
        "readers, scripts); at a terminal the table is played in the same lines",
    )
    join.set_defaults(run=run_join)


def run_table_open(args: argparse.Namespace) -> ExitStatus:
    from game.net.client import Unreachable, open_table
    from game.net.protocol import Refused

    try:
        answer = asyncio.run(open_table(args.url, args.scenario, args.code))
    except Unreachable as problem:
        return fail(str(problem))
    if isinstance(answer, Refused):
        return fail(answer.message)
    print(f"Table opened: {answer.title}. Both players join it with:")
    if args.code:  # a class with a roster: each student adds their own code
        print(f"  treaty join {args.url} {answer.table} --profile NAME --code CODE")
        print("(NAME and CODE: the student's own, as in the class's codes file)")
    else:
        print(f"  treaty join {args.url} {answer.table} --profile NAME")
    print(answer.table)
    return ExitStatus.OK


def run_join(args: argparse.Namespace) -> ExitStatus:
    from game.net.client import Connection, Seat, Unreachable
    from game.net.plain_join import PlainJoin

    if not TABLE_CODE.fullmatch(args.table):
        return fail(f"`{args.table}` is not a table's code (letters and digits, such as K7MX2Q)")
    if args.side is not None and not SIDE.fullmatch(args.side):
        return fail(f"`{args.side}` is not a side's id (such as russia)")

    def say(line: str) -> None:
        print(line, flush=True)

    seat = Seat(args.table, args.profile or "default", args.side, args.code)

    async def play() -> int:
        async with Connection(args.url) as connection:
            return await PlainJoin(connection, seat, input, say).play()

    try:
        status = asyncio.run(play())
    except Unreachable as problem:
        return fail(str(problem))
    except KeyboardInterrupt:
        print("\nStopped before the end. Your side is kept: run the same command to rejoin.")
        return ExitStatus.OK
    result = ExitStatus.OK if status == 0 else ExitStatus.PROBLEMS
    if any(t.name == "treaty-join-input" and t.is_alive() for t in threading.enumerate()):
        # The table ended or was closed while a line was being read: Python cannot shut
        # down while that thread holds standard input (it aborts), so leave at once.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(result)
    return result
