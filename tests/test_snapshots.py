"""How the screens whose look matters look, at 100x30 (pytest-textual-snapshot).

Regenerate after a deliberate change with: pytest tests/test_snapshots.py --snapshot-update
"""

from typing import Any

from game.content.catalog import check
from game.content.paths import bundled_root
from game.tui import make_app

SIZE = (100, 30)


def app() -> Any:
    return make_app(catalog=check([bundled_root()]))


def test_home(snap_compare: Any) -> None:
    assert snap_compare(app(), terminal_size=SIZE)


def test_play(snap_compare: Any) -> None:
    assert snap_compare(app(), press=["enter", "enter", "enter"], terminal_size=SIZE)


def test_play_after_a_choice(snap_compare: Any) -> None:
    assert snap_compare(app(), press=["enter", "enter", "enter", "1"], terminal_size=SIZE)


def test_ending(snap_compare: Any) -> None:
    assert snap_compare(app(), press=["enter", "enter", "enter", "1", "1"], terminal_size=SIZE)
