"""A footer that never pushes a key off the screen: less important keys give way when narrow.

Textual's Footer lays its keys out in a row and lets the row run past the right edge: at 80
columns the main screen lost `q Quit` and `? Help`. This one drops keys, least important
first, until the rest fit beside the palette key. A key left out still works; the help screen
and the palette list it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

KEEP = ("quit", "app.quit", "help", "app.help", "focus_search", "close")
"""Actions whose keys stay whatever the width: they give way last, and only if nothing else is left."""

GIVE_WAY = ("open_source", "export", "problems", "cycle_sort", "mark", "compare", "copy_figure", "copy_article_id")
"""Actions whose keys give way first, in this order; keys not named here come between the two."""


def key_width(key_display: str, description: str, compact: bool) -> int:
    """Cells a FooterKey takes, margin included (Textual 8.2.8's footer CSS):
    ` k desc ` when wide, `k desc` and a margin when compact."""
    return cell_len(key_display) + cell_len(description) + (2 if compact else 3)


def palette_width(key_display: str, description: str) -> int:
    """The palette key (docked right): a border, `k desc` and a space."""
    return cell_len(key_display) + 1 + cell_len(description) + 2


def rank(action: str) -> int:
    """How early a key gives way: 0 first; KEEP keys last."""
    if action in GIVE_WAY:
        return GIVE_WAY.index(action)
    if action in KEEP or action.removeprefix("app.") in KEEP:
        return len(GIVE_WAY) + 1
    return len(GIVE_WAY)


def keys_that_fit(keys: Sequence[tuple[str, int]], room: int) -> set[int]:
    """Indexes of the keys (action, width) to draw within `room` cells: the least important
    (lowest rank, the rightmost first among equals) are left out until the rest fit."""
    shown = set(range(len(keys)))
    order = sorted(shown, key=lambda i: (rank(keys[i][0]), -i))
    total = sum(width for _, width in keys)
    for i in order:
        if total <= room:
            break
        shown.discard(i)
        total -= keys[i][1]
    return shown


class FittingFooter(Footer):
    """Textual's Footer, keeping to the screen's width (see the module's docstring)."""

    _laid_out_for: int | None = None
    """The width the keys were last chosen for."""

    def compose(self) -> ComposeResult:
        """The footer's keys that fit, in their usual order."""
        widgets = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey) and not w.has_class("-command-palette")]
        room = self.size.width or self.app.size.width
        for widget in widgets:
            if isinstance(widget, FooterKey) and widget.has_class("-command-palette"):
                room -= palette_width(widget.key_display, widget.description)
        shown = keys_that_fit([(k.action, key_width(k.key_display, k.description, self.compact)) for k in keys], room)
        dropped = {id(k) for i, k in enumerate(keys) if i not in shown}
        yield from _keep(widgets, dropped)

    _shown: tuple[object, ...] | None = None
    """What the keys shown said (key, action, label, enabled, tooltip) when last composed."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Compose the keys again only if what they say changed: the screen asks at every move
        of the cursor and every article opened, and composing the footer again costs tens of
        milliseconds (while a big corpus loads, a third of the time the interface took)."""
        try:
            shown = tuple(
                (key, b.action, b.description, b.key_display, enabled, tooltip)
                for key, (_node, b, enabled, tooltip) in screen.active_bindings.items()
                if b.show
            )
        except Exception:  # noqa: BLE001 - when in doubt, compose as Textual does
            shown = None
        if shown is not None and shown == self._shown and self._bindings_ready:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # composed below (after the next refresh)
        super().bindings_changed(screen)

    def on_resize(self) -> None:
        """Choose the keys again for the new width."""
        if self.size.width != self._laid_out_for:
            self._laid_out_for = self.size.width
            self.call_after_refresh(self.recompose)

    def watch_compact(self) -> None:
        """Compact keys are narrower: choose again."""
        if self.is_attached:
            self.call_after_refresh(self.recompose)

    def watch_show_command_palette(self) -> None:
        """The palette key takes room when shown: choose again."""
        if self.is_attached:
            self.call_after_refresh(self.recompose)


def _keep(widgets: Iterable[Widget], dropped: set[int]) -> Iterable[Widget]:
    return (w for w in widgets if id(w) not in dropped)
