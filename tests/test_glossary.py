"""The glossary (`sources/glossary.yaml`): loaded with the same hostile-input rules as every
file (a bad entry is skipped with a located, coded message, the rest loads), a teacher's
entries added to the game's own, the terms a text uses found as whole words, and
`treaty validate` warning on terms no text uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from game.cli import main
from game.content.catalog import check
from game.content.glossary import Term, key_of, terms_in
from game.content.paths import bundled_root
from helpers import SCENARIO, messages, write

GOOD = """\
memorandum: A written note from one government to another.
ratify / ratified: To approve an agreement formally.
"""

# The scenario of the tests, with a memorandum in its opening scene.
S = SCENARIO.replace("text: The talks begin.", "text: The talks begin with a memorandum.")


def _checked(folder: Path, glossary: str, scenario: str = S) -> list[str]:
    write(folder, "scenarios/test-scenario.yaml", scenario)
    write(folder, "sources/glossary.yaml", glossary)
    return messages(check([folder]), folder)


GOLDEN = [
    pytest.param(
        "memorandum: [a, b]\n",
        "sources/glossary.yaml:1:13: warning TT510: the definition of `memorandum` should be "
        "text (a sentence or two), but found a list; this term is left out",
        id="TT510",
    ),
    pytest.param(
        "memorandum:\n",
        "sources/glossary.yaml:1:1: warning TT511: the definition of `memorandum` is empty; "
        "write what the term means after the colon; this term is left out",
        id="TT511",
    ),
    pytest.param(
        "memorandum: A note.\n'...': Dots.\n",
        "sources/glossary.yaml:2:1: warning TT512: `...` cannot be a term: it has no letters; "
        "write the word or words the student reads, such as `peace treaty`; this entry is "
        "left out",
        id="TT512",
    ),
    pytest.param(
        "memorandum: A note.\nMemorandum: Again.\n",
        "sources/glossary.yaml:2:1: warning TT513: the term `Memorandum` is already defined on "
        "line 1 (as `memorandum`); this one is left out",
        id="TT513",
    ),
    pytest.param(
        "memorandum: " + " ".join(["word"] * 41) + "\n",
        "sources/glossary.yaml:1:13: warning TT514: the definition of `memorandum` is 41 words "
        "long; one or two short sentences (at most 40 words) are what a student reads",
        id="TT514",
    ),
    pytest.param(
        "memorandum: A note.\nsovereignty: The right to rule a land.\n",
        "sources/glossary.yaml:2:1: warning TT515: the term `sovereignty` is used by no scene, "
        "choice, feedback, ending, quiz question or fact in the files checked: use it, or "
        "remove it",
        id="TT515",
    ),
]


@pytest.mark.parametrize(("glossary", "line"), GOLDEN)
def test_a_bad_entry_gets_its_line_and_the_rest_loads(
    glossary: str, line: str, tmp_path: Path
) -> None:
    assert line in _checked(tmp_path, glossary)
    catalog = check([tmp_path])
    assert "test-scenario" in catalog.scenarios  # a glossary never costs a scenario
    if glossary.startswith("memorandum: A note."):
        assert catalog.glossary["memorandum"].means == "A note."


def test_a_good_glossary_has_no_problem_and_gives_its_terms(tmp_path: Path) -> None:
    scenario = S.replace("history: The talks stalled.", "history: Nothing was ratified.")
    assert _checked(tmp_path, GOOD, scenario) == []
    glossary = check([tmp_path]).glossary
    assert glossary["ratify"] == Term(
        "ratify", "To approve an agreement formally.", ("ratify", "ratified")
    )


def test_a_glossary_that_is_not_keys_is_left_out_with_the_loaders_message(
    tmp_path: Path,
) -> None:
    lines = _checked(tmp_path, "- memorandum\n- ratify\n")
    assert lines == [
        "sources/glossary.yaml:1:1: error TT121: the file holds a list; it should hold keys "
        "such as `id:` and `title:`, one per line"
    ]
    catalog = check([tmp_path])
    assert "test-scenario" in catalog.scenarios
    assert "memorandum" in catalog.glossary  # the game's own glossary is still there


def test_a_teachers_term_takes_the_place_of_the_games_own(tmp_path: Path) -> None:
    own = check([bundled_root()]).glossary
    assert own["memorandum"].means.startswith("A written note")
    _checked(tmp_path, "Memorandum: A letter between governments.\n")
    glossary = check([bundled_root(), tmp_path]).glossary
    assert glossary["memorandum"] == Term(
        "Memorandum", "A letter between governments.", ("memorandum",)
    )
    assert set(glossary) == set(own)  # the rest of the game's terms stay


def test_a_teachers_glossary_beside_a_scenario_is_read_with_it(tmp_path: Path) -> None:
    _checked(tmp_path, "sovereignty: The right to rule a land.\n")
    catalog = check([tmp_path / "scenarios" / "test-scenario.yaml"])
    assert catalog.glossary["sovereignty"].means == "The right to rule a land."
    assert any(p.code == "TT515" for p in catalog.problems)


def test_the_glossary_alone_is_checked_without_saying_every_term_is_unused(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "sources/glossary.yaml", "sovereignty: The right to rule.\n")
    assert check([path]).problems == []


def test_validate_prints_the_warning_and_exits_without_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _checked(tmp_path, GOOD + "sovereignty: The right to rule a land.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "."]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "sources/glossary.yaml:2:1: warning TT515: the term `ratify` is used by no scene, "
        "choice, feedback, ending, quiz question or fact in the files checked: use it, or "
        "remove it",
        "sources/glossary.yaml:3:1: warning TT515: the term `sovereignty` is used by no "
        "scene, choice, feedback, ending, quiz question or fact in the files checked: use it, "
        "or remove it",
        "2 files checked: 0 errors, 2 warnings",
    ]


# --- Hostile input: whatever the mapping, never a traceback ------------------------------

_keys = st.one_of(
    st.text(max_size=70),
    st.sampled_from(["memorandum", "Memorandum", " / ", "a/", "1956", "~", "null", "yes"]),
)
_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=300),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@given(st.dictionaries(_keys, _values, max_size=8))
@example({"": "x", "memorandum": None, "a" * 61: "long", "x / ": "y"})
def test_any_mapping_loads_without_a_traceback(data: dict[object, object]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        text = yaml.safe_dump(data, allow_unicode=True)
        path = write(Path(folder), "sources/glossary.yaml", text)
        catalog = check([path])
        assert all(p.code != "TT901" for p in catalog.problems), catalog.problems
        for problem in catalog.problems:
            assert re.fullmatch(r"TT\d{3}", problem.code)
            assert problem.line >= 1 and problem.col >= 1
        for term in catalog.glossary.values():
            assert term.term.strip() and term.means.strip()  # no empty term is shown


# --- Finding the terms a text uses ------------------------------------------------------

_VOCABULARY = ["peace", "treaty", "ratify", "memo", "policy", "kuril", "island", "a", "the"]
_TERMS = ["peace treaty", "ratify", "Kuril Island", "policy", "memo", "treaty"]
_SEPARATORS = [" ", "  ", "\n", ", ", ". ", "-", "'", "(", ") ", " *", "* "]


def _word_forms(word: str) -> list[str]:
    forms = [word, word + "x", "x" + word, word.upper(), word.capitalize()]
    forms += [word[:-1] + "ies", word + "s"] if word.endswith("y") else [word + "s", word + "es"]
    return forms


_words = st.sampled_from(sorted({f for w in _VOCABULARY for f in _word_forms(w)}))


def _occurs(term: str, words: list[str], separators: list[str]) -> bool:
    """The oracle: `words` and the separators between them (`separators[i]` comes after
    `words[i]`); the term occurs when its words are found at consecutive places, the last
    with or without a plural ending, and only spaces or line breaks between them."""
    wanted = term.casefold().split()
    last = wanted[-1]
    plurals = {last, last + "s", last + "es"}
    if last.endswith("y"):
        plurals |= {last[:-1] + "ies", last + "s"}
    n = len(wanted)
    for i in range(len(words) - n + 1):
        found = [w.casefold() for w in words[i : i + n]]
        if found[:-1] != wanted[:-1] or found[-1] not in plurals:
            continue
        if all(not separators[j].strip() for j in range(i, i + n - 1)):
            return True
    return False


@given(
    st.lists(st.tuples(_words, st.sampled_from(_SEPARATORS)), max_size=12),
    st.sampled_from(_SEPARATORS),
)
@example([("Peace", "\n"), ("Treaties", ". ")], "")
@example([("peace", "-"), ("treaty", " ")], "")
@example([("ratifies", " "), ("memox", " ")], "")
def test_a_term_is_listed_iff_it_occurs_as_a_word(
    pieces: list[tuple[str, str]], opening: str
) -> None:
    words = [w for w, _ in pieces]
    separators = [s for _, s in pieces]
    text = opening + "".join(w + s for w, s in pieces)
    glossary = {key_of(t): Term(t, "means", (t.casefold(),)) for t in _TERMS}
    listed = {term.term for term in terms_in([text], glossary)}
    assert listed == {t for t in _TERMS if _occurs(t, words, separators)}


def test_terms_are_listed_in_the_order_they_first_appear() -> None:
    glossary = {
        key_of(t): Term(t.split(" / ")[0], "means", tuple(t.split(" / ")))
        for t in ["joint declaration", "ratify / ratified", "memorandum"]
    }
    text = "The Joint\nDeclaration was ratified; a memorandum followed the *joint declaration*."
    assert [t.term for t in terms_in([text], glossary)] == [
        "joint declaration",
        "ratify",
        "memorandum",
    ]
    assert terms_in(["They ratifyd it. Memoranda."], glossary) == []


# --- The game's own glossary ------------------------------------------------------------


def test_the_games_glossary_has_no_problem_and_every_term_is_used() -> None:
    catalog = check([bundled_root()])
    assert [p for p in catalog.problems if Path(p.file).name == "glossary.yaml"] == []
    assert len(catalog.glossary) >= 20


def test_names_that_are_positions_are_taught_as_such() -> None:
    glossary = check([bundled_root()]).glossary
    assert "Russia's position" in glossary["south kuril islands"].means
    assert "Japan's position" in glossary["four northern islands"].means


def test_every_definition_is_short() -> None:
    for term in check([bundled_root()]).glossary.values():
        assert len(term.means.split()) <= 40, term.term


def test_the_reference_of_the_format_shows_a_glossary_that_loads(tmp_path: Path) -> None:
    reference = (Path(__file__).parent.parent / "docs" / "format.md").read_text("utf-8")
    section = reference.split("## Glossary: `sources/glossary.yaml`", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    catalog = check([write(tmp_path, "sources/glossary.yaml", example)], bundled_facts=False)
    assert catalog.problems == []
    assert [t.term for t in catalog.glossary.values()] == [
        "memorandum",
        "ratify",
        "South Kuril Islands",
    ]
