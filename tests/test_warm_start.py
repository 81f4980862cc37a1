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
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown.append(app.export_screenshot())
        await pilot.press("s")
        await pilot.pause()
        shown.append(app.export_screenshot())
        await pilot.press("escape")
        app.theme = "textual-light"
        await pilot.pause()
        shown.append(app.export_screenshot())
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
            assert await screens(size) == (pictures, sources)
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
