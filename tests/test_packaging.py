"""The bundled content ships inside the wheel and is found the same way as in a checkout."""

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from game.content.paths import bundled_root

ROOT = Path(__file__).resolve().parent.parent


def test_checkout_and_editable_install_find_the_top_level_folders() -> None:
    assert bundled_root() == ROOT
    assert (bundled_root() / "scenarios" / "singapore-2018.yaml").is_file()


def test_wheel_carries_the_content_and_the_game_finds_it(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = (tmp_path / "dist").glob("treaty_talks-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "game/_bundled/scenarios/singapore-2018.yaml" in names
        assert "game/_bundled/quizzes/treaties.yaml" in names
        assert "game/_bundled/sources/facts.yaml" in names
        assert "game/content/scaffolds/scenario.yaml" in names  # for `treaty new`
        for page in ("console.html", "console.js", "console.css"):  # the teacher's console
            assert f"game/net/web/{page}" in names
        archive.extractall(tmp_path / "site")
    # Run the installed copy from elsewhere, with no checkout in sight.
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "from game.content.paths import bundled_root; print(bundled_root())",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert Path(where.stdout.strip()) == tmp_path / "site" / "game" / "_bundled"
    listing = subprocess.run(
        [sys.executable, "-m", "game"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listing.returncode == 0, listing.stderr
    assert "singapore-2018" in listing.stdout
    assert re.search(r"Treaties and declarations \(\d+ questions\)", listing.stdout)
    scaffold = subprocess.run(
        [sys.executable, "-m", "game", "new", "scenario", "first-talks"],
        cwd=tmp_path,
        env={**env, "TREATY_CONFIG_DIR": str(tmp_path / "config")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert scaffold.returncode == 0, scaffold.stderr
    assert (tmp_path / "treaty-content" / "scenarios" / "first-talks.yaml").is_file()
