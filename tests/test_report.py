"""The teacher's report: the summary table, the CSV read back, and merging the data
folders copied from several classroom machines."""

import csv
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from game.cli import main
from game.content.catalog import check
from game.content.paths import bundled_root
from game.engine import apply_choice, available_choices, start
from game.quiz import QuizProgress, grade
from game.store.games import save_play, save_quiz
from game.store.progress import DB_NAME, open_store
from helpers import the_right_answer

CATALOG = check([bundled_root()])
QUIZ = CATALOG.quizzes["treaties"]
SCENARIO = CATALOG.scenarios["singapore-2018"]
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def classroom_machine(folder: Path, students: dict[str, int], when: datetime) -> None:
    """Each student answers the first `n` questions of a quiz (every other one right) and
    plays the scenario once to an ending."""
    store = open_store(folder)
    for name, n in students.items():
        profile = store.profile(name)
        progress = QuizProgress(QUIZ, 1)
        for i in range(n):
            question = progress.question
            answer = the_right_answer(question) if i % 2 == 0 else "nope"
            progress = progress.answered(grade(question, answer))
            at = when + timedelta(minutes=i)
            save_quiz(store, profile, progress, question.id, answer, 4.5, now=at)
        state = start(SCENARIO)
        while not state.ended:
            number = next(c.number for c in available_choices(SCENARIO, state) if c.enabled)
            state = apply_choice(SCENARIO, state, number)
            save_play(store, profile, SCENARIO.id, state)
    store.close()


@pytest.fixture(scope="module")
def _machines_made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The two machines, made once for the tests of this file (each test gets a copy)."""
    made = tmp_path_factory.mktemp("machines")
    first, second = made / "room-12-pc-1", made / "room-12-pc-2"
    classroom_machine(first, {"Anna": 3, "さくら": 2}, MONDAY)
    # Anna also sat at the second machine on Tuesday; Ben only there.
    classroom_machine(second, {"Anna": 1, "Ben": 4}, MONDAY + timedelta(days=1))
    return first, second


@pytest.fixture
def machines(_machines_made: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    first, second = (Path(shutil.copytree(m, tmp_path / m.name)) for m in _machines_made)
    return first, second


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_csv_read_back_matches_the_records(machines: tuple[Path, Path], tmp_path: Path) -> None:
    first, _ = machines
    out = tmp_path / "class.csv"
    assert main(["report", "--data-dir", str(first), "--csv", str(out)]) == 0
    rows = read_csv(out)
    store = open_store(first)
    answers = {name: store.answers(store.profile(name)) for name in ("Anna", "さくら")}
    quiz_rows = [r for r in rows if r["kind"] == "quiz"]
    assert len(quiz_rows) == sum(len(a) for a in answers.values()) == 5
    for name, recorded in answers.items():
        mine = [r for r in quiz_rows if r["profile"] == name]
        assert [(r["module_or_scenario"], r["item"]) for r in mine] == [
            (quiz, question) for quiz, question, _, _ in recorded
        ]
        for row, (_, _, right, score) in zip(mine, recorded, strict=True):
            assert row["result"] == ("right" if right else "partly right" if score else "wrong")
            assert float(row["partial_credit"]) == score
            assert float(row["seconds"]) == 4.5
            assert datetime.fromisoformat(row["when"]).tzinfo is not None  # ISO 8601, UTC
    plays = [r for r in rows if r["kind"] == "scenario"]
    assert {r["profile"] for r in plays} == {"Anna", "さくら"}
    for row in plays:
        ending = SCENARIO.endings[row["item"]]
        assert row["result"] == f"{ending.kind} ending"
        assert row["partial_credit"] == "" and row["seconds"] == ""
    assert out.read_bytes().startswith(b"profile,kind,module_or_scenario,item,result,")


def test_merging_folders_counts_each_attempt_once(
    machines: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal: one line a row
    first, second = machines
    copy = tmp_path / "usb-stick-copy-of-pc-1"
    shutil.copytree(first, copy)  # the same machine's folder, copied twice
    out = tmp_path / "merged.csv"
    given = [first, second, copy]
    argv = ["report", "--csv", str(out)] + [a for d in given for a in ("--data-dir", str(d))]
    assert main(argv) == 0
    rows = read_csv(out)
    # 3 + 2 + 1 + 4 answers, and one playthrough each for four sittings.
    assert len([r for r in rows if r["kind"] == "quiz"]) == 10
    assert len([r for r in rows if r["kind"] == "scenario"]) == 4
    assert len({r["attempt_id"] for r in rows}) == len(rows)
    anna = [r for r in rows if r["profile"] == "Anna" and r["kind"] == "quiz"]
    assert len(anna) == 4  # her Monday and Tuesday answers, under one name
    # The folders are read, never changed.
    assert (first / DB_NAME).read_bytes() == (copy / DB_NAME).read_bytes()

    capsys.readouterr()
    assert main(["report"] + [a for d in given for a in ("--data-dir", str(d))]) == 0
    table = capsys.readouterr().out
    for expected in ("Anna", "Ben", "さくら", "Singapore, November 2018", QUIZ.title):
        assert expected in table
    # Anna: right, wrong, right on Monday; right on Tuesday. Ben: right, wrong, right, wrong.
    assert "3 of 4 answers right" in table and "2 of 4 answers right" in table


def test_a_folder_that_cannot_be_read_is_named_and_the_rest_reported(
    machines: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _ = machines
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / DB_NAME).write_bytes(b"not a database at all" * 100)
    empty = tmp_path / "empty"
    empty.mkdir()
    argv = ["report", "--data-dir", str(broken), "--data-dir", str(empty), "--data-dir"]
    assert main([*argv, str(first)]) == 0
    captured = capsys.readouterr()
    assert f"{broken / DB_NAME}: cannot be read (file is not a database); left out" in captured.err
    assert f"{empty}: no progress file (progress.sqlite3) in this folder" in captured.err
    assert "Anna" in captured.out
    assert (broken / DB_NAME).read_bytes().startswith(b"not a database")  # kept as it was


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_report_reads_folders_without_changing_them(
    machines: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = machines
    # The second machine's folder copied while its game was still open: a -wal beside it.
    live = open_store(second)
    live.record_answer(live.profile("Ben"), QUIZ.id, "late-answer", "1951", True, 1.0, 3.0)
    copied = tmp_path / "copied-while-open"
    shutil.copytree(second, copied)
    live.close()
    assert (copied / f"{DB_NAME}-wal").is_file()
    before = snapshot(tmp_path)
    out = tmp_path / "out" / "class.csv"
    out.parent.mkdir()
    argv = ["report", "--data-dir", str(first), "--data-dir", str(copied), "--csv", str(out)]
    assert main(argv) == 0
    assert snapshot(tmp_path) == {**before, "out/class.csv": out.read_bytes()}  # nothing else
    items = [r["item"] for r in read_csv(out)]
    assert "late-answer" in items  # what was only in the -wal is read too


@pytest.mark.parametrize("name", ["room #12", "100% done", "a?b#c%20d"])
def test_a_folder_whose_name_holds_hash_or_percent_is_read(
    machines: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    first, _ = machines
    odd = tmp_path / name
    shutil.copytree(first, odd)
    before = snapshot(tmp_path)
    assert main(["report", "--data-dir", str(odd)]) == 0
    captured = capsys.readouterr()
    assert "Anna" in captured.out and "No attempts yet" not in captured.out
    assert captured.err == ""
    assert snapshot(tmp_path) == before  # no stray file, here or beside it


def test_the_csv_never_overwrites_a_file_unless_forced(
    machines: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first, _ = machines
    database = first / DB_NAME
    kept = database.read_bytes()
    assert main(["report", "--data-dir", str(first), "--csv", str(database)]) == 2
    assert capsys.readouterr().err == (
        f"treaty: {database} already exists; nothing was written. Choose another file name, "
        "or add --force to replace it.\n"
    )
    assert database.read_bytes() == kept  # the class's progress is still there
    out = first.parent / "class.csv"
    out.write_text("last week's report")
    assert main(["report", "--data-dir", str(first), "--csv", str(out), "--force"]) == 0
    assert len(read_csv(out)) == 7  # 5 answers and 2 playthroughs


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        ("UPDATE answers SET score = 'ten out of ten'", "answers: score is not a number"),
        ("UPDATE profiles SET name = x'beef' WHERE name = 'Ben'", "profiles: name is not text"),
        ("UPDATE answers SET seconds = 'slow'", "answers: seconds is not a number"),
        ("UPDATE runs SET ending = x'00'", "runs: ending is not text"),
        ("UPDATE answers SET right = 'yes'", "answers: right is not 0 or 1"),
    ],
)
def test_a_tampered_folder_is_named_and_left_out_and_the_class_reported(
    machines: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    tamper: str,
    reason: str,
) -> None:
    first, second = machines
    connection = sqlite3.connect(second / DB_NAME)
    connection.execute(tamper)
    connection.commit()
    connection.close()
    out = tmp_path / "class.csv"
    argv = ["report", "--data-dir", str(first), "--data-dir", str(second), "--csv", str(out)]
    assert main(argv) == 0
    assert capsys.readouterr().err == (
        f"treaty: {second / DB_NAME}: has been changed by hand or damaged ({reason}); left out\n"
    )
    assert {r["profile"] for r in read_csv(out)} == {"Anna", "さくら"}  # the first machine's
    capsys.readouterr()
    assert main(["report", "--data-dir", str(first), "--data-dir", str(second)]) == 0
    assert "Anna" in capsys.readouterr().out


def test_a_folder_from_a_newer_game_is_named_and_left_out(
    machines: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = machines
    connection = sqlite3.connect(second / DB_NAME)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    assert main(["report", "--data-dir", str(first), "--data-dir", str(second)]) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        f"treaty: {second / DB_NAME}: saved by a newer version of the game; update Treaty "
        "Talks to include it; left out\n"
    )
    assert "Anna" in captured.out


@pytest.mark.parametrize(
    "typed", ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
)
def test_csv_cells_a_spreadsheet_would_run_are_neutralised(tmp_path: Path, typed: str) -> None:
    store = open_store(tmp_path / "pc")
    for name in (typed, "Anna"):
        profile = store.profile(name)
        store.record_answer(profile, "treaties", "q1", typed, False, 0.25, 2.5)
        store.record_answer(profile, "treaties", "q2", "-1", True, 1.0, 12.0)
    store.close()
    out = tmp_path / "class.csv"
    assert main(["report", "--data-dir", str(tmp_path / "pc"), "--csv", str(out)]) == 0
    rows = read_csv(out)
    assert len(rows) == 4
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
        assert float(row["partial_credit"]) in (0.25, 1.0)  # numbers stay numbers
        assert float(row["seconds"]) in (2.5, 12.0)
    # A name never keeps a tab or a line break (the store cleans names); typed answers may.
    name = typed.strip()
    assert {r["profile"] for r in rows} == {name if name[0].isalpha() else "'" + name, "Anna"}
    assert {r["answer"] for r in rows} == {"'" + typed, "'-1"}


def test_a_wal_from_another_folder_is_named_and_not_read(
    machines: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = machines
    live = open_store(second)  # open: its -wal holds what it writes
    live.record_answer(live.profile("Ben"), QUIZ.id, "late-answer", "1951", True, 1.0, 3.0)
    wal = first / f"{DB_NAME}-wal"
    wal.write_bytes((second / f"{DB_NAME}-wal").read_bytes())  # copied into the wrong folder
    live.close()
    out = tmp_path / "class.csv"
    assert main(["report", "--data-dir", str(first), "--csv", str(out)]) == 0
    said = capsys.readouterr().err
    # Every write counts itself beside the file's id, so the -wal holds the other file's id.
    assert said == (
        f"treaty: {wal}: not used (it belongs to another progress file); the progress file "
        "was read without it\n"
    )
    rows = read_csv(out)
    assert {r["profile"] for r in rows} == {"Anna", "さくら"} and len(rows) == 7
    assert wal.is_file()  # the folder itself is left as it was


def test_a_teachers_preview_is_left_out_of_the_report_unless_asked(tmp_path: Path) -> None:
    store = open_store(tmp_path / "pc")
    anna = store.profile("Anna")
    store.record_run(anna, "singapore-2018", [("opening", 1)], {"trust": 50}, "talks-stall")
    store.previewing = True  # `treaty play FILE --watch`
    teacher = store.profile("Ms Sato")
    store.record_run(teacher, "my-draft", [("opening", 2)], {"trust": 40}, "talks-stall")
    store.close()
    out = tmp_path / "class.csv"
    assert main(["report", "--data-dir", str(tmp_path / "pc"), "--csv", str(out)]) == 0
    assert [(r["profile"], r["module_or_scenario"]) for r in read_csv(out)] == [
        ("Anna", "singapore-2018")
    ]
    assert (
        main(
            [
                "report",
                "--data-dir",
                str(tmp_path / "pc"),
                "--csv",
                str(out),
                "--force",
                "--include-previews",
            ]
        )
        == 0
    )
    assert sorted(r["profile"] for r in read_csv(out)) == ["Anna", "Ms Sato"]


async def test_the_watch_preview_marks_its_games_as_previews(tmp_path: Path) -> None:
    from game.tui import make_app

    scenario = Path(__file__).parent / "data" / "golden-scenario.yaml"
    app = make_app(watch=scenario, data_dir=tmp_path / "pc", profile="Ms Sato")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if app.store is not None:
                break
        assert app.store is not None and app.store.previewing
        await pilot.press("ctrl+q")
