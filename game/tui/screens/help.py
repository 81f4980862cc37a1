"""Help: how to play, the keys, and what the meters, topics and badges mean."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from game.content.citation import whose_words
from game.tui.course_words import help_text
from game.tui.screens.glossary import GlossaryScreen
from game.tui.session import session_of

HELP = """\
## How to play

You lead a delegation in the peace treaty talks between Russia and Japan. Each scene tells
you where the talks stand; you answer by choosing what your delegation does. Your choices
move the **meters** and lead to one of several **endings**. After the ending, the
**debrief** tells you what actually happened, quoting the news reports it comes from.
Play again to find the other endings.

## Keys

| Key | What it does |
|---|---|
| ↑ ↓ | move through a list |
| Enter | choose, open, or go on |
| 1 – 9 | take that choice, or pick that option |
| Escape | go back |
| Ctrl+P | the command palette: open any scenario or quiz, the timeline, the theme |
| Ctrl+Q | quit, from anywhere |

The line at the bottom of every screen shows the keys that work there. The mouse works
everywhere too: click a choice, a button or an option.

To read a scene longer than its box, press **Page Down** or **Space** (and **Page Up** to
go back): the choices keep the highlight, so Enter still takes the one you picked.
When a scene's text, or the panel of meters, map and sources beside it, is longer than its
box, the box's border says **▼ more below**: roll the mouse wheel over the box, or click
those words. Or click the box (or press Tab until it is highlighted) and use ↑ ↓,
Page Up and Page Down. **▲ more above** takes you back up the same way. When there are
more choices than fit, their box says **▼ more choices**: ↓ goes on to them (choices that
are not available are skipped, but shown with what they need).

In quizzes: when several options are right, an option's number (1 – 9) or Space on the
highlighted one ticks it or unticks it; Shift+↑ and Shift+↓ move an item in an ordering
question; in matching, the answers are lettered: press a letter (a, b, c…) to give the
highlighted item that match and go on to the next (or open its box with Enter); C checks
your answer; after checking, your verdict, the right answer and **Next question** come
into view, and N goes to the next question.

On the Progress screen, ↑ ↓, Page Up, Page Down, Home and End scroll straight away.

How answers score: when several options are right, each right tick earns a share and
each wrong tick loses one (never below 0), so ticking everything earns nothing. In an
ordering question, each item followed by the right next item earns a share; the list as
first shown earns nothing. In matching, each right pair earns a share.

## Meters

Numbers your choices move, such as trust between the delegations or support at home.
The bar shows where a meter stands; after a choice, the change is shown beside it
(`+15`, `-5`). Some choices only open up when a meter is high or low enough: they are
shown as **Not available**, with what they need.

A tick mark (`│`) across a bar is a value that matters in this scenario: reaching it or
falling past it can open or close a way on. The words under the bar say what the nearest
mark means, and the game tells you when a choice moves a meter across one.

## The map

A scenario may show a map in the side panel. The Kuril map shows the southern Kuril
Islands and Hokkaido: the islands the scene, or the choice you have highlighted, speaks of
are written in CAPITALS with a pointer (`ITURUP◂`). A teacher's own map shows the places
the scene names in reverse, and lists them under the map.

## Words

Under the sources, the side panel lists the hard words the scene uses, from the game's
**glossary**; press **W** to read what they mean. Press **G** here for the whole glossary.

## Topics

Each choice is tagged with what it is about. A teacher's scenario may have topics of its
own; the game's scenarios have these:

- **basis**: what the talks are based on (the 1956 Joint Declaration, for example);
- **security**: security concerns, such as the alliance between Japan and the United States;
- **transfer**: the conditions for handing over any islands;
- **economy**: joint economic activities and cooperation.

## Badges

- **HISTORICAL**: this ending is how things really went.
- **COUNTERFACTUAL**: this ending did not happen; the debrief says what happened instead.

## Saving, and who is playing

Every choice and every answer is saved as you make it: close the window at any time, and
**Continue** on the home screen takes you back to the same place. On a shared computer,
press **P** on the home screen, then pick your name or type a new one and press Enter:
each name keeps its own saved games, endings and quiz results.

## Tables on the class's server

When your teacher runs the game on a server, the home screen has a line **Tables** (or
press **J**). Type the table's code that your teacher gives you, then pick your side from
the list: a side someone else already plays says so, and you cannot take it. The last line,
**Or open a new table**, starts a table: pick the scenario (the game may ask for your
teacher's code), and the new table's code is shown large, for the class to read.

At the table, the line at the top tells you what is going on:

- **Waiting for** the other side: they have not moved yet (or have not joined, or have left
  for a moment). Your move is kept; the table goes on as soon as they move.
- **Connection lost, trying again…**: the game lost the server (the network, or the server
  restarted). Wait: it joins the same table and side again by itself.
- **Paused by the teacher**: no one can move until the teacher lets the table go on.

Escape leaves the table, but your side stays yours. If you close the window or reload the
page, **Continue** on the home screen takes you back to the same table and side.

## Review and progress

**Review** (R on the home screen) brings back the quiz questions that are due: one you
missed comes back within minutes, one you got right a few days later. The home screen says
how many are due. **Progress** (G) shows the endings you have found, your quiz scores over
time, and the questions you miss most often.

## Sources

Each source line ends with its citation: who published it, the place and the date.
**(year inferred)** there means the report does not print the year: the game has worked it
out from the report's date.

## The timeline

Every dated fact in the game, from 1855 to 2020, with its quote and source. A year marked
with `*` is not stated in the report; it is worked out from the report's date.
Within a year the facts are in date order; a day and month show where a report gives them.
"""

TABLES = "tables"
"""The part of Help about tables: where a table screen's ? opens it."""
TABLE_HEADING = "Two delegations at one table"
TABLE_HELP = """\
A scenario marked **Two delegations** in the list is for two students at one keyboard, one
for each delegation. Open it, and the game asks who plays each side: each student types a
name or picks it from the list (the same name cannot play both sides). Before a side
moves, the screen says **Pass the keyboard to** that side and hides everything private:
the other student looks away, and the one whose turn it is presses Enter to read their own
brief, meters and flags (Page Down reads on), then picks a move with its number or ↑ ↓ and
presses Enter to play it: a number alone never plays it. Where both sides move at once, the second
does not see the first's move; once both have moved, both moves are shown. At the ending,
both read the shared history and both paths; then each side's private debrief is shown
after its own **Pass the keyboard**. Every move is saved for both players: Escape leaves
the table, and **Continue** on the home screen takes you back to it (once the ending is
reached, the game is recorded and Escape just leaves). At the table, **?** (or F1) opens
this help; Escape here takes you back to the table just as you left it: the move you
picked is still picked, and what was hidden behind **Pass the keyboard** is still hidden.
"""
"""How two students play a table (issue 34): its own block, after whose words the sources
are, so that the long help below keeps its shape."""


def table_help() -> Text:
    """The tables' help as text: its heading, and its words in bold where `**` says."""
    text = Text()
    text.append(TABLE_HEADING + "\n\n", style="bold")
    for number, part in enumerate(" ".join(TABLE_HELP.split()).split("**")):
        text.append(part, style="bold" if number % 2 else "")
    return text


class HelpScreen(Screen[None]):
    """How to play."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("g", "glossary", "Glossary", id="help.glossary"),
    ]

    def __init__(self, part: str = "") -> None:
        super().__init__()
        self.part = part
        """The part to open at (`TABLES`), or "" for the top."""

    def compose(self) -> ComposeResult:
        yield Static("Help", classes="screen-title", markup=False)
        with VerticalScroll(id="help"):
            text = help_text(HELP, session_of(self))  # a course's own words (issue 33)
            how_to_play, rest = text.split("\n## Keys\n", 1)
            yield Markdown(how_to_play, id="help-how")
            whose = self.whose_words()
            if whose:  # the content is loaded: whose words the sources are, in one line
                yield Static(whose, id="help-sources", markup=False)
            yield Static(table_help(), id="help-tables", markup=False)
            yield Markdown("## Keys\n" + rest)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).focus()

    @on(Markdown.TableOfContentsUpdated, "#help-how")
    def _laid_out(self) -> None:
        """The text above the tables' part has its blocks (its height is known once laid
        out): open at that part when asked to."""
        if self.part == TABLES:
            self.call_after_refresh(self._to_part)

    def _to_part(self) -> None:
        self.query_one("#help", VerticalScroll).scroll_to_widget(
            self.query_one("#help-tables"), animate=False, top=True
        )

    def whose_words(self) -> str:
        """Whose words the game's sources are, from the loaded fact base ("" before it is
        loaded)."""
        catalog = getattr(getattr(self.app, "session", None), "catalog", None)
        return whose_words(catalog.sources.values()) if catalog is not None else ""

    def action_glossary(self) -> None:
        """The whole glossary: the hard words and what they mean."""
        if session_of(self).catalog is None:
            self.notify("The content is still loading; try again in a moment.")
            return
        self.app.push_screen(GlossaryScreen())
