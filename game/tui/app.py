"""The Treaty Talks app, built by `make_app` from its parts. Screens render what the
session holds and post messages (`game.tui.messages`); the app handles each message here,
in one place: where to go, what to save, who is playing."""

from __future__ import annotations

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
    Place,
    QuestionAnswered,
    QuizFinished,
    SwitchProfile,
)
from game.tui.palette import system_commands
from game.tui.preview import LivePreview
from game.tui.saving import SavingApp
from game.tui.screens.home import HomeScreen
from game.tui.session import Session

if TYPE_CHECKING:
    from game.content.catalog import Catalog
    from game.content.models import Quiz, Scenario
    from game.engine import PlayState
    from game.quiz import QuizProgress
    from game.store.progress import Store
    from game.tui.screens.quiz import QuizScreen


class TreatyApp(SavingApp):
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
        if self.session.catalog is not None:
            self.content_loaded(self.session.catalog)
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
            else:
                self.notify(
                    f"There is no scenario called “{wanted}”.", severity="error", markup=False
                )

    @work(thread=True, exclusive=True, group="content", exit_on_error=False)
    def load_content(self) -> None:
        from game.content.only import load_content

        session = self.session
        catalog = load_content(session.content_dirs, only=session.only)
        if session.store is None:
            from game.store.progress import open_store

            store = open_store(session.data_dir)
            store.previewing = session.watch is not None  # a teacher's preview
            session.profile_id = store.profile(session.profile_name)
            session.store = store
            if store.warning:
                self.call_from_thread(self.notify, store.warning, severity="warning", timeout=10)
        self.call_from_thread(self.content_loaded, catalog)

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

    def open_briefing(self, scenario: Scenario) -> None:
        """The scenario's briefing; if the student left it part-way, first ask whether to
        continue (straight back into play) or start again."""
        from game.engine import PlayState
        from game.tui.screens.briefing import BriefingScreen
        from game.tui.screens.resume import Resume, ResumeScreen

        saved = self._saved_place("scenario", scenario.id)
        if not isinstance(saved, PlayState):
            self.push_screen(BriefingScreen(scenario))
            return

        def answered(choice: Resume | None) -> None:
            if choice is Resume.CONTINUE:
                self.play_saved(scenario, saved)
            elif choice is Resume.RESTART:
                self._forget_place("scenario", scenario.id)
                self.push_screen(BriefingScreen(scenario))

        made = len(saved.path)
        where = f"{made} choice{'s' if made != 1 else ''} made"
        self.push_screen(ResumeScreen(scenario.title, where), answered)

    def play_saved(self, scenario: Scenario, state: PlayState) -> None:
        """Back into a saved game, with the states along its path (for the ending's chart)."""
        from game.engine import carry_over
        from game.tui.screens.play import PlayScreen

        carried = carry_over(scenario, state)
        self.push_screen(PlayScreen(scenario, *carried) if carried else PlayScreen(scenario))

    def _saved_place(self, kind: str, item: str) -> PlayState | QuizProgress | None:
        """A saved game or quiz that still fits its file (one that does not is forgotten)."""
        from game.store.games import Changed

        found = self.session.saved_place(kind, item)
        if isinstance(found, Changed):
            self._forget_place(kind, item)
            return None
        return found

    def continue_saved(self) -> None:
        """Resume the saved game or quiz; one that no longer fits its file starts again."""
        saved = self.session.saved_game()
        if saved is None:
            return
        from game.engine import PlayState
        from game.quiz import QuizProgress
        from game.store.games import Changed, SavedPlay, SavedQuiz

        match saved:
            case SavedPlay(_, Changed()) | SavedQuiz(_, Changed()):
                # Opening it again forgets the place that no longer fits its file.
                said = f"“{saved.title}” has changed since it was saved, so it starts again."
                self.notify(said, title="Starting again", markup=False)
                if isinstance(saved, SavedPlay):
                    self.open_briefing(saved.scenario)
                else:
                    self.open_quiz(saved.quiz)
            case SavedPlay(scenario, PlayState() as state):
                self.play_saved(scenario, state)
            case SavedQuiz(_, QuizProgress() as place):
                from game.tui.screens.quiz import QuizScreen

                self.push_screen(QuizScreen(place.quiz, place.seed, place))

    def _show(self, screen: Screen[Any], replace_screen: bool) -> None:
        if replace_screen:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_quiz(self, quiz: Quiz, *, replace_screen: bool = False) -> None:
        """A quiz; if the student left it part-way, first ask whether to continue (the
        same question and score) or start again."""
        from game.quiz import QuizProgress
        from game.tui.screens.quiz import QuizScreen
        from game.tui.screens.resume import Resume, ResumeScreen

        seed = self.session.seed
        saved = None if replace_screen else self._saved_place("quiz", quiz.id)
        if not isinstance(saved, QuizProgress):
            self._show(QuizScreen(quiz, seed), replace_screen)
            return
        progress = saved

        def answered(choice: Resume | None) -> None:
            screen: QuizScreen | None = None
            if choice is Resume.CONTINUE:
                screen = QuizScreen(quiz, progress.seed, progress)
            elif choice is Resume.RESTART:
                self._forget_place("quiz", quiz.id)
                screen = QuizScreen(quiz, seed)
            if screen is not None:
                self._show(screen, replace_screen)

        where = f"question {progress.index + 1} of {len(quiz.questions)}"
        self.push_screen(ResumeScreen(quiz.title, where), answered)

    def open_review(self, *, replace_screen: bool = False) -> None:
        """A quiz of what is due for review, across every module."""
        from game.quiz.review import review_quiz
        from game.tui.screens.quiz import QuizScreen

        if self.catalog is None:
            self.notify("The content is still loading; try again in a moment.")
            return
        review = review_quiz(self.catalog.quizzes, self.session.due_for_review())
        if review is None:
            self.notify(
                "Nothing is due for review now. Questions you answer in the quizzes come "
                "back here: the ones you miss soon, the ones you get right days later.",
                title="Review",
            )
            if replace_screen:
                self.pop_screen()
            return
        self._show(
            QuizScreen(review.quiz, self.session.seed, modules=review.modules), replace_screen
        )

    def open_place(self, where: Place) -> None:
        """Open one of the home screen's places."""
        from game.tui.screens.help import HelpScreen
        from game.tui.screens.progress import ProgressScreen
        from game.tui.screens.quiz_list import QuizListScreen
        from game.tui.screens.scenarios import ScenarioListScreen
        from game.tui.screens.timeline import TimelineScreen

        if where is Place.REVIEW:
            self.open_review()
            return
        if where in (Place.TIMELINE, Place.PROGRESS) and self.catalog is None:
            self.notify("The content is still loading; try again in a moment.")
            return
        screens: dict[Place, type[Screen[None]]] = {
            Place.SCENARIOS: ScenarioListScreen,
            Place.QUIZZES: QuizListScreen,
            Place.TIMELINE: TimelineScreen,
            Place.HELP: HelpScreen,
            Place.PROGRESS: ProgressScreen,
        }
        self.push_screen(screens[where]())

    # --- What to save, and who is playing -----------------------------------------------

    @on(SwitchProfile)
    def on_switch_profile_message(self, message: SwitchProfile) -> None:
        if self.session.store is not None and message.name != self.profile_name:
            self._switch_profile(message.name)

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
    seed: int | None = None,
    store: Store | None = None,
    profile: str = "default",
    data_dir: Path | None = None,
    watch: Path | None = None,
    only: bool = False,
) -> TreatyApp:
    """The app and its session: a teacher's folders beside the bundled content (`only`:
    alone), or a given catalog; `start_scenario` opens that briefing once loaded; `watch`
    previews a scenario file live, reloaded each time it is saved."""
    from game.content.paths import is_only

    session = Session(
        content_dirs=list(content),
        store=store,
        profile_name=profile,
        profile_id=store.profile(profile) if store is not None else 0,
        data_dir=data_dir,
        watch=watch,
        start_scenario=start_scenario,
        catalog=catalog,
        only=only or is_only(content),
    )
    if seed is not None:
        session.seed = seed
    return TreatyApp(session)
