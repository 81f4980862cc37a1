"""How many games `treaty serve` lets run at once by default: as many as the machine's
free memory holds, each game's own memory measured (issue 36), never fewer than a class."""

from __future__ import annotations

import os
from pathlib import Path

GAME_MEMORY = 40 * 1024 * 1024
"""What one visitor's game costs in memory of its own (USS: the pages only it uses; the
rest it shares with the fork server). Measured with `benchmarks/serve_bench.py --play`:
15 MiB at its first screen, 34-35 MiB once a scenario has been played to its ending (a
game writes to pages it shared as it plays), 37 MiB with a quiz after; 40 MiB leaves
room."""
CLASS_SIZE = 40
"""The default cap is never below a class of this many."""


def memory_free(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """The bytes of memory free for new games: Linux's MemAvailable (MemTotal on kernels
    without it); elsewhere the machine's physical memory; None when nothing says."""
    fields: dict[str, int] = {}
    try:
        lines = meminfo.read_text().splitlines()
    except OSError:
        lines = []
    for line in lines:
        name, _, rest = line.partition(":")
        words = rest.split()
        if words and words[0].isdigit():
            fields[name] = int(words[0]) * 1024  # /proc/meminfo counts in kB
    for name in ("MemAvailable", "MemTotal"):
        if fields.get(name):
            return fields[name]
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def default_max_players(free: int | None = None) -> int:
    """As many games as fit in four fifths of the free memory, and never fewer than a
    class of 40 (the teacher can lower it with `--max-players`)."""
    if free is None:
        free = memory_free()
    if not free:
        return CLASS_SIZE
    return max(CLASS_SIZE, free * 4 // 5 // GAME_MEMORY)
