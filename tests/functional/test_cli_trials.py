"""`tilbrowse trials`, `trial NAME` and `landscape INDICATION` on articles written for the tests."""

from __future__ import annotations

import json
import re

import pytest

from tilbrowse.cli import main

from ..conftest import TESTS
from .test_cli import run

TRIALS_DIR = str(TESTS / "data" / "trials")


def test_trials_json_lists_each_trial_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trials", TRIALS_DIR, "--format", "json", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)
    names = [t["name"] for t in data["trials"]]
    assert names == ["C-144-01", "TELOS-2", "VELA-04", "IOV-LUN-202", "IMA203 · melanoma · no trial named"]
    c144 = data["trials"][0]
    assert c144["readouts"] == 3 and c144["articles"] == 3 and c144["product"] == "lifileucel"
    assert (c144["first_date"], c144["latest_date"]) == ("2019-06-02", "2023-03-14")
    assert c144["latest"]["orr"] == {"count": None, "percent": 31.4} and c144["latest"]["n"] == 153
    assert set(c144["names"]) == {"C-144-01", "innovaTIL-01", "C144-01"}


@pytest.mark.parametrize("name", ["C-144-01", "c144-01", "innovaTIL-01", "NCT02360579"])
def test_trial_by_any_name(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trial", name, TRIALS_DIR, "--format", "json", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)["trial"]
    assert data["name"] == "C-144-01"
    assert [(r["date"], r["n"], r["orr"]["percent"]) for r in data["timeline"]] == [
        ("2019-06-02", 60, 35.0),
        ("2020-05-29", 66, 36.4),
        ("2023-03-14", 153, 31.4),
    ]
    assert data["timeline"][2]["change"] == {"orr": -5.0, "n": 87, "median_followup": 8.9}


def test_unknown_trial_says_so_and_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trial", "TELOS-3", TRIALS_DIR, "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "no trial named 'TELOS-3'" in err and "TELOS-2" in err


def test_trial_markdown_has_the_table_and_the_chart(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trial", "TELOS-2", TRIALS_DIR, "--format", "markdown", "--no-cache"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("## TELOS-2 · zorbacel") and "| 2022-11-15 |" in text
    assert "+2.2 pt" in text and re.search(r"\|.*●.*\| 42\.2% n=45", text)


def test_landscape_and_an_indication_nobody_reports(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["landscape", "melanoma", TRIALS_DIR, "--format", "csv", "--no-cache"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "product,trial,date,n,ORR,95% CI,cohort"
    assert [line.split(",")[0] for line in lines[1:]] == ["IMA203", "lifileucel"]
    assert main(["landscape", "glioma", TRIALS_DIR, "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "no readout states an ORR in 'glioma'" in err and "melanoma" in err


@pytest.mark.parametrize("columns", [80, 120])
def test_tables_never_cut_a_number(columns: int) -> None:
    for args in (["trials"], ["trial", "C-144-01"], ["landscape", "melanoma"]):
        result = run(*args, TRIALS_DIR, "--no-cache", columns=columns)
        assert result.returncode == 0, result.stderr
        out = result.stdout
        for figure in ("31.4%", "153", "2023-03-14", *(["2019-06-02"] if args[0] != "landscape" else [])):
            assert figure in out, (args, figure)
        if args[0] == "trial":
            assert "24.1–39.4%*" in out and "−5 pt" in out and "+8.9 mo" in out
        assert all(len(line) <= columns for line in out.splitlines()), args


def test_help_of_the_new_commands_ends_with_an_example() -> None:
    for command in ("trials", "trial", "landscape"):
        result = run(command, "--help")
        assert result.returncode == 0 and "usage: tilbrowse " + command in result.stdout
        assert result.stdout.split("\nexample:\n", 1)[1].strip().startswith(f"tilbrowse {command}")


def test_trials_on_the_bundled_seeds_by_default() -> None:
    result = run("trials", "--format", "csv", "--no-cache")
    assert result.returncode == 0 and result.stdout.splitlines()[1].startswith("C-144-01,lifileucel,melanoma,1,")
