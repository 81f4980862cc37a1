"""QTI 1.2, as Canvas imports it ("QTI .zip file"): a zip holding `imsmanifest.xml`,
which names one assessment file per quiz (`QUIZ-ID/QUIZ-ID.xml`). Each question carries
Canvas's `question_type`; texts are HTML-escaped into `mattext`; the explanation and
the source quotes are the general feedback."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence

from game.content.models import (
    ChoiceQuestion,
    FillQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    TrueFalseQuestion,
)
from game.exchange.common import Exported, Item, clean, html_feedback, html_text, pairs, stable_id

QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"

TYPES = {
    "choice": "multiple_choice_question",
    "multi": "multiple_answers_question",
    "truefalse": "true_false_question",
    "match": "matching_question",
    "order": "matching_question",
    "fill": "short_answer_question",
}
"""Each question type, as Canvas names it."""


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _mattext(parent: ET.Element, text: str, html: bool = True) -> None:
    material = ET.SubElement(parent, "material")
    kind = "text/html" if html else "text/plain"
    ET.SubElement(material, "mattext", {"texttype": kind}).text = text


def _metadata(parent: ET.Element, fields: dict[str, str]) -> None:
    meta = ET.SubElement(parent, "qtimetadata")
    for label, entry in fields.items():
        field = ET.SubElement(meta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry


def _choices(parent: ET.Element, ident: str, options: list[str], multiple: bool) -> None:
    cardinality = "Multiple" if multiple else "Single"
    response = ET.SubElement(parent, "response_lid", {"ident": ident, "rcardinality": cardinality})
    render = ET.SubElement(response, "render_choice")
    for n, option in enumerate(options, 1):
        label = ET.SubElement(render, "response_label", {"ident": str(n)})
        _mattext(label, option, html=False)


def _score(parent: ET.Element, action: str, value: str) -> None:
    ET.SubElement(parent, "setvar", {"action": action, "varname": "SCORE"}).text = value


def _condition(processing: ET.Element, cont: bool = False) -> tuple[ET.Element, ET.Element]:
    condition = ET.SubElement(processing, "respcondition", {"continue": "Yes" if cont else "No"})
    return condition, ET.SubElement(condition, "conditionvar")


def _equal(parent: ET.Element, ident: str, value: str) -> None:
    ET.SubElement(parent, "varequal", {"respident": ident}).text = value


def _item(section: ET.Element, item: Item, number: int) -> None:
    kind = item.question
    element = ET.SubElement(section, "item", {"ident": f"q{number}", "title": clean(kind.id)})
    _metadata(
        ET.SubElement(element, "itemmetadata"),
        {"question_type": TYPES[kind.type], "points_possible": "1.0"},
    )
    presentation = ET.SubElement(element, "presentation")
    _mattext(presentation, html_text(item.prompt))
    processing = ET.SubElement(element, "resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(
        outcomes,
        "decvar",
        {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"},
    )
    if item.feedback:
        condition, test = _condition(processing, cont=True)
        ET.SubElement(test, "other")
        link = {"feedbacktype": "Response", "linkrefid": "general_fb"}
        ET.SubElement(condition, "displayfeedback", link)
    if isinstance(kind, ChoiceQuestion | TrueFalseQuestion):
        if isinstance(kind, ChoiceQuestion):
            options = [clean(o) for o in kind.options]
            right = kind.options.index(kind.answer) + 1
        else:
            options, right = ["True", "False"], 1 if kind.answer else 2
        _choices(presentation, "response1", options, multiple=False)
        condition, test = _condition(processing)
        _equal(test, "response1", str(right))
        _score(condition, "Set", "100")
    elif isinstance(kind, MultiQuestion):
        _choices(presentation, "response1", [clean(o) for o in kind.options], multiple=True)
        condition, test = _condition(processing)
        every = ET.SubElement(test, "and")
        for n, option in enumerate(kind.options, 1):
            if option in kind.answer:
                _equal(every, "response1", str(n))
            else:
                _equal(ET.SubElement(every, "not"), "response1", str(n))
        _score(condition, "Set", "100")
    elif isinstance(kind, MatchQuestion | OrderQuestion):
        matched = pairs(kind)
        replies = [reply for _, reply in matched]
        share = f"{100 / len(matched):.5f}".rstrip("0").rstrip(".")
        for n, (stem, reply) in enumerate(matched, 1):
            response = ET.SubElement(
                presentation, "response_lid", {"ident": f"response_{n}", "rcardinality": "Single"}
            )
            _mattext(response, stem, html=False)
            render = ET.SubElement(response, "render_choice")
            for m, answer in enumerate(replies, 1):
                label = ET.SubElement(render, "response_label", {"ident": f"{n}-{m}"})
                _mattext(label, answer, html=False)
            condition, test = _condition(processing)
            _equal(test, f"response_{n}", f"{n}-{replies.index(reply) + 1}")
            _score(condition, "Add", share)
    else:
        assert isinstance(kind, FillQuestion)
        response = ET.SubElement(
            presentation, "response_str", {"ident": "response1", "rcardinality": "Single"}
        )
        render = ET.SubElement(response, "render_fib")
        ET.SubElement(render, "response_label", {"ident": "answer1", "rshuffle": "No"})
        condition, test = _condition(processing)
        for answer in kind.answer:
            _equal(test, "response1", clean(answer))
        _score(condition, "Set", "100")
    if item.feedback:
        feedback = ET.SubElement(element, "itemfeedback", {"ident": "general_fb"})
        _mattext(ET.SubElement(feedback, "flow_mat"), html_feedback(item))


def assessment(exported: Exported) -> bytes:
    """One quiz as a QTI 1.2 assessment."""
    root = ET.Element("questestinterop", {"xmlns": QTI})
    quiz = exported.quiz
    test = ET.SubElement(root, "assessment", {"ident": f"a-{quiz.id}", "title": clean(quiz.title)})
    _metadata(test, {"cc_maxattempts": "1"})
    section = ET.SubElement(test, "section", {"ident": "root_section"})
    for number, item in enumerate(exported.items, 1):
        _item(section, item, number)
    return _xml(root)


def file_name(exported: Exported) -> str:
    return f"{exported.quiz.id}/{exported.quiz.id}.xml"


def manifest(bank: Sequence[Exported]) -> bytes:
    ident = stable_id("treaty-talks", *(e.quiz.id for e in bank))
    root = ET.Element("manifest", {"identifier": f"m-{ident}", "xmlns": MANIFEST})
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    for exported in bank:
        href = file_name(exported)
        attrs = {"identifier": f"r-{exported.quiz.id}", "type": "imsqti_xmlv1p2", "href": href}
        resource = ET.SubElement(resources, "resource", attrs)
        ET.SubElement(resource, "file", {"href": href})
    return _xml(root)


def write(bank: Sequence[Exported]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # A fixed date: the same quiz gives the same zip.
        def add(name: str, data: bytes) -> None:
            archive.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data)

        add("imsmanifest.xml", manifest(bank))
        for exported in bank:
            add(file_name(exported), assessment(exported))
    return buffer.getvalue()
