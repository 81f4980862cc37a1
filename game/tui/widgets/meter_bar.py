"""A meter as a bar, with the change the last choice made."""

from __future__ import annotations

from rich.text import Text

BAR_WIDTH = 16


def bar_text(label: str, value: int, low: int, high: int, change: int) -> Text:
    """`Trust  ████████░░░░░░░░  55 (+15)` — the numbers say it all without colour."""
    filled = round(BAR_WIDTH * (value - low) / (high - low)) if high > low else 0
    text = Text()
    text.append(f"{label}\n")
    text.append("█" * filled, style="bold")
    text.append("░" * (BAR_WIDTH - filled), style="dim")
    text.append(f" {value}")
    if change:
        text.append(f" ({change:+d})", style="bold green" if change > 0 else "bold red")
    return text
