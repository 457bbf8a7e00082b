"""Opening an article's source: only ever a web address, in a graphical browser, else copied."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from textual.app import App

from tilbrowse.corpus.urls import check_url, shown_value, web_url
from tilbrowse.ui.clipboard import copy_text


def graphical_session() -> bool:
    """True where `webbrowser` would start a graphical browser rather than take over the terminal."""
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_source(app: App[object], stated: str | None, opener: Callable[[str], object]) -> None:
    """Open a stated source URL with `opener` (a worker), or say why not.

    The corpus layer already refused anything but a web address; it is checked again here, where
    it would leave tilbrowse, in case a record came from somewhere that did not (an old cache).
    Without a graphical session a text-mode browser would take over this terminal: the URL is
    shown and copied instead."""
    if not stated:
        return
    verdict = check_url(stated)
    url = verdict.url
    if url is None:
        app.notify(
            f"Not opened: {shown_value(stated)} is not a web address: {verdict.reason}.",
            title="Source",
            severity="warning",
            markup=False,
        )
        return
    if graphical_session():
        copy_text(app, url, "it", title="Source", before=f"Opening {url} in your web browser. ")
        opener(url)
    else:
        copy_text(app, url, url, title="Source", before="No graphical browser here, so it is not opened. ")


def open_in_browser(url: str) -> None:
    """Hand a URL to the system's web browser (may block: run it in a worker). The last gate
    before another program gets the text: anything but a web address is dropped."""
    import webbrowser

    if web_url(url) != url:
        return
    try:
        webbrowser.open(url)
    except Exception:  # noqa: BLE001 - a missing browser is not worth a traceback
        pass
