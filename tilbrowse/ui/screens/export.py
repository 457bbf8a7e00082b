"""Export a comparison: Markdown or CSV, to a file and/or the clipboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tilbrowse.compare.comparison import Comparison
from tilbrowse.compare.formats import comparison_csv, comparison_markdown
from tilbrowse.export.output import OutputError, inside, write_text_file

CHOICES = {
    "md-file": "Markdown file",
    "csv-file": "CSV file",
    "md-clip": "Copy Markdown to the clipboard",
    "csv-clip": "Copy CSV to the clipboard",
}


def export_folder(corpus_paths: Sequence[str]) -> Path:
    """Where exports go: the working folder, unless it is inside a corpus (then the home folder)."""
    here = Path.cwd()
    if any(inside(here, Path(p)) for p in corpus_paths if Path(p).is_dir()):
        return Path.home()
    return here


class ExportScreen(ModalScreen[None]):
    """Choose how to export the comparison."""

    BINDINGS = [Binding("escape", "dismiss_screen", "Cancel")]

    def __init__(self, comparison: Comparison, corpus_paths: Sequence[str]) -> None:
        super().__init__()
        self.comparison = comparison
        self.corpus_paths = list(corpus_paths)

    def compose(self) -> ComposeResult:
        """The export choices."""
        with Vertical(id="export-dialog"):
            yield Label(Text("Export the comparison", style="bold"))
            yield OptionList(*(Option(Text(label), id=key) for key, label in CHOICES.items()), id="export-choices")

    def on_mount(self) -> None:
        """Focus the choices."""
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Write the chosen format and say where it went."""
        choice = event.option.id or ""
        text = comparison_csv(self.comparison) if choice.startswith("csv") else comparison_markdown(self.comparison)
        if choice.endswith("clip"):
            self.app.copy_to_clipboard(text)
            self.app.notify("Copied to the clipboard (your terminal must allow OSC 52).", title="Export", markup=False)
        else:
            suffix = ".csv" if choice.startswith("csv") else ".md"
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            folder = export_folder(self.corpus_paths)
            target = folder / f"tilbrowse-comparison-{stamp}{suffix}"
            n = 2
            while target.exists():
                target = folder / f"tilbrowse-comparison-{stamp}-{n}{suffix}"
                n += 1
            try:
                written = write_text_file(target, text, protected=self.corpus_paths)
            except OutputError as exc:
                self.app.notify(str(exc), title="Export failed", severity="error", markup=False)
            else:
                self.app.notify(str(written), title="Exported", markup=False)
        self.dismiss(None)

    def action_dismiss_screen(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
