"""The body words' index on disk: shared, locked, damaged, outgrown — search stays whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from tilbrowse.search.bodies import DAMAGED, FOLDER, REGEX_PART, PersistedBodies
from tilbrowse.search.document import SearchDoc, make_doc
from tilbrowse.search.index import SearchIndex

WORDS = ("melanoma", "sarcoma", "cervical")


def _docs(n: int = 3) -> list[SearchDoc]:
    return [
        make_doc(id=f"a{i}", title=f"Article {i}", date=f"2024-01-0{i + 1}", body=f"common {WORDS[i]} body{i}")
        for i in range(n)
    ]


def _open(folder: Path) -> PersistedBodies:
    found = PersistedBodies.open(folder)
    assert found is not None
    return found


def test_words_written_once_are_found_by_the_next_run_without_being_written_again(tmp_path: Path) -> None:
    first = SearchIndex(_docs(), bodies=_open(tmp_path))
    first.persist()
    again = _open(tmp_path)
    index = SearchIndex(_docs(), bodies=again)
    assert again.pending() == 0
    assert index.search("sarcoma").ids == ["a1"]
    assert set(index.search("common").ids) == {"a0", "a1", "a2"}
    assert index.postings.tiers[3] == {}  # nothing of the bodies in memory


def test_a_second_run_that_cannot_write_keeps_its_new_words_in_memory_and_asks_again(tmp_path: Path) -> None:
    holder = _open(tmp_path)
    SearchIndex(_docs(1), bodies=holder)
    holder.flush(release=False)  # writes and keeps the writer (as a load in progress may)
    other = _open(tmp_path)
    index = SearchIndex(_docs(3), bodies=other)
    index.persist()  # the writer is held by the first: refused, words stay in memory
    assert other.warning and "cannot be written" in other.warning
    assert other.pending() == 2
    assert index.search("cervical").ids == ["a2"] and index.search("melanoma").ids == ["a0"]
    holder.flush()  # lets go of the writer
    more = [make_doc(id=f"m{i}", title="m", date=None, body=f"extra{i} words") for i in range(3)]
    index.add_many(more)
    index.persist()  # asked again (the words kept have doubled): written
    assert other.pending() == 0 and other.warning is None
    reopened = SearchIndex([*_docs(3), *more], bodies=_open(tmp_path))
    assert reopened.postings.bodies.pending() == 0
    assert set(reopened.search("common").ids) == {"a0", "a1", "a2"}


def test_a_search_during_a_write_misses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The loader writes without the library's lock while a search runs: the write may land
    # between the search's reading of the words in memory and its query of the disk.
    bodies = _open(tmp_path)
    index = SearchIndex(_docs(3), bodies=bodies)
    disk_find = bodies._disk_find

    def write_first(make_query):  # type: ignore[no-untyped-def]
        monkeypatch.setattr(bodies, "_disk_find", disk_find)
        bodies.flush()
        return disk_find(make_query)

    monkeypatch.setattr(bodies, "_disk_find", write_first)
    assert set(index.search("common").ids) == {"a0", "a1", "a2"}
    assert bodies.pending() == 0


def test_a_damaged_index_is_made_again(tmp_path: Path) -> None:
    SearchIndex(_docs(), bodies=_open(tmp_path)).persist()
    (tmp_path / FOLDER / "meta.json").write_text("{not json", "utf-8")
    bodies = _open(tmp_path)
    index = SearchIndex(_docs(), bodies=bodies)
    assert bodies.pending() == 3  # nothing trusted from the damaged files
    index.persist()
    assert index.search("cervical").ids == ["a2"]


def test_articles_with_the_same_words_share_them_and_go_their_own_ways(tmp_path: Path) -> None:
    twins = [make_doc(id=i, title=i, date=None, body="shared melanoma words") for i in ("x", "y")]
    index = SearchIndex(twins, bodies=_open(tmp_path))
    index.persist()
    assert set(index.search("melanoma").ids) == {"x", "y"}
    index.remove("x")
    assert index.search("melanoma").ids == ["y"]
    index.add(make_doc(id="y", title="y", date=None, body="now about sarcoma"))  # the file was edited
    assert index.search("melanoma").ids == [] and index.search("sarcoma").ids == ["y"]
    index.persist()
    assert index.search("sarcoma").ids == ["y"]


def test_words_no_loaded_article_uses_are_kept_for_the_other_folders_sharing_the_cache(tmp_path: Path) -> None:
    others = [make_doc(id=f"old{i}", title="t", date=None, body=f"gone{i} words") for i in range(6)]
    SearchIndex(others, bodies=_open(tmp_path)).persist()
    SearchIndex(_docs(1), bodies=_open(tmp_path)).persist()  # another folder, same cache
    again = _open(tmp_path)
    index = SearchIndex(others, bodies=again)
    assert again.pending() == 0 and index.search("words").ids


def test_parts_of_words_are_found_on_disk_whatever_their_characters(tmp_path: Path) -> None:
    docs = [
        make_doc(id="a", title="a", date=None, body="c-144-01 pd-1/pd-l1 nct01234567"),
        make_doc(id="b", title="b", date=None, body="other words"),
    ]
    index = SearchIndex(docs, bodies=_open(tmp_path))
    index.persist()
    for part in ("144-0", "/pd", "d-l1", "01234"):
        assert index.search(f"'{part}").ids == ["a"], part
    for part in ("(", "[x", ".*", "\\", "é", '"'):
        index.search(f"'{part}")  # never raises


def test_without_tantivy_the_index_stays_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_tantivy(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "tantivy":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tantivy)
    assert PersistedBodies.open(tmp_path) is None


def test_a_long_exact_part_is_found_on_disk_too(tmp_path: Path) -> None:
    word = "x" * (REGEX_PART + 400)
    docs = [
        make_doc(id="a", title="a", date=None, body=f"{word}y other"),
        make_doc(id="b", title="b", date=None, body="b"),
    ]
    index = SearchIndex(docs, bodies=_open(tmp_path))
    index.persist()
    assert index.search(f"'{word}").ids == ["a"]


@pytest.mark.parametrize(("suffix", "where"), [(".idx", 0.5), (".idx", 0.6), (".fieldnorm", 0.76), (".term", 0.91)])
def test_a_damaged_segment_never_fails_a_start_or_a_search(tmp_path: Path, suffix: str, where: float) -> None:
    # A byte flipped inside a segment (its footer intact) makes tantivy panic, not raise.
    docs = [make_doc(id=f"d{i}", title=f"t{i}", date=None, body=f"melanoma{i % 7} common word{i}") for i in range(300)]
    SearchIndex(docs, bodies=_open(tmp_path)).persist()
    segment = next((tmp_path / FOLDER).glob("*" + suffix))
    data = bytearray(segment.read_bytes())
    data[int(len(data) * where)] ^= 0xFF
    segment.write_bytes(bytes(data))
    bodies = _open(tmp_path)  # never raises
    index = SearchIndex(docs, bodies=bodies)
    results = [index.search(q) for q in ("common", "melanoma3", "'rd1", "melanom")]  # never raise
    if bodies.failure:  # damage found by a query: said in the result, made again at the next start
        assert bodies.failure in results[-1].note
        assert (tmp_path / FOLDER / DAMAGED).exists()
        fresh = _open(tmp_path)
        assert fresh.pending() == 0 and not (tmp_path / FOLDER / DAMAGED).exists()
        assert len(SearchIndex(docs, bodies=fresh).search("common").ids) == 300
    else:
        assert len(results[0].ids) == 300


def test_words_looked_up_are_looked_up_again_once_articles_change(tmp_path: Path) -> None:
    # The articles of a body word are kept while typing; an article added, replaced or removed,
    # or a write, must never leave a kept answer stale.
    docs = [*_docs(3), make_doc(id="q", title="q", date=None, body="quintessence")]
    index = SearchIndex(docs, bodies=_open(tmp_path))
    index.persist()
    assert index.search("quintessence").ids == ["q"]
    index.add(make_doc(id="twin", title="t", date=None, body="quintessence"))  # its words already on disk
    assert set(index.search("quintessence").ids) == {"q", "twin"}
    index.remove("twin")
    index.add(make_doc(id="new", title="n", date=None, body="quintessence again"))
    assert set(index.search("quintessence").ids) == {"q", "new"}
    index.persist()
    assert set(index.search("quintessence").ids) == {"q", "new"}
    index.remove("q")
    assert index.search("quintessence").ids == ["new"]
    index.add(make_doc(id="new", title="n", date=None, body="something else"))
    assert index.search("quintessence").ids == []
    again = SearchIndex(
        [*docs, make_doc(id="new", title="n", date=None, body="quintessence again")], bodies=_open(tmp_path)
    )
    assert set(again.search("quintessence").ids) == {"q", "new"}


def test_a_short_prefix_of_many_body_words_finds_them_all(tmp_path: Path) -> None:
    docs = [make_doc(id=f"d{i}", title="t", date=None, body=f"zeta{i:02d}word other") for i in range(20)]
    index = SearchIndex(docs, bodies=_open(tmp_path))
    index.persist()
    assert len(index.search("zet").ids) == 20
    assert index.search("zeta07").ids == ["d7"]
    assert len(index.search("zeta0").ids) == 10
