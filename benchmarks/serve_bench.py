"""A class connecting at once to `treaty serve`.

Starts `treaty serve` (this checkout, as a teacher would: its own data folder, a free
loopback port), then for each class size N opens N games at the same moment, each the way
the page does (a websocket to /ws/as/NAME, the page's Origin, its first resize), and
measures for each the time from opening the socket until its home screen (the line
"playing as NAME") reaches it. Then, while all N games are running, it reads each
game's memory from /proc: USS (memory only that game uses: its private pages) and
RSS (all it touches, shared pages included). The games are closed before the next size.

Prints, per N: first-screen seconds (median, 90th percentile, max), the CPU each game had
used when all had their first screen (user + system, median), USS and RSS per game (median,
MiB), and how many games never showed a screen. Goals (issue 36): all 40 within 5 s; at
most 20 MiB USS per game.

With `--play`, each game of the class then plays the first scenario to its ending (the
keys a student would press: S, Enter, Enter, then the first choice each time), and its
memory is read again: a game's USS grows as it is played (the pages it writes, its own
and those it shared with the fork server), and that is what sizes the server's cap on
games (`GAME_MEMORY` in game/tui/capacity.py).

First, one game at a time (`--cpu-rounds`, 10 by default): the CPU (user + system) the
game's process had used when its first screen arrived, and the server's own CPU over the
same time (the relay, the fork), medians. On a machine others share, this is the figure
that compares: time waits on other processes, CPU does not.

With `--baseline-tree DIR` (a checkout of another commit: `git worktree add --detach DIR
main`), a second server runs DIR's code (its folder first on the path), and every
measurement alternates between the two, the order swapped each time, so that both see the
same load; the ratios this tree / baseline are printed after.

    python benchmarks/serve_bench.py [--sizes 10 20 40] [--timeout 90] [--cpu-rounds 10]
        [--baseline-tree DIR] [--play]

Linux only (it reads /proc). Run it on a quiet machine: the figures are the machine's.
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


HERE = Path(__file__).resolve().parent.parent
"""This tree (the checkout the benchmark belongs to)."""
TICK = os.sysconf("SC_CLK_TCK")


def start_server(folder: Path, most: int, tree: Path = HERE) -> tuple[subprocess.Popen[bytes], int]:
    """`treaty serve` from `tree`'s code (its folder first on the path; run from there, as
    `-m` puts the working folder first)."""
    port = free_port()
    env = {**os.environ, "TREATY_CONFIG_DIR": str(folder / "config")}
    env["PYTHONPATH"] = os.pathsep.join([str(tree), env.get("PYTHONPATH", "")]).rstrip(":")
    command = [sys.executable, "-m", "game", "serve", "--port", str(port)]
    command += ["--data-dir", str(folder / "data"), "--max-players", str(most)]
    process = subprocess.Popen(
        command,
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop_server(process)
                raise SystemExit("treaty serve did not start") from None
            time.sleep(0.1)
    settle(process.pid)
    return process, port


def settle(server: int, quiet: float = 0.5, most: float = 60) -> None:
    """Until the server and its fork server have stopped working (the fork server loads
    and runs a game once before it forks any): a class comes to a server started before
    the lesson, and its start is not what is measured."""
    deadline = time.monotonic() + most
    last = serving_cpu(server)
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = serving_cpu(server)
        if now == last and now[1] > 0:
            return
        last = now


def stop_server(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (children, their children, …), from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def memory(pid: int) -> tuple[int, int] | None:
    """(USS, RSS) of one process in bytes, from /proc/PID/smaps_rollup."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return None
    kb: dict[str, int] = {}
    for line in lines:
        name, _, rest = line.partition(":")
        words = rest.split()
        if words and words[0].isdigit():
            kb[name] = int(words[0])
    uss = kb.get("Private_Clean", 0) + kb.get("Private_Dirty", 0)
    return uss * 1024, kb.get("Rss", 0) * 1024


def cpu(pid: int) -> float | None:
    """The CPU (user + system, all threads) a process has used, in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def serving_cpu(server: int) -> tuple[float, float]:
    """The CPU the server and its fork server have used (the games' own not counted)."""
    found = cpu(server) or 0.0
    forks = 0.0
    for pid in descendants(server):
        try:
            words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if b"game.tui.forking" in words and parent == server:
            forks += cpu(pid) or 0.0
    return found, forks


def games(server: int) -> list[int]:
    """The visitors' games below the server: processes running `-m game` (without
    `serve`), or forked from the fork server (`-m game.tui.forking`, whose own process,
    the server's child, is not a game)."""
    found = []
    for pid in descendants(server):
        try:
            words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        started = b"game" in words and b"serve" not in words
        forked = b"game.tui.forking" in words and parent != server
        if started or forked:
            found.append(pid)
    return found


async def first_screen(
    http: aiohttp.ClientSession, port: int, name: str, limit: float
) -> tuple[float | None, aiohttp.ClientWebSocketResponse | None]:
    page = f"http://127.0.0.1:{port}"
    began = time.perf_counter()
    try:
        ws = await http.ws_connect(
            f"{page}/ws/as/{name}?width=100&height=30",
            headers={"Origin": page},
            max_msg_size=0,
        )
    except aiohttp.ClientError:
        return None, None
    await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    seen = ""
    deadline = began + limit
    while (left := deadline - time.perf_counter()) > 0:
        try:
            message = await ws.receive(timeout=left)
        except TimeoutError:
            break
        if message.type == aiohttp.WSMsgType.BINARY:
            seen = (seen + decoder.decode(message.data))[-4096:]
            if f"playing as {name}" in seen:
                return time.perf_counter() - began, ws
        elif message.type != aiohttp.WSMsgType.TEXT:
            break
    return None, ws


def mib(values: list[int]) -> str:
    return f"{statistics.median(values) / 2**20:.1f}" if values else "-"


def spread(values: list[float]) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered):.2f} / {p90:.2f} / {ordered[-1]:.2f}"


PLAY = ["s", "\r", "\r"] + ["1", "\r"] * 15
"""Keys that play the first scenario to its ending: S (scenarios), Enter (the first),
Enter (begin), then the first choice and Enter, again and again."""


async def play_through(ws: aiohttp.ClientWebSocketResponse) -> None:
    """Press `PLAY`'s keys, a student's pace apart, reading what the game sends."""
    for key in PLAY:
        await ws.send_str(json.dumps(["stdin", key]))
        deadline = time.perf_counter() + 0.4
        while (left := deadline - time.perf_counter()) > 0:
            try:
                message = await ws.receive(timeout=left)
            except TimeoutError:
                break
            if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                return


def memory_line(pids: list[int]) -> str:
    sizes = [m for pid in pids if (m := memory(pid))]
    uss, rss = mib([u for u, _ in sizes]), mib([r for _, r in sizes])
    return f"per game MiB: USS {uss}, RSS {rss}  ({len(sizes)} games)"


async def one_class(
    process: subprocess.Popen[bytes],
    port: int,
    size: int,
    limit: float,
    label: str = "",
    play: bool = False,
) -> dict[str, float]:
    """N games opened at once; prints their figures and returns the medians."""
    async with aiohttp.ClientSession() as http:
        names = [f"S{size}x{n}" for n in range(size)]
        before, ours = serving_cpu(process.pid), time.process_time()
        opened = await asyncio.gather(*(first_screen(http, port, n, limit) for n in names))
        after = serving_cpu(process.pid)
        serving, forking = after[0] - before[0], after[1] - before[1]
        clients = time.process_time() - ours  # the simulated browsers share the cores
        times = [t for t, _ in opened if t is not None]
        used = [c for pid in games(process.pid) if (c := cpu(pid)) is not None]
        await asyncio.sleep(2)  # let the games settle before reading their memory
        print(
            f"{label}N={size:3d}  first screen s (median / p90 / max): {spread(times)}"
            f"  never: {size - len(times)}"
            f"  CPU per game s: {statistics.median(used) if used else float('nan'):.2f}"
            f" (in all: server {serving:.2f}, fork server {forking:.2f}, these clients"
            f" {clients:.2f})"
            f"  {memory_line(games(process.pid))}",
            flush=True,
        )
        if play:
            await asyncio.gather(*(play_through(ws) for _, ws in opened if ws is not None))
            await asyncio.sleep(2)
            print(
                f"{label}N={size:3d}  after the first scenario played to its ending: "
                f"{memory_line(games(process.pid))}",
                flush=True,
            )
        for _, ws in opened:
            if ws is not None:
                await ws.close()
    await all_ended(process)
    return {
        "first screen": statistics.median(times) if times else float("nan"),
        "CPU per game": statistics.median(used) if used else float("nan"),
    }


async def all_ended(process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while games(process.pid) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)


async def one_game_cpu(
    process: subprocess.Popen[bytes], port: int, name: str, limit: float
) -> tuple[float, float] | None:
    """One game alone: (its CPU, the server's CPU) from opening it to its first screen."""
    server_before = cpu(process.pid)
    async with aiohttp.ClientSession() as http:
        seconds, ws = await first_screen(http, port, name, limit)
        found = games(process.pid)
        game = cpu(found[0]) if len(found) == 1 else None
        server_after = cpu(process.pid)
        if ws is not None:
            await ws.close()
    await all_ended(process)
    if seconds is None or game is None or server_before is None or server_after is None:
        return None
    return game, server_after - server_before


async def cpu_rounds(
    servers: dict[str, tuple[subprocess.Popen[bytes], int]], rounds: int, limit: float
) -> dict[str, float]:
    """`rounds` games one at a time on each server, in turn; prints the medians."""
    found: dict[str, list[tuple[float, float]]] = {label: [] for label in servers}
    order = list(servers)
    for n in range(rounds):
        for label in order if n % 2 == 0 else order[::-1]:
            process, port = servers[label]
            measured = await one_game_cpu(process, port, f"C{n}", limit)
            if measured is not None:
                found[label].append(measured)
    medians = {}
    for label, pairs in found.items():
        if not pairs:
            print(f"{label}: no game showed its first screen", flush=True)
            continue
        game = statistics.median(g for g, _ in pairs)
        server = statistics.median(s for _, s in pairs)
        medians[label] = game
        print(
            f"{label}: one game alone, CPU to its first screen: game {game:.3f} s, "
            f"server {server:.3f} s (median of {len(pairs)}; clock ticks of {1 / TICK:.2f} s)",
            flush=True,
        )
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 20, 40])
    parser.add_argument("--timeout", type=float, default=90.0)
    parser.add_argument("--cpu-rounds", type=int, default=10)
    parser.add_argument("--baseline-tree", type=Path)
    parser.add_argument("--play", action="store_true")
    options = parser.parse_args()
    trees = {"this tree": HERE}
    if options.baseline_tree is not None:
        trees["baseline"] = options.baseline_tree.resolve()
    most = max(options.sizes, default=1) + 5
    servers: dict[str, tuple[subprocess.Popen[bytes], int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        try:
            for label, tree in trees.items():
                servers[label] = start_server(Path(folder) / label.replace(" ", "-"), most, tree)
            print(
                f"cores: {os.cpu_count()}  "
                + ", ".join(f"{label}: {tree}" for label, tree in trees.items()),
                flush=True,
            )
            ratios: dict[str, list[float]] = {}
            if options.cpu_rounds:
                alone = asyncio.run(cpu_rounds(servers, options.cpu_rounds, options.timeout))
                if len(alone) == 2:
                    ratios["one game's CPU"] = [alone["this tree"] / alone["baseline"]]
            for n, size in enumerate(options.sizes):
                order = list(servers) if n % 2 == 0 else list(servers)[::-1]
                found = {}
                for label in order:
                    process, port = servers[label]
                    prefix = f"{label:9s}  " if len(servers) > 1 else ""
                    found[label] = asyncio.run(
                        one_class(process, port, size, options.timeout, prefix, options.play)
                    )
                if len(found) == 2:
                    for figure in ("first screen", "CPU per game"):
                        ratio = found["this tree"][figure] / found["baseline"][figure]
                        ratios.setdefault(f"N={size} {figure}", []).append(ratio)
            for figure, values in ratios.items():
                print(f"ratio this tree / baseline, {figure}: {values[0]:.2f}", flush=True)
        finally:
            for process, _ in servers.values():
                stop_server(process)


if __name__ == "__main__":
    main()
