"""Colours from the current theme, for the few places that draw Rich `Text` (tables, bars).

Everything else styles `Content` with `$variables`, or uses TCSS; both follow the theme.
"""

from __future__ import annotations

from rich.style import Style
from textual.app import App

ROLES = ("primary", "secondary", "accent", "warning", "error", "success", "foreground")

BAR_ROLES = {"CR": "success", "PR": "primary", "SD": "warning", "PD": "error", "NE": "foreground"}
"""The theme colour of each part of a response-composition bar (each part also has its own glyph)."""


def theme_style(app: App[object], role: str, **attributes: bool) -> Style:
    """A Rich style in the theme's colour for `role` (primary, warning, success, …)."""
    color = app.get_css_variables().get(role)
    return Style(color=color, **attributes)  # type: ignore[arg-type]


def bar_styles(app: App[object]) -> dict[str, Style]:
    """The composition bar's styles in the current theme (NE dim)."""
    return {name: theme_style(app, role, dim=name == "NE") for name, role in BAR_ROLES.items()}
