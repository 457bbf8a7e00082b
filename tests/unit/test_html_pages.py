"""Saved web pages: the seeds saved as a browser would, with site furniture around them, load
with the same title, date, trial ids and figures as the originals; metadata comes from the page,
never guessed; bad pages are one clear problem each."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from tilbrowse.corpus.load import load_corpus, load_one
from tilbrowse.corpus.models import Article
from tilbrowse.extract import extract
from tilbrowse.library.library import Library

from ..conftest import SEEDS, skipped_with

FURNITURE = (
    '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/onc">Oncology news</a></li>'
    '<li><a href="/sub">Subscribe today</a></li></ul></nav></header>'
    '<div class="cookie-banner"><p>We use cookies to give you the best experience on our site.</p>'
    "<button>Accept all cookies</button></div>"
)
RELATED = (
    '<aside class="related"><h3>Related stories</h3><ul><li><a href="/x">Shares of small developers rose 7% '
    "after the jobs report</a></li><li><a href=\"/y\">Biotech index closes up 2.4% for the week</a></li></ul>"
    "</aside><footer><p>© 2025 Example Media. All rights reserved.</p></footer>"
)


def _paragraphs(body: str) -> str:
    out = []
    for block in body.split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if block.startswith("#"):
            out.append(f"<h2>{html.escape(block.lstrip('# '))}</h2>")
        else:
            out.append(f"<p>{html.escape(' '.join(block.split()))}</p>")
    return "\n".join(out)


def saved_page(article: Article) -> str:
    """The article as a browser's "save page as" would keep a news site's page of it."""
    url = article.source_url or f"https://news.example.org/{article.id}"
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title}
    if article.date:
        ld["datePublished"] = article.date
    return (
        f"<!DOCTYPE html>\n<!-- saved from url=(0060){html.escape(url)} -->\n<html><head><meta charset='utf-8'>"
        f"<title>{html.escape(article.title)} - Example News</title>"
        f'<meta property="og:title" content="{html.escape(article.title)}">'
        f'<link rel="canonical" href="{html.escape(url)}">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        "<script>document.write('tracking');</script></head><body>"
        f"{FURNITURE}<main><article><h1>{html.escape(article.title)}</h1>"
        f'<div class="share">Share on LinkedIn · Share on X · Email</div>{_paragraphs(article.body)}</article>'
        f"{RELATED}</main></body></html>"
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Article], Path]:
    originals = list(load_corpus([SEEDS]).articles)
    folder = tmp_path_factory.mktemp("pages")
    for article in originals:
        (folder / f"{article.id}.html").write_text(saved_page(article), encoding="utf-8")
    return originals, folder


def _figures(article: Article) -> list[dict[str, object]]:
    return [
        {"label": c.label, "n": c.n, "trial_id": c.trial_id, **{k: c.outcomes[k].to_json()["percent"] if "percent" in
         c.outcomes[k].to_json() else c.outcomes[k].to_json()["months"] for k in sorted(c.outcomes)}}
        for c in extract(article).cohorts
    ]


def test_the_seeds_saved_as_pages_read_as_the_originals(pages: tuple[list[Article], Path]) -> None:
    originals, folder = pages
    corpus = load_corpus([folder])
    assert corpus.problems == ()
    by_id = {a.id: a for a in corpus.articles}
    for original in originals:
        page = by_id[original.id]
        assert page.title == original.title
        assert page.date == original.date
        assert page.trial_ids == original.trial_ids
        assert page.source_url == (original.source_url or f"https://news.example.org/{original.id}")
        assert _figures(page) == _figures(original), original.id
        assert page.meta["read from"] == f"{original.id}.html, main text of the page"


def test_site_furniture_and_scripts_are_not_article_text(pages: tuple[list[Article], Path]) -> None:
    _originals, folder = pages
    for article in load_corpus([folder]).articles:
        for junk in ("cookies", "Subscribe today", "Share on LinkedIn", "jobs report", "All rights reserved", "tracking"):
            assert junk not in article.body, (article.id, junk)


def test_a_date_is_never_guessed_from_a_page(tmp_path: Path) -> None:
    page = tmp_path / "undated.html"
    page.write_text(
        "<html><head><title>TIL update</title></head><body><article><h1>TIL update</h1>"
        "<p>The objective response rate was 31% in 40 patients with advanced melanoma treated with lifileucel.</p>"
        "<p>Patients will be followed for five more years, the company said in its statement on results.</p>"
        "</article><footer>© 2024 Example Media</footer></body></html>",
        encoding="utf-8",
    )
    article = load_one(str(page), "undated")
    assert isinstance(article, Article) and article.date is None and article.title == "TIL update"


def test_lines_a_page_breaks_stay_lines_of_one_paragraph(tmp_path: Path) -> None:
    """`<br>` keeps a line break (trafilatura alone makes each line a paragraph): a table typed as
    lines, a contact block, read as in the plain-text article it would be."""
    page = tmp_path / "lines.html"
    page.write_text(
        "<html><body><article><h1>Cohort results</h1>"
        "<p>The phase 2 trial enrolled two cohorts of patients with solid tumors, the company said today.</p>"
        "<p>Best overall response, n (%)<br>Complete response 4 (12.5)<br>Partial response 9 (28.1)</p>"
        "<table><tr><th>Cohort</th><th>ORR</th></tr><tr><td>Melanoma<br>after PD-1</td><td>41%</td></tr></table>"
        "<p>Media: Jane Doe, press@example.com</p></article></body></html>",
        encoding="utf-8",
    )
    article = load_one(str(page), "lines")
    assert isinstance(article, Article)
    assert "Best overall response, n (%)\nComplete response 4 (12.5)\nPartial response 9 (28.1)" in article.body
    assert "| Melanoma after PD-1 | 41% |" in article.body, "a break inside a table cell does not split its row"
    assert "¶" not in article.body
    captioned = tmp_path / "caption.html"
    captioned.write_text(
        "<html><body><article><h1>Table page</h1><p>The phase 2 trial enrolled two cohorts of patients with "
        "solid tumors, the company said.</p><table><caption>Table 1<br>Responses</caption>"
        "<tr><td>Melanoma</td><td>41%</td></tr></table></article></body></html>",
        encoding="utf-8",
    )
    caption = load_one(str(captioned), "caption")
    assert isinstance(caption, Article) and "Table 1\nResponses" not in caption.body, "a caption is one row"
    short_lines = tmp_path / "short.html"
    short_lines.write_text(
        "<html><body><article><h1>Title here</h1><p>" + "<br>".join(["Alpha beta"] * 7) + "</p></article></body></html>",
        encoding="utf-8",
    )
    short = load_one(str(short_lines), "short")
    assert isinstance(short, Article), "words on lines a page breaks count as words"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text found in the page"),
        (b"<html><body>" + b"<p>x</p>" * 250_000 + b"</body></html>", "elements; not read as an article"),
        (b"<html><body>" + b"<div>" * 250_000 + b"</body></html>", "no article text found in the page"),
    ],
    ids=["navigation-only", "element-bomb", "nesting-bomb"],
)
def test_a_page_without_an_article_is_one_clear_problem(tmp_path: Path, content: bytes, message: str) -> None:
    skipped_with(tmp_path, "bad.html", content, message)


def test_entities_are_not_resolved_and_nothing_is_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    page = tmp_path / "xxe.html"
    page.write_text(
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<html><body><article><h1>Entity test</h1><p>&x; The ORR was 40% in 20 patients with melanoma, "
        "the investigators reported at the meeting on Monday.</p><p>"
        '<img src="https://tracker.example.com/pixel.gif">More text follows about the trial design.</p>'
        "</article></body></html>",
        encoding="utf-8",
    )
    article = load_one(str(page), "xxe")
    assert isinstance(article, Article) and "TOP-SECRET-VALUE" not in article.body


def test_the_library_loads_pages_beside_markdown(pages: tuple[list[Article], Path], tmp_path: Path) -> None:
    _originals, folder = pages
    library = Library.load([folder, SEEDS])
    assert len(library.entries) == 4, "the pages and the seeds, each under its own id"
    assert library.search("cervical orr>40").ids


def single_file(page: str, location: str) -> bytes:
    """A page as a browser's "web page, single file" (MHTML) keeps it: MIME, quoted-printable, an image part."""
    import quopri

    body = quopri.encodestring(page.encode("utf-8")).decode("ascii")
    boundary = "----MultipartBoundary--tilbrowse----"
    return (
        f"From: <Saved by Blink>\r\nSnapshot-Content-Location: {location}\r\nSubject: saved\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: {location}\r\n\r\n{body}\r\n"
        f"--{boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
        f"--{boundary}--\r\n"
    ).encode("ascii")


def test_single_file_pages_read_as_the_originals(tmp_path: Path) -> None:
    originals = list(load_corpus([SEEDS]).articles)
    for article in originals:
        # No canonical link nor saved-from comment: the snapshot's location is the only URL stated.
        page = saved_page(article).replace('<link rel="canonical"', '<link rel="alternate"').replace("saved from", "kept")
        (tmp_path / f"{article.id}.mhtml").write_bytes(single_file(page, f"https://saved.example.org/{article.id}"))
    (tmp_path / "empty.mht").write_bytes(b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nnothing here\r\n")
    corpus = load_corpus([tmp_path])
    assert [(p.path.rsplit("/", 1)[-1], p.message) for p in corpus.problems] == [
        ("empty.mht", "no web page found in the archive; skipped")
    ]
    by_id = {a.id: a for a in corpus.articles}
    for original in originals:
        page = by_id[original.id]
        assert (page.title, page.date, page.trial_ids) == (original.title, original.date, original.trial_ids)
        assert _figures(page) == _figures(original), original.id
        assert page.source_url == f"https://saved.example.org/{original.id}", "the snapshot's location"


def test_a_page_saved_complete_is_one_article_not_its_files(tmp_path: Path) -> None:
    """"Save page as… complete" writes `page.html` and `page_files/` with the page's frames (ads,
    widgets, often `.html`) and images: the folder is the page's, never walked for articles; a
    folder of the same shape beside no page is walked as any other."""
    body = "<p>The objective response rate was 41% in 22 patients with melanoma in the phase 2 trial, it said.</p>"
    (tmp_path / "news.html").write_text(f"<html><body><article><h1>Saved</h1>{body}</article></body></html>")
    for folder in ("news_files", "news-Dateien", "orphan_files"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "ad_frame.html").write_text(f"<html><body><article><h1>Ad</h1>{body}</article></body></html>")
        (tmp_path / folder / "style.css").write_text("body { color: red }")
    corpus = load_corpus([tmp_path])
    assert sorted(a.path.replace(str(tmp_path), "") for a in corpus.articles) == ["/news.html", "/orphan_files/ad_frame.html"]
