"""What every Treaty Talks screen shares: the app and its content."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from game.content.catalog import Catalog
    from game.tui.app import TreatyApp


class TreatyScreen(Screen[None]):
    """A screen of the Treaty Talks app."""

    @property
    def treaty_app(self) -> TreatyApp:
        from game.tui.app import TreatyApp

        app = self.app
        assert isinstance(app, TreatyApp)
        return app

    @property
    def catalog(self) -> Catalog:
        """The loaded content (screens past the scenario list only open once it is)."""
        catalog = self.treaty_app.catalog
        assert catalog is not None
        return catalog
