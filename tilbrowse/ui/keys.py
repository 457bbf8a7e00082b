"""The vim keys every scrolling part of the browser answers to (as lazygit, toolong and elia do)."""

from __future__ import annotations

from textual import events
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget


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


class KeysFollowFocus:
    """Mixed into every widget of the main screen that takes focus, so keys that arrive together
    — typed fast, `tmux send-keys -l '/melanoma'`, a paste without bracketed-paste mode — act in
    order, each where the focus is when its turn comes.

    Textual routes each key to the widget focused when the app reads it, and runs a key's binding
    only once the key has bubbled up to the app, through the widgets' queues. A burst is routed
    before its first key acts: `/` would move the focus to the search box only after `melanoma`
    had reached the list (lost, or taken for commands: `e` exports). Here a widget runs a key's
    binding as soon as it handles the key, and passes on, in order, a key that reaches it after
    the focus moved on."""

    def takes_as_text(self, event: events.Key) -> bool:
        """Keys the widget takes as text before any binding (an input's printable keys)."""
        return False

    # A plain mixin, not a Widget subclass: Textual merges CSS and component classes along the MRO.
    async def _on_key(self, event: events.Key) -> None:
        assert isinstance(self, Widget)
        mark_handled(event)
        app = self.app
        target = app.focused or app.screen
        if target is not self:
            event.prevent_default()
            event.stop()
            target.post_message(passed_on(event))
        elif not self.takes_as_text(event) and await app._check_bindings(event.key):
            # Textual 8.2.8's own binding check (the version is pinned), run now rather than
            # after the key's trip up the widget tree.
            event.prevent_default()
            event.stop()


def mark_handled(event: events.Key) -> None:
    """Note that a widget of ours has had the key (so the screen knows it bubbled up from one)."""
    event._tilbrowse_handled = True  # type: ignore[attr-defined]


def reached_directly(event: events.Key) -> bool:
    """Whether a key reached the screen itself, not by bubbling up from one of its widgets."""
    return not getattr(event, "_tilbrowse_handled", False)


def passed_on(event: events.Key) -> events.Key:
    """A copy of a key to post to the widget that has the focus now, marked as forwarded (so the
    app does not take it for new input when it bubbles up)."""
    key = events.Key(event.key, event.character)
    key._set_forwarded()
    return key


class FocusFollowingScreen(Screen[None]):
    """A screen whose widgets follow `KeysFollowFocus`: focus moves at once, and a key that
    reaches the screen itself goes on to the widget focused since."""

    def _focus(self, widget: Widget) -> None:
        """Focus a widget now, not after the messages already queued: keys typed or pasted
        right behind the key that moved the focus must land where it went. Never one that is
        leaving the screen (it would take every later key with it)."""
        if widget.is_attached and not widget._pruning:
            self.set_focus(widget)

    async def _on_key(self, event: events.Key) -> None:
        """A key sent to the screen while nothing had the focus (typed before the first paint): it
        goes to the widget focused since, so `/melanoma` typed at startup lands in the box."""
        if reached_directly(event) and self.focused is not None:
            event.prevent_default()
            event.stop()
            self.focused.post_message(passed_on(event))
