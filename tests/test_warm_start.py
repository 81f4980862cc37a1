"""What the fork server does once so that each visitor's game starts with less
(game/tui/warm_start.py): none of it may change what a game shows."""

import tempfile
import threading
from pathlib import Path

import pytest

from game.content.catalog import check
from game.content.paths import bundled_root
from game.tui import make_app
from game.tui import warm_start as warm
from game.tui.app import TreatyApp

BUNDLED = check([bundled_root()])


async def screens(size: tuple[int, int]) -> tuple[list[str], int]:
    """What Home, the scenarios and Home in a light theme look like (as SVG), and how many
    sources the app's stylesheet was last parsed from."""
    app = make_app(catalog=BUNDLED)
    shown = []

    async def at_rest() -> str:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        return app.export_screenshot()

    async with app.run_test(size=size) as pilot:
        shown.append(await at_rest())
        await pilot.press("s")
        shown.append(await at_rest())
        await pilot.press("escape")
        await pilot.pause()
        app.theme = "textual-light"
        shown.append(await at_rest())
    return shown, len(app.stylesheet.source)


def parsed_by(app: TreatyApp) -> list[object]:
    return list(app.stylesheet.rules)


async def test_games_that_share_parsed_styles_look_the_same_as_games_that_parse_their_own() -> None:
    own = {size: await screens(size) for size in [(80, 24), (120, 40)]}
    warm.share_parsed_styles()
    try:
        first = make_app(catalog=BUNDLED)
        async with first.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            rules = parsed_by(first)
        assert warm._parsed  # the first game parsed, and kept what it parsed
        for size, (pictures, sources) in own.items():
            shared, shared_sources = await screens(size)
            assert shared_sources == sources
            for n, (mine, theirs) in enumerate(zip(shared, pictures, strict=True)):
                assert mine == theirs, f"picture {n} at {size}"
        second = make_app(catalog=BUNDLED)
        async with second.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            again = parsed_by(second)
        assert len(again) == len(rules)
        assert all(a is b for a, b in zip(again, rules, strict=True))  # reused, not parsed
    finally:
        warm.stop_sharing_parsed_styles()
    from textual.css.stylesheet import Stylesheet

    assert not getattr(Stylesheet._parse_rules, "shared", False)


def test_the_parser_is_built_once_and_reads_every_game_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from game.cli import app_content_of, parser

    monkeypatch.setattr(parser, "build_parser", parser.build_parser)  # put back after
    fresh = parser.read_command_line(["--profile", "Anna"])
    warm.keep_the_parser()
    warm.keep_the_parser()  # twice is once
    assert parser.build_parser() is parser.build_parser()
    assert parser.read_command_line(["--profile", "Anna"]) == fresh
    again = parser.read_command_line(["--profile", "Ben", "--data-dir", "/tmp/x"])
    assert not isinstance(again, int)
    assert (again.app_profile, again.app_data_dir) == ("Ben", "/tmp/x")
    assert app_content_of(["serve"]) is None  # a command is still a command


def test_the_first_run_reaches_home_and_leaves_nothing_behind() -> None:
    before = {p.name for p in Path(tempfile.gettempdir()).glob("treaty-warm-*")}
    assert warm.first_run([]) is True
    assert threading.active_count() == 1  # nothing running across a fork
    after = {p.name for p in Path(tempfile.gettempdir()).glob("treaty-warm-*")}
    assert after == before  # its data folder is gone


def test_a_first_run_that_fails_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import game.tui

    def broken(**_: object) -> None:
        raise RuntimeError("no app today")

    monkeypatch.setattr(game.tui, "make_app", broken)
    assert warm.first_run([]) is False


async def test_a_game_forked_with_its_content_kept_draws_the_whole_home_at_once(
    tmp_path: Path,
) -> None:
    # In a forked game the content is loaded already: Home comes with the student's name
    # and their Review and Progress lines in its first frame, not in a second one.
    from textual.widgets import OptionList

    from game.content import only

    def menu(app: TreatyApp) -> list[str]:
        found = app.screen.query_one("#home-menu", OptionList)
        return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]

    started = make_app(data_dir=tmp_path / "started", profile="Anna")
    async with started.run_test(size=(80, 24)):
        assert started.session.store is None  # a started game loads after its first paint
        assert not any("playing as Anna" in line for line in menu(started))
    only.keep_content([])
    try:
        forked = make_app(data_dir=tmp_path / "forked", profile="Anna")
        async with forked.run_test(size=(80, 24)) as pilot:
            assert forked.session.store is not None
            lines = menu(forked)
            assert any("playing as Anna" in line for line in lines)
            await pilot.pause()
            assert menu(forked) == lines  # and nothing more arrives after
            assert forked.catalog is not None and forked.catalog.scenarios
    finally:
        only._kept.clear()
