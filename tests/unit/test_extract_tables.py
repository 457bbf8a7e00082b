"""Journal tables flattened to text, in tables the team wrote: one cohort per column.

Shapes: cells glued to each other and to their labels, cells separated by tabs or runs of
spaces, count-and-percent cells, a header whose column groups sit together on a line above
their columns, a row with a cell missing, tables that are not about outcomes, and prose that
has the words of a table in it.
"""

from __future__ import annotations

from typing import Any

from tests.unit.extract_helpers import cohorts_of, figures
from tilbrowse.corpus.models import Article
from tilbrowse.extract import extract
from tilbrowse.extract.tables import maybe_flat_table, read_flat_table


def table(body: str) -> list[tuple[str, int | None, dict[str, tuple[Any, Any]]]]:
    return [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)]


GLUED = """## Table 2: Efficacy by histology

EndpointAll treatedN = 48HistologySquamousn = 30Adenocarcinoman = 18
ORR (95% CI), %37.5 (24.0–52.6)43.3 (25.5–62.6)27.8 (9.7–53.5)
DCR (95% CI), %70.8 (55.9–83.0)76.7 (57.7–90.1)61.1 (35.7–82.7)
PFS
 Median (95% CI), months5.2 (3.9–7.7)6.1 (4.0–9.8)3.8 (2.1–6.0)
 12-month rate (95% CI), %28.4 (16.1–42.1)33.0 (16.8–50.3)20.1 (5.2–42.4)
OS
 Median (95% CI), months14.6 (10.3-NE)NR (11.2-NR)NE (6.4-NE)
 24-month rate (95% CI), %36.2 (21.0–51.5)41.0 (22.3–58.9)NE
"""


def test_glued_table_gives_each_column_its_cohort_size_and_figures() -> None:
    assert table(GLUED) == [
        (
            "All treated",
            48,
            {"orr": (None, 37.5), "dcr": (None, 70.8), "median_pfs": (5.2, False), "median_os": (14.6, False)},
        ),
        (
            "Squamous",
            30,
            {"orr": (None, 43.3), "dcr": (None, 76.7), "median_pfs": (6.1, False), "median_os": (None, True)},
        ),
        # NE: not estimable is no figure (and not "not reached"); landmark rates are not outcomes.
        ("Adenocarcinoma", 18, {"orr": (None, 27.8), "dcr": (None, 61.1), "median_pfs": (3.8, False)}),
    ]


def test_glued_table_keeps_intervals_apart_and_evidence_on_the_cell() -> None:
    first = cohorts_of(GLUED)[0]
    orr = first["outcomes"]["orr"]
    assert orr["ci95"] == [24.0, 52.6]
    start, end = orr["evidence"]["match"]
    assert GLUED[start:end] == "37.5 (24.0–52.6)"
    assert orr["evidence"]["text"].startswith("ORR (95% CI), %")
    assert first["outcomes"]["median_os"]["ci95"] == [10.3, None]
    evidence = extract(Article(id="t", path="t.md", title="T", body=GLUED)).cohorts[2].n_evidence
    assert evidence is not None and GLUED[evidence.match_start : evidence.match_end] == "n = 18"


def test_reader_alone_reports_columns_rows_and_figures() -> None:
    body = GLUED.split("\n\n", 1)[1]
    read = read_flat_table(body)
    assert read is not None
    assert [(c.label, c.n) for c in read.columns] == [("All treated", 48), ("Squamous", 30), ("Adenocarcinoma", 18)]
    assert read.rows == 6
    assert not read.mismatched


TABS = (
    "Response, n (%)\tArm A (N = 25)\tArm B (N = 22)\n"
    "Best overall response\n"
    "  Complete response\t3 (12.0)\t1 (4.5)\n"
    "  Partial response\t7 (28.0)\t4 (18.2)\n"
    "  Stable disease\t9 (36.0)\t8 (36.4)\n"
    "  Progressive disease\t5 (20.0)\t8 (36.4)\n"
    "Objective response [95% CI]\t10 (40.0) [21.1–61.3]\t5 (22.7) [7.8–45.4]\n"
    "Median DOR, months\t8.3 (5.6–NR)\tNR\n"
)


def test_tab_separated_count_and_percent_cells() -> None:
    body = "Results of the randomised phase 2 study in sarcoma.\n\n" + TABS
    assert table(body) == [
        (
            "Arm A",
            25,
            {
                "orr": (10, 40.0),
                "cr": (3, 12.0),
                "pr": (7, 28.0),
                "sd": (9, 36.0),
                "pd": (5, 20.0),
                "median_dor": (8.3, False),
            },
        ),
        (
            "Arm B",
            22,
            {
                "orr": (5, 22.7),
                "cr": (1, 4.5),
                "pr": (4, 18.2),
                "sd": (8, 36.4),
                "pd": (8, 36.4),
                "median_dor": (None, True),
            },
        ),
    ]


def test_cells_separated_by_runs_of_spaces_with_a_time_in_weeks() -> None:
    body = (
        "Outcome                      Cohort 1 (n = 12)    Cohort 2 (n = 15)\n"
        "ORR, %                       25.0                 46.7\n"
        "Median time to response, weeks   6.1 (5.9–8.0)     7.9 (6.0–12.3)\n"
        "Median follow-up, months     11.4                 9.0\n"
    )
    got = table(body)
    assert [(label, n) for label, n, _f in got] == [("Cohort 1", 12), ("Cohort 2", 15)]
    assert got[0][2] == {"orr": (None, 25.0), "median_ttr": (1.4, False), "median_followup": (11.4, False)}
    assert got[1][2] == {"orr": (None, 46.7), "median_ttr": (1.8, False), "median_followup": (9.0, False)}
    ttr = cohorts_of(body)[0]["outcomes"]["median_ttr"]
    assert (ttr["value"], ttr["unit"]) == (6.1, "weeks")


def test_row_whose_cells_do_not_number_the_columns_gives_nothing() -> None:
    body = (
        "OutcomeOverallN = 30Dose level 1n = 12Dose level 2n = 18\n"
        "ORR (95% CI), %30.0 (14.7–49.4)16.7 (2.1–48.4)38.9 (17.3–64.3)\n"
        "DCR (95% CI), %63.3 (43.9–80.1)58.3 (27.7–84.8)\n"
        "Median PFS (95% CI), months4.4 (2.7–6.9)3.0 (1.5–5.8)5.5 (3.1–8.2)\n"
    )
    read = read_flat_table(body)
    assert read is not None and read.mismatched == ["DCR (95% CI), %"]
    got = table(body)
    assert [f for _l, _n, f in got] == [
        {"orr": (None, 30.0), "median_pfs": (4.4, False)},
        {"orr": (None, 16.7), "median_pfs": (3.0, False)},
        {"orr": (None, 38.9), "median_pfs": (5.5, False)},
    ]
    assert all("dcr" not in c["outcomes"] and not c["candidates"] for c in cohorts_of(body))


def test_column_groups_on_the_line_above_are_spread_by_the_sizes_they_add_up_to() -> None:
    # Two groups written together over four columns: 22 + 18 and 25 + 15 each make the 40.
    body = (
        "OutcomeAll patientsN = 40Prior anti-PD-1Liver metastases\n"
        "Yesn = 22Non = 18Yesn = 25Non = 15\n"
        "ORR, %32.5 (18.6–49.1)22.7 (7.8–45.4)44.4 (21.5–69.2)24.0 (9.4–45.1)46.7 (21.3–73.4)\n"
        "Median OS, months (95% CI)13.1 (9.0–18.5)11.0 (7.1–16.3)16.4 (9.9-NE)10.2 (6.6–15.0)NR (12.5-NR)\n"
    )
    got = table(body)
    assert [(label, n) for label, n, _f in got] == [
        ("All patients", 40),
        ("Prior anti-PD-1: yes", 22),
        ("Prior anti-PD-1: no", 18),
        ("Liver metastases: yes", 25),
        ("Liver metastases: no", 15),
    ]
    assert [f["orr"][1] for _l, _n, f in got] == [32.5, 22.7, 44.4, 24.0, 46.7]
    assert got[4][2]["median_os"] == (None, True)


def test_glued_footnote_marker_is_not_part_of_the_column_label() -> None:
    body = (
        "EndpointAll patientsN = 26Cutaneousan = 17Mucosaln = 9\n"
        "ORR (95% CI), %34.6 (17.2–55.7)41.2 (18.4–67.1)22.2 (2.8–60.0)\n"
        "\n"
        "a Including two patients with an unknown primary site."
    )
    assert [(label, n) for label, n, _f in table(body)] == [("All patients", 26), ("Cutaneous", 17), ("Mucosal", 9)]


BASELINE = (
    "CharacteristicTIL armN = 40Control armn = 38\n"
    "Age, median (range), years61 (33–79)59 (29–81)\n"
    "Female, n (%)18 (45.0)16 (42.1)\n"
    "ECOG performance status 0, n (%)27 (67.5)24 (63.2)\n"
    "Prior lines of therapy, median (range)2 (1–5)2 (1–4)\n"
    "Stable disease on last therapy, n (%)9 (22.5)7 (18.4)\n"
)


def test_baseline_characteristics_table_gives_no_outcome_figures() -> None:
    assert read_flat_table(BASELINE) is not None  # a table, read for nothing
    assert all(not c["outcomes"] for c in cohorts_of(BASELINE))


def test_adverse_event_table_gives_no_outcome_figures() -> None:
    body = (
        "Adverse event, n (%)\tAny grade (N = 40)\tGrade ≥3 (N = 40)\n"
        "Pyrexia\t31 (77.5)\t6 (15.0)\n"
        "Neutropenia\t29 (72.5)\t27 (67.5)\n"
        "Progressive disease\t2 (5.0)\t2 (5.0)\n"
        "Complete response\t1 (2.5)\t0\n"
    )
    assert cohorts_of(body) == []


def test_rows_under_a_heading_about_other_things_give_nothing() -> None:
    body = (
        "OutcomeCohort An = 20Cohort Bn = 16\n"
        "ORR, %35.0 (15.4–59.2)25.0 (7.3–52.4)\n"
        "Reason for discontinuation, n (%)\n"
        " Progressive disease8 (40.0)9 (56.3)\n"
    )
    assert [f for _l, _n, f in table(body)] == [{"orr": (None, 35.0)}, {"orr": (None, 25.0)}]


def test_prose_with_interval_words_and_sizes_is_not_a_table() -> None:
    body = (
        "Among all patients (N = 60) and the cutaneous subgroup (n = 41), the ORR (95% CI), %\n"
        "was 25.0 (14.7–37.9) and 29.3 (16.1–45.5), respectively.\n"
        "Median PFS (95% CI), months was 3.4 (1.9–5.6) overall."
    )
    assert maybe_flat_table(body)  # the cheap check lets it through; the reader says no
    assert read_flat_table(body) is None
    for cohort in cohorts_of(body):
        got = figures(cohort)
        assert all(value not in (14.7, 37.9, 16.1, 45.5, 1.9, 5.6) for pair in got.values() for value in pair)


def test_one_line_with_sizes_is_not_a_table() -> None:
    assert not maybe_flat_table("Cohort 1 (n = 12) and cohort 2 (n = 15) had ORRs of 25% and 47%.")


def test_table_without_units_gives_no_figures() -> None:
    # Whether 25.0 is a percent or a count is not said: not guessed.
    body = "OutcomeArm An = 20Arm Bn = 16\nObjective response (95% CI)25.0 (8.7–49.1)31.3 (11.0–58.7)\n"
    assert cohorts_of(body) == []


def test_labels_on_one_line_and_sizes_on_the_next() -> None:
    body = (
        "Outcome\tAll patients\tCohort A\tCohort B\n"
        "\tN = 30\tn = 14\tn = 16\n"
        "ORR\t26.7%\t35.7%\t18.8%\n"
        "CR, n/N (%)\t3/30 (10.0)\t2/14 (14.3)\t1/16 (6.3)\n"
    )
    got = table(body)
    assert got == [
        ("All patients", 30, {"orr": (None, 26.7), "cr": (3, 10.0)}),
        ("Cohort A", 14, {"orr": (None, 35.7), "cr": (2, 14.3)}),
        ("Cohort B", 16, {"orr": (None, 18.8), "cr": (1, 6.3)}),
    ]
    assert cohorts_of(body)[1]["outcomes"]["cr"]["denominator"] == 14


def test_title_line_and_assessor_in_the_row_label() -> None:
    body = (
        "Table 3. Efficacy in the two glioma cohorts\n"
        "OutcomeCohort An = 20Cohort Bn = 16\n"
        "ORR (BICR), %35.0 (15.4–59.2)25.0 (7.3–52.4)\n"
        "Median PFS (RANO), months4.1 (2.0–6.3)3.2 (1.8–5.5)\n"
    )
    assert table(body) == [
        ("Cohort A", 20, {"orr": (None, 35.0), "median_pfs": (4.1, False)}),
        ("Cohort B", 16, {"orr": (None, 25.0), "median_pfs": (3.2, False)}),
    ]


def test_table_titled_as_adverse_events_gives_nothing() -> None:
    body = (
        "Table 4. Treatment-related adverse events\n"
        "EventCohort An = 20Cohort Bn = 16\n"
        "Stable disease, n (%)3 (15.0)2 (12.5)\n"
        "Complete response, n (%)1 (5.0)0 (0)\n"
    )
    assert cohorts_of(body) == []


def test_long_lines_of_numbers_are_read_in_one_pass() -> None:
    import time

    from ..work import calls_made

    header = "OutcomeArm An = 10Arm Bn = 12\n"
    rows = ("1 " * 900 + "x 1\n") * 50 + ("ORR, %" + "1.0 (0.1–2.0)" * 120 + "\n") * 50
    half = ("1 " * 450 + "x 1\n") * 50 + ("ORR, %" + "1.0 (0.1–2.0)" * 60 + "\n") * 50
    # Work in calls, whatever the machine's load: a few per cell, twice as many for lines twice as long.
    work = calls_made(lambda: read_flat_table(header + rows))
    assert work <= len(rows) // 2
    assert work <= 2.5 * calls_made(lambda: read_flat_table(header + half))
    # A search for the longest tail of cells would try every start inside one call, out of sight
    # of the count: a clock, as a ceiling far above its time (0.13 s on the 2-core dev machine at load 3).
    started = time.perf_counter()
    read = read_flat_table(header + rows)
    assert time.perf_counter() - started < 5
    assert read is None  # no row has two cells


STACKED = """Responses to zetamab per central review

Cohort A (melanoma)
240 mg Q2W
(n=42)
Cohort B (uveal melanoma)
240 mg Q2W
(n=35)
Total
(N=77)
Median duration of follow-up, months (range)14.2 (1.0–30.1)12.5 (0.9–28.0)13.1 (0.5–30.1)
Objective response rate, % (95% CI)45.2 (29.8 to 61.3)22.9 (10.4 to 40.1)35.1 (24.6 to 46.8)
 Best overall response, n (%)
  Complete response7 (16.7)2 (5.7)9 (11.7)
  Partial response12 (28.6)6 (17.1)18 (23.4)
DCR, % (95% CI)69.0 (52.9 to 82.4)57.1 (39.4 to 73.7)63.6 (51.9 to 74.3)
"""


def test_a_header_whose_columns_each_take_several_lines_names_one_cohort_per_column() -> None:
    """A web table copied as text: each column's label, dose and size on lines of their own, the
    total's on fewer; the cells of each row glued to each other."""
    cohorts = cohorts_of(STACKED)
    assert [(c["label"], c["n"]) for c in cohorts] == [
        ("Cohort A (melanoma) 240 mg Q2W", 42),
        ("Cohort B (uveal melanoma) 240 mg Q2W", 35),
        ("Total", 77),
    ]
    assert figures(cohorts[0]) == {
        "median_followup": (14.2, False),
        "orr": (None, 45.2),
        "cr": (7, 16.7),
        "pr": (12, 28.6),
        "dcr": (None, 69.0),
    }
    assert figures(cohorts[2])["cr"] == (9, 11.7)


def test_short_lines_with_sizes_but_prose_after_are_no_stacked_header() -> None:
    text = "Arm A\n(n=12)\nArm B\n(n=14)\nThe trial enrolled patients in two arms and the results will be presented later this year."
    assert read_flat_table(text) is None


MARKED = """\
Arm 1 (lower dose)
200 mg Q3W
(n=40)
Arm 2 (higher dose)
400 mg Q6W
(n=38)
Median duration of follow-up, months (range)11.0 (0.8–22.4)10.1 (0.5–21.9)
Objective response rate, % (95% CI)40.0 (24.9 to 56.7)34.2 (19.6 to 51.4)
 Best overall response, n (%)
  Complete response5 (12.5)3 (7.9)*
  Partial response11 (27.5)10 (26.3)
  Progressive disease12 (30.0)14 (36.8)
Median observed time to response, months (IQR)†1.8 (1.7–2.1)2.0 (1.8–3.6)
Kaplan-Meier estimated median DOR, months (95% CI)‡NR (9.7 to NE)14.1 (8.3 to NE)
*95% CI: 1.7 to 21.4
"""


def test_footnote_marks_after_a_cell_or_glued_to_a_label_do_not_hide_the_row() -> None:
    """`3 (7.9)*` ends its row with a mark; `(IQR)†1.8` glues one between label and cells: each
    is a footnote's pointer, and the rows below a mark still take their unit from their heading."""
    cohorts = cohorts_of(MARKED)
    assert [c["n"] for c in cohorts] == [40, 38]
    first, second = (figures(c) for c in cohorts)
    assert first["cr"] == (5, 12.5) and second["cr"] == (3, 7.9)
    assert first["pr"] == (11, 27.5) and second["pd"] == (14, 36.8)
    assert first["median_ttr"] == (1.8, False) and second["median_ttr"] == (2.0, False)
    assert first["median_dor"] == (None, True) and second["median_dor"] == (14.1, False)


def test_a_row_per_cohort_table_reads_its_size_column_count_cells_and_row_ids() -> None:
    body = (
        "The phase 1/2 trial of XR-9 treated patients with melanoma.\n\n"
        "| Cohort | Population | Evaluable patients | ORR (n) | CR | DCR |\n"
        "|---|---|---|---|---|---|\n"
        "| 1A | Post-PD-1 melanoma | 22 | 45.5% (10) | 3 | 77.3% |\n"
        "| 1B | PD-1-naive melanoma | 14 | 64.3% (9) | 4 | 85.7% |\n"
    )
    cohorts = cohorts_of(body)
    assert [(c["label"], c["n"]) for c in cohorts] == [("Cohort 1A", 22), ("Cohort 1B", 14)]
    assert figures(cohorts[0]) == {"orr": (10, 45.5), "cr": (3, None), "dcr": (None, 77.3)}


def test_count_and_percent_cells_follow_the_header_that_says_which_is_which() -> None:
    body = (
        "The randomised phase 2 trial compared XR-9 with placebo.\n\n"
        "| Arm | No. of patients | ORR, n (%) | CR, n (%) | Median PFS, months |\n"
        "|---|---|---|---|---|\n"
        "| XR-9 | 40 | 18 (45.0) | 6 (15.0) | 7.1 |\n"
        "| Placebo | 38 | 4 (10.5) | 0 | 2.9 |\n"
    )
    xr9, placebo = cohorts_of(body)
    assert (xr9["n"], placebo["n"]) == (40, 38)
    assert figures(xr9) == {"orr": (18, 45.0), "cr": (6, 15.0), "median_pfs": (7.1, False)}
    assert figures(placebo) == {"orr": (4, 10.5), "cr": (0, None), "median_pfs": (2.9, False)}


def test_rows_that_share_an_id_are_still_their_own_cohorts() -> None:
    body = (
        "The phase 1 trial of XR-9 treated patients with ovarian cancer.\n\n"
        "Dose level | Dose | n (eval) | ORR | CR | DCR\n"
        "DL2 | 1 x 10^8 cells | 13 | 38.5% (5/13) | 1 | 84.6%\n"
        "DL2 + booster | 1 x 10^8 cells + vaccine | 9 | 55.6% (5/9) | 2 | 100%\n"
    )
    assert [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("DL2", 13, {"orr": (5, 38.5), "cr": (1, None), "dcr": (None, 84.6)}),
        ("DL2 + booster", 9, {"orr": (5, 55.6), "cr": (2, None), "dcr": (None, 100.0)}),
    ]


def test_a_blank_corner_cell_keeps_the_columns_in_place() -> None:
    body = (
        "The phase 2 basket trial of XR-9 enrolled patients with melanoma and sarcoma.\n\n"
        "| | Melanoma (n=20) | Sarcoma (n=15) |\n|---|---|---|\n| ORR | 45% | 27% |\n| CR | 10% | |\n"
    )
    assert [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("Melanoma", 20, {"orr": (None, 45.0), "cr": (None, 10.0)}),
        ("Sarcoma", 15, {"orr": (None, 27.0)}),
    ]


def test_a_row_per_product_table_names_each_row_by_its_population_and_skips_a_comparators_row() -> None:
    body = (
        "The phase 2 trial of XR-9 enrolled patients with sarcoma.\n\n"
        "| Product | Trial | Indication | n | ORR | mDOR (mo) | mPFS (mo) |\n|---|---|---|---|---|---|---|\n"
        "| XR-9 | XR-201 | Synovial sarcoma | 44 | 43% | 11.2 | 5.9 |\n"
        "| XR-9 | XR-201 | MRCLS | 18 | 39% | 8.4 | 4.8 |\n"
        "| Comparator TCR-T (label) | Pivotal | Synovial sarcoma | 52 | 39% | 11.6 | 3.8 |\n"
    )
    assert [(c["label"], c["n"], figures(c)) for c in cohorts_of(body)] == [
        ("Synovial sarcoma (XR-9)", 44, {"orr": (None, 43.0), "median_dor": (11.2, False), "median_pfs": (5.9, False)}),
        ("MRCLS (XR-9)", 18, {"orr": (None, 39.0), "median_dor": (8.4, False), "median_pfs": (4.8, False)}),
    ]


def test_a_table_laid_out_with_spaces_is_read_as_a_table() -> None:
    body = (
        "The phase 1 trial of XR-9 in HPV16-positive cancers reported by dose level.\n\n"
        "Dose level    Evaluable    Confirmed responses    ORR\n"
        "DL1           4            0                      0%\n"
        "DL2           5            1 PR                   20%\n"
        "DL3           9            1 CR, 5 PR             67%\n"
    )
    cohorts = {c["label"]: c for c in cohorts_of(body)}
    assert {k: c["n"] for k, c in cohorts.items()} == {"DL1": 4, "DL2": 5, "DL3": 9}
    assert [cohorts[k]["outcomes"]["orr"]["percent"] for k in ("DL1", "DL2", "DL3")] == [0.0, 20.0, 67.0]
    # evidence is the row, where it stands in the body
    row = cohorts["DL2"]["outcomes"]["orr"]["evidence"]
    assert body[row["start"] : row["end"]] == row["text"] and row["text"].startswith("DL2")


def test_prose_that_spaces_its_words_is_not_a_table() -> None:
    body = (
        "The phase 2 ZT-101 trial tested zorbacel in 40 patients with melanoma.\n\n"
        "The ORR was 40%.  The median PFS was 5.1 months.\n"
        "Responses  were durable.\n"
        "Median OS  was 14.0 months.\n"
    )
    (cohort,) = cohorts_of(body)
    assert figures(cohort)["orr"] == (None, 40.0) and figures(cohort)["median_os"] == (14.0, False)


def test_a_table_row_and_the_prose_section_about_it_are_one_cohort() -> None:
    body = (
        "The basket trial of zorbacel dosed 54 patients across three tumor types.\n\n"
        "    Cohort                  Evaluable   ORR      CR\n"
        "    Melanoma                26          46%      4\n"
        "    Cervical                14          5/14     1\n"
        "    Head and neck           11          18%      0\n\n"
        "## Melanoma\n\n"
        "Twelve of the 26 melanoma patients responded, four of them completely. Median progression-free survival "
        "was 6.9 months.\n\n"
        "## Cervical\n\n"
        "Five of 14 responded, including one complete response, and another six had stable disease.\n"
    )
    cohorts = cohorts_of(body)
    assert [c["n"] for c in cohorts] == [26, 14, 11]
    assert cohorts[0]["outcomes"]["orr"]["count"] == 12 and cohorts[0]["outcomes"]["orr"]["percent"] == 46.0
    assert "median_pfs" in cohorts[0]["outcomes"] or any(x["key"] == "median_pfs" for x in cohorts[0]["candidates"])
    assert cohorts[1]["outcomes"]["sd"]["count"] == 6 or any(x["key"] == "sd" for x in cohorts[1]["candidates"])


def test_a_row_named_by_its_organ_is_that_organs_cancer_not_the_first_rows_disease() -> None:
    body = (
        "The basket trial of zorbacel dosed 54 patients across three tumor types.\n\n"
        "| Cohort | Evaluable | ORR |\n|---|---|---|\n| Melanoma | 26 | 46% |\n| Cervical | 14 | 36% |\n| Ovarian | 12 | 17% |\n"
    )
    assert [(c["label"], c["indication"]) for c in cohorts_of(body)] == [
        ("Melanoma", "melanoma"),
        ("Cervical", "cervical cancer"),
        ("Ovarian", "ovarian cancer"),
    ]


def test_a_pipe_table_under_its_caption_lines_is_still_a_table() -> None:
    body = (
        "Forty patients were evaluable for efficacy.\n\n"
        "Table 2. Response by dose level (efficacy-evaluable)\n"
        "Dose level | n | ORR | CR\n"
        "DL1 | 10 | 3 (30.0%) | 1 (10.0%)\n"
        "DL2 | 30 | 18 (60.0%) | 9 (30.0%)\n"
    )
    assert table(body)[-2:] == [
        ("DL1", 10, {"orr": (3, 30.0), "cr": (1, 10.0)}),
        ("DL2", 30, {"orr": (18, 60.0), "cr": (9, 30.0)}),
    ]


def test_a_rows_size_that_its_counts_are_out_of_beats_who_was_infused() -> None:
    body = (
        "Of 30 patients infused (DL1, n=11; DL2, n=19), 28 were evaluable.\n\n"
        "Dose level | n | ORR | CR\n"
        "DL1 | 10 | 3 (30.0%) | 1 (10.0%)\n"
        "DL2 | 18 | 9 (50.0%) | 4 (22.2%)\n"
    )
    sizes = {label: n for label, n, _ in table(body)}
    assert sizes["Dose Level 1"] == 10 and sizes["Dose Level 2"] == 18


def test_a_column_of_a_disease_the_prose_reported_first_is_that_cohort() -> None:
    body = (
        "At data cut-off, 44 patients were efficacy-evaluable. Median follow-up was 9.8 months. In SyS, median OS "
        "was 15.7 mo; median OS was not reached in MRCLS.\n\n"
        "\tSyS n = 30\tMRCLS n = 14\n"
        "ORR, n (%)\t12 (40.0)\t5 (35.7)\n"
        "mPFS, mo (95% CI)\t5.6 (3.1–NE)\t6.9 (4.0–11.8)\n"
    )
    got = {(c["label"], c["n"]): figures(c) for c in cohorts_of(body) if c["n"] is not None}
    assert got == {
        ("Synovial sarcoma", 30): {
            "orr": (12, 40.0),
            "median_pfs": (5.6, False),
            "median_os": (15.7, False),
            "median_followup": (9.8, False),
        },
        ("Myxoid/round cell liposarcoma", 14): {
            "orr": (5, 35.7),
            "median_pfs": (6.9, False),
            "median_os": (None, True),
            "median_followup": (9.8, False),
        },
    }


def test_a_trials_one_follow_up_is_each_disease_columns() -> None:
    body = (
        "At data cut-off, 34 patients were efficacy-evaluable. Median follow-up was 9.8 months.\n\n"
        "\tHGSOC n = 18\tHNSCC n = 16\n"
        "ORR, n (%)\t4 (22.2)\t3 (18.8)\n"
    )
    got = {c["label"]: figures(c).get("median_followup") for c in cohorts_of(body) if c["n"] is not None}
    assert got == {"HGSOC": (9.8, False), "HNSCC": (9.8, False)}


def test_a_spaced_table_with_an_eval_n_column_sizes_its_rows() -> None:
    body = (
        "The analyst note summarised the cohorts.\n\n"
        "Cohort                          Eval n   ORR     CR      mDOR      mFU\n"
        "3L+ FL, monotherapy             52       82.7%   63.5%   NR        15.3 mo\n"
        "3L+ DLBCL, monotherapy          61       54.1%   37.7%   11.6 mo   12.0 mo\n"
    )
    assert [(label, n) for label, n, _ in table(body)] == [("3L+ FL, monotherapy", 52), ("3L+ DLBCL, monotherapy", 61)]
