"""The gradebook (`treaty report --gradebook`): a class's data folders made by playing and
answering, read back from the CSV file as a teacher's spreadsheet (or LMS) would, and the
path each student took, in the attempt CSV."""

import contextlib
import csv
import io
import re
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from game.cli import main
from game.content.catalog import check
from game.content.paths import bundled_root
from game.quiz import QuizProgress, grade
from game.store.games import save_play, save_quiz
from game.store.gradebook import IDENTITY_COLUMNS, grade_text, percent, write_gradebook
from game.store.gradebook import gradebook as make_gradebook
from game.store.names import profile_name
from game.store.progress import DB_NAME, open_store
from game.store.report import Attempt, QuizRun, Report
from game.store.report_out import write_csv
from helpers import the_right_answer

CATALOG = check([bundled_root()])
QUIZ = CATALOG.quizzes["reading-sources"]
SCENARIO = CATALOG.scenarios["singapore-2018"]
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HOSTILE = "=cmd|' /C calc'!A0"
COMMAS = 'Smith, "Jo" Ann'
NEWLINE = "Line\nBreak"  # kept as "Line Break": the store never keeps a line break
UNICODE = "さくら Ōta"

QUIZ_HEADER = f"{QUIZ.title} (%)"
ENDINGS = f"{SCENARIO.title}: endings found (of {len(SCENARIO.endings)})"
HISTORICAL_COUNT = sum(1 for e in SCENARIO.endings.values() if e.kind == "historical")
HISTORICAL = f"{SCENARIO.title}: historical endings found (of {HISTORICAL_COUNT})"

# Always the first choice ends historically; always the second, counterfactually.
FIRST_ENDING, SECOND_ENDING = "faster-talks-no-treaty", "four-islands-first"


def play_plain(folder: Path, name: str, choice: int, monkeypatch: pytest.MonkeyPatch) -> str:
    """`treaty play singapore-2018 --plain` as a student types it, always the same choice
    number, to an ending; what the game printed."""
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{choice}\n" * 40))
    argv = ["play", SCENARIO.id, "--plain", "--profile", name, "--data-dir", str(folder)]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(argv) == 0
    return printed.getvalue()


def take_quiz(folder: Path, name: str, wrong: set[int], when: datetime) -> float:
    """The quiz answered to the end, the questions numbered in `wrong` (from 0) answered
    wrongly; the score the student is told at the end."""
    store = open_store(folder)
    profile = store.profile(name)
    progress = QuizProgress(QUIZ, 1)
    for i in range(len(QUIZ.questions)):
        question = progress.question
        answer = "nope" if i in wrong else the_right_answer(question)
        progress = progress.answered(grade(question, answer))
        save_quiz(store, profile, progress, question.id, answer, 3.0, now=when)
    store.close()
    return progress.score


def start_quiz(folder: Path, name: str) -> None:
    """Two questions answered, and the quiz left there."""
    store = open_store(folder)
    profile = store.profile(name)
    progress = QuizProgress(QUIZ, 1)
    for _ in range(2):
        question = progress.question
        progress = progress.answered(grade(question, the_right_answer(question)))
        save_quiz(store, profile, progress, question.id, the_right_answer(question), 2.0)
    store.close()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def safe(name: str) -> str:
    """A name as the CSV holds it: as the store keeps it, a formula-like start neutralised."""
    kept = profile_name(name) or "default"
    return "'" + kept if kept.startswith(FORMULA_STARTS) else kept


@pytest.fixture(scope="module")
def _classroom_made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The classroom, made once for the tests of this file (each test gets a copy)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        return _make_classroom(tmp_path_factory.mktemp("classroom"), monkeypatch)


@pytest.fixture
def classroom(_classroom_made: dict[str, object], tmp_path: Path) -> dict[str, object]:
    """Two classroom machines' folders: students played and answered on each."""
    made = _classroom_made["folders"]
    assert isinstance(made, tuple)
    folders = tuple(Path(shutil.copytree(folder, tmp_path / folder.name)) for folder in made)
    return {**_classroom_made, "folders": folders}


def _make_classroom(folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    pc1, pc2 = folder / "pc-1", folder / "pc-2"
    n = len(QUIZ.questions)
    scores: dict[str, object] = {"n": n}
    # Anna: two finished quizzes on pc-1 (3 wrong, then all right), one more on pc-2 on
    # Tuesday (1 wrong): best 100, latest the Tuesday one. She played both endings.
    scores["anna"] = [
        take_quiz(pc1, "Anna", {0, 1, 2}, MONDAY),
        take_quiz(pc1, "Anna", set(), MONDAY + timedelta(hours=1)),
        take_quiz(pc2, "Anna", {4}, MONDAY + timedelta(days=1)),
    ]
    scores["first_play"] = play_plain(pc1, "Anna", 1, monkeypatch)
    play_plain(pc2, "Anna", 2, monkeypatch)
    # The hostile name played once, counterfactually, and finished the quiz half wrong.
    play_plain(pc1, HOSTILE, 2, monkeypatch)
    scores["hostile"] = take_quiz(pc1, HOSTILE, {0, 2, 4, 6}, MONDAY)
    # Commas and quotes: only started the quiz. Unicode: only played. The line break:
    # played the historical ending twice.
    start_quiz(pc2, COMMAS)
    play_plain(pc2, UNICODE, 1, monkeypatch)
    play_plain(pc2, NEWLINE, 1, monkeypatch)
    play_plain(pc2, NEWLINE, 1, monkeypatch)
    # A teacher's preview of the scenario on pc-1: never in the gradebook.
    store = open_store(pc1)
    store.previewing = True
    teacher = store.profile("Ms Sato")
    from game.engine import apply_choice, start

    state = start(SCENARIO)
    while not state.ended:
        state = apply_choice(SCENARIO, state, 1)
        save_play(store, teacher, SCENARIO.id, state)
    store.close()
    scores["folders"] = (pc1, pc2)
    return scores


def report_args(folders: tuple[Path, Path], *more: str) -> list[str]:
    return ["report", "--gradebook", *(a for f in folders for a in ("--data-dir", str(f))), *more]


def test_the_gradebook_csv_gives_the_grades_a_teacher_grades_by(
    classroom: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folders = classroom["folders"]
    assert isinstance(folders, tuple)
    out = tmp_path / "grades.csv"
    assert main(report_args(folders, "--csv", str(out))) == 0
    assert capsys.readouterr().out == f"Wrote the grades of 5 students to {out}.\n"
    with out.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header == [*IDENTITY_COLUMNS, QUIZ_HEADER, ENDINGS, HISTORICAL]
    rows = {r["Student"]: r for r in read_csv(out)}
    # One row per student, the teacher's preview left out; names as typed, made safe.
    assert sorted(rows) == sorted(safe(n) for n in ("Anna", HOSTILE, COMMAS, UNICODE, NEWLINE))
    assert "'=cmd|' /C calc'!A0" in rows and "Line Break" in rows
    for name, row in rows.items():
        assert row["SIS Login ID"] == name  # Canvas matches on it, or on the name
        assert row["ID"] == row["SIS User ID"] == row["Section"] == ""
    n = classroom["n"]
    assert isinstance(n, int)
    anna = rows["Anna"]
    assert anna[QUIZ_HEADER] == "100"  # her best of three
    assert anna[ENDINGS] == "2" and anna[HISTORICAL] == "1"
    hostile_score = classroom["hostile"]
    assert isinstance(hostile_score, float)
    hostile = rows["'" + HOSTILE]
    assert float(hostile[QUIZ_HEADER]) == pytest.approx(100 * hostile_score / n, abs=0.05)
    assert hostile[ENDINGS] == "1" and hostile[HISTORICAL] == "0"
    # Started, not finished: nothing to grade yet; no play: empty too (not 0).
    assert rows[COMMAS][QUIZ_HEADER] == "" and rows[COMMAS][ENDINGS] == ""
    assert rows[UNICODE][QUIZ_HEADER] == "" and rows[UNICODE][ENDINGS] == "1"
    assert rows["Line Break"][ENDINGS] == "1" and rows["Line Break"][HISTORICAL] == "1"
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith(FORMULA_STARTS), row


def test_latest_grades_each_quiz_by_the_last_finished_attempt(
    classroom: dict[str, object], tmp_path: Path
) -> None:
    folders = classroom["folders"]
    assert isinstance(folders, tuple)
    out = tmp_path / "latest.csv"
    assert main(report_args(folders, "--latest", "--csv", str(out))) == 0
    anna = next(r for r in read_csv(out) if r["Student"] == "Anna")
    scores = classroom["anna"]
    assert isinstance(scores, list)
    tuesday = percent(scores[2], len(QUIZ.questions))
    assert anna[QUIZ_HEADER] == grade_text(tuesday) != "100"
    assert float(anna[QUIZ_HEADER]) == pytest.approx(100 * scores[2] / len(QUIZ.questions), 0.01)


def test_one_machine_alone_and_merged_folders_counted_once(
    classroom: dict[str, object], tmp_path: Path
) -> None:
    pc1, pc2 = classroom["folders"]  # type: ignore[misc]
    copy = tmp_path / "usb-copy-of-pc-2"
    shutil.copytree(pc2, copy)
    out = tmp_path / "merged.csv"
    assert main(report_args((pc1, pc2), "--data-dir", str(copy), "--csv", str(out))) == 0
    rows = {r["Student"]: r for r in read_csv(out)}
    assert rows["Line Break"][ENDINGS] == "1"  # two plays, one ending, never doubled
    alone = tmp_path / "pc1.csv"
    assert main(["report", "--gradebook", "--data-dir", str(pc1), "--csv", str(alone)]) == 0
    assert {r["Student"] for r in read_csv(alone)} == {"Anna", "'" + HOSTILE}
    anna = next(r for r in read_csv(alone) if r["Student"] == "Anna")
    assert anna[ENDINGS] == "1" and anna[HISTORICAL] == "1"  # only pc-1's play


def test_the_table_fits_80_columns_and_says_how_to_get_the_csv(
    classroom: dict[str, object],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    folders = classroom["folders"]
    assert isinstance(folders, tuple)
    assert main(report_args(folders)) == 0
    shown = capsys.readouterr().out
    assert max(len(line) for line in shown.splitlines()) <= 80
    assert "add --csv FILE" in shown
    for expected in ("Anna", "Line Break", "さくら Ōta", "100%", "not finished"):
        assert expected in shown
    assert "Ms Sato" not in shown  # the teacher's preview is left out
    assert "2 of 9 endings found" in " ".join(shown.split())


def test_latest_alone_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--latest"]) == 2
    assert "--latest goes with --gradebook" in capsys.readouterr().err


def test_the_attempt_csv_shows_the_path_each_student_took(
    classroom: dict[str, object], tmp_path: Path
) -> None:
    pc1, _ = classroom["folders"]  # type: ignore[misc]
    out = tmp_path / "attempts.csv"
    assert main(["report", "--data-dir", str(pc1), "--csv", str(out)]) == 0
    plays = [r for r in read_csv(out) if r["kind"] == "scenario"]
    assert {r["profile"] for r in plays} == {"Anna", "'" + HOSTILE}  # no preview
    anna = next(r for r in plays if r["profile"] == "Anna")
    steps = anna["path"].split(" | ")
    opening = SCENARIO.scenes[SCENARIO.start]
    assert opening.choices is not None
    assert steps[0] == f"{opening.title}: {opening.choices[0].text}"
    # Every choice the student saw on screen, in order, and nothing else.
    printed = classroom["first_play"]
    assert isinstance(printed, str)
    for step in steps:
        _, _, choice = step.partition(": ")
        assert " ".join(choice.split()) in " ".join(printed.split())
    assert anna["item"] == FIRST_ENDING
    assert all(r["path"] == "" for r in read_csv(out) if r["kind"] == "quiz")


def test_a_path_the_scenario_no_longer_has_is_shown_by_its_numbers(tmp_path: Path) -> None:
    store = open_store(tmp_path / "pc")
    anna = store.profile("Anna")
    store.record_run(anna, SCENARIO.id, [("gone-scene", 2)], {}, FIRST_ENDING)
    store.record_run(anna, "deleted-scenario", [("opening", 1)], {}, "somewhere")
    store.close()
    out = tmp_path / "a.csv"
    assert main(["report", "--data-dir", str(tmp_path / "pc"), "--csv", str(out)]) == 0
    assert {r["path"] for r in read_csv(out)} == {"gone-scene: choice 2", "opening: choice 1"}


def test_a_tampered_path_leaves_the_folder_out_with_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(tmp_path / "pc")
    store.record_run(store.profile("Anna"), SCENARIO.id, [("x", 1)], {}, FIRST_ENDING)
    store.close()
    connection = sqlite3.connect(tmp_path / "pc" / DB_NAME)
    connection.execute("""UPDATE runs SET path = '[["x", "one"]]'""")
    connection.commit()
    connection.close()
    assert main(["report", "--gradebook", "--data-dir", str(tmp_path / "pc")]) == 1
    captured = capsys.readouterr()
    assert f"{tmp_path / 'pc' / DB_NAME}: has been changed by hand or damaged (runs: path is " in (
        captured.err
    )
    assert "not the list of choices the game writes); left out" in captured.err
    assert captured.out.startswith("No attempts yet in ")


@given(names=st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=4))
@example(names=[HOSTILE, "+1", "-2", "@SUM(A1)", "\tx", "\rx", "a,b", 'say "hi"', "x\ny"])
def test_no_cell_of_either_csv_starts_like_a_formula(names: list[str]) -> None:
    kept = [profile_name(n) or "(no name)" for n in names]
    attempts = [
        Attempt(f"id-{i}", name, "scenario", SCENARIO.id, FIRST_ENDING, "x", None, None, "", "t")
        for i, name in enumerate(kept)
    ]
    runs = [QuizRun(f"q-{i}", name, QUIZ.id, 4.0, 9, "t") for i, name in enumerate(kept)]
    report = Report(attempts, runs, [])
    book = make_gradebook(report, CATALOG.scenarios, CATALOG.quizzes)
    for write in (lambda out: write_gradebook(book, out), lambda out: write_csv(attempts, out)):
        buffer = io.StringIO(newline="")
        write(buffer)
        buffer.seek(0)
        rows = list(csv.reader(buffer))
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), row
    gradebook_rows = list(csv.DictReader(io.StringIO(_written(book), newline="")))
    assert sorted(r["Student"] for r in gradebook_rows) == sorted(
        {"'" + k if k.startswith(FORMULA_STARTS) else k for k in kept}
    )
    assert {r[QUIZ_HEADER] for r in gradebook_rows} == {"44.4"}  # 4 of 9


def _written(book: object) -> str:
    buffer = io.StringIO(newline="")
    write_gradebook(book, buffer)  # type: ignore[arg-type]
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("score", "total", "shown"),
    [(2, 3, "66.7"), (1, 8, "12.5"), (9, 9, "100"), (0, 5, "0"), (0.5, 3, "16.7"), (1, 6, "16.7")],
)
def test_percentages_are_whole_or_one_decimal(score: float, total: int, shown: str) -> None:
    assert grade_text(percent(score, total)) == shown


def guide_block(starting: str) -> str:
    """The block of AUTHORING.md's gradebook section that starts with `starting`."""
    guide = (Path(__file__).parent.parent / "AUTHORING.md").read_text(encoding="utf-8")
    section = guide[guide.index("### The gradebook") :]
    start = section.index("```\n" + starting) + 4
    return section[start : section.index("\n```", start)] + "\n"


def test_the_guide_shows_the_gradebook_as_the_game_writes_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The class the guide describes, played and answered; its table and CSV, as shown."""
    pc = tmp_path / "pc-1"
    assert take_quiz(pc, "Anna", {0, 1, 2}, MONDAY) == 6
    assert take_quiz(pc, "Anna", set(), MONDAY + timedelta(hours=1)) == 9
    play_plain(pc, "Anna", 1, monkeypatch)
    play_plain(pc, "Anna", 2, monkeypatch)
    assert take_quiz(pc, "Ben", {3}, MONDAY) == 8
    play_plain(pc, "Ben", 2, monkeypatch)
    store = open_store(pc)
    chloe = store.profile("Chloe")
    progress = QuizProgress(QUIZ, 1)
    question = progress.question
    progress = progress.answered(grade(question, the_right_answer(question)))
    save_quiz(store, chloe, progress, question.id, the_right_answer(question), 4.0)
    store.close()
    play_plain(pc, "Chloe", 1, monkeypatch)
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["report", "--gradebook", "--data-dir", str(pc)]) == 0
    assert capsys.readouterr().out == guide_block("Treaty Talks gradebook")
    out = tmp_path / "grades.csv"
    assert main(["report", "--gradebook", "--data-dir", str(pc), "--csv", str(out)]) == 0
    assert out.read_text(encoding="utf-8").replace("\r\n", "\n") == guide_block("Student,ID")


@pytest.mark.parametrize("score", ["1e999", "-1", "10", "'nine'"])
def test_a_tampered_quiz_score_leaves_the_folder_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], score: str
) -> None:
    pc = tmp_path / "pc"
    take_quiz(pc, "Anna", set(), MONDAY)
    connection = sqlite3.connect(pc / DB_NAME)
    connection.execute(f"UPDATE quiz_runs SET score = {score}")
    connection.commit()
    connection.close()
    assert main(["report", "--gradebook", "--data-dir", str(pc)]) == 1
    err = capsys.readouterr().err
    assert f"{pc / DB_NAME}: has been changed by hand or damaged (quiz_runs: score is " in err
    assert err.endswith("; left out\n")


def test_include_previews_puts_the_teachers_games_in_the_gradebook(
    classroom: dict[str, object], tmp_path: Path
) -> None:
    folders = classroom["folders"]
    assert isinstance(folders, tuple)
    out = tmp_path / "with-previews.csv"
    assert main(report_args(folders, "--include-previews", "--csv", str(out))) == 0
    teacher = next(r for r in read_csv(out) if r["Student"] == "Ms Sato")
    assert teacher[ENDINGS] == "1" and teacher[QUIZ_HEADER] == ""


finished_runs = st.lists(
    st.tuples(st.integers(0, 9), st.integers(1, 9)).map(lambda t: (min(t), t[1])),
    min_size=1,
    max_size=6,
)


@given(runs=finished_runs, latest=st.booleans())
def test_a_quiz_is_graded_by_its_best_or_latest_finished_attempt(
    runs: list[tuple[int, int]], latest: bool
) -> None:
    quiz_runs = [
        QuizRun(f"r{i}", "Anna", QUIZ.id, float(score), total, f"2026-03-02T09:{i:02d}:00+00:00")
        for i, (score, total) in enumerate(runs)
    ]
    book = make_gradebook(Report([], quiz_runs, []), {}, CATALOG.quizzes, latest=latest)
    [row] = book.rows
    [cell] = row.grades
    fractions = [score / total for score, total in runs]
    expected = fractions[-1] if latest else max(fractions)
    assert cell is not None and 0 <= cell <= 100
    assert cell == pytest.approx(100 * expected, abs=0.05)
    shown = grade_text(cell)  # a whole number, or one decimal
    assert re.fullmatch(r"\d+(\.\d)?", shown) and not shown.endswith(".0"), shown


def test_the_gradebook_gives_the_score_the_student_was_told_in_plain_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`treaty quiz --plain` typed through, twice: the gradebook's percentage is the better
    score the game told the student ("Score: 4 of 9"), and --latest the last one."""
    pc = tmp_path / "pc"
    told = []
    for seed in ("8", "3"):
        # A number for a choice, pairs for a match: the form that does not fit asks again.
        monkeypatch.setattr("sys.stdin", io.StringIO("1\n1a 2b 3c\n" * 30))
        argv = ["quiz", QUIZ.id, "--plain", "--seed", seed, "--profile", COMMAS]
        assert main([*argv, "--data-dir", str(pc)]) == 0
        found = re.search(r"^Score: (\d+(?:\.\d)?) of (\d+)$", capsys.readouterr().out, re.M)
        assert found is not None
        told.append(float(found[1]))  # to one decimal, as the game says it
    assert told[0] > told[1]  # the better score first: best and latest differ
    n = len(QUIZ.questions)
    for more, expected in (((), max(told)), (("--latest",), told[-1])):
        out = tmp_path / f"grades{len(more)}.csv"
        argv = ["report", "--gradebook", *more, "--data-dir", str(pc), "--csv", str(out)]
        assert main(argv) == 0
        [row] = read_csv(out)
        assert row["Student"] == COMMAS
        assert round(float(row[QUIZ_HEADER]) * n / 100, 1) == expected
