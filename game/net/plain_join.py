"""One side of a table over the network, as lines of text (issue 35): `treaty join
--plain`. The lines are those of hot-seat plain play (`game.plain.table`), one side's
only: its prompts ("Japan's delegation, choose 1-3:"), one number a line, so two scripted
clients can play a table. While the other side has not moved it says so ("Waiting for
Russia's delegation…"); it is never silent, even while it waits for the student's number:
the other side moving, leaving or coming back, the teacher pausing, resuming or closing
the table, the connection lost and tried again, or the table's end are said as they
come, and the prompt again after them. Everything shown
comes from the server's view of this side: the other side's brief and private meters
never reach this machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from typing import Any

from game.content.scenario_title import title_with_year
from game.net.client import Connection, Replaced, Seat, rejoin
from game.net.protocol import Move, Opened, Refused, View
from game.plain.common import Ask, Say, move_prompt, number_typed, plain_text, wrap

WHY_HEADING = "Why this ending"
PAUSED = "Paused by the teacher: wait until they resume the table…"
RESUMED = "The teacher has resumed the table."
HELD = "The table is paused: type your move again once the teacher has resumed it."
CLOSED = "Closed by the teacher: this table ends here, with no more moves."
STOPPED = "\nStopped before the end. Your side is kept: run the same command to rejoin the table."


class _Over(Exception):
    """The game ended while the student was typing: the status `play` returns."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _MovedOn(Exception):
    """The table moved on to another step while the student was typing."""

    def __init__(self, view: View) -> None:
        super().__init__(view.step)
        self.view = view


class PlainJoin:
    """One side's game of a table over `connection`."""

    def __init__(self, connection: Connection, seat: Seat, ask: Ask, say: Say) -> None:
        self.connection = connection
        self.seat = seat
        self.ask = ask
        self.say = say
        self.last: View | None = None
        self.briefed = False
        self.waiting_said: tuple[int, tuple[str, ...]] | None = None
        self.moved: int | None = None
        """The step this side's move was sent for: a view of that step sent before the
        server had it (the other side joining, say) asks nothing again."""
        self._next: asyncio.Future[Opened | Refused | View | None] | None = None
        """The server's next frame, asked for while the student was typing."""
        self._typed: asyncio.Future[str | None] | None = None
        """The student's line being read (None at the end of input)."""

    async def _receive(self) -> Opened | Refused | View | None:
        """The server's next frame (Replaced when this side was opened elsewhere)."""
        pending, self._next = self._next, None
        if pending is not None:
            return await pending
        return await self.connection.receive()

    async def play(self) -> int:
        """Join and play to an ending: 0 at an ending or end of input, 1 when refused or
        the server is gone."""
        if not await self.connection.send(self.seat.frame()):
            self.say("treaty: the server closed the connection.")
            return 1
        while True:
            try:
                frame = await self._receive()
            except Replaced:
                self.say("Your side was opened again elsewhere: this window lets it go.")
                return 1
            if frame is None:
                if not await self._reconnect():
                    return 1
                continue
            if isinstance(frame, Refused):
                self.say(frame.message)
                if self.last is None:
                    return 1  # not at the table: a side taken, a table unknown
                self.moved = None  # the move was not taken: ask again
                frame = self.last
            if isinstance(frame, Opened):
                continue
            try:
                done = await self._view(frame)
            except _Over as over:
                return over.status
            if done is not None:
                return done

    async def _reconnect(self) -> bool:
        self.say("The connection to the server was lost; trying again…")
        self.moved = None  # the server's view after rejoining says whether it has the move
        if await rejoin(self.connection, self.seat, self.say):
            return True
        self.say("treaty: the server cannot be reached. Run the same command to rejoin.")
        return False

    async def _view(self, view: View) -> int | None:
        """Show what is new in `view`; ask this side's move when it is its turn."""
        before = self.last
        if before is None:
            self.say(title_with_year(view))
            self.say(wrap(view.summary))
            player = view.players.get(view.name, self.seat.profile)
            self.say(
                wrap(
                    f"You play {view.name} ({player}) at table {view.table}. Your brief and "
                    "private meters are shown to you alone."
                )
            )
        new_step = before is None or before.step != view.step
        if before is not None and before.step != view.step and view.revealed:
            self.say("\nThe moves:" if len(view.revealed) > 1 else "\nThe move:")
            for name, text in view.revealed:
                self.say(wrap(f"{name}: “{text}”", "  ", "    "))
        if before is not None and before.step == view.step and view.sealed and not before.sealed:
            self.say(f"--- {view.name} has moved (sealed). ---")
        self._presence(before, view)
        if view.ending is not None:
            self._ending(view)
            return 0
        if view.closed:
            self.say("\n" + CLOSED)
            return 0
        if new_step:
            self._scene(view)
        self.last = view
        if view.paused != (before is not None and before.paused):
            self.say("\n" + (PAUSED if view.paused else RESUMED))
        if view.paused:
            return None
        if view.moves and not view.sealed and view.step != self.moved:
            return await self._turn(view)
        # A view sent before the server had this side's move still lists it: not waited for.
        others = tuple(n for n in view.to_move if n != view.name or view.step != self.moved)
        waiting = (view.step, others)
        if others and waiting != self.waiting_said:
            self.waiting_said = waiting
            self.say(f"Waiting for {' and '.join(others)}…")
        return None

    def _presence(self, before: View | None, view: View) -> None:
        """Say when the other side's player goes, comes back or first joins."""
        was = set(before.absent) if before is not None else set()
        for name in view.absent:
            if name != view.name and name not in was:
                self.say(
                    f"No one plays {name} yet: waiting for {name} to join…"
                    if before is None
                    else f"{name} has left the table: waiting for {name} to come back…"
                )
        for name in was - set(view.absent):
            if name != view.name:
                self.say(f"{name} is at the table.")

    def _scene(self, view: View) -> None:
        self.say("")
        if view.scene_title:
            self.say(f"== {view.scene_title} ==")
        for paragraph in view.shared:
            self.say(wrap(plain_text(paragraph)))
        for meter in view.meters:
            if not meter.private:
                self.say(f"Shared: {meter.label}: {meter.value}/{meter.most}")

    async def _turn(self, view: View) -> int | None:
        name = view.name
        player = view.players.get(name, self.seat.profile)
        self.say(f"\n--- {name} ({player}): your turn. Private to {name} ---")
        if not self.briefed:
            self.briefed = True
            if view.brief:
                self.say(f"Your brief ({name} only):")
                for paragraph in plain_text(view.brief).split("\n\n"):
                    self.say(wrap(paragraph, "  "))
            for line in view.facts:
                self.say(line)
        for paragraph in view.private:
            self.say(wrap(plain_text(paragraph)))
        for meter in view.meters:
            if meter.private:
                self.say(f"Your private meter: {meter.label}: {meter.value}/{meter.most}")
        for flag in view.flags:
            self.say(wrap(f"Yours only: {flag}"))
        for shown, (_, text) in enumerate(view.moves, start=1):
            self.say(wrap(text, f"  {shown}. ", "     "))
        prompt = move_prompt(name, len(view.moves))
        while True:
            try:
                answer = await self._answer(prompt, view)
            except _MovedOn as moved:
                return await self._view(moved.view)
            if answer is None:
                self.say(STOPPED)
                return 0
            typed = answer.strip()
            number = number_typed(typed)
            if self.last is not None and self.last.paused:  # held back, not sent and lost
                self.say(HELD)
                prompt = move_prompt(name, len(view.moves))
                continue
            if number is not None and 1 <= number <= len(view.moves):
                break
            prompt = move_prompt(name, len(view.moves), again=True)
        move = Move(
            type="move",
            table=view.table,
            side=view.side,
            step=view.step,
            number=view.moves[number - 1][0],
        )
        self.moved = view.step
        if not await self.connection.send(move):
            return None if await self._reconnect() else 1
        return None

    async def _answer(self, prompt: str, view: View) -> str | None:
        """The student's line (None at the end of input), the server's news said while
        they type. _Over when the game ends meanwhile; _MovedOn when the table moves on."""
        if self._typed is None:
            self._typed = self._read(prompt)
        else:  # a line asked for an earlier prompt is still being typed: this one's
            self.say(prompt.rstrip())
        typed = self._typed
        while not typed.done():
            if self._next is None:
                self._next = asyncio.ensure_future(self.connection.receive())
            news = self._next
            either: list[asyncio.Future[Any]] = [typed, news]
            await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
            if news.done():
                self._next = None
                await self._news(news, view, prompt)
                view = self.last or view
        self._typed = None
        return typed.result()

    def _read(self, prompt: str) -> asyncio.Future[str | None]:
        """A line of input, read in a thread of its own that never holds the program up
        (a game ended while the student types exits at once)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[str | None] = loop.create_future()

        def settle(line: str | None) -> None:
            if not future.done():
                future.set_result(line)

        def read() -> None:
            try:
                line: str | None = self.ask(prompt)
            except (EOFError, OSError, ValueError):
                line = None
            with contextlib.suppress(RuntimeError):  # the game has ended: no one waits
                loop.call_soon_threadsafe(settle, line)

        threading.Thread(target=read, name="treaty-join-input", daemon=True).start()
        return future

    async def _news(
        self, news: asyncio.Future[Opened | Refused | View | None], asked: View, prompt: str
    ) -> None:
        """Say what the server sent while the student types; then the prompt again."""
        try:
            frame = news.result()
        except Replaced:
            self.say("\nYour side was opened again elsewhere: this window lets it go.")
            raise _Over(1) from None
        if frame is None:
            self.say("")  # below the prompt, not after it on its line
            if not await self._reconnect():
                raise _Over(1)
            self.say(prompt.rstrip())
            return
        if isinstance(frame, View) and frame.ending is not None:
            self.say("\nThe table has come to its end.")
            self._ending(frame)
            raise _Over(0)
        if isinstance(frame, View) and frame.closed:
            self.say("\n" + CLOSED)  # said at once, not after the student's next line
            raise _Over(0)
        if isinstance(frame, View) and frame.step != asked.step:
            raise _MovedOn(frame)
        said: list[str] = []
        say, self.say = self.say, said.append
        try:
            if isinstance(frame, Refused):
                said.append(frame.message)
            elif isinstance(frame, View):
                self._moved_meanwhile(asked, frame)
                self._presence(self.last, frame)
                if frame.paused != (self.last is not None and self.last.paused):
                    said.append(PAUSED if frame.paused else RESUMED)
                self.last = frame
        finally:
            self.say = say
        if said:  # below the prompt, then the prompt again (not while paused: no move yet)
            paused = self.last is not None and self.last.paused
            for line in ["", *said, *([] if paused else [prompt.rstrip()])]:
                say(line)

    def _moved_meanwhile(self, before: View, view: View) -> None:
        """Say which other side has moved (sealed) since `before`."""
        for name in before.to_move:
            if name != view.name and name not in view.to_move:
                self.say(f"--- {name} has moved (sealed). ---")

    def _ending(self, view: View) -> None:
        ending = view.ending
        assert ending is not None
        self.say(f"\n== The end: {ending.title} ==")
        for paragraph in ending.text:
            self.say(wrap(plain_text(paragraph)))
        self.say("\nBoth paths:")
        for path in ending.paths:
            made = ", ".join(f"“{m}”" for m in path.moves) or "no move"
            self.say(wrap(f"{path.name} ({path.player}): {made}"))
        if ending.why:
            self.say(f"\n{WHY_HEADING}")
            for line in ending.why:  # a branching point, its causes two further in
                indent = "  " * (1 + (len(line) - len(line.lstrip(" "))) // 2)
                self.say(wrap(line.strip(), indent, indent + "  "))
        if ending.own:
            self.say(f"\n--- For {view.name} only ---")
            for paragraph in ending.own:
                self.say(wrap(plain_text(paragraph)))
        self.say("\nWhat really happened:")
        self.say(wrap(plain_text(ending.history)))
        if ending.sources:
            self.say("\nFrom the sources:")
            for line in ending.sources:
                self.say(line)
