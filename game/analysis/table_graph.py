"""A table as a graph (issue 34): `treaty graph` with both sides' moves on each edge.

The edges come from the exploration (the engine takes every pair of moves), so an edge
is drawn only where that pair of moves is open somewhere and leads there."""

from __future__ import annotations

from collections import deque

from game.analysis.table_explore import successors
from game.content.table_models import Table
from game.engine.rules import ScenarioLoop
from game.engine.table import TableState, moves_of, start_table

MAX_LABEL = 40
MAX_STATES = 20_000


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def table_edges(table: Table) -> list[tuple[str, str, str]]:
    """(from scene, to scene or ending, both moves in words), each once, as met."""
    edges: dict[tuple[str, str, str], None] = {}
    first = start_table(table)
    seen = {first.situation}
    queue: deque[TableState] = deque([first])
    while queue and len(seen) < MAX_STATES:
        state = queue.popleft()
        if state.ended:
            continue
        try:
            following = successors(table, state)
        except ScenarioLoop:
            continue
        for (scene_id, turn), after in following:
            label = " + ".join(
                f"{role}: {_short(moves_of(table, scene_id, role)[n - 1].text)}" for role, n in turn
            )
            edges[(state.scene, after.scene, label)] = None
            if after.situation not in seen:
                seen.add(after.situation)
                queue.append(after)
    return list(edges)


def _id(name: str) -> str:
    return "n_" + "".join(c if c.isalnum() else "_" for c in name)


def table_to_mermaid(table: Table) -> str:
    lines = ["flowchart TD"]
    for scene_id, scene in table.scenes.items():
        who = "both move" if scene.moves is not None else (scene.side or "route")
        lines.append(f'  {_id(scene_id)}["{_text(scene_id)} ({_text(who)})"]')
    for ending_id, ending in table.endings.items():
        lines.append(f'  {_id(ending_id)}(["{_text(ending.title)}"])')
    for source, target, label in table_edges(table):
        lines.append(f'  {_id(source)} -->|"{_text(label)}"| {_id(target)}')
    return "\n".join(lines) + "\n"


def table_to_dot(table: Table) -> str:
    lines = [f'digraph "{_dot(table.id)}" {{']
    for scene_id, scene in table.scenes.items():
        who = "both move" if scene.moves is not None else (scene.side or "route")
        lines.append(f'  "{_dot(scene_id)}" [shape=box, label="{_dot(scene_id)} ({_dot(who)})"];')
    for ending_id, ending in table.endings.items():
        lines.append(f'  "{_dot(ending_id)}" [shape=ellipse, label="{_dot(ending.title)}"];')
    for source, target, label in table_edges(table):
        lines.append(f'  "{_dot(source)}" -> "{_dot(target)}" [label="{_dot(label)}"];')
    return "\n".join([*lines, "}"]) + "\n"


def _text(text: str) -> str:
    return text.replace('"', "#quot;")


def _dot(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
