"""Tables played at once through `treaty serve`: how fast the server answers a move.

Starts `treaty serve` (this checkout, its own data folder, a free loopback port) and
seats T tables of two clients each on its tables' websocket (`/tables/ws`), the way
`treaty join` does. Each client makes a move a second whenever its side is to move (the
first move offered); a table that reaches an ending is opened again. For every move it
times the server's answer: from sending the move to the first frame that comes back.

Prints the moves made and the answer times in ms (median, 90th percentile, max). Goal
(issue 36): with 20 tables (40 clients) every move answered within 200 ms at the 90th
percentile, on this 2-core machine.

    python benchmarks/table_bench.py [--tables 20] [--seconds 30] [--scenario ID]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
from serve_bench import start_server, stop_server


async def next_frame(ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any] | None:
    message = await ws.receive(timeout=30)
    if message.type != aiohttp.WSMsgType.TEXT:
        return None
    frame: dict[str, Any] = json.loads(message.data)
    return frame


async def next_view(ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any] | None:
    while (frame := await next_frame(ws)) is not None:
        if frame["type"] == "view":
            return frame
        if frame["type"] == "refused":
            raise SystemExit(f"refused: {frame['message']}")
    return None


async def seat(
    http: aiohttp.ClientSession,
    url: str,
    table: str,
    profile: str,
    answers: list[float],
    until: float,
) -> None:
    """One side of one table (the side that is free), until the table ends or time is
    up."""
    async with http.ws_connect(url) as ws:
        await ws.send_str(json.dumps({"type": "join", "table": table, "profile": profile}))
        view = await next_view(ws)
        moved_at = -1
        last = 0.0
        while view is not None and view["ending"] is None and time.monotonic() < until:
            mine = view["name"] in view["to_move"] and view["moves"]
            if mine and view["step"] != moved_at:
                await asyncio.sleep(max(0.0, last + 1.0 - time.monotonic()))
                move = {
                    "type": "move",
                    "table": table,
                    "side": view["side"],
                    "step": view["step"],
                    "number": view["moves"][0][0],
                }
                began = time.perf_counter()
                await ws.send_str(json.dumps(move))
                frame = await next_frame(ws)
                answers.append((time.perf_counter() - began) * 1000)
                last, moved_at = time.monotonic(), view["step"]
                if frame is None:
                    return
                view = frame if frame["type"] == "view" else await next_view(ws)
            else:
                view = await next_view(ws)


async def one_table(
    http: aiohttp.ClientSession,
    url: str,
    scenario: str,
    number: int,
    answers: list[float],
    tables: list[int],
    until: float,
) -> None:
    while time.monotonic() < until:
        async with http.ws_connect(url) as ws:
            await ws.send_str(json.dumps({"type": "open", "scenario": scenario}))
            opened = await next_frame(ws)
        if opened is None or opened["type"] != "opened":
            raise SystemExit(f"the table was not opened: {opened}")
        code = opened["table"]
        tables[0] += 1
        await asyncio.gather(
            *(seat(http, url, code, f"p{number}-{n}", answers, until) for n in range(2))
        )


def spread(values: list[float]) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered):.1f} / {p90:.1f} / {ordered[-1]:.1f}"


async def play(port: int, count: int, seconds: float, scenario: str) -> None:
    url = f"ws://127.0.0.1:{port}/tables/ws"
    answers: list[float] = []
    tables = [0]
    until = time.monotonic() + seconds
    async with aiohttp.ClientSession() as http:
        await asyncio.gather(
            *(one_table(http, url, scenario, n, answers, tables, until) for n in range(count))
        )
    print(
        f"tables={count} clients={2 * count} seconds={seconds:.0f}: {len(answers)} moves "
        f"on {tables[0]} tables; answer ms (median / p90 / max): {spread(answers)}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--scenario", default="ministers-2019-table")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        process, port = start_server(Path(folder), 5)
        try:
            asyncio.run(play(port, options.tables, options.seconds, options.scenario))
        finally:
            stop_server(process)


if __name__ == "__main__":
    main()
