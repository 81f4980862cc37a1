"""How one meter moved over a playthrough: a small bar chart and the numbers."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

BLOCKS = "▁▂▃▄▅▆▇█"


def spark(values: Sequence[float], low: float, high: float) -> str:
    """One block a value, its height on the fixed scale `low`..`high` (so that a small
    change looks small, unlike a chart scaled to its own smallest and largest values)."""
    span = high - low
    picks = (
        round((len(BLOCKS) - 1) * (min(max(v, low), high) - low) / span) if span > 0 else 0
        for v in values
    )
    return "".join(BLOCKS[i] for i in picks)


class MeterChart(Vertical):
    """```
    Trust between the delegations
    ▁▃▆█  40 → 55 → 70
    ```"""

    DEFAULT_CSS = """
    MeterChart {
        height: auto;
    }
    MeterChart > .chart-label {
        text-style: bold;
    }
    MeterChart > Horizontal {
        height: auto;
    }
    MeterChart .chart-bars {
        width: auto;
        max-width: 24;
        margin-right: 2;
    }
    MeterChart .chart-values {
        width: 1fr;
        height: auto;
    }
    """

    def __init__(self, label: str, values: list[int], low: int, high: int) -> None:
        super().__init__()
        self.label = label
        self.values = values
        self.low, self.high = low, high

    def compose(self) -> ComposeResult:
        yield Static(self.label, classes="chart-label", markup=False)
        with Horizontal():
            # The floor and ceiling of the meter keep the chart's scale honest.
            yield Static(
                spark(self.values, self.low, self.high), classes="chart-bars", markup=False
            )
            # A line breaks before an arrow, never between an arrow and its number.
            values = " →\u00a0".join(str(v) for v in self.values)
            yield Static(values, classes="chart-values", markup=False)
