"""Finding and reading a corpus: a folder (searched recursively) of `.txt` and `.md` files, web
pages saved as `.html` / `.htm` / `.mhtml` (their main text, `corpus.html`) and PDFs (their text
layer, `corpus.pdf`).

Guarantees:

- Files are only ever opened read-only (`os.O_RDONLY`), never for writing.
- Only regular files are read. FIFOs, sockets and devices are reported, never
  opened, so nothing blocks; a file swapped for one between listing and reading is
  caught by `fstat` on the opened descriptor (opened non-blocking).
- At most `MAX_FILE_BYTES` are read from a text file, `MAX_DOCUMENT_BYTES` from a saved page or
  a PDF (which carry markup, scripts, images and fonts around their text).
- Symbolic links are followed, loops and dangling links are reported, and each
  directory is walked once. Hidden files and folders (names starting with `.`) are
  skipped.

Article ids: an article's id is its file stem (`004_e8cdb65b83effc3a`). When several
files share a stem, each of them gets its path relative to the folder it was found
in, without the extension (`2024/brief`, `2025/brief`), or with it if that still
collides (`brief.md`, `brief.txt`); any remaining tie gets `~2`, `~3`, … in path order.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from tilbrowse.corpus.models import Article, Problem
from tilbrowse.corpus.parse import parse_article
from tilbrowse.corpus.text import BinaryFile, clean_name, decode, looks_binary

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Text files larger than this (2 MiB) are not read; articles are a few KB."""
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
"""Saved pages and PDFs larger than this (32 MiB) are not read: a news page saved complete, a
poster with its figures, is a few MB; the text read from them is bounded on its own."""
EXTENSIONS = (".txt", ".md", ".html", ".htm", ".mhtml", ".mht", ".pdf")
WEB_PAGES = (".html", ".htm", ".mhtml", ".mht")
"""Read through `corpus.html`: the page's main text and metadata."""


@dataclass(frozen=True)
class Candidate:
    """A file discovery found, before it is read."""

    path: str
    """As the user would name it: the root they gave joined with the relative path."""
    relative: str
    """Relative to the root it was found under (POSIX separators)."""


@dataclass(frozen=True)
class Corpus:
    """The articles of one or more folders, and the files that could not be loaded."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    """Errors for files that were not loaded (warnings live on each article)."""

    def article(self, article_id: str) -> Article | None:
        """The article with this id, if loaded."""
        return next((a for a in self.articles if a.id == article_id), None)


def default_corpus_path() -> Path:
    """The bundled seeds: inside the installed package, or `seeds/` of a source checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    return here / "seeds"


def discover(roots: Iterable[str | os.PathLike[str]]) -> tuple[list[Candidate], list[Problem]]:
    """List the article files under the roots (files or folders), with problems met."""
    found: list[Candidate] = []
    problems: list[Problem] = []
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()
    for root in roots:
        root_s = os.fspath(root)
        try:
            st = os.stat(root_s)
        except OSError as exc:
            problems.append(Problem(root_s, _os_message(exc, root_s)))
            continue
        if stat.S_ISDIR(st.st_mode):
            for cand in _walk(root_s, seen_dirs, problems):
                if cand.path not in seen_files:
                    seen_files.add(cand.path)
                    found.append(cand)
        elif root_s not in seen_files:
            # A file named explicitly is read whatever its extension.
            seen_files.add(root_s)
            found.append(Candidate(root_s, os.path.basename(root_s)))
    return found, problems


def _walk(root: str, seen_dirs: set[tuple[int, int]], problems: list[Problem]) -> Iterator[Candidate]:
    """Depth-first, sorted, iterative walk that follows links but never loops."""
    stack: list[str] = [""]
    while stack:
        rel_dir = stack.pop()
        full_dir = os.path.join(root, rel_dir) if rel_dir else root
        try:
            st = os.stat(full_dir)
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                if rel_dir:
                    problems.append(
                        Problem(
                            full_dir,
                            "folder already visited through another link (symbolic link loop?); skipped",
                            "warning",
                        )
                    )
                continue
            seen_dirs.add(key)
            with os.scandir(full_dir) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(full_dir, _os_message(exc, full_dir)))
            continue
        subdirs: list[str] = []
        pages = {e.name.rsplit(".", 1)[0] for e in entries if e.name.lower().endswith((".html", ".htm"))}
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            full = os.path.join(root, rel)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError as exc:
                if entry.name.lower().endswith(EXTENSIONS):
                    problems.append(Problem(full, _os_message(exc, full)))
                continue
            if is_dir:
                if not _page_resources(entry.name, pages):
                    subdirs.append(rel)
                continue
            if not entry.name.lower().endswith(EXTENSIONS):
                continue
            if _FOLDER_NOTE.fullmatch(entry.name):
                continue  # a folder's README describes the folder; it is read when named on its own
            if entry.is_symlink() and not os.path.exists(full):
                problems.append(Problem(full, _broken_link_message(full)))
                continue
            yield Candidate(full, rel)
        stack.extend(reversed(subdirs))


_RESOURCES = re.compile(
    r"(?P<stem>.+?)(?:_files|_file|-Dateien|_archivos|_fichiers|_arquivos|_bestanden|-filer|_tiedostot)"
)
"""The folder a browser's "save page as… complete" writes beside `page.html` (`page_files`, in
some languages `page-Dateien`, `page_fichiers`, …): its images, scripts and framed ads."""


def _page_resources(name: str, pages: set[str]) -> bool:
    """Whether a folder is the resources of a page saved beside it (never walked: the frames in
    it are ads and widgets, not articles)."""
    found = _RESOURCES.fullmatch(name)
    return found is not None and found.group("stem") in pages


_FOLDER_NOTE = re.compile(r"(?i)readme(?:\.[a-z]+)?")
"""A folder's README: notes about the collection, not an article."""


def _broken_link_message(path: str) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        return _os_message(exc, path)
    return "broken symbolic link; skipped"


def _os_message(exc: OSError, path: str) -> str:
    """An OSError in words a user understands."""
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return "broken symbolic link (its target does not exist); skipped"
        return "no such file or folder"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop; skipped"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; skipped"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long; skipped"
    return f"cannot read ({exc.strerror or exc}); skipped"


class LoadError(Exception):
    """A file that cannot be loaded as an article; the message is for the user."""


def size_limit(path: str) -> int:
    """Bytes read at most from this file: more for a saved page or a PDF than for a text file."""
    return MAX_DOCUMENT_BYTES if path.lower().endswith((*WEB_PAGES, ".pdf")) else MAX_FILE_BYTES


def read_bytes(path: str) -> tuple[bytes, os.stat_result]:
    """Read a regular file, read-only, non-blocking, bounded by its `size_limit`."""
    limit = size_limit(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise LoadError(_os_message(exc, path)) from None
    if not stat.S_ISREG(st.st_mode):
        raise LoadError(_kind_message(st.st_mode))
    if st.st_size > limit:
        raise LoadError(_too_large(st.st_size, limit))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise LoadError(_os_message(exc, path)) from None
    try:
        fst = os.fstat(fd)
        if not stat.S_ISREG(fst.st_mode):
            raise LoadError(_kind_message(fst.st_mode))
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise LoadError(_too_large(total, limit, grew=True))
        return b"".join(chunks), fst
    except OSError as exc:
        raise LoadError(_os_message(exc, path)) from None
    finally:
        os.close(fd)


def _too_large(size: int, limit: int, grew: bool = False) -> str:
    what = "grew past" if grew else f"is {size / (1024 * 1024):.1f} MB, over"
    return f"file {what} the {limit // (1024 * 1024)} MB limit for an article; skipped"


def _kind_message(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a regular file; skipped without reading"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file; skipped"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file; skipped without reading"
    return "is not a regular file; skipped"


def load_file(path: str, article_id: str) -> Article:
    """Read and parse one file; raise LoadError with a clear message when it cannot be."""
    data, st = read_bytes(path)
    if not data.strip():
        raise LoadError("empty file" if not data else "file holds only whitespace; skipped")
    if path.lower().endswith(WEB_PAGES):
        return _load_page(path, article_id, data, st)
    if path.lower().endswith(".pdf"):
        return _load_pdf(path, article_id, data, st)
    try:
        decoded = decode(data)
    except BinaryFile as exc:
        raise LoadError(f"{exc}; skipped") from None
    if not decoded.text.strip():
        raise LoadError("file holds no text; skipped")
    return parse_article(
        decoded.text,
        article_id=article_id,
        path=path,
        warnings=decoded.warnings,
        size=st.st_size,
        mtime_ns=st.st_mtime_ns,
    )


def _load_page(path: str, article_id: str, data: bytes, st: os.stat_result) -> Article:
    """A saved web page: its main text and metadata, read as a Markdown article."""
    from tilbrowse.corpus.html import PageError, read_archive, read_page

    if looks_binary(data):
        raise LoadError("binary file (NUL or control bytes), not a web page; skipped")
    try:
        page = read_archive(data) if path.lower().endswith((".mhtml", ".mht")) else read_page(data)
    except PageError as exc:
        raise LoadError(f"{exc}; skipped") from None
    return _read_as_article(path, article_id, page.document(), st, "main text of the page")


def _load_pdf(path: str, article_id: str, data: bytes, st: os.stat_result) -> Article:
    """A PDF: its text layer, read as a Markdown article."""
    from tilbrowse.corpus.pdf import PdfError, read_pdf

    if b"%PDF-" not in data[:1024]:
        raise LoadError("not a PDF (no %PDF- header); skipped")
    try:
        document = read_pdf(data)
    except PdfError as exc:
        raise LoadError(f"{exc}; skipped") from None
    pages = "page 1" if document.pages == 1 else f"pages 1–{document.pages}"
    article = _read_as_article(path, article_id, document.markdown(), st, pages, document.notes)
    if article.date is None and document.date:
        # The text states no date: the document's own (when it was made or printed) is the best there is.
        meta = {**article.meta, "date from": "the PDF's creation date"}
        article = replace(article, date=document.date, timestamp=None, meta=meta)
    return article


def _read_as_article(
    path: str, article_id: str, markdown: str, st: os.stat_result, part: str, notes: Iterable[str] = ()
) -> Article:
    """Text extracted from a page or a PDF, parsed as a Markdown article that says what it was read from."""
    article = parse_article(markdown, article_id=article_id, path=path, size=st.st_size, mtime_ns=st.st_mtime_ns)
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    problems = (*article.problems, *(Problem(path, note, "warning") for note in notes))
    return replace(article, meta={**article.meta, "read from": f"{name}, {part}"}, problems=problems)


def assign_ids(candidates: list[Candidate]) -> list[str]:
    """Deterministic ids for the candidates (see the module docstring)."""
    relatives = [clean_name(c.relative) for c in candidates]
    stems = [_stem(r) for r in relatives]
    ids = list(stems)
    counts = Counter(stems)
    for i in range(len(candidates)):
        if counts[stems[i]] > 1:
            ids[i] = _stem_path(relatives[i])
    counts = Counter(ids)
    for i in range(len(candidates)):
        if counts[ids[i]] > 1:
            ids[i] = relatives[i]
    counts = Counter(ids)
    tie: Counter[str] = Counter()
    order = sorted(range(len(candidates)), key=lambda k: candidates[k].path)
    for i in order:
        if counts[ids[i]] > 1:
            tie[ids[i]] += 1
            if tie[ids[i]] > 1:
                ids[i] = f"{ids[i]}~{tie[ids[i]]}"
    return ids


def _stem(relative: str) -> str:
    name = relative.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name


def _stem_path(relative: str) -> str:
    head, _, name = relative.rpartition("/")
    return f"{head}/{_stem(name)}" if head else _stem(name)


def load_one(path: str, article_id: str) -> Article | Problem:
    """Load a file, turning any failure into a Problem; never raises."""
    try:
        return load_file(path, article_id)
    except LoadError as exc:
        return Problem(path, str(exc))
    except MemoryError:
        return Problem(path, "out of memory while reading; skipped")
    except RecursionError:
        return Problem(path, "too deeply nested to read; skipped")
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the rest
        return Problem(path, f"could not be read ({type(exc).__name__}: {exc}); skipped")


def load_corpus(roots: Iterable[str | os.PathLike[str]]) -> Corpus:
    """Discover and load every article under the roots; failures become problems."""
    candidates, problems = discover(roots)
    ids = assign_ids(candidates)
    articles: list[Article] = []
    for cand, article_id in zip(candidates, ids, strict=True):
        result = load_one(cand.path, article_id)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            articles.append(result)
    return Corpus(tuple(articles), tuple(problems))
