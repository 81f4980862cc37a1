"""Words that change with what happened (issue 30, part B): a scene's `text`, a choice's
`feedback` and an ending's `text` written as a list of paragraphs, each shown only when
its `if:` holds at the moment it is shown."""

from __future__ import annotations

import operator
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from game.analysis import as_json, as_text, explore
from game.analysis.paragraphs import conditional_paragraphs
from game.content.catalog import check
from game.content.models import Paragraph, Scenario
from game.engine import PlayState, apply_choice, shown_paragraphs, shown_text, start
from game.plain.play import PlainGame
from helpers import SCENARIO, check_text, write

WORDS = (
    SCENARIO.replace(
        "    text: The talks begin.\n",
        "    text:\n"
        "      - The talks begin.\n"
        "      - if: trust < 50\n"
        "        text: The room is cool.\n"
        "      - if: not proposed-1956\n"
        "        text: Nothing is on the table yet.\n",
    )
    .replace(
        "        set: [proposed-1956]\n",
        "        set: [proposed-1956]\n"
        "        feedback:\n"
        "          - if: trust >= 50\n"
        "            text: They nod.\n"
        "          - The clock moves on.\n",
    )
    .replace(
        "    text: Agreement.\n",
        "    text:\n"
        "      - Agreement.\n"
        "      - if: proposed-1956\n"
        "        text: The declaration was the basis.\n",
    )
)


def scenario_of(text: str, tmp_path: Path) -> Scenario:
    catalog = check([write(tmp_path, "scenarios/test-scenario.yaml", text)])
    assert [str(p) for p in catalog.problems] == []
    return catalog.scenarios["test-scenario"]


def test_a_plain_text_stays_a_text(tmp_path: Path) -> None:
    scenario = scenario_of(SCENARIO, tmp_path)
    scene = scenario.scenes["opening"]
    assert scene.text == "The talks begin."
    assert shown_text(scene.text, start(scenario)) == "The talks begin."
    assert (
        shown_paragraphs(scene.choices[1].feedback if scene.choices else None, start(scenario))
        == []
    )


def test_the_paragraphs_shown_are_those_whose_condition_holds(tmp_path: Path) -> None:
    scenario = scenario_of(WORDS, tmp_path)
    opening = scenario.scenes["opening"]
    assert isinstance(opening.text, tuple) and all(isinstance(p, Paragraph) for p in opening.text)
    first = start(scenario)
    assert shown_paragraphs(opening.text, first) == [
        "The talks begin.",
        "The room is cool.",
        "Nothing is on the table yet.",
    ]
    assert explore(scenario).never_shown == []
    assert (
        shown_text(opening.text, first)
        == "The talks begin.\n\nThe room is cool.\n\nNothing is on the table yet."
    )
    # A feedback paragraph is decided after the choice's effects: trust 40 + 10 = 50.
    assert opening.choices is not None
    after = apply_choice(scenario, first, 1)
    feedback = opening.choices[0].feedback
    assert shown_paragraphs(feedback, after) == ["They nod.", "The clock moves on."]
    assert after.ended and after.scene == "framework"
    ending_text = scenario.endings["framework"].text
    assert shown_paragraphs(ending_text, after) == ["Agreement.", "The declaration was the basis."]


OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq}


@given(
    value=st.integers(0, 100),
    flag=st.booleans(),
    tests=st.lists(
        st.tuples(st.sampled_from(sorted(OPS)), st.integers(-5, 105), st.booleans()), max_size=6
    ),
)
def test_a_paragraph_is_shown_iff_its_condition_holds(
    value: int, flag: bool, tests: list[tuple[str, int, bool]]
) -> None:
    paragraphs = tuple(
        Paragraph.model_validate(
            {"if": f"trust {op} {k}" + (" and noted" if with_flag else ""), "text": f"p{i}"}
        )
        for i, (op, k, with_flag) in enumerate(tests)
    )
    state = PlayState("a", (("trust", value),), frozenset({"noted"} if flag else ()))
    expected = [
        f"p{i}"
        for i, (op, k, with_flag) in enumerate(tests)
        if OPS[op](value, k) and (flag or not with_flag)
    ]
    assert shown_paragraphs(paragraphs, state) == expected
    always = Paragraph.model_validate("always")
    assert shown_paragraphs((always, *paragraphs), state) == ["always", *expected]


def plain_game(scenario: Scenario, typed: list[str]) -> str:
    said: list[str] = []
    answers = iter(typed)

    def ask(prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    PlainGame(scenario, check([]), ask, said.append).play()
    return "\n".join(said)


def test_plain_mode_shows_the_paragraphs_that_hold(tmp_path: Path) -> None:
    out = plain_game(scenario_of(WORDS, tmp_path), ["1"])
    assert "The talks begin.\n\nThe room is cool.\n\nNothing is on the table yet." in out
    assert "The room is cool.\n\nNothing is on the table yet." in out
    assert "They nod.\n\nThe clock moves on." in out
    assert "Agreement.\n\nThe declaration was the basis." in out


def test_plain_mode_of_a_plain_text_is_unchanged(tmp_path: Path) -> None:
    out = plain_game(scenario_of(SCENARIO, tmp_path), ["2"])
    assert "The talks begin." in out and "No agreement." in out


def test_a_condition_in_a_paragraph_is_checked_where_it_is(tmp_path: Path) -> None:
    broken = WORDS.replace("      - if: trust < 50\n", "      - if: trus < 50\n", 1).replace(
        "          - if: trust >= 50\n", "          - if: trust >=\n"
    )
    assert check_text(tmp_path, "test-scenario.yaml", broken) == [
        "test-scenario.yaml:17:13: error TT305: in `if:`, `trus` is not a declared meter or "
        "flag; did you mean `trust`?",
        "test-scenario.yaml:28:25: error TT301: in `if:`, the condition ends too early: "
        "something is missing after `>=`",
    ]


def test_a_paragraph_with_a_wrong_key_says_which_paragraph(tmp_path: Path) -> None:
    typo = WORDS.replace("        text: The room is cool.\n", "        txt: The room is cool.\n")
    assert check_text(tmp_path, "test-scenario.yaml", typo) == [
        "test-scenario.yaml:17:9: error TT203: paragraph 2 of scene `opening` is missing the key "
        "`text:`",
        "test-scenario.yaml:18:9: error TT201: unknown key `txt` in paragraph 2 of scene "
        "`opening`; did you mean `text`?",
    ]


NEVER = WORDS.replace("      - if: trust < 50\n", "      - if: trust > 90\n", 1)


def test_explore_reports_a_paragraph_no_situation_shows(tmp_path: Path) -> None:
    result = explore(scenario_of(NEVER, tmp_path))
    assert [(p.where, p.condition) for p in result.never_shown] == [
        (("scenes", "opening", "text", 1), "trust > 90")
    ]
    assert (
        "  paragraph 2 of scene `opening`, if trust > 90: “The room is cool.”"
        in as_text(result).splitlines()
    )
    assert as_json(result)["never_shown"][0]["place"] == "paragraph 2 of scene `opening`"


def test_a_file_without_paragraphs_keeps_its_report(tmp_path: Path) -> None:
    result = explore(scenario_of(SCENARIO, tmp_path))
    assert result.never_shown == []
    assert "never_shown" not in as_json(result)
    assert "Paragraphs never shown" not in as_text(result)


def test_strict_validation_makes_it_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main

    path = write(tmp_path, "scenario.yaml", NEVER)
    main(["validate", "--strict", str(path)])
    assert (
        f"{path}:17:9: error TT350: paragraph 2 of scene `opening` is never shown: its "
        "`if: trust > 90` holds in no reachable situation"
    ) in capsys.readouterr().out.splitlines()


# --- The app ---------------------------------------------------------------------------

TWO_SCENES = (
    WORDS.replace(
        "        set: [proposed-1956]\n", "        set: [proposed-1956]\n        goto: again\n", 1
    )
    .replace(
        "          - The clock moves on.\n        goto: verdict\n",
        "          - The clock moves on.\n",
    )
    .replace(
        "  verdict:\n",
        "  again:\n"
        "    text:\n"
        "      - if: proposed-1956\n"
        "        text: They remember your proposal.\n"
        "      - if: not proposed-1956\n"
        "        text: Nobody mentions it.\n"
        "    choices:\n"
        "      - text: Carry on\n"
        "        goto: verdict\n"
        "  verdict:\n",
    )
)


@pytest.mark.parametrize("size", [(80, 24), (110, 36)])
async def test_the_app_shows_the_paragraphs_that_hold(
    size: tuple[int, int], tmp_path: Path
) -> None:
    from game.content.paths import bundled_root
    from game.tui import make_app
    from game.tui.screens.ending import EndingScreen
    from game.tui.screens.play import PlayScreen
    from helpers import screen_text

    path = write(tmp_path, "scenarios/test-scenario.yaml", TWO_SCENES)
    catalog = check([bundled_root() / "sources", path])
    assert [str(p) for p in catalog.errors] == []
    app = make_app(catalog=catalog)
    async with app.run_test(size=size) as pilot:
        app.push_screen(PlayScreen(catalog.scenarios["test-scenario"]))
        await pilot.pause()
        text = screen_text(app)
        assert "The room is cool." in text and "Nothing is on the table yet." in text
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        # The feedback is decided after the choice's effects (trust 40 + 10 = 50).
        assert "They nod." in text and "The clock moves on." in text
        assert "They remember your proposal." in text
        assert "Nobody mentions it." not in text
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        text = screen_text(app)
        assert "Agreement." in text and "The declaration was the basis." in text


# --- Generated scenarios ---------------------------------------------------------------


def test_the_strategies_generate_paragraphs() -> None:
    from hypothesis import Phase, find, settings

    from game.testing.strategies import scenarios

    def has_all_three(s: Scenario) -> bool:
        kinds = {
            "scene": any(isinstance(sc.text, tuple) for sc in s.scenes.values()),
            "feedback": any(
                isinstance(c.feedback, tuple) for sc in s.scenes.values() for c in sc.choices or ()
            ),
            "ending": any(isinstance(e.text, tuple) for e in s.endings.values()),
        }
        return all(kinds.values())

    # The first such scenario found will do: shrinking it to the smallest takes seconds.
    quick = settings(phases=[Phase.generate], database=None, max_examples=500)
    found = find(scenarios(), has_all_three, settings=quick)
    assert conditional_paragraphs(found)


@given(st.data())
def test_on_every_path_a_paragraph_shows_iff_its_condition_holds(data: st.DataObject) -> None:
    from game.content.conditions import holds
    from game.content.writer import scenario_to_yaml
    from game.testing.strategies import playthroughs, scenarios

    scenario = data.draw(scenarios())
    numbers = data.draw(playthroughs(scenario))

    def expected(passage: object, state: PlayState) -> list[str]:
        if isinstance(passage, str):
            return [passage] if passage else []
        assert isinstance(passage, tuple)
        return [
            p.text
            for p in passage
            if p.condition is None or holds(p.condition, state.meter_values, state.flags)
        ]

    state = start(scenario)
    for number in numbers:
        scene = scenario.scenes[state.scene]
        assert shown_paragraphs(scene.text, state) == expected(scene.text, state)
        state = apply_choice(scenario, state, number)
        feedback = (scene.choices or ())[number - 1].feedback
        if feedback is not None:
            assert shown_paragraphs(feedback, state) == expected(feedback, state)
    if state.ended:
        text = scenario.endings[state.scene].text
        assert shown_paragraphs(text, state) == expected(text, state)
    # Written out and read back, the paragraphs are the same.
    assert Scenario.model_validate(yaml.safe_load(scenario_to_yaml(scenario))) == scenario


@given(st.data())
def test_a_paragraph_reported_never_shown_holds_in_no_state(data: st.DataObject) -> None:
    from game.content.conditions import holds
    from game.testing.strategies import scenarios

    scenario = data.draw(scenarios())
    result = explore(scenario, keep_states=True)
    written = conditional_paragraphs(scenario)
    for unshown in result.never_shown:
        paragraph = written[unshown.where]
        assert paragraph.condition is not None
        if unshown.where[0] == "endings" or unshown.where[2] == "text":
            scene = str(unshown.where[1])
            for key in result.visited:
                if key[0] == scene:
                    assert not holds(paragraph.condition, dict(key[1]), key[2])


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("[null]", "TT213"),
        ("[[1, 2]]", "TT213"),
        ("[{if: 3, text: a}]", "TT301"),
        ("[{if: true, text: a}]", "TT302"),
        ("[{text: [a]}]", "TT208"),
        ("{if: noted, text: b}", "TT208"),
    ],
)
def test_a_bad_paragraph_gets_a_located_message(written: str, code: str, tmp_path: Path) -> None:
    text = SCENARIO.replace("    text: No agreement.\n", f"    text: {written}\n")
    found = check_text(tmp_path, "test-scenario.yaml", text)
    assert len(found) == 1 and found[0].startswith("test-scenario.yaml:34:"), found
    assert f" error {code}: " in found[0]
    if written.startswith("{"):
        assert found[0].endswith("goes in a list of paragraphs: start it with `- `")


def test_the_schema_takes_a_text_or_a_list_of_paragraphs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from game.cli import main

    assert main(["schema", "scenario"]) == 0
    schema = json.loads(capsys.readouterr().out)
    defs = schema["$defs"]
    paragraphs = {"items": {"$ref": "#/$defs/Paragraph"}, "type": "array"}
    for where in (defs["Scene"], defs["Ending"]):
        assert {"type": "string"} in where["properties"]["text"]["oneOf"]
        assert paragraphs in where["properties"]["text"]["oneOf"]
    feedback = json.dumps(defs["Choice"]["properties"]["feedback"])
    assert '"$ref": "#/$defs/Paragraph"' in feedback
    plain, mapping = defs["Paragraph"]["anyOf"]
    assert plain == {"type": "string"}
    assert set(mapping["properties"]) == {"if", "text"} and mapping["required"] == ["text"]
