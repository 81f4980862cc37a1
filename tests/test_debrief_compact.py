"""The debrief says the same in fewer lines: the continuation of what would have changed
it as one line in the app, and wrapped lines of the explanation indented past their
start (a hanging indent), so each stays one item to the eye."""

from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from game.tui.widgets.hanging import HANG, hang

WORDS = st.text(alphabet="abcdefghij“”", min_size=1, max_size=14)


@given(
    indent=st.integers(0, 4),
    words=st.lists(WORDS, min_size=1, max_size=30),
    width=st.integers(20, 100),
)
def test_a_wrapped_line_keeps_its_words_and_hangs_past_its_start(
    indent: int, words: list[str], width: int
) -> None:
    line = Text(" " * indent + " ".join(words))
    pieces = [piece.plain for piece in hang(line, width)]
    assert all(len(piece) <= width for piece in pieces)
    assert pieces[0].startswith(" " * indent)
    for piece in pieces[1:]:
        assert piece.startswith(" " * (indent + HANG))
        assert not piece[indent + HANG :].startswith(" ")
    assert " ".join(p.strip() for p in pieces).split() == words


def test_a_line_that_fits_is_one_line() -> None:
    assert [p.plain for p in hang(Text("  short line"), 40)] == ["  short line"]


def test_the_app_says_what_would_have_changed_it_in_one_line_naming_the_same_ending() -> None:
    from test_why import golden

    from game.analysis.explain import explain

    scenario, _ = golden()
    explained = explain(scenario, [("opening", 1), ("two-islands", 2)])
    full, short = explained.change_lines(), explained.change_lines(full=False)
    assert full[1] == "Choose instead: “Insist that all four islands come first”"
    assert "  then: “Hold your ground and end the round”" in full
    assert short == [
        f"{full[0]} Choose instead: “Insist that all four islands come first”; "
        "then 1 more choice leads to “Positions restated”.",
        full[-1],  # the latest choice that changes it: one line in both
    ]
    assert full[-1].startswith("Nearest the end: ")
