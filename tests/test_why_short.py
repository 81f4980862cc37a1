"""The short "Why this ending" (game/analysis/why.py): what led into the ending, in about
ten lines at 80 columns, with the values met and the choices behind them; and a choice
that was greyed out and would have changed things."""

import re
import statistics

from hypothesis import assume, given
from test_why import ended_game, endings_from

from game.analysis.alternatives import could_not_choose
from game.analysis.explain import explain
from game.analysis.explore import explore
from game.analysis.why import MOST_LINES, lines_wide
from game.content.catalog import check
from game.content.condition_words import OP_WORDS
from game.content.paths import bundled_root
from game.engine import advance, enabled
from game.engine.record import record

SAID = re.compile(
    r"^  (?P<label>.+) was (?P<value>-?\d+) \(needed (?P<op>[a-z ]+?) (?P<target>-?\d+)\)"
)
OPS = {words: op for op, words in OP_WORDS.items()} | {"not": "!="}
CHECK = {
    ">=": lambda a, b: a >= b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def bundled_endings():  # type: ignore[no-untyped-def]
    catalog = check([bundled_root()])
    for scenario in catalog.scenarios.values():
        for report in explore(scenario).endings:
            if report.reachable:
                yield scenario, report, [(s.scene, s.number) for s in report.shortest]


def test_every_ending_of_every_bundled_scenario_is_explained_in_ten_lines_or_fewer() -> None:
    sizes = {}
    for scenario, report, path in bundled_endings():
        lines = explain(scenario, path).why_lines()
        sizes[f"{scenario.id}/{report.id}"] = lines_wide(lines)
    assert len(sizes) > 40
    assert max(sizes.values()) <= MOST_LINES, {k: v for k, v in sizes.items() if v > MOST_LINES}
    assert statistics.median(sizes.values()) <= MOST_LINES


def test_the_why_says_the_value_each_meter_met_and_the_choices_that_moved_it() -> None:
    """Every bundled ending: a meter named says a value the condition accepted, and, when
    a choice of the path moved it, names that choice's change."""
    for scenario, _, path in bundled_endings():
        for line in explain(scenario, path).why_lines():
            said = SAID.match(line)
            if said is None:
                continue
            op = OPS[said["op"]]
            assert CHECK[op](int(said["value"]), int(said["target"])), line
            assert re.search(r": ([+-]\d+ “|no choice of yours moved it from )", line), line


@given(ended_game())
def test_the_why_names_only_values_that_met_what_was_needed(case) -> None:  # type: ignore[no-untyped-def]
    scenario, path = case
    explained = explain(scenario, path)
    assume(explained.fits)
    values = {v for state in record(scenario, path).states for _, v in state.meters}
    for line in explained.why_lines():
        said = SAID.match(line)
        if said is not None and said["op"] in OPS:
            assert CHECK[OPS[said["op"]]](int(said["value"]), int(said["target"])), line
            assert int(said["value"]) in values  # a value the path really had


@given(ended_game(branching=True))
def test_a_greyed_out_choice_named_really_could_have_led_to_that_ending(case) -> None:  # type: ignore[no-untyped-def]
    scenario, path = case
    played = record(scenario, path)
    assume(played.final.ended)
    found = could_not_choose(scenario, played, played.final.scene)
    if found is None:
        return
    step, number, other = found
    before = played.states[step]
    choice = (scenario.scenes[before.scene].choices or ())[number - 1]
    assert not choice.hidden and not enabled(choice, before.meter_values, before.flags)
    after = advance(scenario, before, choice, number, record=False)
    reachable = {after.scene} if after.ended else set(endings_from(scenario, after))
    assert other != played.final.scene and other in reachable


def test_a_choice_that_leads_straight_to_the_ending_says_so_then_what_led_to_it() -> None:
    from test_why import golden

    scenario, _ = golden()
    lines = explain(scenario, [("opening", 2), ("stalemate", 2)]).why_lines()
    assert lines[0] == (
        "Your choice “Hold your ground and end the round” leads straight to “Positions restated”."
    )
    assert lines[1:] == [
        "To choose “Insist that all four islands come first”, you needed:",
        "  Support at home was 60 (needed at least 50): no choice of yours moved it from 60",
    ]
