"""The glossary where the student plays: the words of a scene listed with it, and what
they mean a key away (plain mode here; the app in test_tui_glossary.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game.cli import main
from game.content.catalog import check
from game.content.paths import bundled_root
from game.plain.play import PlainGame
from helpers import SCENARIO, write

GLOSSARY = """\
memorandum: A written note from one government to another.
ratify / ratified: To approve an agreement formally.
sovereignty: The right of a country to rule a land.
"""

S = SCENARIO.replace(
    "text: The talks begin.", "text: The talks begin with a *Memorandum*; nothing is ratified."
).replace("history: The talks stalled.", "history: The talks stalled over sovereignty.")


def _play(tmp_path: Path, typed: list[str]) -> list[str]:
    write(tmp_path, "scenarios/test-scenario.yaml", S)
    write(tmp_path, "sources/glossary.yaml", GLOSSARY)
    catalog = check([tmp_path])
    assert catalog.problems == []
    answers: Iterator[str] = iter(typed)
    said: list[str] = []

    def ask(prompt: str) -> str:
        said.append(prompt)
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    game = PlainGame(catalog.scenarios["test-scenario"], catalog, ask, said.append)
    game.play()
    return "\n".join(said).splitlines()


def test_a_scene_lists_its_words_in_the_order_they_appear(tmp_path: Path) -> None:
    lines = _play(tmp_path, [])
    [words] = [line for line in lines if line.startswith("Words:")]
    assert words.startswith("Words: memorandum, ratify (type w to read what they mean")
    assert not any("sovereignty" in line for line in lines)  # only in the debrief


def test_w_shows_what_the_scenes_words_mean_and_asks_again(tmp_path: Path) -> None:
    lines = _play(tmp_path, ["w", "2"])
    at = lines.index("What the words mean:")
    assert lines[at + 1 : at + 5] == [
        "  memorandum",
        "      A written note from one government to another.",
        "  ratify",
        "      To approve an agreement formally.",
    ]
    assert "Please type one of the numbers" not in "\n".join(lines)
    assert lines[-1] == "Ending: Talks stall (historical)"


def test_g_shows_the_whole_glossary_from_a_to_z(tmp_path: Path) -> None:
    lines = _play(tmp_path, ["G"])
    at = lines.index("Glossary:")
    end = lines.index("Type the number of your choice and press Enter: ", at)
    shown = [line.strip() for line in lines[at + 1 : end]]
    terms = [line[2:] for line in lines[at + 1 : end] if not line.startswith("      ")]
    own = check([bundled_root()]).glossary
    assert len(terms) == len(own)  # the game's own terms, three of them this folder's
    assert terms == sorted(terms, key=str.casefold)
    assert shown[shown.index("sovereignty") + 1] == "The right of a country to rule a land."
    assert "peace treaty" in terms


def test_treaty_glossary_prints_the_teachers_terms_with_the_games(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "sources/glossary.yaml", "Memorandum: A letter between governments.\n")
    assert main(["glossary", "--content", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Glossary:"
    at = lines.index("  Memorandum")
    assert lines[at + 1] == "      A letter between governments."
    assert "  peace treaty" in lines
