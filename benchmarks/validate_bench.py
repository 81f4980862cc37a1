"""How long `treaty validate` takes on a big scenario, against a bare YAML load.

Generates a 1,000-scene scenario (about 0.6 MB, near the 50,000 values a file may
hold), then times, as whole processes and
alternating so that both see the same machine:

  A: treaty validate FILE
  B: python -c "gc.disable(); yaml.load(FILE, Loader=yaml.CSafeLoader)"

and prints the median of each and the ratio A/B; then, since the game's files are small
(at most 50,000 values), the same ratio with each command's start-up (its time on a
one-scene file) taken away: the target is at most 1.1.

    python benchmarks/validate_bench.py [--scenes 1000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FACTS = ["singapore-2018-accelerate", "kyodo-talks-stalled", "memorandum-1960", "no-peace-treaty"]
TEXT = (
    "The delegations meet again. Your counterpart sets out Moscow's position "
    "and asks what Tokyo can offer in return."
)


def scenario_text(scenes: int) -> str:
    out = [
        "id: big-benchmark",
        "title: A very long negotiation",
        "summary: Generated for the validate benchmark.",
        "role: japan",
        "year: 2018",
        "meters:",
        "  trust: {label: Trust between the delegations, start: 40}",
        "  support: {label: Support at home, start: 60, min: 0, max: 100}",
        "flags: [proposed-1956, security-list-received]",
        "start: scene-0",
        "scenes:",
    ]
    for i in range(scenes):
        nxt = f"scene-{i + 1}" if i + 1 < scenes else "talks-stall"
        skip = f"scene-{i + 2}" if i + 2 < scenes else "framework"
        out += [
            f"  scene-{i}:",
            f"    title: Round {i + 1}",
            f"    text: {TEXT}",
            f"    facts: [{FACTS[i % len(FACTS)]}]",
            "    choices:",
            "      - text: Propose the 1956 declaration",
            "        topic: basis",
            "        effects: {trust: +5, support: -3}",
            "        set: [proposed-1956]",
            f"        goto: {nxt}",
            "      - text: Ask for the security list",
            "        topic: security",
            "        if: trust >= 50 and not security-list-received",
            "        effects: {trust: +2}",
            "        set: [security-list-received]",
            f"        goto: {skip}",
        ]
    out += [
        "endings:",
        "  talks-stall:",
        "    title: Talks stall",
        "    kind: historical",
        "    text: No agreement comes.",
        "    history: The talks stalled.",
        "    facts: [kyodo-talks-stalled]",
        "  framework:",
        "    title: A framework",
        "    kind: counterfactual",
        "    text: A framework is agreed.",
        "    history: This did not happen.",
    ]
    return "\n".join(out) + "\n"


BARE = (
    "import gc, sys, yaml; gc.disable(); "
    "yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
)


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        path.write_text(scenario_text(args.scenes), encoding="utf-8")
        size = path.stat().st_size / 1e6
        small = Path(folder) / "small.yaml"
        small.write_text(scenario_text(1), encoding="utf-8")
        validate = [sys.executable, "-m", "game", "validate"]
        bare = [sys.executable, "-c", BARE]
        timed([*validate, str(path)])  # warm the disk cache and .pyc files once
        a: list[float] = []
        b: list[float] = []
        a0: list[float] = []
        b0: list[float] = []
        for _ in range(args.rounds):
            a.append(timed([*validate, str(path)]))
            b.append(timed([*bare, str(path)]))
            a0.append(timed([*validate, str(small)]))
            b0.append(timed([*bare, str(small)]))
        ma, mb = statistics.median(a), statistics.median(b)
        ma0, mb0 = statistics.median(a0), statistics.median(b0)
        print(f"scenario: {args.scenes:,} scenes, {size:.1f} MB")
        runs_a = ", ".join(f"{t:.2f}" for t in a)
        runs_b = ", ".join(f"{t:.2f}" for t in b)
        print(f"treaty validate:               median {ma:.3f} s  (runs: {runs_a})")
        print(f"yaml.load CSafeLoader, no gc:  median {mb:.3f} s  (runs: {runs_b})")
        print(f"the same on a one-scene file:  validate {ma0:.3f} s, yaml.load {mb0:.3f} s")
        print(f"ratio validate / bare load, whole processes: {ma / mb:.2f}x")
        print(
            f"ratio on the file itself (start-up taken away): {(ma - ma0) / (mb - mb0):.2f}x  "
            "(target: at most 1.10x)"
        )


if __name__ == "__main__":
    main()
