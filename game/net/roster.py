"""A class's roster (issue 35): no one plays as someone else.

`treaty serve --roster class.txt` (one name a line) gives each name a code and writes them
to `class-codes.csv` beside the roster (columns `name` and `code`; the teacher's code on
the row named `teacher`), the teacher's copy to hand out. Started again with the same
roster, the codes already given are kept and new names get new ones. The server itself
keeps each code only hashed (PBKDF2), compares in constant time, and slows a name (or an
address) down after a few wrong tries.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from game.store.names import profile_name

TEACHER = "teacher"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
FREE_TRIES = 3
"""Wrong codes answered at once; past them, each waits longer (1 s, 2 s, 4 s... 30 s)."""
MOST_WAIT = 30.0
_ROUNDS = 20_000


class RosterProblem(ValueError):
    """A roster that cannot be used, in words for the teacher."""


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@dataclass
class Roster:
    """The names of a class and their codes, hashed."""

    salt: bytes
    hashes: dict[str, bytes]
    """Each name, folded (`key`) -> its code's hash."""
    names: dict[str, str]
    """Each name, folded -> as the roster writes it."""
    wrong: dict[str, int] = field(default_factory=dict)
    """Wrong tries since the last right one, by name and by address."""

    @classmethod
    def of(cls, codes: dict[str, str]) -> Roster:
        salt = secrets.token_bytes(16)
        roster = cls(salt, {}, {})
        for name, code in codes.items():
            roster.hashes[key(name)] = roster._hash(code)
            roster.names[key(name)] = name
        return roster

    def _hash(self, code: str) -> bytes:
        typed = "".join(code.split()).upper().encode("utf-8")
        return hashlib.pbkdf2_hmac("sha256", typed, self.salt, _ROUNDS)

    def on_roster(self, name: str) -> bool:
        return key(name) in self.hashes

    def right(self, name: str, code: str | None) -> bool:
        """Whether `code` is `name`'s (compared in constant time)."""
        wanted = self.hashes.get(key(name))
        if wanted is None or code is None:
            return False
        return hmac.compare_digest(self._hash(code[:100]), wanted)

    def failed(self, *who: str) -> float:
        """Count a wrong try for each of `who` (a name, an address): the seconds to wait
        before saying so."""
        worst = 0
        for one in who:
            self.wrong[one] = self.wrong.get(one, 0) + 1
            worst = max(worst, self.wrong[one])
        return 0.0 if worst <= FREE_TRIES else min(2.0 ** (worst - FREE_TRIES - 1), MOST_WAIT)

    def passed(self, name: str, *more: str) -> None:
        """A right code: `name` (and the address it came from) start afresh."""
        for one in (key(name), *more):
            self.wrong.pop(one, None)


def key(name: str) -> str:
    return (profile_name(name) or "").casefold()


def read_roster(path: Path) -> tuple[Roster, Path, int]:
    """The roster at `path`, with the codes file beside it (written, keeping the codes it
    already gave) and how many names are on it. RosterProblem when it cannot be read."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as problem:
        raise RosterProblem(f"cannot read the roster {path}: {problem}") from None
    names: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        name = profile_name(line)
        if name is None or name.startswith("#"):
            continue
        if key(name) == TEACHER:
            raise RosterProblem(f"{path}:{number}: `teacher` is the teacher's row; rename it")
        if key(name) in names:
            raise RosterProblem(f"{path}:{number}: {name} is on the roster twice")
        names[key(name)] = name
    if not names:
        raise RosterProblem(f"the roster {path} has no names (one name a line)")
    codes_file = path.with_name(f"{path.stem}-codes.csv")
    given = _codes_given(codes_file)
    codes = {name: given.get(folded) or new_code() for folded, name in names.items()}
    codes[TEACHER] = given.get(TEACHER) or new_code()
    try:
        codes_file.touch(mode=0o600)  # the codes are the teacher's: not for other accounts
        with codes_file.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["name", "code"])
            writer.writerows(codes.items())
    except OSError as problem:
        raise RosterProblem(f"cannot write {codes_file}: {problem}") from None
    return Roster.of(codes), codes_file, len(names)


def _codes_given(path: Path) -> dict[str, str]:
    """The codes an earlier start wrote, by folded name; none when there is no such file
    or it is not of that shape."""
    try:
        with path.open(newline="", encoding="utf-8") as found:
            rows = list(csv.DictReader(found))
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    return {
        key(row["name"]): row["code"]
        for row in rows
        if isinstance(row.get("name"), str)
        and isinstance(row.get("code"), str)
        and len(row["code"]) == CODE_LENGTH
        and set(row["code"]) <= set(CODE_ALPHABET)
    }
