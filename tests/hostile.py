"""A hostile corpus, generated: every bad-input case of DESIGN §8 and the foundation issue.

Run it to get a folder to point tilbrowse at by hand:

    python tests/hostile.py /tmp/hostile          # with 10,000 tiny files
    python tests/hostile.py /tmp/hostile --tiny 0

The tests import `CASES` (one bad file each, with the problem it must produce) and `build`.
Each case is written into its own subfolder, so its problem can be told from the others'.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tilbrowse.corpus.load import MAX_FILE_BYTES  # noqa: E402 - after the path fix for script use

FM = "---\n{}\n---\nBody of the brief with a figure: ORR was 30%.\n"

Maker = Callable[[Path], None]


def _write(name: str, data: bytes | str) -> Maker:
    def make(folder: Path) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (folder / name).write_bytes(raw)

    return make


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.md")


def _device(folder: Path) -> None:
    os.symlink("/dev/zero", folder / "zero.md")


def _self_loop(folder: Path) -> None:
    os.symlink("loop.md", folder / "loop.md")


def _dangling(folder: Path) -> None:
    os.symlink("does-not-exist.md", folder / "dangling.md")


def _dir_loop(folder: Path) -> None:
    (folder / "sub").mkdir()
    os.symlink("..", folder / "sub" / "up")


def _dir_named_md(folder: Path) -> None:
    (folder / "notes.md").mkdir()
    (folder / "notes.md" / "inner.txt").write_text("# Inner article\n\nText.\n")


def _sparse_huge(folder: Path) -> None:
    with open(folder / "huge.md", "wb") as handle:
        handle.truncate(10 * 1024**3)


ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)

# (case id, how to make the bad file, expected words in its problem, level or None if no problem)
CASES: list[tuple[str, Maker, str | None, str | None]] = [
    ("invalid-yaml", _write("bad.md", FM.format("title: [unclosed\nfoo: : :")), "not valid YAML", "warning"),
    ("front-matter-list", _write("bad.md", FM.format("- a\n- b")), "front matter is a list", "warning"),
    ("front-matter-scalar", _write("bad.md", FM.format("just a sentence")), "front matter is a string", "warning"),
    ("impossible-date", _write("bad.md", FM.format("title: T\ndate: 2024-02-30")), "not a real date", "warning"),
    ("alias-bomb", _write("bad.md", FM.format(ALIAS_BOMB)), "alias bomb", "warning"),
    ("deep-nesting", _write("bad.md", FM.format("a: " + "[" * 100_000)), "nests deeper", "warning"),
    (
        "deep-block-nesting",
        _write("bad.md", FM.format("a:\n" + "".join(" " * i + "- \n" for i in range(1, 300)))),
        "nests deeper",
        "warning",
    ),
    (
        "python-tag",
        _write("bad.md", FM.format("x: !!python/object/apply:os.system ['echo hi']")),
        "will not construct",
        "warning",
    ),
    ("unclosed-front-matter", _write("bad.md", "---\ntitle: T\nno end here\n"), "never closes", "warning"),
    ("binary", _write("bad.md", bytes(range(256)) * 40), "binary file", "error"),
    ("nul-bytes", _write("bad.md", "# Title\n\nSome\x00 text with a NUL.\n"), "NUL byte", "warning"),
    ("non-utf8", _write("bad.md", "# Caf\xe9 news\n\nR\xe9sum\xe9.\n".encode("latin-1")), "not valid UTF-8", "warning"),
    ("bom-front-matter", _write("ok.md", b"\xef\xbb\xbf" + FM.format("title: BOM title").encode()), None, None),
    ("crlf", _write("ok.md", FM.format("title: CRLF title").replace("\n", "\r\n")), None, None),
    ("utf16", _write("ok.md", "\ufeff# UTF-16 title\n\nBody.\n".encode("utf-16-le")), "UTF-16", "warning"),
    ("empty", _write("bad.md", b""), "empty file", "error"),
    ("whitespace-only", _write("bad.md", b"  \n\n\t\n"), "only whitespace", "error"),
    ("too-large", _write("bad.md", b"a" * (MAX_FILE_BYTES + 1)), "MB limit", "error"),
    ("sparse-10GB", _sparse_huge, "MB limit", "error"),
    ("huge-single-line", _write("ok.md", "# Long\n\n" + "word " * 300_000), None, None),
    ("fifo", _fifo, "FIFO", "error"),
    ("device", _device, "device", "error"),
    ("symlink-loop", _self_loop, "symbolic link loop", "error"),
    ("dangling-link", _dangling, "broken symbolic link", "error"),
    ("folder-link-loop", _dir_loop, "already visited", "warning"),
    ("folder-named-md", _dir_named_md, None, None),
    (
        "escape-sequences",
        _write("bad.md", "# Title \x1b[31mred\x1b[0m\n\nBody \x1b]0;pwned\x07.\n"),
        "control character",
        "warning",
    ),
    ("yaml-escape-in-value", _write("bad.md", FM.format('title: "evil \\e[2J title"')), None, None),
    ("non-web-url", _write("bad.md", FM.format('title: T\nurl: "file:///etc/passwd"')), "not a web address", "warning"),
    (
        "non-web-source-line",
        _write("bad.md", "# T\n\nBody.\n\n<javascript:alert(1)>\n"),
        "not a web address",
        "warning",
    ),
]


def _sparse_pdf(folder: Path) -> None:
    with open(folder / "huge.pdf", "wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(40 * 1024**2)


def _pdf_with(objects: list[bytes], root: int) -> bytes:
    """A PDF of these objects (numbered from 1), its catalog object `root`."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _pdf_page(content: bytes, extra: bytes = b"", catalog: bytes = b"") -> bytes:
    """One page of Helvetica text drawn by `content` (its stream dictionary gets `extra`)."""
    return _pdf_with(
        [
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream",
            b"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 1 0 R >> >> "
            b"/Contents 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Catalog /Pages 4 0 R " + catalog + b">>",
        ],
        5,
    )


_TEXT = b"BT /F1 10 Tf 50 700 Td (The objective response rate was 40% in 30 patients treated.) Tj ET\n"
def _zip_bomb(folder: Path) -> None:
    """A page whose 400 KB of compressed content expands to 400 MB (PDFium would hold it all)."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1024**2)
    content = packer.compress(_TEXT) + b"".join(packer.compress(chunk) for _ in range(400)) + packer.flush()
    (folder / "bomb.pdf").write_bytes(_pdf_page(content, b"/Filter /FlateDecode "))
_ENCRYPTED = _pdf_page(_TEXT).replace(
    b"trailer\n<< ",
    b"trailer\n<< /Encrypt << /Filter /Standard /V 1 /R 2 /O <" + b"AB" * 32 + b"> /U <" + b"CD" * 32
    + b"> /P -4 >> /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] ",
)
_ACTIONS = _pdf_page(
    _TEXT,
    catalog=b"/OpenAction << /S /JavaScript /JS (app.launchURL\\(\"https://evil.example/\"\\)) >> "
    b"/AA << /WC << /S /Launch /F (calc.exe) >> >> /URI << /Base (https://evil.example/) >> ",
)
"""JavaScript on open, a program to launch, a remote base: the text is read, nothing is run or fetched."""

# PDFs: one clear problem each when there is nothing to read; a hostile one is read, never run.
CASES += [
    ("pdf-not-a-pdf", _write("fake.pdf", "just some text with a pdf name " * 10), "not a PDF", "error"),
    ("pdf-malformed", _write("broken.pdf", b"%PDF-1.7\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 50), "not a readable PDF",
     "error"),
    ("pdf-encrypted", _write("locked.pdf", _ENCRYPTED), "encrypted PDF", "error"),
    ("pdf-scan", _write("scan.pdf", _pdf_page(b"q 612 0 0 792 0 0 cm Q\n")), "no text layer", "error"),
    ("pdf-zip-bomb", _zip_bomb, "zip bomb", "error"),
    ("pdf-sparse-40MB", _sparse_pdf, "MB limit", "error"),
    ("pdf-actions", _write("actions.pdf", _ACTIONS), None, None),
]

# Saved web pages: one clear problem each when they hold no article; never a fetch, never a script.
CASES += [
    ("html-navigation-only", _write("nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>"),
     "no article text found", "error"),
    ("html-binary", _write("pic.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40), "binary", "error"),
    ("html-element-bomb", _write("bomb.html", b"<html><body>" + b"<p>x</p>" * 250_000 + b"</body></html>"),
     "elements", "error"),
    (
        "html-remote-everything",
        _write(
            "remote.html",
            '<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/">'
            '<base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/s.css"></head>'
            "<body><iframe src='https://evil.example/f'></iframe><article><h1>Remote page</h1><p>The objective "
            "response rate was 33% in 30 patients with melanoma, the company said in a statement on Monday.</p>"
            "<script>fetch('https://evil.example/x')</script><img src='https://evil.example/p.gif'></article>"
            "</body></html>",
        ),
        None,
        None,
    ),
]


MARKUP_TITLE = "[bold red]Evil[/] [@click=app.quit]quit[/] [link=https://x.example]l[/link] $x \x1b[2J"
"""Rich markup, Textual actions and a terminal escape: all must show literally (the escape as U+FFFD)."""

MORE_CASES: list[tuple[str, Maker, str | None, str | None]] = [
    ("newline-in-name", _write("two\nlines.md", "# Newline name\n\nThe ORR was 20% in 10 patients.\n"), None, None),
    (
        "markup-everywhere",
        _write(
            "markup.md",
            FM.format(
                'title: "[bold red]Evil[/] [@click=app.quit]quit[/]"\n'
                'tags: ["[@click=app.quit]", "[link=https://x.example]tag[/link]"]\n'
                'summary: "[reverse]summary[/] $x"'
            ).replace(
                "Body of the brief",
                "[bold]Cohort [@click=app.quit]A[/][/]: the objective response rate was 45% in 20 patients. Body",
            ),
        ),
        None,
        None,
    ),
]


def _invalid_utf8_name(folder: Path) -> None:
    name = os.fsencode(folder) + b"/caf\xe9-\xff.md"
    with open(name, "wb") as handle:
        handle.write(b"# Latin-1 name\n\nThe ORR was 20% in 10 patients.\n")


def _permission_denied(folder: Path) -> None:
    path = folder / "secret.md"
    path.write_text("# Secret\n\nORR 20%.\n")
    path.chmod(0)


MORE_CASES.append(("invalid-utf8-name", _invalid_utf8_name, None, None))
if os.geteuid() != 0:  # root reads every file
    MORE_CASES.append(("permission-denied", _permission_denied, "permission denied", "error"))

ALL_CASES = CASES + MORE_CASES


@dataclass(frozen=True)
class Hostile:
    """A generated hostile corpus."""

    root: Path
    expected: dict[str, tuple[str | None, str | None]]
    """Case subfolder → (words of its one problem, level), or (None, None) when it must load cleanly."""
    tiny: int


GOOD = "# A good article among bad ones\n\nMarch 3, 2024\n\nThe objective response rate was 31% in 40 patients.\n"


def build(root: Path, tiny: int = 10_000) -> Hostile:
    """Write every case (and `tiny` one-line articles, and one good article) under root."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "good.md").write_text(GOOD)
    expected = {}
    for case, make, words, level in ALL_CASES:
        folder = root / case
        folder.mkdir()
        make(folder)
        expected[case] = (words, level)
    if tiny:
        folder = root / "tiny"
        folder.mkdir()
        for i in range(tiny):
            (folder / f"t{i:05d}.md").write_text(f"# T{i}\n\nORR {i % 100}%.\n")
    return Hostile(root, expected, tiny)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--tiny", type=int, default=10_000, help="how many tiny articles (default 10,000)")
    args = parser.parse_args()
    if args.folder.exists() and any(args.folder.iterdir()):
        parser.error(f"{args.folder} is not empty")
    built = build(args.folder, args.tiny)
    print(f"{len(built.expected)} hostile cases and {built.tiny} tiny articles in {built.root}")
