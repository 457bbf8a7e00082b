"""The help screen: every key, what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tilbrowse.ui.palette import theme_style

KEYS = [
    ("/", "search (fuzzy; 'exact !not tag: drug: disease: nct: trial: source: after: before: orr>30 n>=50)"),
    ("j / k, ↓ / ↑", "move in the list or a table"),
    ("g / G", "first / last article"),
    ("enter", "open the article (in the search box: open the top result and leave the box)"),
    ("tab / shift+tab", "next / previous pane"),
    ("space", "mark the cohort (in a table) or all cohorts of the article, for comparison"),
    ("c", "compare marked cohorts (or the cohorts of the open article)"),
    ("e", "export: Markdown or CSV, to a file you name or the clipboard"),
    ("y", "copy figure + cohort id (in the list: the article id)"),
    ("Y", "copy the sentence the figure was read from"),
    ("o", "open the article's source URL (and copy it)"),
    ("s", "cycle the sort: relevance, date, ORR"),
    ("S", "reverse date or ORR: oldest / lowest first (sort: date ↑)"),
    ("t", "trials: each trial across its articles; enter: its readouts over time; l: landscape"),
    ("p", "problems: files that failed to load and why"),
    ("? / f1", "this help"),
    ("ctrl+p", "palette: every action and its key; jump to an article"),
    ("escape", "clear the search → back a pane → close the screen"),
    ("q / ctrl+q", "quit"),
]


class HelpScreen(ModalScreen[None]):
    """A list of every key."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss_help", "Close")]

    def compose(self) -> ComposeResult:
        """Every key, by screen."""
        table = Table(title=Text("tilbrowse keys", style="bold"), show_header=False, box=None, padding=(0, 2))
        table.add_column(style=theme_style(self.app, "accent", bold=True), no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            table.add_row(Text(key), Text(what))
        legend = Text(
            "\nIn tables: stated figures are plain, derived figures are dim italic, ⚠ marks a failed check.\n"
            "Select a figure to highlight the sentence it was read from. Mouse works too.\n"
            "Copies go to the terminal (OSC 52) and to the system clipboard tool if there is one\n"
            "(wl-copy, xclip, xsel, pbcopy, clip.exe). Under tmux: set -g set-clipboard on.",
            style="dim",
        )
        with VerticalScroll(id="help-dialog"):
            yield Static(table)
            yield Static(legend)

    def action_dismiss_help(self) -> None:
        """Close the help."""
        self.dismiss(None)
