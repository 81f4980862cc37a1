"""What the hot-seat table screen says (issue 34), as `Text` (names and texts are data,
never markup). Everything one side reads in private comes from the engine's `side_view`;
what both read together (the curtain, both moves, the shared ending) holds nothing that
only one side may see."""

from __future__ import annotations

from rich.text import Text

from game.analysis.table_why import table_why
from game.content.table_models import Table
from game.engine.table import TableState, moves_of
from game.engine.table_view import SideView, shown_to, side_view


def who(table: Table, players: dict[str, str], role: str) -> str:
    """ "Riverton's council (Ann)": the side, and the student who plays it."""
    name = players.get(role, "")
    return f"{table.roles[role].name} ({name})" if name else table.roles[role].name


def _other(table: Table, role: str) -> str:
    return next(r for r in table.role_ids if r != role)


def curtain_text(table: Table, state: TableState, players: dict[str, str], role: str) -> Text:
    """Before a side moves: whose turn it is, and nothing private of either side."""
    other = table.roles[_other(table, role)].name
    name = players.get(role) or table.roles[role].name
    text = Text()
    text.append(f"It is {table.roles[role].name}'s turn.\n\n", style="bold")
    scene = table.scenes[state.scene]
    if scene.moves is None and scene.side == role:
        text.append(f"This part is for {table.roles[role].name} alone; {other} waits.\n\n")
    text.append(
        f"The next screen shows {table.roles[role].name}'s brief, its private meters and "
        f"flags, and its moves. {other}: please look away.\n\n"
    )
    text.append(f"{name}, press Enter when you have the keyboard.")
    return text


def stuck_text(table: Table, role: str, back_to: str = "") -> Text:
    """A side to move with no move open (a soft-lock in the file): said, as plain mode
    says it, with the way out. Nothing private: which moves are closed is not said."""
    name = table.roles[role].name
    where = f" and go back to {back_to}" if back_to else ""
    text = Text()
    text.append(f"{name} has no move it can make here; the game cannot go on.\n\n", style="bold")
    text.append(
        "The table's file leaves this side without a move here: tell your teacher, who can "
        "find it with `treaty validate --strict`. Once you leave, the game is not kept to "
        "continue, since it cannot go on.\n\n"
    )
    text.append(f"Press Enter to leave the table{where}.", style="bold")
    return text


def turn_text(table: Table, state: TableState, role: str) -> Text:
    """One side's private view: the scene as it reads it, its brief, meters and flags."""
    view = side_view(table, state, role)
    text = Text()
    if view.title:
        text.append(view.title + "\n\n", style="bold")
    for paragraph in view.text:
        text.append(paragraph + "\n\n")
    if view.brief:
        text.append(f"Your brief ({view.name} only)\n", style="bold")
        text.append(flowed(view.brief) + "\n\n")
    for flag in view.flags:
        if table.side_of(flag) == role:
            text.append(f"Yours only: {table.flags[flag].means or flag}\n")
    text.rstrip()
    return text


def meters_line(view: SideView) -> Text:
    """A side's meters in one line for the top of its turn, where a student at 80×24 sees
    them without scrolling: the shared ones, then its own."""
    text = Text()
    for i, meter in enumerate(view.meters):
        if i:
            text.append(" · ", style="dim")
        text.append(f"{meter.label}: ")
        text.append(str(meter.value), style="bold")
        if meter.private:
            text.append(" (yours only)", style="italic")
    return text


def moves_text(
    table: Table, state: TableState, players: dict[str, str] | None = None, keeps: str = ""
) -> Text:
    """After a step: the moves made (both, or the one side's), and the shared meters now.
    `keeps`: the side that played a scene alone when it moves next too (it has the
    keyboard: no passing it, but the other side looks away before Enter)."""
    scene_id, turn = state.path[-1]
    text = Text()
    if len(turn) > 1:
        both = " and ".join(table.roles[r].name for r, _ in turn)  # the table's own words
        text.append(f"{both} have moved.\n\n", style="bold")
    else:
        text.append(f"{table.roles[turn[0][0]].name} has moved.\n\n", style="bold")
    for role, number in turn:
        move = moves_of(table, scene_id, role)[number - 1]
        text.append(f"{table.roles[role].name}: “{move.text}”\n")
    shared = [(n, v) for n, v in state.meters if table.meters[n].side is None]
    if shared:
        text.append("\n")
        for name, value in shared:
            text.append(f"{table.meters[name].label}: {value} (shared)\n")
    if keeps:
        name = (players or {}).get(keeps) or table.roles[keeps].name
        other = table.roles[_other(table, keeps)].name
        text.append(
            f"\n{table.roles[keeps].name} moves next: {other}, please look away now.\n\n"
            f"{name}, press Enter to go on."
        )
    else:
        text.append("\nPress Enter to go on.")
    return text


def paths_text(table: Table, state: TableState) -> Text:
    """Both sides' paths: every move each side made, in order."""
    text = Text()
    text.append("Both paths\n", style="bold")
    for role_id, role in table.roles.items():
        made = [
            f"“{moves_of(table, scene, role_id)[n - 1].text}”"
            for scene, turn in state.path
            for r, n in turn
            if r == role_id
        ]
        text.append(f"{role.name}: {', '.join(made) or 'no move'}\n")
    return text


def ending_text(
    table: Table, state: TableState, read: int, players: dict[str, str], back_to: str = ""
) -> Text:
    """The shared ending: what both read, both paths, what really happened; then whose
    private debrief comes next (`read`: how many sides have read theirs), or, once both
    have, how to leave (`back_to`: where leaving goes, "the scenario list")."""
    ending = table.endings[state.scene]
    first, second = (shown_to(table, ending.text, state, r) for r in table.role_ids)
    text = Text()
    for paragraph in first:
        if paragraph in second:  # what both sides read: no side's own paragraph
            text.append(paragraph + "\n\n")
    text.append_text(paths_text(table, state))
    text.append("\nWhat really happened\n", style="bold")
    text.append(ending.history.strip() + "\n\n")
    if read < len(table.role_ids):
        role = table.role_ids[read]
        text.append(
            f"Press Enter to pass the keyboard to {who(table, players, role)} for its "
            "private debrief.",
            style="bold",
        )
    else:
        where = f" and go back to {back_to}" if back_to else ""
        text.append(
            f"{' and '.join(r.name for r in table.roles.values())} have read their private "
            f"debriefs. Press Enter to leave the table{where}.",
            style="bold",
        )
    return text


def debrief_curtain_text(table: Table, players: dict[str, str], role: str) -> Text:
    """Before a side's private debrief: only that side looks."""
    other = table.roles[_other(table, role)].name
    name = players.get(role) or table.roles[role].name
    return Text(
        f"The table has ended. {table.roles[role].name}'s private debrief comes next: "
        f"{other}, please look away.\n\n{name}, press Enter when you have the keyboard."
    )


def debrief_text(table: Table, state: TableState, role: str) -> Text:
    """A side's private debrief (the ending's `for:`), its meters at the end, and why."""
    view = side_view(table, state, role)
    text = Text()
    text.append(f"For {view.name} only\n", style="bold")
    text.append(flowed(view.debrief or "The ending has no private word for your side.") + "\n\n")
    for meter in view.meters:
        if meter.private:
            text.append(f"{meter.label} at the end: {meter.value} (yours only)\n")
    why = table_why(table, state, role)  # in this side's words: never the other's private state
    if why.lines:
        text.append("\nWhy this ending\n", style="bold")
        for at, line in enumerate(why.lines, start=1):  # each step in bold, its causes
            if line.startswith("  "):  # as items under it; "Decided by …" last, plain
                text.append(f"  • {line.strip()}\n")
            else:
                text.append(line + "\n", style="" if at == len(why.lines) else "bold")
    text.append("\nPress Enter to pass the keyboard on.")
    return text


def flowed(text: str) -> str:
    """A brief or debrief as paragraphs that wrap to the screen: the file's line breaks
    inside a paragraph (`brief: |` keeps them) become spaces; blank lines stay."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)
