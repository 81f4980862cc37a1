"""An exploration told in words for teachers, and as JSON for machines."""

from __future__ import annotations

from typing import Any

from game.analysis.explore import Exploration, Situation, Step


def _path_text(path: list[Step]) -> str:
    if not path:
        return "at the start"
    return " → ".join(f"“{step.text}”" for step in path)


def _state_text(situation: Situation) -> str:
    meters = ", ".join(f"{name} {value}" for name, value in situation.meters.items())
    flags = ", ".join(situation.flags) or "none"
    return f"meters: {meters or 'none'}; flags set: {flags}"


def _paths(count: int | None) -> str:
    if count is None:
        return "unboundedly many paths (a loop can come first)"
    return f"{count:,} distinct path{'s' if count != 1 else ''}"


def as_text(result: Exploration) -> str:
    """The report, one finding per line or block."""
    out = [f"Explored {result.scenario_id}: {result.states:,} reachable states."]
    if result.too_large:
        out.append(f"INCOMPLETE: {result.too_large}")
    out.append("")
    out.append("Endings:")
    for ending in result.endings:
        if ending.reachable:
            out.append(f"  {ending.id} ({ending.kind}): reachable by {_paths(ending.paths)}")
            out.append(f"    shortest: {_path_text(ending.shortest)}")
        elif result.complete:
            out.append(f"  {ending.id} ({ending.kind}): NEVER REACHED")
        else:
            out.append(f"  {ending.id} ({ending.kind}): not reached before the exploration stopped")
    problems = 0
    if result.unreachable_scenes:
        problems += len(result.unreachable_scenes)
        out.append("")
        out.append(
            (
                "Scenes no path reaches: "
                if result.complete
                else "Scenes not reached before the exploration stopped: "
            )
            + ", ".join(result.unreachable_scenes)
        )
    for title, found in (
        ("Soft-locks (a scene where no choice can be taken)", result.soft_locks),
        ("Traps (no ending can be reached from here)", result.traps),
        ("Route loops (routes that go round without a choice)", result.route_loops),
    ):
        if found:
            problems += len(found)
            out.append("")
            out.append(f"{title}:")
            for situation in found:
                out.append(f"  scene {situation.scene}, {_state_text(situation)}")
                out.append(f"    reached by: {_path_text(situation.path)}")
    if result.never_enabled:
        out.append("")
        out.append(
            "Choices that are never enabled:"
            if result.complete
            else "Choices not enabled in the situations explored:"
        )
        for step in result.never_enabled:
            out.append(f"  scene {step.scene}, choice {step.number}: “{step.text}”")
    if result.never_shown:
        out.append("")
        out.append("Paragraphs never shown (their `if:` holds in no reachable situation):")
        for paragraph in result.never_shown:
            out.append(f"  {paragraph.place}, if {paragraph.condition}: “{paragraph.text}”")
    if result.meter_ranges:
        out.append("")
        out.append("Meter ranges seen:")
        for name, (low, high) in result.meter_ranges.items():
            out.append(f"  {name}: {low} to {high}")
    out.extend(_marks_text(result))
    out.append("")
    if result.clean:
        out.append("No soft-lock or trap, and every ending can be reached.")
    elif not result.complete:
        out.append(
            f"The exploration did not finish: {len(result.soft_locks)} soft-lock(s) and "
            f"{len(result.route_loops)} route loop(s) found so far. Endings and scenes not "
            "reached may still be reachable; traps are only looked for in a whole exploration."
        )
    else:
        missing = len(result.unreachable_endings)
        out.append(
            f"Problems: {len(result.soft_locks)} soft-lock(s), {len(result.traps)} trap(s), "
            f"{len(result.route_loops)} route loop(s), {missing} ending(s) never reached"
            + ("" if result.complete else "; the exploration did not finish")
            + "."
        )
    return "\n".join(out)


def _steps(path: list[Step]) -> list[dict[str, Any]]:
    """A path's steps, each with the number the student sees the choice as (hidden
    choices take none), so a path typed into `treaty play --plain` plays it."""
    return [
        {"scene": s.scene, "choice": s.shown if s.shown is not None else s.number, "text": s.text}
        for s in path
    ]


def _situations(found: list[Situation]) -> list[dict[str, Any]]:
    return [
        {"scene": s.scene, "meters": s.meters, "flags": s.flags, "path": _steps(s.path)}
        for s in found
    ]


def as_json(result: Exploration) -> dict[str, Any]:
    """The same report for machines."""
    return (
        {
            "scenario": result.scenario_id,
            "complete": result.complete,
            "too_large": result.too_large,
            "states": result.states,
            "clean": result.clean,
            "endings": [
                {
                    "id": e.id,
                    "title": e.title,
                    "kind": e.kind,
                    "reachable": e.reachable,
                    "paths": e.paths,
                    "shortest_path": _steps(e.shortest),
                }
                for e in result.endings
            ],
            "unreachable_scenes": result.unreachable_scenes,
            "unreachable_endings": result.unreachable_endings,
            "soft_locks": _situations(result.soft_locks),
            "traps": _situations(result.traps),
            "route_loops": _situations(result.route_loops),
            "never_enabled": [
                {"scene": s.scene, "choice": s.number, "text": s.text} for s in result.never_enabled
            ],
            "meter_ranges": {
                name: {"min": lo, "max": hi} for name, (lo, hi) in result.meter_ranges.items()
            },
        }
        | _never_shown(result)
        | _marks_json(result)
    )


REACH_WORDS = {
    "reached": "reached on some path",
    "start": "where the meter starts",
    "never": "NEVER REACHED by any path",
}


def _marks_text(result: Exploration) -> list[str]:
    """The meters' marks, each reached on some path or never (none: no lines)."""
    if not result.marks:
        return []
    out = ["", "Meter marks:"]
    for mark in result.marks:
        reach = REACH_WORDS[mark.reach]
        if mark.reach == "never" and not result.complete:
            reach = "not reached before the exploration stopped"
        out.append(f"  {mark.meter} {mark.mark} ({mark.words}): {reach}")
    return out


def _marks_json(result: Exploration) -> dict[str, Any]:
    """The marks, when a meter has any (a file without marks keeps the report it had)."""
    if not result.marks:
        return {}
    return {
        "marks": [
            {"meter": m.meter, "mark": m.mark, "words": m.words, "reach": m.reach}
            for m in result.marks
        ]
    }


def _never_shown(result: Exploration) -> dict[str, Any]:
    """The paragraphs never shown, when there are any (a file without paragraphs keeps
    the report it had)."""
    if not result.never_shown:
        return {}
    return {
        "never_shown": [
            {"where": list(p.where), "place": p.place, "if": p.condition, "text": p.text}
            for p in result.never_shown
        ]
    }
