"""Part 4 of `tui_bench.py`: a round of choices at a time on the play screen, in this
process or in a worker process running another tree's code (`--baseline-tree`).

Run as a script, this is such a worker: a round of choices for each line "round" read
from stdin, its costs written to stdout as one line of JSON.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any


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


class ChoiceRounds:
    """The app of part 2, run headless, and a round of its choices at a time (only the
    engine's and the app's public names, so that an older tree runs it too)."""

    def __init__(self, draw_ahead: bool = True) -> None:
        from game.content.catalog import check
        from game.content.paths import bundled_root
        from game.store.progress import open_store
        from game.tui import make_app
        from game.tui.screens.play import PlayScreen

        class Play(PlayScreen):
            DRAW_AHEAD = draw_ahead

        self.play_screen = Play
        self.catalog = check([bundled_root()])
        # Progress is saved as it is in class, choice by choice (in a thread: counted too).
        store = open_store(Path(tempfile.mkdtemp(prefix="treaty-bench-")))
        self.app = make_app(catalog=self.catalog, store=store)
        self.clock = FrameClock(self.app)
        self.running: Any = None
        self.pilot: Any = None

    async def __aenter__(self) -> ChoiceRounds:
        self.running = self.app.run_test(size=(100, 30))
        self.pilot = await self.running.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.running.__aexit__(*exc)

    async def round(self) -> dict[str, list[float]]:
        from game.engine import apply_choice, available_choices
        from game.tui.screens.play import PlayScreen

        app, pilot = self.app, self.pilot
        found: dict[str, list[float]] = {"frame": [], "rest": [], "engine": []}
        for scenario in self.catalog.scenarios.values():
            app.push_screen(self.play_screen(scenario))
            # The student reads the first scene before choosing: the screen is shown and
            # at rest (its footer laid out, the next scenes drawn ahead), as it is after
            # each choice below.
            for _ in range(3):
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
                found["frame"].append(await self.clock.after(choose))
                await pilot.pause()
                found["rest"].append((time.process_time() - start) * 1000)
            app.pop_screen()
            await pilot.pause()
        return found


async def serve_rounds() -> None:
    """A worker: a round of choices for each line "round" read from stdin, its costs
    written to stdout as one line of JSON; ends at the end of stdin."""
    loop = asyncio.get_running_loop()
    async with ChoiceRounds() as play:
        await play.round()  # warm up: imports, styles, the first drawing of each screen
        print("ready", flush=True)
        while (await loop.run_in_executor(None, sys.stdin.readline)).strip() == "round":
            print(json.dumps(await play.round()), flush=True)


class Worker:
    """A process measuring choices with the code and content of `tree` (None: this one)."""

    def __init__(self, tree: Path | None) -> None:
        env = dict(os.environ)
        cwd = None
        if tree is not None:
            # The tree's own package first; this venv's packages (Textual...) after it.
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tree), env.get("PYTHONPATH")]))
            cwd = str(tree)
        env.setdefault("TREATY_DATA_DIR", tempfile.mkdtemp(prefix="treaty-bench-"))
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=cwd,
        )
        self.expect("ready")

    def expect(self, what: str) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line or (what and line.strip() != what):
            self.process.kill()
            sys.exit(f"a worker stopped (expected {what or 'a round'}, read {line!r})")
        return line

    def round(self) -> list[float]:
        assert self.process.stdin is not None
        self.process.stdin.write("round\n")
        self.process.stdin.flush()
        frame: list[float] = json.loads(self.expect(""))["frame"]
        return frame

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def against_baseline(tree: Path, rounds: int) -> None:
    """Part 4: this tree's choices against `tree`'s, round by round in turn."""
    here, there = Worker(None), Worker(tree)
    costs: dict[str, list[float]] = {"this tree": [], "baseline": []}
    ratios: list[float] = []
    try:
        for n in range(rounds):
            order = [("this tree", here), ("baseline", there)]
            medians = {}
            for name, worker in order if n % 2 == 0 else order[::-1]:
                frame = worker.round()
                costs[name] += frame
                medians[name] = statistics.median(frame)
            ratios.append(medians["this tree"] / medians["baseline"])
    finally:
        here.close()
        there.close()
    for name, found in costs.items():
        p90 = statistics.quantiles(found, n=10)[-1]
        print(
            f"a choice until its frame, {name}: median {statistics.median(found):.1f} ms CPU, "
            f"90th percentile {p90:.1f} ms, over {len(found)} choices"
        )
    mine, base = (statistics.median(costs[k]) for k in ("this tree", "baseline"))
    print(
        f"ratio this tree / baseline ({tree}): {mine / base:.2f} of the medians, "
        f"{statistics.median(ratios):.2f} the median of {rounds} rounds' ratios "
        "(target: at most 1.00)"
    )


if __name__ == "__main__":
    asyncio.run(serve_rounds())
