"""A table's "Why this ending" (issue 34, session 6's student trial): plain causes, never
"This was not so: …"; each side whose moves decided it named, "alone" when one did; the
whole path, each branching point in order; short enough for two screens at 80x24; and,
for any two-sided game, only moves that were made, and nothing private of the other side."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from textual.app import App

from game.analysis import table_why as table_why_module
from game.analysis.table_causes import short
from game.analysis.table_explore import explore_table
from game.analysis.table_why import MOST_LINES, table_why
from game.analysis.why import lines_wide
from game.content.catalog import check
from game.content.paths import bundled_root
from game.content.table_models import Table
from game.engine.table import TableState, moves_of, replay_table, start_table, submit
from game.testing.table_checks import play_table
from game.testing.table_strategies import table_games, tables
from game.tui.screens.table import TableScreen

TOWNS = check([Path(__file__).resolve().parent / "fixtures" / "two-towns.yaml"]).tables["two-towns"]
TABLE = check([bundled_root()]).tables["ministers-2019-table"]
ENDINGS = explore_table(TABLE).endings


def _played(table: Table, *moves: tuple[str, int]) -> TableState:
    state = start_table(table)
    for role, number in moves:
        state = submit(table, state, role, number)
    return state


def _why(table: Table, state: TableState, side: str | None) -> list[str]:
    return list(table_why(table, state, side).lines)


def test_a_flag_that_did_not_happen_is_said_as_what_the_side_did_instead() -> None:
    # The trial's path: both agree to the December visit at Nagoya, and nothing else
    # the route looks for happened, so the table goes to "The obstacle left unnamed".
    path = ENDINGS["obstacle-unnamed"]
    state = replay_table(TABLE, list(path))
    japan, russia = (_why(TABLE, state, side) for side in ("japan", "russia"))
    visit = next(r for s, turn in path if s == "nagoya" for r in turn if r[0] == "japan")
    agreed = short(moves_of(TABLE, "nagoya", "japan")[visit[1] - 1].text)
    assert (
        f"  You chose “{agreed}”, so “Japan's delegation refused to fix the December visit”"
        " did not happen." in japan
    )
    assert any(line.startswith(f"  Japan's delegation chose “{agreed}”") for line in russia)
    for ending, ending_path in ENDINGS.items():
        for side in ("japan", "russia", None):
            text = "\n".join(_why(TABLE, replay_table(TABLE, list(ending_path)), side))
            assert "not so" not in text and "This was" not in text, (ending, side, text)


def test_each_side_whose_moves_decided_is_named_and_one_alone_is_said() -> None:
    table = _small_table()
    quit_ = _played(table, ("north", 1), ("south", 1))  # North quits: whatever South did
    assert table_why(table, quit_, "south").deciders == ("north",)
    south, north = _why(table, quit_, "south"), _why(table, quit_, "north")
    assert south[-1] == north[-1] == "Decided by the moves of North's council alone."
    assert "  North's council chose “Walk out of the talks”, so North walked out." in south
    # North's temper is its own, but the move behind it was shown to both: named, once.
    assert not any("Something only" in line for line in south)
    assert (
        "  You chose “Walk out of the talks”, so North walked out, and you had lost your temper."
    ) in north
    deal = _played(table, ("north", 2), ("south", 2))  # North stays and South offers
    north, south = _why(table, deal, "north"), _why(table, deal, "south")
    assert north[-1] == "Decided by the moves of North's council and South's council."
    assert (
        "  You chose “Stay at the table”, so you had not lost your temper, and “North walked"
        " out” did not happen." in north
    )
    assert "  South's council chose “Make an offer”, so South made an offer." in north
    assert "  North's council chose “Stay at the table”, so “North walked out” did not happen." in (
        south
    )
    assert "temper" not in "\n".join(south)
    assert table_why(table, deal, None).deciders == ("north", "south")


def test_the_whole_path_is_explained_step_by_step_in_order() -> None:
    # A small toll, a refusal; after lunch Millbrook proposes a toll for carts (it could
    # have walked out); Riverton accepts, and goodwill reaches 70 at the verdict.
    state = _played(TOWNS, ("riverton", 2), ("millbrook", 2), ("millbrook", 1), ("riverton", 1))
    assert state.scene == "joint-plan"
    river = _why(TOWNS, state, "riverton")
    steps = [line for line in river if not line.startswith(" ")]
    assert steps == [
        "At “The town hall”, the table went to “After lunch” because:",
        "At “After lunch”, Millbrook's council chose “Propose a toll for carts only”, and"
        " the table went on.",
        "You chose “Accept”, and the table went to “A joint plan” because:",
        "Decided by the moves of Riverton's council and Millbrook's council.",
    ]
    assert "  You chose “Ask for a small toll”, so “Riverton asked for a high toll” did not" in (
        "\n".join(river)
    )
    assert (
        "  Goodwill between the towns had risen to 70, and this way needed it at 70 or more."
        " It was pushed up by “Ask for a small toll” (you, +10), “Propose a toll for carts"
        " only” (Millbrook's council, +10) and “Accept” (you, +10)."
    ) in river
    # The bundled table: every branching point of a long path, in the path's order.
    counts = []
    for ending, path in ENDINGS.items():
        state = replay_table(TABLE, list(path))
        heads = [x for x in _why(TABLE, state, "japan") if x.startswith("At “")]
        titles = [TABLE.scenes[s].title or "" for s, _ in path]
        at = [titles.index(h.split("”", 1)[0].removeprefix("At “")) for h in heads]
        assert at == sorted(at), (ending, heads)
        assert f"“{TABLE.endings[ending].title}”" in heads[-1]
        counts.append(len(heads))
    assert min(counts) == 1 and max(counts) >= 3, counts  # the Munich walk-out: one step


def test_both_sides_are_told_the_same_moves_in_every_way_to_an_ending() -> None:
    # The bundled routes test no private meter: both sides, and the shared screen, name
    # the same moves (the trial found Japan told nothing where Russia was told its move).
    for ending, path in ENDINGS.items():
        state = replay_table(TABLE, list(path))
        named = [set(table_why(TABLE, state, side).named) for side in ("japan", "russia", None)]
        assert named[0] == named[1] == named[2], ending


def test_every_why_of_the_bundled_table_fits_its_lines() -> None:
    rng = random.Random(34)
    games = [replay_table(TABLE, list(path)) for path in ENDINGS.values()]
    games += [play_table(TABLE, [rng.randrange(1_000) for _ in range(30)]) for _ in range(150)]
    widest = max(lines_wide(_why(TABLE, g, side)) for g in games for side in ("japan", "russia"))
    # The last step is said in full: a long one goes a few lines past the rest's limit.
    assert 12 <= widest <= MOST_LINES + 5, widest


NEVER_PRESSED = (  # Japan never presses for June, and says "No deadline" when asked
    *(("japan", 1), ("russia", 2), ("japan", 1), ("russia", 1), ("japan", 1)),
    *(("japan", 2), ("russia", 2), ("japan", 2), ("russia", 1)),
    *(("russia", 2), ("japan", 1), ("japan", 1), ("russia", 2)),
)
PRESSED = (*NEVER_PRESSED[:4], ("japan", 2), *NEVER_PRESSED[5:])  # Tokyo wants June, then not
TRUST_FELL = (  # both open hard, Japan refuses the channel and any date: trust falls to 0
    *(("japan", 2), ("russia", 2), ("japan", 3), ("russia", 1), ("japan", 3)),
    *(("japan", 1), ("russia", 1), ("japan", 2), ("russia", 1)),
    *(("russia", 1), ("japan", 1), ("japan", 1), ("russia", 1)),
)


def test_a_flag_is_said_taken_back_only_when_this_game_had_set_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(table_why_module, "MOST_LINES", 1_000)  # every step in full
    no_deadline = "  You chose “No deadline: the territorial…”, so “Japan's delegation pressed"
    never = _why(TABLE, _played(TABLE, *NEVER_PRESSED), "japan")
    said = next(line for line in never if line.startswith(no_deadline))
    assert said.endswith("general agreement by June” did not happen."), said
    assert not any("taken back" in line for line in never), never
    pressed = _why(TABLE, _played(TABLE, *PRESSED), "japan")
    said = next(line for line in pressed if line.startswith(no_deadline))
    assert said.endswith("general agreement by June” was taken back."), said
    # A flag cleared by a move while it was not set: nothing to take back, in any game.
    for ending, path in ENDINGS.items():
        state = replay_table(TABLE, list(path))
        for side in ("japan", "russia"):
            for line in _why(TABLE, state, side):
                if "taken back" in line:
                    flags = [f for f in TABLE.flags if f"“{TABLE.flags[f].means}”" in line]
                    assert any(_was_set_before_cleared(path, f) for f in flags), (ending, line)


def _was_set_before_cleared(
    path: tuple[tuple[str, tuple[tuple[str, int], ...]], ...], flag: str
) -> bool:
    on = False
    for scene, turn in path:
        for role, number in turn:
            move = moves_of(TABLE, scene, role)[number - 1]
            if flag in move.flags_cleared and on:
                return True
            on = on or flag in move.flags_set
    return False


def test_a_meter_is_said_in_plain_words_with_the_few_moves_that_moved_it_most(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(table_why_module, "MOST_LINES", 1_000)  # every step in full
    japan = _why(TABLE, _played(TABLE, *TRUST_FELL), "japan")
    assert (
        "  Trust between the delegations had fallen to 0, and this way needed it below 60."
        " It was pushed down most by “Refuse the channel until all…” (you, -20) and “Japan's"
        " claim first: all four…” (you, -10), and by other moves too."
    ) in japan
    rng = random.Random(4)
    games = [replay_table(TABLE, list(path)) for path in ENDINGS.values()]
    games += [play_table(TABLE, [rng.randrange(1_000) for _ in range(30)]) for _ in range(40)]
    for game in games:
        for side in ("japan", "russia", None):
            for line in _why(TABLE, game, side):
                assert "(needed" not in line and not re.search(r"and \d+ more", line), line
                if "this way needed it" in line and line.startswith("  "):  # a meter's line
                    assert line.count("“") <= 3, line


class _TableAt(App[None]):
    """The table screen alone, opened at a finished game's ending."""

    def __init__(self, state: TableState) -> None:
        super().__init__()
        self.state = state

    def on_mount(self) -> None:
        self.push_screen(TableScreen(TABLE, self.state, {"japan": "A", "russia": "B"}))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_each_sides_debrief_with_its_why_fits_two_screens(size: tuple[int, int]) -> None:
    from textual.containers import VerticalScroll

    longest = max(
        ENDINGS.values(),
        key=lambda p: lines_wide(_why(TABLE, replay_table(TABLE, list(p)), "japan")),
    )
    state = replay_table(TABLE, list(longest))
    app = _TableAt(state)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")  # from the ending to the first side's curtain
        for role in TABLE.role_ids:
            await pilot.press("enter")  # past the curtain
            await pilot.pause()
            body = app.screen.query_one("#table-body", VerticalScroll)
            text = "\n".join(str(s.render()) for s in body.query("Static"))
            assert f"For {TABLE.roles[role].name} only" in text and "Why this ending" in text
            assert "Decided by the moves of" in text
            assert "\n  • You chose “" in text  # each cause an item under its step
            page = body.scrollable_content_region.height
            assert body.virtual_size.height <= 2 * page, (role, body.virtual_size, page)
            await pilot.press("enter")


GAME_1 = (  # the trial's game 1: both work towards June; Japan signs, Russia backs away
    *(("japan", 1), ("russia", 1), ("japan", 1), ("russia", 1), ("japan", 2)),
    *(("japan", 2), ("russia", 2), ("japan", 1), ("russia", 2), ("japan", 1)),
    *(("russia", 2), ("russia", 2), ("japan", 1), ("japan", 1), ("russia", 2)),
)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_apps_why_says_the_meter_behind_a_step_and_each_move_shown_to_both(
    size: tuple[int, int],
) -> None:
    from textual.containers import VerticalScroll

    app = _TableAt(_played(TABLE, *GAME_1))
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")  # from the ending to the first side's curtain
        said = {}
        for role in TABLE.role_ids:
            await pilot.press("enter")  # past the curtain
            await pilot.pause()
            body = app.screen.query_one("#table-body", VerticalScroll)
            said[role] = " ".join(" ".join(str(s.render()) for s in body.query("Static")).split())
            await pilot.press("enter")
    for role, text in said.items():
        june = text.split("At “A deadline in June?”", 1)[1].split("At “A draft for June”")[0]
        assert "trust between the delegations had risen to" in june.lower(), (role, june)
        assert "this way needed it at 60 or more" in june, (role, june)
        draft = text.split("At “A draft for June”", 1)[1].split("At “Nagoya")[0]
        assert "“Back away: not without full…”" in draft, (role, draft)
        assert "Something only" not in text, role


def _chosen(line: str, names: dict[str, str]) -> list[tuple[str, str]]:
    """Each (side, move text) a line says was chosen: "X chose “A” and “B”"."""
    who = "|".join(re.escape(n) for n in names)
    found = []
    for match in re.finditer(rf"({who}) chose ((?:“[^”]*”(?: and )?)+)", line):
        found += [(names[match[1]], text) for text in re.findall("“([^”]*)”", match[2])]
    return found


@settings(max_examples=80)
@given(tables().flatmap(lambda t: table_games(t).map(lambda g: (t, g))))
def test_any_two_sided_game_is_told_only_moves_made_and_nothing_private_of_the_other(
    case: tuple[Table, list[int]],
) -> None:
    table, picks = case
    state = play_table(table, picks)
    made = {
        (step, role): short(moves_of(table, scene, role)[number - 1].text)
        for step, (scene, turn) in enumerate(state.path)
        for role, number in turn
    }
    for side in (*table.role_ids, None):
        why = table_why(table, state, side)
        assert set(why.named) <= set(made), (side, why.named, state.path)
        names = {table.roles[r].name: r for r in table.role_ids}
        if side is not None:
            names |= {"You": side, "you": side}
        said = [pair for line in why.lines for pair in _chosen(line, names)]
        assert set(said) <= {(r, text) for (_, r), text in made.items()}, (side, why.lines)
        assert state.ended == bool(why.lines)
        text = "\n".join(why.lines)
        for other in table.role_ids:
            if other == side:
                continue
            private = [m.label for m in table.meters.values() if m.side == other]
            private += [n for n, f in table.flags.items() if f.side == other]
            private += [f.means for f in table.flags.values() if f.side == other and f.means]
            for word in private:
                assert word not in text, (side, word, text)


def _small_table() -> Table:
    data = yaml.safe_load(
        """
id: small-table
title: Two councils
summary: Two councils meet.
roles:
  north: {name: North's council}
  south: {name: South's council}
year: 2024
flags:
  north-quit: North walked out
  north-angry: {means: you lost your temper, side: north}
  south-offer: South made an offer
start: hall
scenes:
  hall:
    title: The hall
    text: Both councils sit down.
    moves:
      north:
        - {text: Walk out of the talks, set: [north-quit, north-angry]}
        - text: Stay at the table
      south:
        - text: Wait
        - {text: Make an offer, set: [south-offer]}
    route:
      - {if: north-quit and north-angry, goto: walkout}
      - {if: south-offer, goto: deal}
      - goto: no-deal
endings:
  walkout: {title: North walks out, kind: counterfactual, text: It ends., history: Invented.}
  deal: {title: A deal, kind: counterfactual, text: It ends., history: Invented.}
  no-deal: {title: No deal, kind: counterfactual, text: It ends., history: Invented.}
"""
    )
    return Table.model_validate(data)
