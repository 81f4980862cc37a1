"""What every Treaty Talks screen shares: the session the app hands down, and its content."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.screen import Screen

from game.tui.session import Session, session_of

if TYPE_CHECKING:
    from game.content.catalog import Catalog


class TreatyScreen(Screen[None]):
    """A screen of the Treaty Talks app: it reads the session and asks the app for
    everything else with a message (`ask`)."""

    @property
    def session(self) -> Session:
        return session_of(self)

    @property
    def catalog(self) -> Catalog:
        """The loaded content (screens past the scenario list only open once it is)."""
        catalog = self.session.catalog
        assert catalog is not None
        return catalog

    def ask(self, message: Message) -> None:
        """Ask the app (navigation, saving, who is playing): it handles the message even
        when this screen has gone meanwhile."""
        self.app.post_message(message)
