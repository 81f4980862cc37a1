"""The Treaty Talks app, built by `make_app` from its parts. Screens render what the
session holds and post messages (`game.tui.messages`); the app handles each message here,
in one place: where to go, what to save, who is playing."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from game.tui.messages import (
    BeginPlay,
    ChoiceMade,
    ContinueSaved,
    GameEnded,
    Navigate,
    OpenQuiz,
    OpenReview,
    OpenScenario,
    OpenTable,
    QuestionAnswered,
    QuizFinished,
    SwitchProfile,
    TableAddress,
)
from game.tui.palette import system_commands
from game.tui.preview import LivePreview
from game.tui.screens.home import HomeScreen
from game.tui.session import Session
from game.tui.tables import TablesApp

if TYPE_CHECKING:
    from game.content.catalog import Catalog
    from game.store.progress import Store


class TreatyApp(TablesApp):
    """Treaty Talks in the terminal."""

    TITLE = "Treaty Talks"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
    ]

    catalog: reactive[Catalog | None] = reactive(None, init=False, always_update=True)
    """The content, once loaded (screens watch it; a live preview replaces it)."""

    profile_name: reactive[str] = reactive("default", init=False)
    """Who is playing (screens watch it; the session holds it too)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        """What the app plays with, handed down to every screen."""
        self.set_reactive(TreatyApp.profile_name, session.profile_name)
        self.preview = LivePreview(self, session.watch) if session.watch is not None else None

    @property
    def store(self) -> Store | None:
        return self.session.store

    def get_default_screen(self) -> Screen[Any]:
        return HomeScreen()

    def on_mount(self) -> None:
        from game.content.only import kept_content

        session = self.session
        kept = None if session.catalog else kept_content(session.content_dirs, only=session.only)
        if session.catalog is not None:
            self.content_loaded(session.catalog)
        elif kept is not None:
            # A game of `treaty serve`, forked with its content loaded: the first screen is
            # the whole one (a class opening the page at once draws it once, not twice).
            if warning := self.open_store():
                self.notify(warning, severity="warning", timeout=10)
            self.content_loaded(kept)
        else:
            # Content loads after the first paint, off the UI thread.
            self.call_after_refresh(self.load_content)

    def watch_catalog(self, catalog: Catalog | None) -> None:
        self.session.catalog = catalog

    def watch_profile_name(self, name: str) -> None:
        self.session.profile_name = name

    def content_loaded(self, catalog: Catalog) -> None:
        """Content loaded: say what was left out, start any preview, open any scenario."""
        self.catalog = catalog
        left_out = catalog.left_out()
        if left_out:
            shown = "\n".join(left_out[:3])
            more = f"\n…and {len(left_out) - 3} more" if len(left_out) > 3 else ""
            self.notify(
                f"{shown}{more}\n`treaty validate FILE` shows every problem.",
                title="Files left out of the game",
                severity="warning",
                timeout=12,
                markup=False,
            )
        if self.preview is not None:
            self.preview.start()
        wanted, self.session.start_scenario = self.session.start_scenario, None
        if wanted is not None:
            if wanted in catalog.scenarios:
                self.open_briefing(catalog.scenarios[wanted])
            elif not self.start_table(catalog, wanted, self.session.start_players):
                self.notify(
                    f"There is no scenario called “{wanted}”.", severity="error", markup=False
                )

    @work(thread=True, exclusive=True, group="content", exit_on_error=False)
    def load_content(self) -> None:
        from game.content.only import load_content

        session = self.session
        catalog = load_content(session.content_dirs, only=session.only)
        if warning := self.open_store():
            self.call_from_thread(self.notify, warning, severity="warning", timeout=10)
        self.call_from_thread(self.content_loaded, catalog)

    def open_store(self) -> str | None:
        """Open the progress store, unless it is open; what it warns of, if anything."""
        session = self.session
        if session.store is not None:
            return None
        from game.store.opening import CHECKED_BY_SERVER, open_store

        store = open_store(session.data_dir, checked=os.environ.get(CHECKED_BY_SERVER) == "1")
        store.previewing = session.watch is not None  # a teacher's preview
        session.profile_id = store.profile(session.profile_name)
        session.store = store
        return store.warning

    def check_watched(self) -> None:
        """Live preview: reload the watched file if it has changed (what the timer does)."""
        if self.preview is not None:
            self.preview.check()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker's failure, in one place: said, never a crash. A save that fails
        loses that one save, never the game."""
        if event.state != WorkerState.ERROR:
            return
        worker = event.worker
        self.log.error(f"worker {worker.name!r} ({worker.group}) failed", worker.error)
        what = {
            "save": "Your progress could not be saved",
            "content": "The game's content could not be loaded",
            "watch": "The file could not be reloaded",
        }.get(worker.group, "Something went wrong")
        self.notify(f"{what}: {worker.error}", severity="error", timeout=10, markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.catalog is not None:
            yield from system_commands(self.catalog, self.post_message)

    # --- Where to go --------------------------------------------------------------------

    @on(Navigate)
    def on_navigate_message(self, message: Navigate) -> None:
        self.open_place(message.place)

    @on(OpenScenario)
    def on_open_scenario_message(self, message: OpenScenario) -> None:
        self.open_briefing(message.scenario)

    @on(OpenTable)
    def on_open_table_message(self, message: OpenTable) -> None:
        self.open_table(message.table)

    @on(OpenQuiz)
    def on_open_quiz_message(self, message: OpenQuiz) -> None:
        self.open_quiz(message.quiz, replace_screen=message.replace_screen)

    @on(OpenReview)
    def on_open_review_message(self, message: OpenReview) -> None:
        self.open_review(replace_screen=message.replace_screen)

    @on(ContinueSaved)
    def on_continue_saved_message(self) -> None:
        self.continue_saved()

    @on(BeginPlay)
    def on_begin_play_message(self, message: BeginPlay) -> None:
        from game.tui.screens.play import PlayScreen

        self.switch_screen(PlayScreen(message.scenario))

    @on(GameEnded)
    def on_game_ended_message(self, message: GameEnded) -> None:
        from game.tui.screens.ending import EndingScreen

        self.switch_screen(EndingScreen(message.scenario, message.history))

    @on(QuizFinished)
    def on_quiz_finished_message(self, message: QuizFinished) -> None:
        from game.tui.screens.quiz_summary import QuizSummaryScreen

        self.switch_screen(QuizSummaryScreen(message.progress))

    # --- What to save, and who is playing -----------------------------------------------

    @on(SwitchProfile)
    def on_switch_profile_message(self, message: SwitchProfile) -> None:
        if self.session.store is not None and message.name != self.profile_name:
            self._switch_profile(message.name)

    @on(TableAddress)
    def on_table_address_message(self, message: TableAddress) -> None:
        self.session.table_url = message.url

    @work(thread=True, group="save", exit_on_error=False)
    def _switch_profile(self, name: str) -> None:
        store = self.session.store
        if store is None:
            return
        profile_id = store.profile(name)

        def switched() -> None:
            self.session.profile_id = profile_id
            self.profile_name = name
            self.notify(f"Playing as {name}.", markup=False)

        self.call_from_thread(switched)

    @on(ChoiceMade)
    def on_choice_made_message(self, message: ChoiceMade) -> None:
        if self.session.store is not None:
            self._save_play(message)

    @on(QuestionAnswered)
    def on_question_answered_message(self, message: QuestionAnswered) -> None:
        if self.session.store is not None:
            self._save_answer(message)


def make_app(
    content: Sequence[str | Path] = (),
    catalog: Catalog | None = None,
    start_scenario: str | None = None,
    players: dict[str, str] | None = None,
    seed: int | None = None,
    store: Store | None = None,
    profile: str = "default",
    data_dir: Path | None = None,
    watch: Path | None = None,
    only: bool = False,
) -> TreatyApp:
    """The app and its session: a teacher's folders beside the bundled content (`only`:
    alone), or a given catalog; `start_scenario` opens that briefing once loaded (or that
    table, an id or its file, with the `players` named, else asked); `watch` previews a
    scenario file live, reloaded each time it is saved (a packed file alone, as it plays
    without `--watch`)."""
    from game.content.packed import looks_packed
    from game.content.paths import OnlyFolders, is_only

    if watch is not None and catalog is None and looks_packed(watch):
        content = OnlyFolders()  # it holds all it cites: none of the game's own (issue 33)
    session = Session(
        content_dirs=list(content),
        store=store,
        profile_name=profile,
        profile_id=store.profile(profile) if store is not None else 0,
        data_dir=data_dir,
        watch=watch,
        start_scenario=start_scenario,
        start_players=players,
        catalog=catalog,
        only=only or is_only(content),
    )
    if seed is not None:
        session.seed = seed
    return TreatyApp(session)
