"""The vim keys every scrolling part of the browser answers to (as lazygit, toolong and elia do)."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def vim_keys(down: str, up: str, first: str, last: str) -> list[BindingType]:
    """`j`/`k`/`g`/`G` bound to a widget's own actions for down, up, first and last."""
    return [
        Binding("j", down, "Down", show=False),
        Binding("k", up, "Up", show=False),
        Binding("g", first, "First", show=False),
        Binding("G", last, "Last", show=False),
    ]


SCROLL_KEYS = vim_keys("scroll_down", "scroll_up", "scroll_home", "scroll_end")
"""For containers that scroll (the detail pane, the comparison)."""
