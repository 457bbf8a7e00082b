"""Saved web pages (`.html`, `.htm`, and `.mhtml` single-file archives): the article's main text and
what the page says about it.

The main text is found by trafilatura (Apache-2.0): navigation, cookie banners, share bars,
related-article lists and footers are left out; headings stay as `## ` sections and tables as
pipe-table rows the extractor reads. Measured on our own articles rendered as news pages
(nav, cookie banner, share bars, related list, footer): trafilatura kept no page furniture and
scored within 0.002 of the Markdown originals on tests/gold (readability-lxml kept the cookie
banner and share bar on every page and lost 0.014 of recall).

The title, date, author and source URL come from the page's own metadata only — `og:` and
`article:` properties, JSON-LD, `<link rel=canonical>`, the `<!-- saved from url=… -->` comment
browsers write, `<time datetime>` — never guessed from stray dates (a copyright year is not a
publication date). Nothing is fetched: the page is parsed from the bytes on disk, external
entities are not resolved and no script runs.

The result is a Markdown document with front matter, read by `corpus.parse` like any other
article, so evidence spans point into the extracted text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from tilbrowse.corpus.dates import DateError, normalise_date

SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
MAX_ELEMENTS = 200_000
"""A page with more elements than this is not an article (a bomb, a data dump); it is refused."""


MIN_WORDS = 12
"""Less main text than this is a page's furniture (a menu, a "Home" link), not an article."""


class PageError(ValueError):
    """A page with no article in it; the message is for the user."""


@dataclass(frozen=True)
class Page:
    """What a saved page holds for tilbrowse."""

    title: str
    date: str
    author: str
    url: str
    text: str
    """The main text, Markdown: `## ` headings, pipe tables, paragraphs."""

    def document(self) -> str:
        """The page as a Markdown article with front matter (values quoted as JSON, which YAML reads)."""
        meta = {"title": self.title, "date": self.date, "author": self.author, "source_url": self.url}
        lines = ["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items() if v), "---", ""]
        return "\n".join(lines) + self.text.strip() + "\n"


def read_archive(data: bytes) -> Page:
    """A page saved as one file (`.mhtml`, "web page, single file"): its first HTML part, read as a
    page; the snapshot's location is its URL when the page states none. Other parts (images,
    styles) are never decoded."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    payload = part.get_payload(decode=True) if part is not None else None
    if not isinstance(payload, bytes) or not payload.strip():
        raise PageError("no web page found in the archive")
    page = read_page(payload)
    location = str(message.get("Snapshot-Content-Location") or (part.get("Content-Location") if part else "") or "")
    if not page.url and location:
        page = Page(page.title, page.date, page.author, location.strip(), page.text)
    return page


def read_page(data: bytes) -> Page:
    """The main text and metadata of a saved page; PageError when it holds no article text."""
    import lxml.etree
    import lxml.html
    import trafilatura

    if data.count(b"<") > 4 * MAX_ELEMENTS:  # counted before parsing: a bomb never becomes a tree in memory
        raise PageError(f"page has more than {MAX_ELEMENTS:,} elements; not read as an article")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=False, remove_pis=True, huge_tree=False)
    try:
        tree = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise PageError(f"not a readable web page ({exc})") from None
    if tree.xpath("count(//*)") > MAX_ELEMENTS:  # counted in C: the check costs one call
        raise PageError(f"page has more than {MAX_ELEMENTS:,} elements; not read as an article")
    for script in tree.xpath("//script[not(@type='application/ld+json')]|//style|//noscript"):
        script.drop_tree()
    _mark_line_breaks(tree)
    text = trafilatura.extract(
        tree,
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        output_format="markdown",
        favor_recall=True,
        with_metadata=False,
        deduplicate=False,
    )
    text = re.sub(rf"[ \t]*{_LINE_BREAK}[ \t]*", "\n", text or "")
    if len(text.split()) < MIN_WORDS:
        raise PageError("no article text found in the page")
    meta = _metadata(tree)
    saved = SAVED_FROM.search(data[:4096])
    url = meta.get("url") or (saved.group(1).decode("ascii", "replace") if saved else "")
    title = meta.get("title") or _first_text(tree, "//h1") or _first_text(tree, "//title")
    return Page(title=title, date=_date(meta.get("date", "")), author=meta.get("author", ""), url=url, text=text)


_LINE_BREAK = "\u00b6\u2e3f\u00b6"
"""Stands for a `<br>` inside a paragraph while trafilatura reads the page (it would make each
line a paragraph of its own; a private-use character it drops): printable characters no article
puts together, removed from the page first, a line break again in the text."""


def _mark_line_breaks(tree: Any) -> None:
    """`<br>` between lines of a paragraph as a mark that comes out as a line break, so lines a
    page sets apart (a dateline, contacts, a table typed as lines) stay lines of one paragraph,
    as in a plain-text article. Line breaks in headings, list items, definitions, table cells and
    captions are left to trafilatura (they cannot hold one)."""
    for element in tree.iter():
        if isinstance(element.text, str) and _LINE_BREAK in element.text:
            element.text = element.text.replace(_LINE_BREAK, "")
        if isinstance(element.tail, str) and _LINE_BREAK in element.tail:
            element.tail = element.tail.replace(_LINE_BREAK, "")
    held = ("td", "th", "caption", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6")
    for br in tree.xpath("//br[not(" + " or ".join(f"ancestor::{tag}" for tag in held) + ")]"):
        br.tail = _LINE_BREAK + (br.tail or "")
        br.drop_tag()


def _date(value: str) -> str:
    """A metadata date as ISO, or "" when it is not one (pages carry empty and template values)."""
    try:
        found = normalise_date(value) if value else None
    except DateError:
        return ""
    return found[1] or found[0] if found else ""


def _first_text(tree: Any, xpath: str) -> str:
    for element in tree.xpath(xpath):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return ""


_META = {
    "title": ("og:title", "twitter:title", "citation_title", "dc.title"),
    "date": (
        "article:published_time",
        "citation_publication_date",
        "citation_date",
        "dc.date",
        "date",
        "pubdate",
        "publish-date",
        "og:published_time",
    ),
    "author": ("author", "article:author", "citation_author", "dc.creator"),
    "url": ("og:url",),
}


def _metadata(tree: Any) -> dict[str, str]:
    """Title, date, author and URL from the page's metadata, JSON-LD first for date and author."""
    found: dict[str, str] = {}
    ld = _json_ld(tree)
    for key in ("headline", "datePublished", "author", "url"):
        value = ld.get(key)
        if isinstance(value, dict):
            value = value.get("name", "")
        elif isinstance(value, list):
            value = ", ".join(str(v.get("name", "")) if isinstance(v, dict) else str(v) for v in value)
        if isinstance(value, str) and value.strip():
            name = {"headline": "title", "datePublished": "date"}.get(key, key)
            found.setdefault(name, " ".join(value.split()))
    metas: dict[str, str] = {}
    for element in tree.xpath("//meta[@content]"):
        name = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = " ".join((element.get("content") or "").split())
        if name and content:
            metas.setdefault(name, content)
    for key, names in _META.items():
        if key in found:
            continue
        value = next((metas[n] for n in names if n in metas), "")
        if value:
            found[key] = value
    if "date" not in found:
        stamp = tree.xpath("//time[@datetime]/@datetime")
        if stamp:
            found["date"] = str(stamp[0])
    canonical = tree.xpath("//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href")
    if canonical:
        found["url"] = str(canonical[0])
    return found


def _json_ld(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object that describes an article (NewsArticle, Article, …)."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                return item
    return {}
