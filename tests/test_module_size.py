"""Modules small enough to read in one sitting (STYLE.md): the core packages this test
covers keep every module under about 400 lines."""

from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"
MOST_LINES = 400


@pytest.mark.parametrize("package", ["engine", "analysis", "store", "testing", "net"])
def test_no_module_of_the_core_is_over_400_lines(package: str) -> None:
    long = {
        str(path.relative_to(GAME)): lines
        for path in sorted((GAME / package).rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert long == {}


def test_every_name_imported_from_the_progress_module_is_still_there() -> None:
    """`game.store.progress` is split by what each part does; the names the rest of the
    game and teachers' scripts import from it keep working."""
    from game.store import progress

    for name in progress.__all__:
        assert getattr(progress, name) is not None
    assert progress.Store.__module__ == "game.store.database"
