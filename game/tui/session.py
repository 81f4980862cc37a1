"""What one run of the app plays with: the content, the progress store, who is playing and
the seed. `make_app` builds it; the app hands it down to every screen, which reads it and
never writes it (changes go up to the app as messages, see `game.tui.messages`)."""

from __future__ import annotations

import os
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual.dom import DOMNode

if TYPE_CHECKING:
    from game.content.catalog import Catalog
    from game.engine import PlayState
    from game.quiz import QuizProgress
    from game.store.games import Changed, SavedGame
    from game.store.progress import Store
    from game.tui.table_saves import SavedTable


@dataclass
class Session:
    """The parts the app is built from, and what it has loaded since."""

    content_dirs: Sequence[str | Path] = ()
    """A teacher's folders, beside the bundled content."""
    seed: int = field(default_factory=lambda: random.SystemRandom().randrange(10**9))
    one_profile: bool = field(default_factory=lambda: os.environ.get("TREATY_ONE_PROFILE") == "1")
    """Under `treaty serve --roster`: only the profile the game was opened with plays here."""
    """Shuffles quiz options (tests pass one, so the order is known)."""
    store: Store | None = None
    """Progress, once opened (the app opens it off the UI thread when none is given)."""
    profile_name: str = "default"
    """Who is playing: progress is saved under this name."""
    profile_id: int = 0
    data_dir: Path | None = None
    watch: Path | None = None
    """Live preview: the scenario file reloaded each time it is saved."""
    start_scenario: str | None = None
    """A scenario whose briefing opens once the content is loaded (or a table, by its id
    or its file, that opens as from the list)."""
    start_players: dict[str, str] | None = None
    """The players of that table (`treaty play TABLE --player SIDE=NAME`), else asked."""
    catalog: Catalog | None = None
    """The content, once loaded (the app's `catalog` reactive says when it changes)."""
    only: bool = False
    """`--only`: the teacher's folders alone, without the game's own content."""
    table_url: str = ""
    """The tables' server address last typed in this run (Join and Open start with it)."""

    def saved_place(self, kind: str, item: str) -> PlayState | QuizProgress | Changed | None:
        """The saved game (`kind` "scenario") or quiz of this student: a `PlayState`, a
        `QuizProgress`, a `Changed` when it no longer fits its file, or None."""
        if self.store is None or self.catalog is None:
            return None
        from game.store.games import resume_play, resume_quiz

        if kind == "scenario":
            return resume_play(self.store, self.profile_id, self.catalog.scenarios[item])
        return resume_quiz(self.store, self.profile_id, self.catalog.quizzes[item])

    def saved_game(self) -> SavedGame | SavedTable | None:
        """What to continue: the latest game, quiz or table left part-way whose file is
        still there (marked as changed when it no longer fits the file)."""
        if self.store is None or self.catalog is None:
            return None  # before the content has loaded: nothing to import yet
        from game.tui.table_saves import latest_place

        return latest_place(self.store, self.profile_id, self.catalog, tables=not self.one_profile)

    def due_for_review(self) -> list[tuple[str, str]]:
        """The questions of this student due for review now, from modules still there."""
        if self.store is None or self.catalog is None:
            return []
        catalog = self.catalog
        return [due for due in self.store.due(self.profile_id) if catalog.question(*due)]

    def endings_reached(self, scenario_id: str) -> set[str]:
        """The endings this student has reached in a scenario."""
        if self.store is None:
            return set()
        return set(self.store.endings_reached(self.profile_id, scenario_id))


def session_of(node: DOMNode) -> Session:
    """The session of the app a screen or widget is in (the app keeps it as `session`;
    screens reach it this way rather than by importing the app)."""
    session = getattr(node.app, "session", None)
    assert isinstance(session, Session), "a Treaty Talks screen outside the Treaty Talks app"
    return session
