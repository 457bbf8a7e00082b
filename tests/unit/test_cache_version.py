"""The cache never serves figures from other code: its version key is a digest of the code.

Rows are read back by field name, so adding a field to a model is one edit."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tilbrowse
from tilbrowse.corpus.load import load_corpus
from tilbrowse.extract import extract
from tilbrowse.extract import pipeline as library_module
from tilbrowse.extract.model import Duration, Rate
from tilbrowse.library.cache import Cache, body_digest, decode, encode
from tilbrowse.library.codec import from_data, to_data
from tilbrowse.library.library import analyse_corpus
from tilbrowse.library.schema import code_digest

from ..conftest import SEEDS, TESTS

PACKAGE = Path(tilbrowse.__file__).parent


def _copy_package(tmp_path: Path) -> Path:
    """A private copy of the tilbrowse package, importable from the folder returned."""
    root = tmp_path / "site"
    shutil.copytree(PACKAGE, root / "tilbrowse", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _extract_json(site: Path, cache_dir: Path, corpus: Path) -> dict:  # type: ignore[type-arg]
    result = subprocess.run(
        [sys.executable, "-m", "tilbrowse", "extract", str(corpus), "--format", "json", "--cache-dir", str(cache_dir)],
        cwd=site,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(site)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("changed", "matters"),
    [
        ("extract/lexicon.py", True),
        ("extract/__init__.py", True),
        ("extract/pipeline.py", True),
        ("corpus/parse.py", True),
        ("export/report.py", True),
        ("search/document.py", True),
        ("library/codec.py", True),
        ("ui/app.py", False),
        ("cli.py", False),
        ("bench/synthetic.py", False),
    ],
)
def test_the_digest_follows_the_code_that_fills_the_cache(tmp_path: Path, changed: str, matters: bool) -> None:
    site = _copy_package(tmp_path)
    before = code_digest(site / "tilbrowse")
    assert before == code_digest(PACKAGE), "the digest depends on the files, not on where they are"
    with open(site / "tilbrowse" / changed, "a", encoding="utf-8") as handle:
        handle.write("\n# a change\n")
    assert (code_digest(site / "tilbrowse") != before) is matters


def test_a_warm_cache_re_extracts_when_the_extractor_changes(tmp_path: Path) -> None:
    """End to end, as a user upgrading tilbrowse without a version bump: the same cache folder,
    a changed extractor, and the output follows the new code."""
    site = _copy_package(tmp_path)
    cache_dir = tmp_path / "cache"
    cold = _extract_json(site, cache_dir, SEEDS)
    assert _extract_json(site, cache_dir, SEEDS) == cold
    seed = next(a for a in cold["articles"] if a["id"].startswith("004_"))
    assert seed["cohorts"][0]["outcomes"]["orr"]["percent"] == 38.0
    # The new extractor reads every ORR ten points higher (a behaviour change, same __version__).
    with open(site / "tilbrowse" / "extract" / "pipeline.py", "a", encoding="utf-8") as handle:
        handle.write(
            "\n\n_first = extract\n\n\n"
            "def extract(article):  # type: ignore[no-redef]\n"
            "    import dataclasses\n"
            "    found = _first(article)\n"
            "    cohorts = []\n"
            "    for c in found.cohorts:\n"
            "        orr = c.outcomes.get('orr')\n"
            "        if orr is not None and orr.percent is not None:\n"
            "            c = dataclasses.replace(c, outcomes={**c.outcomes, 'orr': dataclasses.replace(orr, percent=orr.percent + 10)})\n"
            "        cohorts.append(c)\n"
            "    return dataclasses.replace(found, cohorts=tuple(cohorts))\n"
        )
    warm = _extract_json(site, cache_dir, SEEDS)
    seed = next(a for a in warm["articles"] if a["id"].startswith("004_"))
    assert seed["cohorts"][0]["outcomes"]["orr"]["percent"] == 48.0, "the warm cache served the old extractor"


def test_unchanged_code_reuses_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache(tmp_path / "c")
    first, _ = analyse_corpus([TESTS / "gold", SEEDS], cache=cache)

    def must_not_run(*_: object) -> None:
        raise AssertionError("extracted again although the code and files are unchanged")

    monkeypatch.setattr(library_module, "extract", must_not_run)
    second, _ = analyse_corpus([TESTS / "gold", SEEDS], cache=cache)
    assert [r.extraction for r in second] == [r.extraction for r in first]


def test_every_analysed_article_round_trips_by_field_name() -> None:
    corpus = load_corpus([TESTS / "gold", TESTS / "heldout", SEEDS])
    for article in corpus.articles:
        extraction = extract(article)
        data = json.loads(json.dumps(encode(article, extraction)))
        # everything but the text, which the file holds (a row keeps its digest)
        assert decode(data) == (dataclasses.replace(article, body=""), extraction, body_digest(article.body))
    page = dataclasses.replace(article, path="story.html")  # a PDF's or a page's text is kept whole
    assert decode(json.loads(json.dumps(encode(page, extraction)))) == (page, extraction, None)


def test_rows_are_written_by_field_name_and_a_new_field_is_one_edit() -> None:
    @dataclasses.dataclass(frozen=True)
    class Old:
        name: str
        rate: Rate | Duration | None = None

    @dataclasses.dataclass(frozen=True)
    class New:
        name: str
        rate: Rate | Duration | None = None
        added: tuple[int, ...] = ()

    cohort = extract(load_corpus([SEEDS]).articles[-1]).cohorts[0]
    old = Old("a", cohort.outcomes["orr"])
    data = to_data(old)
    assert set(data) == {"name", "rate"} and data["rate"][0] == "Rate"
    assert from_data(New, data) == New("a", cohort.outcomes["orr"], ())
    assert from_data(Old, to_data(New("b", None, (1, 2)))) == Old("b", None)
