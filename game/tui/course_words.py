"""The words of the screens that name the game's subject, from the course played (issue
33): under `--only DIR` the home screen shows the folder's `course.yaml` title and
introduction, the timeline its facts' years, and help speaks of no subject of its own;
without it, the game's own words (the Russia–Japan talks) stay as they were."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from game.content.course import timeline_years, years_of

if TYPE_CHECKING:
    from game.content.catalog import Catalog
    from game.tui.session import Session

GAME_TITLE = "Treaty Talks"

NEUTRAL_HELP: dict[str, str] = {
    "How to play": """\
You lead a delegation in a negotiation. Each scene tells you where the talks stand; you
answer by choosing what your delegation does. Your choices move the **meters** and lead to
one of several **endings**. After the ending, the **debrief** tells you what happened in
the course's sources, quoting them. Play again to find the other endings.
""",
    "The map": """\
When a scenario has a map, the side panel shows it. The places the scene, or the choice
you have highlighted, speaks of are written in CAPITALS with a pointer.
""",
    "Topics": """\
Each choice may be tagged with what it is about; the tag is shown beside the choice.
""",
}
"""Help's sections that name the game's own subject, as a course played alone has them."""


GLOSSARY_HELP = ("Words",)
"""Help's sections about the glossary, left out for a course that has none."""


def course_played(session: Session) -> bool:
    """Whether a teacher's folder is played alone (`--only`)."""
    return session.only


def home_title(session: Session) -> str:
    """The home screen's title: the course's under `--only`, else the game's."""
    course = session.catalog.course if session.catalog is not None else None
    if session.only:
        return course.title if course is not None else GAME_TITLE
    return GAME_TITLE


def home_intro(session: Session, game_intro: str) -> str:
    """The home screen's introduction: the course's under `--only` ("" before it is
    loaded, or when it has none), else the game's own."""
    if not session.only:
        return game_intro
    course = session.catalog.course if session.catalog is not None else None
    return course.introduction if course is not None else ""


def timeline_span(catalog: Catalog | None, default: str = "") -> str:
    """ "from 1855 to 2020": the years of the timeline, its facts' and its scenarios'
    (`default` before they are loaded)."""
    if catalog is None:
        return default
    return years_of(timeline_years(catalog))


def help_text(text: str, session: Session) -> str:
    """Help as this game shows it: under `--only`, each section that names the game's own
    subject in the course's neutral words, and the timeline's years the course's."""
    span = timeline_span(session.catalog)
    if span:
        text = re.sub(r"from \d{4} to \d{4}", span, text)
    elif session.only:  # before the course's facts are loaded: no years
        text = re.sub(r",? from \d{4} to \d{4}", "", text)
    if not session.only:
        return text
    catalog = session.catalog
    no_glossary = catalog is not None and not catalog.glossary
    first, *sections = text.split("\n## ")
    kept = []
    for section in [first.removeprefix("## "), *sections]:
        heading, _, body = section.partition("\n")
        if no_glossary and heading.strip() in GLOSSARY_HELP:
            continue  # a course without a glossary: help names only what it has
        body = NEUTRAL_HELP.get(heading.strip(), body)
        kept.append(f"{heading}\n{body}")
    return "## " + "\n## ".join(kept)
