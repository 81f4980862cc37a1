"""`treaty glossary`: the hard words of the content and what they mean, as plain text (the
game's own glossary and the teacher's folders')."""

from __future__ import annotations

import argparse
from typing import Any

from game.cli.common import ExitStatus, content_note, load
from game.cli.options import progress_parents
from game.plain.glossary import whole_glossary


def add_glossary(commands: Any) -> None:
    glossary = commands.add_parser(
        "glossary",
        parents=progress_parents(),
        help="print the glossary: the hard words of the game and what they mean",
    )
    glossary.set_defaults(run=run_glossary)


def run_glossary(args: argparse.Namespace) -> ExitStatus:
    catalog = load(args.content)
    for line in whole_glossary(catalog.glossary):
        print(line)
    content_note(catalog)
    return ExitStatus.OK
