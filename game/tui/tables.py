"""Tables in the app (issue 34): two delegations at one keyboard, hot-seat.

Opening a table (`OpenTable`, from the scenario list, or `treaty play TABLE` at a
terminal) first offers the table this student left part-way; otherwise it asks each
side's player, by name as the profile screen does (the same student cannot play both
sides; `--player` names them instead), then plays it on `TableScreen`. Every move is
saved, off the UI thread and in the order made, under both players' profiles (with each
one's record of the game) and under the profile playing now, so that Home's "Continue"
finds it; Esc leaves the table, saved.

Under `treaty serve --roster` a game plays only the profile whose code was typed
(`Session.one_profile`): two players named at one keyboard would write another student's
progress without their code, so a table is not played hot-seat there (`ROSTER_TABLE`
says why and how to play it instead)."""

from __future__ import annotations

from pathlib import Path
from queue import SimpleQueue
from threading import Lock
from typing import TYPE_CHECKING

from textual import work

from game.content.vocabulary import YAML_SUFFIXES
from game.tui.places import PlacesApp

if TYPE_CHECKING:
    from game.content.catalog import Catalog
    from game.content.table_models import Table
    from game.engine.table import TableState
    from game.tui.screens.table import TableScreen


ROSTER_TABLE = (
    "This class has a roster: each student plays under their own name and code, so two "
    "players cannot share one screen at a table here. Each player joins the table on "
    "their own machine with their code (the teacher opens it with `treaty table open`)."
)
"""Why a table is not played hot-seat under a roster, and what to do instead."""


class TablesApp(PlacesApp):
    """Opens, plays, saves and continues tables."""

    def __init__(self) -> None:
        super().__init__()
        self._table_saves: SimpleQueue[tuple[str, dict[str, str], TableState | None]] = (
            SimpleQueue()
        )
        """The moves made, waiting to be saved (by `_save_tables`, in order); a state of
        None: the table is to be forgotten (left stuck), after the moves before it."""
        self._table_saving = Lock()

    def start_table(self, catalog: Catalog, wanted: str, players: dict[str, str] | None) -> bool:
        """`treaty play TABLE` at a terminal: the table (its id, or its file), as if opened
        from the list; with the players named on the command line (`--player`), straight
        to their game. Whether `wanted` is a table (a table file the game left out, such
        as one whose id another file has, is said)."""
        table = catalog.tables.get(wanted)
        path = Path(wanted)
        if table is None and path.suffix in YAML_SUFFIXES:
            files = {file.resolve(): table_id for table_id, file in catalog.table_files.items()}
            table = catalog.tables.get(files.get(path.resolve(), ""))
            if table is None:
                said = f"“{wanted}” is not opened: the game left it out (the note on it says why)."
                self.notify(said, severity="error", markup=False)
                return True
        if table is None:
            return False
        if players:
            self._begin_table(table, players)
        else:
            self.open_table(table)
        return True

    def hot_seat_refused(self) -> bool:
        """Under a roster: say why a table is not played here, and refuse it."""
        if not self.session.one_profile:
            return False
        self.notify(ROSTER_TABLE, title="Not at one keyboard", severity="warning", markup=False)
        return True

    def open_table(self, table: Table) -> None:
        """Offer to continue the table left part-way, else ask who plays each side."""
        from game.store.games import Changed

        if self.hot_seat_refused():
            return
        from game.tui.screens.resume import Resume, ResumeScreen
        from game.tui.table_saves import moves_made, saved_table

        store = self.session.store
        if store is None:
            self.notify("The game is still loading; try again in a moment.")
            return
        saved = saved_table(store, self.session.profile_id, table)
        if saved is None or isinstance(saved.state, Changed):
            if saved is not None:
                self._tell_changed(saved.title)
                self._forget_table(table.id, {})
            self.ask_players(table)
            return
        state, players = saved.state, saved.players

        def answered(choice: Resume | None) -> None:
            if choice is Resume.CONTINUE:
                self.play_table(table, state, players)
            elif choice is Resume.RESTART:
                self._forget_table(table.id, players)
                self.ask_players(table)

        made = moves_made(state)
        names = " and ".join(players.get(r, "") for r in table.role_ids)
        where = f"{names}; {made} move{'s' if made != 1 else ''} made"
        self.push_screen(ResumeScreen(table.title, where), answered)

    def _tell_changed(self, title: str) -> None:
        said = f"“{title}” has changed since it was saved, so it starts again."
        self.notify(said, title="Starting again", markup=False)

    def ask_players(self, table: Table) -> None:
        """Ask who plays each side, in the order the file declares the roles; then play."""
        from game.tui.screens.profiles import ProfileScreen

        store = self.session.store
        if store is None or self.hot_seat_refused():
            return
        names = store.profiles()
        players: dict[str, str] = {}

        def ask(index: int) -> None:
            if index == len(table.role_ids):
                self._begin_table(table, dict(players))
                return
            role = table.role_ids[index]

            def chosen(name: str | None) -> None:
                if name is not None:  # Esc: the table is not opened
                    players[role] = name
                    ask(index + 1)

            screen = ProfileScreen(
                names,
                self.session.profile_name,
                title=f"Who plays {table.roles[role].name}?",
                taken=list(players.values()),
            )
            self.push_screen(screen, chosen)

        ask(0)

    @work(thread=True, group="save", exit_on_error=False)
    def _begin_table(self, table: Table, players: dict[str, str]) -> None:
        """With both players named: their own table left part-way (the same two, the
        same sides) is offered; otherwise the table starts."""
        from game.store.games import Changed
        from game.store.tables import resume_table

        store = self.session.store
        if store is None:
            return
        first = store.profile(players[table.role_ids[0]])
        found = resume_table(store, first, table)
        if isinstance(found, tuple) and found[1] == players and not found[0].ended:
            self.call_from_thread(self._offer_theirs, table, found[0], players)
            return
        if isinstance(found, Changed):  # their game no longer fits the file
            self.call_from_thread(self._tell_changed, table.title)
        self.call_from_thread(self.play_table, table, None, players)

    def _offer_theirs(self, table: Table, state: TableState, players: dict[str, str]) -> None:
        from game.tui.screens.resume import Resume, ResumeScreen
        from game.tui.table_saves import moves_made

        def answered(choice: Resume | None) -> None:
            if choice is Resume.CONTINUE:
                self.play_table(table, state, players)
            elif choice is Resume.RESTART:
                self.play_table(table, None, players)

        made = moves_made(state)
        where = f"{made} move{'s' if made != 1 else ''} made"
        self.push_screen(ResumeScreen(table.title, where), answered)

    def play_table(self, table: Table, state: TableState | None, players: dict[str, str]) -> None:
        """The hot-seat screen, from `state` (None: from the start)."""
        from game.engine.table import start_table
        from game.tui.screens.table import TableScreen

        if self.hot_seat_refused():
            return
        start = state if state is not None else start_table(table)
        self.push_screen(TableScreen(table, start, players, back_to=self._back_to()))

    def _back_to(self) -> str:
        """Where leaving a table goes, in words for its last screen: the screen under it."""
        from game.tui.screens.home import HomeScreen
        from game.tui.screens.scenarios import ScenarioListScreen

        if isinstance(self.screen, ScenarioListScreen):
            return "the scenario list"
        if isinstance(self.screen, HomeScreen):
            return "the home screen"
        return ""

    def continue_table(self, saved: object) -> bool:
        """Home's "Continue" on a table: back into it (one whose file has changed starts
        again). Whether `saved` was a table."""
        from game.store.games import Changed
        from game.tui.table_saves import SavedTable

        if not isinstance(saved, SavedTable):
            return False
        if self.hot_seat_refused():
            return True
        if isinstance(saved.state, Changed):
            self.open_table(saved.table)
        else:
            self.play_table(saved.table, saved.state, saved.players)
        return True

    def on_table_screen_moved(self, message: TableScreen.Moved) -> None:
        if self.session.store is not None and message.players:
            self._table_saves.put((message.table_id, message.players, message.state))
            self._save_tables()

    def on_table_screen_stopped(self, message: TableScreen.Stopped) -> None:
        """Esc at a table: back where it was opened from (every move is saved). Left stuck
        at a soft-lock, it is forgotten for its players and the student playing now, once
        the moves before are saved: Home's Continue would lead back to the dead end."""
        if message.stuck and self.session.store is not None:
            self._table_saves.put((message.table_id, message.players or {}, None))
            self._save_tables()
        self.pop_screen()

    @work(thread=True, group="save", exit_on_error=False)
    def _save_tables(self) -> None:
        """Every move waiting to be saved, in the order made (one worker at a time, so a
        later move is never overwritten by an earlier one): both players' progress and
        record, and the place of the student playing now (for Home's "Continue"); a
        finished table is no longer saved."""
        from game.store.tables import TABLE, save_table

        store = self.session.store
        forgot = False
        with self._table_saving:
            while store is not None and not self._table_saves.empty():
                table_id, players, state = self._table_saves.get()
                profiles = {role: store.profile(name) for role, name in players.items()}
                if state is None:  # left stuck: forgotten by all who kept it
                    for profile in {self.session.profile_id, *profiles.values()}:
                        store.forget(profile, TABLE, table_id)
                    forgot = True
                    continue
                save_table(store, table_id, profiles, players, state, self.session.profile_id)
        if forgot:  # Home, shown meanwhile, offers it no more
            self.call_from_thread(self._offer_continue_again)
        self._tell_if_unsaved()

    def _offer_continue_again(self) -> None:
        from game.tui.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            self.screen.offer_continue()

    @work(thread=True, group="save", exit_on_error=False)
    def _forget_table(self, table_id: str, players: dict[str, str]) -> None:
        """Start a table again: forget it for the student playing now and its players."""
        from game.store.tables import TABLE

        store = self.session.store
        if store is None:
            return
        for profile in {self.session.profile_id, *(store.profile(n) for n in players.values())}:
            store.forget(profile, TABLE, table_id)
