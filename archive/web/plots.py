"""Small bar plots for the sites page, as numbers a template turns into SVG (no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 360
HEIGHT = 80


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # shown as the bar's tooltip (<title>)


@dataclass(frozen=True, slots=True)
class Plot:
    width: int
    height: int
    bars: list[Bar]
    top: str  # the value at the top of the scale, as text

    @property
    def empty(self) -> bool:
        return not self.bars


def bar_plot(
    values: list[tuple[str, float]],
    *,
    scale: float | None = None,
    percent: bool = False,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Plot:
    """Bars for ``(label, value)`` pairs, left to right, scaled to ``scale`` (default: the
    largest value).

    >>> plot = bar_plot([("a", 1), ("b", 2)], width=100, height=10)
    >>> [(b.x, b.height) for b in plot.bars]
    [(0.0, 5.0), (50.0, 10.0)]
    """
    if not values:
        return Plot(width, height, [], "")
    top = scale if scale is not None else max(value for _, value in values)
    slot = width / len(values)
    bars = []
    for index, (label, value) in enumerate(values):
        bar_height = height * value / top if top else 0.0
        shown = f"{value:.0%}" if percent else f"{value:g}"
        bars.append(
            Bar(
                x=round(index * slot, 2),
                y=round(height - bar_height, 2),
                width=round(max(slot - 1, 1), 2),
                height=round(bar_height, 2),
                label=f"{label}: {shown}",
            )
        )
    return Plot(width, height, bars, f"{top:.0%}" if percent else f"{top:g}")
