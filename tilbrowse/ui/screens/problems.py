"""The problems list: files that failed to load, and warnings about those that loaded."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tilbrowse.corpus.models import Problem
from tilbrowse.ui.detail_text import wrap_cell
from tilbrowse.ui.palette import theme_style
from tilbrowse.ui.widgets.footer import FittingFooter


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
        yield FittingFooter()

    def on_mount(self) -> None:
        """Fill the table; old notifications do not follow the user here."""
        self.app.clear_notifications()
        self._width = 0
        self._fill()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        """Wrap the messages to the new width."""
        if self.size.width != self._width:
            self._fill()

    def _fill(self) -> None:
        """One row per problem; file and message wrap to the screen (a line number is never cut)."""
        self._width = width = self.size.width
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear(columns=True)
        room = max(20, width - 7 - 6 - 2)
        file_width = min(max((len(p.path) for p in self.problems), default=4), max(12, room * 2 // 5))
        message_width = max(12, room - file_width)
        table.add_column(Text("level"), width=7)
        table.add_column(Text("file"), width=file_width)
        table.add_column(Text("problem"), width=message_width)
        for problem in sorted(self.problems, key=lambda p: (p.level != "error", p.path)):
            style = theme_style(self.app, "error" if problem.level == "error" else "warning")
            path = _chunks(problem.path, file_width)
            message = fold_lines(wrap_cell(problem.message, message_width), message_width)
            table.add_row(
                Text(problem.level, style=style),
                Text("\n".join(path)),
                Text("\n".join(message)),
                height=max(len(path), len(message)),
            )

    def action_close(self) -> None:
        """Back to the main screen."""
        self.app.pop_screen()


def _chunks(text: str, width: int) -> list[str]:
    """A path cut into lines of `width` (paths have no spaces to wrap at)."""
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def fold_lines(lines: list[str], width: int) -> list[str]:
    """Lines wider than `width` (a word with no space to wrap at: a quoted URL, a path) carried on
    over the next lines, so a cell shows all its characters rather than losing its end."""
    return [chunk for line in lines for chunk in _chunks(line, width)]
