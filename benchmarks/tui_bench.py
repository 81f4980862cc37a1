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

    python benchmarks/tui_bench.py [--rounds 7] [--choice-rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

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
    import os
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


class FrameClock:
    """Notes the CPU clock at each frame the app sends to the terminal, and wakes whoever
    waits for the next one (the way a terminal would see it: no test harness in between)."""

    def __init__(self, app: Any) -> None:
        self.frames: list[float] = []
        self.shown = asyncio.Event()
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            if renderable is not None:
                self.frames.append(time.process_time())
                self.shown.set()
            display(screen, renderable)

        app._display = timed_display

    async def after(self, act: Callable[[], None]) -> float:
        """CPU ms from `act()` to the first frame sent after it."""
        self.frames.clear()
        self.shown.clear()
        start = time.process_time()
        act()
        await asyncio.wait_for(self.shown.wait(), timeout=10)
        return (self.frames[0] - start) * 1000


async def choice_cpu(rounds: int, draw_ahead: bool = True) -> dict[str, list[float]]:
    """Every bundled scenario played from its start, `rounds` times, taking the first
    choice the engine allows (up to 8 per scenario, stopping before an ending: the ending
    is another screen). For each choice: CPU ms (all threads) from the choice to the first
    frame sent to the terminal (what the student waits for), and to the app at rest again
    (that also counts drawing ahead the scenes the next choices lead to, which happens
    while the student reads)."""
    from game.content.catalog import check
    from game.content.paths import bundled_root
    from game.engine import apply_choice, available_choices
    from game.store.progress import open_store
    from game.tui import make_app
    from game.tui.screens.play import PlayScreen

    class Play(PlayScreen):
        DRAW_AHEAD = draw_ahead

    catalog = check([bundled_root()])
    # Progress is saved as it is in class, choice by choice (in a thread: counted too).
    store = open_store(Path(tempfile.mkdtemp(prefix="treaty-bench-")))
    app = make_app(catalog=catalog, store=store)
    clock = FrameClock(app)
    found: dict[str, list[float]] = {"frame": [], "rest": [], "engine": []}
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(rounds):
            for scenario in catalog.scenarios.values():
                app.push_screen(Play(scenario))
                await pilot.pause()
                for _ in range(8):
                    screen = app.screen
                    assert isinstance(screen, PlayScreen)
                    state = screen.state
                    number = next(o.number for o in available_choices(scenario, state) if o.enabled)
                    if apply_choice(scenario, state, number).ended:
                        break
                    start = time.process_time()
                    for _ in range(100):
                        apply_choice(scenario, state, number)
                    found["engine"].append((time.process_time() - start) * 10)
                    start = time.process_time()
                    choose = partial(screen.action_choose, number)
                    found["frame"].append(await clock.after(choose))
                    await pilot.pause()
                    found["rest"].append((time.process_time() - start) * 1000)
                app.pop_screen()
                await pilot.pause()
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
    args = parser.parse_args()
    first_paint("minimal"), first_paint("treaty")  # warm .pyc files and the disk cache
    minimal: list[float] = []
    treaty: list[float] = []
    for _ in range(args.rounds):
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
    for _ in range(args.rounds):
        typed_m.append(in_a_terminal(minimal_command))
        typed_t.append(in_a_terminal(treaty_command))
    cm, ct = statistics.median(typed_m), statistics.median(typed_t)
    print(f"the command in a terminal, minimal Textual app: median {cm:.0f} ms")
    print(f"the command in a terminal, `treaty` home screen: median {ct:.0f} ms")
    print(f"ratio `treaty` / minimal: {ct / cm:.2f}x  (target: at most 1.30x)")
    ahead = asyncio.run(choice_cpu(args.choice_rounds))
    cold = asyncio.run(choice_cpu(args.choice_rounds, draw_ahead=False))
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
