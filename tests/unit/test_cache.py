"""The on-disk cache: identical output with and without it, and every fault degrades safely."""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tilbrowse.corpus.load import Corpus
from tilbrowse.corpus.models import Problem
from tilbrowse.export.report import corpus_json
from tilbrowse.library.cache import Cache
from tilbrowse.library.codec import DICTIONARY_PATH, pack_parts, unpack_part
from tilbrowse.library.library import analyse_corpus

from ..conftest import REPO, SEEDS, TESTS

GOLD = TESTS / "gold"


def _json(records, problems):  # type: ignore[no-untyped-def]
    corpus = Corpus(tuple(r.article for r in records), tuple(problems))
    return corpus_json(corpus, {r.id: r.extraction for r in records})


def test_cached_output_is_identical(tmp_path: Path) -> None:
    fresh = _json(*analyse_corpus([GOLD, SEEDS]))
    cache = Cache(tmp_path / "c")
    first = _json(*analyse_corpus([GOLD, SEEDS], cache=cache))
    second = _json(*analyse_corpus([GOLD, SEEDS], cache=cache))
    assert fresh == first == second
    rows = sqlite3.connect(cache.path).execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    assert rows == 68  # 66 gold articles and 2 seeds; the folder README is not an article


def test_changed_file_is_read_again(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = corpus / "a.md"
    article.write_text("# A\n\nThe ORR was 30% in 20 patients.\n")
    cache = Cache(tmp_path / "c")
    (record,), _ = analyse_corpus([corpus], cache=cache)
    assert record.cohorts[0].outcomes["orr"].percent == 30.0  # type: ignore[union-attr]
    article.write_text("# A\n\nThe ORR was 45% in 20 patients.\n")
    os.utime(article, ns=(1, 1))
    (record,), _ = analyse_corpus([corpus], cache=cache)
    assert record.cohorts[0].outcomes["orr"].percent == 45.0  # type: ignore[union-attr]


def test_ids_follow_this_run_not_the_cached_one(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    analyse_corpus([SEEDS], cache=cache)
    records, _ = analyse_corpus([str(SEEDS / "004_e8cdb65b83effc3a.txt")], cache=cache)
    assert records[0].article.path.endswith("004_e8cdb65b83effc3a.txt")
    assert records[0].cohorts[1].id == "004_e8cdb65b83effc3a#2"


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"this is not a database at all" * 100),
        lambda p: p.write_bytes(p.read_bytes()[:200]),
        lambda p: sqlite3.connect(p).executescript("PRAGMA application_id=1; CREATE TABLE other(x);"),
        lambda p: (
            sqlite3.connect(p)
            .execute("UPDATE entries SET packed = x'00ff00'")
            .connection.commit()
        ),
        lambda p: (  # the parts' lengths intact, their stream cut short
            sqlite3.connect(p)
            .execute("UPDATE entries SET packed = substr(packed, 1, length(packed) / 2)")
            .connection.commit()
        ),
        lambda p: (  # the parts' lengths claiming more than the stream holds
            sqlite3.connect(p)
            .execute("UPDATE entries SET packed = x'03ffffff00ffffff00ffffff00' || substr(packed, 14)")
            .connection.commit()
        ),
        lambda p: sqlite3.connect(p).execute("UPDATE entries SET version = 'old'").connection.commit(),
    ],
    ids=["garbage", "truncated", "foreign", "corrupt-entries", "cut-parts", "overlong-parts", "wrong-version"],
)
def test_damaged_cache_is_rebuilt_never_trusted(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "c"
    cache = Cache(folder)
    expected = _json(*analyse_corpus([SEEDS], cache=cache))
    cache.close()
    path = folder / "articles.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    damage(path)
    again = Cache(folder)
    assert _json(*analyse_corpus([SEEDS], cache=again)) == expected


def test_unwritable_cache_folder_degrades_with_one_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = Cache(blocker / "sub")
    assert not cache.enabled and cache.warning and "without cache" in cache.warning
    records, _ = analyse_corpus([SEEDS], cache=cache)
    assert len(records) == 2


def test_cli_no_cache_and_cache_dir(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    outs = []
    for extra in (["--no-cache"], ["--cache-dir", str(tmp_path / "cc")], ["--cache-dir", str(tmp_path / "cc")]):
        result = subprocess.run(
            [sys.executable, "-m", "tilbrowse", "extract", str(SEEDS), "--format", "json", *extra],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        outs.append(json.loads(result.stdout))
    assert outs[0] == outs[1] == outs[2]
    assert (tmp_path / "cc" / "articles.sqlite3").exists()


def test_cache_never_lives_inside_the_corpus(tmp_path: Path) -> None:
    cache = Cache()
    assert not str(cache.path).startswith(str(SEEDS))


def test_extract_json_text_is_the_reference_encoding(tmp_path: Path) -> None:
    """The fast path (articles rendered once, kept in the cache) prints byte for byte what
    json.dumps of the whole document prints — cold, warm, and without a cache."""
    from tilbrowse.export.report import corpus_json_text
    from tilbrowse.library.library import report_json

    problems_dir = TESTS / "data" / "problems"
    paths = [GOLD, SEEDS, problems_dir]
    reference = json.dumps(_json(*analyse_corpus(paths)), indent=2, ensure_ascii=False) + "\n"
    cache = Cache(tmp_path / "c")
    texts = []
    for chosen in (None, cache, cache):
        fragments, _warnings, problems = report_json(paths, cache=chosen)
        texts.append(corpus_json_text(fragments, problems))
    assert texts[0] == texts[1] == texts[2] == reference
    assert corpus_json_text([], []) == json.dumps(_json([], []), indent=2) + "\n"


def test_records_are_fetched_again_when_evicted(tmp_path: Path) -> None:
    """A big corpus keeps only recent full records; the others come back from the cache or
    the file, identical."""
    from tilbrowse.library.library import Library

    cache = Cache(tmp_path / "c")
    library = Library.load([GOLD], cache=cache, workers=1, keep=2)
    ids = list(library.entries)
    first = {i: library.records[i] for i in ids}
    assert len(library._recent) <= 2  # noqa: SLF001
    again = Library.load([GOLD])
    for i in ids:
        assert library.records[i] == first[i] == again.records[i]
    without = Library(cache=None, keep=1)
    without.add_all(again.records[i] for i in ids[:5])
    assert [without.records[i] for i in ids[:5]] == [first[i] for i in ids[:5]]


def test_read_only_cache_file_degrades_with_one_warning(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes read-only files")
    folder = tmp_path / "c"
    Cache(folder).close()
    (folder / "articles.sqlite3").chmod(0o444)
    folder.chmod(0o555)
    try:
        cache = Cache(folder)
        records, _ = analyse_corpus([SEEDS], cache=cache)
        assert len(records) == 2
        assert cache.warning is None or "without cache" in cache.warning
    finally:
        folder.chmod(0o755)


def test_cache_of_an_older_layout_is_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    db = sqlite3.connect(folder / "articles.sqlite3")
    db.execute("PRAGMA application_id=1414089794")
    db.execute("CREATE TABLE entries (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, version TEXT, data BLOB)")
    db.commit()
    db.close()
    cache = Cache(folder)
    assert cache.enabled and cache.warning is None
    assert _json(*analyse_corpus([SEEDS], cache=cache)) == _json(*analyse_corpus([SEEDS]))
    assert _json(*analyse_corpus([SEEDS], cache=cache)) == _json(*analyse_corpus([SEEDS]))


def _rows_of(paths: list[Path]) -> list[bytes]:
    from tilbrowse.library.cache import make_row
    from tilbrowse.library.library import analyse

    out = []
    for path in paths:
        record = analyse(str(path), path.stem)
        assert not isinstance(record, Problem)
        out.append(make_row(record).packed)
    return out


def test_a_rows_parts_are_read_alone_and_only_up_to_their_end() -> None:
    parts = (b'{"summary":1}', b'{"record":"' + b"x" * 5000 + b'"}', b"report \xe2\x80\x94 text")
    blob = pack_parts(parts)
    assert [unpack_part(blob, k) for k in range(3)] == list(parts)
    # The first part is read from the start of the stream: a blob damaged after it still
    # gives it (so a warm start decompresses summaries only), and the last part checks the end.
    damaged = blob[: len(blob) // 2]
    assert unpack_part(damaged, 0) == parts[0]
    for k in (1, 2):
        with pytest.raises((ValueError, zlib.error)):
            unpack_part(damaged, k)
    for bad in (b"", b"\x00", b"\x02\x01\x00\x00\x00", blob[:1] + b"\xff" * 12 + blob[13:]):
        with pytest.raises((ValueError, zlib.error, struct.error)):
            unpack_part(bad, 0)


def test_rows_are_compressed_against_the_shape_of_an_article_not_its_words() -> None:
    # The preset dictionary holds field names and short labels, never a sentence of an article.
    from tilbrowse.bench.cachedict import FIELD_NAME, SHORT

    def strings(value: object) -> list[str]:
        if isinstance(value, dict):
            return [*value, *(s for v in value.values() for s in strings(v))]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    skeletons = json.loads(DICTIONARY_PATH.read_text("utf-8"))
    values = [s for sk in skeletons for s in strings(sk)]
    keys = {k for sk in skeletons for k in _keys(sk)}
    assert values and max(len(s) for s in values if s not in keys) <= SHORT
    assert all(FIELD_NAME.fullmatch(k) for k in keys), sorted(k for k in keys if not FIELD_NAME.fullmatch(k))
    # …and it earns its place: each seed's row is 200+ bytes smaller than without it (what its
    # field names would cost; the bench corpus's rows: 4.1 KB, 4.6 KB without it).
    for packed in _rows_of(sorted(SEEDS.glob("*.txt"))):
        whole = b"".join(unpack_part(packed, k) for k in range(3))
        assert len(zlib.compress(whole, 9)) - len(packed) >= 200, len(packed)


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


# A row keeps the article's text as a digest; the file holds the text.

_STORY = (
    "# Brindle-7 update\n\n"
    "Investigators at the Harrowgate clinic said the cell product was made in under three weeks.\n\n"
    "The ORR was 30% in 20 patients.\n"
)


def _corpus_of(tmp_path: Path, text: str) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(text, "utf-8")
    return corpus


def test_a_row_does_not_copy_the_articles_text(tmp_path: Path) -> None:
    from tilbrowse.library.cache import body_digest
    from tilbrowse.library.codec import loads
    from tilbrowse.library.library import Library
    from tilbrowse.library.schema import RECORD

    corpus = _corpus_of(tmp_path, _STORY)
    cache = Cache(tmp_path / "c")
    library = Library.load([corpus], cache=cache, workers=1, keep=0)
    (packed,) = sqlite3.connect(cache.path).execute("SELECT packed FROM entries").fetchone()
    record = loads(unpack_part(packed, RECORD))
    assert record["article"]["body"] == ""
    # a sentence with no figure is in neither the record nor the report (the summary keeps the
    # body's distinct words, for search)
    assert not any(b"made in under three weeks" in unpack_part(packed, k) for k in (1, 2))
    fresh = Library.load([corpus]).records["a"]
    served = library.records["a"]  # from the cache row and the file read again
    assert served == fresh and record["body"] == body_digest(fresh.article.body)


def test_a_file_changed_behind_its_size_and_time_is_analysed_again(tmp_path: Path) -> None:
    from tilbrowse.library.library import Library

    corpus = _corpus_of(tmp_path, _STORY)
    path = corpus / "a.md"
    cache = Cache(tmp_path / "c")
    library = Library.load([corpus], cache=cache, workers=1, keep=0)
    before = path.stat()
    path.write_text(_STORY.replace("30%", "45%"), "utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time
    record = library.records["a"]
    assert "45%" in record.article.body
    assert record.cohorts[0].outcomes["orr"].percent == 45.0  # type: ignore[union-attr]


def test_a_file_gone_since_the_load_serves_no_record(tmp_path: Path) -> None:
    from tilbrowse.library.library import Library

    corpus = _corpus_of(tmp_path, _STORY)
    library = Library.load([corpus], cache=Cache(tmp_path / "c"), workers=1, keep=0)
    (corpus / "a.md").unlink()
    assert library.fetch("a") is None  # no body to show: the watcher removes the article
    assert library.extraction("a") is not None  # its figures are still known, as the list shows them


def test_exports_and_cohort_lists_do_not_read_the_files_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tilbrowse.library import cache as cache_module
    from tilbrowse.library.library import Library

    corpus = _corpus_of(tmp_path, _STORY)
    cache = Cache(tmp_path / "c")
    full, _ = analyse_corpus([corpus], cache=cache)
    library = Library.load([corpus], cache=cache, workers=1, keep=0)

    def must_not_read(*_: object) -> None:
        raise AssertionError("the file was read again")

    monkeypatch.setattr(cache_module, "load_one", must_not_read)
    (served,), _ = analyse_corpus([corpus], cache=cache, texts=False)
    assert served.extraction == full[0].extraction and served.article.body == ""
    assert served.article.title == full[0].article.title
    assert library.extraction("a") == full[0].extraction
    found = library.cohort("a#1")  # a comparison
    assert found is not None and found[1] == full[0].extraction.cohorts[0]
    with pytest.raises(AssertionError, match="read again"):
        library.fetch("a")  # a full record does read it


def test_a_page_damaged_in_the_middle_is_met_in_use_and_the_cache_made_again(tmp_path: Path) -> None:
    """The file is not read whole at open (3.5 s for 100,000 articles on a cold disk): a damaged
    page is met when a row on it is read, and the cache is then made again — once."""
    folder = tmp_path / "c"
    cache = Cache(folder)
    expected = _json(*analyse_corpus([GOLD, SEEDS], cache=cache))
    cache.close()
    path = folder / "articles.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    page = 65536
    assert len(data) >= 4 * page  # rows on several pages
    data[2 * page : 3 * page] = b"\xa5" * page  # one page of rows, garbage
    path.write_bytes(bytes(data))
    again = Cache(folder)
    assert again.enabled and again.warning is None  # opened without reading it all
    assert _json(*analyse_corpus([GOLD, SEEDS], cache=again)) == expected
    assert again.enabled and again.warning is not None and "made again" in again.warning
    again.close()
    third = Cache(folder)
    assert _json(*analyse_corpus([GOLD, SEEDS], cache=third)) == expected
    assert third.warning is None
    rows = sqlite3.connect(third.path).execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    assert rows == 68  # every article written again


def _damage_a_page(folder: Path) -> None:
    path = folder / "articles.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    assert len(data) >= 4 * 65536
    data[2 * 65536 : 3 * 65536] = b"\xa5" * 65536
    path.write_bytes(bytes(data))


def test_a_cache_made_again_drops_the_images_that_would_keep_its_rows_from_coming_back(tmp_path: Path) -> None:
    """A start that restores an image reads no row: with the rows lost and the image kept, no row
    would be written again and every article opened would be analysed again, run after run."""
    from tilbrowse.library.library import Library

    folder = tmp_path / "c"
    first = Library.load([GOLD, SEEDS], cache=Cache(folder), workers=1)
    assert list((folder / "images").glob("*.img"))
    first.cache.close()  # type: ignore[union-attr]
    _damage_a_page(folder)
    cache = Cache(folder)
    restored = Library.load([GOLD, SEEDS], cache=cache, workers=1, keep=0)
    assert restored.restored == 68
    records = {i: restored.records[i] for i in restored.entries}  # a row on the damaged page is met
    assert cache.enabled and cache.warning is not None and "made again" in cache.warning
    assert not list((folder / "images").glob("*.img"))
    assert records == {i: r for i, r in ((i, first.records[i]) for i in first.entries)}
    cache.close()
    again = Library.load([GOLD, SEEDS], cache=Cache(folder), workers=1)
    assert again.restored == 0  # from the rows, written again
    rows = sqlite3.connect(folder / "articles.sqlite3").execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    assert rows == 68


def test_a_failure_met_on_a_connection_already_replaced_changes_nothing(tmp_path: Path) -> None:
    """Two threads meet the same damaged page: the first makes the cache again, the second's
    failure (on the old connection) must not close the new one."""
    cache = Cache(tmp_path / "c")
    analyse_corpus([SEEDS], cache=cache)
    old = cache._db  # noqa: SLF001
    assert old is not None
    damaged = sqlite3.DatabaseError("database disk image is malformed")
    damaged.sqlite_errorcode = 11  # type: ignore[attr-defined]
    cache._fail(damaged, old)  # noqa: SLF001 - the first thread
    assert cache.enabled and cache._db is not old  # noqa: SLF001
    cache._fail(damaged, old)  # noqa: SLF001 - the second, late
    assert cache.enabled and "made again" in (cache.warning or "")
