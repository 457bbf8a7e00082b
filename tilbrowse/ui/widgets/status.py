"""The status line under the search box: counts, loading progress, sort, marks, problems."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static


@dataclass(frozen=True)
class Status:
    """What the status line says."""

    shown: int = 0
    total: int = 0
    loading: tuple[int, int] | None = None
    """(files done, files found) while loading."""
    sort: str = "relevance"
    reverse: bool = False
    """Date or ORR turned round (oldest, lowest first)."""
    marked: int = 0
    problems: int = 0
    """As many as the problems list (p) shows."""
    message: str = ""
    """Why nothing matched, or what is wrong with the query."""
    filtered: bool = False
    """A query narrows the list (else it lists every article loaded so far)."""
    note: str = ""
    """How the query was read ("drug:amtagvi is lifileucel (also LN-144, Amtagvi)")."""
    checking: bool = False
    """Every article is listed from the library's image; the folders are being checked for
    files changed since (at 100,000 articles, a few seconds)."""


def sort_label(sort: str, reverse: bool) -> str:
    """The order as the status line says it: `date ↓` newest first, `date ↑` oldest first
    (ORR likewise, highest or lowest first); relevance has one direction and no arrow."""
    if sort == "relevance":
        return sort
    return f"{sort.replace('orr', 'ORR')} {'↑' if reverse else '↓'}"


def status_content(status: Status) -> Content:
    """The status line's text, in the theme's colours."""
    parts: list[str | tuple[str, str]] = []
    if status.loading is not None and not status.filtered:
        # Every article read so far is listed: "65 of 555 articles" would read as a filter.
        done, total = status.loading
        parts.append((f"loading {done:,}/{total:,} files…", "$warning bold"))
    else:
        parts += [(f"{status.shown:,} of {status.total:,}", "bold"), " articles"]
        if status.loading is not None:
            done, total = status.loading
            parts.append((f"  · loading {done:,}/{total:,} files…", "$warning"))
        elif status.checking:
            parts.append(("  · checking the folders for changes…", "$warning"))
    parts.append((f"  · sort: {sort_label(status.sort, status.reverse)}", "dim"))
    if status.marked:
        parts.append((f"  · {status.marked} marked", "$success"))
    if status.problems:
        parts.append((f"  · {status.problems} problem{'s' if status.problems != 1 else ''} (p)", "$warning"))
    if status.message:
        parts.append((f"  · {status.message}", "$warning bold"))
    if status.note:  # how an alias was read; a failure of the index on disk (said with "nothing found" too)
        parts.append((f"  · {status.note}", "dim"))
    return Content.assemble(*parts)


class StatusLine(Static):
    """Draws the `Status` the screen binds to it."""

    status: reactive[Status] = reactive(Status, init=False)
    """What to say (bound from the screen)."""

    def watch_status(self, status: Status) -> None:
        """Redraw."""
        self.update(status_content(status))
