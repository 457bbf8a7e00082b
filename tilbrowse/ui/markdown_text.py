"""Article text as a reader sees it: Markdown syntax (headings, links, emphasis, escapes) taken
out, with a map from body offsets to display offsets so evidence spans still land on their words.

Which inline syntax is hidden is decided in `tilbrowse.corpus.markdown` (the same rules give the
titles): `**bold**` and `*em*` lose their delimiters, `HLA-A*02:01` and `2 * 3` keep theirs."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from tilbrowse.corpus.markdown import hidden_spans

_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)


@dataclass(frozen=True)
class DisplayText:
    """The shown text, and where each kept run of the body starts in it."""

    text: str
    body_starts: tuple[int, ...]
    display_starts: tuple[int, ...]
    headings: tuple[int, ...] = ()
    """Display offsets where a `#` heading line starts."""

    def offset(self, body_offset: int) -> int:
        """The display offset of a body offset (inside removed syntax: where the next kept text starts)."""
        i = bisect_right(self.body_starts, body_offset) - 1
        if i < 0:
            return 0
        end = self.display_starts[i + 1] if i + 1 < len(self.display_starts) else len(self.text)
        return min(self.display_starts[i] + body_offset - self.body_starts[i], end)


def display_text(body: str) -> DisplayText:
    """The body without Markdown syntax: `## Melanoma` → `Melanoma`, `[study X](#)` → `study X`,
    `**a**` → `a`, `HLA-A\\*02` → `HLA-A*02`."""
    parts: list[str] = []
    body_starts: list[int] = []
    display_starts: list[int] = []
    shown = 0

    def keep(start: int, end: int) -> None:
        nonlocal shown
        if end > start:
            body_starts.append(start)
            display_starts.append(shown)
            parts.append(body[start:end])
            shown += end - start

    syntax = [(m.start(), m.end(), True) for m in _HEADING.finditer(body)]
    syntax += [(start, end, False) for start, end in hidden_spans(body)]
    syntax.sort()
    position = 0
    headings: list[int] = []
    for start, end, heading in syntax:
        keep(position, start)
        if heading:
            headings.append(shown)
        position = max(position, end)
    keep(position, len(body))
    if not body_starts:
        return DisplayText("", (0,), (0,))
    return DisplayText("".join(parts), tuple(body_starts), tuple(display_starts), tuple(headings))
