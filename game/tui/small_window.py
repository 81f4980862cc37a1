"""The app's part in the too-small notice: shown over everything while the window is
smaller than the game needs, gone by itself once it is big enough."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App

from game.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen


class TooSmallAware(App[None]):
    """An app that keeps the too-small notice on top of every screen it opens."""

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
