"""The home screen: what the game is, and where to go."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.course_words import home_intro, home_title, timeline_span
from game.tui.messages import ContinueSaved, Navigate, Place, SwitchProfile
from game.tui.screens.base import TreatyScreen

INTRO = (
    "Lead a delegation through the Russia–Japan peace treaty talks and the dispute over "
    "the southern Kuril Islands. Every ending is grounded in what really happened, and the "
    "debrief quotes the news reports it comes from."
)


TIMELINE_SPAN = "from 1855 to 2020"
"""The game's own timeline, before its facts are loaded (then: the years of the facts)."""

MENU = [
    Option("Scenarios  ·  lead a delegation through a negotiation", id=Place.SCENARIOS.value),
    Option("Quizzes    ·  test what you know, with the sources", id=Place.QUIZZES.value),
    Option(f"Timeline   ·  the facts by year, {TIMELINE_SPAN}", id=Place.TIMELINE.value),
    Option("Help       ·  how to play, the keys, what things mean", id=Place.HELP.value),
    Option("Quit", id="quit"),
]


SCENARIOS_AND_TABLES = "Scenarios  ·  lead a delegation, or two students at one table"
"""The scenarios' line when there are tables ("Two delegations") among them."""


MENU_WIDTH = 72
"""The characters a menu line has at 80 columns (the menu is never wider than that)."""


def one_line(label: str, width: int = MENU_WIDTH) -> str:
    """A menu line that never wraps (its end gives way to "…"), so the menu keeps its
    height and every item stays in sight at 80×24."""
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


class HomeScreen(TreatyScreen):
    """Treaty Talks: the menu."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "open('scenarios')", "Scenarios", id="home.scenarios"),
        Binding("q", "open('quizzes')", "Quizzes", id="home.quizzes"),
        Binding("t", "open('timeline')", "Timeline", id="home.timeline", show=False),
        Binding("j", "tables", "Tables", id="home.tables", show=False),
        Binding("r", "open('review')", "Review", id="home.review"),
        Binding("g", "open('progress')", "Progress", id="home.progress"),
        Binding("h,question_mark", "open('help')", "Help", id="home.help"),
        Binding("p", "profile", "Student", id="home.profile"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static(home_title(self.session), id="home-title", markup=False)
            yield Static(home_intro(self.session, INTRO), id="home-intro", markup=False)
            yield OptionList(*self.menu(), id="home-menu", markup=False)
            yield Static(
                "Use ↑ and ↓ to choose, then press Enter (or click).", id="home-hint", markup=False
            )
        yield Footer(compact=True)

    def menu(self) -> list[Option]:
        """The menu, the timeline's line with the years of the facts loaded."""
        span = timeline_span(self.session.catalog, "" if self.session.only else TIMELINE_SPAN)
        timeline = f"Timeline   ·  the facts by year{', ' + span if span else ''}"
        menu = [Option(timeline, id=o.id) if o.id == Place.TIMELINE.value else o for o in MENU]
        catalog = self.session.catalog
        if catalog is not None and catalog.tables:
            # Tables (two delegations, two students at one keyboard) are in the same list.
            menu[0] = Option(SCENARIOS_AND_TABLES, id=Place.SCENARIOS.value)
        return menu

    def show_course(self) -> None:
        """The course's title and introduction (the game's own, unless `--only`)."""
        self.query_one("#home-title", Static).update(home_title(self.session))
        self.query_one("#home-intro", Static).update(home_intro(self.session, INTRO))

    def content_changed(self) -> None:
        self.show_course()
        self.offer_continue()

    def on_mount(self) -> None:
        self.watch(self.app, "catalog", lambda _: self.content_changed())
        self.watch(self.app, "profile_name", lambda _: self.offer_continue(), init=False)
        self.watch(self.app, "app_focus", self.keys_to_menu, init=False)
        # Questions come due as time passes: the count stays true while Home is open.
        self.set_interval(30, self.offer_continue, name="due")

    def keys_to_menu(self, focus: bool) -> None:
        """In a browser tab the game starts unfocused (Textual's web driver): when the tab
        gets the keyboard, the menu takes Enter and the arrows at once."""
        if focus and self.app.screen is self and self.focused is None:
            self.query_one("#home-menu", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.offer_continue()

    def offer_continue(self) -> None:
        """Put "Continue" first when a game was left part-way."""
        session = self.session
        saved = session.saved_game()
        menu = self.query_one("#home-menu", OptionList)
        options = self.menu()
        if session.store is not None:
            due = len(session.due_for_review())
            review = (
                f"Review     ·  {due} question{'s' if due != 1 else ''} due to come back"
                if due
                else "Review     ·  nothing due yet: quiz questions come back here"
            )
            options.insert(2, Option(review, id=Place.REVIEW.value))
            progress = "Progress   ·  endings found, quiz scores, questions missed"
            options.insert(3, Option(progress, id=Place.PROGRESS.value))
            name = session.profile_name
            who = (
                f"Student    ·  playing as {name}: this game is {name}'s"  # a class's roster
                if session.one_profile
                else f"Student    ·  playing as {name}: switch, or add your name"
            )
            options.insert(-1, Option(one_line(who), id="profile"))
        self.add_table_lines(options)
        if saved is not None:
            # The title gives way, not the place ("(2 choices made)"), when space is short.
            label, title = f"Continue   ·  {saved.label}", saved.title
            if len(label) > MENU_WIDTH and title in label:
                at = label.index(title)
                room = MENU_WIDTH - (len(label) - len(title))
                label = label[:at] + one_line(title, max(room, 8)) + label[at + len(title) :]
            options.insert(0, Option(one_line(label), id="continue"))
        before = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        kept = menu.highlighted
        menu.set_options(options)
        # The same lines (back from Tables, or redrawn as questions come due): the line the
        # student was on stays chosen; new lines (a Continue): the first is.
        same = before == [option.id for option in options]
        menu.highlighted = kept if same and kept is not None else 0

    def add_table_lines(self, options: list[Option]) -> None:
        """Tables over the network (issue 35): "Tables" (join or open) after the scenarios, and
        "Continue: table CODE as Japan's delegation" first when one was left part-way."""
        from game.tui.net_seat import continue_line, remembered, seat_folder, table_lines

        catalog = self.session.catalog
        lines = table_lines(catalog is not None and bool(catalog.tables))
        options[1:1] = [Option(label, id=place) for label, place in lines]
        folder = seat_folder(self.session.data_dir) if self.session.store else None
        seat = remembered(folder, self.session.profile_name)
        if seat is not None:
            label, place = continue_line(seat)
            options.insert(0, Option(one_line(label), id=place))

    @on(OptionList.OptionSelected, "#home-menu")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id == "table-continue":
            from game.tui.screens.net_join import continue_table

            continue_table(self)
        elif event.option_id == "table-join":
            self.action_tables()
        elif event.option_id == "continue":
            self.ask(ContinueSaved())
        elif event.option_id == "quit":
            self.app.exit()
        elif event.option_id == "profile":
            self.action_profile()
        elif event.option_id is not None:
            self.action_open(event.option_id)

    def action_tables(self) -> None:
        """Tables on the class's server (issue 35): join one, or open one."""
        from game.tui.screens.net_join import JoinTableScreen

        self.app.push_screen(JoinTableScreen())

    def action_open(self, where: str) -> None:
        self.ask(Navigate(Place(where)))

    def action_profile(self) -> None:
        """Choose who is playing (their own saved games and results)."""
        from game.tui.screens.profiles import ProfileScreen

        store = self.session.store
        if store is None:
            self.notify("The game is still loading; try again in a moment.")
            return
        if self.session.one_profile:
            self.notify(
                f"This class has a roster: here you play as {self.session.profile_name}. "
                "To play as someone else, open the game's page again with their name and code.",
                markup=False,
            )
            return

        def chosen(name: str | None) -> None:
            if name is not None:
                self.ask(SwitchProfile(name))

        self.app.push_screen(ProfileScreen(store.profiles(), self.session.profile_name), chosen)
