"""How one meter moved over a playthrough: a sparkline and the numbers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Sparkline, Static


class MeterChart(Horizontal):
    """`Trust  ▁▃▆█  40 → 55 → 70`"""

    DEFAULT_CSS = """
    MeterChart {
        height: 1;
    }
    MeterChart > .chart-label {
        width: 30;
    }
    MeterChart > Sparkline {
        width: 16;
        height: 1;
        margin-right: 2;
    }
    MeterChart > .chart-values {
        width: 1fr;
    }
    """

    def __init__(self, label: str, values: list[int], low: int, high: int) -> None:
        super().__init__()
        self.label = label
        self.values = values
        self.low, self.high = low, high

    def compose(self) -> ComposeResult:
        yield Static(self.label, classes="chart-label", markup=False)
        # The floor and ceiling of the meter keep the chart's scale honest.
        yield Sparkline([self.low, *self.values, self.high][1:-1] or [0], id=None)
        yield Static(" → ".join(str(v) for v in self.values), classes="chart-values")
