"""`treaty import FILE [--content DIR] [--id ID]`: a question bank from Moodle (GIFT or
Moodle XML) written as `quizzes/ID.yaml` in the content folder, with `citations:
optional` (issue 32)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from game.cli.common import ExitStatus, fail, plural
from game.content.codes import Code
from game.content.paths import bundled_root
from game.content.vocabulary import FOLDERS, ID
from game.exchange.imported import Bank, quiz_id, quiz_yaml

MAX_BANK_BYTES = 10 * 1024 * 1024
"""A question bank larger than this is not read."""

GIFT_SUFFIXES = (".gift", ".txt")
XML_SUFFIXES = (".xml",)


def add_import(commands: Any) -> None:
    command = commands.add_parser(
        "import",
        help="bring in a question bank (GIFT or Moodle XML) as a quiz, or a packed scenario",
        description="Read a GIFT (.gift, .txt) or Moodle XML (.xml) question bank and write "
        "it as quizzes/ID.yaml in your content folder, marked `citations: optional`. "
        "Questions of a kind the game does not have are listed and left out. A file written "
        "by `treaty pack` (.yaml) is split back into the folder's scenario, facts and "
        "glossary files. Exit status: "
        f"{ExitStatus.OK:d} imported, {ExitStatus.PROBLEMS:d} the file has errors, "
        f"{ExitStatus.USAGE:d} it cannot be read or written.",
    )
    command.add_argument(
        "file",
        metavar="FILE",
        help="the question bank (.gift, .txt, .xml) or packed scenario (.yaml)",
    )
    # Not the shared --content (folders to read): the one folder to write into.
    command.add_argument(
        "--content", dest="folder", metavar="DIR", help="the content folder to write into"
    )
    command.add_argument("--id", dest="quiz_id", metavar="ID", help="the new quiz's id")
    command.set_defaults(run=run_import)


def read_bank(path: Path) -> Bank | str:
    """The bank in the file; what is wrong when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in GIFT_SUFFIXES + XML_SUFFIXES:
        return (
            f"{path}: cannot tell the format from the name; "
            "use .gift or .txt for GIFT, .xml for Moodle XML"
        )
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BANK_BYTES + 1)
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror or exc}"
    if len(data) > MAX_BANK_BYTES:
        return f"{path} is larger than {MAX_BANK_BYTES // (1024 * 1024)} MB; it is not read"
    if suffix in XML_SUFFIXES:
        from game.exchange.moodle_xml_read import read_moodle_xml

        return read_moodle_xml(data, str(path))
    from game.exchange.gift_read import read_gift

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bank = Bank(str(path))
        line = data[: exc.start].count(b"\n") + 1
        bank.problem(Code.NOT_UTF8, line, 1, "this file is not UTF-8 text; save it as UTF-8")
        return bank
    return read_gift(text, str(path))


DEFAULT_FOLDER = "treaty-content"
"""Where `treaty import` writes when no folder is given or set: a new folder here."""


def import_folder(given: str | None) -> tuple[Path, str]:
    """The content folder to write into: `--content DIR`, else the one set with `treaty
    config`, else `./treaty-content`; and, when it was not given, a line that says which
    (printed once something is written, so that the teacher knows where it went)."""
    from game.store.settings import load_settings

    if given:
        return Path(given), ""
    configured = load_settings().content
    if configured:
        note = f"Written into your content folder (set with `treaty config`): {configured}"
        return Path(configured), note
    folder = Path(DEFAULT_FOLDER)
    made = "" if folder.is_dir() else "a new folder, "
    return folder, (
        f"No --content DIR given and no content folder set: written into {made}"
        f"{folder.resolve().as_posix()}"
    )


def every_time_hint(folder: Path) -> None:
    """How to have the game read the folder every time, unless it already does."""
    from game.store.settings import load_settings

    configured = load_settings().content
    if not configured or Path(configured).resolve() != folder.resolve():
        print(f"Every time: treaty config --content {folder.resolve().as_posix()}")


def run_import(args: argparse.Namespace) -> ExitStatus:
    source = Path(args.file)
    if source.suffix.lower() in (".yaml", ".yml"):  # a packed file (issue 33)
        from game.cli.pack import run_import_pack

        return run_import_pack(args)
    name = args.quiz_id or source.stem
    new_id = args.quiz_id if args.quiz_id and ID.fullmatch(args.quiz_id) else quiz_id(name)
    if args.quiz_id and new_id != args.quiz_id:
        return fail(
            f"`{args.quiz_id}` is not a valid id: use lowercase letters, digits and '-' "
            f"(like `{new_id}`)"
        )
    if (bundled_root() / FOLDERS["quiz"] / f"{new_id}.yaml").exists():
        return fail(f"the game already has a quiz `{new_id}`; choose another with --id")
    folder, note = import_folder(args.folder)
    target = folder / FOLDERS["quiz"] / f"{new_id}.yaml"
    if target.exists():
        return fail(f"{target} already exists; it is not overwritten (choose another --id)")
    bank = read_bank(source)
    if isinstance(bank, str):
        return fail(bank)
    # The title: the last category the file names, else made from the file's name.
    title = bank.category or _title(source)
    text, count = ("", 0) if bank.errors else quiz_yaml(bank, new_id, title)
    if not bank.errors and count == 0:
        bank.problem(Code.BANK_NO_QUESTIONS, 1, 1, "no question in this file can be imported")
    for problem in sorted(bank.problems, key=lambda p: (p.line, p.col)):
        print(problem)
    if bank.errors:
        print(f"Nothing imported: {plural(len(bank.errors), 'error')} in {source}.")
        return ExitStatus.PROBLEMS
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        return fail(f"{target} already exists; it is not overwritten (choose another --id)")
    except OSError as exc:
        return fail(f"cannot write {target}: {exc.strerror or exc}")
    if note:
        print(note)
    left = len(bank.left_out)
    summary = f"Imported {plural(count, 'question')} into {target}"
    summary += f"; left out {left} (listed above)." if left else "."
    print(summary)
    print(f"Check it:  treaty validate {target.as_posix()}")
    print(f"Take it:   treaty quiz {new_id} --content {folder.as_posix()}")
    if note:  # the folder was not named: how to have the game read it
        every_time_hint(folder)
    return ExitStatus.OK


def _title(source: Path) -> str:
    words = " ".join(source.stem.replace("_", " ").replace("-", " ").split())
    return (words[:1].upper() + words[1:]) if words else "Imported questions"
