"""Benchmarks: `python -m tilbrowse.bench [--sizes 1000,10000] [--folder DIR]`.

Generates synthetic corpora (tilbrowse.bench.synthetic: varied shapes, lengths and
phrasings), then prints one table. Each measurement sits beside a baseline measured in
the same run, as a ratio:

- load:    discovering and parsing every article  vs  reading the raw bytes of every file;
- extract: extraction rate on one core (articles/s);
- cold:    the browser's first load (analysis in worker processes, cache written, index built);
- warm:    a second start: the library's image restored, then the folder checked for changes
           (`library.image`)  vs  raw read;  no image: the same load from the cache's rows
           alone (as for folders opened for the first time with a warm cache);  CLI warm:
           `tilbrowse extract --format json` as a whole process on the warm cache;  watch:
           one look at the folder for changes;
- search:  engine time per keystroke while typing realistic queries (p50/p95)  vs  a plain
           substring scan over every article's short fields (title, tags, summary…);
- paint, searchable, checked, RSS (with `--paint`): the browser in a fresh headless process
           on the warm cache — first rows shown, every article searchable (the image restored),
           the folder checked against it, peak resident memory. Without `--paint`, RSS is this
           process's peak;
- cache:   the cache folder's size per article: the rows, the library's image, the body words'
           index;
- peers:   where installed, `fzf --filter` over the same short fields and `rg` over the
           files, per query, each a whole process as a user runs it.

Then the figures Scale II sets goals for, each beside its goal and whether it is met.

Then one line per pathological shape (`synthetic.pathological_articles`: a pipe table of
thousands of rows, a 2 MB sentence of figures, a long list…): its extraction time beside an
ordinary article's (of the first corpus measured), and what extraction left unread.

This is a benchmark, not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from contextlib import closing
from pathlib import Path

from tilbrowse.bench.synthetic import generate_corpus, pathological_articles
from tilbrowse.corpus.load import assign_ids, discover, load_one
from tilbrowse.corpus.models import Article
from tilbrowse.corpus.parse import parse_article
from tilbrowse.extract import extract
from tilbrowse.library import image
from tilbrowse.library.cache import Cache
from tilbrowse.library.library import Library
from tilbrowse.library.watch import snapshot
from tilbrowse.search.bodies import FOLDER as BODIES

QUERIES = ["melanoma", "cervical cancer", "lifileucel", "nsclc orr>30", "sarcoma after:2020", "pembrolizumab"]


def _rss_mb() -> float:
    """This process's peak resident memory. Linux's `ru_maxrss` carries the parent's peak across
    fork and exec (a browser started by this benchmark showed the benchmark's 280 MB as its
    own); the kernel's VmHWM is the process's own."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _raw_read(paths: Sequence[str]) -> float:
    started = time.perf_counter()
    for path in paths:
        with open(path, "rb") as handle:
            handle.read()
    return time.perf_counter() - started


def _keystrokes(queries: Sequence[str]) -> list[str]:
    """Every prefix of every query, as typed."""
    return [q[:i] for q in queries for i in range(1, len(q) + 1)]


def _substring_scan(texts: Sequence[str], typed: Sequence[str]) -> list[float]:
    times = []
    for query in typed:
        needle = query.lower()
        started = time.perf_counter()
        _hits = [t for t in texts if needle in t]
        times.append(time.perf_counter() - started)
    return times


def _peers(corpus: Path, texts: Sequence[str], typed: Sequence[str]) -> dict[str, float]:
    """Per-query time of the tools a user might reach for instead, where installed: `fzf
    --filter` over the same short fields, `rg` over the files (each a whole process, as a user
    runs them; every third keystroke of three letters or more)."""
    out: dict[str, float] = {}
    queries = [q for q in typed if len(q) >= 3][::3]
    fzf, rg = shutil.which("fzf"), shutil.which("rg")
    if fzf and queries:
        with tempfile.TemporaryDirectory() as folder:
            lines = Path(folder) / "fields.txt"
            lines.write_text("\n".join(t.strip() for t in texts), "utf-8")
            times = []
            for query in queries:
                with lines.open("rb") as stdin:
                    started = time.perf_counter()
                    subprocess.run([fzf, "--filter", query], stdin=stdin, stdout=subprocess.DEVNULL, check=False)
                    times.append(time.perf_counter() - started)
            out["fzf_p50_ms"] = 1000 * statistics.median(times)
    if rg and queries:
        times = []
        for query in queries:
            started = time.perf_counter()
            command = [rg, "-l", "-i", "-F", "--", query.split()[0], str(corpus)]
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times.append(time.perf_counter() - started)
        out["rg_p50_ms"] = 1000 * statistics.median(times)
    return out


def peers(rows: Sequence[dict[str, float]]) -> str:
    """tilbrowse's keystroke time beside the peers' (where installed)."""
    lines = [f"{'articles':>9} {'tilbrowse p50':>14} {'fzf --filter p50':>17} {'rg p50':>10}   per query"]
    for r in rows:
        fzf = f"{r['fzf_p50_ms']:.1f}ms" if "fzf_p50_ms" in r else "not installed"
        rg = f"{r['rg_p50_ms']:.1f}ms" if "rg_p50_ms" in r else "not installed"
        lines.append(f"{int(r['articles']):>9,} {r['search_p50_ms']:>12.1f}ms {fzf:>17} {rg:>10}")
    return "\n".join(lines)


def _cache_bytes(cache_dir: Path) -> dict[str, int]:
    """The cache folder's parts in bytes: the rows (the SQLite file once its write-ahead log is
    folded in), the library's images, the body words' index."""
    path = cache_dir / "articles.sqlite3"
    try:
        with closing(sqlite3.connect(path)) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass

    def size(paths: Iterable[Path]) -> int:
        return sum(p.stat().st_size for p in paths if p.is_file())

    return {
        "rows": size(cache_dir.glob("articles.sqlite3*")),
        "image": size((cache_dir / image.FOLDER).rglob("*")),
        "bodies": size((cache_dir / BODIES).rglob("*")),
    }


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(size: int, folder: Path, paint: bool) -> dict[str, float]:
    """Measure one corpus size."""
    corpus = folder / f"corpus-{size}"
    if not corpus.exists() or len(list(corpus.rglob("*.*"))) < size:
        generate_corpus(corpus, size, seed=size, subfolders=max(1, size // 2000))
    out: dict[str, float] = {"articles": size}
    candidates, _ = discover([corpus])
    paths = [c.path for c in candidates]
    out["raw_read_s"] = _raw_read(paths)

    # Parsing alone (front matter, title block…), on a sample for big corpora.
    # Every k-th file, so the sample holds each kind in its share (the first 2,000 would be one
    # subfolder, and the generator files each kind by its index).
    everything = list(zip(candidates, assign_ids(candidates), strict=True))
    sample = everything[:: max(1, len(everything) // 2000)][:2000]
    _warm_page_reader()  # its libraries' import is paid once per process, not per page
    started = time.perf_counter()
    articles: list[Article] = []
    by_kind: dict[str, list[float]] = {"md": [], "html": [], "pdf": []}
    pdf_pages = 0
    for cand, article_id in sample:
        one = time.perf_counter()
        loaded = load_one(cand.path, article_id)
        kind = cand.path.rsplit(".", 1)[-1] if cand.path.endswith((".html", ".pdf")) else "md"
        by_kind[kind].append(time.perf_counter() - one)
        if isinstance(loaded, Article):
            articles.append(loaded)
            if kind == "pdf":  # "x.pdf, page 1" or "x.pdf, pages 1–3"
                pdf_pages += int(re.split(r"[ –]", str(loaded.meta.get("read from", "1")))[-1] or 1)
    out["load_s"] = (time.perf_counter() - started) * len(candidates) / max(1, len(sample))
    for kind, times in by_kind.items():
        out[f"parse_{kind}_ms"] = 1000 * statistics.mean(times) if times else float("nan")
    out["parse_pdf_page_ms"] = 1000 * sum(by_kind["pdf"]) / pdf_pages if pdf_pages else float("nan")
    started = time.perf_counter()
    for article in articles:
        extract(article)
    out["extract_per_s"] = len(articles) / (time.perf_counter() - started)

    cache_dir = Path(tempfile.mkdtemp(prefix="tilbrowse-bench-cache-"))
    workers = os.cpu_count() or 1
    # Cold: every article analysed (worker processes), stored in the cache, indexed: what the
    # browser does the first time. Warm: the same from the cache.
    started = time.perf_counter()
    library = Library.load([corpus], cache=Cache(cache_dir), workers=workers)
    out["cold_s"] = time.perf_counter() - started
    del library
    # Warm from the cache alone (no image of the library: another set of folders, or the images
    # pruned) — the baseline — then warm as a second start finds it (the image that load wrote).
    shutil.rmtree(cache_dir / image.FOLDER)
    started = time.perf_counter()
    library = Library.load([corpus], cache=Cache(cache_dir), workers=workers)
    out["warm_cache_s"] = time.perf_counter() - started
    del library
    started = time.perf_counter()
    library = Library.load([corpus], cache=Cache(cache_dir), workers=workers)
    out["warm_s"] = time.perf_counter() - started
    assert library.restored == len(library.entries), "the second warm load restores the image"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tilbrowse", "extract", str(corpus), "--format", "json", "--cache-dir", str(cache_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    out["cli_warm_s"] = time.perf_counter() - started
    parts = _cache_bytes(cache_dir)
    out["cache_kb"] = sum(parts.values()) / 1024 / size
    out.update({f"cache_{name}_kb": n / 1024 / size for name, n in parts.items()})
    started = time.perf_counter()
    snapshot([corpus])
    out["watch_s"] = time.perf_counter() - started

    library.index.prepare()  # as the browser does in the background once loaded
    typed = _keystrokes(QUERIES)
    times = []
    for query in typed:
        started = time.perf_counter()
        library.search(query)
        times.append(time.perf_counter() - started)
    out["search_p50_ms"] = 1000 * statistics.median(times)
    out["search_p95_ms"] = 1000 * _percentile(times, 0.95)
    texts = [doc.text for i in library.entries if (doc := library.index.get(i)) is not None]
    base = _substring_scan(texts, typed)
    out["scan_p50_ms"] = 1000 * statistics.median(base)
    out["scan_p95_ms"] = 1000 * _percentile(base, 0.95)
    out.update(_peers(corpus, texts, typed))
    out["rss_mb"] = _rss_mb()
    if paint:
        out.update(_browser(corpus, cache_dir))
    del library
    shutil.rmtree(cache_dir, ignore_errors=True)
    return out


def _browser(corpus: Path, cache_dir: Path) -> dict[str, float]:
    """The browser in a fresh process (headless), on the warm cache: seconds until its list
    shows a row, until every article is searchable, until the folder was checked, and its peak
    resident memory."""
    code = (
        "import sys, json; from tilbrowse.bench.run import _measure_browser; "
        "print(json.dumps(_measure_browser(sys.argv[1], sys.argv[2])))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(corpus), str(cache_dir)], capture_output=True, text=True, check=False
    )
    try:
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        print(done.stderr[-2000:], file=sys.stderr)
        return {}


def _measure_browser(corpus: str, cache_dir: str) -> dict[str, float]:
    import asyncio

    from tilbrowse.ui.app import TilbrowseApp
    from tilbrowse.ui.screens.main import MainScreen
    from tilbrowse.ui.widgets.article_list import ArticleList

    async def measure() -> dict[str, float]:
        started = time.perf_counter()
        settings = Path(tempfile.mkdtemp()) / "settings.json"
        app = TilbrowseApp([corpus], settings_path=settings, cache=Cache(Path(cache_dir)), watch_interval=0)
        found: dict[str, float] = {}
        async with app.run_test(size=(120, 40)) as pilot:
            while time.perf_counter() - started < 900:
                await pilot.pause(0.01)
                lists = app.screen.query(ArticleList)
                if "first_paint_s" not in found and lists and lists.first().ids:
                    found["first_paint_s"] = time.perf_counter() - started
                screen = app.screen
                if not isinstance(screen, MainScreen) or "first_paint_s" not in found:
                    continue
                if "loaded_s" not in found and not screen.is_loading:
                    found["loaded_s"] = time.perf_counter() - started
                if screen.loader.checked.is_set() and not screen.is_loading:
                    found.setdefault("loaded_s", time.perf_counter() - started)
                    found["checked_s"] = time.perf_counter() - started
                    break
            app.exit()
        found["app_rss_mb"] = _rss_mb()
        return found

    return asyncio.run(measure())


def pathological(ordinary_s: float) -> str:
    """Extraction of each pathological shape, beside an ordinary article's time."""
    lines = [f"{'shape':<32} {'size':>8} {'extract':>8} {'×ordinary':>9}  left unread"]
    for name, text in pathological_articles().items():
        article = parse_article(text, article_id="shape", path="shape.md")
        started = time.perf_counter()
        extraction = extract(article)
        took = time.perf_counter() - started
        unread = "; ".join(extraction.warnings) or "—"
        lines.append(
            f"{name:<32} {len(text) / 1e6:>6.2f}MB {took:>7.2f}s {took / max(ordinary_s, 1e-9):>9,.0f}  {unread}"
        )
    return "\n".join(lines)


def _warm_page_reader() -> None:
    from tilbrowse.bench.pdfwriter import pdf
    from tilbrowse.corpus.html import PageError, read_page
    from tilbrowse.corpus.pdf import read_pdf

    try:
        read_page(b"<html><body><p>warm up</p></body></html>")
    except PageError:
        pass
    read_pdf(pdf([[(50.0, 700.0, "Warm up the PDF reader with one line of text.")]]))


def kinds(rows: Sequence[dict[str, float]]) -> str:
    """Read and parse time per file, by kind (one article in ten is a saved web page, one in
    twenty a PDF), and per PDF page."""
    lines = [
        f"{'articles':>9} {'Markdown/text':>14} {'HTML page':>10} {'PDF file':>9} {'PDF page':>9}"
        "   read and parsed, mean per file (PDF: and per page)"
    ]
    for r in rows:
        lines.append(
            f"{int(r['articles']):>9,} {r['parse_md_ms']:>12.2f}ms {r['parse_html_ms']:>8.2f}ms"
            f" {r['parse_pdf_ms']:>7.2f}ms {r['parse_pdf_page_ms']:>7.2f}ms"
        )
    return "\n".join(lines)


def table(rows: Sequence[dict[str, float]]) -> str:
    """The results as one text table (ratios against the baselines of the same run)."""
    lines = [
        f"{'articles':>9} {'raw read':>9} {'parse':>8} {'×raw':>5} {'extract/s/core':>14} {'cold':>7} "
        f"{'warm':>7} {'×raw':>5} {'no image':>8} {'CLI warm':>9} {'watch':>6} {'search p50':>10} {'p95':>7} "
        f"{'scan p95':>9} {'×scan':>6} {'paint':>6} {'searchable':>10} {'checked':>7} {'RSS MB':>7}"
    ]
    for r in rows:
        paint = f"{r['first_paint_s']:.2f}s" if "first_paint_s" in r else "—"
        loaded = f"{r['loaded_s']:.2f}s" if "loaded_s" in r else "—"
        checked = f"{r['checked_s']:.2f}s" if "checked_s" in r else "—"
        rss = r.get("app_rss_mb", r["rss_mb"])
        lines.append(
            f"{int(r['articles']):>9,} {r['raw_read_s']:>8.2f}s {r['load_s']:>7.2f}s "
            f"{r['load_s'] / max(r['raw_read_s'], 1e-9):>5.0f} {r['extract_per_s']:>14,.0f} {r['cold_s']:>6.1f}s "
            f"{r['warm_s']:>6.2f}s {r['warm_s'] / max(r['raw_read_s'], 1e-9):>5.0f} {r['warm_cache_s']:>7.2f}s "
            f"{r['cli_warm_s']:>8.2f}s {r['watch_s']:>5.2f}s {r['search_p50_ms']:>8.1f}ms {r['search_p95_ms']:>5.1f}ms "
            f"{r['scan_p95_ms']:>7.1f}ms {r['search_p95_ms'] / max(r['scan_p95_ms'], 1e-9):>6.2f} {paint:>6} "
            f"{loaded:>10} {checked:>7} {rss:>7.0f}"
        )
    return "\n".join(lines)


def goals(rows: Sequence[dict[str, float]]) -> str:
    """Each figure the Scale II goals name, beside its goal at that size, and whether it is met.

    The goals are set at 100,000 articles (RSS also at 10,000); a smaller corpus is held to
    the same per-article rates and limits (cold: 60 s per 100,000; RSS: 120 MB up to 10,000)."""
    lines = [f"{'articles':>9}  {'figure':<34} {'measured':>10} {'goal':>10}  met"]
    for r in rows:
        size = int(r["articles"])
        searchable = r.get("loaded_s", r["warm_s"])
        rss_goal = 120.0 if size <= 10_000 else 120 + (400 - 120) * min(1.0, (size - 10_000) / 90_000)
        checks: list[tuple[str, str, str, bool | None]] = [
            ("warm start to all searchable", f"{searchable:.2f} s", f"≤ {2:.2f} s", searchable <= 2),
        ]
        if "app_rss_mb" in r:  # the browser's own peak (without --paint there is no browser)
            rss = r["app_rss_mb"]
            checks.append(("browser's resident memory", f"{rss:.0f} MB", f"≤ {rss_goal:.0f} MB", rss <= rss_goal))
        else:
            checks.append(("browser's resident memory", "--paint", f"≤ {rss_goal:.0f} MB", None))
        checks += [
            ("extraction, one core", f"{r['extract_per_s']:,.0f}/s", "≥ 1,000/s", r["extract_per_s"] >= 1000),
            (
                "cold load, every core",
                f"{r['cold_s']:.1f} s",
                f"≤ {60 * size / 100_000:.1f} s",
                r["cold_s"] <= 60 * size / 100_000,
            ),
            ("cache per article (all of it)", f"{r['cache_kb']:.2f} KB", "≤ 5.0 KB", r["cache_kb"] <= 5),
            ("keystroke p95", f"{r['search_p95_ms']:.1f} ms", "≤ 16 ms", r["search_p95_ms"] <= 16),
        ]
        for name, measured, goal, met in checks:
            said = "—" if met is None else "yes" if met else "NO"
            lines.append(f"{size:>9,}  {name:<34} {measured:>10} {goal:>10}  {said}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of the benchmark."""
    parser = argparse.ArgumentParser(prog="python -m tilbrowse.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    parser.add_argument("--folder", type=Path, help="where to generate corpora (default: a temporary folder)")
    parser.add_argument("--paint", action="store_true", help="also measure the browser's first paint (headless)")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:  # a usage error as argparse's own: usage line, status 2
        parser.error(f"argument --sizes: {args.sizes!r}: takes whole numbers of at least 1, e.g. 1000,10000")
    folder = args.folder or Path(tempfile.mkdtemp(prefix="tilbrowse-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    kept = "" if args.folder else " (removed at the end)"
    print(f"corpora in {folder}{kept} · Python {sys.version.split()[0]} · {os.cpu_count()} cores", file=sys.stderr)
    rows = []
    try:
        for size in sizes:
            rows.append(run(size, folder, args.paint))
            print(table(rows[-1:]).splitlines()[-1], file=sys.stderr)
    finally:
        if args.folder is None:  # generated corpora are gigabytes at 100k: never left in /tmp
            shutil.rmtree(folder, ignore_errors=True)
    print(table(rows))
    print()
    print(kinds(rows))
    print()
    print(peers(rows))
    print()
    print(goals(rows))
    print()
    for r in rows:
        print(
            f"cache at {int(r['articles']):,}: rows {r['cache_rows_kb']:.2f} KB + library image "
            f"{r['cache_image_kb']:.2f} KB + body words' index {r['cache_bodies_kb']:.2f} KB an article"
        )
    if rows:
        print()
        print(pathological(1 / rows[0]["extract_per_s"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
