"""DESIGN §8: every kind of bad file gets one clear problem, the rest still loads, nothing is written."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tilbrowse.data.corpus import MAX_FILE_BYTES, load_corpus, load_one

FM = "---\n{}\n---\nBody of the brief with a figure: ORR was 30%.\n"

Maker = Callable[[Path], None]


def _write(name: str, data: bytes | str) -> Maker:
    def make(folder: Path) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (folder / name).write_bytes(raw)

    return make


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.md")


def _device(folder: Path) -> None:
    os.symlink("/dev/zero", folder / "zero.md")


def _self_loop(folder: Path) -> None:
    os.symlink("loop.md", folder / "loop.md")


def _dangling(folder: Path) -> None:
    os.symlink("does-not-exist.md", folder / "dangling.md")


def _dir_loop(folder: Path) -> None:
    (folder / "sub").mkdir()
    os.symlink("..", folder / "sub" / "up")


def _dir_named_md(folder: Path) -> None:
    (folder / "notes.md").mkdir()
    (folder / "notes.md" / "inner.txt").write_text("# Inner article\n\nText.\n")


def _sparse_huge(folder: Path) -> None:
    with open(folder / "huge.md", "wb") as handle:
        handle.truncate(10 * 1024**3)


ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)

# (case id, how to make the bad file, expected words in its problem, level or None if no problem)
CASES: list[tuple[str, Maker, str | None, str | None]] = [
    ("invalid-yaml", _write("bad.md", FM.format("title: [unclosed\nfoo: : :")), "not valid YAML", "warning"),
    ("front-matter-list", _write("bad.md", FM.format("- a\n- b")), "front matter is a list", "warning"),
    ("front-matter-scalar", _write("bad.md", FM.format("just a sentence")), "front matter is a string", "warning"),
    ("impossible-date", _write("bad.md", FM.format("title: T\ndate: 2024-02-30")), "not a real date", "warning"),
    ("alias-bomb", _write("bad.md", FM.format(ALIAS_BOMB)), "alias bomb", "warning"),
    ("deep-nesting", _write("bad.md", FM.format("a: " + "[" * 100_000)), "nests deeper", "warning"),
    (
        "deep-block-nesting",
        _write("bad.md", FM.format("a:\n" + "".join(" " * i + "- \n" for i in range(1, 300)))),
        "nests deeper",
        "warning",
    ),
    (
        "python-tag",
        _write("bad.md", FM.format("x: !!python/object/apply:os.system ['echo hi']")),
        "will not construct",
        "warning",
    ),
    ("unclosed-front-matter", _write("bad.md", "---\ntitle: T\nno end here\n"), "never closes", "warning"),
    ("binary", _write("bad.md", bytes(range(256)) * 40), "binary file", "error"),
    ("nul-bytes", _write("bad.md", "# Title\n\nSome\x00 text with a NUL.\n"), "NUL byte", "warning"),
    ("non-utf8", _write("bad.md", "# Caf\xe9 news\n\nR\xe9sum\xe9.\n".encode("latin-1")), "not valid UTF-8", "warning"),
    ("bom-front-matter", _write("ok.md", b"\xef\xbb\xbf" + FM.format("title: BOM title").encode()), None, None),
    ("crlf", _write("ok.md", FM.format("title: CRLF title").replace("\n", "\r\n")), None, None),
    ("utf16", _write("ok.md", "\ufeff# UTF-16 title\n\nBody.\n".encode("utf-16-le")), "UTF-16", "warning"),
    ("empty", _write("bad.md", b""), "empty file", "error"),
    ("whitespace-only", _write("bad.md", b"  \n\n\t\n"), "only whitespace", "error"),
    ("too-large", _write("bad.md", b"a" * (MAX_FILE_BYTES + 1)), "MB limit", "error"),
    ("sparse-10GB", _sparse_huge, "MB limit", "error"),
    ("huge-single-line", _write("ok.md", "# Long\n\n" + "word " * 300_000), None, None),
    ("fifo", _fifo, "FIFO", "error"),
    ("device", _device, "device", "error"),
    ("symlink-loop", _self_loop, "symbolic link loop", "error"),
    ("dangling-link", _dangling, "broken symbolic link", "error"),
    ("folder-link-loop", _dir_loop, "already visited", "warning"),
    ("folder-named-md", _dir_named_md, None, None),
    (
        "escape-sequences",
        _write("bad.md", "# Title \x1b[31mred\x1b[0m\n\nBody \x1b]0;pwned\x07.\n"),
        "control character",
        "warning",
    ),
    ("yaml-escape-in-value", _write("bad.md", FM.format('title: "evil \\e[2J title"')), None, None),
]


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
    started = time.monotonic()
    corpus = load_corpus([folder])
    assert time.monotonic() - started < 5, "loading must stay fast whatever the file"
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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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
    started = time.monotonic()
    result = load_one(str(path), "fuzz")
    assert time.monotonic() - started < 2
    assert result is not None
