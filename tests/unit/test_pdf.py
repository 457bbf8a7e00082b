"""PDFs: the seeds printed to PDF (by our own small writer, as a browser prints a page, in one
column and in two) read as the originals; running headers, footers, page numbers and line-end
hyphens are gone; columns, headings, lists and tables are rebuilt; a PDF with nothing to read is
one clear problem and a long one is read up to its limits."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tilbrowse.bench.pdfwriter import article_pdf, pdf
from tilbrowse.corpus import pdf as pdf_reader
from tilbrowse.corpus.load import load_corpus, load_one
from tilbrowse.corpus.models import Article
from tilbrowse.extract import extract
from tilbrowse.library.cache import Cache
from tilbrowse.library.library import Library

from ..conftest import SEEDS, skipped_with


def _figures(article: Article) -> list[tuple[str, int | None, list[tuple[str, object]]]]:
    out = []
    for c in extract(article).cohorts:
        parts = sorted((k, v.to_json().get("percent", v.to_json().get("months"))) for k, v in c.outcomes.items())
        out.append((c.label, c.n, parts))
    return out


def _load(path: Path) -> Article:
    article = load_one(str(path), path.stem)
    assert isinstance(article, Article), article
    return article


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_the_seeds_printed_to_pdf_read_as_the_originals(tmp_path: Path, columns: int) -> None:
    originals = list(load_corpus([SEEDS]).articles)
    for article in originals:
        # A browser prints the page's address at the foot of each page (a local file's file:// one).
        url = article.source_url or f"file:///home/reader/{article.id}.html"
        printed = article_pdf(article.title, article.body, date=article.date or "", columns=columns, url=url)
        (tmp_path / f"{article.id}.pdf").write_bytes(printed)
    corpus = load_corpus([tmp_path])
    assert corpus.problems == ()
    by_id = {a.id: a for a in corpus.articles}
    for original in originals:
        printed = by_id[original.id]
        assert (printed.title, printed.date, printed.trial_ids) == (original.title, original.date, original.trial_ids)
        assert printed.source_url == original.source_url, "the address in the margin is the source; file:// never"
        assert _figures(printed) == _figures(original), original.id
        assert [s.title for s in printed.sections] == [s.title for s in original.sections]
        assert printed.meta["read from"].startswith(f"{original.id}.pdf, page")
        # The browser's small print at the top and bottom of every page is not article text.
        assert "file:///" not in printed.body and "1/" not in printed.body


def test_running_lines_page_numbers_and_line_end_hyphens_are_gone(tmp_path: Path) -> None:
    pages = []
    for number in (1, 2):
        pages.append(
            [
                (50.0, 760.0, "Example Oncology Journal - reprint"),
                (50.0, 700.0, f"On page {number} the objective response rate was 41% in 22 patients given one infu-"),
                (50.0, 686.0, "sion of the product, and the disease control rate was 77% at the data cutoff for"),
                (50.0, 672.0, "the PD-"),
                (50.0, 658.0, f"1 refractory cohort {number}."),
                (290.0, 30.0, f"Page {number} of 2"),
            ]
        )
    path = tmp_path / "one.pdf"
    path.write_bytes(pdf(pages, {"Title": "Hyphens"}))
    body = _load(path).body
    assert "one infusion of the product" in body, "a word broken at a line end is joined again"
    assert "the PD-1 refractory" in body, "a hyphen before a digit stays"
    assert "Page 1" not in body and "Example Oncology Journal" not in body
    assert body.index("On page 1") < body.index("On page 2")


def test_two_columns_are_read_one_after_the_other(tmp_path: Path) -> None:
    left = ["LEFT one: the melanoma cohort had an", "objective response rate of 38% in 66", "patients treated in the study.", "End of left."]
    right = ["RIGHT one: the cervical cohort had", "an objective response rate of 44%", "in 27 patients treated.", "End of right."]
    lines = [(50.0, 740.0, "A two-column abstract about tumor-infiltrating lymphocytes in two diseases")]
    for i in range(4):  # written line by line across the gutter, as some printers do
        lines += [(50.0, 700.0 - 14 * i, left[i]), (320.0, 700.0 - 14 * i, right[i])]
    path = tmp_path / "two.pdf"
    path.write_bytes(pdf([lines], {"Title": "Two columns"}))
    body = _load(path).body
    assert body.index("A two-column abstract") < body.index("LEFT one") < body.index("End of left.") < body.index("RIGHT one")
    assert "LEFT one: the melanoma cohort had an objective response rate of 38% in 66 patients" in body


def test_a_paragraph_goes_on_into_the_next_column(tmp_path: Path) -> None:
    text = (
        "In the melanoma cohort of the phase 2 trial the objective response rate was 38% in 66 patients "
        "who had progressed on anti-PD-1 therapy, with a median duration of response not reached at a "
        "median follow-up of 18 months and complete responses in five patients. "
    ) * 12
    path = tmp_path / "flow.pdf"
    path.write_bytes(article_pdf("Columns", text, columns=2))
    article = _load(path)
    paragraphs = [p for p in article.body.split("\n\n") if p.strip() and not p.startswith("#")]
    assert len(paragraphs) == 1, "one paragraph, though it runs down one column and into the next"


def test_headings_lists_and_tables_are_rebuilt(tmp_path: Path) -> None:
    body = (
        "## Efficacy\n\n"
        "The trial enrolled two cohorts.\n\n"
        "- Objective response rate of 41% in the melanoma cohort\n"
        "- Disease control rate of 77% in the cervical cohort\n\n"
        "| Cohort | n | ORR | CR |\n|---|---|---|---|\n"
        "| Melanoma | 22 | 41% | 3 |\n| Cervical | 27 | 44% | 4 |\n\n"
        "## Safety\n\nNo new signals were seen."
    )
    path = tmp_path / "rebuilt.pdf"
    path.write_bytes(article_pdf("Rebuilt", body))
    article = _load(path)
    assert [s.title for s in article.sections] == ["Efficacy", "Safety"]
    assert "- Objective response rate of 41% in the melanoma cohort\n- Disease control rate of 77%" in article.body
    assert "| Cohort | n | ORR | CR |\n|---|---|---|---|\n| Melanoma | 22 | 41% | 3 |" in article.body


def test_a_wrapped_table_cell_stays_in_its_row(tmp_path: Path) -> None:
    rows = [["Cohort", "Evaluable patients", "Objective response rate, n (%)"]]
    rows += [["Melanoma after anti-PD-1 therapy and ipilimumab", "34", "15 (44.1%)"], ["NSCLC", "23", "7 (30.4%)"]]
    body = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    path = tmp_path / "cells.pdf"
    path.write_bytes(article_pdf("Cells", body, columns=2))
    article = _load(path)
    assert "| Melanoma after anti-PD-1 therapy and ipilimumab | 34 | 15 (44.1%) |" in article.body
    assert "| NSCLC | 23 | 7 (30.4%) |" in article.body


def test_characters_beyond_latin_survive_and_ligatures_are_letters(tmp_path: Path) -> None:
    path = tmp_path / "signs.pdf"
    text = "Grade ≥3 events occurred in 12% (95% CI 8‒17) of patients, μ = 0.5. The conﬁrmed ORR was 41% (eﬃcacy set)."
    path.write_bytes(article_pdf("Signs", text))
    body = _load(path).body
    assert "Grade ≥3 events occurred in 12% (95% CI 8‒17) of patients, μ = 0.5." in body
    assert "The confirmed ORR was 41% (efficacy set)." in body


def test_title_and_date_come_from_the_text_then_the_metadata(tmp_path: Path) -> None:
    dated = tmp_path / "dated.pdf"
    dated.write_bytes(article_pdf("A headline", "BOSTON, March 3, 2025 -- The ORR was 40% in 30 patients.", date="2026-12-01"))
    article = _load(dated)
    assert (article.title, article.date) == ("A headline", "2025-03-03")  # the dateline, not when it was printed
    undated = tmp_path / "undated.pdf"
    undated.write_bytes(article_pdf("Another", "The ORR was 40% in 30 patients.", date="2026-12-01"))
    article = _load(undated)
    assert (article.title, article.date) == ("Another", "2026-12-01")
    assert article.meta["date from"] == "the PDF's creation date"
    untitled = tmp_path / "untitled.pdf"
    untitled.write_bytes(pdf([[(50.0, 700.0, "Lifileucel in melanoma: the ORR was 31% in 153 patients.")]]))
    assert _load(untitled).title.startswith("Lifileucel in melanoma")


def _encrypted() -> bytes:
    """A PDF whose standard security handler wants a password the reader does not have."""
    data = pdf([[(50.0, 700.0, "Secret results: the ORR was 50% in 20 patients treated.")]], {"Title": "Locked"})
    head, _, tail = data.rpartition(b"trailer\n<< ")
    encrypt = b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <" + b"AB" * 32 + b"> /U <" + b"CD" * 32 + b"> /P -4 >> "
    return head + b"trailer\n<< " + encrypt + b"/ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] " + tail


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a not a pdf at all " * 20, "not a PDF"),
        (b"%PDF-1.4\n%garbage that is no PDF structure\n" * 10, "not a readable PDF"),
        (pdf([[(50.0, 700.0, "x")]], {"Title": "Scan"}), "no text layer"),
        (_encrypted(), "encrypted PDF"),
    ],
    ids=["not-a-pdf", "malformed", "no-text-layer", "encrypted"],
)
def test_a_pdf_with_nothing_to_read_is_one_clear_problem(tmp_path: Path, content: bytes, message: str) -> None:
    skipped_with(tmp_path, "bad.pdf", content, message)


def test_only_the_first_pages_of_a_long_pdf_are_read(tmp_path: Path) -> None:
    text = "The objective response rate was 30% in 40 patients with melanoma treated in the trial. " * 3
    pages = [[(50.0, 700.0, f"Page text {i}: " + text[:80]), (50.0, 686.0, text[90:170])] for i in range(65)]
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf(pages, {"Title": "Long"}))
    article = _load(path)
    assert [p.message for p in article.problems] == ["only the first 60 pages were read; 5 more not read"]
    assert "Page text 59" in article.body and "Page text 60" not in article.body
    assert article.meta["read from"] == "long.pdf, pages 1–60"


def test_reading_stops_at_the_time_limit_with_a_warning() -> None:
    pages = [[(50.0, 700.0, f"Page {i}: the objective response rate was 30% in 40 patients treated.")] for i in range(5)]
    document = pdf_reader.read_pdf(pdf(pages, {"Title": "Slow"}), max_seconds=0.0)
    assert document.pages == 1 and document.unread_pages == 4
    assert document.notes == ("reading stopped after 0 s at page 2",)


def test_a_dense_page_is_read_up_to_its_limit_in_bounded_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """12,000 tiny runs on one page (20,000 took PDFium 40 s: it scans the page's characters for
    each run): as many are read as half a second allows, with a warning saying the rest was not."""
    lines = [(20.0 + (i % 40) * 14, 780.0 - (i // 40) * 1.6, f"x{i}", 2.0) for i in range(12_000)]
    started = time.monotonic()
    document = pdf_reader.read_pdf(pdf([lines], {"Title": "Dense"}))
    assert time.monotonic() - started < 30, "an anti-hang ceiling, not a benchmark"
    assert len(document.notes) == 1 and document.notes[0].startswith("page 1: only its first ")
    assert "x0 " in document.text + " " and "x11999" not in document.text
    monkeypatch.setattr(pdf_reader, "MAX_RUNS", 5)
    lines = [(50.0 + 200 * (i % 2), 700.0 - 14 * (i // 2), f"Run {i} says the ORR was {i}% in 40 patients.") for i in range(12)]
    document = pdf_reader.read_pdf(pdf([lines], {"Title": "Runs"}))
    assert document.notes == ("page 1: only its first 5 runs of text were read",)
    assert "Run 0 " in document.text and "Run 11 " not in document.text


def test_the_library_loads_pdfs_beside_markdown(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Markdown one\n\nThe ORR was 40% in 30 patients with melanoma.\n")
    (tmp_path / "b.pdf").write_bytes(article_pdf("Printed one", "The ORR was 44% in 27 patients with cervical cancer."))
    library = Library.load([tmp_path])
    assert sorted(record.article.title for record in library.records.values()) == ["Markdown one", "Printed one"]
    assert library.search("cervical orr>40").ids == ["b"]


def test_a_pdf_read_once_comes_from_the_cache_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "b.pdf").write_bytes(article_pdf("Printed one", "The ORR was 44% in 27 patients with cervical cancer."))
    cold = Library.load([folder], cache=Cache(tmp_path / "cache"), workers=1)
    monkeypatch.setattr(pdf_reader, "read_pdf", lambda *a, **k: pytest.fail("a cached PDF is not read again"))
    warm = Library.load([folder], cache=Cache(tmp_path / "cache"), workers=1)
    assert warm.records["b"].article.body == cold.records["b"].article.body
    assert warm.search("cervical orr>40").ids == ["b"]


def test_the_title_is_the_largest_heading_on_the_first_page(tmp_path: Path) -> None:
    """A journal's banner above the title, a tool's name as the metadata title, the title repeated
    small as the running header of the next pages: the title is what a reader sees as one."""
    body = "The objective response rate was 38% in 66 patients with melanoma treated in the phase 2 trial."
    pages = [
        [
            (50.0, 740.0, "Journal of Example Oncology", 13.0),
            (50.0, 700.0, "Lifileucel in advanced melanoma", 20.0),
            (50.0, 660.0, body, 10.0),
            (50.0, 646.0, "Patients had received a median of three prior lines of therapy.", 10.0),
        ],
        *(
            [
                (50.0, 760.0, "Lifileucel in advanced melanoma", 10.0),
                (50.0, 700.0, f"Page {n} goes on: responses were durable in most of the patients.", 10.0),
                (50.0, 686.0, "The median duration of response was not reached at the data cutoff.", 10.0),
            ]
            for n in (2, 3)
        ),
    ]
    path = tmp_path / "journal.pdf"
    path.write_bytes(pdf(pages, {"Title": "X Typesetting Group (http://example.org)"}))
    article = _load(path)
    assert article.title == "Lifileucel in advanced melanoma"
    assert article.body.count("Lifileucel in advanced melanoma") == 0, "the title is not body text, nor its running copies"
    assert "Journal of Example Oncology" in article.body and "38% in 66 patients" in article.body


def test_the_address_in_the_margins_is_the_source(tmp_path: Path) -> None:
    """A journal prints its site and the article's DOI link in the margins: the DOI is the
    source. An address in the text is not the margin's; a local file's is never a source."""
    text = "The objective response rate was 38% in 66 patients (see https://example.org/in-the-text)."
    pages = [
        [
            (50.0, 770.0, "https://www.example-journal.org", 7.0),
            (50.0, 700.0, text, 10.0),
            (50.0, 686.0, "Patients had received a median of three prior lines of therapy before.", 10.0),
            (50.0, 672.0, "The median duration of response was not reached at the data cutoff.", 10.0),
            (50.0, 20.0, "J Example Oncol 2025. https://doi.org/10.1200/JEO.25.00123.", 7.0),
        ]
    ]
    path = tmp_path / "journal.pdf"
    path.write_bytes(pdf(pages, {"Title": "Journal"}))
    assert _load(path).source_url == "https://doi.org/10.1200/JEO.25.00123"
    local = tmp_path / "local.pdf"
    local.write_bytes(article_pdf("Local", text, url="file:///home/reader/saved.html"))
    assert _load(local).source_url is None


def test_hostile_stream_layouts_cost_linear_time_and_cannot_hide_a_bomb(tmp_path: Path) -> None:
    """Streams without an end (each made the bomb check scan the rest of the file), a bomb whose
    dictionary is padded past where the check looked, text drawn a hundred million points off the
    page (the column finder allocated by x): each is refused or read quickly, never stalls."""
    import zlib

    started = time.monotonic()
    endless = b"%PDF-1.4\n" + b"1 0 obj<</Fl>>stream\n" * 60_000  # 1.2 MB
    skipped_with(tmp_path, "endless.pdf", endless, "not a readable PDF")
    packer = zlib.compressobj(9)
    bomb = packer.compress(b"BT /F1 10 Tf 50 700 Td (Hidden.) Tj ET\n") + b"".join(
        packer.compress(b" " * 1024**2) for _ in range(300)
    ) + packer.flush()
    pad = b"/Pad [" + b"0 " * 400 + b"] "
    padded = pdf([[(50.0, 700.0, "x")]]).replace(b"stream\n", b"stream\n", 1)
    head, _, tail = padded.partition(b"<< /Length ")
    body_len = tail.split(b" ", 1)[0]
    padded = head + b"<< " + pad + b"/Filter /FlateDecode /Length " + str(len(bomb)).encode() + tail[len(body_len) :]
    start = padded.index(b"stream\n") + len(b"stream\n")
    stop = padded.index(b"\nendstream", start)
    padded = padded[:start] + bomb + padded[stop:]
    skipped_with(tmp_path, "padded.pdf", padded, "zip bomb")
    far = pdf([[(50.0, 700.0 - 14 * i, f"Line {i}: the ORR was 40% in 30 patients treated.") for i in range(10)]
               + [(1e8, 500.0, "far away")]])
    assert "Line 9" in _load(_write(tmp_path / "far.pdf", far)).body
    assert time.monotonic() - started < 60, "an anti-hang ceiling, not a benchmark"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_short_pages_keep_their_lines_and_a_lone_dash_is_no_item(tmp_path: Path) -> None:
    """Two short pages that say the same (a card printed twice) keep their text: a page whose
    every line repeats on the others has no running lines, it is all text. A "–" alone on a line
    (an empty table cell, a placeholder) is text, not an empty list item."""
    page = [
        (50.0, 700.0, "The objective response rate was 40% in 30 patients treated."),
        (50.0, 686.0, "Median duration of response was 9.1 months at the cutoff."),
        (50.0, 660.0, "–"),
    ]
    path = tmp_path / "twice.pdf"
    path.write_bytes(pdf([page, page], {"Title": "Twice"}))
    body = _load(path).body
    assert body.count("objective response rate was 40%") == 2
    assert "\n- \n" not in body + "\n" and not body.rstrip().endswith("-")
