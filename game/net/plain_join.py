"""One side of a table over the network, as lines of text (issue 35): `treaty join
--plain`. The lines are those of hot-seat plain play (`game.plain.table`), one side's
only: its prompts ("Japan's delegation, choose 1-3:"), one number a line, so two scripted
clients can play a table. While the other side has not moved it says so ("Waiting for
Russia's delegation…"); it is never silent. Everything shown comes from the server's view
of this side: the other side's brief and private meters never reach this machine.
"""

from __future__ import annotations

import asyncio

from game.content.scenario_title import title_with_year
from game.net.client import Connection, Replaced, Seat, rejoin
from game.net.protocol import Move, Opened, Refused, View
from game.plain.common import Ask, Say, number_typed, plain_text, wrap

WHY_HEADING = "Why this ending"
STOPPED = "\nStopped before the end. Your side is kept: run the same command to rejoin the table."


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

    async def play(self) -> int:
        """Join and play to an ending: 0 at an ending or end of input, 1 when refused or
        the server is gone."""
        if not await self.connection.send(self.seat.frame()):
            self.say("treaty: the server closed the connection.")
            return 1
        while True:
            try:
                frame = await self.connection.receive()
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
            done = await self._view(frame)
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
            self.say("\nClosed by the teacher: this table ends here, with no more moves.")
            return 0
        if new_step:
            self._scene(view)
        self.last = view
        if view.paused != (before is not None and before.paused):
            self.say(
                "\nPaused by the teacher: wait until they resume the table…"
                if view.paused
                else "\nThe teacher has resumed the table."
            )
        if view.paused:
            return None
        if view.moves and not view.sealed and view.step != self.moved:
            return await self._turn(view)
        waiting = (view.step, tuple(view.to_move))
        if view.to_move and waiting != self.waiting_said:
            self.waiting_said = waiting
            self.say(f"Waiting for {' and '.join(view.to_move)}…")
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
            self.say(f"Yours only: {flag}")
        for shown, (_, text) in enumerate(view.moves, start=1):
            self.say(wrap(text, f"  {shown}. ", "     "))
        prompt = f"{name}, choose 1-{len(view.moves)}: "
        while True:
            try:
                typed = (await asyncio.to_thread(self.ask, prompt)).strip()
            except EOFError:
                self.say(STOPPED)
                return 0
            number = number_typed(typed)
            if number is not None and 1 <= number <= len(view.moves):
                break
            prompt = f"Please type a number from 1 to {len(view.moves)}. {name}, choose: "
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
