"""Every diagnostic code (`game.content.codes`): documented once in AUTHORING.md's list of
messages, and shown by a golden case (a file that gets it, and the exact line).

The golden cases of `test_rules.py`, `test_loader.py` and `test_hostile_input.py` count
too: a code is tested when some test expects a whole message line with it. The codes not
met there have their case here.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import pytest
from pydantic import Field

from game.content import scenario_checks
from game.content.catalog import check
from game.content.codes import TITLES, Code
from game.content.models import Model
from game.content.paths import bundled_root
from game.content.structure import validate_model
from game.content.yamlfile import YamlFile, load_yaml
from helpers import FACTS, QUIZ, SCENARIO, check_text, messages, write

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
GUIDE = ROOT / "AUTHORING.md"

S = SCENARIO.replace("id: test-scenario", "id: scenario")
Q = QUIZ.replace("id: test-quiz", "id: quiz")

GOLDEN = [
    pytest.param(
        "s.yaml",
        "id: a\x00\n",
        "s.yaml:1:1: error TT105: this file contains a NUL character; it is not a text file",
        id="TT105",
    ),
    pytest.param(
        "s.yaml",
        "a: [" + ",".join(["1"] * 50_001) + "]\n",
        "s.yaml:1:1: error TT106: this file holds up to 100,006 values (keys, list items and "
        "texts); files with more than 50,000 are not read: split it into several",
        id="TT106",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("    text: The talks begin.", "\u00a0   text: The talks begin."),
        "scenario.yaml:15:1: error TT107: a no-break space (U+00A0) is used for indentation "
        "here, pasted from a word processor; YAML needs ordinary spaces: type the spaces at "
        "the start of this line again",
        id="TT107",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("      - text: Walk out", "      \u2013 text: Walk out"),
        "scenario.yaml:23:7: error TT108: an en dash (–) starts this line where a list item "
        "needs a hyphen (-): type `-` instead (word processors turn `-` into a dash)",
        id="TT108",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace(
            "facts: [singapore-2018-accelerate]\nmeters",
            "facts: [singapore-2018-accelerate\nmeters",
        ),
        "scenario.yaml:7:7: error TT112: the `[` opened on line 6 is not closed with `]`, or two "
        "items are not separated by a comma",
        id="TT112",
    ),
    pytest.param(
        "s.yaml",
        "id: a\ntitle\n  x: 1\n",
        "s.yaml:3:4: error TT113: expected `key: value` here; a colon is missing, or a line is "
        "indented wrongly",
        id="TT113",
    ),
    pytest.param(
        "s.yaml",
        "scenes:\n  - a: 1\n   b: 2\n",
        "s.yaml:3:4: error TT115: this line does not belong to the list item above it: indent it "
        "to line up with the text after `- `, or start a new item with `- `",
        id="TT115",
    ),
    pytest.param(
        "s.yaml",
        "id: *nothing\n",
        "s.yaml:1:5: error TT116: found undefined alias: an alias `*name` needs an anchor "
        "`&name` earlier in the file",
        id="TT116",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("title: A test", 'title: "A test'),
        "scenario.yaml:42:1: error TT117: the file ends while scanning a quoted scalar: a quote "
        "or bracket is not closed",
        id="TT117",
    ),
    pytest.param(
        "s.yaml",
        "a: @b\n",
        "s.yaml:1:4: error TT118: not valid YAML: found character that cannot start any token "
        "(while scanning for the next token)",
        id="TT118",
    ),
    pytest.param(
        "s.yaml",
        "a: " + "[" * 600 + "]" * 600 + "\n",
        "s.yaml:1:1: error TT122: lists and mappings are nested too deeply in this file to be read",
        id="TT122",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("title: A test", "title: !custom A test"),
        "scenario.yaml:2:8: error TT126: the tag `!custom` is not supported here; remove it",
        id="TT126",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("year: 2018", "year: !!float 0x10"),
        "scenario.yaml:5:7: error TT128: `0x10` cannot be read as a number",
        id="TT128",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("title: A test", "? [a, b]\n: c\ntitle: A test"),
        "scenario.yaml:2:3: error TT129: a key must be a plain word or text, not a list or mapping",
        id="TT129",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("title: A test", "title: A test\n<<: {x: 1}"),
        "scenario.yaml:3:1: error TT130: merge keys (`<<:`) are not supported; write the keys "
        "out in full",
        id="TT130",
    ),
    pytest.param(
        "notes.yaml",
        "title: Notes\nwhat: nothing\n",
        "notes.yaml:1:1: error TT134: cannot tell what kind of file this is: a scenario has "
        "`scenes:`, a quiz has `questions:`, a fact file has `facts:`",
        id="TT134",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("year: 2018", "year: yes"),
        "scenario.yaml:5:7: error TT205: expected a whole number; YAML reads `yes` as "
        "true/false here",
        id="TT205",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("title: A test", "title:"),
        "scenario.yaml:2:7: error TT207: `title` in the file is empty; write the text after the "
        "colon",
        id="TT207",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("title: A test", "title: [a, b]"),
        "scenario.yaml:2:8: error TT208: `title` in the file should be text, but found a list",
        id="TT208",
    ),
    pytest.param(
        "quiz.yaml",
        Q.replace("type: choice\n", 'type: choice\n    shuffle: "false"\n'),
        "quiz.yaml:6:14: error TT211: `shuffle` in question 1 should be true or false without "
        'quotes, but found "false"',
        id="TT211",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("  opening:\n", "  nothing: 5\n  opening:\n"),
        "scenario.yaml:14:12: error TT213: scene `nothing` should have keys such as `title:` and "
        "`speaker:`, but found the number 5",
        id="TT213",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("effects: {trust: +10}", "effects: 10"),
        "scenario.yaml:20:18: error TT214: `effects` in choice 1 of scene `opening` should be "
        "`name: value` lines, but found the number 10",
        id="TT214",
    ),
    pytest.param(
        "other.yaml",
        S,
        "other.yaml:1:5: warning TT219: this scenario's id is `scenario` but its file is "
        "`other.yaml`; name the file `scenario.yaml` (or change the id) so that they match",
        id="TT219",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("if: trust >= 50 and proposed-1956", "if: [trust]"),
        "scenario.yaml:27:13: error TT302: `if:` should be a condition such as "
        "`trust >= 50 and proposed-1956`",
        id="TT302",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("flags: [proposed-1956]", "flags: [proposed-1956, proposed-1956]"),
        "scenario.yaml:11:24: error TT307: the flag `proposed-1956` is declared twice",
        id="TT307",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("start: opening", "start: framework"),
        "scenario.yaml:12:8: error TT310: `start: framework` is an ending; start at a scene",
        id="TT310",
    ),
    pytest.param(
        "scenario.yaml",
        re.sub(r"    choices:\n(      .*\n|        .*\n)+", "    choices: []\n", S, count=1),
        "scenario.yaml:17:14: error TT317: scene `opening` needs at least one choice",
        id="TT317",
    ),
    pytest.param(
        "scenario.yaml",
        re.sub(r"    route:\n(      .*\n|        .*\n)+", "    route: []\n", S, count=1),
        "scenario.yaml:26:12: error TT318: the route of scene `verdict` is empty",
        id="TT318",
    ),
    pytest.param(
        "scenario.yaml",
        S.replace("    route:\n", "    route:\n      - goto: framework\n"),
        "scenario.yaml:27:9: warning TT320: this branch of scene `verdict` has no `if:`, so the "
        "branches after it are never taken",
        id="TT320",
    ),
    pytest.param(
        "quiz.yaml",
        Q.replace("    type: choice\n", ""),
        "quiz.yaml:4:5: error TT402: question 1 needs a `type:`, one of `choice`, `multi`, "
        "`truefalse`, `order`, `match` or `fill`",
        id="TT402",
    ),
]


@pytest.mark.parametrize(("name", "text", "line"), GOLDEN)
def test_the_file_gets_the_line(name: str, text: str, line: str, tmp_path: Path) -> None:
    assert line in check_text(tmp_path, name, text)


# --- Codes that need more than one file, or a file that is not a file ----------------


def test_a_file_that_is_not_there(tmp_path: Path) -> None:
    [problem] = load_yaml(tmp_path / "gone.yaml").problems
    assert str(problem) == (
        f"{tmp_path / 'gone.yaml'}:1:1: error TT101: cannot read the file: "
        "No such file or directory"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_read_as_a_file(tmp_path: Path) -> None:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    [problem] = load_yaml(path).problems
    assert str(problem) == f"{path}:1:1: error TT102: this is not an ordinary file; it is not read"


def test_a_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import game.content.yamlfile as module

    monkeypatch.setattr(module, "MAX_FILE_BYTES", 1000)
    path = write(tmp_path, "big.yaml", "a: " + "x" * 2_000_000)
    [problem] = load_yaml(path).problems
    assert str(problem) == (
        f"{path}:1:1: error TT103: the file is 1.9 MB; files larger than 1 KB are not read: "
        "split it into several"
    )


def test_entries_named_like_content_that_are_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    (folder / "scenarios" / "folder.yaml").mkdir(parents=True)
    write(folder, "scenarios/talks.yaml.txt", S)
    assert messages(check([folder]), folder) == [
        "scenarios/folder.yaml:1:1: warning TT132: skipped: this is a folder, not a file",
        "scenarios/talks.yaml.txt:1:1: warning TT133: this file is not read: its name ends in "
        "`.txt`; rename it `talks.yaml` (some editors add `.txt` when saving)",
    ]


def test_ids_taken_by_the_game_or_by_another_file(tmp_path: Path) -> None:
    write(
        tmp_path, "scenarios/singapore-2018.yaml", S.replace("id: scenario", "id: singapore-2018")
    )
    write(tmp_path, "scenarios/twin.yaml", S.replace("id: scenario", "id: twin"))
    write(tmp_path, "quizzes/twin.yaml", S.replace("id: scenario", "id: twin"))
    lines = messages(check([tmp_path]), tmp_path)
    assert (
        "scenarios/singapore-2018.yaml:1:5: error TT220: the game already has a scenario with "
        "the id `singapore-2018`; ids must be unique: choose another id (and name the file "
        "after it)"
    ) in lines
    assert (
        "scenarios/twin.yaml:1:5: error TT221: another scenario already has the id `twin`; "
        "ids must be unique"
    ) in lines


def test_a_fact_defined_in_two_files(tmp_path: Path) -> None:
    first = write(tmp_path, "sources/facts.yaml", FACTS)
    again = "facts:\n  my-fact:\n    text: Again.\n    source: my-source\n    quote: Q.\n"
    write(tmp_path, "sources/more.yaml", again)
    assert messages(check([tmp_path]), tmp_path) == [
        f"sources/more.yaml:2:3: error TT503: the fact `my-fact` is also defined in {first} "
        "(line 7); fact ids must be unique"
    ]


class _Positive(Model):
    number: int = Field(gt=0)


def test_a_value_the_words_do_not_foresee(tmp_path: Path) -> None:
    path = write(tmp_path, "n.yaml", "number: -1\n")
    file = load_yaml(path)
    assert validate_model(file, _Positive) is None
    assert [str(p) for p in file.problems] == [
        f"{path}:1:9: error TT218: `number` in the file: Input should be greater than 0"
    ]


def test_a_check_that_fails_unexpectedly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(f: YamlFile, facts: object) -> None:
        raise IndexError("a check that did not foresee this file")

    monkeypatch.setattr(scenario_checks, "check_scenario", fails)
    path = write(tmp_path, "scenario.yaml", S)
    assert [str(p) for p in check([path]).problems] == [
        f"{path}:1:1: error TT901: this file could not be checked (the game met something it "
        "did not expect: IndexError); it is left out. Please tell the game's makers"
    ]


# --- What `treaty validate --strict` finds -------------------------------------------


def _strict(path: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    from game.cli import main

    main(["validate", "--strict", path])
    return capsys.readouterr().out.splitlines()


def test_what_strict_exploration_finds(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _strict(str(TESTS / "data" / "planted-problems.yaml"), capsys)
    name = TESTS / "data" / "planted-problems.yaml"
    for line in [
        f"{name}:42:3: error TT330: scene `stuck` can leave the student stuck with no choice "
        "to take; reached by: “Ask a question”",
        f"{name}:29:3: error TT331: from scene `loop-a` no ending can be reached (nor from "
        "`loop-b`, where it leads); reached by: “Go round the houses”",
        f"{name}:54:3: error TT333: ending `forgotten` can never be reached",
        f"{name}:24:9: warning TT335: choice 3 of scene `opening` is never enabled in any "
        "reachable situation",
    ]:
        assert line in lines


ROUTE_LOOP = S.replace(
    "    route:\n      - if: trust >= 50 and proposed-1956\n        goto: framework\n",
    "    route:\n      - if: trust >= 50 and proposed-1956\n        goto: again\n",
).replace(
    "endings:\n",
    "  again:\n    route:\n      - if: trust >= 50\n        goto: verdict\n"
    "      - goto: framework\nendings:\n",
)


def test_routes_that_go_round(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "scenario.yaml", ROUTE_LOOP)
    assert f"{path}:14:3: error TT332: routes go round in a loop after scene `opening`" in (
        _strict(str(path), capsys)
    )


def test_too_many_situations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import game.analysis.strict

    monkeypatch.setattr(
        game.analysis.strict, "explore", functools.partial(game.analysis.explore, max_states=2)
    )
    path = write(tmp_path, "scenario.yaml", S)
    assert any(
        line.startswith(f"{path}:1:1: warning TT334: ")
        and line.endswith("Endings and choices were not all checked.")
        for line in _strict(str(path), capsys)
    )


# --- Every code documented and tested ------------------------------------------------

GOLDEN_LINE = re.compile(r"(?::\d+:\d+)?: (?:error|warning) (TT\d{3}):")


def _listed() -> list[str]:
    """The codes of the rows of AUTHORING.md's list of messages, in order."""
    section = GUIDE.read_text(encoding="utf-8").split("\n## 10. List of messages", 1)[1]
    return re.findall(r"^\| `(TT\d{3})` \|", section, flags=re.MULTILINE)


def test_every_code_is_documented_once_in_the_guide() -> None:
    listed = _listed()
    assert sorted(set(listed)) == listed, "each code once, in order"
    assert set(listed) == {code.value for code in Code}


def test_every_code_has_a_golden_case() -> None:
    tested: set[str] = set()
    for path in TESTS.glob("test_*.py"):
        tested |= set(GOLDEN_LINE.findall(path.read_text(encoding="utf-8")))
    assert {code.value for code in Code} - tested == set()
    assert tested - {code.value for code in Code} == set(), "a golden line with an unknown code"


def test_every_code_has_a_title_and_its_group() -> None:
    assert set(TITLES) == set(Code)
    for code in Code:
        assert re.fullmatch(r"TT[1-79]\d\d", code.value), code  # 7xx: issue 33


def test_the_bundled_content_and_the_golden_files_have_no_problem_without_a_code(
    tmp_path: Path,
) -> None:
    catalog = check([bundled_root(), TESTS / "data"])
    assert all(p.code in {code.value for code in Code} for p in catalog.problems)


# --- The reference of the format says the vocabulary -------------------------------


def test_the_reference_of_the_format_lists_the_words_of_the_vocabulary() -> None:
    from game.content import vocabulary

    reference = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert f"**`format: {vocabulary.FORMAT_VERSION}`**" in reference
    rows = {
        "a choice's `topic:`": vocabulary.TOPICS,
        "an ending's `kind:`": vocabulary.ENDING_KINDS,
        "a question's `type:`": vocabulary.QUESTION_TYPES,
    }
    for where, words in rows.items():
        [row] = [line for line in reference.splitlines() if line.startswith(f"| {where} |")]
        assert row.split("|")[2].strip() == ", ".join(f"`{w}`" for w in words)
    assert f"| `{vocabulary.DEFAULT_TOPIC}` |" in reference
    assert f"{vocabulary.METER_MIN} and {vocabulary.METER_MAX}" in reference


def test_each_question_model_has_a_type_of_the_vocabulary() -> None:
    import typing

    from game.content import models, vocabulary

    union = typing.get_args(typing.get_args(models.Question)[0])
    tags = [typing.get_args(m.model_fields["type"].annotation)[0] for m in union]
    assert tuple(tags) == vocabulary.QUESTION_TYPES


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_paths_given_that_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.content import files

    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    assert check([tmp_path / "gone.yaml", pipe]).unreadable == [
        f"{tmp_path / 'gone.yaml'}: error TT135: no such file or folder",
        f"{pipe}: error TT136: this is a named pipe (FIFO), not a file; it cannot be read",
    ]

    def denied(self: Path) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.Path, "is_dir", denied)
    assert files.expand([tmp_path])[1] == [
        f"{tmp_path}: error TT137: cannot be read: Permission denied"
    ]
