"""The app's saving: each choice, answer and forgotten place written off the UI thread, in
a worker of the "save" group (a failure is said by the app's one worker handler)."""

from __future__ import annotations

from textual import work

from game.tui.messages import ChoiceMade, QuestionAnswered
from game.tui.session import Session
from game.tui.small_window import TooSmallAware


class SavingApp(TooSmallAware):
    """Writes to the session's store; the app decides when."""

    session: Session
    _told_unsaved = False

    @work(thread=True, group="save", exit_on_error=False)
    def _save_play(self, message: ChoiceMade) -> None:
        """Write a choice as it is made, off the UI thread; a finished game becomes a run."""
        from game.store.games import save_play

        session = self.session
        if session.store is not None:
            save_play(session.store, session.profile_id, message.scenario_id, message.state)
            self._tell_if_unsaved()

    @work(thread=True, group="save", exit_on_error=False)
    def _save_answer(self, m: QuestionAnswered) -> None:
        """Write a quiz answer as it is graded, off the UI thread, with the progress so far
        and the question's next review."""
        from game.store.games import save_quiz

        session = self.session
        if session.store is not None:
            save_quiz(
                session.store,
                session.profile_id,
                m.progress,
                m.question_id,
                m.answer,
                m.seconds,
                module=m.module,
            )
            self._tell_if_unsaved()

    @work(thread=True, group="save", exit_on_error=False)
    def _forget_place(self, kind: str, item: str) -> None:
        if self.session.store is not None:
            self.session.store.forget(self.session.profile_id, kind, item)

    def _tell_if_unsaved(self) -> None:
        """From a save worker: say once that progress is no longer being saved."""
        store = self.session.store
        if store is not None and store.unwritable and not self._told_unsaved:
            self._told_unsaved = True
            self.call_from_thread(self.notify, store.warning or "", severity="warning", timeout=10)
