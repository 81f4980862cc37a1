"""Shared test set-up: the Hypothesis profiles."""

import os
import tempfile

# Screens are compared with snapshots: no animation may move anything between frames.
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
# Progress written by the tests goes to a folder of their own, never the user's.
os.environ["TREATY_DATA_DIR"] = tempfile.mkdtemp(prefix="treaty-test-data-")
# Settings too: a teacher's remembered folder must not change what the tests load.
os.environ["TREATY_CONFIG_DIR"] = tempfile.mkdtemp(prefix="treaty-test-config-")

from hypothesis import HealthCheck, settings

# The same examples on every run. 50 a property (Hypothesis's default is 100): the suite
# stays well inside its ten minutes on two cores, and the `dev` profile searches deeper.
settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_xdist_auto_num_workers(config: object) -> int | None:
    """The suite runs on one worker per CPU (`-n auto` in pyproject.toml), except when
    snapshots are rewritten: syrupy removes the pictures no test uses only when one
    process sees every test."""
    import pytest

    assert isinstance(config, pytest.Config)
    if config.getoption("--snapshot-update", default=False):
        return 0
    return None
