"""Live preview (`treaty play --watch FILE`): the scenario a teacher is editing, reloaded
each time it is saved. A file with problems shows them in the app instead of a crash; once
it is fixed, play goes on where it was. A reload replaces the app's catalog through its
reactive (a new `Catalog`, never the old one changed in place)."""

from __future__ import annotations

import contextlib
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.content.catalog import Catalog
    from game.content.models import Scenario
    from game.tui.app import TreatyApp

CHECK_EVERY = 0.5
"""Seconds between two looks at the watched file."""


def own_facts(path: Path) -> Path:
    """The teacher's fact base beside a scenario in their content folder."""
    return path.resolve().parent.parent / "sources" / "facts.yaml"


def with_scenario(
    catalog: Catalog, loaded: Catalog, scenario: Scenario, path: Path, *, alone: bool = False
) -> Catalog:
    """A new catalog: `catalog` with the watched scenario as `loaded` has it, the facts it
    loaded beside it, the sources it names that `catalog` did not have, and the glossary
    terms beside it. `alone` (a packed file, played alone): `loaded` is all there is, so a
    term or a fact taken out of the file is gone."""
    if alone:
        return dataclasses.replace(loaded, scenario_files={scenario.id: path})
    return dataclasses.replace(
        catalog,
        facts={**catalog.facts, **loaded.facts},
        sources={**loaded.sources, **catalog.sources},
        scenarios={**catalog.scenarios, scenario.id: scenario},
        scenario_files={**catalog.scenario_files, scenario.id: path},
        glossary={**catalog.glossary, **loaded.glossary},
    )


class LivePreview:
    """Watches one scenario file for the app."""

    def __init__(self, app: TreatyApp, path: Path) -> None:
        self.app = app
        self.path = path
        self._text: bytes | None = None
        self.scenario_id: str | None = None
        """The watched scenario, once it has loaded without problems."""
        self._started = False

    def start(self) -> None:
        """Load the file now, and look at it again every `CHECK_EVERY` seconds."""
        if self._started:
            return
        self._started = True
        self.check()
        self.app.set_interval(CHECK_EVERY, self.check, name="watch")

    def check(self) -> None:
        """Reload the watched file when what it says has changed."""
        text = b""
        # The scenario and the teacher's own fact base beside it: a fact fixed there shows.
        # And the teacher's glossary: a word added there shows under the scene.
        glossary = own_facts(self.path).with_name("glossary.yaml")
        for path in (self.path, own_facts(self.path), glossary):
            # A file being replaced by an editor cannot be read: its next save shows.
            with contextlib.suppress(OSError):
                text += path.read_bytes() if path.is_file() else b""
        if text != self._text:
            self._text = text
            self.app.run_worker(
                self._reload, thread=True, exclusive=True, group="watch", exit_on_error=False
            )

    def _reload(self) -> None:
        """In a worker: check the file with the fact bases it may use."""
        from game.content.catalog import check
        from game.content.packed import looks_packed
        from game.content.paths import bundled_root

        path = self.path
        packed = looks_packed(path)  # it holds all it cites, and is played alone
        only = packed or self.app.session.only  # --only: the game's own facts are not used
        facts = [] if only else [bundled_root() / "sources"]
        own = own_facts(path).parent
        if not packed and own.is_dir() and all(own.resolve() != f.resolve() for f in facts):
            facts.append(own)
        catalog = check([*facts, path], bundled_facts=not only)
        problems = [*catalog.unreadable, *(str(p) for p in catalog.errors)]
        scenario = next(iter(catalog.scenarios.values()), None)
        if scenario is None and not problems:
            problems = [f"{path}: this file has no scenario in it (a scenario has `scenes:`)"]
        self.app.call_from_thread(self._show, scenario, problems, catalog, packed)

    def _show(
        self, scenario: Scenario | None, problems: list[str], loaded: Catalog, alone: bool
    ) -> None:
        from game.engine import carry_over
        from game.tui.screens.briefing import BriefingScreen
        from game.tui.screens.file_errors import FileErrorsScreen
        from game.tui.screens.play import PlayScreen

        app, path = self.app, self.path
        if problems or scenario is None:
            if isinstance(app.screen, FileErrorsScreen):
                app.screen.show(problems)
            else:
                app.push_screen(FileErrorsScreen(path, problems))
            return
        if isinstance(app.screen, FileErrorsScreen):
            app.pop_screen()
        if app.catalog is not None:
            app.catalog = with_scenario(app.catalog, loaded, scenario, path, alone=alone)
        first, self.scenario_id = self.scenario_id is None, scenario.id
        screen = app.screen
        if isinstance(screen, PlayScreen) and screen.scenario.id == scenario.id:
            carried = carry_over(scenario, screen.state)
            if carried is None:
                app.switch_screen(PlayScreen(scenario))
                app.notify(
                    "The scene you were in is no longer in the file: starting again.",
                    title="Reloaded",
                )
            else:
                app.switch_screen(PlayScreen(scenario, *carried))
                app.notify(
                    f"{path.name} reloaded; you are where you were.",
                    title="Reloaded",
                    markup=False,
                )
        elif isinstance(screen, BriefingScreen) and screen.scenario.id == scenario.id:
            app.switch_screen(BriefingScreen(scenario))
        elif first:
            app.open_briefing(scenario)
        else:
            app.notify(f"{path.name} reloaded.", title="Reloaded", markup=False)
