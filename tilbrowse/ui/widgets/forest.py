"""A forest plot of stated ORRs with their exact intervals, drawn to the widget's width."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from tilbrowse.trials.formats import ForestItem, forest_lines


class ForestChart(Static):
    """A forest plot of stated ORRs with their intervals, drawn to its width (`forest_lines`)."""

    def __init__(self, items: Sequence[ForestItem], *, title: str = "", id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.items = list(items)
        self.title = title

    def on_resize(self) -> None:
        """Draw again for the new width."""
        self.draw()

    def on_mount(self) -> None:
        """Draw."""
        self.draw()

    def draw(self) -> None:
        """The chart's lines, or nothing when no item states an ORR."""
        width = self.size.width or self.app.size.width
        label = max(8, min(28, width // 4))
        axis = max(12, min(60, width - label - 16))
        lines = forest_lines(self.items, width=axis, label_width=label)
        text = Text(no_wrap=True, overflow="ignore")
        if lines:
            text.append(self.title + "\n", style="bold")
            text.append("\n".join(lines))
        self.update(text)
