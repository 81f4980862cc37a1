"""Words for problems: where in a file a path points, and "did you mean" suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

_CONTAINERS = {
    "scenes": "scene",
    "endings": "ending",
    "meters": "meter",
    "facts": "fact",
    "sources": "source",
    "pairs": "pair",
}
_LISTS = {
    "choices": "choice",
    "route": "route branch",
    "questions": "question",
    "options": "option",
    "items": "item",
    "text": "paragraph",
    "feedback": "feedback paragraph",
}


def suggest(name: str, candidates: Iterable[str]) -> str:
    """'; did you mean `x`?' when a candidate is close to `name`, else ''."""
    found = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean `{found[0]}`?" if found else ""


def describe(path: Sequence[str | int]) -> str:
    """Where `path` points, in words: "choice 2 of scene `opening`"."""
    parts: list[str] = []
    i = 0
    steps = list(path)
    while i < len(steps):
        step = steps[i]
        nxt = steps[i + 1] if i + 1 < len(steps) else None
        if isinstance(step, str) and step in _CONTAINERS and isinstance(nxt, str):
            parts.append(f"{_CONTAINERS[step]} `{nxt}`")
            i += 2
            continue
        if isinstance(step, str) and step in _LISTS and isinstance(nxt, int):
            parts.append(f"{_LISTS[step]} {nxt + 1}")
            i += 2
            continue
        i += 1
    if not parts:
        return "the file"
    return " of ".join(reversed(parts))


def one_of(names: Sequence[str]) -> str:
    """`a`, `b` or `c`."""
    quoted = [f"`{n}`" for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
