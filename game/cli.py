"""The command line: `treaty` and its subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from game import __version__
from game.content.catalog import Catalog, check
from game.content.models import KINDS
from game.content.paths import bundled_root


def _schema(args: argparse.Namespace) -> int:
    kinds = [args.kind] if args.kind else list(KINDS)
    schemas = {kind: KINDS[kind].model_json_schema(by_alias=True) for kind in kinds}
    out = schemas[args.kind] if args.kind else schemas
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


def _console(stderr: bool = False) -> Console:
    # Colour on a terminal; plain when piped or when NO_COLOR is set (Rich checks both).
    return Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _validate(args: argparse.Namespace) -> int:
    catalog = check(args.paths)
    out = _console()
    for line in catalog.unreadable:
        out.print(Text(line, style="bold red"))
    for problem in catalog.problems:
        style = "bold red" if problem.severity == "error" else "yellow"
        where = f"{problem.file}:{problem.line}:{problem.col}: "
        text = Text(where, style="bold")
        text.append(f"{problem.severity}:", style=style)
        text.append(f" {problem.message}")
        out.print(text)
    errors, warnings = len(catalog.errors), len(catalog.warnings)
    summary = f"{_plural(len(catalog.checked), 'file')} checked: "
    if errors or warnings:
        summary += f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    else:
        summary += "no problems found"
    if catalog.unreadable:
        summary += f"; {_plural(len(catalog.unreadable), 'path')} could not be read"
    out.print(Text(summary, style="bold red" if errors else "bold green"))
    if catalog.unreadable:
        return 2
    return 1 if errors else 0


def _overview(catalog: Catalog) -> None:
    out = _console()
    out.print(Text("Treaty Talks", style="bold"))
    out.print("Lead a delegation through the Russia–Japan peace treaty talks.\n")
    out.print(Text("Scenarios", style="bold underline"))
    scenarios = sorted(catalog.scenarios.values(), key=lambda s: (s.year, s.id))
    for scenario in scenarios:
        lead = f"(you lead: {scenario.role})"
        out.print(Text(f"  {scenario.id:<24} {scenario.year}  {scenario.title}  {lead}"))
    if not scenarios:
        out.print("  (none)")
    out.print(Text("\nQuizzes", style="bold underline"))
    for quiz in sorted(catalog.quizzes.values(), key=lambda q: q.id):
        count = _plural(len(quiz.questions), "question")
        out.print(Text(f"  {quiz.id:<24} {quiz.title} ({count})"))
    if not catalog.quizzes:
        out.print("  (none)")
    out.print(
        "\nPlaying in the terminal is not built yet. For now you can read the content in "
        f"{bundled_root()} and check files with: treaty validate PATH"
    )
    if catalog.errors:
        out.print(
            Text(
                f"\n{_plural(len(catalog.errors), 'problem')} in the content; "
                "run `treaty validate` on it to see them.",
                style="yellow",
            )
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="treaty",
        description="Treaty Talks: the Russia-Japan peace treaty talks, as a game.",
    )
    parser.add_argument("--version", action="version", version=f"treaty {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check scenario, quiz and fact files (or folders of them)",
        description="Check content files. Prints FILE:LINE:COL: error: message for each "
        "problem, then a summary. Exit status: 0 no errors, 1 errors, 2 a path cannot be read.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder")
    validate.set_defaults(run=_validate)

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
        _overview(check([bundled_root()]))
        return 0
    result: int = args.run(args)
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
