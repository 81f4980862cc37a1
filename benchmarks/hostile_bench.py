"""What a hostile or broken file costs: `treaty validate FILE` on each, as a whole process,
with its time and its peak resident memory.

The targets (issue: hostile and broken input): any file is refused or read in under a
second of its own work, with resident memory under 200 MB, whatever is in it.

    python benchmarks/hostile_bench.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _limits() -> tuple[int, int]:
    """The loader's limits, asked of another process: this one stays small, because a
    child's peak memory as the system counts it starts from its parent's at the fork."""
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from game.content.yamlfile import MAX_FILE_BYTES, MAX_VALUES; "
            "print(MAX_FILE_BYTES, MAX_VALUES)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), int(out[1])


MAX_FILE_BYTES, MAX_VALUES = _limits()


def hostile_files(folder: Path) -> dict[str, Path]:
    """Each kind of file a prankster or a broken editor could put in a content folder."""
    just_under = MAX_FILE_BYTES - 1024
    files = {
        "dense list just under the size limit": "a: ["
        + ",".join(["1"] * (just_under // 2))
        + "]\n",
        "dense mapping, many small keys": "a: {"
        + ", ".join(f"k{i}: 1" for i in range(just_under // 12))
        + "}\n",
        "block list of 2,000,000 items": "a:\n" + "- x\n" * 2_000_000,
        "values just under the limit": "a: ["
        + ",".join(str(i * 7919) for i in range(MAX_VALUES // 2 - 10))
        + "]\n",
        "prose just under the size limit": "a: "
        + "words and more words " * (just_under // 21)
        + "\n",
        "nesting 100,000 deep": "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "aliases (billion laughs)": "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 10)}]\n"
            for i in range(9)
        ),
        "condition nested 10,000 deep": "id: x\ntitle: x\nscenes:\n  a:\n    text: x\n"
        "    choices:\n      - text: x\n        if: '" + "(" * 10_000 + "t" + ")" * 10_000 + "'\n",
        "a 5,000-digit number": "id: x\nyear: " + "9" * 5000 + "\n",
        "twice the size limit": "a: " + "x" * (2 * MAX_FILE_BYTES) + "\n",
    }
    paths = {}
    for i, (name, text) in enumerate(files.items()):
        path = folder / f"hostile-{i}.yaml"
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


def run(path: Path) -> tuple[float, float]:
    """Seconds and peak resident MB of `treaty validate PATH`, as its own process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "game", "validate", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:
        print(
            "\n".join(f"{name}\t{path}" for name, path in hostile_files(Path(args.write)).items())
        )
        return
    with tempfile.TemporaryDirectory() as tmp:
        # Written by another process, for the same reason as `_limits`.
        listing = subprocess.run(
            [sys.executable, __file__, "--write", tmp], capture_output=True, text=True, check=True
        ).stdout
        rows = (line.split("\t") for line in listing.splitlines())
        files = {name: Path(path) for name, path in rows}
        baseline = Path(tmp) / "tiny.yaml"
        baseline.write_text("a: 1\n", encoding="utf-8")
        base = [run(baseline) for _ in range(args.rounds)]
        base_s = statistics.median(s for s, _ in base)
        base_mb = max(m for _, m in base)
        print(f"a one-line file (start-up of the command): {base_s:.2f} s, {base_mb:.0f} MB")
        print(f"{'file':<40} {'size':>8} {'time':>7} {'own':>7} {'peak MB':>8}")
        worst_own, worst_mb = 0.0, 0.0
        for name, path in files.items():
            results = [run(path) for _ in range(args.rounds)]
            seconds = statistics.median(s for s, _ in results)
            peak = max(m for _, m in results)
            own = max(0.0, seconds - base_s)
            worst_own, worst_mb = max(worst_own, own), max(worst_mb, peak)
            size = path.stat().st_size / (1024 * 1024)
            print(f"{name:<40} {size:>6.1f}MB {seconds:>6.2f}s {own:>6.2f}s {peak:>8.0f}")
        print(
            f"worst: {worst_own:.2f} s beyond start-up (target: under 1 s), "
            f"{worst_mb:.0f} MB resident (target: under 200 MB)"
        )


if __name__ == "__main__":
    main()
