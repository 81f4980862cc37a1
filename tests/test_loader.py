"""The loader: whole-file problems, unsafe YAML, and never a crash on any input."""

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import helpers
from game.content.catalog import check
from game.content.models import ChoiceQuestion
from game.content.problems import Problem
from game.content.yamlfile import MAX_ALIAS_EXPANSION, YamlFile, load_yaml, parse_text
from helpers import check_text, write

# Written as `s.yaml` and `quizzes/q.yaml`: each file is named after its id.
SCENARIO = helpers.SCENARIO.replace("id: test-scenario", "id: s")
QUIZ = helpers.QUIZ.replace("id: test-quiz", "id: q")

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_empty_file(tmp_path: Path) -> None:
    assert check_text(tmp_path, "s.yaml", "") == [
        "s.yaml:1:1: error TT119: the file is empty: nothing to check"
    ]
    assert check_text(tmp_path, "c.yaml", "# only a comment\n") == [
        "c.yaml:1:1: error TT119: the file is empty: nothing to check"
    ]


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    text = SCENARIO.replace("A test", "Caf\u00e9").encode("latin-1")
    assert check_text(tmp_path, "s.yaml", text) == [
        "s.yaml:2:11: error TT104: this file is not UTF-8 text (byte 0xe9 here); "
        "save it again with the encoding set to UTF-8"
    ]


def test_utf8_with_byte_order_mark_is_fine(tmp_path: Path) -> None:
    assert check_text(tmp_path, "s.yaml", "\ufeff" + SCENARIO) == []


def test_file_that_is_a_list(tmp_path: Path) -> None:
    assert check_text(tmp_path, "s.yaml", "- id: x\n- title: y\n") == [
        "s.yaml:1:1: error TT121: the file holds a list; it should hold keys such as "
        "`id:` and `title:`, one per line"
    ]


def test_file_that_is_one_word(tmp_path: Path) -> None:
    assert check_text(tmp_path, "s.yaml", "hello\n") == [
        "s.yaml:1:1: error TT121: the file holds a single value; it should hold keys such as "
        "`id:` and `title:`, one per line"
    ]


def test_two_documents_in_one_file(tmp_path: Path) -> None:
    assert check_text(tmp_path, "s.yaml", SCENARIO + "---\nid: other\n") == [
        "s.yaml:43:1: error TT120: a second YAML document starts here (after `---`); put one "
        "scenario, quiz or fact base in each file"
    ]


def test_tab_indentation(tmp_path: Path) -> None:
    text = SCENARIO.replace("    label: Trust", "\tlabel: Trust")
    assert check_text(tmp_path, "s.yaml", text) == [
        "s.yaml:9:1: error TT110: a tab is used for indentation here; YAML needs spaces"
    ]


def test_unclosed_quote(tmp_path: Path) -> None:
    text = SCENARIO.replace("title: A test", 'title: "A test')
    [message] = check_text(tmp_path, "s.yaml", text)
    assert message.startswith("s.yaml:")
    assert ": error TT117: " in message


def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = SCENARIO.replace(
        "role: japan", f"role: !!python/object/apply:os.system ['touch {marker}']"
    )
    messages = check_text(tmp_path, "s.yaml", text)
    assert messages == [
        "s.yaml:4:7: error TT125: the tag `!!python/object/apply:os.system` asks for Python code "
        "to run; content is never run as code. Remove the tag"
    ]
    assert not marker.exists()


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    messages = check_text(tmp_path, "s.yaml", BILLION_LAUGHS)
    assert messages == [
        f"s.yaml:5:4: error TT123: aliases (`*name`) repeat more than {MAX_ALIAS_EXPANSION:,} "
        "values in this file; it is refused. Write the content out instead of repeating "
        "anchors"
    ]


def test_deep_nesting_is_refused_not_a_crash(tmp_path: Path) -> None:
    for depth in (990, 5000):
        [message] = check_text(tmp_path, "s.yaml", "a: " + "[" * depth + "]" * depth)
        assert message.startswith("s.yaml:1:")
        assert "nested too deeply" in message or "exceeded maximum nesting depth" in message


def test_a_few_aliases_are_fine(tmp_path: Path) -> None:
    text = SCENARIO.replace("facts: [kyodo-talks-stalled]", "facts: &cited [kyodo-talks-stalled]")
    text = text.replace(
        "history: This did not happen.", "history: This did not happen.\n    facts: *cited"
    )
    assert check_text(tmp_path, "s.yaml", text) == []


def test_numbers_where_text_is_meant_keep_their_written_form(tmp_path: Path) -> None:
    quiz = QUIZ.replace('options: ["1951", "1956"]', "options: [1.10, 1951]")
    quiz = quiz.replace('answer: "1951"', "answer: 1.10")
    path = write(tmp_path, "quizzes/q.yaml", quiz)
    catalog = check([path])
    assert catalog.problems == []
    question = catalog.quizzes["q"].questions[0]
    assert isinstance(question, ChoiceQuestion)
    assert question.options == ("1.10", "1951")
    assert question.answer == "1.10"


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    assert check_text(tmp_path, "s.yaml", "a: &x [1, *x]\n") == [
        "s.yaml:1:4: error TT124: this alias refers to the value that contains it; it never ends"
    ]


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = (
        SCENARIO.replace("role: japan", "role: no")
        .replace("topic: basis", "topic: bases")
        .replace("goto: talks-stall\n  verdict", "goto: talks-stal\n  verdict")
    )
    messages = check_text(tmp_path, "s.yaml", text)
    assert [m.split(": error")[0] for m in messages] == [
        "s.yaml:4:7",
        "s.yaml:19:16",
        "s.yaml:24:15",
    ]


def test_large_file_is_refused_before_parsing(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import game.content.yamlfile as module

    monkeypatch.setattr(module, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2_000_000, encoding="utf-8")
    result = load_yaml(path)
    assert [p.message for p in result.problems] == [
        "the file is 1.9 MB; files larger than 1 KB are not read: split it into several"
    ]


# --- Properties ------------------------------------------------------------------


def _parse(raw: bytes) -> YamlFile:
    result = YamlFile(Path("random.yaml"))
    parse_text(raw, result)
    return result


def _well_formed(problems: list[Problem]) -> bool:
    return all(p.line >= 1 and p.col >= 1 and p.message and p.file for p in problems)


@given(st.binary(max_size=400))
def test_random_bytes_never_crash_the_loader(raw: bytes) -> None:
    result = _parse(raw)
    assert _well_formed(result.problems)
    assert result.problems or isinstance(result.data, dict)


@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#\n\t ,?%@`0")), max_size=200))
def test_random_yamlish_text_never_crashes_the_loader(text: str) -> None:
    result = _parse(text.encode("utf-8"))
    assert _well_formed(result.problems)


_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
_keys = st.sampled_from(
    [
        "id",
        "title",
        "summary",
        "role",
        "year",
        "meters",
        "flags",
        "start",
        "scenes",
        "endings",
        "questions",
        "facts",
        "sources",
        "choices",
        "route",
        "goto",
        "text",
    ]
)


@given(st.dictionaries(_keys, _values, max_size=8))
def test_random_yaml_documents_get_only_content_errors(tmp_path_factory, data) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("random")
    path = folder / "random.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    catalog = check([path])
    assert _well_formed(catalog.problems)


@given(st.data())
def test_damaged_scenarios_get_only_content_errors(tmp_path_factory, data) -> None:  # type: ignore[no-untyped-def]
    scenario = yaml.safe_load(SCENARIO)
    # Replace a few values anywhere in a valid scenario with random ones.
    for _ in range(data.draw(st.integers(1, 4))):
        node = scenario
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = data.draw(st.sampled_from(keys))
            child = node[key]
            if isinstance(child, dict | list) and child and data.draw(st.booleans()):
                node = child
                continue
            node[key] = data.draw(_values)
            break
    folder = tmp_path_factory.mktemp("damaged")
    path = folder / "s.yaml"
    path.write_text(yaml.safe_dump(scenario, sort_keys=False), encoding="utf-8")
    catalog = check([path])
    assert _well_formed(catalog.problems)


def test_a_teachers_file_cannot_quietly_redefine_a_source_or_fact(tmp_path: Path) -> None:
    from game.content.catalog import check
    from game.content.paths import bundled_root

    mine = tmp_path / "sources" / "facts.yaml"
    mine.parent.mkdir()
    mine.write_text(
        "sources:\n"
        "  inforos-2020:\n"
        "    outlet: My outlet\n"
        "    headline: My headline\n"
        "    dateline: 2020\n"
        "facts:\n"
        "  my-fact:\n"
        "    text: A fact.\n"
        "    source: inforos-2020\n"
        "    quote: A quote.\n",
        encoding="utf-8",
    )
    catalog = check([bundled_root(), tmp_path])
    messages = [str(p) for p in catalog.errors]
    assert len(messages) == 1
    assert messages[0].startswith(
        f"{mine}:2:3: error TT502: the source `inforos-2020` is also defined in"
    )
    assert messages[0].endswith("source ids must be unique: give yours another id")
    assert catalog.sources["inforos-2020"].outlet != "My outlet"  # the game's own stays


def test_a_teachers_file_cannot_take_an_id_of_the_games_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main
    from helpers import SCENARIO as TEST_SCENARIO

    mine = tmp_path / "scenarios" / "singapore-2018.yaml"
    mine.parent.mkdir()
    mine.write_text(TEST_SCENARIO.replace("id: test-scenario", "id: singapore-2018"))
    facts = tmp_path / "sources" / "facts.yaml"
    facts.parent.mkdir()
    facts.write_text(
        "facts:\n  treaty-1855:\n    text: A fact.\n    source: inforos-2020\n    quote: Q.\n"
    )
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert (
        f"{mine}:1:5: error TT220: the game already has a scenario with the id `singapore-2018`; "
        "ids must be unique: choose another id (and name the file after it)"
    ) in out
    assert f"{facts}:2:3: error TT503: the fact `treaty-1855` is also defined in" in out


def test_a_file_saved_with_txt_on_the_end_is_named_not_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main
    from helpers import SCENARIO as TEST_SCENARIO

    stray = tmp_path / "scenarios" / "talks.yaml.txt"
    stray.parent.mkdir()
    stray.write_text(TEST_SCENARIO)
    assert main(["validate", str(tmp_path)]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    assert (
        f"{stray}:1:1: warning TT133: this file is not read: its name ends in `.txt`; rename it "
        "`talks.yaml` (some editors add `.txt` when saving)"
    ) in out
