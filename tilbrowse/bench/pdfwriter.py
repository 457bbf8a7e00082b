"""A small PDF writer (our own code) for the synthetic corpus and the tests: text placed at
(x, y) in Helvetica at any size, every character kept in the text layer (WinAnsi, and a
ToUnicode map for the others), with an Info dictionary — and `article_pdf`, which prints an
article the way a browser prints a page: the title large, headings larger than the text,
paragraphs wrapped as measured, bullets, tables in columns (shrunk, then cells wrapped, to fit),
small print at the top (date and title) and the bottom (address and page "1/3") of every page,
in one column or two."""

from __future__ import annotations

import re

Line = tuple[float, float, str] | tuple[float, float, str, float]
"""(x, y, text) at the document's size, or (x, y, text, size)."""

WIDTH, HEIGHT = 612.0, 792.0
_WIDTHS = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
        [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278]
        + [556] * 10
        + [278, 278, 584, 584, 584, 556, 1015]
        + [667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722]
        + [667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333]
        + [556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278]
        + [556, 500, 722, 500, 500, 500, 334, 260, 334, 584],
        strict=True,
    )
)
"""Helvetica's advance widths (thousandths of an em, from its AFM), to wrap lines as a printer does."""


def width(text: str, size: float) -> float:
    """The width of text set in Helvetica at this size, in points."""
    return sum(_WIDTHS.get(ch, 556) for ch in text) * size / 1000


def wrap(text: str, room: float, size: float) -> list[str]:
    """Words filled into lines no wider than `room` points (a word wider than that alone on its line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and width(lines[-1] + " " + word, size) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


_SPARE = [*range(0x01, 0x20), 0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D]
"""Codes WinAnsi leaves unused: given to characters it lacks (≥, ‒, …), which the font's
ToUnicode map then names, so the text layer holds them as written."""


def _encoder(pages: list[list[Line]]) -> dict[str, int]:
    """A code for every character WinAnsi (cp1252) cannot hold, while spare codes last."""
    extra: dict[str, int] = {}
    for lines in pages:
        for line in lines:
            for ch in line[2]:
                try:
                    ch.encode("cp1252")
                except UnicodeEncodeError:
                    if ch not in extra and len(extra) < len(_SPARE):
                        extra[ch] = _SPARE[len(extra)]
    return extra


def _string(text: str, extra: dict[str, int]) -> str:
    """A PDF literal string of the text's codes, every byte outside printable ASCII as an octal escape."""
    out = []
    for ch in text:
        try:
            code = extra[ch] if ch in extra else ch.encode("cp1252")[0]
        except UnicodeEncodeError:
            code = ord("?")
        out.append(f"\\{code:03o}" if code < 0x20 or code > 0x7E or chr(code) in "()\\" else chr(code))
    return "(" + "".join(out) + ")"


def _to_unicode(extra: dict[str, int]) -> bytes:
    """A ToUnicode CMap: WinAnsi's codes as cp1252 reads them, the spare ones as assigned."""
    pairs = {}
    for code in range(0x20, 0x100):
        try:
            pairs[code] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    pairs.update({code: ch for ch, code in extra.items()})
    entries = [f"<{code:02X}> <{ch.encode('utf-16-be').hex().upper()}>" for code, ch in sorted(pairs.items())]
    chunks = [entries[i : i + 100] for i in range(0, len(entries), 100)]
    body = "".join(f"{len(c)} beginbfchar\n" + "\n".join(c) + "\nendbfchar\n" for c in chunks)
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n" + body + "endcmap\n"
        "CMapName currentdict /CMap defineresource pop end end\n"
    ).encode()


def pdf(pages: list[list[Line]], info: dict[str, str] | None = None, size: float = 10) -> bytes:
    """A PDF of these pages, each a list of lines placed on it, in the order given."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    extra = _encoder(pages)
    cmap = _to_unicode(extra)
    to_unicode = add(b"<< /Length " + str(len(cmap)).encode() + b" >>\nstream\n" + cmap + b"\nendstream")
    codes = {code: ch for ch, code in extra.items()}
    for code in range(0x20, 0x100):
        try:
            codes.setdefault(code, bytes([code]).decode("cp1252"))
        except UnicodeDecodeError:
            continue
    widths = " ".join(str(_WIDTHS.get(codes[code], 556) if code in codes else 0) for code in range(256))
    font = add(
        f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
        f"/FirstChar 0 /LastChar 255 /Widths [{widths}] /ToUnicode {to_unicode} 0 R >>".encode()
    )
    contents = []
    for lines in pages:
        shown = " ".join(
            f"/F1 {(line[3] if len(line) > 3 else size):g} Tf 1 0 0 1 {line[0]:g} {line[1]:g} Tm "
            f"{_string(line[2], extra)} Tj"
            for line in lines
        )
        data = f"BT {shown} ET".encode("ascii")
        contents.append(add(b"<< /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"))
    parent = len(objects) + len(contents) + 1
    kids = [
        add(
            f"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 {WIDTH:g} {HEIGHT:g}] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {c} 0 R >>".encode()
        )
        for c in contents
    ]
    pages_id = add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode())
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    info_id = 0
    if info:
        # Text strings in UTF-16 with its byte-order mark, as the PDF standard allows for any text.
        fields = " ".join(f"/{k} <FEFF{v.encode('utf-16-be').hex().upper()}>" for k, v in info.items())
        info_id = add(f"<< {fields} >>".encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root {catalog} 0 R" + (f" /Info {info_id} 0 R" if info_id else "") + " >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _table_rows(block: str) -> list[list[str]] | None:
    """A pipe table, or lines in columns aligned with runs of spaces: rows of cells."""
    rows = [r.strip() for r in block.strip("\n").splitlines() if r.strip()]
    if len(rows) < 2:
        return None
    if all("|" in r for r in rows):
        cells = [[c.strip() for c in r.strip("|").split("|")] for r in rows if not set(r) <= set("|-: ")]
    elif sum(1 for r in rows if re.search(r"\S {2,}\S", r)) >= max(2, len(rows) - 1):
        cells = [re.split(r" {2,}", r) for r in rows]
    else:
        return None
    return cells if len({len(c) for c in cells}) <= 2 else None


_ITEM = re.compile(r"[-*+•] |\d+[.)] ")


def _pieces(block: str) -> list[tuple[str, str]]:
    """A block as ("text" | "item", text) pieces: a line starting a list item begins an item, the
    lines after it go on with it; other lines are printed as written, each on its own line."""
    out: list[tuple[str, str]] = []
    for line in block.strip().splitlines():
        line = line.strip()
        if _ITEM.match(line):
            out.append(("item", re.sub(r"^[-*+•] ", "", line)))
        elif out and out[-1][0] == "item":
            out[-1] = ("item", out[-1][1] + " " + line)
        else:
            out.append(("text", line))
    return out


class _Printer:
    """Lays out blocks down a column, to the next column or page when one is full."""

    def __init__(self, columns: int, size: float) -> None:
        self.columns, self.size = columns, size
        self.pages: list[list[Line]] = [[]]
        self.column = 0
        self.y = HEIGHT - 60
        gutter = 24.0
        self.width = (WIDTH - 100 - gutter * (columns - 1)) / columns
        self.lefts = [50 + k * (self.width + gutter) for k in range(columns)]

    def _room(self, height: float) -> None:
        if self.y - height < 50:
            if self.column + 1 < self.columns:
                self.column += 1
            else:
                self.pages.append([])
                self.column = 0
            self.y = HEIGHT - 60

    def text(self, text: str, size: float, *, indent: float = 0, first: str = "", gap: float = 0.6) -> None:
        rows = wrap(text, self.width - indent, size) or [""]
        for i, row in enumerate(rows):
            self._room(size * 1.25)
            x = self.lefts[self.column] + indent
            if i == 0 and first:
                self.pages[-1].append((x - 12, self.y - size, first, size))
            self.pages[-1].append((x, self.y - size, row, size))
            self.y -= size * 1.25
        self.y -= size * gap

    def table(self, rows: list[list[str]]) -> None:
        """Rows of cells in columns, the type shrunk to fit (not below 6 pt) as a browser does,
        and a cell still too wide wrapped onto more lines inside its column."""
        columns = max(len(r) for r in rows)
        cells = [[r[k] if k < len(r) else "" for r in rows] for k in range(columns)]
        ems = [max(width(c, 1) for c in column) + 1.5 for column in cells]
        least = [max(width(w, 1) for c in column for w in c.split() or [""]) + 1.5 for column in cells]
        size = min(self.size, max(6.0, self.width / sum(ems)), max(5.0, self.width / sum(least)))
        room = self.width / size
        while sum(ems) > room:  # narrow the widest column that can be, down to its longest word
            narrower = [k for k in range(columns) if ems[k] - 0.5 >= least[k]]
            if not narrower:
                break
            k = max(narrower, key=lambda k: ems[k])
            ems[k] -= 0.5
        for row in rows:
            cells = [wrap(cell, (ems[k] - 1.5) * size, size) if cell else [] for k, cell in enumerate(row)]
            height = max(1, *(len(c) for c in cells))
            self._room(size * (1.15 * height + 0.25))
            x = self.lefts[self.column]
            for k, lines in enumerate(cells):
                for i, text in enumerate(lines):
                    self.pages[-1].append((x, self.y - size - 1.15 * size * i, text, size))
                x += ems[k] * size
            self.y -= size * (1.15 * height + 0.25)
        self.y -= self.size * 0.6


def article_pdf(
    title: str,
    body: str,
    *,
    date: str = "",
    url: str = "https://news.example.org/article",
    columns: int = 1,
    size: float = 10,
) -> bytes:
    """An article printed to PDF as a browser prints a page (see the module's docstring)."""
    printer = _Printer(columns, size)
    printer.text(title, size * 1.8, gap=0.8)
    for block in re.split(r"\n[ \t]*\n", body):
        block = block.strip()
        if not block:
            continue
        if block.startswith("#"):
            heading, _, block = block.partition("\n")
            printer.text(" ".join(heading.lstrip("#").split()), size * 1.3, gap=0.3)
        if not block.strip():
            continue
        if (rows := _table_rows(block)) is not None:
            printer.table(rows)
            continue
        for kind, text in _pieces(block):
            if kind == "item":
                printer.text(text, size, indent=14, first="\u2022", gap=0.15)
            else:
                printer.text(" ".join(text.split()), size, gap=0)
        printer.y -= size * 0.6
    total = len(printer.pages)
    pages: list[list[Line]] = []
    for number, lines in enumerate(printer.pages, start=1):
        small = size * 0.75
        header: list[Line] = [(40.0, HEIGHT - 25, date or "12/7/26, 9:00 AM", small)]
        header.append((WIDTH / 2 - 60, HEIGHT - 25, title[:60], small))
        footer: list[Line] = [(40.0, 20.0, url, small), (WIDTH - 70, 20.0, f"{number}/{total}", small)]
        pages.append(header + lines + footer)
    info = {"Title": title, "Producer": "tilbrowse"}
    if date:
        info["CreationDate"] = "D:" + date.replace("-", "") + "090000Z"
    return pdf(pages, info, size)
