"""A mutation fuzzer over the bundled content, through the command line's validate path:
whatever a careless teacher's editor makes of a file (tags, numbers, nesting, indentation,
unicode, deletions), `treaty validate` answers with located problems and an exit status,
never an exception. Fixed seed, a budget of seconds."""

from __future__ import annotations

import contextlib
import io
import random
import time
from collections.abc import Callable
from pathlib import Path

from game.cli import main
from game.content.paths import bundled_root

SEED = 20261204
BUDGET_SECONDS = 8.0

_TAGS = [
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!str",
    "!!binary",
    "!!timestamp",
    "!!set",
    "!!omap",
    "!!pairs",
    "!!seq",
    "!!map",
    "!!python/object:os.system",
    "!custom",
    "!",
]
_ODD = [
    "\u200b",
    "\u00a0",
    "\u202e",
    "\ufeff",
    "\u2013 ",
    "“",
    "”",
    "\t",
    "\x85",
    "\u2028",
    "\U0001f600",
    "é",
    "\u0301",
    "\r",
    "\x1b[31m",
    "[/]",
    "[red]",
    "%",
    "\\",
    "&a ",
    "*a ",
    "<<: ",
    "? ",
    "- ",
    ": ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "#",
    "|",
    ">",
    "'",
    '"',
    "---\n",
]
_NUMBERS = [
    "9" * 30,
    "9" * 5000,
    "-0",
    "0x1F",
    "1e400",
    ".nan",
    ".inf",
    "1_000",
    "0o17",
    "12:30:00",
    "2019-01-22",
    "-" + "9" * 25,
]


def _mutations(rng: random.Random) -> list[Callable[[str], str]]:
    def at(text: str) -> int:
        return rng.randrange(len(text) + 1)

    def tag(text: str) -> str:
        i = text.find(": ", at(text))
        return text if i < 0 else text[: i + 2] + rng.choice(_TAGS) + " " + text[i + 2 :]

    def odd(text: str) -> str:
        i = at(text)
        return text[:i] + rng.choice(_ODD) + text[i:]

    def number(text: str) -> str:
        i = text.find(": ", at(text))
        if i < 0:
            return text
        end = text.find("\n", i)
        end = len(text) if end < 0 else end
        return text[: i + 2] + rng.choice(_NUMBERS) + text[end:]

    def nest(text: str) -> str:
        i = text.find(": ", at(text))
        depth = rng.choice([3, 60, 2000])
        opener, closer = rng.choice([("[", "]"), ("{a: ", "}"), ("(", ")"), ("not ", "")])
        return (
            text if i < 0 else text[: i + 2] + opener * depth + "x" + closer * depth + text[i + 2 :]
        )

    def indent(text: str) -> str:
        lines = text.split("\n")
        k = rng.randrange(len(lines))
        lines[k] = (
            rng.choice([" ", "  ", "\t", "   "]) + lines[k]
            if rng.random() < 0.6
            else lines[k].lstrip()
        )
        return "\n".join(lines)

    def delete(text: str) -> str:
        i = at(text)
        return text[:i] + text[i + rng.choice([1, 5, 40, 400]) :]

    def duplicate(text: str) -> str:
        lines = text.split("\n")
        k = rng.randrange(len(lines))
        return "\n".join(lines[: k + 1] + lines[k : k + rng.choice([1, 3, 10])] + lines[k + 1 :])

    def condition(text: str) -> str:
        i = text.find("if: ", at(text))
        if i < 0:
            return text
        end = text.find("\n", i)
        junk = rng.choice(
            [
                "trust => 5",
                "(((",
                "not",
                "trust >= " + "9" * 50,
                "a and or b",
                "trust >= 1 >= 2",
                "²",
                "trust == -",
                "))",
                "flag-" * 30,
            ]
        )
        return text[: i + 4] + junk + text[end:]

    def swap_lines(text: str) -> str:
        lines = text.split("\n")
        a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[a], lines[b] = lines[b], lines[a]
        return "\n".join(lines)

    return [tag, odd, number, nest, indent, delete, duplicate, condition, swap_lines]


def _validate(path: Path) -> int:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(["validate", "--strict", str(path)])
    assert "Traceback" not in out.getvalue()
    return status


def test_mutated_bundled_content_never_escapes_the_validate_path(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    originals = sorted(bundled_root().rglob("*.yaml"))
    texts = {p: p.read_text(encoding="utf-8") for p in originals}
    mutations = _mutations(rng)
    deadline = time.monotonic() + BUDGET_SECONDS
    tried = 0
    statuses: set[int] = set()
    while time.monotonic() < deadline:
        source = rng.choice(originals)
        text = texts[source]
        for _ in range(rng.choice([1, 1, 2, 4])):
            text = rng.choice(mutations)(text)
        folder = tmp_path / str(tried) / source.parent.name
        folder.mkdir(parents=True)
        mutant = folder / source.name
        if rng.random() < 0.1:
            mutant.write_bytes(text.encode("utf-8", "replace")[: rng.randrange(len(text) + 1)])
        else:
            mutant.write_text(text, encoding="utf-8")
        statuses.add(_validate(mutant))
        tried += 1
    assert tried >= 20, f"only {tried} mutants in {BUDGET_SECONDS} s"
    assert statuses <= {0, 1, 2}
    assert 1 in statuses  # the mutations do break files, and that is said
