"""What the reader found in after-san-francisco, singapore-2018 and memorandum-1960
(issue 31), checked as a student meets it: no "Sign" ends in a text nobody signed, Moscow
answers a briefing line before any treaty, a scene pair is no loop, and one report's words
on 1956 and 1960 are said to be that report's."""

import re
from collections import deque

import pytest

from game.content.catalog import check
from game.content.models import Scenario
from game.content.paths import bundled_root
from game.engine import PlayState, advance, enabled_choices, start
from game.engine.paragraphs import all_text, shown_text
from game.engine.rules import available_choices

catalog = check([bundled_root()])
MINE = ["after-san-francisco", "singapore-2018", "memorandum-1960"]


def reachable(scenario: Scenario) -> list[tuple[PlayState, str, PlayState]]:
    """Every (state, choice text, state after) a student can meet."""
    first = start(scenario)
    seen = {(first.scene, first.meters, first.flags)}
    queue, steps = deque([first]), []
    while queue:
        here = queue.popleft()
        for number, choice in enabled_choices(scenario, here):
            after = advance(scenario, here, choice, number, record=False)
            steps.append((here, choice.text, after))
            key = (after.scene, after.meters, after.flags)
            if not after.ended and key not in seen:
                seen.add(key)
                queue.append(after)
    return steps


SAN_FRANCISCO = catalog.scenarios["after-san-francisco"]
STEPS = reachable(SAN_FRANCISCO)


def test_no_sign_choice_ends_in_a_text_that_is_never_signed() -> None:
    signed = [
        (text, after.scene) for _, text, after in STEPS if after.ended and text.startswith("Sign")
    ]
    assert signed  # the usual way to end still begins with "Sign"
    for text, ending_id in signed:
        shown = shown_text(SAN_FRANCISCO.endings[ending_id].text, after_state(ending_id, text))
        assert "never signed" not in shown and "No signature" not in shown, (text, ending_id)


def after_state(ending_id: str, text: str) -> PlayState:
    return next(a for _, t, a in STEPS if a.ended and a.scene == ending_id and t == text)


def test_staking_everything_on_now_ends_on_now_not_on_a_line_drawn() -> None:
    """Insisting on the islands on signature ends with them handed over, or in an ending
    that says the text was staked on *now*; never in "a line you drew"."""
    ends = {a.scene for _, _, a in STEPS if a.ended and "now-or-nothing" in a.flags}
    assert ends == {"islands-on-signature", "staked-on-now"}
    staked = SAN_FRANCISCO.endings["staked-on-now"]
    assert "staked the text on *now*" in all_text(staked.text)


def test_no_declaration_gives_the_reason_the_student_had() -> None:
    reasons = {
        shown_text(SAN_FRANCISCO.endings["no-declaration"].text, a).split("\n\n")[-1].strip()
        for _, _, a in STEPS
        if a.ended and a.scene == "no-declaration"
    }
    assert "Trust across the table ran out before a text was ready." in reasons
    assert "It was a line you drew, not a lack of trust, that ended the talks." in reasons
    for _, text, after in STEPS:
        if (
            after.ended
            and after.scene == "no-declaration"
            and "line you drew" in shown_text(SAN_FRANCISCO.endings["no-declaration"].text, after)
        ):
            assert text.startswith(("Refuse", "Hold firm", "Stand on")), text


SINGAPORE = catalog.scenarios["singapore-2018"]


def at(scene: str, trust: int, support: int, *flags: str) -> PlayState:
    return PlayState(
        scene, (("trust", trust), ("support", support), ("alliance", 70)), frozenset(flags)
    )


@pytest.mark.parametrize(
    ("trust", "support", "open_"), [(75, 40, True), (65, 40, False), (75, 15, False)]
)
def test_moscow_answers_the_briefing_line_before_any_treaty(
    trust: int, support: int, open_: bool
) -> None:
    state = at("kyodo-reports", trust, support, "signalled-two")
    state = advance(SINGAPORE, state, SINGAPORE.scenes["kyodo-reports"].choices[0], 1, record=False)
    state = advance(SINGAPORE, state, SINGAPORE.scenes["moscow-round"].choices[0], 1, record=False)
    assert state.scene == "moscow-answers" and not state.ended
    shown = {c.choice.goto: c for c in available_choices(SINGAPORE, state)}
    treaty = shown["two-islands-treaty"]
    assert treaty.enabled is open_
    if not open_:
        assert treaty.needs and "70" in treaty.needs and "30" in treaty.needs
    assert "further clarification" in shown_text(SINGAPORE.scenes["moscow-answers"].text, state)


def test_the_press_line_is_the_delegations_never_the_ministers() -> None:
    texts = [c.text for c in SINGAPORE.scenes["bluebook"].choices or ()]
    assert texts and all(t.startswith("Your delegation's briefing line") for t in texts)


@pytest.mark.parametrize(
    ("scene", "flag", "back_to"),
    [
        ("projects-first", "changed-subject", "sovereignty-wall"),
        ("sovereignty-wall", "pressed-claim", "projects-first"),
    ],
)
def test_the_wall_and_the_projects_offer_only_the_way_forward_the_second_time(
    scene: str, flag: str, back_to: str
) -> None:
    first = {c.choice.goto for c in available_choices(SINGAPORE, at(scene, 40, 70))}
    again = {c.choice.goto for c in available_choices(SINGAPORE, at(scene, 40, 70, flag))}
    assert back_to in first and back_to not in again and again


def paragraphs_of(scenario_id: str) -> list[str]:
    scenario = catalog.scenarios[scenario_id]
    passages = [s.text for s in scenario.scenes.values()]
    passages += [e.text for e in scenario.endings.values()]
    passages += [e.history for e in scenario.endings.values()]
    return [" ".join(p.split()) for passage in passages for p in all_text(passage).split("\n\n")]


@pytest.mark.parametrize("scenario_id", MINE)
def test_the_1960_wordings_are_credited_to_the_reports_that_use_them(scenario_id: str) -> None:
    for text in paragraphs_of(scenario_id):
        if "revoked its liabilities" in text:
            assert "December TASS report" in text, text
        if re.search(r"Inforos says it \"withdrew|TASS says it \"revoked", text):
            pytest.fail(text)


@pytest.mark.parametrize("scenario_id", MINE)
def test_the_memorandum_condition_keeps_its_only(scenario_id: str) -> None:
    for text in paragraphs_of(scenario_id):
        assert not re.search(r"would be handed over if all foreign troops", text), text


@pytest.mark.parametrize("scenario_id", MINE)
def test_the_nagoya_reports_readings_of_1956_are_attributed_in_every_history(
    scenario_id: str,
) -> None:
    """Only the report that names no outlet gives the two sides' readings of 1956."""
    for ending_id, ending in catalog.scenarios[scenario_id].endings.items():
        history = " ".join(all_text(ending.history).split())
        if "only part of the solution" in history or "USSR hoped" in history:
            assert re.search(
                r"[Oo]ne report|names no outlet|[Tt]hat report|same report", history
            ), ending_id
