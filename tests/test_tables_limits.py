"""What no one client may take from a class (issue 35): the table server holds at most so
many connections, each told so in a frame past the cap, and a connection that sends too
fast has its extra frames refused, unread; a real server on loopback. And under a roster,
a table is not played by two names at one keyboard (the second student's code is never
asked there), said in words."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import aiohttp
import pytest
from test_tables_net import Client, Server, connect, server  # noqa: F401  # the fixture
from test_tui_tables import CATALOG, name_the_players, open_the_table

from game.net.server import FULL, MOST_CONNECTIONS, TOO_FAST, Pace
from game.store.progress import open_store
from game.tui import make_app
from game.tui.forking import ONE_PROFILE
from game.tui.screens.home import HomeScreen
from game.tui.screens.profiles import ProfileScreen
from game.tui.screens.scenarios import ScenarioListScreen
from game.tui.screens.table import TableScreen
from game.tui.table_saves import latest_place
from game.tui.tables import ROSTER_TABLE
from helpers import screen_text


async def test_past_the_cap_a_connection_is_told_so_and_the_server_plays_on(
    tmp_path: Path,
) -> None:
    own = Server(tmp_path).start()  # its own: no connection of another test is counted
    try:
        await _fill(own)
    finally:
        own.kill()


async def _fill(server: Server) -> None:  # noqa: F811
    # Many clients at once (aiohttp's own client holds 100 unless told otherwise).
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        clients = [await connect(session, server) for _ in range(MOST_CONNECTIONS + 3)]

        async def told(client: Client) -> str | None:
            """FULL when the server refused this connection, None when it kept it."""
            with contextlib.suppress(TimeoutError):
                message = await client.ws.receive(timeout=2)
                if message.type == aiohttp.WSMsgType.TEXT:
                    return str((await _closed(client, message.json()))["message"])
            return None

        answers = await asyncio.gather(*(told(c) for c in clients))
        kept = [c for c, said in zip(clients, answers, strict=True) if said is None]
        refused = [c for c, said in zip(clients, answers, strict=True) if said is not None]
        assert len(kept) == MOST_CONNECTIONS  # no more than the cap, and all of it
        assert {answers[i] for i in range(len(clients)) if answers[i] is not None} == {FULL}
        assert len(refused) == 3
        assert all(c.ws.close_code == aiohttp.WSCloseCode.TRY_AGAIN_LATER for c in refused)
        # Those kept still play; once one goes, a newcomer is let in.
        await kept[0].send(type="open", scenario="two-towns")
        assert (await kept[0].until("opened"))["scenario"] == "two-towns"
        await kept[1].ws.close()
        for _ in range(100):  # the server sees the close, then frees the place
            newcomer = await connect(session, server)
            await newcomer.send(type="open", scenario="two-towns")
            frame = await newcomer.frame()
            if frame["type"] == "opened":
                break
            assert frame == {"type": "refused", "message": FULL}
        assert frame["type"] == "opened"
        for client in [*kept, newcomer]:
            await client.ws.close()


async def _closed(client: Client, frame: dict[str, str]) -> dict[str, str]:
    """The frame a refused connection was sent, once the server has closed it."""
    message = await client.ws.receive(timeout=10)
    assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED), message
    return frame


async def test_frames_sent_too_fast_are_refused_unread_and_the_connection_kept(
    server: Server,  # noqa: F811
) -> None:
    async with aiohttp.ClientSession() as session:
        client = await connect(session, server)
        flood = '{"type": "open", "scenario": "no-such-table"}'
        for _ in range(300):
            await client.ws.send_str(flood)
        answers: list[str] = []
        while TOO_FAST not in answers:
            answers.append(str((await client.until("refused"))["message"]))
        assert len(answers) < 100  # far fewer than were sent were read
        assert answers.count(TOO_FAST) == 1  # said once, not once a frame
        # A moment later (the pace refills: RATE frames a second), it is read again.
        await asyncio.sleep(2 / Pace.RATE)
        await client.send(type="open", scenario="two-towns")
        frame = await client.frame()
        assert frame["type"] == "opened"
        await client.ws.close()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_under_a_roster_a_table_is_not_played_by_two_at_one_keyboard(
    size: tuple[int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path)
    # Without a roster: Ann and Ben start a table at one keyboard, and leave it part-way.
    app = make_app(catalog=CATALOG, store=store, profile="Ann")
    async with app.run_test(size=size) as pilot:
        await open_the_table(pilot)
        await name_the_players(pilot)
        await pilot.press("enter", "2", "enter")  # Riverton picks 2 and plays it
        await app.workers.wait_for_complete()
    # Under `treaty serve --roster`, Ann's game (her code typed) offers no table to two:
    # Home does not offer to continue it, and the list says why it does not open.
    monkeypatch.setenv(ONE_PROFILE, "1")
    before = store.profiles()
    app = make_app(catalog=CATALOG, store=store, profile="Ann")
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        home = screen_text(app)
        assert "Ann and Ben" not in home and "Continue" not in home
        assert app.session.saved_game() is None
        await open_the_table(pilot)
        assert isinstance(app.screen, ScenarioListScreen)  # no "Who plays …?" name prompt
        assert not any(isinstance(s, ProfileScreen | TableScreen) for s in app.screen_stack)
        assert [n.message for n in app._notifications] == [ROSTER_TABLE]
        # Were Continue reached another way (a saved table), it is refused the same.
        saved = latest_place(store, store.profile("Ann"), CATALOG)
        assert saved is not None and app.continue_table(saved)
        await pilot.pause()
        assert not any(isinstance(s, TableScreen) for s in app.screen_stack)
        assert [n.message for n in app._notifications] == [ROSTER_TABLE, ROSTER_TABLE]
    assert store.profiles() == before  # no profile made for anyone without their code
    assert "Ben" in before and "Chloé" not in before
