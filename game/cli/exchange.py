"""`treaty export`: quizzes written as question banks for Moodle (GIFT, Moodle XML),
Canvas (QTI 1.2 zip) or Anki (tab-separated text)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from game.cli.common import ExitStatus, fail
from game.cli.options import add_content, add_facts, parent
from game.cli.quiz import find_quiz
from game.exchange import BINARY, FORMATS, Exported, exported, notes

EXPORT_HELP = """\
Write quizzes as a question bank for your school's learning platform or for Anki.

  gift        Moodle: Question bank > Import > GIFT format
  moodle-xml  Moodle: Question bank > Import > Moodle XML format
  qti         Canvas (and others): Import course content > QTI .zip file (needs --out)
  anki        Anki: File > Import (a text file; importing again updates the cards)

Every question type is written; an `order` question becomes a matching question (each
place, 1 first, with its item), and the command says which. The explanation, the source
quotes and their citations go with each question as its general feedback."""


def add_export(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        parents=[parent(add_content, add_facts)],
        help="write quizzes for Moodle, Canvas or Anki",
        description=EXPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument(
        "quizzes", nargs="+", metavar="QUIZ", help="a quiz id from `treaty list`, or a .yaml file"
    )
    export.add_argument(
        "--format",
        required=True,
        choices=list(FORMATS),
        help="gift, moodle-xml, qti or anki",
    )
    export.add_argument(
        "--out",
        metavar="FILE",
        help="the file to write (islands.gift, .xml, .zip or .txt); without it, "
        "the text formats go to the screen",
    )
    export.add_argument(
        "--force", action="store_true", help="with --out: replace FILE if it already exists"
    )
    export.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> ExitStatus:
    out = Path(args.out) if args.out else None
    if out is None and args.format in BINARY:
        return fail(f"--format {args.format} writes a zip file: say where with --out FILE.zip")
    if out is not None and not out.parent.is_dir():
        return fail(f"cannot write {out}: there is no folder {out.parent}")
    if out is not None and out.is_dir():
        return fail(f"cannot write {out}: it is a folder; give a file name")
    bank: list[Exported] = []
    seen: set[str] = set()
    for name in args.quizzes:
        quiz, catalog, status = find_quiz(name, args.content)
        if quiz is None:
            return status
        if quiz.id not in seen:
            seen.add(quiz.id)
            bank.append(exported(quiz, catalog))
    data = FORMATS[args.format](bank)
    for line in notes(bank, args.format):
        print(f"Note: {line}", file=sys.stderr)
    if out is None:
        assert isinstance(data, str)
        sys.stdout.write(data)
        return ExitStatus.OK
    binary = data if isinstance(data, bytes) else data.encode("utf-8")
    try:
        # "x": a file already there is never overwritten unless --force says so.
        with open(out, "wb" if args.force else "xb") as file:
            file.write(binary)
    except FileExistsError:
        return fail(
            f"{out} already exists; nothing was written. Choose another file name, "
            "or add --force to replace it."
        )
    except OSError as error:
        return fail(f"cannot write {out}: {error.strerror or error}")
    questions = sum(len(e.items) for e in bank)
    print(
        f"Wrote {questions} question{'s' if questions != 1 else ''} from "
        f"{len(bank)} quiz{'zes' if len(bank) != 1 else ''} to {out} ({args.format}).",
        file=sys.stderr,
    )
    return ExitStatus.OK
