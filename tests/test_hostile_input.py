"""Hostile and broken input: what a prankster student or a careless teacher types ends in
the game's own words, never a traceback, and never takes the rest of the game down."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st
from inprocess import run_game

import helpers
from game.content.catalog import Catalog, check
from game.content.conditions import MAX_DIGITS, MAX_NESTING, ConditionError, parse_condition
from game.content.paths import bundled_root
from game.content.yamlfile import MAX_VALUES, YamlFile, load_yaml, most_values, parse_text
from game.plain.common import number_typed
from game.plain.play import PlainGame
from game.plain.quiz import AnswerFormError, parse_answer
from game.quiz import show
from helpers import check_text, write

# Written as `s.yaml` and `quiz.yaml`: each file is named after its id.
SCENARIO = helpers.SCENARIO.replace("id: test-scenario", "id: s")
QUIZ = helpers.QUIZ.replace("id: test-quiz", "id: quiz")

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def _bundled() -> Catalog:
    return check([bundled_root()])


def _parse(text: str) -> YamlFile:
    result = YamlFile(Path("s.yaml"))
    parse_text(text.encode("utf-8"), result)
    return result


# --- Tags -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "!!bool hello",
            "s.yaml:2:8: error TT127: the tag `!!bool` asks for true or false, but `hello` is not "
            "true or false; remove the tag (or write `true` or `false`)",
        ),
        (
            '!!int ""',
            "s.yaml:2:8: error TT127: the tag `!!int` asks for a whole number, "
            "but empty text is not a whole number; remove the tag (or write a number such as `12`)",
        ),
        (
            '!!float ""',
            "s.yaml:2:8: error TT127: the tag `!!float` asks for a number, but empty text is not a "
            "number; remove the tag (or write a number such as `1.5`)",
        ),
        (
            "!!int hello",
            "s.yaml:2:8: error TT127: the tag `!!int` asks for a whole number, "
            "but `hello` is not a whole number; remove the tag (or write a number such as `12`)",
        ),
        (
            "!!null text",
            "s.yaml:2:8: error TT127: the tag `!!null` asks for null (nothing), but `text` is not "
            "null (nothing); remove the tag (or write `null`)",
        ),
    ],
)
def test_a_tag_the_text_does_not_fit_is_a_located_problem(
    tmp_path: Path, written: str, message: str
) -> None:
    text = SCENARIO.replace("title: A test", f"title: {written}")
    assert message in check_text(tmp_path, "s.yaml", text)


def test_a_tag_the_text_fits_is_read_as_the_tag_says() -> None:
    result = _parse("a: !!int 12\nb: !!float 3\nc: !!bool yes\nd: !!str 12\n")
    assert result.problems == []
    assert result.data == {"a": 12, "b": 3.0, "c": True, "d": "12"}


def test_a_number_too_long_for_python_is_a_located_problem() -> None:
    result = _parse("year: " + "9" * 5000 + "\n")
    assert [(p.line, p.col) for p in result.problems] == [(1, 7)]
    assert "cannot be read as a whole number" in result.problems[0].message


_TAGS = ["!!int", "!!float", "!!bool", "!!null", "!!str", "!!timestamp", "!!binary", "!!seq"]


@given(st.sampled_from(_TAGS), st.text(max_size=12))
@example("!!bool", "hello")
@example("!!int", "")
def test_any_tag_on_any_text_is_read_or_located(tag: str, value: str) -> None:
    result = _parse(f"title: {tag} {yaml.safe_dump(value).splitlines()[0]}\n")
    assert all(p.line >= 1 and p.col >= 1 and p.message for p in result.problems)


# --- Conditions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "(" * 10_000 + "trust > 1" + ")" * 10_000,
        "not " * 10_000 + "proposed",
        "(" * (MAX_NESTING + 1) + "a" + ")" * (MAX_NESTING + 1),
    ],
)
def test_conditions_nested_too_deep_are_refused_in_words(text: str) -> None:
    with pytest.raises(ConditionError) as refused:
        parse_condition(text)
    assert refused.value.message == (
        f"parentheses and `not` are nested more than {MAX_NESTING} deep here; "
        "write the condition more simply"
    )


def test_nesting_a_teacher_might_write_is_fine() -> None:
    depth = 10
    parse_condition("not (" * depth + "trust > 1" + ")" * depth)


@pytest.mark.parametrize("number", ["9" * 4301, "1" * (MAX_DIGITS + 1), "-" + "1" * 20])
def test_numbers_too_long_in_conditions_are_refused_in_words(number: str) -> None:
    with pytest.raises(ConditionError) as refused:
        parse_condition(f"trust >= {number}")
    assert refused.value.offset == 9
    assert refused.value.message.startswith(f"this number has more than {MAX_DIGITS} digits")


def test_a_deep_condition_in_a_file_is_a_located_problem(tmp_path: Path) -> None:
    deep = "(" * 500 + "trust > 1" + ")" * 500
    text = SCENARIO.replace(
        "      - text: Walk out\n", f"      - text: Walk out\n        if: '{deep}'\n"
    )
    problems = check_text(tmp_path, "s.yaml", text)
    assert len(problems) == 1
    assert "nested more than" in problems[0]


@given(st.text(alphabet=st.sampled_from(list("()not a<=>0123456789-")), max_size=300))
def test_any_condition_text_parses_or_is_refused_with_an_offset(text: str) -> None:
    try:
        parse_condition(text)
    except ConditionError as refused:
        assert 0 <= refused.offset <= len(text)


# --- Size: bounded by the values in a file, not only its bytes ------------------------


_flow_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=30,
)


def _nodes(node: yaml.Node) -> int:
    if isinstance(node, yaml.MappingNode):
        return 1 + sum(_nodes(k) + _nodes(v) for k, v in node.value)
    if isinstance(node, yaml.SequenceNode):
        return 1 + sum(_nodes(v) for v in node.value)
    return 1


@given(_flow_values, st.booleans(), st.sampled_from([None, "'", '"', "|"]))
def test_the_quick_bound_is_never_below_the_values_in_a_file(
    value: object, flow: bool, style: str | None
) -> None:
    text = yaml.safe_dump({"a": value}, default_flow_style=flow, default_style=style)
    assert most_values(text) >= _nodes(yaml.compose(text, Loader=yaml.SafeLoader))


@given(st.text(alphabet=st.sampled_from(list("-:?,[]{}ab \t\n\r\x85\u2028\u2029'\"")), max_size=60))
def test_the_quick_bound_holds_for_any_text_yaml_reads(text: str) -> None:
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return
    values = sum(_nodes(d) for d in documents if d is not None)
    assert most_values(text) >= values


@pytest.mark.parametrize(
    "text",
    [
        "a: [" + ",".join(["1"] * (MAX_VALUES + 1)) + "]\n",
        "a:\n" + "- x\n" * (MAX_VALUES + 1),
        # YAML's other line breaks end an indicator too.
        "-\u2028" * (MAX_VALUES + 1),
        "-\x85" * (MAX_VALUES + 1),
        "-\u2029" * (MAX_VALUES + 1),
        "k:\u2028" * (MAX_VALUES + 1),
        "a: {" + ", ".join(f"k{i}: 1" for i in range(MAX_VALUES // 2 + 1)) + "}\n",
    ],
)
def test_a_file_with_too_many_values_is_refused_before_it_is_built(text: str) -> None:
    result = _parse(text)
    assert result.root is None
    assert len(result.problems) == 1
    assert f"files with more than {MAX_VALUES:,} are not read" in result.problems[0].message


def test_the_bundled_files_are_far_below_the_bound() -> None:
    for path in sorted(bundled_root().rglob("*.yaml")):
        assert most_values(path.read_text(encoding="utf-8")) < MAX_VALUES // 10, path


# --- One broken file never takes the game down ----------------------------------------


def _folder_with_a_broken_file(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    write(folder / "scenarios", "mine.yaml", SCENARIO.replace("id: s", "id: mine"))
    broken = SCENARIO.replace("id: s", "id: broken").replace("A test", "!!bool hello")
    write(folder / "scenarios", "broken.yaml", broken)
    write(folder / "quizzes", "quiz.yaml", QUIZ)
    return folder


def test_a_broken_file_is_left_out_and_the_rest_is_played(tmp_path: Path) -> None:
    folder = _folder_with_a_broken_file(tmp_path)
    catalog = check([bundled_root(), folder])
    assert "mine" in catalog.scenarios and "singapore-2018" in catalog.scenarios
    left_out = catalog.left_out()
    assert len(left_out) == 1
    assert left_out[0].startswith(f"{folder / 'scenarios' / 'broken.yaml'} (line ")


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["quiz", "no-such-quiz", "--plain"],
        ["quiz", "quiz", "--plain"],  # the teacher's own quiz, found: the note still comes
        ["play", "mine", "--plain"],
        ["play", "singapore-2018", "--plain"],
    ],
)
def test_commands_go_on_and_name_the_file_left_out(tmp_path: Path, command: list[str]) -> None:
    folder = _folder_with_a_broken_file(tmp_path)
    result = run_game(
        [*command, "--content", str(folder)],
        cwd=ROOT,
        env={**os.environ, "TREATY_DATA_DIR": str(tmp_path / "data")},
        stdin="",
    )
    assert "Traceback" not in result.stderr
    assert "Note: these files are left out of the game:" in result.stderr
    assert "broken.yaml (line 2: the tag `!!bool` asks for true or false" in result.stderr
    assert result.stderr.count("broken.yaml") == 1
    if command[0] == "list":
        assert result.returncode == 0
        assert "  mine " in result.stdout
    if command[1:2] in (["quiz"], ["mine"], ["singapore-2018"]):
        assert result.returncode == 0  # played, to the end of input


def test_a_check_that_fails_unexpectedly_leaves_out_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.content import scenario_checks as rules

    folder = _folder_with_a_broken_file(tmp_path)
    real = rules.check_scenario

    def fails_on_mine(f: YamlFile, facts: object) -> None:
        if f.path.name == "mine.yaml":
            raise IndexError("a check that did not foresee this file")
        real(f, facts)  # type: ignore[arg-type]

    monkeypatch.setattr(rules, "check_scenario", fails_on_mine)
    catalog = check([bundled_root(), folder])
    assert "mine" not in catalog.scenarios and "singapore-2018" in catalog.scenarios
    assert any(
        "mine.yaml (line 1: this file could not be checked" in line for line in catalog.left_out()
    )


# --- Odd entries in a content folder --------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_odd_entries_are_named_as_skipped_never_read(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "scenarios"
    write(folder, "mine.yaml", SCENARIO.replace("id: s", "id: mine"))
    os.mkfifo(folder / "pipe.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "gone.yaml").symlink_to(folder / "nowhere.yaml")
    (folder / "folder.yaml").mkdir()
    result = run_game(
        ["validate", str(tmp_path / "content")],
        cwd=ROOT,
    )
    lines = result.stdout.splitlines()
    assert (
        f"{folder / 'folder.yaml'}:1:1: warning TT132: skipped: this is a folder, not a file"
        in lines
    )
    assert (
        f"{folder / 'gone.yaml'}:1:1: warning TT132: skipped: this is a link to something that "
        "is not there"
    ) in lines
    assert (
        f"{folder / 'loop.yaml'}:1:1: warning TT132: skipped: this is a link that leads back to "
        "itself (a loop)"
    ) in lines
    assert (
        f"{folder / 'pipe.yaml'}:1:1: warning TT132: skipped: this is a named pipe (FIFO), not a file"
    ) in lines
    assert lines[-1] == "1 file checked: 0 errors, 4 warnings"
    assert "no problems found" not in result.stdout

    named = run_game(
        ["validate", str(folder / "pipe.yaml")],
        cwd=ROOT,
    )
    assert named.returncode == 2
    assert named.stdout.splitlines() == [
        f"{folder / 'pipe.yaml'}: error TT136: this is a named pipe (FIFO), not a file; "
        "it cannot be read",
        "No file checked; 1 path could not be read",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_the_loader_never_waits_on_a_named_pipe(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    result = load_yaml(tmp_path / "pipe.yaml")
    assert [p.message for p in result.problems] == ["this is not an ordinary file; it is not read"]


# --- What students type in plain mode -------------------------------------------------


@given(st.text(max_size=30))
@example("²")
@example("1²")
@example("①")
@example("٣")
@example("9" * 5000)
def test_any_line_is_a_number_or_none(text: str) -> None:
    number = number_typed(text)
    assert number is None or (text.isascii() and text.isdigit() and number == int(text))


@given(st.lists(st.text(max_size=12), min_size=1, max_size=6))
@example(["²", "1"])
@example(["1²", "1"])
@example(["①", "1"])
@example(["9" * 5000, "1"])
def test_any_line_typed_in_a_plain_game_is_a_choice_or_a_polite_request(
    typed: list[str],
) -> None:
    catalog = _bundled()
    scenario = catalog.scenarios["singapore-2018"]
    lines = iter(typed)
    said: list[str] = []

    def ask(prompt: str) -> str:
        try:
            return next(lines)
        except StopIteration:
            raise EOFError from None

    PlainGame(scenario, catalog, ask, said.append).play()
    for line in typed:
        if number_typed(line.strip()) is None and line.strip():
            assert any(s.startswith("Please type one of the numbers: ") for s in said)


@given(st.text(max_size=40))
@example("²")
@example("1²")
@example("①")
@example("9" * 5000)
@example("9" * 5000 + "a")
def test_any_answer_typed_in_a_plain_quiz_is_an_answer_or_a_polite_request(text: str) -> None:
    catalog = _bundled()
    for quiz in catalog.quizzes.values():
        for question in quiz.questions[:6]:
            try:
                parse_answer(question, show(question, 0), text)
            except AnswerFormError as refused:
                assert str(refused).startswith("Please ")


async def test_the_app_opens_with_a_broken_file_and_names_it_once(tmp_path: Path) -> None:
    from game.store.progress import open_store
    from game.tui import make_app
    from game.tui.screens.home import HomeScreen

    folder = _folder_with_a_broken_file(tmp_path)
    catalog = check([bundled_root(), folder])
    app = make_app(catalog=catalog, store=open_store(tmp_path / "data"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        notes = [n for n in app._notifications if n.title == "Files left out of the game"]
        assert len(notes) == 1
        assert "broken.yaml (line 2: the tag `!!bool`" in notes[0].message
        assert "`treaty validate FILE` shows every problem." in notes[0].message
        assert app.catalog is not None and "mine" in app.catalog.scenarios


def test_a_typed_answer_longer_than_an_answer_is_refused_politely() -> None:
    from game.quiz import MAX_TYPED

    fill = next(
        q for quiz in _bundled().quizzes.values() for q in quiz.questions if q.type == "fill"
    )
    with pytest.raises(AnswerFormError) as refused:
        parse_answer(fill, show(fill, 0), "x" * 50_000)
    assert str(refused.value) == (f"Please type a shorter answer (at most {MAX_TYPED} characters)")
    assert parse_answer(fill, show(fill, 0), "x" * MAX_TYPED) == "x" * MAX_TYPED


# --- What word processors paste -------------------------------------------------------


def test_a_no_break_space_in_the_indentation_is_named_on_its_line() -> None:
    text = SCENARIO.replace("\n  opening:", "\n\u00a0 opening:", 1)
    result = _parse(text)
    assert [(p.line, p.col, p.severity) for p in result.problems] == [(14, 1, "error")]
    assert result.problems[0].message.startswith(
        "a no-break space (U+00A0) is used for indentation here"
    )


def test_an_en_dash_as_a_list_marker_is_named_on_its_line() -> None:
    text = SCENARIO.replace("      - text: Walk out", "      \u2013 text: Walk out", 1)
    result = _parse(text)
    assert [(p.line, p.col) for p in result.problems] == [(23, 7)]
    assert result.problems[0].message.startswith(
        "an en dash (–) starts this line where a list item needs a hyphen (-)"
    )


def test_an_en_dash_starting_a_line_of_prose_is_text() -> None:
    text = SCENARIO.replace(
        "    text: The talks begin.", "    text: |\n      The talks begin.\n      \u2013 a dash"
    )
    assert _parse(text).problems == []


def test_an_invisible_character_is_named_where_it_is(tmp_path: Path) -> None:
    text = SCENARIO.replace("goto: verdict", "goto: ver\u200bdict", 1)
    problems = check_text(tmp_path, "s.yaml", text)
    assert (
        "s.yaml:22:18: warning TT109: an invisible character is here: a zero-width space (U+200B), "
        "pasted from a word processor or a web page; delete it (in a name or an id it makes "
        "the name different from the one you see)"
    ) in problems


def test_an_answer_whose_option_has_curly_quotes_suggests_straight_quotes(
    tmp_path: Path,
) -> None:
    quiz = QUIZ.replace('options: ["1951", "1956"]', "options: [“1951”, “1956”]")
    problems = check_text(tmp_path, "quiz.yaml", quiz)
    assert any(
        "the answer `1951` is not one of the options: the option is written with curly "
        "quotes (`“1951”`, pasted from a word processor), which YAML keeps as part of the "
        'text. Write the option with straight quotes: "1951"' in p
        for p in problems
    )


def test_match_items_sharing_one_answer_get_a_warning(tmp_path: Path) -> None:
    quiz = QUIZ.replace("      Zakharova: spokeswoman", "      Zakharova: minister")
    problems = check_text(tmp_path, "quiz.yaml", quiz)
    assert [p for p in problems if "have the same match" in p] == [
        "quiz.yaml:31:7: warning TT406: `Motegi` and `Zakharova` have the same match, `minister`: "
        "it is shown once in the list of matches, so a student may think one of them has "
        "none. Give each item its own match"
    ]
