"""Two delegations at one table, hot-seat, as lines of text (issue 34).

Both players share one keyboard. Each prompt names the side ("Japan's delegation, choose
1-3:"); where both sides move they answer in the order the file declares the roles, one
number a line, so a game can be scripted and read by a screen reader. A side's brief,
its private meters, flags and paragraphs are printed only inside that side's turn block,
headed as private; after both moved, both moves are shown. What each side sees comes from
the engine's `side_view`, the one place that leaves the other side's private state out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from game.analysis.table_why import table_why
from game.content.catalog import Catalog
from game.content.scenario_title import title_with_year
from game.content.table_models import Table
from game.engine import ChoiceRefused
from game.engine.table import TableState, moves_made, moves_of, start_table, submit, to_move
from game.engine.table_view import shown_to, side_view
from game.plain.common import (
    Ask,
    Say,
    cited_lines,
    move_prompt,
    number_typed,
    plain_text,
    plural,
    wrap,
)
from game.store.names import profile_name

WHY_HEADING = "Why this ending"
STOPPED = (
    "\nStopped before the end. Both players' moves are saved: run the same command to continue."
)
STUCK = (
    "\nThe table's file leaves this side without a move here: tell your teacher, who can "
    "find it with `treaty validate --strict`. The game is not kept to continue, since it "
    "cannot go on."
)


def player_names(
    table: Table, given: Mapping[str, str], ask: Ask, say: Say
) -> dict[str, str] | None:
    """Each side's player: given (`--player SIDE=NAME`), else asked; None at the end of
    input. An empty answer names the player after the side."""
    players: dict[str, str] = {}
    for role_id, role in table.roles.items():
        if given.get(role_id):
            players[role_id] = given[role_id]
            continue
        prompt = f"Who plays {role.name}? Type a name and press Enter: "
        while True:
            try:
                name = ask(prompt).strip() or role.name
            except EOFError:
                return None
            taken = {**{r: n for r, n in given.items() if r != role_id}, **players}
            other = playing(table, taken, name)
            if other is None:
                break
            say(other)
            prompt = f"Who plays {role.name}? Type another name and press Enter: "
        players[role_id] = name
    say(
        "Players: "
        + "; ".join(f"{table.roles[r].name}: {name}" for r, name in players.items())
        + "."
    )
    return players


def playing(table: Table, players: Mapping[str, str], name: str) -> str | None:
    """ "Ann is already playing Riverton's council; the other side needs another name."
    when `name` is the profile of a side's player in `players` (one profile cannot play
    both sides: each side's progress is kept under its own player), else None."""
    kept = profile_name(name) or "default"
    for role, other in players.items():
        if (profile_name(other) or "default") == kept:
            return (
                f"{kept} is already playing {table.roles[role].name}; "
                "the other side needs another name."
            )
    return None


class PlainTable:
    """One hot-seat game of a table over `ask` (input) and `say` (output)."""

    def __init__(
        self, table: Table, catalog: Catalog, ask: Ask, say: Say, players: Mapping[str, str]
    ) -> None:
        self.table = table
        self.catalog = catalog
        self.ask = ask
        self.say = say
        self.players = dict(players)
        self.briefed: set[str] = set()
        self.stuck = False
        """Stopped at a soft-lock (the side to move has no move): nothing to continue."""

    def play(
        self,
        resume: TableState | None = None,
        on_step: Callable[[TableState], None] | None = None,
    ) -> TableState:
        """Play to an ending (or the end of input); `on_step` is told every new state,
        after every move of either side, so that both players' progress is saved."""
        t = self.table
        self.say(title_with_year(t))
        self.say(wrap(t.summary))
        self.say(
            "At one table: "
            + " and ".join(f"{r.name} ({self.players[i]})" for i, r in t.roles.items())
            + ". Each side's brief and private meters are shown only in its own turn: "
            "the other player looks away."
        )
        state = resume if resume is not None else start_table(t)
        if resume is not None:
            made = plural(moves_made(resume), "move")
            self.say(f"\nContinuing where you left off ({made} made).")
        shown_scene: tuple[str, int] | None = None
        while not state.ended:
            here = (state.scene, len(state.path))
            if here != shown_scene:
                self.show_scene(state)
                shown_scene = here
            before = state
            role = to_move(t, state)[0]
            new_state = self.turn(state, role)
            if new_state is None:
                self.stuck = not side_view(t, state, role).moves
                self.say(STUCK if self.stuck else STOPPED)
                return state
            state = new_state
            if len(state.path) > len(before.path):
                self.show_moves(state)
            if on_step is not None:
                on_step(state)
        self.show_ending(state)
        return state

    def show_scene(self, state: TableState) -> None:
        """What both sides read: the scene's shared paragraphs and the shared meters."""
        scene = self.table.scenes[state.scene]
        self.say("")
        if scene.title:
            self.say(f"== {scene.title} ==")
        for paragraph in _shared(self.table, scene.text, state):
            self.say(wrap(plain_text(paragraph)))
        for name, value in state.meters:
            meter = self.table.meters[name]
            if meter.side is None:
                self.say(f"Shared: {meter.label}: {value}/{meter.max}")

    def turn(self, state: TableState, role: str) -> TableState | None:
        """One side's turn block: its private view, then its move; None at end of input."""
        view = side_view(self.table, state, role)
        name = view.name
        self.say(f"\n--- {name} ({self.players[role]}): your turn. Private to {name} ---")
        if role not in self.briefed:
            self.briefed.add(role)
            if view.brief:
                self.say(f"Your brief ({name} only):")
                for paragraph in plain_text(view.brief).split("\n\n"):
                    self.say(wrap(paragraph, "  "))
            for line in cited_lines(self.catalog, view.facts, quotes=False):
                self.say(line)
        scene = self.table.scenes[state.scene]
        shared = set(_shared(self.table, scene.text, state))
        for paragraph in view.text:
            if paragraph not in shared:
                self.say(wrap(plain_text(paragraph)))
        for meter in view.meters:
            if meter.private:
                most = self.table.meters[meter.name].max
                self.say(f"Your private meter: {meter.label}: {meter.value}/{most}")
        private_flags = [f for f in view.flags if self.table.side_of(f) == role]
        for flag in private_flags:
            self.say(wrap(f"Yours only: {self.table.flags[flag].means or flag}"))
        for shown, (_, text) in enumerate(view.moves, start=1):
            self.say(wrap(text, f"  {shown}. ", "     "))
        if not view.moves:  # a soft-lock: `treaty explore` reports it
            self.say(f"{name} has no move it can make here; the game cannot go on.")
            return None
        prompt = move_prompt(name, len(view.moves))
        while True:
            try:
                typed = self.ask(prompt).strip()
            except EOFError:
                return None
            number = number_typed(typed)
            if number is not None and 1 <= number <= len(view.moves):
                try:
                    after = submit(self.table, state, role, view.moves[number - 1][0])
                except ChoiceRefused as refused:  # pragma: no cover - the view offers open moves
                    self.say(str(refused))
                    continue
                self.say(f"--- {name} has moved (sealed). ---")
                return after
            prompt = move_prompt(name, len(view.moves), again=True)

    def show_moves(self, state: TableState) -> None:
        """After both moved (or one side played its scene): the moves, revealed."""
        scene_id, turn = state.path[-1]
        self.say("\nThe moves:" if len(turn) > 1 else "\nThe move:")
        for role, number in turn:
            move = moves_of(self.table, scene_id, role)[number - 1]
            self.say(wrap(f"{self.table.roles[role].name}: “{move.text}”", "  ", "    "))

    def show_ending(self, state: TableState) -> None:
        t = self.table
        ending = t.endings[state.scene]
        self.say(f"\n== The end: {ending.title} ==")
        for paragraph in _shared(t, ending.text, state):
            self.say(wrap(plain_text(paragraph)))
        self.say("\nBoth paths:")
        for role_id, role in t.roles.items():
            made = [
                f"“{moves_of(t, scene, role_id)[n - 1].text}”"
                for scene, turn in state.path
                for r, n in turn
                if r == role_id
            ]
            self.say(wrap(f"{role.name} ({self.players[role_id]}): {', '.join(made) or 'no move'}"))
        for role_id, role in t.roles.items():  # each side's why and debrief, private
            view = side_view(t, state, role_id)
            private = [p for p in view.text if p not in _shared(t, ending.text, state)]
            why = table_why(t, state, role_id)
            if not (view.debrief or private or why.lines):
                continue
            self.say(f"\n--- For {role.name} only ---")
            for paragraph in [*private, *([view.debrief] if view.debrief else [])]:
                self.say(wrap(plain_text(paragraph)))
            if why.lines:
                self.say(f"{WHY_HEADING} (as {role.name} sees it):")
                for line in why.lines:
                    indent = "  " * (1 + (len(line) - len(line.lstrip(" "))) // 2)
                    self.say(wrap(line.strip(), indent, indent + "  "))
        self.say("\nWhat really happened:")
        self.say(wrap(plain_text(ending.history)))
        lines = cited_lines(self.catalog, ending.facts, quotes=True)
        if lines:
            self.say("\nFrom the sources:")
            for line in lines:
                self.say(line)


def _shared(table: Table, passage: object, state: TableState) -> list[str]:
    """The paragraphs both sides read (no `side:`), `if:` holding."""
    if isinstance(passage, str):
        return [passage] if passage else []
    if not isinstance(passage, tuple):
        return []
    both = tuple(p for p in passage if p.side is None)
    return list(shown_to(table, both, state, table.role_ids[0]))
