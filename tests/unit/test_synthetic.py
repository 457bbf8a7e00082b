"""The synthetic corpus generator: deterministic, realistic in size and shape, loadable."""

from __future__ import annotations

import re
from pathlib import Path

from tilbrowse.bench.synthetic import generate_article, generate_corpus
from tilbrowse.corpus.load import load_corpus

NAME = re.compile(r"^\d{6}_[0-9a-f]{16}\.(txt|md)$")


def test_same_index_and_seed_give_the_same_article() -> None:
    for index in (0, 1, 17, 999, 123_456):
        assert generate_article(index, seed=3) == generate_article(index, seed=3)


def test_different_seeds_and_indexes_give_different_articles() -> None:
    assert generate_article(5, seed=0) != generate_article(5, seed=1)
    assert generate_article(5)[1] != generate_article(6)[1]
    texts = {generate_article(i, seed=9)[1] for i in range(100)}
    assert len(texts) == 100


def test_file_names_carry_the_index_and_a_hex_id() -> None:
    names = [generate_article(i)[0] for i in range(200)]
    assert all(NAME.match(n) for n in names), names[:5]
    assert all(n.startswith(f"{i:06d}_") for i, n in enumerate(names))
    assert any(n.endswith(".md") for n in names) and any(n.endswith(".txt") for n in names)


def test_mean_size_is_about_four_and_a_half_kilobytes() -> None:
    sizes = [len(generate_article(i, seed=2)[1].encode("utf-8")) for i in range(200)]
    mean = sum(sizes) / len(sizes)
    assert 3500 <= mean <= 5500, mean
    assert min(sizes) >= 1500 and max(sizes) <= 9000, (min(sizes), max(sizes))


def test_both_shapes_occur() -> None:
    texts = [generate_article(i)[1] for i in range(200)]
    briefs = [t for t in texts if t.startswith("---\n")]
    plain = [t for t in texts if t.lstrip("\n").startswith("# ")]
    assert len(briefs) + len(plain) == len(texts)
    assert 40 <= len(briefs) <= 120, len(briefs)
    assert all("\ntitle: " in t and "\ndate: '" in t and "\nentities:\n" in t for t in briefs)
    assert all(" By [" in t and "All rights reserved." in t and t.rstrip().endswith(">") for t in plain)


def test_some_articles_report_outcomes_and_some_do_not() -> None:
    outcome = re.compile(r"response rate|ORR|partial response|complete response")
    texts = [generate_article(i, seed=4)[1] for i in range(200)]
    with_figures = sum(1 for t in texts if outcome.search(t))
    assert 90 <= with_figures <= 190, with_figures


def test_generate_corpus_writes_count_files_over_subfolders(tmp_path: Path) -> None:
    paths = generate_corpus(tmp_path / "corpus", 23, seed=5, subfolders=4)
    assert len(paths) == 23
    assert all(p.is_file() for p in paths)
    assert len({p.parent for p in paths}) == 4
    assert sorted(p for p in (tmp_path / "corpus").rglob("*") if p.is_file()) == sorted(paths)
    name, text = generate_article(7, seed=5)
    assert paths[7].name == name
    assert paths[7].read_bytes() == text.encode("utf-8")


def test_generate_corpus_without_subfolders(tmp_path: Path) -> None:
    paths = generate_corpus(tmp_path, 5)
    assert {p.parent for p in paths} == {tmp_path}


def test_corpus_loads_without_problems(tmp_path: Path) -> None:
    generate_corpus(tmp_path, 50, seed=8, subfolders=3)
    corpus = load_corpus([tmp_path])
    assert corpus.problems == ()
    assert len(corpus.articles) == 50
    assert [p for a in corpus.articles for p in a.problems] == []
    assert all(a.title and a.date for a in corpus.articles)
    assert {a.shape for a in corpus.articles} == {"front_matter", "plain"}


def test_pathological_shapes_are_files_a_load_reads() -> None:
    from tilbrowse.bench.synthetic import pathological_articles
    from tilbrowse.corpus.load import MAX_FILE_BYTES

    shapes = pathological_articles()
    assert len(shapes) >= 3
    for name, text in shapes.items():
        assert 100_000 < len(text.encode("utf-8")) <= MAX_FILE_BYTES, name
