"""A course: a content folder's `course.yaml`, with the title and the one-paragraph
introduction the home screen shows in place of the game's own when the folder is played
alone (`--only DIR`).

```yaml
title: Harbour Town
introduction: >
  One paragraph: what the course is about.
```

Checked like the rest of the content: a located message with a code (7xx) for each
problem; a course with an error is not used (the folder's content still is).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from game.content.codes import Code
from game.content.vocabulary import FOLDER_KINDS
from game.content.wording import suggest
from game.content.yamlfile import YamlFile, load_yaml

if TYPE_CHECKING:
    from game.content.catalog import Catalog

COURSE_FILE_NAMES: Final = ("course.yaml", "course.yml")
"""The names of a course file, at the top of a content folder."""
COURSE_KEYS: Final = ("title", "introduction")
"""The keys of `course.yaml`, in the order the guide shows them."""


@dataclass(frozen=True)
class Course:
    """What a course folder says about itself."""

    title: str
    introduction: str
    """One paragraph ("" when the file gives none)."""


def is_course_file(path: Path) -> bool:
    """Whether `path` is a course file: `course.yaml`, but not in a `scenarios/`,
    `quizzes/` or `sources/` folder (there it is a scenario, quiz or fact file)."""
    return path.name.casefold() in COURSE_FILE_NAMES and path.parent.name not in FOLDER_KINDS


def course_file(folder: Path) -> Path | None:
    """The course file at the top of `folder`, if it has one."""
    for name in COURSE_FILE_NAMES:
        path = folder / name
        try:
            if path.is_file():
                return path
        except OSError:
            return None
    return None


def read_course(path: Path) -> tuple[Course | None, YamlFile]:
    """The course in `path` (None when it has an error), and the file with its problems."""
    f = load_yaml(path)
    if not isinstance(f.data, dict) or _errors(f):
        return None, f
    data: dict[str, Any] = f.data
    for key in data:
        if str(key) not in COURSE_KEYS:
            f.problem(
                Code.COURSE_UNKNOWN_KEY,
                (str(key),),
                f"`{key}` is not a key of a course file{suggest(str(key), COURSE_KEYS)} "
                f"(a course file has {' and '.join(f'`{k}:`' for k in COURSE_KEYS)})",
                key=True,
            )
    texts = {key: _text(f, data, key) for key in COURSE_KEYS}
    if "title" not in data or texts["title"] == "":
        where = ("title",) if "title" in data else ()
        f.problem(
            Code.COURSE_NO_TITLE,
            where,
            "the course has no title; write one after `title:`, such as `title: Harbour Town`",
        )
    intro = texts["introduction"]
    if intro and len(_paragraphs(intro)) > 1:
        f.problem(
            Code.COURSE_PARAGRAPHS,
            ("introduction",),
            f"the introduction has {len(_paragraphs(intro))} paragraphs; the home screen "
            "shows one: keep the first and move the rest into a scenario's summary",
            "warning",
        )
    if _errors(f):
        return None, f
    return Course(" ".join((texts["title"] or "").split()), (intro or "").strip()), f


def _text(f: YamlFile, data: dict[str, Any], key: str) -> str | None:
    """The text under `key` ("" when empty, None when absent or not text: said in `f`)."""
    if key not in data or data[key] is None:
        return "" if key in data else None
    value = data[key]
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    found = "a list" if isinstance(value, list) else "keys"
    found = "true/false" if isinstance(value, bool) else found
    f.problem(
        Code.COURSE_NOT_TEXT,
        (key,),
        f"the course's `{key}` should be text, but found {found}",
    )
    return None


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _errors(f: YamlFile) -> bool:
    return any(p.severity == "error" for p in f.problems)


def first_course(folders: Iterable[str | Path]) -> Path | None:
    """The course file of the first folder given that has one."""
    for given in folders:
        folder = Path(given)
        if is_course_file(folder):
            return folder
        try:
            found = course_file(folder) if folder.is_dir() else None
        except OSError:
            found = None
        if found is not None:
            return found
    return None


def course_of(
    paths: Iterable[str | Path], files: list[Path]
) -> tuple[Course | None, list[Path], YamlFile | None]:
    """The course of the first folder given that has one (None when it has an error),
    the files without any course file (a flat folder's `course.yaml` is no scenario),
    and the course file read, with its problems."""
    found = first_course(paths)
    rest = [f for f in files if not is_course_file(f)]
    if found is None:
        return None, rest, None
    course, f = read_course(found)
    f.problems.sort(key=lambda p: (p.line, p.col))
    return course, rest, f


def timeline_years(catalog: Catalog) -> list[int]:
    """Every year on the timeline: its dated facts' and its scenarios' (the timeline lists
    both), so that the home screen's span and the timeline never disagree."""
    facts = [f.year for f in catalog.facts.values() if f.year is not None]
    return [*facts, *(s.year for s in catalog.scenarios.values())]


def years_of(years: Iterable[int | None]) -> str:
    """The span of the timeline in words: "from 1855 to 2020", "in 2031", or "" with no
    dated fact (the timeline of a course is its own facts' years)."""
    dated = sorted(y for y in years if y is not None)
    if not dated:
        return ""
    if dated[0] == dated[-1]:
        return f"in {dated[0]}"
    return f"from {dated[0]} to {dated[-1]}"
