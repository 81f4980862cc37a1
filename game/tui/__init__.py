"""The Textual app: screens, widgets and styles. Thin: it renders state and sends intents."""

from game.tui.app import TreatyApp, make_app

__all__ = ["TreatyApp", "make_app"]
