"""Problems found in a content file, each with the file, line and column it is about, and
the code of its kind (`game.content.codes`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file. `line` and `col` count from 1, as editors do."""

    file: str
    line: int
    col: int
    severity: Severity
    message: str
    code: str
    """`TT104` and the like (`game.content.codes.Code`); documented in AUTHORING.md."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity} {self.code}: {self.message}"
