"""The tilbrowse Textual app: theme, settings, the first screen; screens own the behaviour."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import BindingType

from tilbrowse.library.cache import Cache
from tilbrowse.library.library import Library
from tilbrowse.settings import Settings
from tilbrowse.ui.commands import TilbrowseCommands, bindings
from tilbrowse.ui.screens.main import MainScreen


class TilbrowseApp(App[None]):
    """Browse cell-therapy trial news: search, outcome tables with evidence, comparison."""

    CSS_PATH = "tilbrowse.tcss"
    TITLE = "tilbrowse"
    COMMANDS = App.COMMANDS | {TilbrowseCommands}
    BINDINGS: ClassVar[list[BindingType]] = bindings("app")

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]],
        *,
        settings_path: Path | None = None,
        cache: Cache | None = None,
        watch_interval: float = 1.5,
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.cache = cache
        self.watch_interval = watch_interval
        """Seconds between looks at the folder for new, changed and deleted files (0: never)."""
        self.settings_path = settings_path
        self.settings = Settings.load(settings_path)
        self.library = Library(cache=cache)

    def get_default_screen(self) -> MainScreen:
        """The main screen is the first on the stack (not pushed over a blank one after mounting), so
        a key typed while the app starts reaches it."""
        return MainScreen(
            self.paths,
            self.library,
            settings=self.settings,
            settings_path=self.settings_path,
            cache=self.cache,
            watch_interval=self.watch_interval,
        )

    def on_mount(self) -> None:
        """Apply the saved theme."""
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.cache is not None and self.cache.warning:
            self.notify(self.cache.warning, title="Cache", severity="warning", markup=False)

    def watch_theme(self, theme: str) -> None:
        """Remember a theme chosen in the palette."""
        if theme != self.settings.theme:
            self.settings.theme = theme
            self.settings.save(self.settings_path)

    def action_help(self) -> None:
        """Show every key."""
        from tilbrowse.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
