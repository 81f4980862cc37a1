"""The bundled table (issue 34): the foreign ministers' rounds of 2019, Japan's delegation
against Russia's. It validates with no warning, every ending is reached with no soft-lock
for either side and no trap, endings depend on what both sides did, two students can play
it in lines with each brief kept private, it reads at the level of the other scenarios,
and every name, date and quotation in it rests on a fact it cites."""

from __future__ import annotations

import io
import re
import statistics
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from test_content_fidelity import ATTRIBUTED
from test_second_edition import grade

from game.analysis.table_explore import explore_table, successors
from game.analysis.table_strict import table_strict_problems
from game.analysis.table_why import table_why
from game.cli import main
from game.content import meter_checks
from game.content.catalog import check
from game.content.conditions import holds
from game.content.paths import bundled_root
from game.content.table_models import Table, TableParagraph
from game.engine.table import TableState, replay_table, start_table, submit
from game.engine.table_view import side_view
from game.testing.table_checks import check_table_state, play_table
from helpers import check_text

TABLE_ID = "ministers-2019-table"
CATALOG = check([bundled_root()])
TABLE: Table = CATALOG.tables[TABLE_ID]
EXPLORED = explore_table(TABLE)
ROLES = ("japan", "russia")


def _flat(text: str) -> str:
    """Spaces and quote marks as the quote checker compares them."""
    for curly, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("–", "-")):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def _texts(passage: object) -> list[str]:
    if passage is None:
        return []
    if isinstance(passage, str):
        return [passage]
    return [p.text if isinstance(p, TableParagraph) else str(p) for p in passage]  # type: ignore[attr-defined]


def passages() -> list[tuple[str, str, tuple[str, ...]]]:
    """(where, text, the facts it cites) for every text a student reads: the summary, each
    brief, each scene's paragraphs and moves, each ending's text, history and debriefs."""
    found = [("summary", TABLE.summary, TABLE.facts)]
    for role_id, role in TABLE.roles.items():
        found.append((f"brief of {role_id}", role.brief, role.facts))
    for scene_id, scene in TABLE.scenes.items():
        here = f"scene {scene_id}"
        found += [(here, text, scene.facts) for text in _texts(scene.text)]
        moves = [m for side in (scene.moves or {}).values() for m in side]
        for move in [*moves, *(scene.choices or ())]:
            found.append((f"{here} move “{move.text}”", move.text, scene.facts))
    for ending_id, ending in TABLE.endings.items():
        here = f"ending {ending_id}"
        found += [(here, text, ending.facts) for text in _texts(ending.text)]
        found.append((f"{here} history", ending.history, ending.facts))
        for role_id, debrief in ending.debriefs.items():
            found.append((f"{here} for {role_id}", debrief, ending.facts))
    return found


# --- It is a table that validates, and every ending can be reached -----------------------


def test_the_table_is_bundled_with_its_two_delegations() -> None:
    assert TABLE.role_ids == ROLES
    assert [r.name for r in TABLE.roles.values()] == ["Japan's delegation", "Russia's delegation"]
    assert all(role.brief and role.facts for role in TABLE.roles.values())
    titles = " ".join(s.title or "" for s in TABLE.scenes.values())
    assert all(place in titles for place in ("Munich", "Moscow", "Nagoya"))


def test_it_validates_with_no_error_and_no_warning_even_when_strict() -> None:
    mine = [p for p in CATALOG.problems if TABLE_ID in p.file]
    assert [str(p) for p in mine] == []
    strict = [p for p in table_strict_problems(CATALOG) if TABLE_ID in p.file]
    assert [str(p) for p in strict] == []


def test_explore_reaches_every_ending_with_no_soft_lock_for_either_side_and_no_trap() -> None:
    assert EXPLORED.clean and not EXPLORED.truncated
    assert EXPLORED.soft_locks == [] and EXPLORED.traps == []
    assert set(EXPLORED.endings) == set(TABLE.endings)
    assert EXPLORED.unvisited_scenes == []
    assert EXPLORED.never_made == []


def test_a_historical_ending_is_reachable_and_the_others_are_labelled_counterfactual() -> None:
    historical = [e for e, ending in TABLE.endings.items() if ending.kind == "historical"]
    assert historical and all(e in EXPLORED.endings for e in historical)
    for ending_id, ending in TABLE.endings.items():
        assert ending.facts, ending_id
        assert set(ending.debriefs) == set(ROLES), ending_id
        if ending.kind == "counterfactual":
            assert ending.history.startswith("This did not happen."), ending_id
            # ... and says what happened instead, from the record.
            assert any(fact in ending.facts for fact in HAPPENED), ending_id


HAPPENED = {
    "morgulov-mori-consultations",
    "motegi-visit-agreed-nagoya",
    "motegi-visit-dates",
    "no-peace-treaty",
    "security-list-given",
    "kyodo-talks-stalled",
    "morgulov-not-about-islands",
}
"""Facts of what did happen, one of which each counterfactual ending cites."""


def test_the_table_has_sealed_moves_one_side_scenes_and_private_state() -> None:
    moves = [s for s in TABLE.scenes.values() if s.moves is not None]
    assert len(moves) >= 4 and all(s.route for s in moves)
    assert {s.side for s in TABLE.scenes.values() if s.side is not None} == set(ROLES)
    assert TABLE.meters["trust"].side is None
    assert {TABLE.meters[m].side for m in ("tokyo", "moscow")} == set(ROLES)
    assert {f.side for f in TABLE.flags.values() if f.side is not None} == set(ROLES)


def test_most_endings_are_decided_by_the_moves_of_both_sides() -> None:
    deciders = {
        ending_id: table_why(TABLE, replay_table(TABLE, list(path))).deciders
        for ending_id, path in EXPLORED.endings.items()
    }
    both = [e for e, sides in deciders.items() if sides == ROLES]
    assert len(both) * 3 >= len(deciders) * 2, deciders
    assert deciders["rounds-go-on"] == ROLES


@given(st.lists(st.integers(0, 1_000), min_size=30, max_size=30))
def test_any_two_sided_game_ends_sound_and_each_side_sees_only_its_own(picks: list[int]) -> None:
    state = play_table(TABLE, picks)
    check_table_state(TABLE, state)
    assert state.ended, state.scene  # every game ends well inside thirty moves
    for role in ROLES:
        view = side_view(TABLE, state, role)
        assert all(TABLE.meters[m.name].side in (None, role) for m in view.meters)
        assert all(TABLE.side_of(flag) in (None, role) for flag in view.flags)
        assert view.debrief == TABLE.endings[state.scene].debriefs[role]


# --- Two students at one keyboard ---------------------------------------------------------


def _typed_for(path: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]) -> str:
    """The numbers the two players type, in turn, to follow `path` (each shown list holds
    only the moves open to that side, numbered from 1)."""
    state: TableState = start_table(TABLE)
    typed = []
    for _, turn in path:
        for role, number in turn:
            shown = [n for n, _ in side_view(TABLE, state, role).moves]
            typed.append(str(shown.index(number) + 1))
            state = submit(TABLE, state, role, number)
    return "\n".join(typed) + "\n"


def _blocks(out: str, side: str) -> str:
    """Everything printed inside `side`'s private turn blocks."""
    return "\n".join(
        re.findall(rf"--- {side} \(\w+\): your turn\..*?--- {side} has moved", out, re.S)
    )


def test_a_scripted_hot_seat_game_reaches_the_historical_ending_and_keeps_briefs_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = sys.stdin
    sys.stdin = io.StringIO(_typed_for(EXPLORED.endings["rounds-go-on"]))
    try:
        status = main(
            [
                *("play", TABLE_ID, "--plain", "--data-dir", str(tmp_path)),
                *("--player", "japan=A", "--player", "russia=B"),
            ]
        )
    finally:
        sys.stdin = old
    out = capsys.readouterr().out
    assert status == 0
    assert "== The end: One more round ==" in out
    assert out.index("Japan's delegation, choose") < out.index("Russia's delegation, choose")
    japan, russia = _blocks(out, "Japan's delegation"), _blocks(out, "Russia's delegation")
    japan_brief, russia_brief = (
        "You lead Japan's delegation. Your minister is Taro Kono until September",
        "You lead Russia's delegation. Your minister is Sergei Lavrov.",
    )
    assert japan_brief in japan and japan_brief not in russia and out.count(japan_brief) == 1
    assert russia_brief in russia and russia_brief not in japan and out.count(russia_brief) == 1
    assert "Support in Tokyo" in japan and "Support in Tokyo" not in russia
    assert "Support in Moscow" in russia and "Support in Moscow" not in japan
    assert "Lavrov goes in for Russia." in russia and "Lavrov goes in for Russia." not in japan
    assert "--- For Japan's delegation only ---" in out
    assert "--- For Russia's delegation only ---" in out
    assert "Decided by the moves of Japan's delegation and Russia's delegation." in out


# --- Readable, and short enough ----------------------------------------------------------


def test_scene_text_reads_at_grade_eight_and_never_above_eleven() -> None:
    grades = {
        scene_id: g
        for scene_id, scene in TABLE.scenes.items()
        if (g := grade("\n".join(_texts(scene.text)))) is not None
    }
    assert len(grades) >= 8
    assert max(grades.values()) <= 11, grades
    assert statistics.median(grades.values()) <= 8, grades
    for role in TABLE.roles.values():
        assert (grade(role.brief) or 0) <= 11, role.name


def test_each_sides_ending_and_debrief_fit_in_150_words() -> None:
    for ending_id, ending in TABLE.endings.items():
        shared = _words_once(ending.text) + len(ending.history.split())
        for role_id, debrief in ending.debriefs.items():
            assert shared + len(debrief.split()) <= 150, (ending_id, role_id)


def _words_once(passage: object) -> int:
    """Words a student reads: the fixed paragraphs, plus the longest that varies."""
    if isinstance(passage, str):
        return len(passage.split())
    parts = _table_paragraphs(passage)
    fixed = sum(len(p.text.split()) for p in parts if p.condition is None)
    return fixed + max((len(p.text.split()) for p in parts if p.condition is not None), default=0)


def test_meters_say_what_they_are_for_and_moves_or_routes_test_their_marks() -> None:
    data = yaml.safe_load((bundled_root() / "scenarios" / f"{TABLE_ID}.yaml").read_text("utf-8"))
    deciding = {
        "scenes": {
            scene_id: {k: v for k, v in scene.items() if k in ("moves", "choices", "route")}
            for scene_id, scene in data["scenes"].items()
        }
    }
    tested = meter_checks.tested_values(deciding)
    for meter_id, meter in TABLE.meters.items():
        assert meter.good is not None and meter.means and meter.marks, meter_id
        assert {(meter_id, mark) for mark in meter.marks} <= tested, meter_id


def test_the_other_side_answers_in_most_scenes() -> None:
    scenes = [s for s in TABLE.scenes.values() if s.moves is not None or s.choices]
    varying = [s for s in scenes if any(p.condition is not None for p in _table_paragraphs(s.text))]
    assert len(varying) * 3 >= len(scenes) * 2


def _table_paragraphs(passage: object) -> list[TableParagraph]:
    return list(passage) if isinstance(passage, tuple) else []


def _reachable() -> list[TableState]:
    """Every situation of the table reachable from its start, once each."""
    first = start_table(TABLE)
    seen = {first.situation: first}
    queue = [first]
    while queue:
        state = queue.pop()
        if state.ended:
            continue
        for _, after in successors(TABLE, state):
            if after.situation not in seen:
                seen[after.situation] = after
                queue.append(after)
    return list(seen.values())


def test_every_paragraph_that_varies_is_shown_in_some_game_and_hidden_in_another() -> None:
    states = _reachable()
    places = [(s, scene.text) for s, scene in TABLE.scenes.items()]
    places += [(e, ending.text) for e, ending in TABLE.endings.items()]
    for place, passage in places:
        here = [st for st in states if st.scene == place]
        assert here, place
        for paragraph in _table_paragraphs(passage):
            if paragraph.condition is None:
                continue
            shown = {holds(paragraph.condition, st.meter_values, st.flags) for st in here}
            assert shown == {True, False}, (place, paragraph.text[:40], shown)


# --- Every claim rests on a fact it cites ------------------------------------------------


def test_every_quotation_is_in_a_quote_the_passage_cites() -> None:
    for where, text, facts in passages():
        quotes = " ".join(_flat(CATALOG.facts[f].quote) for f in facts)
        for quoted in re.findall(r'"([^"]+)"', _flat(text)):
            assert quoted.rstrip(".,") in quotes, f"{where}: {quoted!r}"


CLAIMS = [
    "Munich", "Germany", "Kono", "Lavrov", "Suga", "Morgulov", "Mori", "Zakharova", "Kyodo",
    "Bluebook", "Nagoya", "G20", "Motegi", "Kaifu", "Singapore", "Putin", "Abe", "Shikotan",
    "Habomai", "Kunashir", "Iturup", "General Assembly", "Asia-Pacific", "Constitution",
    "1855", "1956", "2018", "February", "May", "June", "September", "November", "December",
    "16", "25", "45", "17-21", "list", "obstacle", "envoys",
]  # fmt: skip
"""Names, dates and events the documents give: a passage that says one cites a fact whose
quote (or source's dateline) says it too."""


def test_every_name_date_and_event_rests_on_a_fact_the_passage_cites() -> None:
    for where, text, facts in passages():
        cited = " ".join(
            _flat(CATALOG.facts[f].quote)
            + " "
            + str(CATALOG.sources[CATALOG.facts[f].source].dateline or "")
            for f in facts
        )
        for claim in CLAIMS:
            flags = re.IGNORECASE if claim in {"Bluebook", "list", "obstacle", "envoys"} else 0
            if re.search(rf"\b{re.escape(claim)}\b", text, flags):
                assert re.search(rf"\b{re.escape(claim)}\b", cited, re.IGNORECASE), (
                    f"{where}: {claim!r} without a cited fact that says it"
                )


def test_one_reports_words_say_whose_they_are() -> None:
    for where, text, _ in passages():
        flat = _flat(text)
        for phrase, whose in ATTRIBUTED.items():
            if re.search(phrase, flat, re.IGNORECASE):
                assert re.search(whose, flat, re.IGNORECASE), f"{where}: {phrase!r}"
    # Inferred years are said to be inferred.
    for where, text, _ in passages():
        if "2020" in text:
            assert "inferred" in text, where
    assert "inferred" in TABLE.title and "inferred" in TABLE.summary


def test_each_brief_quotes_its_own_government_and_says_whose_words_they_are() -> None:
    for role_id, role in TABLE.roles.items():
        quoted = re.findall(r'"([^"]+)"', _flat(role.brief))
        assert len(quoted) >= 4, role_id
        assert re.search(r"TASS|Inforos|names no outlet", role.brief), role_id
    assert "Japan" in CATALOG.facts["japan-main-stance"].text
    assert "japan-main-stance" in TABLE.roles["japan"].facts
    assert "russia-conditions-recognition" in TABLE.roles["russia"].facts


# --- The validator and a table's map -------------------------------------------------------

NAMING_AN_ISLAND = """\
id: islands-table
title: Two sides and an island
summary: A practice table.
roles:
  japan: {name: Japan's delegation}
  russia: {name: Russia's delegation}
year: 2019
start: talk
scenes:
  talk:
    text: The two delegations talk about Shikotan.
    moves:
      japan: [{text: Talk}]
      russia: [{text: Listen}]
    route:
      - goto: done
endings:
  done:
    title: Done
    kind: counterfactual
    text: The talk ends.
    history: Invented, for practice.
"""


def test_a_table_that_names_an_island_is_not_told_to_add_a_map(tmp_path: Path) -> None:
    """A table has no `map:` key, so the validator does not suggest one (TT365 is for a
    scenario; a table given `map:` gets TT201, an unknown key)."""
    assert check_text(tmp_path, "islands-table.yaml", NAMING_AN_ISLAND) == []
