"""The problems list: files that failed to load, and warnings about those that loaded."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tilbrowse.corpus.models import Problem
from tilbrowse.ui.palette import theme_style


class ProblemsScreen(Screen[None]):
    """Every problem met while loading, one row each."""

    BINDINGS = [Binding("escape,q,p", "close", "Back")]

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = list(problems)

    def compose(self) -> ComposeResult:
        """A table of problems: file, level, message."""
        errors = sum(1 for p in self.problems if p.level == "error")
        warnings = len(self.problems) - errors
        if self.problems:
            files = f"{errors} file{'s' if errors != 1 else ''} not loaded"
            head = Text(f"{files} · {warnings} warning{'s' if warnings != 1 else ''}", style="bold")
        else:
            head = Text("No problems: every file loaded cleanly.", style=theme_style(self.app, "success", bold=True))
        yield Static(head, id="problems-title")
        yield DataTable(id="problems-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table."""
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_columns(Text("level"), Text("file"), Text("problem"))
        for problem in sorted(self.problems, key=lambda p: (p.level != "error", p.path)):
            style = theme_style(self.app, "error" if problem.level == "error" else "warning")
            table.add_row(Text(problem.level, style=style), Text(problem.path), Text(problem.message))
        table.focus()

    def action_close(self) -> None:
        """Back to the main screen."""
        self.app.pop_screen()
