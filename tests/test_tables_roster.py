"""A roster (issue 35): with `treaty serve --roster class.txt`, no one plays as someone else.
A real server on loopback; table frames over a real websocket, and the browser's way in
(the page, the code form, the cookie) over HTTP."""

from __future__ import annotations

import csv
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from test_tables_net import Server, connect, treaty

from game.net.roster import RosterProblem, read_roster


@pytest.fixture(scope="module")
def roster_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Server, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("roster")
    (folder / "class.txt").write_text("Ann\nBen\n\n  Chloé  \n")
    running = Server(folder, None, "--roster", str(folder / "class.txt")).start()
    with (folder / "class-codes.csv").open(newline="") as found:
        codes = {row["name"]: row["code"] for row in csv.DictReader(found)}
    yield running, codes
    running.kill()


def test_the_roster_gives_each_name_a_code_and_keeps_them_next_time(tmp_path: Path) -> None:
    roster_file = tmp_path / "class.txt"
    roster_file.write_text("Ann\nBen\n")
    roster, codes_file, count = read_roster(roster_file)
    assert (codes_file.name, count) == ("class-codes.csv", 2)
    assert codes_file.stat().st_mode & 0o077 == 0
    first = codes_file.read_text()
    rows = list(csv.DictReader(first.splitlines()))
    assert [r["name"] for r in rows] == ["Ann", "Ben", "teacher"]
    codes = {r["name"]: r["code"] for r in rows}
    assert len(set(codes.values())) == 3 and all(len(c) >= 8 for c in codes.values())
    assert roster.right("ann", codes["Ann"].lower()) and not roster.right("Ann", codes["Ben"])
    assert codes["Ann"].encode() not in repr(roster.hashes).encode()  # kept hashed
    roster_file.write_text("Ann\nBen\nCat\n")
    read_roster(roster_file)
    again = {r["name"]: r["code"] for r in csv.DictReader(codes_file.read_text().splitlines())}
    assert {k: again[k] for k in codes} == codes and "Cat" in again
    roster_file.write_text("Ann\nann\n")
    with pytest.raises(RosterProblem, match=r"class\.txt:2: ann is on the roster twice"):
        read_roster(roster_file)


def test_serve_says_where_the_codes_file_is_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A roster named by a relative path: the teacher is told the whole path of the codes.
    import game.tui.serve
    from game.cli import main

    served: list[object] = []
    monkeypatch.setattr(game.tui.serve, "serve", lambda *given: served.append(given))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "class.txt").write_text("Ann\nBen\n")
    assert main(["serve", "--roster", "class.txt", "--data-dir", "data"]) == 0
    said = capsys.readouterr().out
    full = tmp_path.resolve() / "class-codes.csv"
    assert f"Roster: 2 names. Their codes are in {full} (the teacher's on the row" in said
    assert served


def test_wrong_tries_are_slowed_down_after_a_few() -> None:
    from game.net.roster import Roster

    roster = Roster.of({"Ann": "ABCDEFGH"})
    waits = [roster.failed("ann", "10.0.0.9") for _ in range(6)]
    assert waits == [0, 0, 0, 1, 2, 4]
    assert roster.failed("10.0.0.9") == 8  # the address too, whatever name it tries
    roster.passed("Ann")
    assert roster.failed("ann") == 0


async def test_with_a_roster_a_wrong_missing_or_strangers_code_is_refused_and_the_right_one_plays(
    roster_server: tuple[Server, dict[str, str]],
) -> None:
    server, codes = roster_server
    async with aiohttp.ClientSession() as session:
        client = await connect(session, server)
        assert await client.refused(type="open", scenario="two-towns") == (
            "Opening a table takes the teacher's code (--code CODE)."
        )
        assert await client.refused(type="open", scenario="two-towns", code=codes["Ann"]) == (
            "That is not the teacher's code."
        )
        await client.send(type="open", scenario="two-towns", code=codes["teacher"])
        table = (await client.until("opened"))["table"]
        join = {"type": "join", "table": table, "side": "riverton"}
        assert await client.refused(**join, profile="Zed", code=codes["Ann"]) == (
            "Zed is not on this class's roster: ask your teacher."
        )
        assert await client.refused(**join, profile="Ann") == "Ann needs their code (--code CODE)."
        assert await client.refused(**join, profile="Ann", code=codes["Ben"]) == (
            "That is not Ann's code."
        )
        await client.send(**join, profile="chloé", code=codes["Chloé"].lower())
        assert (await client.until("view"))["side"] == "riverton"
        await client.ws.close()


def test_the_command_line_takes_the_code(roster_server: tuple[Server, dict[str, str]]) -> None:
    server, codes = roster_server
    command = [*treaty(), "table", "open", server.url, "two-towns"]
    refused = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
    assert "Opening a table takes the teacher's code (--code CODE)." in refused.stderr
    opened = subprocess.run(
        [*command, "--code", codes["teacher"]], capture_output=True, text=True, timeout=60
    )
    assert opened.returncode == 0, opened.stderr
    table = opened.stdout.splitlines()[-1]
    hint = f"treaty join {server.url} {table} --profile NAME --code CODE"
    assert hint in opened.stdout  # the class has a roster: the hint says so
    joined = subprocess.run(
        [*treaty(), "join", server.url, table, "--profile", "Ben", "--code", "WRONGONE", "--plain"],
        capture_output=True,
        text=True,
        timeout=60,
        input="",
    )
    assert joined.returncode != 0 and "That is not Ben's code." in joined.stdout


async def test_a_browser_opens_a_profile_only_with_its_code_typed_once(
    roster_server: tuple[Server, dict[str, str]],
) -> None:
    server, codes = roster_server
    # A browser keeps cookies of an address given as numbers too (aiohttp, unless told, not).
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
        async with browser.get(server.url + "?profile=Ann") as page:
            assert page.status == 401
            assert "type your name and your code" in await page.text()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await browser.ws_connect(f"ws://127.0.0.1:{server.port}/ws/as/Ann")
        assert refused.value.status == 403
        started = time.monotonic()
        for _ in range(4):
            async with browser.post(
                server.url + "code", data={"name": "Ben", "code": "WRONGONE"}
            ) as page:
                assert "That is not Ben&#x27;s code: try again." in await page.text()
        assert time.monotonic() - started >= 1  # the fourth wrong try waited
        async with browser.post(
            server.url + "code",
            data={"name": "Ann", "code": codes["Ann"]},
            allow_redirects=False,
        ) as answer:
            assert answer.status == 303 and answer.headers["Location"] == "/?profile=Ann"
        async with browser.get(server.url + "?profile=Ann") as page:
            assert page.status == 200 and "/ws/as/Ann" in await page.text()
        async with browser.get(server.url + "?profile=Ben") as page:
            assert page.status == 401  # Ann's code opens Ann's profile, no other
