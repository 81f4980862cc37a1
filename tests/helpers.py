"""Helpers shared by the tests: writing content files and checking them."""

from __future__ import annotations

from pathlib import Path

from game.content.catalog import Catalog, check
from game.content.models import (
    ChoiceQuestion,
    FillQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    Question,
    TrueFalseQuestion,
)
from game.quiz import Answer

SCENARIO = """\
id: test-scenario
title: A test
summary: A scenario for the tests.
role: japan
year: 2018
facts: [singapore-2018-accelerate]
meters:
  trust:
    label: Trust
    start: 40
flags: [proposed-1956]
start: opening
scenes:
  opening:
    text: The talks begin.
    facts: [singapore-2018-accelerate]
    choices:
      - text: Propose the 1956 declaration
        topic: basis
        effects: {trust: +10}
        set: [proposed-1956]
        goto: verdict
      - text: Walk out
        goto: talks-stall
  verdict:
    route:
      - if: trust >= 50 and proposed-1956
        goto: framework
      - goto: talks-stall
endings:
  talks-stall:
    title: Talks stall
    kind: historical
    text: No agreement.
    history: The talks stalled.
    facts: [kyodo-talks-stalled]
  framework:
    title: A framework
    kind: counterfactual
    text: Agreement.
    history: This did not happen.
"""

QUIZ = """\
id: test-quiz
title: A test quiz
questions:
  - id: sf-year
    type: choice
    prompt: In which year?
    options: ["1951", "1956"]
    answer: "1951"
    facts: [sf-treaty-renounce]
  - id: islands
    type: multi
    prompt: Which islands?
    options: [Iturup, Shikotan, Habomai]
    answer: [Shikotan, Habomai]
    facts: [declaration-1956-two-islands]
  - id: signed
    type: truefalse
    prompt: The Soviet Union signed.
    answer: false
    facts: [ussr-refused-sf]
  - id: order
    type: order
    prompt: In order.
    items: [San Francisco, Declaration]
    facts: [sf-treaty-renounce]
  - id: who
    type: match
    prompt: Match.
    pairs:
      Motegi: minister
      Zakharova: spokeswoman
    facts: [motegi-appointed]
  - id: day
    type: fill
    prompt: December ___
    answer: ["8", "eighth"]
    facts: [declaration-1956-ratified]
"""

FACTS = """\
sources:
  my-source:
    outlet: TASS
    headline: A headline
    dateline: Tokyo, 17 December 2019
facts:
  my-fact:
    text: A fact.
    year: 2019
    source: my-source
    quote: A quote.
    tags: [people]
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def messages(catalog: Catalog, folder: Path) -> list[str]:
    """Each problem as printed, with the file relative to `folder`."""
    out = []
    for p in catalog.problems:
        name = Path(p.file)
        if name.is_absolute() and name.is_relative_to(folder):
            name = name.relative_to(folder)
        out.append(f"{name}:{p.line}:{p.col}: {p.severity} {p.code}: {p.message}")
    return out


def check_text(folder: Path, name: str, text: str | bytes) -> list[str]:
    return messages(check([write(folder, name, text)]), folder)


def the_right_answer(q: Question) -> Answer:
    """The answer a student gets wholly right with, in the question's own terms."""
    if isinstance(q, ChoiceQuestion | TrueFalseQuestion):
        return q.answer
    if isinstance(q, MultiQuestion):
        return frozenset(q.answer)
    if isinstance(q, OrderQuestion):
        return q.items
    if isinstance(q, MatchQuestion):
        return dict(q.pairs)
    assert isinstance(q, FillQuestion)
    return q.answer[0]


def screen_text(app: object) -> str:
    """Everything on the app's screen, as plain text."""
    from textual.app import App

    assert isinstance(app, App)
    return "\n".join(line.text for line in app.screen._compositor.render_strips())  # type: ignore[attr-defined]


def screen_cells(app: object) -> list[list[tuple[str, object]]]:
    """Everything on the app's screen, a line at a time, as (character, style) for each
    cell: two screens alike here look alike, colours and emphasis included."""
    from textual.app import App

    assert isinstance(app, App)
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return [[(char, seg.style) for seg in strip for char in seg.text] for strip in strips]
