"""Where query words occur in a text, for highlighting matches on screen."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tilbrowse.search.document import SHORT, WORD
from tilbrowse.search.query import is_number


def highlight_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Spans of `text` where a query word starts a word (a short number: is a word), or an exact
    phrase occurs, merged."""
    spans: list[tuple[int, int]] = []
    lower = text.lower()
    for term in terms:
        if not term:
            continue
        if len(term) < SHORT and is_number(term):  # found as a whole word only, as search does
            spans.extend(m.span() for m in WORD.finditer(lower) if m.group() == term)
            continue
        for m in re.finditer(re.escape(term), lower):
            if m.start() == 0 or not lower[m.start() - 1].isalnum() or " " in term:
                spans.append((m.start(), m.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
