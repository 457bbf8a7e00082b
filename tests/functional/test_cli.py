"""The command line: subcommands, JSON contract, exit codes, safe output files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tilbrowse import __version__
from tilbrowse.cli import TABLE_WIDTH, main, table_width

from ..conftest import REPO, SEEDS


def run(*args: str, cwd: Path = REPO, columns: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"PYTHONPATH": str(REPO)}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    return subprocess.run(
        [sys.executable, "-m", "tilbrowse", *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env
    )


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"tilbrowse {__version__}"
    for command in ("browse", "extract", "search", "compare"):
        result = run(command, "--help")
        assert result.returncode == 0 and "usage: tilbrowse " + command in result.stdout
        example = result.stdout.split("\nexample:\n", 1)[1]
        assert example.strip().startswith(f"tilbrowse {command} "), "every --help ends with an example"
    assert "\nexample:\n  tilbrowse " in run("--help").stdout


def test_search_without_query_says_query_is_required() -> None:
    result = run("search")
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert "tilbrowse: search: the following arguments are required: QUERY" in lines, result.stderr
    assert "PATH" not in lines[-2] and lines[-1].startswith("tilbrowse: example: tilbrowse search '")


def test_usage_errors_start_with_the_program_name() -> None:
    result = run("extract", "--format", "yaml", str(SEEDS))
    error_lines = [line for line in result.stderr.splitlines() if not line.startswith(("usage:", " "))]
    assert error_lines and all(line.startswith("tilbrowse: ") for line in error_lines), result.stderr


def test_extract_json_on_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEEDS), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["tilbrowse_version"] == __version__
    assert out["problems"] == []
    by_id = {a["id"]: a for a in out["articles"]}
    news = by_id["004_e8cdb65b83effc3a"]
    assert news["title"] == "T Cell Therapy Shows Promise for Melanoma and Cervical Cancer"
    assert news["date"] == "2019-07-16"
    assert news["trial_ids"] == ["NCT02360579", "NCT03108495"]
    assert news["source_url"].startswith("http://beta.docker.cancerhealth.com/article/")
    assert news["path"].endswith("seeds/004_e8cdb65b83effc3a.txt")
    for key in ("id", "path", "title", "date", "source_url", "trial_ids", "problems", "cohorts"):
        assert key in by_id["000_895c175884171d6d"]
    assert by_id["000_895c175884171d6d"]["date"] == "2026-03-15"


def test_problems_go_to_stderr_and_json_and_exit_zero(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# Good\n\nText.\n")
    (tmp_path / "empty.md").write_bytes(b"")
    result = run("extract", str(tmp_path), "--format", "json")
    assert result.returncode == 0
    assert "empty.md: empty file" in result.stderr
    data = json.loads(result.stdout)
    assert [p["message"] for p in data["problems"]] == ["empty file"]
    assert [a["id"] for a in data["articles"]] == ["good"]


def test_nothing_processed_exits_one(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    assert run("extract", str(tmp_path), "--format", "json").returncode == 1
    assert run("extract", str(tmp_path / "missing"), "--format", "json").returncode == 1


def test_usage_error_exits_two() -> None:
    result = run("extract", "--format", "yaml", str(SEEDS))
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_output_file_is_never_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert run("extract", str(SEEDS), "--format", "json", "-o", str(out)).returncode == 0
    first = out.read_text()
    assert json.loads(first)["articles"]
    out.write_text("mine")
    result = run("extract", str(SEEDS), "--format", "json", "-o", str(out))
    assert result.returncode == 2 and "already exists" in result.stderr
    assert out.read_text() == "mine"
    assert run("extract", str(SEEDS), "--format", "json", "-o", str(out), "--force").returncode == 0
    assert out.read_text() == first
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"], "no temporary file left behind"


def test_output_is_never_written_inside_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\nText.\n")
    result = run("extract", str(tmp_path), "--format", "json", "-o", str(tmp_path / "out.md"))
    assert result.returncode == 2 and "never writes there" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_extract_json_has_cohorts_with_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEEDS), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    news = next(a for a in out["articles"] if a["id"] == "004_e8cdb65b83effc3a")
    melanoma = news["cohorts"][0]
    assert melanoma["id"] == "004_e8cdb65b83effc3a#1"
    assert melanoma["outcomes"]["orr"]["percent"] == 38.0 and melanoma["outcomes"]["orr"]["count"] is None
    assert melanoma["derived"]["orr"]["count"] == 25 and melanoma["derived"]["orr"]["ci95"] == [26.2, 50.7]
    ev = melanoma["outcomes"]["pr"]["evidence"]
    body_text = ev["text"]
    assert "23 partial responses (35%)" in body_text and ev["end"] - ev["start"] == len(body_text)
    assert melanoma["outcomes"]["median_dor"] == {
        **melanoma["outcomes"]["median_dor"],
        "months": None,
        "not_reached": True,
    }
    brief = next(a for a in out["articles"] if a["id"] == "000_895c175884171d6d")
    assert brief["cohorts"] == [] and "2" in brief["facts"]["phases"]


def test_extract_csv_one_row_per_cohort(capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io

    assert main(["extract", str(SEEDS), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["cohort_id"] for r in rows] == ["004_e8cdb65b83effc3a#1", "004_e8cdb65b83effc3a#2"]
    assert rows[0]["orr_percent"] == "38" and rows[0]["orr_count"] == "" and rows[0]["cr_count"] == "2"
    assert rows[0]["median_dor_not_reached"] == "true" and rows[1]["median_followup_months"] == "7.4"
    # The melanoma cohort's 8.8 months is only possible (its reading scores below the line): the
    # CSV holds stated figures only.
    assert rows[0]["median_followup_months"] == ""
    assert rows[1]["product"] == "LN-145" and rows[1]["n"] == "27" and rows[1]["orr_ci95_low"] == "25.5"


def test_extract_markdown_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEEDS), "--format", "markdown"]) == 0
    md = capsys.readouterr().out
    assert "### Melanoma (004\\_e8cdb65b83effc3a#1)" in md and "| PR | 23 (35%) |" in md
    assert "No outcome figures reported." in md
    assert main(["extract", str(SEEDS), "--format", "table"]) == 0
    table = capsys.readouterr().out
    assert "23 (35%)" in table and "not reached" in table
    assert max(len(line) for line in table.splitlines()) <= 80


def test_csv_cells_cannot_run_as_formulas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "evil.md").write_text('# =HYPERLINK("http://x")\n\nThe ORR was 30% in 20 patients.\n')
    assert main(["extract", str(tmp_path), "--format", "csv"]) == 0
    assert "'=HYPERLINK" in capsys.readouterr().out


def test_extract_json_keeps_non_web_urls_as_text(tmp_path: Path) -> None:
    """Issue 14 through the command line: `source_url` is null or the next web address, the
    refused value stays in `meta` (front matter) or the text (plain), with a warning."""
    long = "https://ok.example/" + "a" * 10_240
    files = {
        "fm_file.md": '---\ntitle: A\nurl: "file:///etc/passwd"\n---\nBody.\n',
        "fm_newline.md": '---\ntitle: B\nsource_url: "https://ok.example/x\\n; rm -rf ~"\n---\nBody.\n',
        "fm_esc.md": '---\ntitle: C\ncanonical_url: "https://ok.example/\\e[31m"\n---\nBody.\n',
        "fm_next.md": (
            "---\ntitle: D\nsources:\n- feed: F\n  url: javascript:alert(1)\n- data:text/html;base64,PHN2Zz4=\n"
            "- feed: G\n  url: https://ok.example/next\n---\nBody.\n"
        ),
        "fm_userinfo.md": '---\ntitle: E\nlink: "https://bank.com@evil.example/"\n---\nBody.\n',
        "fm_long.md": f'---\ntitle: F\nurl: "{long}"\n---\nBody.\n',
        "plain_smb.md": "# G\n\nBody.\n\n<smb://fileserver/share>\n",
        "plain_www.md": "# H\n\nBody.\n\nwww.example.com/x\n",
        "plain_vscode.md": "# I\n\nBody.\n\n<vscode://file/home/u/.bashrc>\n",
        "plain_idn.md": "# J\n\nBody.\n\n<https://аpple.com/login>\n",
        "plain_ok.md": "# K\n\nBody.\n\n<http://ok.example:8080/a/b?c=1#d>\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("extract", str(tmp_path), "--format", "json", "--no-cache")
    assert result.returncode == 0, result.stderr
    by_id = {a["id"]: a for a in json.loads(result.stdout)["articles"]}

    def warning(article: dict[str, object]) -> str:
        (found,) = [p for p in article["problems"] if "is not a web address" in p["message"]]  # type: ignore[attr-defined]
        assert found["level"] == "warning" and found["message"].endswith("kept as text and never opened")
        return str(found["message"])

    expect_meta = {
        "fm_file": {"url": "file:///etc/passwd"},
        "fm_newline": {"source_url": "https://ok.example/x\n; rm -rf ~"},
        "fm_esc": {"canonical_url": "https://ok.example/\ufffd[31m"},
        "fm_userinfo": {"link": "https://bank.com@evil.example/"},
        "fm_long": {"url": long},
    }
    for article_id, meta in expect_meta.items():
        article = by_id[article_id]
        assert article["source_url"] is None and article["sources"] == [] and article["meta"] == meta
        assert warning(article).startswith(f"front matter {next(iter(meta))} '")
    nxt = by_id["fm_next"]
    assert nxt["source_url"] == "https://ok.example/next"
    assert nxt["meta"] == {"sources": [{"feed": "F", "url": "javascript:alert(1)"}, "data:text/html;base64,PHN2Zz4="]}
    assert len([p for p in nxt["problems"] if "is not a web address" in p["message"]]) == 2
    for article_id in ("plain_smb", "plain_www", "plain_vscode"):
        article = by_id[article_id]
        assert article["source_url"] is None and warning(article).startswith("source line '")
    assert by_id["plain_idn"]["source_url"] == "https://xn--pple-43d.com/login"
    assert by_id["plain_ok"]["source_url"] == "http://ok.example:8080/a/b?c=1#d"
    assert by_id["plain_ok"]["problems"] == []


@pytest.mark.parametrize(("typed", "meant"), [("serach", "search"), ("extarct", "extract"), ("browser", "browse")])
def test_mistyped_command_is_named_and_exits_two(typed: str, meant: str, tmp_path: Path) -> None:
    result = run(typed, "foo", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"tilbrowse: unknown command '{typed}'; did you mean '{meant}'?\n"


@pytest.mark.parametrize("word", ["mycorpus", "mycorpus/", "notes.md", "search.md", "./serach"])
def test_a_word_that_looks_like_a_path_is_still_a_path(word: str, tmp_path: Path) -> None:
    result = run(word, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"tilbrowse: {word}: no such file or folder\n"


def test_an_existing_folder_named_like_a_command_is_opened(tmp_path: Path) -> None:
    (tmp_path / "serach").mkdir()
    (tmp_path / "serach" / "a.md").write_text("# A\n\nText.\n")
    result = run("serach", cwd=tmp_path)
    assert "unknown command" not in result.stderr
    assert "the browser needs a terminal" in result.stderr, "it went on to open the browser on the folder"


def test_search_without_match_exits_one_like_grep() -> None:
    result = run("search", "zzzz", str(SEEDS), "--no-cache")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == "tilbrowse: No article contains “zzzz” (nor a close spelling of it).\n"
    result = run("search", "zzzz", str(SEEDS), "--no-cache", "--format", "json")
    assert result.returncode == 1 and "zzzz" in result.stderr
    data = json.loads(result.stdout)
    assert data["results"] == [] and data["total"] == 0 and data["query"] == "zzzz"
    assert data["tilbrowse_version"] == __version__ and data["problems"] == []
    assert run("search", "orr>99", str(SEEDS), "--no-cache").returncode == 1


def test_search_with_a_match_exits_zero() -> None:
    result = run("search", "lifileucel", str(SEEDS), "--no-cache", "--format", "json")
    assert result.returncode == 0 and result.stderr == ""
    assert len(json.loads(result.stdout)["results"]) == 2
    result = run("search", "lifileucel", str(SEEDS), "--no-cache")
    assert result.returncode == 0 and "004_e8cdb65b83effc3a" in result.stdout


COHORTS = ("004_e8cdb65b83effc3a#1", "004_e8cdb65b83effc3a#2")
TABLES = {
    "extract": ("extract", str(SEEDS)),
    "search": ("search", "lifileucel", str(SEEDS)),
    "compare": ("compare", *COHORTS, "--corpus", str(SEEDS)),
}


@pytest.mark.parametrize("columns", [None, 120])
def test_piped_tables_share_one_width(columns: int | None) -> None:
    """extract, search and compare tables in a pipe: COLUMNS if set, else 80, for all three."""
    width = columns or TABLE_WIDTH
    widths = {}
    for name, args in TABLES.items():
        result = run(*args, "--no-cache", columns=columns)
        assert result.returncode == 0, result.stderr
        widths[name] = max(len(line) for line in result.stdout.splitlines())
    assert widths["search"] == widths["compare"] == width, widths
    assert widths["extract"] <= width, widths


def test_table_written_to_a_file_has_the_same_width(tmp_path: Path) -> None:
    out = tmp_path / "cmp.txt"
    assert run(*TABLES["compare"], "--no-cache", "-o", str(out)).returncode == 0
    assert max(len(line) for line in out.read_text().splitlines()) == TABLE_WIDTH
    assert "004_e8cdb65b83effc3a#2" in out.read_text()


def test_narrow_comparison_folds_ids_instead_of_cutting_them() -> None:
    result = run("compare", *COHORTS, COHORTS[0], "--corpus", str(SEEDS), "--no-cache")
    assert result.returncode == 0 and "…" not in result.stdout, "a cut id cannot be pasted back"


def test_table_width_rule() -> None:
    assert table_width({}) == 80
    assert table_width({"COLUMNS": "132"}) == 132
    assert table_width({"COLUMNS": "10"}) == 40, "narrower than 40 is raised to 40"
    assert table_width({"COLUMNS": "wide"}) == 80


def test_compare_json_shape() -> None:
    result = run("compare", *COHORTS, "--corpus", str(SEEDS), "--no-cache", "--format", "json")
    assert result.returncode == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ["tilbrowse_version", "columns", "rows", "orr_ci95", "fisher", "caveat", "problems"]
    assert data["tilbrowse_version"] == __version__ and data["problems"] == []
    melanoma, cervical = data["columns"]
    assert melanoma["id"] == COHORTS[0] and melanoma["label"] == "Melanoma"
    assert melanoma["article"] | {"path": ""} == {
        "id": "004_e8cdb65b83effc3a",
        "title": "T Cell Therapy Shows Promise for Melanoma and Cervical Cancer",
        "date": "2019-07-16",
        "path": "",
    }
    assert melanoma["article"]["path"].endswith("004_e8cdb65b83effc3a.txt")
    assert (melanoma["product"], melanoma["indication"], melanoma["trial_id"]) == (
        "lifileucel (LN-144)",
        "melanoma",
        "NCT02360579",
    )
    assert cervical["product"] == "LN-145" and cervical["trial_id"] == "NCT03108495"
    assert list(data["rows"])[:2] == ["n", "orr"], "rows in table order, keyed by metric"
    orr = data["rows"]["orr"]
    assert orr["label"] == "ORR" and orr["unit"] == "percent"
    assert orr["values"] == [
        {"text": "38%", "value": 38.0, "not_reached": False, "derived": False, "best": False, "possible": False},
        {"text": "44%", "value": 44.0, "not_reached": False, "derived": False, "best": True, "possible": False},
    ]
    # A figure the melanoma cohort only offers as possible: shown after '?', never ranked.
    follow_up = data["rows"]["median_followup"]["values"]
    assert follow_up[0] == {
        "text": "? 8.8 mo",
        "value": None,
        "not_reached": False,
        "derived": False,
        "best": False,
        "possible": True,
    }
    assert follow_up[1]["text"] == "7.4 mo" and not follow_up[1]["best"], "a possible value is never beaten"
    assert [v["value"] for v in data["rows"]["n"]["values"]] == [66, 27]
    dor = data["rows"]["median_dor"]
    assert dor["unit"] == "months" and [v["not_reached"] for v in dor["values"]] == [True, True]
    assert [v["value"] for v in dor["values"]] == [None, None], "not reached is null, never Infinity"
    assert data["orr_ci95"] == [[26.2, 50.7], [25.5, 64.7]]
    fisher = data["fisher"]
    assert fisher["counts"] == [{"responders": 25, "n": 66}, {"responders": 12, "n": 27}]
    assert round(fisher["p_value"], 3) == 0.643 and fisher["text"].startswith("Fisher's exact test on ORR")
    assert "not randomised" in data["caveat"]


def test_compare_json_marks_derived_values_and_has_no_fisher_for_one_cohort(tmp_path: Path) -> None:
    # The 4 (10%) complete responses confirm n = 40, so the size is stated and 30% is derived.
    body = "Of 40 patients, 12 had an objective response, including 4 (10%) complete responses."
    (tmp_path / "a.md").write_text(f"# Trial A\n\n{body}\n")
    args = ("--corpus", str(tmp_path), "--corpus", str(SEEDS), "--no-cache", "--format", "json")
    data = json.loads(run("compare", "a#1", COHORTS[1], *args).stdout)
    assert data["rows"]["orr"]["values"][0] == {
        "text": "12 (30%*)",
        "value": 30.0,
        "not_reached": False,
        "derived": True,
        "best": False,
        "possible": False,
    }
    single = run("compare", "a#1", *args)
    assert single.returncode == 0
    assert json.loads(single.stdout)["fisher"] is None


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (("search",), 2),
        (("compare",), 2),
        (("search", "x", str(SEEDS), "--limit", "-3"), 2),
        (("search", "nct:", str(SEEDS)), 2),
        (("search", "x", str(SEEDS), "--limit", "0"), 2),
        (("compare", "no-hash", "--corpus", str(SEEDS)), 2),
        (("compare", "004_e8cdb65b83effc3a#9", "--corpus", str(SEEDS)), 1),
        (("extract", "missing-folder/"), 1),
        (("search", "zzzz", str(SEEDS)), 1),
        (("serach", "x"), 2),
    ],
)
def test_every_error_line_starts_with_the_program_name(args: tuple[str, ...], status: int, tmp_path: Path) -> None:
    result = run(*args, "--no-cache", cwd=tmp_path) if args[0] != "serach" else run(*args, cwd=tmp_path)
    assert result.returncode == status, result.stderr
    lines = [line for line in result.stderr.splitlines() if line and not line.startswith(("usage:", " "))]
    assert lines and all(line.startswith("tilbrowse: ") for line in lines), result.stderr


PHASE_3 = """# Ipilimumab or TIL in advanced melanoma

March 3, 2024 By Jane Doe

The phase 3 trial randomised 168 patients to TIL or ipilimumab. The ORR was 49% with TIL
and 21% with ipilimumab in 2023.
"""


def test_search_finds_a_one_digit_word_of_the_body(tmp_path: Path) -> None:
    (tmp_path / "phase3.md").write_text(PHASE_3, encoding="utf-8")
    (tmp_path / "other.md").write_text(PHASE_3.replace("phase 3", "phase 30"), encoding="utf-8")
    result = run("search", "phase 3 ipilimumab", str(tmp_path), "--no-cache", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)["results"]] == ["phase3"]


def test_extract_keeps_asterisks_that_are_not_emphasis(tmp_path: Path) -> None:
    (tmp_path / "escaped.md").write_text("# HLA-A\\*02+ patients respond to TCR-T\n\nText.\n", encoding="utf-8")
    (tmp_path / "plain.md").write_text("# HLA-A*02+ patients, **ORR** 38%\n\nText.\n", encoding="utf-8")
    (tmp_path / "front.md").write_text("---\ntitle: HLA-A\\*02+ cohort\n---\nText.\n", encoding="utf-8")
    result = run("extract", str(tmp_path), "--no-cache", "--format", "json")
    assert result.returncode == 0, result.stderr
    titles = {a["id"]: a["title"] for a in json.loads(result.stdout)["articles"]}
    assert titles == {
        "escaped": "HLA-A*02+ patients respond to TCR-T",
        "plain": "HLA-A*02+ patients, ORR 38%",
        "front": "HLA-A*02+ cohort",
    }


@pytest.mark.parametrize("limit", ["-3", "0", "three", "2.5"])
def test_a_bad_number_is_a_usage_error_with_usage_and_example(limit: str, tmp_path: Path) -> None:
    """Issue 18: `--limit -3` exited 2 with a bare message; a usage error shows the usage and an example."""
    result = run("search", "x", str(SEEDS), "--limit", limit, "--no-cache", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("usage: tilbrowse search "), result.stderr
    assert any(line.startswith("tilbrowse: search: argument --limit: ") and limit in line for line in lines)
    assert lines[-1].startswith("tilbrowse: example: tilbrowse search "), result.stderr


def help_examples() -> list[tuple[str, str]]:
    """Every example the --help pages show: (command, example line)."""
    examples = []
    for command in ("", "browse", "extract", "search", "compare"):
        page = run(*([command] if command else []), "--help").stdout
        examples += [(command, line.strip()) for line in page.split("\nexample:\n", 1)[1].splitlines() if line.strip()]
    return examples


def test_help_examples_run_from_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 18: `tilbrowse extract seeds` failed outside the repository. Every example of every
    --help works from an empty folder (no PATH = the bundled seeds), and exits 0; the browser's
    examples are run in-process with a stand-in for the terminal and the app."""
    import shlex

    from tilbrowse.ui.app import TilbrowseApp

    opened: list[list[str]] = []
    monkeypatch.setattr(TilbrowseApp, "run", lambda self, *a, **k: opened.append(self.paths))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.chdir(tmp_path)
    examples = help_examples()
    assert {command for command, _ in examples} == {"", "browse", "extract", "search", "compare"}
    for _, example in examples:
        argv = shlex.split(example, comments=True)
        assert argv[0] == "tilbrowse", example
        if argv[1:2] in ([], ["browse"]):
            assert main(argv[1:]) == 0, example
            assert opened and all(Path(p).exists() for p in opened.pop()), example
        else:
            result = run(*argv[1:], cwd=tmp_path)
            assert result.returncode == 0 and result.stdout.strip(), f"{example}: {result.stderr}"


def test_the_benchmark_takes_its_sizes_as_a_usage_error_too(capsys: pytest.CaptureFixture[str]) -> None:
    from tilbrowse.bench.run import main as bench_main

    for sizes in ("-5", "1000,x", ""):
        with pytest.raises(SystemExit) as exit_info:
            bench_main(["--sizes", sizes])
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("usage: python -m tilbrowse.bench") and "--sizes" in err.splitlines()[-1]


def test_the_benchmark_removes_the_corpora_it_generated_in_a_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 100k corpus is gigabytes: left in /tmp after each run, it filled the disk. A --folder
    # the user named is theirs and stays.
    import tempfile

    from tilbrowse.bench import run as bench

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    used: list[Path] = []

    def failing_run(size: int, folder: Path, paint: bool) -> dict[str, float]:
        (folder / "corpus-1").mkdir()
        used.append(folder)
        raise RuntimeError("stopped midway")

    monkeypatch.setattr(bench, "run", failing_run)
    with pytest.raises(RuntimeError):
        bench.main(["--sizes", "1"])
    assert used and used[0].parent == tmp_path and not used[0].exists()
    named = tmp_path / "mine"
    with pytest.raises(RuntimeError):
        bench.main(["--sizes", "1", "--folder", str(named)])
    assert (named / "corpus-1").is_dir()


def test_the_benchmark_judges_the_browsers_memory_only_when_it_ran_the_browser() -> None:
    from tilbrowse.bench.run import goals

    row = {
        "articles": 10_000.0, "warm_s": 1.5, "rss_mb": 300.0, "extract_per_s": 125.0, "cold_s": 58.0,
        "cache_kb": 4.5, "search_p95_ms": 4.0,
    }  # fmt: skip
    lines = {line[11:45].strip(): line for line in goals([row]).splitlines()[1:]}
    assert lines["browser's resident memory"].endswith("—")  # the bench's own 300 MB is not the browser's
    assert lines["cache per article (all of it)"].endswith("yes") and lines["extraction, one core"].endswith("NO")
    painted = goals([{**row, "app_rss_mb": 110.0, "loaded_s": 2.5}]).splitlines()
    assert any("browser's resident memory" in line and line.endswith("yes") for line in painted)
    assert any("warm start to all searchable" in line and "2.50 s" in line and line.endswith("NO") for line in painted)


def test_extract_without_a_path_reads_the_bundled_seeds(tmp_path: Path) -> None:
    result = run("extract", "--format", "json", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ids = [a["id"] for a in json.loads(result.stdout)["articles"]]
    assert sorted(ids) == ["000_895c175884171d6d", "004_e8cdb65b83effc3a"]
