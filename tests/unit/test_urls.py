"""Source URLs from untrusted articles: only web addresses become `source_url` (issue 14).

`corpus.urls.check_url` is the one decision; these tests run every refused and accepted form
through it directly, then through both article shapes: front-matter keys, `sources` entries
(mappings and plain strings), and a plain article's `<…>` trailer and bare URL line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tilbrowse.corpus.load import load_corpus
from tilbrowse.corpus.parse import URL_KEYS, parse_article
from tilbrowse.corpus.text import clean_value
from tilbrowse.corpus.urls import MAX_URL_LENGTH, check_url, shown_value, web_url

LONG = "https://ok.example/" + "a" * 10_240
"""A 10 KB address: over the bound however well-formed."""

REJECTED = [
    ("file", "file:///etc/passwd", "scheme is 'file:'"),
    ("javascript", "javascript:alert(1)", "scheme is 'javascript:'"),
    ("data", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "scheme is 'data:'"),
    ("smb", "smb://fileserver/share/x", "scheme is 'smb:'"),
    ("vscode", "vscode://file/home/user/.bashrc", "scheme is 'vscode:'"),
    ("schemeless", "www.example.com/x", "no http:// or https:// scheme"),
    ("protocol-relative", "//example.com/x", "no http:// or https:// scheme"),
    ("newline-shell", "https://ok.example/x\n; rm -rf ~", "line break"),
    ("carriage-return", "https://ok.example/x\r\nSet-Cookie: a=b", "line break"),
    ("esc", "https://ok.example/\x1b[31mred", "U+001B"),
    ("nul", "https://ok.example\x00.evil.example/", "U+0000"),
    ("replacement-char", "https://ok.example/\ufffd[31m", "U+FFFD"),
    ("bidi-override", "https://ok.example/\u202egpj.exe", "U+202E"),
    ("inner-space", "https://ok.example/a b", "whitespace"),
    ("no-break-space", "https://ok.example/a\u00a0b", "whitespace"),
    ("10kb", LONG, "10,259 characters long"),
    ("userinfo", "https://bank.com@evil.example/", "user name or password"),
    ("userinfo-password", "https://user:secret@ok.example/", "user name or password"),
    ("backslash-host", "https://bank.com\\.evil.example/", "backslash"),
    ("no-host", "https:///x", "no host"),
    ("no-slashes", "https:example.com", "no host"),
    ("port-zero", "https://ok.example:0/", "port '0'"),
    ("port-too-big", "https://ok.example:99999/", "port '99999'"),
    ("port-not-a-number", "https://ok.example:8o8o/", "port '8o8o'"),
    ("bad-label", "https://-evil.example/", "not a valid host name"),
    ("hex-ip", "http://0x7f.1/", "neither a host name nor a dotted IPv4 address"),
    ("bad-ipv6", "http://[::g]/", "does not parse"),
]

ACCEPTED = [
    ("https", "https://ok.example/x", "https://ok.example/x"),
    ("http-port", "http://ok.example:8080/", "http://ok.example:8080/"),
    ("path-query-fragment", "https://ok.example/a/b.html?x=1&y=2#part", "https://ok.example/a/b.html?x=1&y=2#part"),
    ("percent-encoded", "https://ok.example/a%20b/%E2%9C%93?q=%3Cx%3E", "https://ok.example/a%20b/%E2%9C%93?q=%3Cx%3E"),
    ("surrounding-space", "  https://ok.example/x  ", "https://ok.example/x"),
    ("upper-case-scheme", "HTTPS://OK.example/X", "HTTPS://OK.example/X"),
    ("ipv4", "http://192.0.2.1/x", "http://192.0.2.1/x"),
    ("ipv6", "http://[2001:db8::1]:8443/x", "http://[2001:db8::1]:8443/x"),
    ("non-ascii-path", "https://de.wikipedia.org/wiki/Zürich", "https://de.wikipedia.org/wiki/Zürich"),
    ("idn-homograph", "https://аpple.com/login", "https://xn--pple-43d.com/login"),
    ("idn-with-port", "https://bücher.example:8443/?q=1", "https://xn--bcher-kva.example:8443/?q=1"),
    (
        "longest",
        "https://ok.example/" + "a" * (MAX_URL_LENGTH - 19),
        "https://ok.example/" + "a" * (MAX_URL_LENGTH - 19),
    ),
]


def cases(rows: list[tuple[str, str, str]]) -> list[object]:
    return [pytest.param(value, detail, id=name) for name, value, detail in rows]


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_article(text, article_id="x", path="x.md")


def yaml_string(value: str) -> str:
    """`value` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(value)


def url_warnings(article) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.message for p in article.problems if "is not a web address" in p.message]


# The decision itself -----------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "reason"), cases(REJECTED))
def test_refused(value: str, reason: str) -> None:
    verdict = check_url(value)
    assert verdict.url is None and web_url(value) is None
    assert reason in verdict.reason


@pytest.mark.parametrize(("value", "shown"), cases(ACCEPTED))
def test_accepted(value: str, shown: str) -> None:
    verdict = check_url(value)
    assert verdict.url == shown and verdict.reason == ""


def test_the_bound_is_exact() -> None:
    assert web_url("https://ok.example/" + "a" * (MAX_URL_LENGTH - 19))
    assert web_url("https://ok.example/" + "a" * (MAX_URL_LENGTH - 18)) is None


def test_an_accepted_address_is_accepted_as_shown() -> None:
    """What is shown is a fixed point: the UI's second check at opening accepts it unchanged."""
    for _, value, _ in ACCEPTED:
        shown = web_url(value)
        assert shown is not None and web_url(shown) == shown


def test_homograph_never_shows_the_familiar_name() -> None:
    shown = web_url("https://раураl.com/signin")  # Cyrillic р, а, у, а
    assert shown is not None and shown.startswith("https://xn--") and "раураl" not in shown


@pytest.mark.parametrize(
    "value", [None, "", "   ", 42, 3.5, True, ["https://ok.example/"], {"url": "https://ok.example/"}]
)
def test_non_text_is_refused(value: object) -> None:
    assert check_url(value).url is None


def test_refused_values_are_quoted_harmlessly() -> None:
    assert shown_value("a\nb\x1bc\u202ed") == "'a\\nb\\x1bc\\u202ed'"
    assert len(shown_value(LONG)) < 100


# Front matter ------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", URL_KEYS)
@pytest.mark.parametrize(("value", "reason"), cases(REJECTED))
def test_front_matter_url_keys(key: str, value: str, reason: str) -> None:
    article = parse(f"---\ntitle: T\n{key}: {yaml_string(value)}\n---\nBody.\n")
    assert article.source_url is None and article.sources == ()
    assert article.meta == {key: clean_value(value)}, "kept as the file wrote it (control characters neutralised)"
    (warning,) = url_warnings(article)
    assert warning.startswith(f"front matter {key} '")
    assert reason in warning and warning.endswith("kept as text and never opened")
    assert "\n" not in warning and "\x1b" not in warning and "\x00" not in warning
    assert [p.level for p in article.problems if p.message == warning] == ["warning"]


@pytest.mark.parametrize(("value", "reason"), cases(REJECTED))
def test_front_matter_sources_entries(value: str, reason: str) -> None:
    """A refused entry gives way to the next acceptable source; it stays in `meta`, as written."""
    text = (
        "---\ntitle: T\nsources:\n"
        f"- feed: Bad\n  title: Bad one\n  url: {yaml_string(value)}\n"
        f"- {yaml_string(value)}\n"
        "- feed: Good\n  title: Good one\n  url: https://ok.example/next\n"
        "---\nBody.\n"
    )
    article = parse(text)
    assert article.source_url == "https://ok.example/next"
    assert [(s.url, s.feed) for s in article.sources] == [("https://ok.example/next", "Good")]
    assert article.meta == {
        "sources": [{"feed": "Bad", "title": "Bad one", "url": clean_value(value)}, clean_value(value)]
    }
    (warning,) = url_warnings(article)  # one value, stated twice: one warning naming both places
    assert warning.startswith("front matter sources[1].url and sources[2] '") and reason in warning


def test_a_refused_key_and_a_good_source() -> None:
    article = parse(
        "---\ntitle: T\nurl: javascript:alert(1)\nsources:\n- feed: F\n  url: https://ok.example/a\n---\nBody.\n"
    )
    assert article.source_url == "https://ok.example/a"
    assert article.meta == {"url": "javascript:alert(1)"}
    assert url_warnings(article) == [
        "front matter url 'javascript:alert(1)' is not a web address: its scheme is 'javascript:', not http or https;"
        " kept as text and never opened"
    ]


def test_front_matter_odd_values() -> None:
    article = parse("---\ntitle: T\nURL: 2024-01-02\nlink: 42\nsources: [Reuters, {feed: F}]\n---\nBody.\n")
    assert article.source_url is None
    assert article.meta == {"URL": "2024-01-02", "link": 42, "sources": ["Reuters", {"feed": "F"}]}
    warnings = url_warnings(article)
    assert len(warnings) == 3
    assert any(w.startswith("front matter URL '2024-01-02'") and "no http:// or https:// scheme" in w for w in warnings)
    assert any(w.startswith("front matter link '42'") for w in warnings)
    assert any(w.startswith("front matter sources[1] 'Reuters'") for w in warnings)


@pytest.mark.parametrize(("value", "shown"), cases(ACCEPTED))
def test_front_matter_accepted(value: str, shown: str) -> None:
    for text in (
        f"---\ntitle: T\nurl: {yaml_string(value)}\n---\nBody.\n",
        f"---\ntitle: T\nsources:\n- feed: F\n  url: {yaml_string(value)}\n---\nBody.\n",
        f"---\ntitle: T\nsources: [{yaml_string(value)}]\n---\nBody.\n",
    ):
        article = parse(text)
        assert article.source_url == shown and article.meta == {} and url_warnings(article) == []


def test_entities_never_carry_a_url() -> None:
    article = parse("---\ntitle: T\nentities:\n- name: X\n  type: drug\n  url: javascript:alert(1)\n---\nBody.\n")
    assert article.source_url is None and [(e.name, e.type) for e in article.entities] == [("X", "drug")]


# Plain articles ----------------------------------------------------------------------------------

ONE_LINE = [(i, v, r) for i, v, r in REJECTED if "\n" not in v and "\r" not in v]


@pytest.mark.parametrize(("value", "reason"), cases(ONE_LINE))
def test_plain_trailer_refused(value: str, reason: str) -> None:
    article = parse(f"# T\n\nBody one.\n\n<{value}>\n")
    assert article.source_url is None
    assert article.body == f"Body one.\n\n<{value}>", "kept in the text, as written"
    (warning,) = url_warnings(article)
    assert warning.startswith("source line '") and reason in warning


BARE = [(i, v, r) for i, v, r in ONE_LINE if not any(ch.isspace() for ch in v) and not v.startswith("//")]


@pytest.mark.parametrize(("value", "reason"), cases(BARE))
def test_plain_bare_line_refused(value: str, reason: str) -> None:
    article = parse(f"# T\n\nBody one.\n\n{value}\n")
    assert article.source_url is None
    assert article.body.endswith(value)
    (warning,) = url_warnings(article)
    assert reason in warning


@pytest.mark.parametrize("value", ["https://ok.example/x\n; rm -rf ~", "https://ok.example/x\r\n; rm -rf ~"])
def test_plain_line_break_never_joins_a_url(value: str) -> None:
    for text in (f"# T\n\nBody.\n\n<{value}>\n", f"# T\n\nBody.\n\n{value}\n"):
        article = parse(text.replace("\r\n", "\n"))
        assert article.source_url is None and "rm -rf" in article.body


@pytest.mark.parametrize(("value", "shown"), cases(ACCEPTED))
def test_plain_accepted(value: str, shown: str) -> None:
    for line in (f"<{value.strip()}>", value.strip(), f"Source: {value.strip()}"):
        article = parse(f"# T\n\nBody one.\n\n{line}\n")
        assert article.source_url == shown and article.body == "Body one." and url_warnings(article) == []


def test_refused_trailer_ends_the_footer() -> None:
    """A good URL above a refused line is not reached: nothing is cut from the text around it."""
    article = parse("# T\n\nBody.\n\n<https://ok.example/a>\n<file:///etc/passwd>\n")
    assert article.source_url is None and article.body.endswith("<https://ok.example/a>\n<file:///etc/passwd>")


# From files on disk: the decoder runs first ------------------------------------------------------


def test_files_with_control_bytes(tmp_path: Path) -> None:
    """ESC in a file is neutralised to U+FFFD by the decoder, which refuses the URL; a NUL byte
    is removed by the decoder (with its own warning) before any parsing, so what is checked,
    shown and opened is the same NUL-free text."""
    (tmp_path / "esc_fm.md").write_bytes(b'---\ntitle: T\nurl: "https://ok.example/\x1b[31m"\n---\nBody.\n')
    (tmp_path / "esc_fm_escape.md").write_bytes(b'---\ntitle: T\nurl: "https://ok.example/\\e[31m"\n---\nBody.\n')
    (tmp_path / "nul_fm_escape.md").write_bytes(b'---\ntitle: T\nurl: "https://ok.example\\0.evil/"\n---\nBody.\n')
    (tmp_path / "esc_plain.md").write_bytes(b"# T\n\nBody.\n\n<https://ok.example/\x1b[31m>\n")
    (tmp_path / "nul_plain.md").write_bytes(b"# T\n\nBody.\n\n<javascript:\x00alert(1)>\n")
    (tmp_path / "nul_plain_ok.md").write_bytes(b"# T\n\nBody.\n\n<https://ok.exa\x00mple/x>\n")
    by_id = {a.id: a for a in load_corpus([tmp_path]).articles}
    for name in ("esc_fm", "esc_fm_escape", "nul_fm_escape", "esc_plain", "nul_plain"):
        article = by_id[name]
        assert article.source_url is None, name
        assert len(url_warnings(article)) == 1, name
    assert by_id["esc_fm"].meta == {"url": "https://ok.example/\ufffd[31m"}
    ok = by_id["nul_plain_ok"]
    assert ok.source_url == "https://ok.example/x"
    assert any("NUL byte" in p.message for p in ok.problems)


def test_markup_inside_angle_brackets_is_text() -> None:
    """`<data:…<script>…>` is not a trailer line at all: it stays text, and is never a source."""
    article = parse("# T\n\nBody.\n\n<data:text/html,<script>alert(1)</script>>\n")
    assert article.source_url is None and article.body.endswith("</script>>")


@pytest.mark.parametrize("line", ["<Note: see the full release>", "<Editor's note>", "Source: Reuters", "<br>"])
def test_text_that_is_no_url_line_gives_no_warning(line: str) -> None:
    article = parse(f"# T\n\nBody.\n\n{line}\n")
    assert article.source_url is None and url_warnings(article) == [] and article.body.endswith(line)
