"""Shared test set-up: the Hypothesis profiles."""

import os

# Screens are compared with snapshots: no animation may move anything between frames.
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
