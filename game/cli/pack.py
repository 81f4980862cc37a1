"""`treaty pack SCENARIO [--content DIR] [--out FILE]`: one file to share, holding the
scenario and every fact, source and glossary term it cites (issue 33); and `treaty import
FILE.yaml`'s branch for such a file, which splits it back into a content folder."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from game.cli.common import ExitStatus, fail, find_scenario, plural
from game.cli.options import add_content, parent


def add_pack(commands: Any) -> None:
    command = commands.add_parser(
        "pack",
        parents=[parent(add_content)],
        help="write a scenario and everything it cites into one file to share",
        description="Write one YAML file holding the scenario and every fact, source and "
        "glossary term it cites. A colleague checks it with `treaty validate FILE`, plays "
        "it with `treaty play FILE`, and puts it into a content folder with `treaty import "
        "FILE`. Exit status: "
        f"{ExitStatus.OK:d} written, {ExitStatus.PROBLEMS:d} the scenario has errors, "
        f"{ExitStatus.USAGE:d} it cannot be found or the file cannot be written.",
    )
    command.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a .yaml file")
    command.add_argument(
        "--out",
        metavar="FILE",
        help="the file to write (default: SCENARIO-ID.pack.yaml in this folder); an "
        "existing file is not overwritten",
    )
    command.set_defaults(run=run_pack)


def run_pack(args: argparse.Namespace) -> ExitStatus:
    from game.content.packing import pack_text

    scenario, catalog = find_scenario(args.scenario, args.content)
    if scenario is None:
        return ExitStatus.PROBLEMS if catalog.errors else ExitStatus.USAGE
    out = Path(args.out or f"{scenario.id}.pack.yaml")
    source = catalog.scenario_files.get(scenario.id)
    if source is None:  # pragma: no cover - every scenario loaded has its file
        return fail(f"the file of `{scenario.id}` is not known")
    text = pack_text(scenario, source, catalog, out.name)
    try:
        with out.open("x", encoding="utf-8") as written:
            written.write(text)
    except FileExistsError:
        return fail(f"{out} already exists; it is not overwritten (choose another --out)")
    except OSError as exc:
        return fail(f"cannot write {out}: {exc.strerror or exc}")
    facts = text.count("\n    source: ")
    print(f"Packed `{scenario.id}` into {out} ({plural(facts, 'fact')} with it).")
    print(f"Check it:  treaty validate {out.as_posix()}")
    print(f"Play it:   treaty play {out.as_posix()} --plain")
    return ExitStatus.OK


def run_import_pack(args: argparse.Namespace) -> ExitStatus:
    """`treaty import FILE.yaml`: a packed file split back into the content folder."""
    from game.cli.importing import every_time_hint, import_folder
    from game.content.unpacking import unpack

    source = Path(args.file)
    folder, note = import_folder(args.folder)
    result = unpack(source, folder)
    for problem in result.problems:
        print(problem)
    if result.unreadable:
        return fail(result.unreadable)
    if result.errors:
        print(f"Nothing imported: {plural(result.errors, 'error')} in {source}.")
        return ExitStatus.PROBLEMS
    try:
        result.write()
    except OSError as exc:
        return fail(f"cannot write into {folder}: {exc.strerror or exc}")
    if note and result.writes:
        print(note)
    for line in result.done:
        print(line)
    print(f"Check it:  treaty validate {folder.as_posix()}")
    if result.scenario_id:
        print(f"Play it:   treaty play {result.scenario_id} --content {folder.as_posix()}")
    if result.writes and note:  # the folder was not named: how to have the game read it
        every_time_hint(folder)
    return ExitStatus.OK


__all__ = ["add_pack", "run_import_pack", "run_pack"]
