"""How fast the app starts and answers a choice.

1. First paint: the home screen of `treaty` against a minimal Textual app (one Static),
   each started the same way in a fresh process (headless; the clock stops at the first
   frame sent to the terminal), alternating; prints both medians and the ratio (target:
   at most 1.3).
2. A choice: CPU time (all threads; progress is saved, as in class) from a choice to the
   first frame sent to the terminal, over the first choices of every bundled scenario;
   prints the median in ms (target: about 5 ms at most) and the 90th percentile. Also
   printed: the CPU until the app is at rest again (after the frame, while the student
   reads, the play screen draws ahead the scenes the next choices lead to), the same
   choices with drawing ahead turned off, and a bare Textual app repainting one
   full-screen Static, Textual's own floor.

3. The command as a student types it: `treaty` (the console script of this venv) in a
   pseudo-terminal of 80×24, from the start of the process until the home screen's title
   reaches the terminal, against a minimal Textual app run the same way (target: at most
   1.3).

4. With `--baseline-tree DIR` (a checkout of another commit, say the tree before issue
   30: `git worktree add --detach DIR af935e9^`): the choices of part 2 measured in two
   worker processes at once, one running this tree's code and content, the other DIR's
   (its folder first on `sys.path`, this venv's packages after it), round by round in
   turn (the order swapped each round), so that both see the same load on a shared
   machine (`choice_rounds.py`); prints each tree's median and 90th percentile of CPU
   to the frame, and the ratio this tree / baseline (target: at most 1.00), with the
   median of the rounds' own ratios. `--choices-only` skips parts 1 and 3.

    python benchmarks/tui_bench.py [--rounds 7] [--choice-rounds 3]
        [--baseline-tree DIR [--baseline-rounds 12]] [--choices-only]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from choice_rounds import ChoiceRounds, FrameClock, against_baseline

RUNNER = r"""
import time
t0 = time.perf_counter()
import os, sys
from textual.app import App

which = sys.argv[1]
first_display = App._display


def timed_display(self, screen, renderable):
    # The first frame the app sends to the terminal is its first paint.
    if renderable is not None and screen.children:
        print(f"{(time.perf_counter() - t0) * 1000:.1f}", flush=True)
        os._exit(0)  # do not wait for content still loading in the background
    first_display(self, screen, renderable)


App._display = timed_display
if which == "minimal":
    from textual.app import ComposeResult
    from textual.widgets import Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Treaty Talks")

    app = Minimal()
else:
    from game.tui import make_app

    app = make_app()
app.run(headless=True, size=(100, 30))
"""


MINIMAL_SCRIPT = """
from textual.app import App
from textual.widgets import Static

class Minimal(App[None]):
    def compose(self):
        yield Static("Treaty Talks")

Minimal().run()
"""


def in_a_terminal(command: list[str], marker: bytes = b"Treaty Talks") -> float:
    """Milliseconds from starting `command` in a pseudo-terminal (80×24) until `marker`
    is written to it; the process is then stopped."""
    import pty
    import select
    import signal

    leader, follower = pty.openpty()
    os.set_blocking(leader, False)
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    with tempfile.TemporaryDirectory() as data:
        env["TREATY_DATA_DIR"] = data
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True
        )
        os.close(follower)
        seen = b""
        elapsed = float("nan")
        try:
            while time.perf_counter() - start < 60:
                ready, _, _ = select.select([leader], [], [], 0.5)
                if ready:
                    try:
                        seen += os.read(leader, 1 << 16)
                    except OSError:
                        break
                    if marker in seen:
                        elapsed = (time.perf_counter() - start) * 1000
                        break
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
            os.close(leader)
    return elapsed


def first_paint(which: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", RUNNER, which], capture_output=True, text=True, timeout=60
    )
    if out.returncode != 0 or not out.stdout.strip():
        sys.exit(f"{which} failed:\n{out.stderr[-3000:]}")
    return float(out.stdout.strip().splitlines()[-1])


async def choice_cpu(rounds: int, draw_ahead: bool = True) -> dict[str, list[float]]:
    """Every bundled scenario played from its start, `rounds` times, taking the first
    choice the engine allows (up to 8 per scenario, stopping before an ending: the ending
    is another screen), the first scene read (the app at rest) before the first choice.
    For each choice: CPU ms (all threads) from the choice to the first
    frame sent to the terminal (what the student waits for), and to the app at rest again
    (that also counts drawing ahead the scenes the next choices lead to, which happens
    while the student reads)."""
    found: dict[str, list[float]] = {"frame": [], "rest": [], "engine": []}
    async with ChoiceRounds(draw_ahead) as play:
        for _ in range(rounds):
            for key, costs in (await play.round()).items():
                found[key] += costs
    return found


async def full_screen_static(rounds: int) -> list[float]:
    """The floor, for comparison: a bare Textual app replacing one Static that fills the
    same screen with new text, CPU ms from the update to its frame."""
    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(id="all")

    app = Bare()
    clock = FrameClock(app)
    costs = []
    async with app.run_test(size=(100, 30)) as pilot:
        shown = app.query_one("#all", Static)
        for n in range(rounds):
            text = Text("\n".join(f"line {n} {row} " + "word " * 16 for row in range(30)))
            costs.append(await clock.after(partial(shown.update, text)))
            await pilot.pause()
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--choice-rounds", type=int, default=3)
    parser.add_argument("--baseline-tree", type=Path)
    parser.add_argument("--baseline-rounds", type=int, default=12)
    parser.add_argument("--choices-only", action="store_true")
    args = parser.parse_args()
    if args.baseline_tree is not None:
        against_baseline(args.baseline_tree.resolve(), args.baseline_rounds)
    if not args.choices_only:
        start_up(args.rounds)
    choices(args.choice_rounds)


def start_up(rounds: int) -> None:
    """Parts 1 and 3."""
    first_paint("minimal"), first_paint("treaty")  # warm .pyc files and the disk cache
    minimal: list[float] = []
    treaty: list[float] = []
    for _ in range(rounds):
        minimal.append(first_paint("minimal"))
        treaty.append(first_paint("treaty"))
    mm, mt = statistics.median(minimal), statistics.median(treaty)
    runs_m = ", ".join(f"{t:.0f}" for t in minimal)
    runs_t = ", ".join(f"{t:.0f}" for t in treaty)
    print(f"first paint, minimal Textual app: median {mm:.0f} ms  ({runs_m})")
    print(f"first paint, treaty home screen:  median {mt:.0f} ms  ({runs_t})")
    print(f"ratio treaty / minimal: {mt / mm:.2f}x  (target: at most 1.30x)")
    treaty_command = [str(Path(sys.executable).with_name("treaty"))]
    minimal_command = [sys.executable, "-c", MINIMAL_SCRIPT]
    in_a_terminal(minimal_command), in_a_terminal(treaty_command)  # warm up
    typed_m: list[float] = []
    typed_t: list[float] = []
    for _ in range(rounds):
        typed_m.append(in_a_terminal(minimal_command))
        typed_t.append(in_a_terminal(treaty_command))
    cm, ct = statistics.median(typed_m), statistics.median(typed_t)
    print(f"the command in a terminal, minimal Textual app: median {cm:.0f} ms")
    print(f"the command in a terminal, `treaty` home screen: median {ct:.0f} ms")
    print(f"ratio `treaty` / minimal: {ct / cm:.2f}x  (target: at most 1.30x)")


def choices(rounds: int) -> None:
    """Part 2."""
    ahead = asyncio.run(choice_cpu(rounds))
    cold = asyncio.run(choice_cpu(rounds, draw_ahead=False))
    frame = statistics.median(ahead["frame"])
    p90 = statistics.quantiles(ahead["frame"], n=10)[-1]
    print(
        f"a choice, until its frame is sent: median {frame:.1f} ms CPU, 90th percentile "
        f"{p90:.1f} ms, over {len(ahead['frame'])} choices in every bundled scenario  "
        "(target: about 5 ms)"
    )
    print(
        "  and until the app is at rest, drawing ahead the scenes the next choices lead to "
        f"(while the student reads): median {statistics.median(ahead['rest']):.1f} ms"
    )
    print(
        "  the same choices without drawing ahead: median "
        f"{statistics.median(cold['frame']):.1f} ms until the frame, "
        f"{statistics.median(cold['rest']):.1f} ms until at rest"
    )
    print(
        f"  of which the engine's apply_choice: median {statistics.median(ahead['engine']):.3f} ms"
    )
    floor = statistics.median(asyncio.run(full_screen_static(40)))
    print(
        f"  and a bare Textual app repainting one full-screen Static: median {floor:.1f} ms "
        f"(the choice costs {frame / floor:.1f}x that)"
    )


if __name__ == "__main__":
    main()
