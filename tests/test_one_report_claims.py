"""What only the report that names no outlet (document 002) says is said to be that
report's, wherever a scenario says it (issue 31): Japan citing the 1855 treaty, the day of
the Singapore meeting, the 2016 agreement on joint economic activities and the study visits,
Motegi's appointment in September. The check is a function of a paragraph, so that it can
be shown to catch a sentence written without its source."""

import re

import pytest

from game.content.catalog import check
from game.content.paths import bundled_root
from game.engine.paragraphs import all_text

catalog = check([bundled_root()])
IDS = sorted(catalog.scenarios)

ONLY_002 = {
    "Japan cites the 1855 treaty": re.compile(r"\bcit(?:es|ing)\b[^.]*\b1855\b", re.I),
    "the day of the Singapore meeting": re.compile(r"\b14 November\b"),
    "the 2016 agreement": re.compile(r"\bDecember 2016\b[^.]*\b(?:agree|work out)", re.I),
    "the study visits": re.compile(r"\bto study\b[^.]*\bprojects?\b", re.I),
    "Motegi's appointment": re.compile(r"\bappointed\b[^.]*\bSeptember\b", re.I),
}
"""Claims only document 002 makes, and a sign of each in a paragraph."""

WHOSE = re.compile(
    r"\b(?:one|a|that|the same|another|the first) report\b|\bnames no outlet\b|"
    r"\bno named outlet\b|\bthe report (?:from|on|that)\b|\bit says\b|\bthe report says\b",
    re.I,
)
"""Words that say the sentence is one report's."""


def unattributed(paragraph: str) -> list[str]:
    """The 002-only claims a paragraph makes without saying whose words they are."""
    flat = " ".join(paragraph.split())
    if WHOSE.search(flat):
        return []
    return [claim for claim, sign in ONLY_002.items() if sign.search(flat)]


def paragraphs(scenario_id: str) -> list[tuple[str, str]]:
    """(where, paragraph) of every scene and ending text and every debrief."""
    scenario = catalog.scenarios[scenario_id]
    found = []
    for scene_id, scene in scenario.scenes.items():
        found += [(f"scene {scene_id}", p) for p in all_text(scene.text).split("\n\n")]
    for ending_id, ending in scenario.endings.items():
        for passage in (ending.text, ending.history):
            found += [(f"ending {ending_id}", p) for p in all_text(passage).split("\n\n")]
    found.append(("summary", scenario.summary or ""))
    return found


@pytest.mark.parametrize("scenario_id", IDS)
def test_what_only_the_unnamed_report_says_is_said_to_be_its(scenario_id: str) -> None:
    found = [
        f"{where}: {claims}: {' '.join(text.split())[:90]}"
        for where, text in paragraphs(scenario_id)
        if (claims := unattributed(text))
    ]
    assert found == []


@pytest.mark.parametrize(
    ("paragraph", "claims"),
    [
        ("Japan claims all four, citing a treaty of 1855.", ["Japan cites the 1855 treaty"]),
        ("Japan claims all four, citing, one report says, a treaty of 1855.", []),
        (
            "Singapore, 14 November 2018. It is the ASEAN summit.",
            ["the day of the Singapore meeting"],
        ),
        (
            "In December 2016 Putin and Abe agreed to look into joint activities.",
            ["the 2016 agreement"],
        ),
        ("Motegi, appointed in September, meets Lavrov.", ["Motegi's appointment"]),
        ("Motegi meets Lavrov. One report says he was appointed in September.", []),
    ],
)
def test_a_claim_without_its_report_is_found(paragraph: str, claims: list[str]) -> None:
    assert unattributed(paragraph) == claims


GLOSS = re.compile(
    r"\b(?:giv(?:e|es|ing) away|forbids?|bars?)\b[^.]*\bRussian (?:land|territor)", re.I
)
"""A reading of the amendment that is no report's: Inforos says it "prohibits expropriation
of Russian territories"."""


def test_the_amendment_is_given_in_inforos_words_not_a_gloss() -> None:
    from test_content_fidelity import _texts

    texts = [(where, text) for where, text in _texts(bundled_root())]
    for scenario_id in IDS:
        texts += [(f"{scenario_id} {where}", text) for where, text in paragraphs(scenario_id)]
    found = [where for where, text in texts if GLOSS.search(" ".join(text.split()))]
    assert found == []
    assert GLOSS.search("The amendment forbids giving away Russian land.")
