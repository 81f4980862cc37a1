"""Each check of docs/format.md: a broken file and the exact messages it gets (golden).

A case changes one thing in a valid file (`old` -> `new`) the way a teacher might get it
wrong, and lists every line `treaty validate` prints for it.
"""

from pathlib import Path

import pytest

from helpers import FACTS, QUIZ, SCENARIO, check_text

# Each file is named after its id, as the guide asks (`scenario.yaml` holds `id: scenario`).
BASE = {
    "scenario": SCENARIO.replace("id: test-scenario", "id: scenario"),
    "quiz": QUIZ.replace("id: test-quiz", "id: quiz"),
    "facts": FACTS,
}

CASES = [
    pytest.param(
        "scenario",
        "if: trust >= 50 and proposed-1956",
        "if: trst >= 50 and proposed-1956",
        [
            "scenario.yaml:27:13: error TT305: in `if:`, `trst` is not a declared meter or flag; did you mean `trust`?",
        ],
        id="condition-name-typo",
    ),
    pytest.param(
        "scenario",
        "if: trust >= 50 and proposed-1956",
        "if: trust >= and proposed-1956",
        [
            "scenario.yaml:27:22: error TT301: in `if:`, a number or a meter is missing after `>=`",
        ],
        id="condition-missing-operand",
    ),
    pytest.param(
        "scenario",
        "if: trust >= 50 and proposed-1956",
        "if: trust = 50",
        [
            "scenario.yaml:27:19: error TT301: in `if:`, unexpected `=`; to compare, write `==`",
        ],
        id="condition-single-equals",
    ),
    pytest.param(
        "scenario",
        "if: trust >= 50 and proposed-1956",
        'if: "trust >= 50 and proposed-1965"',
        [
            "scenario.yaml:27:30: error TT305: in `if:`, `proposed-1965` is not a declared meter or flag; did you mean `proposed-1956`?",
        ],
        id="condition-quoted-flag-typo",
    ),
    pytest.param(
        "scenario",
        "if: trust >= 50 and proposed-1956",
        "if: trust and proposed-1956 > 2",
        [
            "scenario.yaml:27:13: error TT303: in `if:`, `trust` is a meter, not a yes/no flag: compare it with a number, like `trust >= 50`",
            "scenario.yaml:27:23: error TT304: in `if:`, `proposed-1956` is a flag (yes or no), so it cannot be compared: write it alone, or `not proposed-1956`",
        ],
        id="condition-meter-and-flag-swapped",
    ),
    pytest.param(
        "scenario",
        "if: trust >= 50 and proposed-1956",
        "if: (trust >= 50",
        [
            "scenario.yaml:27:13: error TT301: in `if:`, this `(` is never closed with `)`",
        ],
        id="condition-unclosed-parenthesis",
    ),
    pytest.param(
        "scenario",
        "    text: The talks begin.\n",
        "    txt: The talks begin.\n",
        [
            "scenario.yaml:15:5: error TT201: unknown key `txt` in scene `opening`; did you mean `text`?",
        ],
        id="unknown-key",
    ),
    pytest.param(
        "scenario",
        "        topic: basis\n",
        "        topc: basis\n",
        [
            "scenario.yaml:19:9: error TT201: unknown key `topc` in choice 1 of scene `opening`; "
            "did you mean `topic`?",
        ],
        id="unknown-key-in-a-choice",
    ),
    pytest.param(
        "scenario",
        "title: A test",
        "title: “A test: part one”",
        [
            "scenario.yaml:2:15: error TT111: a `key: value` pair is not expected here. Check this "
            "line and the one above it: a colon may be missing after a key, the indentation "
            "may be off, or text containing ': ' needs quotes around it. This line has curly "
            "quotes (“ ” or ‘ ’), which YAML reads as ordinary letters: use straight quotes "
            "(\" or ')",
        ],
        id="curly-quotes-from-a-word-processor",
    ),
    pytest.param(
        "scenario",
        "role: japan",
        "role: no",
        [
            'scenario.yaml:4:7: error TT206: YAML reads `no` as false, not as a word: put it in quotes: "no"',
        ],
        id="role-no",
    ),
    pytest.param(
        "scenario",
        "title: A test\n",
        "",
        [
            "scenario.yaml:1:1: error TT203: the file is missing the key `title:`",
        ],
        id="missing-title",
    ),
    pytest.param(
        "scenario",
        "effects: {trust: +10}",
        "effects: {trust: 2.5}",
        [
            "scenario.yaml:20:26: error TT210: the effect on `trust` in choice 1 of scene `opening` should be a whole number (like 10 or -5), but found `2.5`",
        ],
        id="effect-not-whole",
    ),
    pytest.param(
        "scenario",
        "effects: {trust: +10}",
        "effects: {trust: lots}",
        [
            "scenario.yaml:20:26: error TT210: the effect on `trust` in choice 1 of scene `opening` should be a whole number (like 10 or -5), but found `lots`",
        ],
        id="effect-text",
    ),
    pytest.param(
        "scenario",
        "topic: basis",
        "topic: bases",
        [
            "scenario.yaml:19:16: error TT204: `topic: bases` is not allowed; use `basis`, `security`, `transfer`, `economy` or `other`; did you mean `basis`?",
        ],
        id="bad-topic",
    ),
    pytest.param(
        "scenario",
        "kind: counterfactual",
        "kind: counter-factual",
        [
            "scenario.yaml:39:11: error TT204: `kind: counter-factual` is not allowed; use `historical` or `counterfactual`; did you mean `counterfactual`?",
        ],
        id="bad-kind",
    ),
    pytest.param(
        "scenario",
        "id: scenario",
        "id: Test Scenario",
        [
            "scenario.yaml:1:5: error TT217: `Test Scenario` is not a valid id: use lowercase letters, digits and '-' (like `test-scenario`)",
        ],
        id="bad-id",
    ),
    pytest.param(
        "scenario",
        "    history: This did not happen.\n",
        "    history: This did not happen.\n    choices: []\n",
        [
            "scenario.yaml:42:5: error TT202: an ending cannot have `choices:`; an ending closes the scenario. To let the story go on, make it a scene under `scenes:`",
        ],
        id="ending-with-choices",
    ),
    pytest.param(
        "scenario",
        "    choices:\n      - text: Propose",
        "    choices: Propose\n    xchoices:\n      - text: Propose",
        [
            "scenario.yaml:17:14: error TT215: `choices` in scene `opening` should be a list (`[a, b]`, or lines starting with `- `), but found `Propose`",
            "scenario.yaml:18:5: error TT201: unknown key `xchoices` in scene `opening`; did you mean `choices`?",
            "scenario.yaml:26:3: warning TT324: scene `verdict` is never reached: no `goto:` leads to it",
        ],
        id="choices-not-list",
    ),
    pytest.param(
        "scenario",
        "  verdict:\n    route:",
        "  verdict:\n    choices: [{text: Go, goto: framework}]\n    route:",
        [
            "scenario.yaml:25:3: error TT315: scene `verdict` has both `choices:` and `route:`; a scene either lets the player choose or routes on its own: keep one",
        ],
        id="both-choices-and-route",
    ),
    pytest.param(
        "scenario",
        "  verdict:\n    route:\n      - if: trust >= 50 and proposed-1956\n        goto: framework\n      - goto: talks-stall\n",
        "  verdict:\n    text: Nothing here.\n",
        [
            "scenario.yaml:25:3: error TT316: scene `verdict` has neither `choices:` nor `route:`; add choices for the player, or a route to the next scene or ending",
            "scenario.yaml:34:3: warning TT324: ending `framework` is never reached: no `goto:` leads to it",
        ],
        id="neither-choices-nor-route",
    ),
    pytest.param(
        "scenario",
        "goto: talks-stall\n  verdict",
        "goto: talks-stal\n  verdict",
        [
            "scenario.yaml:24:15: error TT312: `goto: talks-stal` names no scene or ending in this file; did you mean `talks-stall`?",
        ],
        id="goto-missing",
    ),
    pytest.param(
        "scenario",
        "effects: {trust: +10}",
        "effects: {trst: +10}",
        [
            "scenario.yaml:20:19: error TT314: the meter `trst` is not declared under `meters:`; did you mean `trust`?",
        ],
        id="undeclared-meter",
    ),
    pytest.param(
        "scenario",
        "set: [proposed-1956]",
        "set: [proposed-1965]",
        [
            "scenario.yaml:21:15: error TT313: the flag `proposed-1965` is not declared under `flags:`; did you mean `proposed-1956`?",
        ],
        id="undeclared-flag",
    ),
    pytest.param(
        "scenario",
        "set: [proposed-1956]",
        "clear: [proposed-1956]",
        [
            "scenario.yaml:27:29: warning TT322: in `if:`, no choice sets the flag `proposed-1956` (no `set: [proposed-1956]`), so it is always off here",
        ],
        id="flag-never-set",
    ),
    pytest.param(
        "scenario",
        "    facts: [singapore-2018-accelerate]\n    choices",
        "    facts: [singapore-2018-acelerate]\n    choices",
        [
            "scenario.yaml:16:13: error TT501: the fact `singapore-2018-acelerate` is not in the fact base; did you mean `singapore-2018-accelerate`? (the fact files read: the game's own facts; give another with --facts FILE)",
        ],
        id="undeclared-fact",
    ),
    pytest.param(
        "scenario",
        "  framework:\n    title: A framework",
        "  verdict:\n    title: A framework",
        [
            "scenario.yaml:28:15: error TT312: `goto: framework` names no scene or ending in this file",
            "scenario.yaml:37:3: error TT306: `verdict` is both a scene and an ending; give them different ids",
        ],
        id="scene-and-ending-same-id",
    ),
    pytest.param(
        "scenario",
        "    start: 40",
        "    start: 140",
        [
            "scenario.yaml:10:12: error TT309: meter `trust` starts at 140, outside its range 0 to 100",
        ],
        id="start-out-of-range",
    ),
    pytest.param(
        "scenario",
        "    start: 40",
        "    start: 40\n    min: 50\n    max: 50",
        [
            "scenario.yaml:12:10: error TT308: meter `trust`: min (50) must be less than max (50)",
        ],
        id="min-not-below-max",
    ),
    pytest.param(
        "scenario",
        "start: opening",
        "start: openning",
        [
            "scenario.yaml:12:8: error TT311: `start: openning` names no scene; did you mean `opening`?",
            "scenario.yaml:14:3: warning TT324: scene `opening` is never reached: no `goto:` leads to it",
        ],
        id="start-unknown",
    ),
    pytest.param(
        "scenario",
        "      - goto: talks-stall\n",
        "      - if: trust < 50\n        goto: talks-stall\n",
        [
            "scenario.yaml:29:13: error TT319: the last branch of the route of scene `verdict` must have no `if:`, so that the route always leads somewhere",
        ],
        id="last-route-branch-has-condition",
    ),
    pytest.param(
        "scenario",
        "    facts: [kyodo-talks-stalled]\n",
        "",
        [
            "scenario.yaml:31:3: error TT321: historical ending `talks-stall` must cite at least one fact in `facts:`",
        ],
        id="historical-without-facts",
    ),
    pytest.param(
        "scenario",
        "  opening:\n    text: The talks begin.\n",
        "  opening:\n    text: The talks begin.\n    text: Again.\n",
        [
            "scenario.yaml:16:5: error TT131: the key `text` appears twice in the same place (first on line 15); YAML would silently keep only the last one. Remove or rename one of them",
        ],
        id="duplicate-key",
    ),
    pytest.param(
        "scenario",
        "role: japan",
        "role: !!python/object/apply:os.system [echo hi]",
        [
            "scenario.yaml:4:7: error TT125: the tag `!!python/object/apply:os.system` asks for Python code to run; content is never run as code. Remove the tag",
        ],
        id="python-tag",
    ),
    pytest.param(
        "scenario",
        "    facts: [singapore-2018-accelerate]\n    choices",
        "    facts: [singapore-2018-accelerate]\n     choices",
        [
            "scenario.yaml:17:6: error TT114: this line is indented differently from the lines around it; keys at the same level must start in the same column",
        ],
        id="bad-indent",
    ),
    pytest.param(
        "scenario",
        "year: 2018",
        'year: "2018"',
        [
            'scenario.yaml:5:7: error TT209: `year` in the file should be a whole number without quotes, but found "2018"',
        ],
        id="year-in-quotes",
    ),
    pytest.param(
        "quiz",
        'answer: "1951"',
        'answer: "1952"',
        [
            "quiz.yaml:8:13: error TT407: the answer `1952` is not one of the options; did you mean `1956`?",
        ],
        id="answer-not-an-option",
    ),
    pytest.param(
        "quiz",
        "answer: [Shikotan, Habomai]",
        "answer: [Shikotan, Habomaii]",
        [
            "quiz.yaml:14:24: error TT407: the answer `Habomaii` is not one of the options; did you mean `Habomai`?",
        ],
        id="multi-answer-not-an-option",
    ),
    pytest.param(
        "quiz",
        "items: [San Francisco, Declaration]",
        "items: [San Francisco]",
        [
            "quiz.yaml:24:12: error TT216: `items` in question 4 needs at least 2 items",
        ],
        id="order-one-item",
    ),
    pytest.param(
        "quiz",
        'options: ["1951", "1956"]\n    answer: "1951"',
        "options: [Yes, No]\n    answer: Yes",
        [
            'quiz.yaml:7:15: error TT206: YAML reads `Yes` as true, not as a word: put it in quotes: "Yes"',
            'quiz.yaml:7:20: error TT206: YAML reads `No` as false, not as a word: put it in quotes: "No"',
            'quiz.yaml:8:13: error TT206: YAML reads `Yes` as true, not as a word: put it in quotes: "Yes"',
        ],
        id="options-yes-no-and-nothing-more",
    ),
    pytest.param(
        "quiz",
        "  - id: islands",
        "  - id: sf-year",
        [
            "quiz.yaml:10:9: error TT404: the question id `sf-year` is used twice (first on line 4); each question needs its own id",
        ],
        id="duplicate-question-id",
    ),
    pytest.param(
        "quiz",
        'options: ["1951", "1956"]',
        'options: ["1951", "1956", "1951"]',
        [
            "quiz.yaml:7:31: error TT405: `1951` is listed twice in options; each must be different",
        ],
        id="repeated-option",
    ),
    pytest.param(
        "quiz",
        "answer: false",
        "answer: maybe",
        [
            "quiz.yaml:19:13: error TT212: `answer` in question 3 should be true or false, but found `maybe`",
        ],
        id="truefalse-not-bool",
    ),
    pytest.param(
        "quiz",
        "    facts: [ussr-refused-sf]\n",
        "",
        [
            "quiz.yaml:16:5: error TT403: question 3 must cite at least one fact in `facts:`",
        ],
        id="no-facts",
    ),
    pytest.param(
        "quiz",
        "facts: [ussr-refused-sf]",
        "facts: [ussr-refused]",
        [
            "quiz.yaml:20:13: error TT501: the fact `ussr-refused` is not in the fact base; did you mean `ussr-refused-sf`? (the fact files read: the game's own facts; give another with --facts FILE)",
        ],
        id="unknown-fact",
    ),
    pytest.param(
        "quiz",
        "type: fill",
        "type: fil",
        [
            "quiz.yaml:34:11: error TT401: unknown question type `fil`; did you mean `fill`? (the types are `choice`, `multi`, `truefalse`, `order`, `match` or `fill`)",
        ],
        id="unknown-type",
    ),
    pytest.param(
        "facts",
        "    year: 2019\n",
        "    year_inferred: true\n",
        [
            "facts.yaml:9:20: error TT504: fact `my-fact` says its year is inferred but gives no `year:`",
        ],
        id="year-inferred-without-year",
    ),
    pytest.param(
        "facts",
        "source: my-source",
        "source: my-sourse",
        [
            "facts.yaml:10:13: error TT505: the source `my-sourse` is not declared under `sources:`; did you mean `my-source`?",
        ],
        id="unknown-source",
    ),
    pytest.param(
        "facts",
        "    quote: A quote.\n",
        "",
        [
            "facts.yaml:7:3: error TT203: fact `my-fact` is missing the key `quote:`",
        ],
        id="missing-quote",
    ),
    pytest.param(
        "facts",
        "year: 2019",
        "year: twenty",
        [
            "facts.yaml:9:11: error TT210: `year` in fact `my-fact` should be a whole number (like 10 or -5), but found `twenty`",
        ],
        id="year-not-number",
    ),
]


def test_the_base_files_are_valid(tmp_path: Path) -> None:
    for kind, text in BASE.items():
        assert check_text(tmp_path, f"{kind}.yaml", text) == []


@pytest.mark.parametrize(("kind", "old", "new", "expected"), CASES)
def test_broken_file_gets_exact_messages(
    tmp_path: Path, kind: str, old: str, new: str, expected: list[str]
) -> None:
    base = BASE[kind]
    assert old in base, "the case must change the base file"
    assert check_text(tmp_path, f"{kind}.yaml", base.replace(old, new, 1)) == expected


def test_a_loop_of_gotos_with_no_way_out_is_an_error_without_strict(tmp_path: Path) -> None:
    text = (
        BASE["scenario"]
        .replace("        goto: verdict\n", "        goto: stall\n", 1)
        .replace(
            "      - text: Walk out\n        goto: talks-stall\n",
            "      - text: Walk out\n        goto: opening\n",
        )
        .replace(
            "  verdict:\n",
            "  stall:\n    text: Round again.\n    choices:\n      - text: Back\n        goto: opening\n  verdict:\n",
        )
    )
    problems = check_text(tmp_path, "scenario.yaml", text)
    errors = [p for p in problems if ": error " in p]
    assert errors == [
        "scenario.yaml:14:3: error TT323: no ending can be reached from scene `opening`: its choices "
        "and routes only lead round the scenes `opening`, `stall`. Give one of them a way out: "
        "a `goto:` to an ending, or to a scene that leads to one"
    ]


def test_a_scenario_with_a_way_out_of_every_loop_has_no_such_error(tmp_path: Path) -> None:
    text = BASE["scenario"].replace(
        "      - text: Walk out\n        goto: talks-stall\n",
        "      - text: Walk out\n        goto: talks-stall\n      - text: Again\n        goto: opening\n",
    )
    assert check_text(tmp_path, "scenario.yaml", text) == []
