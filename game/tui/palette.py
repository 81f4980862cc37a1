"""The command palette's entries (Ctrl+P): every scenario, table and quiz, and the places."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.markup import escape
from textual.message import Message

from game.content.course import timeline_years, years_of
from game.content.scenario_title import says_its_year
from game.tui.messages import Navigate, OpenQuiz, OpenScenario, OpenTable, Place

if TYPE_CHECKING:
    from game.content.catalog import Catalog


def system_commands(catalog: Catalog, post: Callable[[Message], object]) -> Iterator[SystemCommand]:
    """An entry for each scenario and quiz and each place; choosing one posts its message."""
    for scenario in sorted(catalog.scenarios.values(), key=lambda s: (s.year, s.id)):
        yield SystemCommand(  # titles are data: the palette reads markup, so escaped
            f"Play: {escape(scenario.title)}",
            ("" if says_its_year(scenario) else f"{scenario.year}, ")
            + f"leading {escape(scenario.delegation)}'s delegation",
            lambda scenario=scenario: post(OpenScenario(scenario)),
        )
    for table in sorted(catalog.tables.values(), key=lambda t: (t.year, t.id)):
        sides = " and ".join(escape(role.name) for role in table.roles.values())
        yield SystemCommand(  # a table: two students at one keyboard
            f"Two delegations: {escape(table.title)}",
            f"{table.year}, two students at one keyboard: {sides}",
            lambda table=table: post(OpenTable(table)),
        )
    for quiz in sorted(catalog.quizzes.values(), key=lambda q: q.title):
        yield SystemCommand(
            f"Quiz: {escape(quiz.title)}",
            f"{len(quiz.questions)} questions",
            lambda quiz=quiz: post(OpenQuiz(quiz)),
        )
    span = years_of(timeline_years(catalog))  # the timeline's own years, a course's too
    places = [
        ("Timeline", "The facts by year" + (f", {span}" if span else ""), Place.TIMELINE),
        ("Help", "How to play, the keys", Place.HELP),
        ("Review due", "The questions due to come back", Place.REVIEW),
        (
            "Your progress",
            "Endings found, quiz scores, questions most often missed",
            Place.PROGRESS,
        ),
    ]
    for title, help_text, place in places:
        yield SystemCommand(title, help_text, lambda place=place: post(Navigate(place)))
