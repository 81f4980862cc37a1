"""The `treaty` parser, built from each command's module, and the command line read into
one value per option."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from game import __version__
from game.cli import (
    authoring,
    exchange,
    explore,
    glossary,
    importing,
    join,
    pack,
    play,
    quiz,
    report,
    serve,
    validate,
)
from game.cli.common import ExitStatus, fail
from game.cli.options import PROFILE_NEEDS_A_NAME, add_app_options, merge, names_kept

COMMANDS = (
    validate.add_list,
    play.add_play,
    quiz.add_quiz,
    explore.add_explore,
    explore.add_graph,
    explore.add_test,
    glossary.add_glossary,
    exchange.add_export,
    importing.add_import,
    pack.add_pack,
    validate.add_validate,
    report.add_report,
    authoring.add_schema,
    serve.add_serve,
    join.add_table,
    join.add_join,
    authoring.add_new,
    authoring.add_config,
)
"""Each command's parser, in the order `treaty --help` lists them."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="treaty",
        description="Treaty Talks: the Russia-Japan peace treaty talks, as a game.",
    )
    parser.add_argument("--version", action="version", version=f"treaty {__version__}")
    # For `treaty` alone (the app); the commands take the same options after their name.
    add_app_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in COMMANDS:
        add(commands)
    return parser


def read_command_line(argv: Sequence[str] | None) -> argparse.Namespace | ExitStatus:
    """The command and its options, each shared option with one value wherever it was
    written; the status to exit with when a name given is no name. Argparse's own errors
    exit (status 2) after saying what is wrong."""
    args = build_parser().parse_args(argv)
    if not names_kept(args):
        return fail(PROFILE_NEEDS_A_NAME)
    if args.command is not None:
        merge(args)
    return args


__all__ = ["build_parser", "read_command_line"]
