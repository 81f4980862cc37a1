"""How a student is doing: endings found in each scenario, each quiz's best and latest
score with a small chart over time, the questions most often missed, and what is due."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from game.quiz import score_text
from game.store.tables import tables_finished
from game.tui.messages import OpenReview
from game.tui.screens.base import TreatyScreen
from game.tui.widgets.meter_chart import spark

BADGE = {"historical": "HISTORICAL", "counterfactual": "COUNTERFACTUAL"}


class ProgressScreen(TreatyScreen):
    """The progress of the student playing now."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "review", "Review due", id="progress.review"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        session = self.session
        store = session.store
        yield Static(
            f"Your progress — playing as {session.profile_name}",
            classes="screen-title",
            markup=False,
        )
        with VerticalScroll(id="progress"):
            if store is None:
                yield Static("Progress is not available: the game is still loading.", markup=False)
            else:
                yield from self.scenarios()
                yield from self.tables()
                yield from self.quizzes()
                yield from self.missed()
        yield Footer()

    async def on_screen_resume(self) -> None:
        """Back from a review: what it changed shows. The scroll has the keys, so ↑ ↓
        Page Up, Page Down, Home and End read on straight away, without Tab."""
        await self.recompose()
        self.query_one("#progress", VerticalScroll).focus()

    def action_review(self) -> None:
        self.ask(OpenReview())

    def scenarios(self) -> ComposeResult:
        store, profile = self.session.store, self.session.profile_id
        assert store is not None
        yield Static("Scenarios: the endings you have found", classes="section-title", markup=False)
        reached_in: dict[str, list[str]] = {}
        for scenario_id, ending_id, _when in store.runs(profile):
            seen = reached_in.setdefault(scenario_id, [])
            if ending_id not in seen:
                seen.append(ending_id)
        for scenario in sorted(self.catalog.scenarios.values(), key=lambda s: (s.year, s.id)):
            found = reached_in.get(scenario.id, [])
            yield Static(
                endings_found(scenario.title, "", found, scenario.endings),
                classes="progress-item",
                markup=False,
            )

    def tables(self) -> ComposeResult:
        """The tables played to an ending (two players, issue 34), as for scenarios:
        the endings found, of how many; listed once there are tables in the game."""
        store, profile = self.session.store, self.session.profile_id
        assert store is not None
        if not self.catalog.tables:
            return
        reached_in: dict[str, list[str]] = {}
        sides: dict[str, list[str]] = {}
        for table_id, side, ending_id in tables_finished(store, profile):
            found = reached_in.setdefault(table_id, [])
            if ending_id not in found:
                found.append(ending_id)
            played = sides.setdefault(table_id, [])
            if side not in played:
                played.append(side)
        for table in sorted(self.catalog.tables.values(), key=lambda t: (t.year, t.id)):
            names = [table.roles[r].name for r in sides.get(table.id, []) if r in table.roles]
            who = f"\n  you played: {' and '.join(names)}" if names else ""
            text = endings_found(
                table.title, "two players  ·  ", reached_in.get(table.id, []), table.endings, who
            )
            yield Static(text, classes="progress-item", markup=False)

    def quizzes(self) -> ComposeResult:
        store, profile = self.session.store, self.session.profile_id
        assert store is not None
        yield Static("Quizzes: your scores", classes="section-title", markup=False)
        runs: dict[str, list[tuple[float, int]]] = {}
        for quiz_id, score, total, _when in store.quiz_runs(profile):
            runs.setdefault(quiz_id, []).append((score, total))
        for quiz in sorted(self.catalog.quizzes.values(), key=lambda q: q.title):
            taken = runs.get(quiz.id, [])
            text = Text()
            text.append(quiz.title, style="bold")
            if not taken:
                text.append("  ·  not taken to the end yet", style="dim")
                yield Static(text, classes="progress-item", markup=False)
                continue
            best = max(taken, key=lambda run: run[0] / run[1])
            latest = taken[-1]
            text.append(
                f"  ·  best {score_text(best[0])} of {best[1]}"
                f"  ·  latest {score_text(latest[0])} of {latest[1]}"
                f"  ·  taken {len(taken)} time{'s' if len(taken) != 1 else ''}"
            )
            if len(taken) > 1:
                # Percentages on a 0-100 scale, the last ten attempts, oldest first.
                recent = [round(100 * score / total) for score, total in taken[-10:]]
                text.append("\n  scores over time: ")
                text.append(spark(recent, 0, 100), style="bold")
                text.append("  " + " → ".join(f"{p}%" for p in recent))
            yield Static(text, classes="progress-item quiz-score", markup=False)

    def missed(self) -> ComposeResult:
        session = self.session
        assert session.store is not None
        yield Static("Questions you miss most often", classes="section-title", markup=False)
        shown = 0
        for quiz_id, question_id, misses, answered in session.store.missed(
            session.profile_id, most=8
        ):
            quiz = self.catalog.quizzes.get(quiz_id)
            question = (
                next((q for q in quiz.questions if q.id == question_id), None) if quiz else None
            )
            if quiz is None or question is None:
                continue
            text = Text()
            text.append(f"missed {misses} of {answered}  ", style="bold")
            text.append(" ".join(question.prompt.split()))
            text.append(f"  ({quiz.title})", style="dim")
            yield Static(text, classes="progress-item", markup=False)
            shown += 1
        if not shown:
            yield Static("None yet.", classes="progress-item", markup=False)
        due = len(session.due_for_review())
        yield Static(
            f"{due} question{'s' if due != 1 else ''} due for review now"
            + (": press R to review them." if due else "."),
            id="progress-due",
            classes="section-title",
            markup=False,
        )


class _Ending(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...


def endings_found(
    title: str, kind: str, reached: list[str], endings: Mapping[str, _Ending], after: str = ""
) -> Text:
    """A scenario's or a table's line: its title, how many of its endings were found (each
    with its badge) and how many are left to find; `after` follows the count."""
    found = [e for e in reached if e in endings]
    total = len(endings)
    text = Text()
    text.append(title, style="bold")
    text.append(f"  ·  {kind}{len(found)} of {total} endings found{after}")
    for ending_id in found:
        ending = endings[ending_id]
        text.append("\n  ")
        text.append(f" {BADGE[ending.kind]} ", style="reverse")
        text.append(f" {ending.title}")
    if 0 < len(found) < total:
        text.append(f"\n  {total - len(found)} more to find: play it again.", style="dim")
    return text
