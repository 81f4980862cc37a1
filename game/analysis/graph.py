"""A scenario as a picture: Mermaid (for Markdown and many editors) or DOT (Graphviz).

Scenes and endings are nodes (endings shaped by their kind); choices and route branches
are edges, labelled with their text (shortened), condition and topic. Each meter with
marks is a note of its own, with its marks in words.
"""

from __future__ import annotations

from game.content.conditions import to_text
from game.content.models import Paragraph, Scenario
from game.engine.marks import GOOD_WORDS

MAX_LABEL = 40


def _short(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _variants(passage: object) -> str:
    """The conditions of a text's paragraphs, for a label: ` ¶ if trust >= 70; if not x`
    (nothing for a plain text or paragraphs without `if:`)."""
    if not isinstance(passage, tuple):
        return ""
    conditions = [
        f"if {to_text(p.condition)}"
        for p in passage
        if isinstance(p, Paragraph) and p.condition is not None
    ]
    return f" ¶ {_short('; '.join(conditions))}" if conditions else ""


def _ids(scenario: Scenario) -> dict[str, str]:
    """Node ids every renderer accepts: n0, n1, ... in the order written."""
    return {name: f"n{i}" for i, name in enumerate([*scenario.scenes, *scenario.endings])}


def _edges(scenario: Scenario) -> list[tuple[str, str, str]]:
    """(from, to, label) for every choice and route branch."""
    edges = []
    for scene_id, scene in scenario.scenes.items():
        for number, choice in enumerate(scene.choices or (), start=1):
            label = f"{number}. {_short(choice.text)}"
            if topic := scenario.topic_label(choice.topic):
                label += f" [{topic}]"
            if choice.condition is not None:
                label += f" if {to_text(choice.condition)}"
            if choice.hidden:
                label += " (hidden)"
            label += _variants(choice.feedback)
            edges.append((scene_id, choice.goto, label))
        for branch in scene.route or ():
            label = f"if {to_text(branch.condition)}" if branch.condition else "otherwise"
            edges.append((scene_id, branch.goto, label))
    return edges


def _meter_notes(scenario: Scenario) -> list[tuple[str, str]]:
    """(node id, label) for each meter with marks: its label, which way is good, and its
    marks in words (`Trust (higher is better), marks at 70: a draft on the table`)."""
    notes = []
    for i, meter in enumerate(m for m in scenario.meters.values() if m.marks):
        good = f" ({GOOD_WORDS[meter.good]})" if meter.good else ""
        marks = "; ".join(f"{v}: {_short(words)}" for v, words in meter.marks.items())
        notes.append((f"m{i}", f"{_short(meter.label)}{good}, marks at {marks}"))
    return notes


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


def to_mermaid(scenario: Scenario) -> str:
    ids = _ids(scenario)
    lines = ["flowchart TD"]
    for scene_id, scene in scenario.scenes.items():
        label = _mermaid_text((scene.title or scene_id) + _variants(scene.text))
        shape = ('{{"', '"}}') if scene.route is not None else ('["', '"]')
        lines.append(f"  {ids[scene_id]}{shape[0]}{label}{shape[1]}")
    for ending_id, ending in scenario.endings.items():
        label = _mermaid_text(f"{ending.title} ({ending.kind})" + _variants(ending.text))
        shape = ('(["', '"])') if ending.kind == "historical" else ('[/"', '"/]')
        lines.append(f"  {ids[ending_id]}{shape[0]}{label}{shape[1]}:::{ending.kind}")
    for source, target, label in _edges(scenario):
        lines.append(f'  {ids[source]} -->|"{_mermaid_text(label)}"| {ids[target]}')
    for node, label in _meter_notes(scenario):
        lines.append(f'  {node}>"{_mermaid_text(label)}"]:::meter')
    lines.append("  classDef historical stroke-width:3px")
    lines.append("  classDef counterfactual stroke-dasharray:5 5")
    if any(m.marks for m in scenario.meters.values()):
        lines.append("  classDef meter stroke-dasharray:2 2")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_dot(scenario: Scenario) -> str:
    ids = _ids(scenario)
    lines = [f'digraph "{_dot_text(scenario.id)}" {{', "  rankdir=TB;", '  node [fontname="sans"];']
    for scene_id, scene in scenario.scenes.items():
        shape = "diamond" if scene.route is not None else "box"
        label = _dot_text((scene.title or scene_id) + _variants(scene.text))
        lines.append(f'  {ids[scene_id]} [label="{label}", shape={shape}];')
    for ending_id, ending in scenario.endings.items():
        style = (
            "shape=doubleoctagon, style=bold"
            if ending.kind == "historical"
            else "shape=octagon, style=dashed"
        )
        label = _dot_text(f"{ending.title} ({ending.kind})" + _variants(ending.text))
        lines.append(f'  {ids[ending_id]} [label="{label}", {style}];')
    for source, target, label in _edges(scenario):
        lines.append(f'  {ids[source]} -> {ids[target]} [label="{_dot_text(label)}"];')
    for node, label in _meter_notes(scenario):
        lines.append(f'  {node} [label="{_dot_text(label)}", shape=note];')
    lines.append("}")
    return "\n".join(lines) + "\n"
