"""Which footer keys are drawn when they do not all fit: the least important give way first."""

from __future__ import annotations

from tilbrowse.ui.widgets.footer import key_width, keys_that_fit

MAIN = [  # the main screen's footer with a cohort table focused, compact (below 100 columns)
    ("copy_figure", "y", "Copy"),
    ("focus_search", "/", "Search"),
    ("mark", "space", "Mark"),
    ("compare", "c", "Compare"),
    ("export", "e", "Export"),
    ("open_source", "o", "Source"),
    ("cycle_sort", "s", "Sort"),
    ("problems", "p", "Problems"),
    ("quit", "q", "Quit"),
    ("help", "?", "Help"),
]


def _drawn(room: int) -> list[str]:
    keys = [(action, key_width(key, description, compact=True)) for action, key, description in MAIN]
    shown = keys_that_fit(keys, room)
    return [MAIN[i][0] for i in sorted(shown)]


def test_everything_is_drawn_when_it_fits() -> None:
    assert _drawn(200) == [action for action, _, _ in MAIN]


def test_source_export_problems_sort_give_way_first() -> None:
    assert _drawn(80) == [
        "copy_figure",
        "focus_search",
        "mark",
        "compare",
        "export",
        "cycle_sort",
        "problems",
        "quit",
        "help",
    ]
    assert _drawn(60) == ["copy_figure", "focus_search", "mark", "compare", "cycle_sort", "quit", "help"]


def test_search_quit_and_help_are_the_last_to_go() -> None:
    assert _drawn(25) == ["focus_search", "quit", "help"]
    assert _drawn(10) == ["focus_search"]  # among equals, the rightmost give way first


def test_key_width_follows_textual_s_footer() -> None:
    assert key_width("q", "Quit", compact=False) == len(" q Quit ")
    assert key_width("q", "Quit", compact=True) == len("q Quit ")  # with its right margin
