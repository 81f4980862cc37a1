"""The play screen's title: the scene's title stays whole where the window is narrow."""

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from game.tui.widgets.title_bar import fitted

words = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFF), min_size=1, max_size=60)


def test_a_long_title_keeps_the_scene_title_whole_at_80_columns() -> None:
    lead = "Talks after the constitutional amendment (2020, inferred)"
    detail = "What would a handover look like?"
    shown = fitted(lead, detail, 78)
    assert shown == "Talks after the constitutional amendment… — What would a handover look like?"
    assert cell_len(shown) <= 78
    assert fitted(lead, detail, 120) == f"{lead} — {detail}"


@given(lead=words, detail=st.one_of(st.just(""), words), width=st.integers(1, 200))
def test_the_title_always_fits_and_is_whole_when_it_can_be(
    lead: str, detail: str, width: int
) -> None:
    shown = fitted(lead, detail, width)
    full = f"{lead} — {detail}" if detail else lead
    assert cell_len(shown) <= width
    if cell_len(full) <= width:
        assert shown == full
    elif detail and width - cell_len(" — " + detail) >= 8:
        assert shown.endswith(" — " + detail)
        assert "…" in shown
