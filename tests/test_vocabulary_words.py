"""Each word of the format (docs/format.md) has what the screens and plain mode say for it:
a topic, an ending kind or a question type added to the vocabulary fails here until each
interface has its words, instead of showing a student a blank or a KeyError."""

from game.content.vocabulary import ENDING_KINDS, QUESTION_TYPES, TOPICS
from game.plain.quiz import _HOW as PLAIN_HOW
from game.tui.screens.ending import BADGES
from game.tui.screens.progress import BADGE
from game.tui.screens.quiz import HOW
from game.tui.widgets.choice_list import TOPIC_LABELS


def test_every_topic_has_its_label() -> None:
    assert set(TOPIC_LABELS) == set(TOPICS)


def test_every_ending_kind_has_its_badges() -> None:
    assert set(BADGES) == set(ENDING_KINDS)
    assert set(BADGE) == set(ENDING_KINDS)


def test_every_question_type_says_how_to_answer_it() -> None:
    assert set(HOW) == set(QUESTION_TYPES)
    assert set(PLAIN_HOW) == set(QUESTION_TYPES)
