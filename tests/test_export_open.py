"""The QTI zip and the Anki file opened as their importers open them (issue 32): Canvas
reads `imsmanifest.xml` at the zip's top and the assessment files it names; Anki reads
its header lines, then one note a line with the columns they announce, and updates a
note whose GUID it already has."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from game.cli import main
from game.content.catalog import check
from game.content.paths import bundled_root

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


@pytest.fixture(scope="module")
def quiz_ids() -> list[str]:
    return sorted(check([bundled_root()]).quizzes)


def export(tmp_path: Path, form: str, name: str, quiz_ids: list[str]) -> Path:
    out = tmp_path / name
    assert main(["export", *quiz_ids, "--format", form, "--out", str(out)]) == 0
    return out


def test_the_qti_zip_opens_as_canvas_opens_it(
    tmp_path: Path, quiz_ids: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = check([bundled_root()])
    data = export(tmp_path, "qti", "bank.zip", quiz_ids).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert "imsmanifest.xml" in names  # at the top of the zip, not in a folder
        manifest = SafeET.fromstring(archive.read("imsmanifest.xml"))
        resources = list(manifest.iter(f"{CP}resource"))
        assert len(resources) == len(quiz_ids)
        for resource, quiz_id in zip(resources, quiz_ids, strict=True):
            assert resource.get("type") == "imsqti_xmlv1p2"
            href = resource.get("href")
            assert href in names
            assert [f.get("href") for f in resource.iter(f"{CP}file")] == [href]
            test = SafeET.fromstring(archive.read(href)).find(f"{QTI}assessment")
            assert test is not None and test.get("title") == catalog.quizzes[quiz_id].title
            items = list(test.iter(f"{QTI}item"))
            assert len(items) == len(catalog.quizzes[quiz_id].questions)
            for item in items:
                labels = {label.get("ident") for label in item.iter(f"{QTI}response_label")}
                responses = {r.get("ident") for r in item.iter(f"{QTI}response_lid")}
                responses |= {r.get("ident") for r in item.iter(f"{QTI}response_str")}
                for answer in item.iter(f"{QTI}varequal"):
                    # Every scored answer names a response the question shows.
                    assert answer.get("respident") in responses
                    if item.find(f".//{QTI}response_str") is None:
                        assert answer.text in labels
    assert "Wrote" in capsys.readouterr().err


def read_anki(path: Path) -> tuple[dict[str, str], list[list[str]]]:
    """Anki's header lines (`#key:value`) and its notes, split by the separator."""
    header: dict[str, str] = {}
    notes: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line:
            continue
        if line.startswith("#") and not notes:
            key, _, value = line[1:].partition(":")
            header[key] = value
        else:
            assert header["separator"] == "tab"
            notes.append(line.split("\t"))
    return header, notes


def test_the_anki_file_opens_as_anki_opens_it_and_updates_its_cards(
    tmp_path: Path, quiz_ids: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = check([bundled_root()])
    header, notes = read_anki(export(tmp_path, "anki", "one.txt", quiz_ids))
    assert header == {
        "separator": "tab",
        "html": "true",
        "guid column": "1",
        "tags column": "4",
    }
    assert len(notes) == sum(len(catalog.quizzes[q].questions) for q in quiz_ids)
    assert all(len(note) == int(header["tags column"]) for note in notes)
    guids = [note[int(header["guid column"]) - 1] for note in notes]
    assert len(set(guids)) == len(guids)
    assert all(note[1] and note[2] for note in notes)  # a front and a back
    # Exported again: the same GUIDs, so Anki updates the cards instead of adding new ones.
    _, again = read_anki(export(tmp_path, "anki", "two.txt", quiz_ids))
    assert [note[0] for note in again] == guids
    capsys.readouterr()
