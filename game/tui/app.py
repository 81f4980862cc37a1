"""The Treaty Talks app, built by `make_app` from its parts."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.reactive import reactive
from textual.screen import Screen

from game.tui.screens.home import HomeScreen
from game.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

if TYPE_CHECKING:
    from game.content.catalog import Catalog
    from game.content.models import Quiz, Scenario
    from game.engine import PlayState
    from game.quiz import Answer, QuizProgress
    from game.store.games import SavedGame
    from game.store.progress import Store


class TreatyApp(App[None]):
    """Treaty Talks in the terminal."""

    TITLE = "Treaty Talks"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
    ]

    catalog: reactive[Catalog | None] = reactive(None, init=False, always_update=True)
    """The content, once loaded (screens watch it)."""

    profile_name: reactive[str] = reactive("default", init=False)
    """Who is playing: progress is saved under this name."""

    def __init__(
        self,
        content: Sequence[str | Path] = (),
        catalog: Catalog | None = None,
        start_scenario: str | None = None,
        seed: int | None = None,
        store: Store | None = None,
        profile: str = "default",
        data_dir: Path | None = None,
        watch: Path | None = None,
    ) -> None:
        super().__init__()
        self.watch_path = watch
        """Live preview: the scenario file reloaded each time it is saved."""
        self._watched_text: bytes | None = None
        self._watched_id: str | None = None
        self.store = store
        self.set_reactive(TreatyApp.profile_name, profile)
        self.data_dir = data_dir
        self.profile_id = store.profile(profile) if store is not None else 0
        self._told_unsaved = False
        self.content_dirs = list(content)
        self._given = catalog
        self._start_scenario = start_scenario
        self.seed = seed if seed is not None else random.SystemRandom().randrange(10**9)
        """Shuffles quiz options (tests pass one, so the order is known)."""

    def get_default_screen(self) -> Screen[Any]:
        return HomeScreen()

    def on_mount(self) -> None:
        if self._given is not None:
            self.catalog = self._given
        else:
            # Content loads after the first paint, off the UI thread.
            self.call_after_refresh(self.load_content)

    def watch_catalog(self, catalog: Catalog | None) -> None:
        if catalog is None:
            return
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
        if self.watch_path is not None and self._watched_id is None:
            self.check_watched()
            self.set_interval(0.5, self.check_watched, name="watch")
        wanted, self._start_scenario = self._start_scenario, None
        if wanted is not None:
            if wanted in catalog.scenarios:
                self.open_briefing(catalog.scenarios[wanted])
            else:
                self.notify(
                    f"There is no scenario called “{wanted}”.", severity="error", markup=False
                )

    @work(thread=True, exclusive=True, group="content")
    def load_content(self) -> None:
        from game.content.catalog import check
        from game.content.paths import bundled_root

        catalog = check([bundled_root(), *self.content_dirs])
        if self.store is None:
            from game.store.progress import open_store

            store = open_store(self.data_dir)
            store.previewing = self.watch_path is not None  # a teacher's preview
            self.profile_id = store.profile(self.profile_name)
            self.store = store
            if store.warning:
                self.call_from_thread(self.notify, store.warning, severity="warning", timeout=10)
        self.call_from_thread(setattr, self, "catalog", catalog)

    def check_watched(self) -> None:
        """Live preview: reload the watched file when what it says has changed."""
        if self.watch_path is None:
            return
        text = b""
        # The scenario and the teacher's own fact base beside it: a fact fixed there shows.
        for path in (self.watch_path, self._own_facts(self.watch_path)):
            # A file being replaced by an editor cannot be read: its next save shows.
            with contextlib.suppress(OSError):
                text += path.read_bytes() if path.is_file() else b""
        if text != self._watched_text:
            self._watched_text = text
            self._reload_watched(self.watch_path)

    @staticmethod
    def _own_facts(path: Path) -> Path:
        """The teacher's fact base beside a scenario in their content folder."""
        return path.resolve().parent.parent / "sources" / "facts.yaml"

    @work(thread=True, exclusive=True, group="watch")
    def _reload_watched(self, path: Path) -> None:
        from game.content.catalog import check
        from game.content.paths import bundled_root

        facts = [bundled_root() / "sources"]
        own = self._own_facts(path).parent
        if own.is_dir() and own.resolve() != facts[0].resolve():
            facts.append(own)
        catalog = check([*facts, path])
        problems = [*catalog.unreadable, *(str(p) for p in catalog.errors)]
        scenario = next(iter(catalog.scenarios.values()), None)
        if scenario is None and not problems:
            problems = [f"{path}: this file has no scenario in it (a scenario has `scenes:`)"]
        self.call_from_thread(self._show_watched, path, scenario, problems, catalog)

    def _show_watched(
        self, path: Path, scenario: Scenario | None, problems: list[str], loaded: Catalog
    ) -> None:
        from game.engine import carry_over
        from game.tui.screens.briefing import BriefingScreen
        from game.tui.screens.file_errors import FileErrorsScreen
        from game.tui.screens.play import PlayScreen

        if problems or scenario is None:
            if isinstance(self.screen, FileErrorsScreen):
                self.screen.show(problems)
            else:
                self.push_screen(FileErrorsScreen(path, problems))
            return
        if isinstance(self.screen, FileErrorsScreen):
            self.pop_screen()
        if self.catalog is not None:
            self.catalog.facts.update(loaded.facts)
            for source_id, source in loaded.sources.items():
                self.catalog.sources.setdefault(source_id, source)
            self.catalog.scenarios[scenario.id] = scenario
            self.catalog.scenario_files[scenario.id] = path
        first, self._watched_id = self._watched_id is None, scenario.id
        screen = self.screen
        if isinstance(screen, PlayScreen) and screen.scenario.id == scenario.id:
            carried = carry_over(scenario, screen.state)
            if carried is None:
                self.switch_screen(PlayScreen(scenario))
                self.notify(
                    "The scene you were in is no longer in the file: starting again.",
                    title="Reloaded",
                )
            else:
                self.switch_screen(PlayScreen(scenario, *carried))
                self.notify(
                    f"{path.name} reloaded; you are where you were.",
                    title="Reloaded",
                    markup=False,
                )
        elif isinstance(screen, BriefingScreen) and screen.scenario.id == scenario.id:
            self.switch_screen(BriefingScreen(scenario))
        elif first:
            self.open_briefing(scenario)
        else:
            self.notify(f"{path.name} reloaded.", title="Reloaded", markup=False)

    def on_resize(self, event: events.Resize) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif not small and showing:
            self.pop_screen()

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """As Textual's; and in a window too small for the game, a screen opened meanwhile
        (a scenario named on the command line, say) goes under the notice, never over it."""
        if isinstance(screen, TooSmallScreen) or not isinstance(self.screen, TooSmallScreen):
            return super().push_screen(screen, *args, **kwargs)
        super().pop_screen()
        result = super().push_screen(screen, *args, **kwargs)
        super().push_screen(TooSmallScreen())
        return result

    def switch_screen(self, screen: Any) -> Any:
        """As Textual's, keeping the too-small notice on top (see `push_screen`)."""
        if isinstance(screen, TooSmallScreen) or not isinstance(self.screen, TooSmallScreen):
            return super().switch_screen(screen)
        super().pop_screen()
        result = super().switch_screen(screen)
        super().push_screen(TooSmallScreen())
        return result

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.catalog is None:
            return
        for scenario in sorted(self.catalog.scenarios.values(), key=lambda s: (s.year, s.id)):
            yield SystemCommand(  # titles are data: the palette reads markup, so escaped
                f"Play: {escape(scenario.title)}",
                f"{scenario.year}, leading {escape(scenario.delegation)}'s delegation",
                lambda scenario=scenario: self.open_briefing(scenario),
            )
        for quiz in sorted(self.catalog.quizzes.values(), key=lambda q: q.title):
            yield SystemCommand(
                f"Quiz: {escape(quiz.title)}",
                f"{len(quiz.questions)} questions",
                lambda quiz=quiz: self.open_quiz(quiz),
            )
        yield SystemCommand(
            "Timeline", "The facts by year, from 1855 to 2020", lambda: self.open_place("timeline")
        )
        yield SystemCommand("Help", "How to play, the keys", lambda: self.open_place("help"))
        yield SystemCommand(
            "Review due", "The questions due to come back", lambda: self.open_place("review")
        )
        yield SystemCommand(
            "Your progress",
            "Endings found, quiz scores, questions most often missed",
            lambda: self.open_place("progress"),
        )

    def open_briefing(self, scenario: Scenario) -> None:
        """The scenario's briefing; if the student left it part-way, first ask whether to
        continue (straight back into play) or start again."""
        from game.engine import PlayState
        from game.tui.screens.briefing import BriefingScreen
        from game.tui.screens.resume import ResumeScreen

        saved = self._saved_place("scenario", scenario.id)
        if not isinstance(saved, PlayState):
            self.push_screen(BriefingScreen(scenario))
            return
        made = len(saved.path)

        def answered(choice: str | None) -> None:
            if choice == "continue":
                self.play_saved(scenario, saved)
            elif choice == "restart":
                self._forget_place("scenario", scenario.id)
                self.push_screen(BriefingScreen(scenario))

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
        if self.store is None or self.catalog is None:
            return None
        from game.store.games import Changed, resume_play, resume_quiz

        if kind == "scenario":
            found: object = resume_play(self.store, self.profile_id, self.catalog.scenarios[item])
        else:
            found = resume_quiz(self.store, self.profile_id, self.catalog.quizzes[item])
        if isinstance(found, Changed):
            self._forget_place(kind, item)
            return None
        return found  # type: ignore[return-value]

    @work(thread=True, group="save")
    def _forget_place(self, kind: str, item: str) -> None:
        if self.store is not None:
            self.store.forget(self.profile_id, kind, item)

    def switch_profile(self, name: str | None) -> None:
        """Play as `name` from now on (created if new); None keeps the same."""
        if name is not None and self.store is not None and name != self.profile_name:
            self._switch_profile(name)

    @work(thread=True, group="save")
    def _switch_profile(self, name: str) -> None:
        if self.store is None:
            return
        profile_id = self.store.profile(name)

        def switched() -> None:
            self.profile_id = profile_id
            self.profile_name = name
            self.notify(f"Playing as {name}.", markup=False)

        self.call_from_thread(switched)

    def save_progress(self, scenario_id: str, state: PlayState) -> None:
        """Write a choice as it is made, off the UI thread; a finished game becomes a run."""
        if self.store is not None:
            self._save_progress(scenario_id, state)

    @work(thread=True, group="save")
    def _save_progress(self, scenario_id: str, state: PlayState) -> None:
        from game.store.games import save_play

        if self.store is not None:
            save_play(self.store, self.profile_id, scenario_id, state)
            self._tell_if_unsaved()

    def save_answer(
        self,
        progress: QuizProgress,
        question_id: str,
        answer: Answer,
        seconds: float | None = None,
        module: str | None = None,
    ) -> None:
        """Write a quiz answer as it is graded, off the UI thread, with the progress so far
        and the question's next review (`module`: where a review question comes from)."""
        if self.store is not None:
            self._save_answer(progress, question_id, answer, seconds, module)

    @work(thread=True, group="save")
    def _save_answer(
        self,
        progress: QuizProgress,
        question_id: str,
        answer: Answer,
        seconds: float | None,
        module: str | None,
    ) -> None:
        from game.store.games import save_quiz

        if self.store is not None:
            save_quiz(
                self.store, self.profile_id, progress, question_id, answer, seconds, module=module
            )
            self._tell_if_unsaved()

    def _tell_if_unsaved(self) -> None:
        """From a save worker: say once that progress is no longer being saved."""
        store = self.store
        if store is not None and store.unwritable and not self._told_unsaved:
            self._told_unsaved = True
            self.call_from_thread(self.notify, store.warning or "", severity="warning", timeout=10)

    def saved_game(self) -> SavedGame | None:
        """What to continue: the latest game or quiz left part-way whose file is still
        there (marked as changed when it no longer fits the file)."""
        if self.store is None or self.catalog is None:
            return None  # before the content has loaded: nothing to import yet
        from game.store.games import latest_saved

        catalog = self.catalog
        return latest_saved(self.store, self.profile_id, catalog.scenarios, catalog.quizzes)

    def continue_saved(self) -> None:
        """Resume the saved game or quiz; one that no longer fits its file starts again."""
        saved = self.saved_game()
        if saved is None:
            return
        if saved.changed is not None:
            self._forget_place(saved.kind, saved.item)
            self.notify(
                f"“{saved.title}” has changed since it was saved, so it starts again.",
                title="Starting again",
                markup=False,
            )
            if saved.scenario is not None:
                self.open_briefing(saved.scenario)
            elif saved.quiz is not None:
                self.open_quiz(saved.quiz)
        elif saved.play is not None and saved.scenario is not None:
            self.play_saved(saved.scenario, saved.play)
        elif saved.progress is not None:
            from game.tui.screens.quiz import QuizScreen

            self.push_screen(QuizScreen(saved.progress.quiz, saved.progress.seed, saved.progress))

    def open_quiz(self, quiz: Quiz, *, replace_screen: bool = False) -> None:
        """A quiz; if the student left it part-way, first ask whether to continue (the
        same question and score) or start again."""
        from game.quiz import QuizProgress
        from game.tui.screens.quiz import QuizScreen
        from game.tui.screens.resume import ResumeScreen

        def show(screen: QuizScreen) -> None:
            if replace_screen:
                self.switch_screen(screen)
            else:
                self.push_screen(screen)

        saved = None if replace_screen else self._saved_place("quiz", quiz.id)
        if not isinstance(saved, QuizProgress):
            show(QuizScreen(quiz, self.seed))
            return
        progress = saved

        def answered(choice: str | None) -> None:
            if choice == "continue":
                show(QuizScreen(quiz, progress.seed, progress))
            elif choice == "restart":
                self._forget_place("quiz", quiz.id)
                show(QuizScreen(quiz, self.seed))

        where = f"question {progress.index + 1} of {len(quiz.questions)}"
        self.push_screen(ResumeScreen(quiz.title, where), answered)

    def due_for_review(self) -> list[tuple[str, str]]:
        """The questions of this student due for review now, from modules still there."""
        if self.store is None or self.catalog is None:
            return []
        catalog = self.catalog
        return [due for due in self.store.due(self.profile_id) if catalog.question(*due)]

    def open_review(self, *, replace_screen: bool = False) -> None:
        """A quiz of what is due for review, across every module."""
        from game.quiz.review import review_quiz
        from game.tui.screens.quiz import QuizScreen

        if self.catalog is None:
            self.notify("The content is still loading; try again in a moment.")
            return
        review = review_quiz(self.catalog.quizzes, self.due_for_review())
        if review is None:
            self.notify(
                "Nothing is due for review now. Questions you answer in the quizzes come "
                "back here: the ones you miss soon, the ones you get right days later.",
                title="Review",
            )
            if replace_screen:
                self.pop_screen()
            return
        screen = QuizScreen(review.quiz, self.seed, modules=review.modules)
        if replace_screen:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_place(self, where: str) -> None:
        """Open one of the home screen's places: scenarios, quizzes, timeline or help."""
        from game.tui.screens.help import HelpScreen
        from game.tui.screens.progress import ProgressScreen
        from game.tui.screens.quiz_list import QuizListScreen
        from game.tui.screens.scenarios import ScenarioListScreen
        from game.tui.screens.timeline import TimelineScreen

        if where == "review":
            self.open_review()
            return
        if where in ("timeline", "progress") and self.catalog is None:
            self.notify("The content is still loading; try again in a moment.")
            return
        screens: dict[str, type[Screen[None]]] = {
            "scenarios": ScenarioListScreen,
            "quizzes": QuizListScreen,
            "timeline": TimelineScreen,
            "help": HelpScreen,
            "progress": ProgressScreen,
        }
        self.push_screen(screens[where]())


def make_app(
    content: Sequence[str | Path] = (),
    catalog: Catalog | None = None,
    start_scenario: str | None = None,
    seed: int | None = None,
    store: Store | None = None,
    profile: str = "default",
    data_dir: Path | None = None,
    watch: Path | None = None,
) -> TreatyApp:
    """The app, with a teacher's folders beside the bundled content, or a given catalog
    (tests build it the same way the command line does); `start_scenario` opens that
    scenario's briefing once the content is loaded; `watch` is a scenario file to preview
    live, reloaded each time it is saved."""
    return TreatyApp(
        content=content,
        catalog=catalog,
        start_scenario=start_scenario,
        seed=seed,
        store=store,
        profile=profile,
        data_dir=data_dir,
        watch=watch,
    )
