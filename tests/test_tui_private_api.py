"""The private Textual APIs the app leans on, checked for the shape it expects. When a
Textual upgrade changes one, these fail here, by name, rather than as a play screen that
no longer scrolls or a choice list that loses its place.

- `DrawnOnce` (game/tui/widgets/drawn_once.py): `ScrollView._scroll_update(virtual_size)`
  and the watcher `Widget.watch_scroll_y(old, new)`.
- `ChoiceList` (game/tui/widgets/choice_list.py): `OptionList._update_lines()`, and the
  `_lines` and `_index_to_line` it fills.
- `share_parsed_styles` (game/tui/warm_start.py, the fork server of `treaty serve`):
  `Stylesheet._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)`, whose
  result depends on those and the stylesheet's `_variables` alone.
"""

import inspect
from importlib.metadata import version

from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import OptionList

from game.tui.widgets.drawn_once import DrawnOnce

CHECKED_WITH = "8.2.8"
"""The Textual these were last checked against (pyproject.toml pins it)."""


def parameters(function: object) -> list[str]:
    assert callable(function)
    return list(inspect.signature(function).parameters)


def test_textual_is_the_version_these_were_checked_with() -> None:
    assert version("textual") == CHECKED_WITH, (
        f"Textual is now {version('textual')}: check the private APIs this file names still "
        "behave as they did, then set CHECKED_WITH (and regenerate the snapshots in their own "
        "commit)."
    )


def test_scroll_view_scroll_update_takes_the_virtual_size() -> None:
    assert parameters(ScrollView._scroll_update) == ["self", "virtual_size"]


def test_widget_watch_scroll_y_takes_old_and_new() -> None:
    assert parameters(Widget.watch_scroll_y) == ["self", "old_value", "new_value"]
    assert DrawnOnce.watch_scroll_y is not Widget.watch_scroll_y  # ours calls Textual's


def test_a_stylesheet_parses_a_source_from_its_variables() -> None:
    from textual.css.stylesheet import Stylesheet

    parse_rules = Stylesheet._parse_rules
    assert parameters(parse_rules) == [
        "self",
        "css",
        "read_from",
        "is_default_rules",
        "tie_breaker",
        "scope",
    ]
    assert Stylesheet(variables={"a": "red"})._variables == {"a": "red"}


def test_option_list_keeps_its_lines_and_their_index() -> None:
    assert parameters(OptionList._update_lines) == ["self"]
    option_list = OptionList("one", "two")
    assert isinstance(option_list._lines, list)
    assert isinstance(option_list._index_to_line, dict)


class Lines(DrawnOnce):
    """Twenty numbered lines."""

    def parts(self):  # type: ignore[no-untyped-def]
        from rich.text import Text

        return [(("lines",), lambda: Text("\n".join(str(n) for n in range(20))))]


class LinesApp(App[None]):
    CSS = "Lines { height: 5; border: round white; }"

    def compose(self) -> ComposeResult:
        yield Lines()


async def test_a_drawn_once_widget_scrolls_as_far_as_its_lines_go() -> None:
    # What `_scroll_update` is for: the scroll limits follow the size set without a layout.
    app = LinesApp()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        widget = app.query_one(Lines)
        assert widget.virtual_size == Size(widget.scrollable_content_region.width, 20)
        assert widget.max_scroll_y == 20 - widget.scrollable_content_region.height
        widget.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert widget.scroll_y == widget.max_scroll_y
        assert widget.border_subtitle is None and widget.border_title == "▲ more above"
