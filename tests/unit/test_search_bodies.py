"""The body words' index on disk: shared, locked, damaged, outgrown — search stays whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from tilbrowse.search import bodies as bodies_module
from tilbrowse.search.bodies import FOLDER, PersistedBodies
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


def test_a_second_run_that_cannot_write_keeps_its_new_words_in_memory(tmp_path: Path) -> None:
    holder = _open(tmp_path)
    SearchIndex(_docs(1), bodies=holder)
    holder.flush()  # writes and keeps the writer (as a load in progress does)
    other = _open(tmp_path)
    index = SearchIndex(_docs(3), bodies=other)
    index.persist()  # the writer is held by the first: refused, words stay in memory
    assert other.warning and "cannot be written" in other.warning
    assert other.pending() == 2
    assert index.search("cervical").ids == ["a2"] and index.search("melanoma").ids == ["a0"]
    holder.flush(release=True)
    assert set(SearchIndex(_docs(3), bodies=_open(tmp_path)).search("common").ids) == {"a0", "a1", "a2"}


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


def test_words_no_loaded_article_uses_are_deleted_once_they_pile_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bodies_module, "STALE_AT", 2)
    many = [make_doc(id=f"old{i}", title="t", date=None, body=f"gone{i} words") for i in range(6)]
    # …the folder's files since edited, or another folder opened with the same cache
    SearchIndex(many, bodies=_open(tmp_path)).persist()
    bodies = _open(tmp_path)
    index = SearchIndex(_docs(1), bodies=bodies)
    index.persist()  # 6 stale documents > max(2, 1 loaded): deleted
    assert _open(tmp_path)._disk_keys() == [bodies_module.words_key(_docs(1)[0].body)]
    assert index.search("melanoma").ids == ["a0"]


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
