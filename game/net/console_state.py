"""What the teacher's console shows (issue 36), as plain JSON-ready data: who is
connected, what each student is doing and has done, each table and whose move it is, and
the joint debrief of a finished table. Built from the tables' authority, the browser games
running and the data folder (read-only, `game.store.class_now`); routes in
`game.net.console`.

Everything here is for the teacher only: the console's routes check the teacher's code
before sending any of it. Names are sent as data; the page sets them as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from game.analysis.table_why import table_why
from game.content.catalog import Catalog
from game.engine import ChoiceRefused, ScenarioLoop, replay
from game.engine.table import moves_of
from game.net.authority import LiveTable, Tables
from game.net.views import build_view
from game.plain.common import plain_text
from game.store.class_now import ClassNow, Saved, Student

NO_NAME = "(no name)"
"""A browser game opened without `?profile=NAME`."""


def table_state(live: LiveTable) -> dict[str, Any]:
    """One table as the console lists it."""
    table, state = live.table, live.state
    if table is None or state is None:
        return {
            "code": live.code,
            "title": live.scenario,
            "status": "broken",
            "note": f"Cannot go on: {live.broken}." if live.broken else "",
            "sides": [],
            "to_move": [],
            "step": 0,
            "ending": None,
        }
    finished = state.ended or live.closed
    to_move = [] if finished else [table.roles[r].name for r in _to_move(live)]
    status = (
        "closed"
        if live.closed
        else "ended"
        if state.ended
        else "paused"
        if live.paused
        else "playing"
        if len(live.connected) == len(table.roles)
        else "waiting"
    )
    return {
        "code": live.code,
        "title": table.title,
        "status": status,
        "note": "",
        "sides": [
            {
                "name": role.name,
                "player": live.seats.get(role_id, ""),
                "connected": role_id in live.connected,
                "here": _here(live, role_id, finished),
            }
            for role_id, role in table.roles.items()
        ],
        "to_move": to_move,
        "step": len(state.path),
        "ending": table.endings[state.scene].title if state.ended else None,
    }


def _here(live: LiveTable, role: str, finished: bool) -> str:
    """Where a side's player is, in the console's words."""
    if role not in live.seats:
        return "open"
    if finished:
        return "finished"  # nothing is left to come back to
    return "connected" if role in live.connected else "waiting for them to come back"


def _at_table(live: LiveTable, role: str) -> str:
    """What a player at a table is doing: the table, their side and its step."""
    table, state = live.table, live.state
    if table is None or state is None:
        return f"Table {live.code} ({live.scenario}): cannot go on"
    where = f"Table {live.code}: {table.title}, as {table.roles[role].name}"
    if state.ended:
        return f"{where}, ended: {table.endings[state.scene].title}"
    if live.closed:
        return f"{where}, closed by the teacher at step {len(state.path) + 1}"
    paused = ", paused" if live.paused else ""
    return f"{where}, step {len(state.path) + 1}{paused}"


def _to_move(live: LiveTable) -> list[str]:
    """The sides still to move at the table's step."""
    from game.engine.table_view import side_view

    assert live.table is not None and live.state is not None
    first = live.table.role_ids[0]
    return list(side_view(live.table, live.state, first).to_move)


def class_state(
    tables: Tables,
    games: Iterable[tuple[str, str]],
    now: ClassNow,
    title: str,
    roster: Iterable[str] = (),
) -> dict[str, Any]:
    """Everything the console shows; `games`: each browser game running, as (profile,
    since when); `roster`: the class's names (listed even before they play)."""
    catalog = tables.catalog
    games = sorted(games, key=lambda g: (g[0].casefold(), g[1]))
    at_tables: dict[str, list[str]] = {}
    playing: dict[str, list[str]] = {}
    """Each player's tables not yet over, then those over (what they are doing)."""
    finished: dict[str, list[str]] = {}
    for live in tables.live.values():
        over = live.state is None or live.state.ended or live.closed
        for role, profile in live.seats.items():
            if role in live.connected:
                at_tables.setdefault(profile.casefold(), []).append(live.code)
            (finished if over else playing).setdefault(profile.casefold(), []).append(
                _at_table(live, role)
            )
    in_browser = {profile.casefold() for profile, _ in games}
    names = {name.casefold(): name for name in roster}
    names |= {name.casefold(): name for name in now.students}
    for profile, _ in games:
        names.setdefault(profile.casefold(), profile or NO_NAME)
    for live in tables.live.values():
        for profile in live.seats.values():
            names.setdefault(profile.casefold(), profile)
    students = []
    for folded, name in sorted(names.items()):
        student = now.students.get(name) or Student(name)
        students.append(
            {
                "name": name,
                "browser": folded in in_browser or (name == NO_NAME and "" in in_browser),
                "tables": sorted(at_tables.get(folded, [])),
                "doing": "; ".join(playing.get(folded, []))
                or _doing(catalog, student.saved)
                or finished.get(folded, [""])[-1],  # the latest table over
                "saved": student.last,
                "endings": [_ending(catalog, s, e) for s, e, _ in student.endings],
                "quizzes": [
                    _quiz(catalog, q, score, total) for q, score, total, _ in student.quizzes
                ],
            }
        )
    return {
        "title": title,
        "problem": now.problem,
        "games": [{"profile": profile or NO_NAME, "since": since} for profile, since in games],
        "students": students,
        # In the order they were opened; the closed ones last.
        "tables": [table_state(t) for t in sorted(tables.live.values(), key=lambda t: t.closed)],
    }


def _doing(catalog: Catalog, saved: Saved | None) -> str:
    """What a student's latest save says they are doing, and where they are in it."""
    if saved is None:
        return ""
    if saved.kind == "quiz":
        quiz = catalog.quizzes.get(saved.item)
        if quiz is None:
            return f"Quiz {saved.item}"
        answered = saved.data.get("questions")
        done = len(answered) if isinstance(answered, list) else 0
        total = len(quiz.questions)
        return f"Quiz: {quiz.title} (question {min(done + 1, total)} of {total})"
    scenario = catalog.scenarios.get(saved.item)
    if scenario is None:
        return f"Scenario {saved.item}"
    path = saved.data.get("path")
    made = len(path) if isinstance(path, list) else 0
    choices = f"{made} choice{'' if made == 1 else 's'} made"
    try:
        state = replay(scenario, path if isinstance(path, list) else [])
        scene = scenario.scenes[state.scene]
    except (ChoiceRefused, ScenarioLoop, KeyError, TypeError, ValueError, IndexError):
        return f"{scenario.title} ({choices}; its file has changed since)"
    where = scene.title or state.scene
    return f"{scenario.title}: {where} ({choices})"


def _ending(catalog: Catalog, scenario_id: str, ending_id: str) -> str:
    scenario = catalog.scenarios.get(scenario_id) or catalog.tables.get(scenario_id)
    if scenario is None:
        return f"{scenario_id}: {ending_id}"
    ending = scenario.endings.get(ending_id)
    return f"{scenario.title}: {ending.title if ending is not None else ending_id}"


def _quiz(catalog: Catalog, quiz_id: str, score: float, total: int) -> str:
    from game.quiz.session import score_text

    quiz = catalog.quizzes.get(quiz_id)
    return f"{quiz.title if quiz is not None else quiz_id}: {score_text(score)} of {total}"


def joint_debrief(tables: Tables, live: LiveTable) -> dict[str, Any] | None:
    """A finished table for the whole class: both sides' paths, each step's moves, why it
    ended there (what both saw, then each side's own why, as that side read it) and each
    side's debrief. For the teacher's screen only; None while the table has not ended."""
    table, state = live.table, live.state
    if table is None or state is None or not state.ended:
        return None
    views = {
        role: build_view(
            table, tables.catalog, state, role, code=live.code, players=live.seats, absent=[]
        ).ending
        for role in table.role_ids
    }
    first = views[table.role_ids[0]]
    assert first is not None
    shared_why = [line.strip() for line in table_why(table, state).lines]
    return {
        "code": live.code,
        "title": table.title,
        "ending": first.title,
        "text": [plain_text(p) for p in first.text],
        "steps": [
            {
                "scene": table.scenes[scene_id].title or f"Step {at}",
                "moves": [
                    {
                        "side": table.roles[role].name,
                        "player": live.seats.get(role, ""),
                        "move": moves_of(table, scene_id, role)[number - 1].text,
                    }
                    for role, number in turn
                ],
            }
            for at, (scene_id, turn) in enumerate(state.path, start=1)
        ],
        "paths": [p.model_dump() for p in first.paths],
        "why": shared_why,
        "sides": [
            {
                "name": table.roles[role].name,
                "player": live.seats.get(role, ""),
                "why": list(ending.why) if ending else [],
                "own": [plain_text(p) for p in (ending.own if ending else [])],
            }
            for role, ending in views.items()
        ],
        "history": plain_text(first.history),
        "sources": first.sources,
    }
