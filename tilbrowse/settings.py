"""User settings (theme, sort order and direction), saved as JSON under the platform's config folder.

The path is injectable so tests use a temporary folder. A missing or broken settings file
gives the defaults; it is never fatal.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from platformdirs import user_config_dir

from tilbrowse.export.output import OutputError, write_text_file
from tilbrowse.search.results import SORTS


def default_settings_path() -> Path:
    """`~/.config/tilbrowse/settings.json` on Linux (XDG_CONFIG_HOME moves it)."""
    return Path(user_config_dir("tilbrowse", appauthor=False)) / "settings.json"


@dataclass
class Settings:
    """What tilbrowse remembers between sessions."""

    theme: str = "textual-dark"
    """The Textual theme name."""
    sort: str = "relevance"
    """Sort of the article list: relevance, date or orr."""
    reverse: bool = False
    """Date and ORR sorts turned round: oldest, lowest ORR first (relevance has one order)."""

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """Read settings; defaults for anything missing or unreadable."""
        path = path or default_settings_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        defaults = cls()
        # A value of the wrong type (say, a hand-edited file) is dropped: its default stays.
        values = {
            f.name: data[f.name]
            for f in fields(cls)
            if f.name in data and type(data[f.name]) is type(getattr(defaults, f.name))
        }
        settings = cls(**values)
        if settings.sort not in SORTS:
            settings.sort = "relevance"
        return settings

    def save(self, path: Path | None = None) -> bool:
        """Write settings atomically; False (and nothing else) when it cannot be written."""
        path = path or default_settings_path()
        try:
            os.makedirs(path.parent, exist_ok=True)
            write_text_file(path, json.dumps(asdict(self), indent=2) + "\n", force=True)
        except (OSError, OutputError):
            return False
        return True
