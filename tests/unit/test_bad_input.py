"""DESIGN §8: every kind of bad file gets one clear problem, the rest still loads, nothing is written."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tilbrowse.corpus.load import MAX_FILE_BYTES, load_corpus, load_one

from ..hostile import CASES, FM, Maker, _dir_named_md, _write
from ..work import calls_made

LOAD_CALLS = 20_000
"""Calls loading one bad file and a good one may make (the most, of any case, is under 2,000)."""


def _checksums(folder: Path) -> dict[str, str]:
    sums = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_FILE_BYTES * 4:
            continue
        sums[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


@pytest.mark.parametrize(("case", "make", "expected", "level"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_clear_problem_and_the_rest_loads(
    case: str, make: Maker, expected: str | None, level: str | None, good_article: Path
) -> None:
    folder = good_article.parent
    make(folder)
    before = _checksums(folder)
    corpus = load_corpus([folder])
    # Loading stays cheap whatever the file: work in calls, not seconds (the machine may be busy).
    assert calls_made(lambda: load_corpus([folder])) <= LOAD_CALLS, "loading must stay cheap whatever the file"
    ids = {a.id for a in corpus.articles}
    assert "good" in ids, "the good article must still load"
    problems = list(corpus.problems) + [p for a in corpus.articles for p in a.problems]
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1, problems
        assert expected in problems[0].message
        assert problems[0].level == level
    assert _checksums(folder) == before, "no corpus file may change"


def test_bom_does_not_hide_front_matter(good_article: Path) -> None:
    _write("ok.md", b"\xef\xbb\xbf" + FM.format("title: BOM title").encode())(good_article.parent)
    corpus = load_corpus([good_article.parent])
    assert corpus.article("ok") is not None and corpus.article("ok").title == "BOM title"  # type: ignore[union-attr]


def test_crlf_front_matter_reads(good_article: Path) -> None:
    _write("ok.md", FM.format("title: CRLF title\ntags: [a, b]").replace("\n", "\r\n"))(good_article.parent)
    article = load_corpus([good_article.parent]).article("ok")
    assert article is not None and article.title == "CRLF title" and article.tags == ("a", "b")
    assert "\r" not in article.body


def test_front_matter_problem_keeps_the_body(good_article: Path) -> None:
    _write("bad.md", FM.format("title: [unclosed"))(good_article.parent)
    article = load_corpus([good_article.parent]).article("bad")
    assert article is not None and "ORR was 30%" in article.body


def test_yaml_escape_sequences_in_values_are_neutralised(good_article: Path) -> None:
    _write("bad.md", FM.format('title: "evil \\e[2J title"'))(good_article.parent)
    article = load_corpus([good_article.parent]).article("bad")
    assert article is not None and "\x1b" not in article.title and "\ufffd" in article.title


def test_folder_named_md_is_walked(good_article: Path) -> None:
    _dir_named_md(good_article.parent)
    assert load_corpus([good_article.parent]).article("inner") is not None


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_permission_denied(good_article: Path) -> None:
    bad = good_article.parent / "secret.md"
    bad.write_text("# Secret\n")
    bad.chmod(0)
    try:
        corpus = load_corpus([good_article.parent])
    finally:
        bad.chmod(0o644)
    assert [p.message for p in corpus.problems] == ["permission denied; skipped"]


def test_missing_root_is_a_problem(tmp_path: Path) -> None:
    corpus = load_corpus([tmp_path / "nope"])
    assert corpus.articles == () and "no such file" in corpus.problems[0].message


def test_non_article_extensions_are_ignored(good_article: Path) -> None:
    (good_article.parent / "image.png").write_bytes(b"\x89PNG\r\n")
    (good_article.parent / ".hidden.md").write_text("# Hidden\n")
    corpus = load_corpus([good_article.parent])
    assert [a.id for a in corpus.articles] == ["good"] and corpus.problems == ()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    data=st.one_of(
        st.binary(max_size=4096),
        st.text(max_size=2048).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.text(alphabet="-:#[]{}&*!|>'\"\n 0123456789abcNCT%", max_size=600).map(lambda t: ("---\n" + t).encode()),
    )
)
def test_arbitrary_bytes_never_raise_and_stay_fast(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.md"
    path.write_bytes(data)
    assert calls_made(lambda: load_one(str(path), "fuzz")) <= 5_000 + 20 * len(data)  # work, not seconds
    result = load_one(str(path), "fuzz")
    assert result is not None


@pytest.mark.parametrize(
    ("front_matter", "refused"),
    [
        ("a: " + "[" * 100_000, True),  # past libyaml's own limit: our words, not the library's
        ("a: " + "[" * 49 + "]" * 49, True),
        ("a:\n  - " + "{x: " * 49 + "}" * 49, True),
        ("a: " + "[" * 47 + "]" * 47, False),
        ("title: brackets[" + "[" * 80 + " in a plain scalar", False),
        ('title: "' + "[" * 80 + '"', False),
        ("title: '" + "{" * 80 + "'", False),
        ("# " + "[" * 80 + "\ntitle: T", False),
    ],
    ids=["100k-flow", "49-flow", "49-mixed", "47-flow-in-a-mapping", "plain-scalar", "double-quoted", "single-quoted", "comment"],
)
def test_nesting_bound_is_ours_whatever_the_yaml_library_does(front_matter: str, refused: bool) -> None:
    """The depth bound is tilbrowse's: one message naming the limit, before libyaml (which has its own) runs."""
    from tilbrowse.corpus.front_matter import MAX_DEPTH, BoundedYAMLHandler, FrontMatterError

    handler = BoundedYAMLHandler()
    if refused:
        with pytest.raises(FrontMatterError) as caught:
            handler.load(front_matter)
        message = str(caught.value)
        assert "front matter" in message and "nest" in message and str(MAX_DEPTH) in message
        assert "exceeded maximum" not in message, "the library's wording never reaches the user"
    else:
        loaded = handler.load(front_matter)
        assert isinstance(loaded, dict)


def test_a_folders_readme_is_not_an_article_but_is_read_when_named(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Our TIL reading list\n\nNotes on what is in this folder.\n", encoding="utf-8")
    (tmp_path / "readme.txt").write_text("more notes\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# Drug X in melanoma\n\nThe ORR was 40% in 20 patients.\n", encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert [a.title for a in corpus.articles] == ["Drug X in melanoma"]
    assert corpus.problems == ()
    named = load_corpus([tmp_path / "README.md"])
    assert [a.title for a in named.articles] == ["Our TIL reading list"]
