"""The statements that write the progress file, shared by the writes that make one
transaction of several, and the moments and ids they stamp."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

Statement = tuple[str, tuple[Any, ...]]
"""An SQL statement and its parameters."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def utc(moment: datetime) -> str:
    """A moment as ISO 8601 in UTC, so that text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def new_uid() -> str:
    return uuid.uuid4().hex


def save_statement(profile_id: int, kind: str, item: str, data: dict[str, Any]) -> Statement:
    return (
        "INSERT INTO saves (profile_id, kind, item, data, updated) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (profile_id, kind, item) "
        "DO UPDATE SET data = excluded.data, updated = excluded.updated",
        (profile_id, kind, item, json.dumps(data), now()),
    )


def forget_statement(profile_id: int, kind: str, item: str) -> Statement:
    return (
        "DELETE FROM saves WHERE profile_id = ? AND kind = ? AND item = ?",
        (profile_id, kind, item),
    )


def quiz_run_statement(
    profile_id: int, quiz: str, score: float, total: int, when: datetime | None
) -> Statement:
    finished = (when or datetime.now(UTC)).isoformat(timespec="seconds")
    return (
        "INSERT INTO quiz_runs (profile_id, quiz, score, total, finished, uid) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (profile_id, quiz, score, total, finished, new_uid()),
    )


COUNT_WRITE = (
    "INSERT INTO meta (key, value) VALUES ('writes', '1') "
    "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
)
