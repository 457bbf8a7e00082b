"""CLI tables never cut an id or a figure (issue 18): at any width, in a pipe or a file.

Every id and every number the JSON output carries (and the table shows) must appear whole on
one line of the table output, whatever COLUMNS says; titles and labels give way instead, and
below 60 columns each article or cohort is a record of "key: value" lines, not a squeezed table.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tilbrowse.cli import main

from ..conftest import SEEDS, TESTS

WIDTHS = (40, 59, 60, 80, 120)
LONG_ID = "004_sitc2022-afami-cel-synovial-sarcoma-spearhead1"
"""As long an id as a real file name makes (the case of issue 18: `004_sitc2022-…#` / `1`)."""
AFAMI = """# Afami-cel in synovial sarcoma: SPEARHEAD-1 cohort update at SITC 2022

November 10, 2022 By [Test Writer](#)

---

In the phase 2 SPEARHEAD-1 trial (NCT04044768), afamitresgene autoleucel (afami-cel) was given to
patients with advanced synovial sarcoma (n = 14). The objective response rate was 43% (6/14), with
1 complete response and 5 partial responses. Median duration of response was 11.6 months.

In a second cohort of patients with myxoid/round cell liposarcoma (n = 9), the objective response
rate was 22% (2/9).
"""
GOLD = ("abs_05_iov_com_202_cohorts", "abs_06_afami_cel_spearhead1", "abs_09_ima203_prame_dose_levels")
"""Team-written articles with several cohorts, long labels, ranges and stated-vs-derived checks."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, three gold articles and a long-id afami-cel article, in one folder."""
    folder = tmp_path_factory.mktemp("tables") / "corpus"
    folder.mkdir()
    for path in SEEDS.iterdir():
        shutil.copy(path, folder / path.name)
    for name in GOLD:
        shutil.copy(TESTS / "gold" / f"{name}.txt", folder / f"{name}.txt")
    (folder / f"{LONG_ID}.md").write_text(AFAMI, encoding="utf-8")
    return folder


def cli(args: list[str], columns: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the CLI in a pipe (capsys is not a terminal) at COLUMNS=columns; its stdout."""
    monkeypatch.setenv("COLUMNS", str(columns))
    status = main([*args, "--no-cache"])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def fmt(value: float) -> str:
    return f"{value:g}"


def intact(token: str, out: str) -> bool:
    """True when `token` stands whole on one line: not cut, not wrapped, not part of a longer number or id."""
    pattern = re.compile(rf"(?<![\w.#-]){re.escape(token)}(?![\w#]|[.-]\w)")
    return any(pattern.search(line) for line in out.splitlines())


def cohort_figures(cohort: dict[str, Any]) -> Iterator[str]:
    """The figures a cohort's table shows, as the table writes them."""
    yield cohort["id"]
    if cohort["n"] is not None:
        yield f"n = {cohort['n']}"
    if cohort["median_age"] is not None:
        yield fmt(cohort["median_age"])
    for outcome in cohort["outcomes"].values():
        if outcome.get("count") is not None and outcome.get("denominator"):
            yield f"{outcome['count']}/{outcome['denominator']}"
        elif outcome.get("count") is not None:
            yield str(outcome["count"])
        if outcome.get("percent") is not None:
            yield fmt(outcome["percent"]) + "%"
        if outcome.get("months") is not None:
            yield fmt(outcome["months"]) + " mo"
        if outcome.get("value") is not None:
            yield f"{fmt(outcome['value'])} {outcome['unit']}"
    for derived in cohort["derived"].values():
        if derived.get("count") is not None:
            yield str(derived["count"])
        if derived.get("percent") is not None:
            yield fmt(derived["percent"]) + "%"
        if derived.get("ci95"):
            low, high = derived["ci95"]
            yield f"{fmt(low)}–{fmt(high)}%"


def test_the_fixture_has_what_issue_18_needs(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(corpus), "--format", "json", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)
    afami = next(a for a in data["articles"] if a["id"] == LONG_ID)
    assert [c["id"] for c in afami["cohorts"]] == [f"{LONG_ID}#1", f"{LONG_ID}#2"]
    assert afami["cohorts"][0]["n"] == 14


@pytest.mark.parametrize("columns", WIDTHS)
def test_extract_never_cuts_an_id_or_a_figure(
    columns: int, corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.loads(cli(["extract", str(corpus), "--format", "json"], columns, capsys, monkeypatch))
    table = cli(["extract", str(corpus)], columns, capsys, monkeypatch)
    expected = []
    for article in data["articles"]:
        expected += [article["id"], *([article["date"]] if article["date"] else [])]
        for cohort in article["cohorts"]:
            expected += list(cohort_figures(cohort))
    missing = [token for token in expected if not intact(token, table)]
    assert not missing, f"cut or wrapped at COLUMNS={columns}: {missing}\n{table}"


@pytest.mark.parametrize("columns", WIDTHS)
def test_search_never_cuts_an_id_or_a_figure(
    columns: int, corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    query = "synovial sarcoma afami"
    data = json.loads(cli(["search", query, str(corpus), "--format", "json"], columns, capsys, monkeypatch))
    table = cli(["search", query, str(corpus)], columns, capsys, monkeypatch)
    assert LONG_ID in {r["id"] for r in data["results"]}
    expected = []
    for result in data["results"]:
        expected += [result["id"], *([result["date"]] if result["date"] else [])]
        if result["best_orr"] is not None:
            expected.append(fmt(result["best_orr"]) + "%")
    missing = [token for token in expected if not intact(token, table)]
    assert not missing, f"cut or wrapped at COLUMNS={columns}: {missing}\n{table}"
    longest = max(len(line) for line in table.splitlines())
    assert longest <= max(columns, len(LONG_ID)), f"wider than COLUMNS={columns} for no id's sake\n{table}"


@pytest.mark.parametrize("columns", WIDTHS)
def test_compare_never_cuts_an_id_or_a_figure(
    columns: int, corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cohorts = [f"{LONG_ID}#1", "abs_06_afami_cel_spearhead1#2", "004_e8cdb65b83effc3a#1"]
    args = ["compare", *cohorts, "--corpus", str(corpus)]
    data = json.loads(cli([*args, "--format", "json"], columns, capsys, monkeypatch))
    table = cli(args, columns, capsys, monkeypatch)
    expected = [c["id"] for c in data["columns"]] + [c["trial_id"] for c in data["columns"] if c["trial_id"]]
    expected += [c["article"]["date"] for c in data["columns"] if c["article"]["date"]]
    for row in data["rows"].values():
        expected += [value["text"] for value in row["values"] if value["text"]]
    expected += [f"{fmt(low)}–{fmt(high)}%" for low, high in filter(None, data["orr_ci95"])]
    missing = [token for token in expected if not intact(token, table)]
    assert not missing, f"cut or wrapped at COLUMNS={columns}: {missing}\n{table}"


@pytest.mark.parametrize("columns", WIDTHS)
def test_titles_give_way_and_narrow_output_is_one_record_per_item(
    columns: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18: at 80 columns a title took one word per line. In a table a result takes one line
    (its title cut with …, never to fewer than 24 cells: with less room, and below 60 columns,
    there is no table at all, but a record per article, its title whole)."""
    args = ["search", "synovial sarcoma afami", str(TESTS / "gold")]
    results = json.loads(cli([*args, "--format", "json"], columns, capsys, monkeypatch))["results"]
    table = cli(args, columns, capsys, monkeypatch)
    lines = table.splitlines()
    assert len(results) >= 3 and max(len(line) for line in lines) <= columns, table
    tabular = any(set(line.strip()) == {"─"} for line in lines)
    if columns >= 120:
        assert tabular, f"a table at {columns} columns\n{table}"
    if columns < 60:
        assert not tabular, f"no squeezed table at {columns} columns\n{table}"
    if tabular:
        for rank, result in enumerate(results, start=1):
            (row,) = [line for line in lines if result["id"] in line]
            assert re.match(rf"\s*{rank}\s", row), f"one line per result\n{table}"
            assert result["title"] in row or "…" in row
            assert result["title"][:23] in row, f"a title cut to less than 24 cells\n{table}"
        assert len(lines) == len(results) + 3, f"title, header, rule, one line per result\n{table}"
    else:  # `id: ID`, or the id whole on the next line when both do not fit
        ids = [line[5:].strip() or lines[n + 1] for n, line in enumerate(lines) if line.startswith("  id:")]
        assert ids == [r["id"] for r in results], table


def test_a_table_written_to_a_file_keeps_ids_whole(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "extract.txt"
    cli(["extract", str(corpus), "-o", str(out)], 40, capsys, monkeypatch)
    text = out.read_text(encoding="utf-8")
    assert intact(f"{LONG_ID}#1", text) and intact("n = 14", text) and intact("6/14 (43%)", text)


def test_the_terminal_rendering_keeps_ids_whole(corpus: Path) -> None:
    """On a terminal the same renderable is drawn at the terminal's width, in colour."""
    from tilbrowse.library.library import analyse_corpus
    from tilbrowse.ui.console import extraction_renderable, render_text

    records, _ = analyse_corpus([str(corpus)], cache=None)
    renderable = extraction_renderable([(r.article, r.extraction) for r in records])
    for width in WIDTHS:
        text = re.sub(r"\x1b\[[0-9;]*m", "", render_text(renderable, width=width, color=True))
        assert intact(f"{LONG_ID}#2", text) and intact("n = 9", text), text
