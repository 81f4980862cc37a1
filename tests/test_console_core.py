"""The teacher's console without the network (issue 36): a pause, a resume and a close
kept in the tables' log (a restarted server keeps them), what a student's terminal says
when the teacher pauses the table, and what the console reads from the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tables_net_core import _Queued

from game.content.catalog import Catalog, check
from game.engine import apply_choice, start
from game.net.authority import Refusal, Tables
from game.net.console_state import class_state, joint_debrief
from game.net.protocol import Join, Move
from game.store.class_now import read_class
from game.store.games import save_play
from game.store.opening import open_store
from game.store.table_log import CLOSE, PAUSE, RESUME, TableLog

HERE = Path(__file__).resolve().parent
TOWNS = HERE / "fixtures" / "two-towns.yaml"
BUNDLED = HERE.parent / "scenarios" / "singapore-2018.yaml"
QUIZ = HERE.parent / "quizzes" / "islands.yaml"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return check([TOWNS, BUNDLED, QUIZ])


def seated(tables: Tables) -> tuple[str, object]:
    code = tables.open("two-towns").table
    live, _, _ = tables.join(Join(type="join", table=code, profile="Ann", side="riverton"), "ann")
    tables.join(Join(type="join", table=code, profile="Bob", side="millbrook"), "bob")
    return code, live


def test_a_pause_and_a_close_are_kept_in_the_log_and_refuse_moves(
    catalog: Catalog, tmp_path: Path
) -> None:
    log = tmp_path / "tables.sqlite3"
    tables = Tables(lambda: catalog, TableLog(log))
    code, live = seated(tables)
    other, _ = seated(tables)
    move = Move(type="move", table=code, side="riverton", step=0, number=1)
    tables.teacher(code, PAUSE)
    with pytest.raises(Refusal, match="The teacher has paused this table: wait until they"):
        tables.move(move, live, "riverton")  # type: ignore[arg-type]
    assert all(view.paused for _, view in tables.views(live))  # type: ignore[arg-type]
    tables.teacher(other, CLOSE)
    with pytest.raises(Refusal, match="is closed already"):
        tables.teacher(other, RESUME)
    tables.log.close()
    again = Tables(lambda: catalog, TableLog(log))  # the server restarted
    assert (again.find(code).paused, again.find(other).closed) == (True, True)
    shown = class_state(again, [], read_class(tmp_path), "")["tables"]
    assert [t["status"] for t in shown] == ["paused", "closed"]
    # No one is connected after the restart: the paused table's players may come back;
    # the closed one's are finished, and no one is to move at it.
    assert [s["here"] for t in shown for s in t["sides"]] == [
        "waiting for them to come back",
        "waiting for them to come back",
        "finished",
        "finished",
    ]
    assert shown[0]["to_move"] and shown[1]["to_move"] == []
    again.teacher(code, RESUME)
    live = again.find(code)
    again.move(move, live, "riverton")
    assert live.state is not None and live.state.sealed
    with pytest.raises(Refusal, match=r"The teacher has closed this table: no more moves\."):
        again.move(move.model_copy(update={"table": other}), again.find(other), "riverton")
    with pytest.raises(Refusal, match="not something a teacher does"):
        again.teacher(code, "dance")


async def test_a_students_terminal_says_the_teacher_paused_and_resumed_the_table(
    catalog: Catalog,
) -> None:
    from game.net.client import Seat
    from game.net.plain_join import PlainJoin

    tables = Tables(lambda: catalog, TableLog(None))
    code, live = seated(tables)
    tables.teacher(code, PAUSE)
    paused = [v for who, v in tables.views(live) if who == "ann"]  # type: ignore[arg-type]
    tables.teacher(code, RESUME)
    resumed = [v for who, v in tables.views(live) if who == "ann"]  # type: ignore[arg-type]
    asked: list[str] = []
    said: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        raise EOFError

    game = PlainJoin(
        _Queued(tables, live, [*paused, *resumed]), Seat(code, "Ann"), ask, said.append
    )  # type: ignore[arg-type]
    await game.play()
    text = "\n".join(said)
    assert "Paused by the teacher: wait until they resume the table…" in text
    assert text.index("Paused by the teacher") < text.index("The teacher has resumed the table.")
    assert "== The town hall ==" in text  # joined while paused: the scene was still shown
    assert asked == ["Riverton's council, choose 1-2: "]  # asked only once resumed


def test_the_console_reads_each_students_place_endings_and_quiz_scores(
    catalog: Catalog, tmp_path: Path
) -> None:
    scenario = catalog.scenarios["singapore-2018"]
    store = open_store(tmp_path)
    ann = store.profile("Ann")
    state = start(scenario)
    for _ in range(2):
        state = apply_choice(scenario, state, 1)
        save_play(store, ann, scenario.id, state)  # as the game does after every choice
    store.record_quiz_run(store.profile("<b>Eve</b>"), "islands", 3.5, 6)
    store.close()
    tables = Tables(lambda: catalog, TableLog(None))
    code, live = seated(tables)
    for role, number in (("riverton", 1), ("millbrook", 1), ("millbrook", 1), ("riverton", 2)):
        step = len(live.state.path)  # type: ignore[attr-defined]
        tables.move(Move(type="move", table=code, side=role, step=step, number=number), live, role)  # type: ignore[arg-type]
    shown = class_state(tables, [("Ann", "2026-01-01T09:00:00+00:00")], read_class(tmp_path), "")
    students = {s["name"]: s for s in shown["students"]}
    scene = scenario.scenes[state.scene].title or state.scene
    assert students["Ann"]["doing"] == f"{scenario.title}: {scene} (2 choices made)"
    assert students["Ann"]["browser"] and students["Ann"]["saved"]
    assert students["<b>Eve</b>"]["quizzes"] == [f"{catalog.quizzes['islands'].title}: 3.5 of 6"]
    assert students["Bob"]["tables"] == [code] and not students["Bob"]["browser"]
    (table,) = shown["tables"]
    assert (table["status"], table["ending"], table["to_move"]) == ("ended", "No deal", [])
    debrief = joint_debrief(tables, live)  # type: ignore[arg-type]
    assert debrief is not None
    assert [(p["name"], p["player"], p["moves"]) for p in debrief["paths"]] == [
        ("Riverton's council", "Ann", ["Ask for a high toll", "Insist on your toll"]),
        (
            "Millbrook's council",
            "Bob",
            ["Offer to share the cost of repairs", "Propose a toll for carts only"],
        ),
    ]
    assert [(step["scene"], len(step["moves"])) for step in debrief["steps"]] == [
        ("The town hall", 2),
        ("After lunch", 1),
        ("Step 3", 1),  # a scene without a title
    ]
    assert debrief["why"][0] == "At “The town hall”, the table went to “After lunch” because:"
    decided = "Decided by the moves of Riverton's council and Millbrook's council."
    assert debrief["why"][-1] == decided
    riverton, millbrook = debrief["sides"]
    assert riverton["own"] == ["The bridge stays closed for repairs you cannot pay for."]
    # each side's own why as that side read it, its private causes too: the teacher sees both
    assert (
        "You chose “Insist on your toll”, and the table went to “No deal” because:"
        in (riverton["why"])
    )
    assert millbrook["own"] == ["Your traders take the long road round."]
    assert any("“your council is ready to walk out” did not happen" in w for w in millbrook["why"])
    assert not any("walk out" in line for line in riverton["why"] + debrief["why"])


def test_a_tampered_or_broken_progress_file_is_read_without_a_crash(
    catalog: Catalog, tmp_path: Path
) -> None:
    import sqlite3

    store = open_store(tmp_path)
    ann = store.profile("Ann")
    store.save(ann, "scenario", "singapore-2018", {"path": [["nowhere", 9]]})
    store.close()
    raw = sqlite3.connect(tmp_path / "progress.sqlite3")
    with raw:
        raw.execute("INSERT INTO profiles (name, created) VALUES ('Zed\x1b[31m', 'x')")
        zed = raw.execute("SELECT max(id) FROM profiles").fetchone()[0]
        raw.execute("INSERT INTO saves VALUES (?, 'quiz', 'islands', 'not json', 'x')", (zed,))
        raw.execute(
            "INSERT INTO quiz_runs (profile_id, quiz, score, total, finished, uid) "
            "VALUES (?, 'islands', 'lots', 6, 'x', 'u1')",
            (zed,),
        )
    raw.close()
    tables = Tables(lambda: catalog, TableLog(None))
    shown = class_state(tables, [], read_class(tmp_path), "")
    students = {s["name"]: s for s in shown["students"]}
    assert set(students) == {"Ann", "Zed [31m"}  # the escape made harmless
    assert students["Ann"]["doing"].endswith("(1 choice made; its file has changed since)")
    assert (students["Zed [31m"]["doing"], students["Zed [31m"]["quizzes"]) == ("", [])
    (tmp_path / "progress.sqlite3").write_bytes(b"not a database at all")
    broken = read_class(tmp_path)
    assert broken.students == {} and "cannot be read" in (broken.problem or "")
