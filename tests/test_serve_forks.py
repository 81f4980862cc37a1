"""`treaty serve` forks each visitor's game from one game process started at start-up
(game/tui/forking.py): the games share what it imported, and a class is not kept waiting
while each game imports Textual again. If that process is gone, games start as before."""

import asyncio
import contextlib
import json
import os
import shutil
import signal
from pathlib import Path

import aiohttp
import pytest
from test_serve import connect, kill_server, profiles, screen_shows, start_server, stop_server


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def command(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")


def fork_server(server: int) -> int:
    [found] = [pid for pid in children(server) if "game.tui.forking" in command(pid)]
    return found


async def test_each_game_is_forked_from_one_started_game_and_plays(tmp_path: Path) -> None:
    process, port = start_server(tmp_path)
    try:
        async with asyncio.timeout(240), aiohttp.ClientSession() as http:
            anna = await connect(http, port, "Anna")
            ben = await connect(http, port, "Ben")
            assert await screen_shows(anna, "playing as Anna")
            assert await screen_shows(ben, "playing as Ben")
            forks = fork_server(process.pid)
            assert len(children(forks)) == 2  # both games, and no process of their own
            assert not [p for p in children(process.pid) if command(p)[1:3] == ["-m", "game"]]
            # A forked game takes keys like any other.
            await ben.send_str(json.dumps(["stdin", "s"]))
            assert await screen_shows(ben, "Choose a negotiation")
            await anna.close()
            await ben.close()
        output = stop_server(process)
    finally:
        kill_server(process)
    assert "Traceback" not in output
    assert {"Anna", "Ben"} <= profiles(tmp_path / "data")


async def test_without_its_fork_server_a_class_still_gets_games(tmp_path: Path) -> None:
    process, port = start_server(tmp_path)
    try:
        async with asyncio.timeout(240), aiohttp.ClientSession() as http:
            anna = await connect(http, port, "Anna")
            assert await screen_shows(anna, "playing as Anna")
            os.kill(fork_server(process.pid), signal.SIGKILL)
            # Anna plays on; Ben's game starts as a process of its own.
            ben = await connect(http, port, "Ben")
            assert await screen_shows(ben, "playing as Ben")
            await anna.send_str(json.dumps(["stdin", "s"]))
            assert await screen_shows(anna, "Choose a negotiation")
            await anna.close()
            await ben.close()
        output = stop_server(process)
    finally:
        kill_server(process)
    assert "Traceback" not in output
    assert {"Anna", "Ben"} <= profiles(tmp_path / "data")


async def test_a_teachers_change_to_the_content_reaches_the_next_game(tmp_path: Path) -> None:
    # The fork server loads the content ahead; a file changed since is read again.
    folder = tmp_path / "class"
    shutil.copytree(Path(__file__).parent.parent / "examples" / "harbour-town", folder)
    fees = folder / "scenarios" / "harbour-fees.yaml"
    process, port = start_server(tmp_path, "--only", str(folder))
    try:
        async with asyncio.timeout(240), aiohttp.ClientSession() as http:
            anna = await connect(http, port, "Anna")
            assert await screen_shows(anna, "playing as Anna")
            await anna.send_str(json.dumps(["stdin", "s"]))
            assert await screen_shows(anna, "The mooring fees")
            fees.write_text(fees.read_text().replace("The mooring fees", "The mooring dues"))
            ben = await connect(http, port, "Ben")
            assert await screen_shows(ben, "playing as Ben")
            await ben.send_str(json.dumps(["stdin", "s"]))
            assert await screen_shows(ben, "The mooring dues")
            await anna.close()
            await ben.close()
        output = stop_server(process)
    finally:
        kill_server(process)
    assert "Traceback" not in output


def test_content_kept_ahead_is_reused_until_a_file_of_it_changes(tmp_path: Path) -> None:
    from game.content import only

    folder = tmp_path / "class"
    shutil.copytree(Path(__file__).parent.parent / "examples" / "harbour-town", folder)
    content = only.OnlyFolders([str(folder)])
    try:
        only.keep_content(content)
        kept = only.load_content(content)
        assert only.load_content(content) is kept  # nothing read again
        assert "harbour-fees" in kept.scenarios
        fees = folder / "scenarios" / "harbour-fees.yaml"
        fees.write_text(fees.read_text().replace("The mooring fees", "The mooring dues!"))
        fresh = only.load_content(content)
        assert fresh is not kept
        assert fresh.scenarios["harbour-fees"].title == "The mooring dues!"
        (folder / "scenarios" / "harbour-fees.yaml").unlink()  # a file taken away
        assert "harbour-fees" not in only.load_content(content).scenarios
    finally:
        only._kept.clear()


def test_kept_content_looks_only_at_what_the_loader_reads(tmp_path: Path) -> None:
    # In a checkout the game's own content is the repository's top folder, beside a
    # virtual environment of thousands of files: a game must not stat them all. Files
    # the loader reads still count: a scenario added, a fact file edited.
    from game.content import only

    folder = tmp_path / "class"
    shutil.copytree(Path(__file__).parent.parent / "examples" / "harbour-town", folder)
    deep = folder / ".venv" / "lib" / "site-packages"
    deep.mkdir(parents=True)
    (deep / "module.py").write_text("x = 1\n")
    content = only.OnlyFolders([str(folder)])
    try:
        only.keep_content(content)
        kept = only.load_content(content)
        assert not [f for f, _, _ in only._files(content) if "site-packages" in f]
        (deep / "module.py").write_text("x = 2 # changed, and longer\n")
        assert only.load_content(content) is kept  # nothing the game reads has changed
        fees = folder / "scenarios" / "harbour-fees.yaml"
        copy = folder / "scenarios" / "harbour-dues.yaml"
        copy.write_text(fees.read_text().replace("id: harbour-fees", "id: harbour-dues"))
        assert "harbour-dues" in only.load_content(content).scenarios
    finally:
        only._kept.clear()


async def test_with_a_roster_a_game_plays_only_the_profile_it_was_opened_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `treaty serve --roster` opens each game for the profile whose code was typed; the
    # game's own "Student" key must not then open someone else's progress.
    from textual.widgets import OptionList

    from game.content.catalog import check
    from game.content.paths import bundled_root
    from game.store.progress import open_store
    from game.tui import make_app
    from game.tui.forking import ONE_PROFILE, ForkedAppService, ForkServer, no_browser
    from game.tui.screens.home import HomeScreen

    forks = ForkServer({})
    rostered = ForkedAppService("", forks=forks, words=[], one_profile=True, **no_browser())
    assert rostered._build_environment()[ONE_PROFILE] == "1"
    free = ForkedAppService("", forks=forks, words=[], **no_browser())
    assert ONE_PROFILE not in free._build_environment()

    monkeypatch.setenv(ONE_PROFILE, "1")
    store = open_store(tmp_path)
    store.profile("Ben")
    app = make_app(catalog=check([bundled_root()]), store=store, profile="Anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # no list of the class's names
        said = [n.message for n in app._notifications]
        assert any("This class has a roster: here you play as Anna." in m for m in said)
        menu = app.screen.query_one("#home-menu", OptionList)
        prompts = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert any("playing as Anna: this game is Anna's" in prompt for prompt in prompts)
        assert not any("switch, or add your name" in prompt for prompt in prompts)


def test_a_fork_server_that_never_answers_is_given_up(monkeypatch: pytest.MonkeyPatch) -> None:
    # A fork server stuck before its first answer must not keep a class waiting: the game
    # asks, waits ANSWER_SECONDS, then starts as a process of its own (OSError here).
    import socket
    import time

    from game.tui import forking

    forks = forking.ForkServer({})
    ours, silent = socket.socketpair()
    ours.settimeout(0.2)  # as start() sets ANSWER_SECONDS on the channel
    forks.channel = ours
    began = time.monotonic()
    try:
        with pytest.raises(OSError):
            forks.fork(["--profile", "Anna"], {}, [0, 1, 2])
        assert time.monotonic() - began < 5
        assert forks.channel is None  # given up: the next games start as processes
        with pytest.raises(OSError):
            forks.fork(["--profile", "Ben"], {}, [0, 1, 2])
    finally:
        silent.close()
    assert forking.ANSWER_SECONDS >= 30  # long enough for a slow start, not forever


def test_the_progress_file_is_checked_once_by_the_server_not_by_every_game(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The checks made when the progress file opens (a -wal from elsewhere, every row
    # surveyed) read the whole file: a class's term of answers, for each game that opens.
    # The fork server makes them once, says what they found on the server's terminal,
    # and the games forked after skip them.
    import sqlite3

    from game.store import opening
    from game.store.progress import DB_NAME, open_store
    from game.tui.warm_start import check_the_store

    store = open_store(tmp_path)
    store.record_answer(store.profile("Ann"), "quiz", "q1", "1956", True, 1.0, 3.0)
    store.close()
    raw = sqlite3.connect(tmp_path / DB_NAME)
    raw.execute("UPDATE answers SET score = 'ten out of ten'")  # a row no game can use
    raw.commit()
    raw.close()
    assert check_the_store(["--data-dir", str(tmp_path)]) is True
    said = capsys.readouterr().err
    assert said.startswith("treaty serve: ") and "could not be read (an answer)" in said

    def whole_file_read(*_: object) -> None:
        raise AssertionError("a forked game read the whole progress file again")

    monkeypatch.setattr(opening, "_set_aside_foreign_wal", whole_file_read)
    monkeypatch.setattr(opening.Store, "survey", whole_file_read)
    game = open_store(tmp_path, checked=True)
    assert game.warning is None and game.profile("Ann") > 0
    game.close()
    with pytest.raises(AssertionError):
        open_store(tmp_path)  # a game started on its own still checks


def _gone_within(pids: list[int], seconds: float) -> list[int]:
    """Which of `pids` are still running (zombies count as gone) after up to `seconds`."""
    import time

    def running(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        return state != "Z"

    deadline = time.monotonic() + seconds
    while (left := [p for p in pids if running(p)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def _kill_left(pids: list[int], folder: Path) -> None:
    """A failed test leaves nothing running (its server's group is gone already): each of
    `pids` still running on `folder` (not another's process given the same id since)."""
    for pid in pids:
        with contextlib.suppress(OSError):
            if str(folder) in " ".join(command(pid)):
                os.kill(pid, signal.SIGKILL)


async def test_games_and_the_fork_server_end_when_the_server_is_killed(tmp_path: Path) -> None:
    # A server SIGKILLed (or its machine's terminal closed hard) must not leave a class's
    # games running with no one to reach them: the fork server reads the end of its
    # channel, and each game notices its server is gone.
    process, port = start_server(tmp_path)
    watched: list[int] = []
    try:
        async with asyncio.timeout(240), aiohttp.ClientSession() as http:
            anna = await connect(http, port, "Anna")
            assert await screen_shows(anna, "playing as Anna")
            forks = fork_server(process.pid)
            watched += [forks, *children(forks)]
            assert len(watched) == 2
            os.kill(process.pid, signal.SIGKILL)  # the server alone, not its group
            process.wait()
            assert _gone_within(watched, 10) == []
            await anna.close()
    finally:
        kill_server(process)
        _kill_left(watched, tmp_path)


async def test_games_started_without_the_fork_server_end_with_the_server_too(
    tmp_path: Path,
) -> None:
    # The fork server gone, Anna's forked game plays on; Ben's game starts as a process
    # of the server's own. The server killed outright, neither is left running.
    process, port = start_server(tmp_path)
    watched: list[int] = []
    try:
        async with asyncio.timeout(240), aiohttp.ClientSession() as http:
            anna = await connect(http, port, "Anna")
            assert await screen_shows(anna, "playing as Anna")
            forks = fork_server(process.pid)
            [anna_game] = children(forks)
            watched.append(anna_game)
            os.kill(forks, signal.SIGKILL)
            ben = await connect(http, port, "Ben")
            assert await screen_shows(ben, "playing as Ben")
            assert _gone_within([anna_game], 2) == [anna_game]  # Anna's game lives on
            started = children(process.pid)
            watched += [anna_game, *started, *(p for s in started for p in children(s))]
            assert any(command(p)[1:3] == ["-m", "game"] for p in watched)
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            assert _gone_within(watched, 10) == []
            await anna.close()
            await ben.close()
    finally:
        kill_server(process)
        _kill_left(watched, tmp_path)


def test_a_game_watches_only_a_server_named_by_a_process_id(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A game outside `treaty serve` (no SERVER_PID), or one given nonsense, watches nothing.
    import subprocess
    import sys
    import threading

    from game.net import lifeline

    for given in ("", "abc", "1", "-5"):
        monkeypatch.setenv(lifeline.SERVER_PID, given)
        lifeline.end_with_server()
    assert not [t for t in threading.enumerate() if t.name == "lifeline"]
    # A server that is not the game's parent (a forked game's) is watched all the same.
    server = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    game = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from game.net.lifeline import end_with; "
            f"end_with({server.pid}); print('watching', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert game.stdout is not None and game.stdout.readline() == "watching\n"
        server.kill()
        server.wait()
        assert game.wait(timeout=10) == -signal.SIGTERM
    finally:
        for process in (server, game):
            process.kill()
            process.wait()
