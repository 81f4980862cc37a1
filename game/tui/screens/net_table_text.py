"""What the network table screen says (issue 35), as `Text` built from the server's view of
this one side: names and texts are data, never markup. Nothing here can show the other
side's brief or private meters, because the server never sends them."""

from __future__ import annotations

from rich.text import Text

from game.content.scenario_title import title_with_year
from game.net.protocol import View
from game.tui.screens.table_text import flowed

PAUSED = "Paused by the teacher: wait until they resume the table."
CLOSED = "Closed by the teacher: this table ends here. Press Escape to leave."


def player(view: View) -> str:
    """ "Japan's delegation (Ann)": this side, and who plays it."""
    name = view.players.get(view.name, "")
    return f"{view.name} ({name})" if name else view.name


def status_line(view: View) -> str:
    return f"Table {view.table}  ·  {player(view)}  ·  {view.title}"


def waiting_line(view: View, moved: bool) -> str:
    """Whose turn it is, in words: never a silent screen."""
    if view.ending is not None:
        return f"The end: {view.ending.title}"
    if view.closed:
        return CLOSED
    if view.paused:
        return PAUSED
    away = [name for name in view.absent if name != view.name]
    joined = " and ".join(away)
    if away and not view.players.get(away[0]):
        absence = f"No one plays {joined} yet: waiting for {joined} to join…"
    else:
        absence = f"{joined} has left the table: waiting for {joined} to come back…"
    if view.moves and not view.sealed and not moved:
        turn = "Your turn: pick a move below (its number or ↑ ↓), then Enter plays it."
        return f"{turn} {absence}" if away else turn
    if away:
        return absence
    others = [name for name in view.to_move if name != view.name]
    if others:
        return f"Waiting for {' and '.join(others)}…"
    return "Your move is in; the table moves on…"


def view_text(view: View, first: bool) -> Text:
    """The scene as this side reads it; `first`: with the table's summary and this
    side's brief at the top."""
    text = Text()
    if first and view.step == 0:
        text.append(title_with_year(view) + "\n", style="bold")
        text.append(flowed(view.summary) + "\n\n")
    if view.revealed and view.step:
        text.append("The moves:\n" if len(view.revealed) > 1 else "The move:\n", style="bold")
        for name, move in view.revealed:
            text.append(f"  {name}: “{move}”\n")
        text.append("\n")
    if view.scene_title:
        text.append(view.scene_title + "\n\n", style="bold")
    for paragraph in (*view.shared, *view.private):
        text.append(flowed(paragraph) + "\n\n")
    for meter in view.meters:
        whose = "yours only" if meter.private else "shared"
        text.append(f"{meter.label}: {meter.value}/{meter.most} ({whose})\n")
    for flag in view.flags:
        text.append(f"Yours only: {flag}\n")
    if view.brief:
        text.append(f"\nYour brief ({view.name} only)\n", style="bold")
        text.append(flowed(view.brief) + "\n")
    for line in view.facts:
        text.append(line + "\n")
    return text


def ending_text(view: View) -> Text:
    """The ending: both paths, why, this side's own debrief, and what really happened."""
    ending = view.ending
    assert ending is not None
    text = Text()
    if view.revealed:
        text.append("The last moves:\n", style="bold")
        for name, move in view.revealed:
            text.append(f"  {name}: “{move}”\n")
        text.append("\n")
    text.append(f"The end: {ending.title}\n\n", style="bold")
    for paragraph in ending.text:
        text.append(flowed(paragraph) + "\n\n")
    text.append("Both paths\n", style="bold")
    for path in ending.paths:
        made = ", ".join(f"“{m}”" for m in path.moves) or "no move"
        text.append(f"  {path.name} ({path.player}): {made}\n")
    if ending.why:
        text.append("\nWhy this ending\n", style="bold")
        for line in ending.why:
            text.append(f"  {line}\n")
    if ending.own:
        text.append(f"\nFor {view.name} only\n", style="bold")
        for paragraph in ending.own:
            text.append(flowed(paragraph) + "\n\n")
    text.append("\nWhat really happened\n", style="bold")
    text.append(flowed(ending.history) + "\n")
    if ending.sources:
        text.append("\nFrom the sources\n", style="bold")
        for line in ending.sources:
            text.append(line + "\n")
    return text
