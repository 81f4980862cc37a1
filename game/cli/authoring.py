"""A teacher's first steps: `treaty new` (a small working file), `treaty schema` (the
JSON Schemas for an editor) and `treaty config` (the folder included every time)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.cli.common import ExitStatus, fail
from game.content.models import KINDS


def add_schema(commands: Any) -> None:
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of each kind of file (scenario, quiz, facts, glossary, ...)",
    )
    schema.add_argument(
        "kind",
        nargs="?",
        choices=[*KINDS, "glossary", "course", "pack", "table"],
        help="one kind of file (default: all of them; `table`: a scenario with `roles:`)",
    )
    schema.add_argument(
        "--out",
        metavar="DIR",
        help="write scenario.schema.json, quiz.schema.json, facts.schema.json, "
        "glossary.schema.json, course.schema.json, pack.schema.json and table.schema.json into DIR",
    )
    schema.set_defaults(run=run_schema)


def add_new(commands: Any) -> None:
    new = commands.add_parser(
        "new",
        help="start a new scenario, table or quiz of your own, from a small working example",
        description="Write a small, valid, commented scenario, table (two delegations, one "
        "student each) or quiz into your content folder (default: the folder set with "
        "`treaty config`, or ./treaty-content, which is then remembered). The folder gets "
        "scenarios/, quizzes/, sources/ and schemas/.",
    )
    new.add_argument(
        "kind",
        choices=["scenario", "table", "quiz"],
        help="what to make (a table goes in scenarios/, as a scenario with `roles:`)",
    )
    new.add_argument("name", metavar="NAME", help="its id and file name, e.g. first-talks")
    # Not the shared --content (a folder to read): the one folder to write into.
    new.add_argument(
        "--content", dest="folder", metavar="DIR", help="the content folder to write into"
    )
    new.set_defaults(run=run_new)


def add_config(commands: Any) -> None:
    config = commands.add_parser(
        "config",
        help="show or change your settings (the content folder included every time)",
    )
    remember = config.add_mutually_exclusive_group()
    # Not the shared --content either: the one folder to remember.
    remember.add_argument(
        "--content",
        dest="folder",
        metavar="DIR",
        help="include this folder every time, in the app and commands",
    )
    remember.add_argument(
        "--no-content", action="store_true", help="forget the folder set with --content"
    )
    config.set_defaults(run=run_config)


def run_schema(args: argparse.Namespace) -> ExitStatus:
    if args.out:
        from game.content.scaffold import write_schemas

        try:
            written = write_schemas(Path(args.out))
        except OSError as exc:
            return fail(f"cannot write to {args.out}: {exc.strerror}")
        for path in written:
            print(f"Wrote {path}")
        return ExitStatus.OK
    from game.content.course_schemas import extra_schemas
    from game.content.glossary import json_schema
    from game.content.table_models import Table

    extra = extra_schemas()  # course.yaml and packed files (issue 33)
    kinds = [args.kind] if args.kind else [*KINDS, "glossary", *extra, "table"]
    schemas = {
        kind: KINDS[kind].model_json_schema(by_alias=True)
        if kind in KINDS
        else Table.model_json_schema(by_alias=True)
        if kind == "table"
        else json_schema()
        for kind in kinds
        if kind not in extra
    } | {kind: extra[kind] for kind in kinds if kind in extra}
    out = schemas[args.kind] if args.kind else schemas
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return ExitStatus.OK


def run_new(args: argparse.Namespace) -> ExitStatus:
    from game.content.scaffold import ScaffoldError, new_file
    from game.store.settings import load_settings, save_settings

    settings = load_settings()
    # `treaty --only DIR new ...`: into that course, which is played alone (not remembered).
    only = [str(d) for d in getattr(args, "app_only", None) or []]
    folder = Path(
        args.folder or (only[0] if only else None) or settings.content or "treaty-content"
    )
    if folder.is_absolute() and folder.is_relative_to(Path.cwd()):
        folder = folder.relative_to(Path.cwd())  # as the teacher would type it
    alone = bool(only) and any(Path(d).resolve() == folder.resolve() for d in only)
    facts_before = set((folder / "sources").glob("*.yaml"))
    try:
        path = new_file(args.kind, args.name, folder, alone=alone)
    except ScaffoldError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot write in {folder}: {exc.strerror}")
    print(f"Created {path}")
    treaty = f"treaty --only {folder.as_posix()}" if alone else "treaty"
    for made in sorted(set((folder / "sources").glob("*.yaml")) - facts_before):
        print(f"Created {made}")
        print(
            "  Your course has no facts yet: the example cites the two in this file. "
            "Replace them with your own, each with a quote copied word for word from "
            "your document."
        )
    if alone:
        print(
            "The example is an invented story of two harbour towns, citing your course's "
            "own facts: replace it with your subject."
        )
    if settings.content is None and not only:
        settings.content = str(Path(folder).resolve())
        try:
            save_settings(settings)
            print(
                f"The game now includes your folder {settings.content} every time "
                "(change it with `treaty config --content DIR`)."
            )
        except OSError:
            pass
    if args.kind == "scenario":
        print(f"Play it, reloading as you edit:  {treaty} play {path.as_posix()} --watch")
        print(f"Check it:                        {treaty} validate {path.as_posix()}")
    elif args.kind == "table":
        print(f"Play it, two players at one keyboard:  {treaty} play {path.as_posix()}")
        print(f"Check it:                              {treaty} validate {path.as_posix()}")
        print(f"Every way through it:                  {treaty} explore {path.as_posix()}")
    else:
        print(f"Take it:    {treaty} quiz {args.name}")
        print(f"Check it:   {treaty} validate {path.as_posix()}")
    return ExitStatus.OK


def run_config(args: argparse.Namespace) -> ExitStatus:
    from game.store.settings import load_settings, save_settings, settings_path

    settings = load_settings()
    if settings.problem:
        print(f"treaty: {settings.problem}", file=sys.stderr)
    if args.folder or args.no_content:
        if args.folder and not Path(args.folder).is_dir():
            return fail(f"{args.folder} is not a folder")
        settings.content = None if args.no_content else str(Path(args.folder).resolve())
        try:
            save_settings(settings)
        except OSError as exc:
            return fail(f"cannot save the settings: {exc.strerror}")
    print(f"Settings ({settings_path()}):")
    if settings.content:
        print(f"  your content folder: {settings.content} (included every time)")
    else:
        print("  your content folder: none (set one with `treaty config --content DIR`)")
    return ExitStatus.OK
