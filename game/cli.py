"""The command line: `treaty` and its subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from game import __version__
from game.content.models import KINDS


def _schema(args: argparse.Namespace) -> int:
    kinds = [args.kind] if args.kind else list(KINDS)
    schemas = {kind: KINDS[kind].model_json_schema(by_alias=True) for kind in kinds}
    out = schemas[args.kind] if args.kind else schemas
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="treaty",
        description="Treaty Talks: the Russia-Japan peace treaty talks, as a game.",
    )
    parser.add_argument("--version", action="version", version=f"treaty {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    schema = commands.add_parser(
        "schema", help="print the JSON Schema of scenario, quiz and fact files"
    )
    schema.add_argument(
        "kind", nargs="?", choices=list(KINDS), help="one kind of file (default: all three)"
    )
    schema.set_defaults(run=_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    result: int = args.run(args)
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
