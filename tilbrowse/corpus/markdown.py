"""Inline Markdown a reader does not see, found by CommonMark's rules, so all else is kept.

Hidden: emphasis delimiters that pair (`**bold**`, `*em*`, `_em_`), the backslash of an
escape (`\\*` is a literal `*`), the backticks of a code span, and a link's brackets and
address (`[text](url)` shows `text`). Everything else is text as written: a `*` inside a
word (`HLA-A*02:01`, like `_` in `file_name`), a `*` with space on both sides (`2 * 3`), a
delimiter without a partner (`*02:05 or *02:06`), an unpaired backtick or bracket.

Emphasis pairs within a line (a title, a body line), not across lines.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

_TOKEN = re.compile(r"\\[!-/:-@\[-`{-~]|`+|\[|\*+|_+|\n")
_TICKS = re.compile(r"`+")
_LINK = re.compile(r"\[[^\[\]\n]{0,300}\]\([^()\n]{0,2000}\)")
_BULLET = re.compile(r"^[ \t]*[*+-][ \t]+(?=\S)")
_LOOK_BACK = 64
"""How far back a closer looks past openers the rule of three refuses (bounds the work)."""


def _space(ch: str) -> bool:
    return ch.isspace()


def _punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


class _Run:
    """A run of `*` or `_` that may open or close emphasis."""

    __slots__ = ("char", "start", "end", "opens", "closes", "length")

    def __init__(self, char: str, start: int, end: int, opens: bool, closes: bool) -> None:
        self.char, self.start, self.end, self.opens, self.closes = char, start, end, opens, closes
        self.length = end - start
        """Delimiters left: an opener is used up from its end, a closer from its start."""


def _run(text: str, start: int, end: int) -> _Run | None:
    """The delimiter run text[start:end] with what it can do (CommonMark's flanking rules)."""
    char = text[start]
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    left = not _space(after) and (not _punct(after) or _space(before) or _punct(before))
    right = not _space(before) and (not _punct(before) or _space(after) or _punct(after))
    if before.isalnum() and after.isalnum():
        return None  # inside a word: HLA-A*02:01, file_name
    if char == "*":
        opens, closes = left, right
    else:
        opens = left and (not right or _punct(before))
        closes = right and (not left or _punct(after))
    return _Run(char, start, end, opens, closes) if opens or closes else None


def _pair(runs: list[_Run], hidden: list[tuple[int, int]]) -> None:
    """Pair the delimiter runs of one line (CommonMark's "process emphasis"), hiding the used
    delimiters. One stack of openers per character keeps it linear on hostile lines."""
    stacks: dict[str, list[_Run]] = {"*": [], "_": []}
    for closer in runs:
        stack = stacks[closer.char]
        while closer.closes and closer.length and stack:
            found = -1
            for i in range(len(stack) - 1, max(-1, len(stack) - 1 - _LOOK_BACK), -1):
                opener = stack[i]
                both = (opener.opens and opener.closes) or (closer.opens and closer.closes)
                size = opener.end - opener.start
                if both and (size + closer.end - closer.start) % 3 == 0 and size % 3:
                    continue  # CommonMark's rule of three: in *a**b* the ** neither opens nor closes
                found = i
                break
            if found < 0:
                break
            opener = stack[found]
            del stack[found + 1 :]
            other = stacks["_" if closer.char == "*" else "*"]
            while other and other[-1].start > opener.start:
                other.pop()  # delimiters between a pair can no longer pair outside it
            use = 2 if opener.length >= 2 and closer.length >= 2 else 1
            inner = opener.start + opener.length
            hidden.append((inner - use, inner))
            close_at = closer.end - closer.length
            hidden.append((close_at, close_at + use))
            opener.length -= use
            closer.length -= use
            if not opener.length:
                stack.pop()
        if closer.opens and closer.length:
            stack.append(closer)


def hidden_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `text` that are inline Markdown syntax a reader does not see, in order."""
    hidden: list[tuple[int, int]] = []
    runs: list[_Run] = []
    code_to = 0
    """Tokens before this are inside a code span."""
    address_from = address_to = 0
    """Tokens in here are inside a link's address."""
    ticks: dict[int, list[int]] | None = None
    """Where each length of backtick run starts (a code span closes at the next of its length)."""
    for token in _TOKEN.finditer(text):
        start, end = token.span()
        if start < code_to or address_from <= start < address_to:
            continue
        first = text[start]
        if first == "\n":
            _pair(runs, hidden)
            runs = []
        elif first == "\\":
            hidden.append((start, start + 1))
        elif first == "`":
            if ticks is None:
                ticks = {}
                for m in _TICKS.finditer(text):
                    ticks.setdefault(m.end() - m.start(), []).append(m.start())
            same = ticks.get(end - start, [])
            i = bisect_right(same, start)
            limit = text.find("\n", end) % (len(text) + 1)  # the line's end (or the text's)
            if start < address_from:
                limit = min(limit, address_from)  # in a link's text: closed before its address
            if i < len(same) and same[i] < limit:
                code_to = same[i] + end - start
                hidden += [(start, end), (same[i], code_to)]
        elif first == "[":
            link = _LINK.match(text, start)
            if link:
                address_from, address_to = text.rfind("](", start, link.end()), link.end()
                hidden += [(start, start + 1), (address_from, address_to)]
        else:
            run = _run(text, start, end)
            if run is not None:
                runs.append(run)
    _pair(runs, hidden)
    hidden.sort()
    return hidden


def plain(text: str) -> str:
    """One line of Markdown as a reader sees it: inline syntax and a list item's marker taken
    out, whitespace collapsed (`**ORR** 38%` → `ORR 38%`, `HLA-A\\*02+` → `HLA-A*02+`)."""
    text = _BULLET.sub("", text, count=1)
    if not _TOKEN.search(text):
        return " ".join(text.split())
    parts: list[str] = []
    position = 0
    for start, end in hidden_spans(text):
        parts.append(text[position:start])
        position = end
    parts.append(text[position:])
    return " ".join("".join(parts).split())
