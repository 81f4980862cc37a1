"""The bundled scenarios as the second edition promises them (issue 31): meters that say
what they are for, a counterpart who answers, text a 14-year-old reads, endings short
enough to read, and one report's words attributed to it."""

import re
import statistics

import pytest
from test_content_fidelity import ATTRIBUTED

from game.content.catalog import check
from game.content.models import Paragraph, Scenario
from game.content.paths import bundled_root

catalog = check([bundled_root()])
SCENARIOS = sorted(catalog.scenarios.values(), key=lambda s: s.id)
IDS = [s.id for s in SCENARIOS]

# A report's words, or one report's framing, and what names whose words they are in a
# scenario's paragraph: an outlet, "the reports", "no outlet named", or the words "in this
# version" of a labelled counterfactual.
ONE_REPORTS_WORDS = {
    phrase: re.compile(rf"{names}|reports?\b|no outlet|in this version", re.I)
    for phrase, names in ATTRIBUTED.items()
}


def paragraphs(passage: object) -> list[tuple[str, bool]]:
    """(text, varies) of each paragraph of a text: a plain text is one fixed paragraph."""
    if isinstance(passage, str):
        return [(passage, False)]
    if passage is None:
        return []
    return [
        (p.text, p.condition is not None) if isinstance(p, Paragraph) else (str(p), False)
        for p in passage  # type: ignore[attr-defined]
    ]


def words_once(passage: object) -> int:
    """Words a student reads: the fixed paragraphs, plus the longest that varies."""
    parts = paragraphs(passage)
    fixed = sum(len(t.split()) for t, varies in parts if not varies)
    varying = [len(t.split()) for t, varies in parts if varies]
    return fixed + max(varying, default=0)


def syllables(word: str) -> int:
    """Vowel groups, less a silent final e: rough, but stable."""
    w = word.lower()
    n = len(re.findall(r"[aeiouy]+", w))
    if w.endswith("e") and n > 1 and not w.endswith(("le", "ee")):
        n -= 1
    return max(1, n)


def grade(text: str) -> float | None:
    """Flesch–Kincaid grade of a text, or None for a text too short to measure."""
    sentences = [s for s in re.split(r"[.!?]+(?:\s|$)", text) if s.strip()]
    words = re.findall(r"[A-Za-z][A-Za-z'\-]*", text)
    if len(words) <= 20 or not sentences:
        return None
    return (
        0.39 * len(words) / len(sentences) + 11.8 * sum(map(syllables, words)) / len(words) - 15.59
    )


def test_grade_counts_long_words_and_sentences_as_harder() -> None:
    easy = "The cat sat on the mat. " * 5
    hard = "International negotiations concerning territorial sovereignty continued. " * 5
    assert grade(easy) is not None and grade(hard) is not None
    assert grade(easy) < 2 < 12 < grade(hard)  # type: ignore[operator]


def every_passage(scenario: Scenario) -> list[tuple[str, object]]:
    """Where each text of a scenario is, and the text."""
    found: list[tuple[str, object]] = []
    for scene_id, scene in scenario.scenes.items():
        found.append((f"scene {scene_id}", scene.text))
        for number, choice in enumerate(scene.choices or (), 1):
            found.append((f"scene {scene_id} choice {number}", choice.text))
            found.append((f"scene {scene_id} choice {number} feedback", choice.feedback))
    for ending_id, ending in scenario.endings.items():
        found.append((f"ending {ending_id}", ending.text))
        found.append((f"ending {ending_id} history", ending.history))
    return found


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_every_meter_says_what_it_is_for(scenario: Scenario) -> None:
    for meter_id, meter in scenario.meters.items():
        assert meter.good is not None, meter_id
        assert meter.means, meter_id
        assert meter.marks, meter_id


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_the_counterpart_answers_in_most_scenes(scenario: Scenario) -> None:
    """Most scenes a student chooses in have a paragraph that depends on what they did."""
    scenes = [s for s in scenario.scenes.values() if s.choices]
    varying = [s for s in scenes if any(v for _, v in paragraphs(s.text))]
    assert len(varying) * 3 >= len(scenes) * 2, (scenario.id, len(varying), len(scenes))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_scene_text_reads_at_grade_eight_and_never_above_eleven(scenario: Scenario) -> None:
    grades = {
        scene_id: g
        for scene_id, scene in scenario.scenes.items()
        if (g := grade("\n".join(t for t, _ in paragraphs(scene.text)))) is not None
    }
    assert grades
    assert max(grades.values()) <= 11, {k: round(v, 1) for k, v in grades.items() if v > 11}
    assert statistics.median(grades.values()) <= 8, scenario.id


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_an_ending_and_its_debrief_fit_in_150_words(scenario: Scenario) -> None:
    lengths = {
        ending_id: words_once(ending.text) + words_once(ending.history)
        for ending_id, ending in scenario.endings.items()
    }
    assert max(lengths.values()) <= 150, lengths


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_one_reports_words_say_whose_they_are(scenario: Scenario) -> None:
    for where, passage in every_passage(scenario):
        for text, _ in paragraphs(passage):
            flat = " ".join(text.split())
            for phrase, whose in ONE_REPORTS_WORDS.items():
                if re.search(phrase, flat, re.I):
                    assert whose.search(flat), f"{scenario.id} {where}: {phrase!r}"
