"""`treaty export` as a teacher runs it: the file written and what is said about it,
the refusals (a missing folder, a file already there, QTI without --out), a quiz by
file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from game.cli import ExitStatus, main
from game.content.catalog import Catalog, check
from game.content.paths import bundled_root
from game.exchange import exported, notes
from game.exchange.anki import guid
from helpers import QUIZ, write


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return check([bundled_root()])


def test_export_writes_the_file_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "treaties.xml"
    assert main(["export", "treaties", "--format", "moodle-xml", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"to {out} (moodle-xml)" in err
    assert "question `timeline` is an order question: exported as matching" in err
    ET.fromstring(out.read_text(encoding="utf-8"))


def test_export_without_out_prints_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "people", "--format", "gift"]) == 0
    assert "$CATEGORY: $course$/top/People and posts" in capsys.readouterr().out


def test_export_of_a_file_with_its_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "quizzes/test-quiz.yaml", QUIZ)
    assert main(["export", str(path), "--format", "anki"]) == 0
    assert capsys.readouterr().out.count(guid("test-quiz", "sf-year")) == 1


def test_export_refuses_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nowhere" / "q.gift"
    assert main(["export", "people", "--format", "gift", "--out", str(out)]) == ExitStatus.USAGE
    assert f"there is no folder {out.parent}" in capsys.readouterr().err
    assert not out.exists()


def test_qti_needs_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "people", "--format", "qti"]) == ExitStatus.USAGE
    assert "--out FILE.zip" in capsys.readouterr().err


def test_an_unknown_quiz_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "nosuch", "--format", "gift"]) == ExitStatus.USAGE
    assert "no quiz called `nosuch`" in capsys.readouterr().err


def test_notes_name_each_order_question(bundled: Catalog) -> None:
    lines = notes([exported(bundled.quizzes["treaties"], bundled)])
    assert lines and all("order question" in line for line in lines)


def test_export_never_replaces_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "people.gift"
    out.write_text("the class's own file", encoding="utf-8")
    assert main(["export", "people", "--format", "gift", "--out", str(out)]) == ExitStatus.USAGE
    assert f"{out} already exists; nothing was written" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "the class's own file"
    assert main(["export", "people", "--format", "gift", "--out", str(out), "--force"]) == 0
    assert "$CATEGORY: $course$/top/People and posts" in out.read_text(encoding="utf-8")


def test_a_qti_zip_is_written_with_out(tmp_path: Path) -> None:
    out = tmp_path / "bank.zip"
    assert main(["export", "people", "treaties", "--format", "qti", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == [
            "imsmanifest.xml",
            "people/people.xml",
            "treaties/treaties.xml",
        ]
