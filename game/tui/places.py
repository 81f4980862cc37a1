"""Where the app goes when asked (`OpenScenario`, `OpenQuiz`, `Navigate`, `ContinueSaved`):
a briefing, a quiz, one of the home screen's places, or back into what was left part-way,
first asking whether to continue or start again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from game.tui.messages import Place
from game.tui.saving import SavingApp

if TYPE_CHECKING:
    from game.content.models import Quiz, Scenario
    from game.engine import PlayState
    from game.quiz import QuizProgress
    from game.tui.screens.quiz import QuizScreen


class PlacesApp(SavingApp):
    """Opens the places of the game, each screen with what it needs."""

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
        """Resume the saved game, quiz or table; one that no longer fits its file starts
        again."""
        saved = self.session.saved_game()
        if saved is None or self.continue_table(saved):
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

    def continue_table(self, saved: object) -> bool:
        """Back into a table left part-way, when `saved` is one (`TablesApp` does it)."""
        return False

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

        if self.session.catalog is None:
            self.notify("The content is still loading; try again in a moment.")
            return
        review = review_quiz(self.session.catalog.quizzes, self.session.due_for_review())
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
        if where in (Place.TIMELINE, Place.PROGRESS) and self.session.catalog is None:
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
