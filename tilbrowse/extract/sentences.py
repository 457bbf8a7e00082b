"""Splitting a body into blocks (headings, paragraphs, list items) and sentences, with spans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_LETTERED = ("arm", "Arm", "arms", "cohort", "Cohort", "cohorts", "group", "Group", "part", "Part", "and", "or")
"""Words after which a capital is a cohort's letter, not an initial."""
_ABBREV = re.compile(
    r"(?:\b(?:vs|v|Dr|Drs|Mr|Mrs|Ms|Prof|St|Inc|Co|Corp|Ltd|No|Nos|Fig|Figs|al|approx|ca|e\.g|i\.e|etc|mo|mos|"
    r"wk|wks|yr|yrs|min|max|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Calif|Mass|Penn|Md|Pa|N\.Y|"
    r"U\.S|U\.K|Ph\.D|M\.D|Jr|Sr|ref|Ref|incl|Nasdaq|NASDAQ|Ave|Blvd|cf|pts)|(?<![\w-])"
    # a capital alone is an initial (J. Smith), except a cohort's or arm's letter ("… in arm B. In …")
    + "".join(f"(?<!{w} )" for w in _LETTERED)
    + r"[A-Z])\.$"
)
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9•*-])|(?<=[.!?])[\"”’]?\n")
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n+|\n(?=[ \t]*(?:[-*•+]|\d+[.)])[ \t]+)|\n(?=#)")
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<title>.+?)[ \t#]*$")
_BOLD_HEADING = re.compile(r"^\*\*(?P<title>[^*\n]{2,80}?):?\*\*:?$|^(?P<title2>[A-Z][A-Za-z /&-]{2,40}):$")

_DIGIT = re.compile(r"\d")
_AMONG_RESPONDERS = re.compile(r"\b(?:among|in|of)\s+(?:the\s+|all\s+)?(?:responders|responding\s+patients)\b", re.IGNORECASE)


def _pipe_table_after(block: str) -> int:
    """Where the two or more lines with a pipe that end a block begin, after a line without one (a
    table under its caption); 0 when the block does not end so. Linear in the block's lines."""
    lines = block.split("\n")
    k = len(lines)
    while k > 0 and "|" in lines[k - 1]:
        k -= 1
    if k == 0 or len(lines) - k < 2:
        return 0
    return sum(len(line) + 1 for line in lines[:k])

MAX_SENTENCE = 2000
"""Sentences longer than this (characters) are cut into pieces so no pattern ever sees more."""
MAX_SENTENCE_READ = 10_000
"""Of a longer sentence only this many characters are read (the longest sentence of the test and
real-article sets is under 1,500): a run-on of figures costs work per figure, and a 2 MB file
may be one sentence. What is left unread is said on the article (`Block.unread`)."""


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body and its span (`body[start:end] == text`)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or list item, with its sentences."""

    kind: str
    """`heading` or `text`."""
    start: int
    end: int
    sentences: tuple[Sentence, ...]
    heading: str = ""
    """The heading's words, for `heading` blocks."""
    unread: int = 0
    """Characters of sentences longer than MAX_SENTENCE_READ left out of `sentences` (counted
    when they hold a digit: a run of words alone has no figure to miss)."""
    long_sentences: int = 0
    """How many of its sentences were that long."""


def blocks_of(body: str) -> Iterator[Block]:
    """Split the body into blocks, each with its sentences, one at a time (a reader that stops
    early does not pay for the rest)."""
    pos = 0
    for m in [*_BLOCK_SPLIT.finditer(body), None]:
        end = m.start() if m else len(body)
        out: list[Block] = []
        _add_block(body, pos, end, out)
        yield from out
        pos = m.end() if m else len(body)


def _add_block(body: str, start: int, end: int, out: list[Block]) -> None:
    raw = body[start:end]
    stripped = raw.strip()
    if not stripped:
        return
    start += len(raw) - len(raw.lstrip())
    end = start + len(stripped)
    table_at = _pipe_table_after(stripped) if "|" in stripped and "\n" in stripped else 0
    if table_at and not _AMONG_RESPONDERS.search(stripped[:table_at]):
        # "Table 1. Response by dose level\nDose level | n | ORR\nDL1 | 8 | 5 (62.5%)": the caption
        # is a paragraph of its own, the piped lines under it a table (not a table "among responders",
        # whose rows are counted out of the responders, not the cohorts)
        _add_block(body, start, start + table_at, out)
        _add_block(body, start + table_at, end, out)
        return
    heading = _HEADING.match(stripped) or _BOLD_HEADING.match(stripped)
    if heading and "\n" not in stripped:
        title = heading.group("title") or heading.groupdict().get("title2") or ""
        title = re.sub(r"[*_`]", "", title).strip().rstrip(":")
        out.append(Block("heading", start, end, (Sentence(stripped, start, end),), heading=title))
        return
    unread: list[int] = []
    sentences = sentences_of(body, start, end, unread)
    out.append(Block("text", start, end, tuple(sentences), unread=sum(unread), long_sentences=len(unread)))


def sentences_of(body: str, start: int, end: int, unread: list[int] | None = None) -> list[Sentence]:
    """Sentences of body[start:end], never longer than MAX_SENTENCE; of a sentence longer than
    MAX_SENTENCE_READ only its start (the characters left out are appended to `unread`)."""
    out: list[Sentence] = []
    pos = start
    text = body[start:end]
    cuts = list(_BOUNDARY.finditer(text))
    if "\n" in text:
        cuts = sorted([*cuts, *(m for m in _LINE_BREAK.finditer(text) if _own_line(text, m))], key=lambda m: m.start())
    for m in cuts:
        cut = start + m.start()
        if cut < pos:
            continue
        if _ABBREV.search(body[max(pos, cut - 12) : cut]):
            continue
        if re.match(r"\d", body[cut - 2 : cut - 1] or "") and body[start + m.end() : start + m.end() + 1].isdigit():
            continue
        _add_sentence(body, pos, cut, out, unread)
        pos = start + m.end()
    _add_sentence(body, pos, end, out, unread)
    return out


_LINE_BREAK = re.compile(r"(?<![.!?])[ \t]*\n[ \t]*(?=\S)")
_CARRIES_ON = re.compile(
    r"(?:[,;:(\[/&+–-]|\b(?:and|or|of|the|a|an|in|with|to|for|by|at|on|from|vs\.?|versus|than|was|were|is|are|"
    r"that|which|who|as|per|into|its|their|this|these|plus))\s*$",
    re.I,
)
_LABEL_LINE = re.compile(r"[A-Za-z][\w /+().≥≤<>-]{0,30}:\s")


def _own_line(text: str, m: re.Match[str]) -> bool:
    """A line break that ends a line of its own, not the hard wrap of a sentence running on: the
    line before says something whole (it does not end on `and`, `of`, a comma …) and the next
    opens like a new one (a capital, or `mPFS: …`), with a short line or a `label:` line on
    either side (`ORR: 48% vs 46%` then `mPFS: 9.7 mos vs 6.9 mos`; highlight lines of a release)."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    line = text[line_start : m.start()].strip()
    nxt = text[m.end() : m.end() + 40]
    if not line or _CARRIES_ON.search(line):
        return False
    if _LABEL_LINE.match(nxt) or _LABEL_LINE.match(line + " "):
        return True
    line_end = text.find("\n", m.end())
    next_line = text[m.end() : line_end if line_end >= 0 else len(text)]
    return nxt[:1].isupper() and (len(line) < 60 or len(next_line) < 60 or _WHOLE_LINE.search(line) is not None)


_WHOLE_LINE = re.compile(r"(?:\)|\d\s*%|months?|mos?|[A-Za-z]{4,}|\b(?:NR|NE))$")


def _add_sentence(body: str, start: int, end: int, out: list[Sentence], unread: list[int] | None = None) -> None:
    while start < end and body[start] in " \t\n":
        start += 1
    while end > start and body[end - 1] in " \t\n":
        end -= 1
    if end - start > MAX_SENTENCE_READ:
        stop = body.rfind(" ", start, start + MAX_SENTENCE_READ)
        stop = stop if stop > start else start + MAX_SENTENCE_READ
        if unread is not None and _DIGIT.search(body, stop, end):
            unread.append(end - stop)  # said only when what is left could hold a figure
        end = stop
        while end > start and body[end - 1] in " \t\n":
            end -= 1
    while end - start > MAX_SENTENCE:
        cut = body.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append(Sentence(body[start:cut], start, cut))
        start = cut
        while start < end and body[start] in " \t\n":
            start += 1
    if end > start:
        out.append(Sentence(body[start:end], start, end))
