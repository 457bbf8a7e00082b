"""PDF files (conference abstracts, posters, journal articles, pages printed to PDF): the text
layer in reading order, as a Markdown article.

Read with pypdfium2 (PDFium's bindings; BSD-3-Clause / Apache-2.0, no AGPL code), chosen over
pypdf because it gives each run of text with its box and size, and costs a C call where pypdf
interprets the content stream in Python. A PDF has no paragraphs, headings, lists or tables,
only text placed on pages, so they are rebuilt from where the text sits:

- runs on one baseline make a line; a gap wider than most of a letter's height between two runs
  separates table cells (a bullet and its text excepted);
- a page split by gutters into columns of text (two, or a poster's three; a table's columns are
  not columns) is read column by column, left to right, what spans them (a title) in its place
  above or below;
- a line reaching the column's side was wrapped there (the next line's first word would not have
  fit, or it ends in a word broken by a hyphen): it goes on after a space, the hyphenated word
  joined again; a line stopping short was broken by its writer and the break is kept; a
  paragraph ends where the spacing opens or the next line is indented, and goes on into the
  next column or page when its last line reaches the side without a sentence's end;
- a line set larger than the body text is a heading (`## `), the largest on the first page the
  title (`# `, put first); a short line in the body's size stays a paragraph, as in a plain-text
  article;
- a line starting with a bullet (•, ◦, ▪, –) is a list item, its wrapped lines with it;
- consecutive lines of several cells are a pipe table, each cell under the column it starts in,
  a line set tighter than the rows going on in the cells above (a wrapped cell);
- running headers and footers (small print at the top or bottom of a page, or a line repeated
  there on most pages) and page numbers are dropped.

The title is what a reader sees as one: the heading set largest on the first page; else the
metadata's `Title` (a file name or "Untitled" is no title; real files' metadata titles are often
a tool's or a site's, "X Desktop Group", "Title | Site"). The author comes from the metadata.
The source URL is the web address printed in the margins (a DOI link first, else the first:
a browser prints the page's address at the foot of every page; `file://` never).
The date comes from the text (its dateline) and only where it has none from `CreationDate`,
said so in the article's metadata: a page printed from a browser is dated when it was printed.

Bounded: at most `MAX_PAGES` pages and `MAX_RUNS` text runs a page are read, and reading stops
after `MAX_SECONDS` (each with a warning saying what was not read); an encrypted file, a file
without a text layer (a scan) and a malformed one are each one problem. Nothing in the file is
run or fetched: only its text layer is read (no JavaScript, no links, no embedded files).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tilbrowse.corpus.dates import DateError, normalise_date

MAX_PAGES = 60
"""Pages read from one PDF (an abstract or poster is a few; a thesis is not an article)."""
MAX_RUNS = 2_000
"""Text runs read from one page (a page of text has a few hundred; a dense one, a thousand)."""
MAX_WORK = 25_000_000
"""Characters PDFium may visit reading one page: it scans the page's characters for each run's
text, so a page costs its runs times its characters (20,000 tiny runs took 40 s). A page with
more than this allows reads fewer runs (25 million visits: about half a second)."""
MAX_SECONDS = 10.0
"""Reading one PDF stops after this long, at a page boundary, with a warning."""
MAX_EXPANDED = 200 * 1024 * 1024
"""Bytes the compressed streams PDFium decodes to read text (page contents, object streams,
fonts, vector figures; not images) may expand to, together. A page of text is tens of
kilobytes, a poster's figures tens of megabytes; a file of one megabyte that expands to a
gigabyte is a zip bomb, and PDFium would hold it all in memory."""
MIN_CHARACTERS = 16
"""A text layer shorter than this over the pages read is a scan (images of text, perhaps a stray
page number or stamp), not an article."""
CELL_GAP = 0.8
"""A gap between two runs of one line wider than this many times the text's size separates table cells."""
HEADING_SIZE = 1.15
"""A line set this many times larger than the body text, or more, is a heading."""
SMALL_PRINT = 0.9
"""A line at a page's top or bottom edge set smaller than this times the body text is a running
header or footer."""

_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]", re.I)
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})(\d{2})")
_BULLET = re.compile(r"^[•◦▪▫‣●○■□–]\s*")
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*$")


class PdfError(ValueError):
    """A PDF with no article text to read; the message is for the user."""


@dataclass(frozen=True)
class Document:
    """What a PDF holds for tilbrowse."""

    title: str
    date: str
    author: str
    text: str
    """The text, Markdown: `# ` title, `## ` headings, paragraphs, `- ` items, pipe tables."""
    pages: int
    """Pages read."""
    unread_pages: int = 0
    notes: tuple[str, ...] = ()
    """Warnings for the user: what was not read, and why."""
    url: str = ""
    """The web address printed in the page margins (a browser's footer, a journal's DOI link)."""

    def markdown(self) -> str:
        """The document as a Markdown article: its title, the metadata's author and the margin's
        web address as front matter (the address through the same gate as any article's), the
        date left to the text (see the module)."""
        meta = {"title": self.title, "author": self.author, "source_url": self.url}
        lines = ["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items() if v), "---", ""]
        return "\n".join(lines) + self.text.strip() + "\n"


@dataclass(frozen=True)
class Run:
    """A run of text on one line of a page, with its box (PDF points, origin at the bottom left)
    and its size (the height of the font's full box, which scales with the type size)."""

    left: float
    bottom: float
    right: float
    top: float
    text: str
    size: float
    word: float = 0.0
    """Width of its first word (0 when unknown)."""
    base: float = 0.0
    """The bottom of its font's full box: where its baseline is, whatever its letters."""


@dataclass
class Line:
    """Runs on one baseline: their cells (one, or several in a table row) and where they sit."""

    top: float
    bottom: float
    left: float
    right: float
    size: float
    word: float
    """Width of its first word: whether it would have fit at the end of the line before."""
    base: float
    """The bottom of its font's full box (as `Run.base`)."""
    cells: list[tuple[float, str]] = field(default_factory=list)
    """(left edge, text) of each cell."""

    @property
    def text(self) -> str:
        return " ".join(text for _, text in self.cells)


def read_pdf(data: bytes, *, max_pages: int = MAX_PAGES, max_seconds: float = MAX_SECONDS) -> Document:
    """The text and metadata of a PDF; PdfError for an encrypted, scanned or malformed file."""
    import pypdfium2 as pdfium

    _check_expansion(data)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise PdfError("encrypted PDF (a password is needed to read it)") from None
        raise PdfError(f"not a readable PDF ({message.rstrip('.')})") from None
    notes: list[str] = []
    try:
        pages, count, meta = _read_pages(document, notes, max_pages, max_seconds)
    except pdfium.PdfiumError as exc:
        raise PdfError(f"not a readable PDF ({str(exc).rstrip('.')})") from None
    finally:
        document.close()
    if count > len(pages) and not any(n.startswith("reading stopped") for n in notes):
        notes.append(f"only the first {len(pages)} pages were read; {count - len(pages)} more not read")
    rebuilt = _markdown(pages)
    text = rebuilt.text
    if len(re.sub(r"\W", "", text)) < MIN_CHARACTERS:
        raise PdfError("PDF has no text layer to read (a scanned document?)")
    return Document(
        title=rebuilt.title or _metadata_title(str(meta.get("Title") or "")),
        date=_metadata_date(str(meta.get("CreationDate") or "")),
        author=" ".join(str(meta.get("Author") or "").split()),
        text=text,
        pages=len(pages),
        unread_pages=count - len(pages),
        notes=tuple(notes),
        url=rebuilt.url,
    )


_FILE_TITLE = re.compile(r"(?i)^(?:microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|pptx?|pdf|indd|tex)|untitled.*)$")
"""What tools write as a document's title when nobody gave one: a file name, "Untitled"."""


_STREAM = re.compile(rb"stream\r?\n")


def _check_expansion(data: bytes) -> None:
    """PdfError when the file's compressed streams (images aside) expand past `MAX_EXPANDED`: every
    stream is tried as Flate, inflated up to what is left of that budget, in C, before PDFium sees
    the file; one that is not Flate fails at its first bytes. Linear in the file: the ends of the
    streams are found once, and no stream's bytes are copied."""
    import zlib
    from bisect import bisect_right

    left = MAX_EXPANDED
    ends = [m.start() for m in re.finditer(rb"endstream", data)]
    view = memoryview(data)
    for found in _STREAM.finditer(data):
        head = data[max(0, found.start() - 512) : found.start()]
        at = head.rfind(b"obj")
        if re.search(rb"/Subtype\s*/Image", head[at:] if at >= 0 else head):
            continue  # an image: PDFium never decodes it to read the text
        later = bisect_right(ends, found.end() - 1)
        end = ends[later] if later < len(ends) else len(data)
        try:
            out = zlib.decompressobj().decompress(view[found.end() : end], left + 1)
        except zlib.error:
            continue  # not Flate, or damaged: PDFium says so, or reads what it can
        left -= len(out)
        if left < 0:
            raise PdfError(f"compressed content expands past {MAX_EXPANDED // (1024 * 1024)} MB (a zip bomb?)")


def _read_pages(
    document: Any, notes: list[str], max_pages: int, max_seconds: float
) -> tuple[list[list[Part]], int, dict[str, Any]]:
    """The pages read (up to the limits, with a note when some were not), the page count, the metadata."""
    started = time.monotonic()
    count = len(document)
    pages: list[list[Part]] = []
    for index in range(min(count, max_pages)):
        if pages and time.monotonic() - started > max_seconds:
            notes.append(f"reading stopped after {max_seconds:g} s at page {index + 1}")
            break
        page = document[index]
        try:
            textpage = page.get_textpage()
            try:
                runs, cut = _runs(textpage)
            finally:
                textpage.close()
            if cut:
                notes.append(f"page {index + 1}: only its first {cut:,} runs of text were read")
            width, height = page.get_width(), page.get_height()
            on_page = [r for r in runs if r.right > 0 and r.left < width and r.top > 0 and r.bottom < height]
            pages.append(_columns(on_page, width))  # text drawn off the page is not shown: not read
        finally:
            page.close()
    return pages, count, dict(document.get_metadata_dict())


def _metadata_title(value: str) -> str:
    title = " ".join(value.split())
    return "" if _FILE_TITLE.match(title) else title


def _metadata_date(value: str) -> str:
    found = _PDF_DATE.match(value)
    if not found:
        return ""
    try:
        normalised = normalise_date("-".join(found.groups()))
    except DateError:
        return ""
    return normalised[0] if normalised else ""


def _runs(textpage: Any) -> tuple[list[Run], int]:
    """The page's runs of text, each with its size, and how many were read when some were left
    unread (else 0)."""
    count = textpage.count_rects()
    allowed = max(1, min(MAX_RUNS, MAX_WORK // max(1, textpage.count_chars())))
    runs = []
    for i in range(min(count, allowed)):
        left, bottom, right, top = textpage.get_rect(i)
        text = _clean(textpage.get_text_bounded(left, bottom, right, top))
        if not text.strip():
            continue
        size, word, base = top - bottom, 0.0, bottom
        index = textpage.get_index(left + 0.5, (top + bottom) / 2, 2, 2)
        if index is not None and index >= 0:
            box = textpage.get_charbox(index, loose=True)
            size, base = max(size, box[3] - box[1]), box[1]
            first = text.split()[0]
            last = index + len(text) - len(text.lstrip()) + len(first) - 1
            word = max(0.0, textpage.get_charbox(last)[2] - left)
        runs.append(Run(left, bottom, right, top, text, round(size, 1), word, base))
    return runs, allowed if count > allowed else 0


_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
"""Typeset ligatures a font's map may give as one character: "conﬁrmed" is "confirmed" to a reader
(and to search and the extractor)."""


def _clean(text: str) -> str:
    """A run's text: PDFium's marks of a word broken at a line end (U+FFFE, U+0002) and a soft
    hyphen as a hyphen, which the join of lines removes when the word goes on; ligatures as
    their letters; controls gone."""
    for mark in ("\ufffe", "\x02", "\u00ad"):
        text = text.replace(mark, "-")
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text.translate(_LIGATURES))


@dataclass(frozen=True)
class Part:
    """Lines read in turn (a page, one of its columns, what spans them), and the right side of
    their column: where the page's margin, as wide as the left one, or the gutter begins."""

    lines: list[Line]
    right: float


def _columns(runs: list[Run], width: float) -> list[Part]:
    """A page's lines in reading order, one part after another: what spans the page above its
    columns, each column left to right (a poster's three or four too), what spans it below; or
    the page as one part."""
    if not runs:
        return []
    return [part for part in _split(runs, width, width - _left_margin(runs), 0) if part.lines]


MAX_SPLITS = 3
"""Gutters looked for within gutters: enough for the four columns of a poster."""


def _split(runs: list[Run], width: float, right: float, depth: int) -> list[Part]:
    """Runs split at a gutter into what spans them above, the columns either side (each split
    again), and what spans them below."""
    found = _gutter(runs, width) if depth < MAX_SPLITS and runs else None
    if found is None:
        return [Part(_lines(runs), right)]
    gutter, edge = found
    spanning = [r for r in runs if r.left < gutter < r.right]
    left = [r for r in runs if r.right <= gutter]
    right_runs = [r for r in runs if r.left >= gutter]
    columns_top = max(r.top for r in left + right_runs)
    columns_bottom = min(r.bottom for r in left + right_runs)
    above = [r for r in spanning if r.bottom >= columns_top - 1]
    below = [r for r in spanning if r.top <= columns_bottom + 1]
    inside = [r for r in spanning if r.bottom < columns_top - 1 and r.top > columns_bottom + 1]
    return [
        Part(_lines(above), right),
        *_split(left + inside, width, edge, depth + 1),
        *_split(right_runs, width, right, depth + 1),
        Part(_lines(below), right),
    ]


def _left_margin(runs: list[Run]) -> float:
    """Where the page's text starts: the leftmost edge that three runs or more start at (a
    running header set further out, a stray mark, do not move it)."""
    starts = Counter(round(r.left) for r in runs)
    common = [x for x, n in starts.items() if n >= 3]
    return float(min(common) if common else starts.most_common(1)[0][0])


def _gutter(runs: list[Run], width: float) -> tuple[float, float] | None:
    """Where to split runs at a vertical gutter in their middle half, crossed by at most 15% of
    them, with a column of text on each side: side by side, the right one starting at one left
    edge, each with lines of text (a table's columns are not columns). The split (the middle of
    the emptiest stretch nearest the middle) and where the gutter begins; None for one column."""
    x0 = int(max(0.0, min(r.left for r in runs)))
    x1 = int(min(width, max(r.right for r in runs))) + 1  # the page's width bounds the work
    lo, hi = x0 + (x1 - x0) // 4, x1 - (x1 - x0) // 4
    if hi <= lo:
        return None
    starts = [0] * (hi - lo + 2)  # runs crossing each x, by a difference array: linear in the runs
    for r in runs:
        a, b = max(lo, int(r.left) + 1), min(hi, int(r.right - 1e-9))
        if a <= b:
            starts[a - lo] += 1
            starts[b - lo + 1] -= 1
    crossing, counts = 0, []
    for i in range(hi - lo + 1):
        crossing += starts[i]
        counts.append(crossing)
    best = min(counts)
    if best > 0.15 * len(runs):
        return None
    middle = (x0 + x1) / 2
    stretches: list[tuple[int, int]] = []  # runs of x with the fewest crossings: the gutters
    for i, count in enumerate(counts):
        if count != best:
            continue
        if stretches and stretches[-1][1] == lo + i - 1:
            stretches[-1] = (stretches[-1][0], lo + i)
        else:
            stretches.append((lo + i, lo + i))
    a, b = min(stretches, key=lambda s: abs((s[0] + s[1]) / 2 - middle))
    x = (a + b) / 2
    left = [r for r in runs if r.right <= x]
    right = [r for r in runs if r.left >= x]
    if len(left) < 3 or len(right) < 3:
        return None
    aligned = Counter(round(r.left) for r in right).most_common(1)[0][1]
    side_by_side = min(r.bottom for r in right) < max(r.top for r in left) and min(r.bottom for r in left) < max(
        r.top for r in right
    )
    if aligned >= 3 and side_by_side and _prose(left, width) and _prose(right, width):
        return x, float(a)
    return None


def _prose(runs: list[Run], width: float) -> bool:
    """Whether runs beside a gutter hold a column of text, not only a table's cells: three lines
    or more an eighth of the page wide or wider."""
    return sum(1 for r in runs if r.right - r.left >= width / 8) >= 3


def _lines(runs: list[Run]) -> list[Line]:
    """Runs grouped into lines, top to bottom; runs far apart on a line are separate cells."""
    rows: list[list[Run]] = []
    for run in sorted(_split_spaced(runs), key=lambda r: (-r.base, r.left)):
        if rows and abs(run.base - rows[-1][0].base) < 0.5 * min(run.size, rows[-1][0].size):
            rows[-1].append(run)
            continue
        rows.append([run])
    lines = []
    for row in rows:
        row.sort(key=lambda r: r.left)
        size = Counter(r.size for r in row for _ in r.text).most_common(1)[0][0]
        top, bottom = max(r.top for r in row), min(r.bottom for r in row)
        line = Line(top, bottom, row[0].left, row[-1].right, size, row[0].word, row[0].base)
        previous: Run | None = None
        for run in row:
            text = " ".join(run.text.split())
            bullet = previous is not None and len(line.cells) == 1 and _BULLET.fullmatch(line.cells[0][1]) is not None
            if previous is not None and (run.left - previous.right <= CELL_GAP * size or bullet):
                left, before = line.cells[-1]
                glued = before.endswith("-") and run.left <= previous.right + 0.5  # "PD-" "1" set touching
                line.cells[-1] = (left, before + ("" if glued else " ") + text)
            else:
                line.cells.append((run.left, text))
            previous = run
        lines.append(line)
    return lines


def _split_spaced(runs: list[Run]) -> Iterable[Run]:
    """Runs, a run holding columns set apart by spaces (a table in a monospaced block) split at them."""
    for run in runs:
        if not re.search(r"\S {2,}\S", run.text):
            yield run
            continue
        step = (run.right - run.left) / max(1, len(run.text))
        for piece in re.finditer(r"\S+(?: \S+)*", run.text):
            left = run.left + step * piece.start()
            right = left + step * len(piece.group())
            yield Run(left, run.bottom, right, run.top, piece.group(), run.size, 0.0, run.base)


@dataclass(frozen=True)
class Rebuilt:
    """A PDF's pages as an article: its Markdown, its title, the web address in its margins."""

    text: str
    title: str
    url: str


_URL = re.compile(r"https?://[^\s<>\"'|]+[^\s<>\"'|.,;:)\]]")


def _markdown(pages: list[list[Part]]) -> Rebuilt:
    """The pages as Markdown (running lines dropped; the title, headings, paragraphs, list items
    and tables rebuilt; pages joined); the title: the heading set largest on the first page
    (before a smaller banner, a journal's name, it is put first, as `# `); and the web address
    the margins print (a DOI link first, else the first address: a browser's footer)."""
    every = [line for page in pages for part in page for line in part.lines]
    if not every:
        return Rebuilt("", "", "")
    bands_of = [_bands(sorted((line for part in page for line in part.lines), key=_downwards)) for page in pages]
    body_size = _body_size(bands_of) or Counter(line.size for line in every for _ in line.text).most_common(1)[0][0]
    running = _running_lines(bands_of, body_size)
    margins = [line.text for line in every if id(line) in running]
    urls = [m.group(0) for text in margins for m in _URL.finditer(text)]
    url = next((u for u in urls if "doi.org/" in u), urls[0] if urls else "")
    blocks: list[str] = []
    open_end = False
    title: tuple[float, int] | None = None  # (size, block index) of the largest heading on page 1
    for number, page in enumerate(pages):
        for part in page:
            lines = [line for line in part.lines if id(line) not in running]
            found, ends_open = _blocks(lines, body_size, part.right)
            for i, (kind, block, size) in enumerate(found):
                if i == 0 and open_end and kind == "text" and blocks:
                    blocks[-1] = _joined([blocks[-1], block])  # a paragraph going on in the next column or page
                    continue
                if number == 0 and kind == "heading" and (title is None or size > title[0]):
                    title = (size, len(blocks))
                blocks.append(block)
            if found:
                open_end = ends_open
    title_text = ""
    if title is not None:
        title_text = blocks.pop(title[1])[3:]
        blocks.insert(0, "# " + title_text)
    out = ""
    for i, block in enumerate(blocks):
        same_list = i > 0 and block.startswith("- ") and blocks[i - 1].startswith("- ")
        out += ("\n" if same_list else "\n\n" if i else "") + block
    return Rebuilt(out, title_text, url)


def _body_size(bands_of: list[list[list[Line]]]) -> float:
    """The size most of the text is set in, a page's top and bottom lines (small print) aside; 0
    when there is nothing else."""
    sizes: Counter[float] = Counter()
    for bands in bands_of:
        sizes.update(line.size for band in bands[1:-1] for line in band for _ in line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _running_lines(bands_of: list[list[list[Line]]], body_size: float) -> set[int]:
    """Lines that are not the article: page numbers, small print at a page's top or bottom
    (a browser's date, title, address and "1/3"), and lines repeated at the top or bottom of most
    pages. Each page comes as its lines banded by baseline, top to bottom."""
    out: set[int] = set()
    edges: Counter[str] = Counter()
    for bands in bands_of:
        if not bands:
            continue
        if len(bands) > 1:
            for line in bands[0] + bands[-1]:
                if line.size < SMALL_PRINT * body_size:
                    out.add(id(line))
        for line in (line for band in bands for line in band):
            if _PAGE_NUMBER.fullmatch(line.text.strip()):
                out.add(id(line))
        edges.update({line.text for band in _edge_bands(bands) for line in band})
    if len(bands_of) >= 2:
        repeated = {text for text, n in edges.items() if n >= max(2, 0.6 * len(bands_of))}
        for number, bands in enumerate(bands_of):
            running = [
                line
                for band in _edge_bands(bands)
                for line in band
                if line.text in repeated and not (number == 0 and line.size >= HEADING_SIZE * body_size)
            ]  # (the title set large on the first page, repeated small as the running header, stays)
            if len(running) < sum(len(band) for band in bands):  # a page that is all repeats is text
                out.update(id(line) for line in running)
    return out


def _downwards(line: Line) -> float:
    return -line.base


def _edge_bands(bands: list[list[Line]]) -> list[list[Line]]:
    """A page's two top and two bottom bands, where running headers and footers sit."""
    return bands[:2] + bands[-2:]


def _bands(lines: list[Line]) -> list[list[Line]]:
    """Lines, top to bottom, grouped by baseline (a running header's parts, the two columns' lines)."""
    bands: list[list[Line]] = []
    for line in lines:
        if bands and abs(bands[-1][0].base - line.base) < 0.5 * line.size:
            bands[-1].append(line)
        else:
            bands.append([line])
    return bands


def _blocks(lines: list[Line], body_size: float, right: float) -> tuple[list[tuple[str, str, float]], bool]:
    """One column's lines as Markdown blocks: headings, paragraphs, list items, tables.

    A line that reaches the column's right side was wrapped there: it goes on with the next
    line after a space. A line that stops short was broken by its writer: the break is kept,
    and a new paragraph starts when the next line is indented or the spacing opens.

    Returns the (kind, Markdown, size) blocks, and whether the last paragraph runs on into the
    next column or page (its last line reaches the side, without a sentence's end)."""
    gaps = [a.bottom - b.top for a, b in zip(lines, lines[1:], strict=False) if a.size == b.size == body_size]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else body_size * 0.3
    full = _right_side(lines, body_size, right)
    start = min((line.left for line in lines if line.size == body_size), default=0.0)

    following = {id(a): b for a, b in zip(lines, lines[1:], strict=False)}

    def wrapped(line: Line) -> bool:
        """Whether the line ends where its writer's wrapping did: the next line's first word
        would not have fit after it."""
        after = following.get(id(line))
        if after is None or not after.text.split():
            return False
        if re.search(r"\w-$", line.text) and re.match(r"\w", after.text):
            return True  # a word broken with a hyphen goes on: nobody ends a line there by hand
        em = (line.right - line.left) / max(1, len(line.text))
        word = after.word or em * len(after.text.split()[0])
        return line.right + 0.25 * line.size + word > full - 1

    kind = ""
    current: list[Line] = []
    out: list[tuple[str, str, float]] = []

    def flush() -> None:
        if current:
            out.append((kind, _block(kind, current, wrapped), max(line.size for line in current)))
            current.clear()

    previous: Line | None = None
    for line in lines:
        this = _kind(line, body_size)
        new = (
            previous is None
            or this != kind
            or this in ("heading", "item")
            or (previous.bottom - line.top) > max(1.6 * usual, usual + 0.4 * body_size)
            or (this == "text" and not wrapped(previous) and line.left > start + 0.8 * body_size)
        )
        if kind == "heading" and this == "heading" and previous is not None and line.size == previous.size:
            new = (previous.bottom - line.top) > 0.8 * line.size  # a heading set on two lines
        if kind == "row" and this == "text" and previous is not None and _pitch(previous, line) < 1.12 * line.size:
            this, new = "row", False  # a table cell's text going on, set tight under its row
        if kind == "item" and this == "text" and previous is not None and line.left > current[0].left + 2:
            this, new = "item", False  # an item's text going on under its first word
        if new:
            flush()
            kind = this
        current.append(line)
        previous = line
    last = current[-1] if current else None
    open_end = (
        kind == "text"
        and last is not None
        and last.right > full - 3 * last.size
        and _SENTENCE_END.search(last.text) is None
    )
    flush()
    return out, open_end


def _right_side(lines: list[Line], body_size: float, right: float) -> float:
    """Where the column's lines are wrapped: the right edge most of its text lines reach when
    they are many (a page of prose, or one column of two filled), else the page's margin."""
    ends = [line.right for line in lines if line.size == body_size and len(line.cells) == 1]
    if not ends:
        return right
    reached = max(ends)
    near = sum(1 for end in ends if end >= reached - 4 * body_size)
    return reached if near >= max(3, 0.3 * len(ends)) else max(reached, right)


def _pitch(above: Line, below: Line) -> float:
    """The distance between two lines' baselines."""
    return above.base - below.base


def _kind(line: Line, body_size: float) -> str:
    if len(line.cells) > 1:
        return "row"
    if _BULLET.match(line.text) and _BULLET.sub("", line.text).strip():
        return "item"  # a bullet with text after it: a lone "–" (a table's empty cell) is text
    if line.size >= HEADING_SIZE * body_size and len(line.text.split()) <= 25:
        return "heading"
    return "text"


def _block(kind: str, lines: list[Line], wrapped: Callable[[Line], bool]) -> str:
    if kind == "row":
        return _table(lines)
    if kind == "heading":
        return "## " + _joined([line.text for line in lines])
    paragraph: list[list[str]] = [[]]
    for line in lines:
        paragraph[-1].append(line.text)
        if not wrapped(line):
            paragraph.append([])
    text = "\n".join(_joined(part) for part in paragraph if part)
    return "- " + _BULLET.sub("", text) if kind == "item" else text


def _joined(lines: list[str]) -> str:
    """Lines wrapped at the column's side as one: a word hyphenated at a line end ("treat-" +
    "ment") joined again, a hyphen kept where the next line starts with a capital or a digit ("PD-" + "1")."""
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
        elif re.search(r"[a-z]-$", out) and re.match(r"[a-z]", line):
            out = out[:-1] + line
        elif out.endswith(("-", "/")) and re.match(r"\S", line) and re.search(r"\w[-/]$", out):
            out += line
        else:
            out += " " + line
    return out


def _table(lines: list[Line]) -> str:
    """Rows of cells as a pipe table: the columns are where the row with most cells starts its
    cells, each cell goes under the column it starts in (or the nearest to its left). A line
    set closer to the one above than rows are to each other is a cell's text going on there."""
    widest = max(lines, key=lambda line: len(line.cells))
    anchors = [left for left, _ in widest.cells]
    pitches = sorted(_pitch(a, b) for a, b in zip(lines, lines[1:], strict=False))
    row_pitch = pitches[len(pitches) * 3 // 4] if pitches else 0.0
    rows: list[list[str]] = []
    previous: Line | None = None
    for line in lines:
        going_on = previous is not None and rows and _pitch(previous, line) < min(0.85 * row_pitch, 1.12 * line.size)
        cells = rows[-1] if going_on else [""] * len(anchors)
        for left, text in line.cells:
            column = max((i for i, anchor in enumerate(anchors) if anchor <= left + 3), default=0)
            cells[column] = _joined([cells[column], text]) if cells[column] else text
        if not going_on:
            rows.append(cells)
        previous = line
    out = ["| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |" for cells in rows]
    if len(out) == 1:
        return "\t".join(rows[0])
    return "\n".join([out[0], "|" + "---|" * len(anchors), *out[1:]])
