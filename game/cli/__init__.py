"""The command line: `treaty` and its commands, one module each (see `parser.COMMANDS`).
It prints and exits; what it decides with lives in the core."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from game.cli.common import ExitStatus
from game.cli.parser import build_parser, read_command_line

__all__ = ["ExitStatus", "build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (`treaty list | head`): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitStatus.OK


def _main(argv: Sequence[str] | None) -> int:
    args = read_command_line(argv)
    if isinstance(args, ExitStatus):
        return args
    if args.command is None:
        only = bool(args.app_only)  # --only: those folders alone
        folders = args.app_only if only else args.app_content
        return _alone(folders, args.app_data_dir, args.app_profile, only)
    status: ExitStatus = args.run(args)
    return status


def _alone(
    content: list[str], data_dir: str | None, profile: str, only: bool = False
) -> ExitStatus:
    """`treaty` with no command: the app at a terminal, else what there is to play."""
    from game.cli import play
    from game.cli.common import interactive, load
    from game.cli.validate import overview

    folders = app_folders(content, only)
    if interactive():
        return play.run_app(folders, None, data_dir, profile)
    overview(load(folders), only=only)
    return ExitStatus.OK


def app_folders(content: list[str], only: bool = False) -> list[str]:
    """The folders the app plays: `--only`'s alone, or `--content`'s and the remembered one."""
    from game.content.only import OnlyFolders
    from game.store.settings import content_folders

    return OnlyFolders(content) if only else content_folders(content)


def app_content_of(argv: Sequence[str]) -> list[str] | None:
    """The folders `treaty ARGV` plays in the app (None when ARGV is a command)."""
    args = read_command_line(argv)
    if isinstance(args, ExitStatus) or args.command is not None:
        return None
    only = bool(args.app_only)
    return app_folders(args.app_only if only else args.app_content, only)
