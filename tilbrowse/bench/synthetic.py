"""Deterministic synthetic corpora of cell-therapy trial news, for benchmarks and scale tests.

Every article is built from its own `random.Random(seed * 1_000_003 + index)`, so article
`index` of corpus `seed` is always the same text, whatever else is generated. Two shapes
occur, as in the bundled seeds: feed briefs with YAML front matter (about 40%) and plain
articles with a `# ` title, standfirst, byline, `## ` sections and footer (about 60%).
About 70% report outcome figures for one to three cohorts (disease cohorts, randomised
arms or dose levels) whose counts, percents and durations agree with one another; the
rest are financing, regulatory, manufacturing, partnership or trial-start news that
still carry plenty of numbers that are not outcomes. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

__all__ = ["generate_article", "generate_corpus", "pathological_articles"]

Ctx = dict[str, str]
_Rand = Callable[[], float]


def _pool(block: str) -> tuple[str, ...]:
    """Templates written one per paragraph (blank-line separated), wrapped lines joined."""
    return tuple(" ".join(part.split()) for part in block.strip().split("\n\n") if part.strip())


# --------------------------------------------------------------------------- vocabulary


class _Company(NamedTuple):
    name: str
    short: str
    ticker: str
    ceo: str
    cmo: str
    site: str
    status: str = "public"


class _Disease(NamedTuple):
    label: str
    prose: str
    population: str
    female: bool


class _Product(NamedTuple):
    written: str
    short: str
    company: int
    modality: str
    target: str
    diseases: tuple[int, ...]


_COMPANIES: tuple[_Company, ...] = (
    _Company("Iovance Biotherapeutics", "Iovance", "IOVA", "Marcus Ellery", "Renata Vasquez-Hall", "Philadelphia"),
    _Company("Instil Bio", "Instil", "TIL", "Owen Radcliffe", "Priya Sundaram", "Manchester"),
    _Company(
        "Obsidian Therapeutics", "Obsidian", "", "Julia Marchetti", "Tomas Lindqvist", "Cambridge, Mass.", "private"
    ),
    _Company("Adaptimmune Therapeutics", "Adaptimmune", "ADAP", "Graham Whitcombe", "Hannah Okafor", "Philadelphia"),
    _Company("Immatics", "Immatics", "IMTX", "Stefan Brandauer", "Leila Haddad", "Houston"),
    _Company("CARsgen Therapeutics", "CARsgen", "2171.HK", "Wei Zhang-Lerner", "Lin Qiao", "Shanghai"),
    _Company(
        "Ospedale Pediatrico Bambino Gesù",
        "Bambino Gesù",
        "",
        "Paolo Ferraresi",
        "Giulia Santangelo",
        "Rome",
        "academic",
    ),
    _Company("Corvane Therapeutics", "Corvane", "CRVN", "Alicia Brenner", "David Osei", "San Diego"),
    _Company("Halden Cell Sciences", "Halden", "HLDN", "Peter Kowalczyk", "Maya Feldstein", "Seattle"),
    _Company("Auralis Bio", "Auralis", "AURB", "Ines Carvalho", "Robert Nakamura", "Boston"),
    _Company("Quillon Therapeutics", "Quillon", "QLLN", "Samuel Achterberg", "Fatima Rahimi", "South San Francisco"),
    _Company("Meridian Cell Sciences", "Meridian", "MRCS", "Catherine Doyle", "Arjun Mehta", "Durham, N.C."),
    _Company("Veltrix Bio", "Veltrix", "VLTX", "Jonas Eriksen", "Naomi Castellanos", "Gaithersburg, Md."),
)

_DISEASES: tuple[_Disease, ...] = (
    _Disease("Melanoma", "melanoma", "people with unresectable or metastatic melanoma", False),
    _Disease(
        "Cervical Cancer", "cervical cancer", "women with recurrent, persistent or metastatic cervical cancer", True
    ),
    _Disease(
        "NSCLC", "non-small cell lung cancer", "patients with metastatic non-small cell lung cancer (NSCLC)", False
    ),
    _Disease(
        "Head and Neck Cancer",
        "head and neck cancer",
        "patients with recurrent or metastatic head and neck squamous cell carcinoma",
        False,
    ),
    _Disease("Synovial Sarcoma", "synovial sarcoma", "adults with advanced synovial sarcoma", False),
    _Disease(
        "Myxoid Liposarcoma",
        "myxoid/round cell liposarcoma",
        "patients with advanced myxoid/round cell liposarcoma (MRCLS)",
        False,
    ),
    _Disease("Ovarian Cancer", "ovarian cancer", "women with platinum-resistant ovarian cancer", True),
    _Disease(
        "Gastric Cancer", "gastric cancer", "patients with advanced gastric or gastroesophageal junction cancer", False
    ),
    _Disease("Pancreatic Cancer", "pancreatic cancer", "patients with metastatic pancreatic cancer", False),
    _Disease(
        "Neuroblastoma", "neuroblastoma", "children and young adults with relapsed or refractory neuroblastoma", False
    ),
    _Disease("Uveal Melanoma", "uveal melanoma", "patients with metastatic uveal melanoma", False),
    _Disease("Sarcoma", "soft tissue sarcoma", "patients with advanced soft tissue or bone sarcoma", False),
    _Disease(
        "Triple-Negative Breast Cancer",
        "triple-negative breast cancer",
        "women with metastatic triple-negative breast cancer",
        True,
    ),
    _Disease(
        "Colorectal Cancer",
        "colorectal cancer",
        "patients with microsatellite-stable metastatic colorectal cancer",
        False,
    ),
    _Disease("Endometrial Cancer", "endometrial cancer", "women with recurrent endometrial cancer", True),
)
_MEL, _CERV, _NSCLC, _HNSCC, _SYN, _MRCLS, _OV, _GAS, _PANC, _NB, _UVM, _SARC, _TNBC, _CRC, _ENDO = range(15)

_PRODUCTS: tuple[_Product, ...] = (
    _Product("lifileucel (LN-144)", "lifileucel", 0, "TIL", "tumor neoantigens", (_MEL, _NSCLC, _HNSCC, _SARC)),
    _Product("LN-145", "LN-145", 0, "TIL", "tumor neoantigens", (_CERV, _HNSCC, _NSCLC)),
    _Product("ITIL-168", "ITIL-168", 1, "TIL", "tumor neoantigens", (_MEL, _NSCLC)),
    _Product("OBX-115", "OBX-115", 2, "TIL", "tumor neoantigens", (_MEL, _NSCLC)),
    _Product("afamitresgene autoleucel (afami-cel)", "afami-cel", 3, "TCR", "MAGE-A4", (_SYN, _MRCLS, _HNSCC)),
    _Product("letetresgene autoleucel (lete-cel)", "lete-cel", 3, "TCR", "NY-ESO-1", (_SYN, _MRCLS)),
    _Product("IMA203", "IMA203", 4, "TCR", "PRAME", (_MEL, _UVM, _OV, _SYN)),
    _Product("satricabtagene autoleucel (satri-cel, CT041)", "satri-cel", 5, "CAR", "Claudin18.2", (_GAS, _PANC)),
    _Product("GD2-CART01", "GD2-CART01", 6, "CAR", "GD2", (_NB,)),
    _Product("CRV-207", "CRV-207", 7, "TIL", "tumor neoantigens", (_OV, _CRC, _ENDO, _CERV)),
    _Product("HLD-501", "HLD-501", 8, "TIL", "tumor neoantigens", (_NSCLC, _TNBC, _HNSCC)),
    _Product("AUR-330", "AUR-330", 9, "TIL", "tumor neoantigens", (_MEL, _UVM, _HNSCC)),
    _Product("QTR-419", "QTR-419", 10, "TCR", "HPV16 E7", (_CERV, _HNSCC)),
    _Product("MSX-12", "MSX-12", 11, "CAR", "mesothelin", (_OV, _PANC, _TNBC)),
    _Product("VTX-210", "VTX-210", 12, "CAR", "B7-H3", (_NB, _SARC, _OV)),
)

_MODALITY = {
    "TIL": ("tumor-infiltrating lymphocyte (TIL) therapy", "TIL", "tumor-infiltrating lymphocytes"),
    "TCR": ("T-cell receptor-engineered (TCR-T) cell therapy", "TCR-T", "genetically engineered T cells"),
    "CAR": ("chimeric antigen receptor (CAR) T-cell therapy", "CAR-T", "CAR-modified T cells"),
}

_FIRST_F: tuple[str, ...] = tuple(
    (
        "Amara Beatriz Clara Daniela Elena Farah Greta Helen Ingrid Johanna Keiko Lucia Miriam Nadia Olivia "
        "Paula Rosa Sofia Tanya Ursula Vera Yasmin"
    ).split()
)
_FIRST_M: tuple[str, ...] = tuple(
    (
        "Andreas Bruno Caleb Dmitri Emil Felix Gideon Hugo Isaac Jorge Kenji Lars Mateo Nikhil Oscar Pavel "
        "Rafael Simon Theo Victor Walter Yusuf"
    ).split()
)
_LAST: tuple[str, ...] = tuple(
    (
        "Abernathy Barcellos Castellano Delacroix Eberhardt Fairweather Galloway Hartigan Ishikawa Jankowski "
        "Kessler Lindgren Moreau Novak Okonkwo Pellegrini Quintero Rasmussen Sandoval Thorsen Underwood Varga "
        "Whitaker Yilmaz Zielinski Achebe Brightwater Coelho Drummond Estrada Fenwick Grünewald Holloway "
        "Ivanova Kaur"
    ).split()
)
_DEGREES = ("MD", "MD", "MD, PhD", "MD, PhD", "PhD", "MD, MPH")
_CENTRES = (
    ("Lakeshore Comprehensive Cancer Center", "Chicago"),
    ("Bayview Cancer Institute", "San Francisco"),
    ("Harrow University Cancer Center", "Cleveland"),
    ("Southmoor Oncology Institute", "Houston"),
    ("Ridgecrest Cancer Center", "Denver"),
    ("Atlantic Health Cancer Institute", "Boston"),
    ("Pinehurst Medical Center", "Atlanta"),
    ("Granite State Cancer Center", "Lebanon, N.H."),
    ("Westbrook University Hospital", "Seattle"),
    ("Canal Street Cancer Center", "New York"),
    ("Riverside Cancer Institute", "Nashville"),
    ("Eastgate Oncology Centre", "London"),
    ("Van der Meer Cancer Institute", "Amsterdam"),
    ("Nordhavn University Hospital", "Copenhagen"),
    ("Gulf Coast Cancer Center", "Tampa"),
    ("Sierra Vista Cancer Center", "Los Angeles"),
)
_CONFERENCES = (
    ("American Society of Clinical Oncology (ASCO) Annual Meeting", "ASCO", "Chicago"),
    ("European Society for Medical Oncology (ESMO) Congress", "ESMO", "Barcelona"),
    ("Society for Immunotherapy of Cancer (SITC) Annual Meeting", "SITC", "Houston"),
    ("American Association for Cancer Research (AACR) Annual Meeting", "AACR", "San Diego"),
    ("Connective Tissue Oncology Society (CTOS) Annual Meeting", "CTOS", "Vancouver"),
    ("Society of Gynecologic Oncology (SGO) Annual Meeting", "SGO", "Phoenix"),
    ("ASCO Gastrointestinal Cancers Symposium", "ASCO GI", "San Francisco"),
    ("ESMO Immuno-Oncology Congress", "ESMO IO", "Geneva"),
    ("American Society of Gene & Cell Therapy (ASGCT) Annual Meeting", "ASGCT", "Baltimore"),
)
_AGENCY_DESIGNATIONS = (
    "Regenerative Medicine Advanced Therapy (RMAT) designation",
    "Breakthrough Therapy designation",
    "Fast Track designation",
    "Orphan Drug designation",
    "priority review",
)
_COMPARATORS = (
    ("ipilimumab", "Ipilimumab", "ipilimumab"),
    ("investigator's choice of chemotherapy", "Chemotherapy", "chemotherapy"),
    ("standard of care", "Standard Care", "standard-of-care"),
    ("pembrolizumab alone", "Pembrolizumab", "pembrolizumab"),
)
_BANKS = ("Harborview Securities", "Calder & Finch", "Northgate Capital Markets", "Whitmore Partners", "Ashby Research")
_PARTNERS = ("Kestrel Pharma", "Norland Biologics", "Aster Oncology", "Brightline Medicines", "Solvay Genomics")
_PUBLISHERS = (
    ("Oncology Wire", "oncologywire.example.com", "news"),
    ("Cell Therapy Weekly", "celltherapyweekly.example.org", "article"),
    ("Tumor Board Today", "tumorboardtoday.example.com", "stories"),
    ("Cancer Health Digest", "cancerhealthdigest.example.org", "article"),
    ("BioMarkets Daily", "biomarketsdaily.example.com", "markets"),
    ("The Infusion Report", "infusionreport.example.net", "posts"),
)
_REPORTERS_HUMAN = tuple(f"{f} {last}" for f, last in zip(_FIRST_F + _FIRST_M, _LAST[::-1] + _LAST, strict=False))
_REPORTERS_AI = ("gemini-flash", "gpt-4o-mini", "claude-haiku", "llama-3-70b", "mistral-large")
_FEEDS = (
    ("yahoo-finance", "finance.yahoo.example.com/news"),
    ("globenewswire", "www.globenewswire.example.com/news-release"),
    ("businesswire", "www.businesswire.example.com/news/home"),
    ("fierce-biotech", "www.fiercebiotech.example.com/biotech"),
    ("endpoints", "endpts.example.com/news"),
    ("biospace", "www.biospace.example.com/article"),
)
_MONTHS: tuple[str, ...] = tuple(
    "January February March April May June July August September October November December".split()
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_QUARTERS = ("first-quarter", "second-quarter", "third-quarter", "fourth-quarter")
_TRIAL_WORDS: tuple[str, ...] = tuple(
    (
        "TILVANCE SPEARHEAD SURPASS PRISM HORIZON TIDAL BEACON CANOPY IGNITE LANTERN SUMMIT ARROW KESTREL "
        "MERIDIAN ORBIT"
    ).split()
)
_ONES: tuple[str, ...] = tuple(
    (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen"
    ).split()
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _spell_int(value: int) -> str:
    if value < 20:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + ("-" + _ONES[ones] if ones else "")
    hundreds, rest = divmod(value, 100)
    return _ONES[hundreds] + " hundred" + (" " + _spell_int(rest) if rest else "")


_SPELLED: tuple[str, ...] = tuple(_spell_int(i) for i in range(1000))
_D0 = dt.date(2016, 1, 1).toordinal()
_DSPAN = dt.date(2026, 3, 31).toordinal() - _D0 + 1
_SLUG = re.compile(r"[^a-z0-9]+")
_YAML_PLAIN = re.compile(r"[A-Za-z][^:#'\"\n\[\]{}]*[^:#'\"\n\[\]{}\s]")
_YAML_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})

# --------------------------------------------------------------------------- prose templates

_TITLES_OUTCOME = _pool("""
{P} Shows Durable Responses in Advanced {Disease}

{company} Reports Updated {trial} Data for {P} in {Disease}

{mod} Therapy {P} Shrinks Tumors in Heavily Pretreated {Disease} Patients

{P} Data at {conf_short} {year}: Responses Deepen With Longer Follow-Up

One-Time {mod} Infusion Produces Lasting Responses in {Disease}

{co} Says {P} Met Its Goal in {phase} {Disease} Study

Cell Therapy {P} Offers New Option After Checkpoint Inhibitors Fail in {Disease}
""")
_TITLES_MULTI = _pool("""
T Cell Therapy Shows Promise for {Disease} and {Disease2}

{P} Produces Responses Across {Disease} and {Disease2} Cohorts

{company} Presents {phase} Results for {P} in Several Solid Tumors
""")
_TITLES_ARMS = _pool("""
{P} Beats {cmp_title} in Randomised {Disease} Trial

Randomised {phase} Trial Favors {mod} Therapy Over {cmp_title} in {Disease}
""")
_TITLES_DOSE = _pool("""
{P} Shows Dose-Dependent Activity in Early {Disease} Study

{company} Picks Recommended Dose for {P} After Escalation Data
""")
_TITLES_NEWS = {
    "financing": _pool("""
{company} Raises {raise} to Fund {P} Programs

{company} Reports {quarter_title} {year} Financial Results and Business Update

{co} Cuts Workforce, Extends Cash Runway Into {runway_year}

{co} Prices Public Offering as {P} Launch Plans Advance
"""),
    "regulatory_pre": _pool("""
FDA Grants {reg_title} to {P} for {Disease}

{co} Lays Out Regulatory Path for {P} After Agency Meeting
"""),
    "regulatory_post": _pool("""
FDA Grants {reg_title} to {P} for {Disease}

{company} Submits Biologics License Application for {P}

FDA Sets Decision Date for {P} in Advanced {Disease}
"""),
    "manufacturing": _pool("""
{co} Opens Expanded Cell Therapy Manufacturing Site in {mfg_city}

{co} Says New Process Cuts {P} Manufacturing Time

Can {mod} Therapy Scale? {co} Bets on Automation
"""),
    "partnership": _pool("""
{co} and {partner} Sign {mod} Collaboration Worth Up to {deal_total}

{partner} Licenses Rights to {P} From {co}
"""),
    "trial_start": _pool("""
First Patient Dosed in {phase} {trial} Study of {P} in {Disease}

{company} Begins Registrational Trial of {P} in {Disease}

{co} Opens Enrolment in {trial} Trial of {mod} Therapy
"""),
}
_STANDFIRSTS = _pool("""
Treatment involves collecting, expanding and reinfusing a patient's own immune cells.

Responses lasted well beyond what standard therapies usually achieve, investigators said.

The results add to a growing body of evidence for cell therapy in solid tumors.

Investigators caution that the study was small and lacked a control group.

Investigators caution that the patients were carefully selected and that follow-up is still short.

The one-time treatment is demanding, but some responses have lasted for years.

A personalised immunotherapy made from each patient's own cells shows activity in a hard-to-treat cancer.
""")
_STANDFIRSTS_ARMS = _pool("""
The randomised trial compared the cell therapy head to head with an established treatment.

Investigators say the result answers a question single-arm studies could not.

Progression-free survival improved, though overall survival data are not yet mature.
""")
_STANDFIRSTS_NEWS = _pool("""
The company says the move positions it for its next set of clinical readouts.

Cell therapy developers are under pressure to show they can deliver at scale.

Analysts say the decision removes a key uncertainty for investors.

The announcement follows several months of discussions with regulators.
""")

_LEADS = _pool("""
{P}, an investigational {modality}, produced durable responses in patients with advanced {diseases},
according to results presented at the {conf} in {conf_city}.

{company} on {weekday} reported updated results from its {phase} {trial} study of {p} in {diseases},
saying that responses had deepened with longer follow-up.

New data from the {trial} trial suggest that {p} can bring lasting tumor control to patients with
{diseases} who have run out of standard options, investigators said at {conf_short} {year}.

Investigators at {centre} and collaborating sites have reported results from a {phase} study of {p} in
{diseases}, describing responses in a population with few remaining treatment choices.

Patients with heavily pretreated {diseases} responded to a single infusion of {p} in a {phase} trial whose
results {company} released ahead of a presentation at {conf_short}.

A one-time infusion of {p}, a {modality} developed by {company}, shrank tumors in a meaningful share of
patients with {diseases} whose disease had progressed on earlier treatment, according to a report
presented this week.
""")
_LEADS_MULTI = _pool("""
An immunotherapy that uses a patient's own {cells} led to complete or partial tumor shrinkage in
{headline} of people with advanced {diseases}, researchers reported at the recent {conf} in {conf_city}.

{company} said on {weekday} that {headline} of patients across the {k_word} disease cohorts of the {trial}
study responded to {p}, with activity seen in each tumor type tested.
""")
_LEADS_ARMS = _pool("""
Patients with advanced {disease} who received {p} lived longer without their cancer progressing than
those given {cmp}, according to the first randomised comparison of a {mod} product against an active
control, presented at the {conf}.

A randomised {phase} trial has found that {p} improved progression-free survival compared with {cmp} in
{disease}, a result that investigators said should settle a long-running debate about cell therapy in
this disease.
""")
_LEADS_DOSE = _pool("""
{company} reported dose-escalation results for {p}, its {modality} targeting {target}, showing that
responses became more frequent at higher cell doses in patients with {diseases}.

Early data from the {phase} study of {p} suggest the therapy is active in {diseases}, with the highest
dose levels producing the most responses, investigators reported at {conf_short} {year}.
""")
_LEADS_NEWS = {
    "financing": _pool("""
{company} said on {weekday} that it had raised {raise} through an underwritten public offering, money
it plans to use to advance {p} and expand its manufacturing footprint.

{company} reported {quarter} results, saying its cash position would carry it into {runway_year} as it
prepares for the next stage of development of {p} in {diseases}.

{company} announced a restructuring aimed at stretching its cash through the key readouts for {p},
its {modality} for {diseases}.
"""),
    "regulatory_pre": _pool("""
The U.S. Food and Drug Administration has granted {reg} to {p}, {company}'s {modality} for patients with
advanced {diseases}, the company said on {weekday}.

{company} said that after a meeting with the FDA it had agreed on the design of a registrational
study of {p} in {diseases}, removing one of the uncertainties hanging over the program.
"""),
    "regulatory_post": _pool("""
The U.S. Food and Drug Administration has granted {reg} to {p}, {company}'s {modality} for patients with
advanced {diseases}, the company said on {weekday}.

{company} said it had completed the submission of a biologics license application seeking accelerated
approval of {p} for {diseases}, a milestone the company has been working toward for several years.
"""),
    "manufacturing": _pool("""
{company} has opened an expanded manufacturing facility in {mfg_city}, a step the company says will
allow it to supply {p} to several times as many patients as it can today.

{company} said a revised manufacturing process for {p} shortens production and improves the
consistency of the final product, changes it hopes will make the {mod} therapy easier to deliver.
"""),
    "partnership": _pool("""
{company} and {partner} have agreed to collaborate on the development of {p}, a {modality} now in
clinical testing for {diseases}, the companies said on {weekday}.

{partner} will license rights to {p} outside the United States under a deal that could be worth up to
{deal_total}, {company} said.
"""),
    "trial_start": _pool("""
{company} said the first patient has been dosed in {trial}, a {phase} study of {p} in patients with
{diseases} ({nct_ref}).

Enrolment has opened in a {phase} trial designed to support registration of {p}, {company}'s {modality},
in {diseases}, the company said on {weekday}.
"""),
}

_BG = {
    "TIL": _pool("""
{P} is built from a patient's own tumor. Surgeons remove a piece of tumor, and the lymphocytes that
have already infiltrated it are isolated and grown to billions of cells in a central manufacturing
facility before being infused back into the same patient. Because these cells recognise many different
tumor antigens at once, developers argue that TIL therapy is less vulnerable to the antigen loss that
undermines more narrowly targeted approaches.

Tumor-infiltrating lymphocytes are T cells that have found their way into a tumor but have been held in
check by the suppressive environment there. Removing them from that environment, expanding them with
interleukin-2 and returning them in large numbers can tip the balance, an idea first tested in academic
programs decades ago and only recently turned into commercial products.

Unlike CAR-T therapies, which are engineered to recognise a single surface protein, TIL products are not
genetically modified. Their specificity comes from the patient's own immune history, which makes them a
candidate for solid tumors with many mutations, where plenty of neoantigens are available for the immune
system to recognise.

Treatment with {p} is a one-time procedure, but an intensive one. Patients first receive a week of
lymphodepleting chemotherapy, usually cyclophosphamide and fludarabine, to clear space for the incoming
cells. The infusion itself is followed by high-dose interleukin-2, which supports the expansion of the
transferred lymphocytes but also accounts for much of the toxicity seen in trials.

Interest in TIL therapy revived after checkpoint inhibitors changed the treatment of melanoma. Many
patients who initially respond to anti-PD-1 antibodies eventually relapse, and for them the options have
been limited. Cell therapy offers a different mechanism: rather than releasing the brakes on existing T
cells, it supplies a large new population of them.

A newer generation of TIL products adds genetic or pharmacological tweaks to the cells. Some developers
engineer the lymphocytes to produce a tethered cytokine so that patients can be spared high-dose IL-2,
while others enrich for the most tumor-reactive cells before expansion. {company} says its approach is
designed to improve both persistence and tolerability.
"""),
    "TCR": _pool("""
{P} is a T-cell receptor therapy: a patient's T cells are collected from blood, engineered to carry a
receptor that recognises a fragment of {target} presented on the tumor surface, and infused back after
lymphodepleting chemotherapy. Because the receptor reads peptides displayed by HLA molecules, only
patients with a matching HLA type and a tumor that expresses the target are eligible.

T-cell receptor therapies can reach targets that CAR-T products cannot. Most cancer-specific proteins
sit inside the cell, where an antibody-like CAR cannot see them, but fragments of them are displayed on
the surface. Engineered TCRs exploit that display, which is why the approach has made its first inroads
in sarcomas that express cancer-testis antigens such as {target}.

Screening is a practical hurdle for the field. Patients must first be tested for HLA type and then for
expression of {target} in their tumor tissue, and a substantial fraction are ruled out at each step.
Companies developing TCR-T products have been working with diagnostic partners to shorten the wait for
those tests.

{company} has spent more than a decade refining its receptors, which are tuned to bind their target
strongly enough to kill tumor cells while avoiding cross-reactivity with similar peptides on healthy
tissue. Off-target reactions of this kind caused serious toxicities in early TCR studies and remain the
field's central safety concern.
"""),
    "CAR": _pool("""
{P} is a chimeric antigen receptor T-cell therapy directed at {target}. CAR-T products have transformed
the treatment of some leukemias, lymphomas and myeloma, but solid tumors have proved far harder: the
cells must find and penetrate dense tissue, survive a hostile microenvironment and tell tumor apart from
normal cells that carry the same antigen at lower levels.

{target} was chosen as a target because it is abundant on {disease} cells and scarce on most healthy
tissue. Even so, investigators monitored patients closely for damage to the normal cells where the
protein is found, a risk often described as on-target, off-tumor toxicity.

Manufacturing a CAR-T product starts with leukapheresis, a process similar to blood donation that
collects a patient's white cells. The T cells are activated, given the receptor gene with a viral vector
and expanded before being frozen and shipped back to the treating hospital.

Several groups are trying to make CAR-T cells work in solid tumors by arming them with additional genes,
such as cytokines that help them persist or safety switches that let physicians shut the cells down if
side effects become severe. {company} has said it is exploring both ideas for later versions of {p}.
"""),
    "ANY": _pool("""
Cell therapies remain a small but closely watched corner of oncology. Investors have been burned by
late-stage failures and manufacturing delays, and the launch of the first products for solid tumors has
been seen as a test of whether hospitals can deliver complex, personalised treatments outside a handful
of specialist academic centres.

The field still has to show that responses seen in single-arm trials translate into longer survival.
Regulators have granted accelerated approvals on the basis of response rates and durability in patients
with no other options, but confirmatory randomised studies are required and some have been slow to
enrol.

Access remains limited. Only a few dozen authorised treatment centres in the United States can currently
administer {mod} therapies, and patients often have to travel and stay near the hospital for several
weeks around the infusion.

For patients with advanced {disease}, the treatment landscape has changed considerably over the past
decade, yet most still progress after the available systemic therapies. Those are the patients for
whom developers of {mod} products see the clearest opening.
"""),
}

_MFG = _pool("""
{company} says its manufacturing process takes about {mfg_days} days from receipt of the starting
material to release of the final product, which is cryopreserved so that infusion can be scheduled
around the patient's condition rather than the production calendar.

Production is centralised at the company's facility in {mfg_city}, which {co} says has the capacity to
supply several thousand patients a year once fully staffed. The company has reported a manufacturing
success rate above {mfg_success}% in recent quarters, though it does not break the figure out by tumor
type.

The time between tissue collection and infusion matters because patients with advanced disease can
deteriorate while they wait. The median in the study was {v2v} days, according to the investigators.

To lower costs, {co} has been moving steps of the process from open, manual handling to closed,
automated systems. Executives said the change should shorten production by several days and reduce the
number of batches that fail release testing.

Cryopreservation of the final product was a turning point for the field. Early academic programs infused
fresh cells, which tied each infusion to a tight production window; frozen products can be shipped
across the country and stored until the patient is ready.

Each dose contains billions of cells. In the trial, patients received a median of {cells_bn} billion
cells, within the range the company considers necessary for activity.

The company now runs {suites} clean-room suites and plans to add more as demand grows. It has also
qualified a second site, a step regulators generally want to see before a product is supplied
commercially at scale.
""")

_REGIMEN = _pool("""
After a one-week chemotherapy conditioning regimen, patients received a single infusion of {p},
followed by up to six doses of interleukin-2 (IL-2), a signalling protein that promotes immune cell
activity.

All patients received lymphodepleting chemotherapy with fludarabine and cyclophosphamide before the
infusion. The conditioning regimen was the same in every cohort, which makes the results easier to
compare across tumor types.

Patients were hospitalised for the infusion and monitored closely for about two weeks afterwards, the
period in which side effects from conditioning and cytokine support are most likely to occur.
""")

_POP = _pool("""
This analysis included {n} participants with {cdis} who received {p}. In this cohort, {men_pct}% were men, the
median age was {age} and {mets_pct}% had disease that had spread to the liver or brain.

{n_cap} patients were treated in the {cdis} cohort. Their median age was {age} years, and they had
received a median of {lines} prior lines of therapy; {cpi_pct}% had progressed on a checkpoint inhibitor.

The {cdis} cohort enrolled {n} {ppl} with a median age of {age}. Most were heavily pretreated: {cpi_pct}%
had received immunotherapy and {chemo_pct}% had received chemotherapy before joining the trial.

Investigators analysed {n} {cpop}. The group had received a median of {lines} earlier regimens, and
{ecog_pct}% had an ECOG performance status of 1 at enrolment.

A total of {n} {ppl} with {cdis} were evaluable for efficacy at the data cutoff. {men_pct}% were male,
the median age was {age}, and {stage_pct}% had stage IV disease.
""")
_POP_F = _pool("""
This analysis included {n} treated {ppl} with {cdis}, whose median age was {age}. All had previously received
chemotherapy, {tgt_pct}% had tried targeted therapies and {rt_pct}% had undergone radiation therapy.

{n_cap} women were treated in the {cdis} cohort. Their median age was {age} years and they had received
a median of {lines} prior lines of therapy, including platinum-based chemotherapy in every case.

Investigators analysed {n} {cpop}. The median age was {age}, and {cpi_pct}% had already been treated
with a checkpoint inhibitor.
""")

_ORR_ONLY = _pool("""
The objective response rate was {orr_pct}%.

ORR was {orr_pct}%.

Investigators reported an objective response rate of {orr_pct}% among the {n} evaluable {ppl}.

{orr_cap} of {n} ({orr_pct}%) achieved an objective response.

The confirmed objective response rate was {orr_pct}% ({orr_n}/{n}).

Responses were seen in {orr_w} of the {n} {ppl}, an overall response rate of {orr_pct}%.

By independent central review, {orr_pct}% of {ppl} had a confirmed response.
""")
_ORR_CI = _pool("""
ORR was {orr_pct}% (95% CI, {ci_lo}-{ci_hi}).

The objective response rate was {orr_pct}% (95% confidence interval, {ci_lo} to {ci_hi}), with {orr_w}
of {n} {ppl} responding.

An objective response rate of {orr_pct}% (95% CI: {ci_lo}%-{ci_hi}%) was reported by blinded central
review.
""")
_ORR_CRPR = _pool("""
The overall response rate, meaning complete or partial tumor shrinkage, was {orr_pct}%, including
{pr_resp} ({pr_pct}%) and {cr_rem} ({cr_pct}%).

The ORR was {orr_pct}% ({orr_n}/{n}), with {cr_n} complete and {pr_n} partial responses.

Overall, {orr_w} {ppl} responded, for an objective response rate of {orr_pct}%; {cr_resp} ({cr_pct}%)
and {pr_resp} ({pr_pct}%) were recorded.
""")
_CRPR = _pool("""
There were {cr_resp} ({cr_pct}%) and {pr_resp} ({pr_pct}%).

{cr_pts_cap} ({cr_pct}%) had a complete response and {pr_w} ({pr_pct}%) a partial response.

Complete responses were recorded in {cr_pts} ({cr_pct}%), and partial responses in {pr_w} ({pr_pct}%).

The responses comprised {cr_resp} and {pr_resp}.
""")
_PR_ONLY = _pool("""
All of the responses were partial; no complete responses had been recorded at the data cutoff.

Every response so far has been a partial response, and none of the {ppl} has yet had a complete
response.
""")
_SDPD = _pool("""
In addition, {sd_ppl} ({sd_pct}%) had stable disease, while {pd_w} ({pd_pct}%) experienced disease
progression.

{sd_ppl_cap} ({sd_pct}%) had stable disease and {pd_w} ({pd_pct}%) had progressive disease as their best
response.

Stable disease was the best response in {sd_n} {ppl} ({sd_pct}%); {pd_n} ({pd_pct}%) progressed.

Best overall response was stable disease in {sd_pct}% and progressive disease in {pd_pct}% of {ppl}.
""")
_NE = _pool("""
The remaining {ne_pts} could not be assessed for response.

{ne_pts_cap} did not have a post-baseline scan and were counted as non-evaluable.
""")
_DCR = _pool("""
The disease control rate was {dcr_pct}%.

That translated into a disease control rate of {dcr_pct}%.

DCR, defined as a response or stable disease, was {dcr_pct}%.

Overall, {dcr_pct}% of {ppl} achieved disease control.
""")
_TR = _pool("""
The researchers noted that {tr_pct}% of {ppl} saw some reduction in tumor burden, though not always
enough to meet the threshold for a partial response.

Any shrinkage of target lesions was seen in {tr_pct}% of {ppl}.
""")
_TTR = _pool("""
The median time to response was {ttr}.

Responses tended to come early, with a median time to first response of {ttr}.

Most responses were seen at the first scan, and the median time to response was {ttr}.
""")
_DOR_NR = _pool("""
The median duration of response was not reached at a median follow-up of {fu} months.

After {fu} months of follow-up, the median duration of response had not been reached because most
responders were still responding.

Median DOR was not reached at a median follow-up of {fu} months.

With a median follow-up of {fu} months, median duration of response has not yet been reached.
""")
_DOR = _pool("""
The median duration of response was {dor} months at a median follow-up of {fu} months.

Responses lasted a median of {dor} months, and median follow-up was {fu} months.

Median DOR was {dor} months after a median follow-up of {fu} months.
""")
_PFSOS = _pool("""
Median progression-free survival was {pfs} months, and median overall survival was {os}.

Median PFS was {pfs} months; median OS was {os}.

The median overall survival was {os}, while median progression-free survival was {pfs} months.
""")
_LANDMARK = _pool("""
The estimated 12-month overall survival rate was {os12}%.

An estimated {pfs6}% of {ppl} were alive and free of progression at six months.

At two years, {os24}% of {ppl} were estimated to be alive.
""")
_ONGOING = _pool("""
At the time of analysis, {ongoing_pct}% of responders were still in response, and the longest response
had lasted {longest} months.

{ongoing_pct}% of responses were ongoing at the data cutoff.

Over half of responders ({ongoing_pct}%) remained in response, with the longest response so far at
{longest} months and counting.
""")
_COHORT_HEAD = ("## {clabel}", "## {clabel}", "## {clabel} cohort", "## Results in {clabel}")

_ARMS_POP = _pool("""
A total of {n_tot} {ppl} were randomly assigned to receive {p} ({n_a}) or {cmp} ({n_b}). The median age
was {age} and {cpi_pct}% had received a prior anti-PD-1 antibody.

The trial randomised {n_tot} {ppl} 1:1 between {p} and {cmp}; {n_a} and {n_b} respectively were included
in the intention-to-treat analysis. The median age was {age}, and {mets_pct}% had liver or brain metastases.
""")
_ARMS_ORR = _pool("""
The objective response rate was {orr_pct_a}% in the {arm_a} arm versus {orr_pct_b}% in the {arm_b} arm.

Responses occurred in {orr_n_a} of {n_a} {ppl} ({orr_pct_a}%) treated with {p} and in {orr_n_b} of {n_b}
({orr_pct_b}%) given {cmp}.
""")
_ARMS_CR = _pool("""
Complete responses were seen in {cr_n_a} {ppl} ({cr_pct_a}%) in the {arm_a} group and {cr_n_b}
({cr_pct_b}%) in the {arm_b} group.

The complete response rate was {cr_pct_a}% with {p} and {cr_pct_b}% with {cmp}.
""")
_ARMS_PFS = _pool("""
Median PFS was {pfs_a} vs {pfs_b} months (hazard ratio for progression or death, {hr}; 95% CI,
{hr_lo} to {hr_hi}; P{pv}).

Median progression-free survival was {pfs_a} months with {p} and {pfs_b} months with {cmp} (HR {hr},
P{pv}), at a median follow-up of {fu} months.
""")
_ARMS_OS = _pool("""
Median overall survival was {os_a} months in the {arm_a} arm and {os_b} months in the {arm_b} arm, a
difference that did not reach statistical significance at this analysis.

Overall survival data are immature; median OS was {os_a} months with {p} and {os_b} months with {cmp}.
""")
_ARMS_EXTRA = _pool("""
At six months, {pfs6_a}% of {ppl} in the {arm_a} arm were alive without progression, compared with
{pfs6_b}% in the {arm_b} arm.

Grade 3 or higher treatment-related adverse events occurred in {g3_pct_a}% of {ppl} receiving {p} and
{g3_pct_b}% of those receiving {cmp}, mostly blood-count changes caused by the conditioning chemotherapy.
""")
_DOSE_LINES = _pool("""
At dose level {dl}, {orr_w} of {n} {ppl} responded ({orr_pct}%), including {cr_resp}.

Among the {n} {ppl} treated at dose level {dl} ({dose_bn} billion cells), the ORR was {orr_pct}% and the
disease control rate was {dcr_pct}%.

Dose level {dl} enrolled {n} {ppl}; {orr_w} had a confirmed partial or complete response ({orr_pct}%).
""")
_DOSE_HEAD = ("## Dose level {dl}", "## Dose level {dl} ({dose_bn} billion cells)")
_DOSE_INTRO = _pool("""
The study used a standard dose-escalation design, with {k_word} dose levels tested before a recommended
dose for expansion was chosen. Patients at each level received lymphodepletion before the infusion.

Dose escalation proceeded without dose-limiting toxicities at the lower levels, and the safety review
committee cleared each step before the next group was treated.
""")

_SAFETY = {
    "ANY": _pool("""
Grade 3 or higher treatment-emergent adverse events occurred in {g3_pct}% of {ppl}, most often
neutropenia, thrombocytopenia and anemia. The safety profile was consistent with the known effects of
lymphodepletion, the investigators said.

There were {deaths_w} deaths considered related to treatment in the study, which the investigators
attributed to infection and complications of prolonged low blood counts.

Most side effects occurred in the first two weeks after infusion and declined over time, a pattern the
investigators described as front-loaded. No new safety signals emerged with longer follow-up.

Investigators noted that careful patient selection matters: people whose organ function has already
been worn down by several lines of treatment may not tolerate lymphodepletion, and the trial excluded
those with poor performance status.
"""),
    "TIL": _pool("""
Treatment was generally safe, although adverse events were common, most of them attributable to the
conditioning chemotherapy or IL-2. The most frequent severe side effects were low counts of red cells,
white cells and platelets, which resolved within about two weeks as blood counts recovered.

Chills, fever, low blood pressure and fatigue were the most common events linked to interleukin-2;
patients received a median of {il2_doses} doses out of a planned maximum of six.
"""),
    "TCR": _pool("""
Cytokine release syndrome was reported in {crs_pct}% of {ppl} and was mostly grade 1 or 2. Prolonged
low blood counts were the main severe toxicity, and the investigators reported no evidence of off-target
reactions against healthy tissue.
"""),
    "CAR": _pool("""
Cytokine release syndrome occurred in {crs_pct}% of {ppl}, almost all of it grade 1 or 2; one case of
grade 3 neurotoxicity resolved with steroids. Mucosal toxicity in the stomach, a concern given where
{target} is expressed, was manageable.
"""),
}

_QUOTES = _pool("""
“For patients whose {disease} has progressed after standard therapy, responses to the next treatment
typically last only {cmp_lo} to {cmp_hi} months,” said {inv}, of {centre} in {city}. “What stands out
here is how many of these responses are still ongoing.”

“These are patients who had exhausted the available options,” {inv} said in an interview. “To see tumors
shrink, and stay shrunk, in a group this heavily pretreated is remarkable, although we need longer
follow-up before anyone talks about cures.”

“We are cautious about cross-trial comparisons, but the depth of response is encouraging,” said {inv2},
of {centre2} in {city2}, who was not involved in the study. “The question now is whether the therapy can
be given earlier, when patients are fitter and their T cells are in better shape.”

“Manufacturing is no longer the bottleneck it was a few years ago,” {inv}, a cell therapy specialist at
{centre} in {city}, told reporters. “The bottleneck is getting the right patients referred in time,
before they become too sick to go through lymphodepletion.”

“I have had patients who were on the way to hospice and are now back at work,” said {inv}. “Not everyone
responds, and the treatment is demanding, but for those who do, the responses can be remarkably
durable.”

{inv}, of {centre}, who presented the data, said the team was still trying to understand why some patients
respond and others do not. “We see responders with very different tumor profiles,” {inv_pron} said.
“Biomarker work on the infused cells should help us predict who benefits.”

“Historically, response rates in this setting have been around {hist_pct}% with chemotherapy,” said
{inv}. “Any therapy that does substantially better than that, with responses that last, deserves a close
look.”

“It is a demanding treatment, and it will not be right for every patient,” said {inv2}, an oncologist at
{centre2} who treats {disease}. “But it gives us something to offer people who previously had very
little.”
""")
_QUOTES_NEWS = (_QUOTES[3], _QUOTES[4], _QUOTES[7])
_QUOTES_CO = _pool("""
“These data reinforce our belief that {p} can become a new standard of care for patients with
{disease},” said {ceo}, chief executive officer of {company}. “We look forward to discussing the
registrational path with regulators.”

“We are encouraged by the consistency of the data across cohorts,” said {cmo}, chief medical officer at
{co}. “Our focus is now on execution: enrolling the confirmatory trial and expanding the network of
treatment centres.”

“This is an important year for {co},” chief executive {ceo} said on a call with analysts. “We have the
capital, the manufacturing capacity and the clinical data we need, and the task now is to deliver.”

“Our priority is to make sure that every eligible patient who could benefit from {p} can get it,” said
{ceo}, chief executive of {company}. “That means more treatment centres, faster manufacturing and a
price that payers will accept.”
""")
_QUOTES_CO_NEWS = _QUOTES_CO[2:]

_FINANCE = _pool("""
{company} ended the quarter with cash, cash equivalents and investments of {cash}, which it said would
fund operations into {runway_year}. Net loss for the quarter was {loss}, compared with {loss_prev} a
year earlier.

Collaboration revenue for the quarter was {revenue}, mostly milestone payments from partners, and the
company reiterated its full-year operating expense guidance of {guidance}.

Analysts expect {p}, if approved, to carry a list price of around {list_price} in the United States, in
line with other cell therapies; that figure would not include the hospital stay, the conditioning
chemotherapy or supportive care.

To reduce costs, {co} announced a restructuring that will cut about {cut_pct}% of its workforce and
close one of its research sites, saving an estimated {savings} a year.

Research and development expenses were {rnd} for the quarter, reflecting the cost of running several
trials at once and of building commercial manufacturing capacity.
""")
_FINANCE_PUBLIC = _FINANCE + _pool("""
The company raised {raise} in an underwritten public offering priced at {share_price} per share and
said the proceeds would support launch preparations and late-stage trials.

Shares of {co} rose {move_pct}% in premarket trading after the announcement, before giving back part of
the gain during the session. The stock has been volatile over the past year as investors weighed
clinical progress against the company's spending.

Analysts at {bank} kept an outperform rating on the stock with a price target of {target_price}, writing
that the data reduce the risk around an expansion of the label into {disease}.

{co} shares have lost about {drawdown_pct}% of their value over the past twelve months, giving the company
a market capitalisation of roughly {market_cap}.
""")
_PARTNER = _pool("""
Under the terms of the agreement, {partner} will pay {upfront} upfront and up to {milestone} in
development and commercial milestones, plus tiered royalties on net sales.

{co} keeps rights in the United States, while {partner} will be responsible for development and
commercialisation in Europe and Asia. The companies will share the cost of a global registrational
study.
""")
_REGULATORY_PRE = _pool("""
{company} plans to submit a biologics license application for {p} in {disease} in {bla_when}, with the
pivotal cohort serving as the basis for a request for accelerated approval.

Executives said they expect to meet the FDA before the end of {year} to agree on the data package that
would support a filing, including how much follow-up the agency wants to see.
""")
_REGULATORY_POST = _pool("""
The FDA has set a target action date of {pdufa} for its decision on the application. If approved, {p}
would be the first {mod} therapy available for patients with {disease}.

In Europe, the company has filed a marketing authorisation application with the European Medicines
Agency and is in discussions with regulators in the United Kingdom, Canada and Australia.
""")
_REGULATORY_ANY = _pool("""
The FDA granted {reg} to {p} for {disease} in {reg_year}, a status that allows more frequent
interaction with the agency and, potentially, a faster review.

Accelerated approval would be contingent on a confirmatory trial. {company} has said its randomised
{phase3} study, which compares {p} plus pembrolizumab with pembrolizumab alone in earlier-line patients,
is enrolling and will serve that purpose.

Regulators have put more emphasis in recent years on characterising the product itself. Potency assays,
which measure whether a batch of cells can actually kill tumor targets, were a recurring topic in
reviews of earlier cell therapies and contributed to delays for several developers.

The FDA placed a partial clinical hold on the study in {hold_year} after a patient death, which the
company later said was not related to the product; the hold was lifted after changes to the eligibility
criteria and monitoring plan.
""")
_REGULATORY = {"pre": _REGULATORY_PRE + _REGULATORY_ANY, "post": _REGULATORY_POST + _REGULATORY_ANY}
_DESIGN = _pool("""
The {phase} trial ({nct_ref}) is a multicentre, open-label study that plans to enrol approximately
{enrol} patients at about {sites} sites in North America and Europe. The primary endpoint is objective
response rate assessed by an independent review committee.

{trial} is a single-arm study with several disease-specific cohorts; each is designed so that a
prespecified number of responses in the first stage triggers expansion to a second stage.

The randomised portion of the study will assign patients 1:1 to {p} or investigator's choice of
therapy, with progression-free survival as the primary endpoint and overall survival as a key secondary
endpoint.

Eligible patients must have measurable disease, adequate organ function and at least one lesion that can
be resected to supply tissue for manufacturing. Those with untreated brain metastases are excluded.

Key secondary endpoints include duration of response, disease control rate, progression-free and
overall survival, and safety. Translational analyses will look at how long the infused cells persist in
blood and at changes in the tumor microenvironment.

The study opened in {open_year} and completed enrolment of its registrational cohort in {close_year}.
More information is available at ClinicalTrials.gov under the identifier {nct}.
""")
_CAVEATS_SINGLE = _pool("""
The findings come from a single-arm study without a control group, and the patients were selected for
their ability to undergo surgery and tolerate intensive treatment, which limits comparison with
historical data.

Independent experts noted that the cohorts were small and that the confidence intervals around the
response rates were correspondingly wide. They also pointed out that some results were assessed by
investigators rather than by blinded central review.
""")
_CAVEATS_ARMS = _pool("""
The trial was open-label, and patients assigned to the comparator could later receive other treatments,
which may blur any difference in overall survival.

Because TIL manufacturing requires surgery, some patients randomised to cell therapy never received it;
the investigators reported the intention-to-treat results alongside the per-protocol analysis.
""")
_CAVEATS_ANY = _pool("""
Cross-trial comparisons are hazardous, since patient populations differ in prior treatment, tumor burden
and performance status; the data should be read as a signal rather than as definitive.

It is also unclear how well the results will hold up outside specialist centres, where experience with
lymphodepletion and supportive care may be limited.
""")
_CLOSING = _pool("""
Further data from the study are expected at {next_conf} later this year.

The company said it would provide an update on enrolment and regulatory interactions on its next
quarterly call.

Based on these data, an additional, larger cohort has begun enrolment with the aim of supporting a
regulatory filing, the investigators said.

The full results have been submitted for publication in a peer-reviewed journal.

Patients interested in the trial can find eligibility criteria and participating sites on
ClinicalTrials.gov ({nct}).
""")
_CLOSING_NEWS = (_CLOSING[0], _CLOSING[1], _CLOSING[4])
_SUMMARIES = {
    "outcome": _pool("""
{company} reported {phase} results for {p}, a {modality}, in patients with advanced {diseases}.

Updated data from the {trial} study of {p} show responses in patients with {diseases} who had run out of
standard options.

A {phase} study of {company}'s {p} reported tumor responses in {diseases}, with many responses still
ongoing at the data cutoff.
"""),
    "financing": _pool("""
{company} reported its latest financial results and said its cash would last into {runway_year} as it
advances {p}.
"""),
    "regulatory": _pool("""
{company} announced a regulatory milestone for {p}, its {modality} in development for {diseases}.
"""),
    "manufacturing": _pool("""
{company} is expanding and automating manufacturing of {p}, its {modality} for {diseases}.
"""),
    "partnership": _pool("""
{company} and {partner} agreed to develop {p}, a {modality}, under a deal worth up to {deal_total}.
"""),
    "trial_start": _pool("""
{company} has started a {phase} trial of {p} in patients with {diseases}.
"""),
}
_TAKEAWAYS_NEWS = _pool("""
{company} is developing {p}, a {modality}, for {diseases}.

The company plans to discuss a registrational path with regulators.

Manufacturing capacity and cost remain key questions for the field.

Cell therapy developers face pressure to control costs while trials continue.
""")
_TAKEAWAYS = _TAKEAWAYS_NEWS[:3] + _pool("""
The data come from a {phase} study ({nct}).

Responses were reported in heavily pretreated patients.

Further results are expected at upcoming medical meetings.

Safety was consistent with lymphodepletion and cell therapy.
""")
_SECTION_BREAKS = {
    "safety": ("## Safety", "## Side effects", "## Safety profile"),
    "outlook": ("## What comes next", "## Regulatory path", "## Outlook", "## Next steps"),
    "background": ("## Background", "## How the therapy works", "## About the therapy"),
    "business": ("## Financial position", "## Business update", "## The business case"),
}
_NEWS_KINDS = {
    "public": tuple(
        "financing financing financing regulatory regulatory regulatory manufacturing manufacturing "
        "partnership trial_start trial_start".split()
    ),
    "private": tuple("regulatory regulatory manufacturing manufacturing partnership trial_start trial_start".split()),
    "academic": tuple("regulatory manufacturing trial_start trial_start".split()),
}

# Slots give paragraphs a sensible order in the finished body.
_S_LEAD, _S_BG, _S_MFG, _S_DESIGN, _S_RESULTS, _S_SAFETY, _S_QUOTE, _S_CAVEAT, _S_REG, _S_FIN, _S_CLOSE = range(11)


# --------------------------------------------------------------------------- helpers


def _pick(pool: tuple[str, ...], r: _Rand, used: set[str]) -> str:
    """A template from the pool not yet used in this article (any, once all are used)."""
    size = len(pool)
    start = int(r() * size)
    for k in range(size):
        template = pool[(start + k) % size]
        if template not in used:
            used.add(template)
            return template
    return pool[start]


def _one(seq: tuple[str, ...], r: _Rand) -> str:
    return seq[int(r() * len(seq))]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _money(value: float) -> str:
    """Millions of dollars as news writes them."""
    if value >= 1000:
        return f"${value / 1000:.2f} billion"
    return f"${value:.1f} million"


def _yaml_str(value: str) -> str:
    if _YAML_PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS:
        return value
    return "'" + value.replace("'", "''") + "'"


def _ci95(count: int, n: int) -> tuple[float, float]:
    """A 95% interval for count/n in percent (Wilson score with continuity correction)."""
    z = 1.959964
    p = count / n
    denom = 2 * (n + z * z)
    if count == 0:
        low = 0.0
    else:
        low = (2 * n * p + z * z - 1 - z * math.sqrt(max(0.0, z * z - 2 - 1 / n + 4 * p * (n * (1 - p) + 1)))) / denom
    if count == n:
        high = 1.0
    else:
        high = (2 * n * p + z * z + 1 + z * math.sqrt(max(0.0, z * z + 2 - 1 / n + 4 * p * (n * (1 - p) - 1)))) / denom
    return max(0.0, low) * 100, min(1.0, high) * 100


class _Style(NamedTuple):
    decimals: bool
    spell: bool
    ppl: str


def _pct(count: int, n: int, style: _Style) -> str:
    value = 100 * count / n
    return f"{value:.1f}" if style.decimals else str(int(value + 0.5))


def _num(count: int, style: _Style) -> str:
    return _SPELLED[count] if style.spell and count <= 10 else str(count)


def _noun(count: int, singular: str, plural: str, style: _Style) -> str:
    return f"{_num(count, style)} {singular if count == 1 else plural}"


def _months(r: _Rand, low: float, high: float) -> float:
    return round(low + r() * (high - low), 1)


# --------------------------------------------------------------------------- cohorts


def _cohort(r: _Rand, n: int, style: _Style, rate_low: float, rate_high: float) -> Ctx:
    """Mutually consistent outcome figures for one cohort of n patients, as text."""
    orr = max(1 if n < 8 else 2, min(n, round(n * (rate_low + r() * (rate_high - rate_low)))))
    cr = round(orr * r() * 0.4)
    pr = orr - cr
    rest = n - orr
    ne = round(rest * r() * 0.12) if r() < 0.4 else 0
    pd = round((rest - ne) * (0.15 + r() * 0.5))
    sd = rest - ne - pd
    tr = min(n, orr + round(sd * (0.3 + r() * 0.6)))
    ppl = style.ppl
    lo, hi = _ci95(orr, n)
    fu = _months(r, 6.0, 48.0)
    ttr_value = _months(r, 1.3, 3.2)
    if r() < 0.35:
        ttr = f"about {_SPELLED[round(ttr_value)]} months" if round(ttr_value) > 1 else "about six weeks"
    else:
        ttr = f"{ttr_value} months"
    dor_nr = r() < 0.45
    dor = _months(r, 3.5, max(4.0, min(fu, 40.0)))
    control = (orr + sd) / n
    pfs = _months(r, 1.5 + 5 * control, 3.0 + 12 * control)
    os_nr = r() < 0.3
    os_value = round(pfs + 3 + r() * 27, 1)
    os12 = int(50 + r() * 35) if os_nr or os_value > 12 else int(25 + r() * 25)
    orr_w = _num(orr, style)
    sd_ppl = _noun(sd, "patient" if ppl == "patients" else "person" if ppl == "people" else "participant", ppl, style)
    cr_pts = _noun(cr, "patient", "patients", style)
    return {
        "n": str(n),
        "n_cap": _cap(_SPELLED[n]) if n < 1000 else str(n),
        "orr_n": str(orr),
        "orr_w": orr_w,
        "orr_cap": _cap(_SPELLED[orr]),
        "orr_pct": _pct(orr, n, style),
        "ci_lo": f"{lo:.1f}",
        "ci_hi": f"{hi:.1f}",
        "cr_n": str(cr),
        "cr_pct": _pct(cr, n, style),
        "cr_resp": _noun(cr, "complete response", "complete responses", style),
        "cr_rem": _noun(cr, "complete remission", "complete remissions", style),
        "cr_pts": cr_pts,
        "cr_pts_cap": _cap(cr_pts),
        "pr_n": str(pr),
        "pr_w": _num(pr, style),
        "pr_pct": _pct(pr, n, style),
        "pr_resp": _noun(pr, "partial response", "partial responses", style),
        "sd_n": str(sd),
        "sd_pct": _pct(sd, n, style),
        "sd_ppl": sd_ppl,
        "sd_ppl_cap": _cap(sd_ppl),
        "pd_n": str(pd),
        "pd_w": _num(pd, style),
        "pd_pct": _pct(pd, n, style),
        "ne_pts": _noun(ne, "patient", "patients", style),
        "ne_pts_cap": _cap(_noun(ne, "patient", "patients", style)),
        "dcr_pct": _pct(orr + sd, n, style),
        "tr_pct": _pct(tr, n, style),
        "ttr": ttr,
        "fu": f"{fu}",
        "dor": f"{dor}",
        "pfs": f"{pfs}",
        "os": "not reached" if os_nr else f"{os_value} months",
        "os_m": f"{os_value}",
        "os12": str(os12),
        "os24": str(max(10, os12 - int(10 + r() * 20))),
        "pfs6": str(int(35 + r() * 40)),
        "ongoing_pct": str(int(52 + r() * 40)),
        "longest": f"{round(fu * (1.0 + r() * 0.8), 1)}",
        "_cr": "1" if cr else "",
        "_sdpd": "1" if sd and pd else "",
        "_ne": "1" if ne else "",
        "_dor_nr": "1" if dor_nr else "",
    }


def _results(c: Ctx, r: _Rand, used: set[str]) -> list[str]:
    """One or two paragraphs of outcome sentences for a cohort (a random subset of metrics)."""
    first: list[str] = []
    has_cr = bool(c["_cr"])
    roll = r()
    if roll < 0.12:
        first.append(_pick(_ORR_CI, r, used))
        if r() < 0.5:
            first.append(_pick(_CRPR if has_cr else _PR_ONLY, r, used))
    elif roll < 0.45 and has_cr:
        first.append(_pick(_ORR_CRPR, r, used))
    elif roll < 0.95:
        first.append(_pick(_ORR_ONLY, r, used))
        if r() < 0.7:
            first.append(_pick(_CRPR if has_cr else _PR_ONLY, r, used))
    else:  # no ORR sentence: the complete and partial responses are given instead
        first.append(_pick(_CRPR if has_cr else _ORR_ONLY, r, used))
    if c["_sdpd"] and r() < 0.55:
        first.append(_pick(_SDPD, r, used))
        if c["_ne"] and r() < 0.5:
            first.append(_pick(_NE, r, used))
    if r() < 0.35:
        first.append(_pick(_DCR, r, used))
    if r() < 0.25:
        first.append(_pick(_TR, r, used))
    second: list[str] = []
    if r() < 0.3:
        second.append(_pick(_TTR, r, used))
    if r() < 0.65:
        second.append(_pick(_DOR_NR if c["_dor_nr"] else _DOR, r, used))
    if r() < 0.4:
        second.append(_pick(_PFSOS, r, used))
    if r() < 0.2:
        second.append(_pick(_LANDMARK, r, used))
    if c["_dor_nr"] and r() < 0.3:
        second.append(_pick(_ONGOING, r, used))
    out = [" ".join(first).format_map(c)]
    if second:
        out.append(" ".join(second).format_map(c))
    return out


def _cohort_people(r: _Rand, base: _Ctx, disease: _Disease) -> _Ctx:
    """A cohort's context with its population descriptors (distractor numbers)."""
    men = 0 if disease.female else int(35 + r() * 35)
    return base.child(
        {
            "cdis": disease.prose,
            "cpop": disease.population,
            "clabel": disease.label,
            "age": str(int(8 + r() * 10) if disease.label == "Neuroblastoma" else int(44 + r() * 22)),
            "men_pct": str(men),
            "mets_pct": str(int(20 + r() * 40)),
            "lines": _SPELLED[int(2 + r() * 3)],
            "cpi_pct": str(int(40 + r() * 60)),
            "chemo_pct": str(int(50 + r() * 50)),
            "ecog_pct": str(int(25 + r() * 40)),
            "stage_pct": str(int(70 + r() * 30)),
            "tgt_pct": str(int(30 + r() * 60)),
            "rt_pct": str(int(40 + r() * 50)),
        }
    )


# --------------------------------------------------------------------------- article


class _Ctx(dict[str, str]):
    """Template values of an article; groups of rarely needed values are drawn on first use.

    A cohort's context is a child: what it lacks it takes from its parent, so every value
    of the article is drawn once, in an order fixed by the seed.
    """

    def __init__(self, r: _Rand, date: dt.date, parent: _Ctx | None = None) -> None:
        super().__init__()
        self.r = r
        self.date = date
        self.parent = parent

    def child(self, values: dict[str, str]) -> _Ctx:
        """A context for one cohort: these values over the article's."""
        ctx = _Ctx(self.r, self.date, self)
        ctx.update(values)
        return ctx

    def __missing__(self, key: str) -> str:
        if self.parent is not None:
            return self.parent[key]
        group = _LAZY.get(key)
        if group is None:
            raise KeyError(key)
        self.update(group(self.r, self.date))
        return dict.__getitem__(self, key)


def _finance_values(r: _Rand, date: dt.date) -> dict[str, str]:
    return {
        "cash": _money(150 + r() * 650),
        "loss": _money(30 + r() * 120),
        "loss_prev": _money(30 + r() * 120),
        "runway_year": str(date.year + 1 + int(r() * 3)),
        "revenue": _money(5 + r() * 70),
        "guidance": f"{_money(150 + r() * 200)} to {_money(360 + r() * 100)}",
        "rnd": _money(40 + r() * 90),
        "quarter": _one(_QUARTERS, r),
        "quarter_title": _one(("First Quarter", "Second Quarter", "Third Quarter", "Fourth Quarter"), r),
    }


def _market_values(r: _Rand, date: dt.date) -> dict[str, str]:
    return {
        "raise": _money(50 + r() * 450),
        "share_price": f"${2 + r() * 30:.2f}",
        "target_price": f"${8 + r() * 40:.0f}",
        "move_pct": str(int(4 + r() * 40)),
        "drawdown_pct": str(int(15 + r() * 60)),
        "market_cap": _money(300 + r() * 4000),
        "bank": _one(_BANKS, r),
    }


def _cost_values(r: _Rand, date: dt.date) -> dict[str, str]:
    return {
        "list_price": f"${int(350 + r() * 250)},000",
        "cut_pct": str(int(10 + r() * 30)),
        "savings": _money(20 + r() * 80),
    }


def _deal_values(r: _Rand, date: dt.date) -> dict[str, str]:
    return {
        "partner": _one(_PARTNERS, r),
        "upfront": _money(25 + r() * 150),
        "milestone": _money(300 + r() * 1400),
        "deal_total": _money(500 + r() * 1800),
    }


def _regulatory_values(r: _Rand, date: dt.date) -> dict[str, str]:
    year = date.year
    reg = _one(_AGENCY_DESIGNATIONS, r)
    pdufa_day = dt.date.fromordinal(date.toordinal() + int(120 + r() * 240))
    return {
        "reg": reg,
        "reg_title": reg.split(" (")[0].title(),
        "reg_year": str(year - int(r() * 3)),
        "bla_when": _one((f"the first half of {year + 1}", f"the second half of {year}", f"early {year + 1}"), r),
        "pdufa": f"{_MONTHS[pdufa_day.month - 1]} {pdufa_day.day}, {pdufa_day.year}",
        "hold_year": str(year - 1 - int(r() * 2)),
        "enrol": str(int(4 + r() * 40) * 10),
        "sites": str(int(10 + r() * 70)),
        "open_year": str(year - 2 - int(r() * 3)),
        "close_year": str(year - int(r() * 2)),
    }


def _manufacturing_values(r: _Rand, date: dt.date) -> dict[str, str]:
    return {
        "mfg_days": str(int(16 + r() * 20)),
        "mfg_success": str(int(85 + r() * 12)),
        "v2v": str(int(24 + r() * 30)),
        "cells_bn": f"{4 + r() * 40:.1f}",
        "suites": str(int(6 + r() * 30)),
    }


def _safety_values(r: _Rand, date: dt.date) -> dict[str, str]:
    return {
        "g3_pct": str(int(40 + r() * 60)),
        "crs_pct": str(int(30 + r() * 60)),
        "deaths_w": _SPELLED[int(1 + r() * 3)],
        "il2_doses": _SPELLED[int(2 + r() * 4)],
    }


def _comparison_values(r: _Rand, date: dt.date) -> dict[str, str]:
    cmp_lo = int(2 + r() * 3)
    return {
        "hist_pct": str(int(4 + r() * 16)),
        "cmp_lo": _SPELLED[cmp_lo],
        "cmp_hi": _SPELLED[cmp_lo + int(2 + r() * 3)],
    }


_LAZY: dict[str, Callable[[_Rand, dt.date], dict[str, str]]] = {
    key: group
    for group in (
        _finance_values,
        _market_values,
        _cost_values,
        _deal_values,
        _regulatory_values,
        _manufacturing_values,
        _safety_values,
        _comparison_values,
    )
    for key in group(random.Random(0).random, dt.date(2020, 1, 1))
}


def _base_context(r: _Rand, product: _Product, diseases: list[_Disease], date: dt.date) -> _Ctx:
    company = _COMPANIES[product.company]
    modality, mod, cells = _MODALITY[product.modality]
    female = r() < 0.5
    inv_first = _one(_FIRST_F if female else _FIRST_M, r)
    inv_last = _one(_LAST, r)
    inv2_last = _one(_LAST, r)
    centre, city = _CENTRES[int(r() * len(_CENTRES))]
    centre2, city2 = _CENTRES[int(r() * len(_CENTRES))]
    conf, conf_short, conf_city = _CONFERENCES[int(r() * len(_CONFERENCES))]
    next_conf = _CONFERENCES[int(r() * len(_CONFERENCES))][0]
    # Ipilimumab is a comparator only in melanoma.
    first_cmp = 0 if diseases[0].prose == "melanoma" else 1
    cmp, cmp_title, cmp_arm = _COMPARATORS[first_cmp + int(r() * (len(_COMPARATORS) - first_cmp))]
    ctx = _Ctx(r, date)
    ctx.update(
        {
            "product": product.written,
            "p": product.short,
            "P": _cap(product.short),
            "company": company.name,
            "co": company.short,
            "ceo": company.ceo,
            "cmo": company.cmo,
            "mfg_city": company.site,
            "modality": modality,
            "mod": mod,
            "cells": cells,
            "target": product.target,
            "disease": diseases[0].prose,
            "Disease": diseases[0].label,
            "Disease2": diseases[1].label if len(diseases) > 1 else diseases[0].label,
            "diseases": _join([d.prose for d in diseases]),
            "k_word": _SPELLED[len(diseases)],
            "inv": f"{inv_first} {inv_last}, {_one(_DEGREES, r)}",
            "inv_pron": "she" if female else "he",
            "inv2": f"{_one(_FIRST_M if female else _FIRST_F, r)} {inv2_last}, {_one(_DEGREES, r)}",
            "centre": centre,
            "city": city,
            "centre2": centre2,
            "city2": city2,
            "conf": conf,
            "conf_short": conf_short,
            "conf_city": conf_city,
            "next_conf": f"the {next_conf}",
            "weekday": _WEEKDAYS[date.weekday()],
            "year": str(date.year),
            "phase": "Phase " + _one(("1", "1/2", "2", "2", "2", "3"), r),
            "phase3": "Phase 3",
            "trial": f"{_one(_TRIAL_WORDS, r)}-{int(1 + r() * 3)}{int(r() * 10)}{int(1 + r() * 9)}",
            "cmp": cmp,
            "cmp_title": cmp_title,
            "cmp_arm": cmp_arm,
        }
    )
    return ctx


def _outcome_sections(
    r: _Rand, ctx: _Ctx, product: _Product, diseases: list[_Disease], style: _Style, used: set[str], plain: bool
) -> tuple[str, float, list[str]]:
    """The cohort layout of an outcome article, its pooled response rate, and its paragraphs."""
    roll = r()
    paras: list[str] = []
    if roll < 0.14:
        layout = "arms"
        ctx["phase"] = _one(("Phase 3", "Phase 3", "Phase III", "Phase 2"), r)
        n_a = int(40 + r() * 140)
        n_b = max(30, n_a + int((r() - 0.5) * 10))
        a = _cohort(r, n_a, style, 0.25, 0.55)
        b = _cohort(r, n_b, style, 0.08, 0.25)
        pfs_a = _months(r, 5.0, 14.0)
        pfs_b = _months(r, 2.0, pfs_a - 1.5)
        hr = min(0.95, max(0.3, pfs_b / pfs_a * (0.85 + r() * 0.3)))
        os_b = _months(r, 9.0, 24.0)
        arm_a = _one((f"{product.short}", "cell therapy", f"{_MODALITY[product.modality][1]}"), r)
        c = _cohort_people(r, ctx, diseases[0])
        c.update({f"{k}_a": v for k, v in a.items()})
        c.update({f"{k}_b": v for k, v in b.items()})
        c.update(
            {
                "n_a": str(n_a),
                "n_b": str(n_b),
                "n_tot": str(n_a + n_b),
                "arm_a": arm_a,
                "arm_b": ctx["cmp_arm"],
                "pfs_a": f"{pfs_a}",
                "pfs_b": f"{pfs_b}",
                "hr": f"{hr:.2f}",
                "hr_lo": f"{hr * 0.7:.2f}",
                "hr_hi": f"{min(0.99, hr * 1.4):.2f}",
                "pv": _one(("<0.001", "=0.002", "=0.01", "=0.03"), r),
                "fu": a["fu"],
                "os_a": f"{round(os_b + 2 + r() * 10, 1)}",
                "os_b": f"{os_b}",
                "pfs6_a": str(int(45 + r() * 20)),
                "pfs6_b": str(int(20 + r() * 15)),
                "g3_pct_a": str(int(85 + r() * 15)),
                "g3_pct_b": str(int(40 + r() * 30)),
                "ppl": style.ppl,
            }
        )
        if plain or r() < 0.5:
            paras.append(_one(("## Randomised comparison", "## Results", "## {Disease}"), r).format_map(c))
        paras.append(_pick(_ARMS_POP, r, used).format_map(c))
        sentences = [_pick(_ARMS_ORR, r, used)]
        if r() < 0.7:
            sentences.append(_pick(_ARMS_CR, r, used))
        paras.append(" ".join(sentences).format_map(c))
        sentences = [_pick(_ARMS_PFS, r, used)]
        if r() < 0.6:
            sentences.append(_pick(_ARMS_OS, r, used))
        if r() < 0.5:
            sentences.append(_pick(_ARMS_EXTRA, r, used))
        paras.append(" ".join(sentences).format_map(c))
        return layout, 0.0, paras
    if roll < 0.35:
        layout = "dose"
        ctx["phase"] = _one(("Phase 1", "Phase 1", "Phase 1/2", "Phase I"), r)
        levels = 2 + int(r() * 2)
        paras.append(_pick(_DOSE_INTRO, r, used).format_map(ctx.child({"k_word": _SPELLED[levels]})))
        heads = plain and r() < 0.6
        first_level = 1 + int(r() * 2)
        for i in range(levels):
            n = int(3 + r() * 14)
            c = ctx.child(_cohort(r, n, style, 0.1 + 0.12 * i, 0.3 + 0.15 * i))
            c["dl"] = str(first_level + i)
            c["dose_bn"] = f"{(i + 1) * (0.5 + r() * 2):.1f}"
            if heads:
                paras.append(_one(_DOSE_HEAD, r).format_map(c))
            lines = [_pick(_DOSE_LINES if c["_cr"] else _DOSE_LINES[1:], r, used)]
            if c["_sdpd"] and r() < 0.4:
                lines.append(_pick(_SDPD, r, used))
            if r() < 0.4:
                lines.append(_pick(_DOR_NR if c["_dor_nr"] else _DOR, r, used))
            paras.append(" ".join(lines).format_map(c))
        return layout, 0.0, paras
    layout = "disease"
    heads = r() < (0.9 if plain else 0.5)
    responders = total = 0
    for disease in diseases:
        n = int(12 + r() * 150)
        c = _cohort_people(r, ctx, disease)
        c.update(_cohort(r, n, style, 0.12, 0.6))
        responders += int(c["orr_n"])
        total += n
        c["ppl"] = "women" if disease.female and r() < 0.5 else style.ppl
        if heads and (len(diseases) > 1 or r() < 0.6):
            paras.append(_one(_COHORT_HEAD, r).format_map(c))
        paras.append(_pick(_POP_F if disease.female else _POP, r, used).format_map(c))
        paras.extend(_results(c, r, used))
    return layout, responders / total, paras


def _quotes_co(status: str, outcome: bool) -> tuple[str, ...]:
    """Executive quotes, except for academic developers (investigator quotes instead)."""
    if status == "academic":
        return _QUOTES if outcome else _QUOTES_NEWS
    return _QUOTES_CO if outcome else _QUOTES_CO_NEWS


def _options(product: _Product, status: str, layout: str, stage: str) -> list[tuple[int, tuple[str, ...]]]:
    """The optional paragraphs (slot, pool) an article may draw on to reach its size."""
    mod = product.modality
    outcome = layout in ("arms", "dose", "disease")
    quotes = _QUOTES if outcome else _QUOTES_NEWS
    options: list[tuple[int, tuple[str, ...]]] = [
        (_S_BG, _BG[mod]),
        (_S_BG, _BG[mod]),
        (_S_BG, _BG["ANY"]),
        (_S_BG, _BG["ANY"]),
        (_S_MFG, _MFG),
        (_S_MFG, _MFG),
        (_S_DESIGN, _DESIGN),
        (_S_SAFETY, _SAFETY["ANY"]),
        (_S_SAFETY, _SAFETY[mod]),
        (_S_QUOTE, quotes),
        (_S_QUOTE, _quotes_co(status, outcome)),
        (_S_REG, _REGULATORY[stage]),
        (_S_REG, _REGULATORY[stage]),
    ]
    if outcome:
        options.append((_S_QUOTE, quotes))
    if status != "academic":
        finance = _FINANCE_PUBLIC if status == "public" else _FINANCE
        options += [(_S_FIN, finance), (_S_FIN, finance)]
    if outcome:
        caveats = _CAVEATS_ARMS + _CAVEATS_ANY if layout == "arms" else _CAVEATS_SINGLE + _CAVEATS_ANY
        options += [(_S_MFG, _REGIMEN), (_S_CAVEAT, caveats), (_S_CAVEAT, caveats)]
    return options


def generate_article(index: int, seed: int = 0) -> tuple[str, str]:
    """Return (file_name, text) for article number `index`; same inputs → same output."""
    rng = random.Random(seed * 1_000_003 + index)
    r = rng.random
    name = f"{index:06d}_{rng.getrandbits(64):016x}{'.md' if r() < 0.2 else '.txt'}"
    plain = r() >= 0.4
    outcome = r() < 0.7
    date = dt.date.fromordinal(_D0 + int(r() * _DSPAN))
    product = _PRODUCTS[int(r() * len(_PRODUCTS))]
    wanted = 1 if not outcome else (1 if r() < 0.45 else 2 if r() < 0.64 else 3)
    pool = sorted(product.diseases, key=lambda _: r())
    diseases = [_DISEASES[i] for i in pool[: max(1, min(wanted, len(pool)))]]
    style = _Style(
        decimals=r() < (0.3 if plain else 0.5),
        spell=r() < 0.6,
        ppl=_one(("patients", "patients", "people", "participants"), r),
    )
    ctx = _base_context(r, product, diseases, date)
    ctx["ppl"] = style.ppl
    nct = f"NCT0{int(1_000_000 + r() * 5_999_999)}"
    ctx["nct"] = nct
    ctx["nct_ref"] = f"[{nct}](#)" if plain and r() < 0.4 else nct
    used: set[str] = set()
    parts: list[tuple[int, str]] = []
    company = _COMPANIES[product.company]
    kind = "outcome" if outcome else _one(_NEWS_KINDS[company.status], r)
    layout = kind
    stage = "post" if r() < 0.35 else "pre"  # of the regulatory process: before or after filing
    if outcome:
        layout, pooled_orr, results = _outcome_sections(r, ctx, product, diseases, style, used, plain)
        if layout == "arms":
            lead, titles = _LEADS_ARMS, _TITLES_ARMS
        elif layout == "dose":
            lead, titles = _LEADS_DOSE, _TITLES_DOSE
        elif len(diseases) > 1:
            pooled = 5 * round(20 * pooled_orr)
            ctx["headline"] = _one(("about {}%", "roughly {}%", "around {}%"), r).format(pooled)
            lead, titles = (_LEADS_MULTI if r() < 0.6 else _LEADS), _TITLES_MULTI
        else:
            lead, titles = _LEADS, _TITLES_OUTCOME
        parts.append((_S_LEAD, _pick(lead, r, used).format_map(ctx)))
        parts.extend((_S_RESULTS, p) for p in results)
    else:
        news_key = f"{kind}_{stage}" if kind == "regulatory" else kind
        titles = _TITLES_NEWS[news_key]
        parts.append((_S_LEAD, _pick(_LEADS_NEWS[news_key], r, used).format_map(ctx)))
        core: tuple[tuple[int, tuple[str, ...]], ...] = {
            "financing": ((_S_FIN, _FINANCE_PUBLIC), (_S_FIN, _FINANCE_PUBLIC), (_S_QUOTE, _QUOTES_CO_NEWS)),
            "regulatory": ((_S_REG, _REGULATORY[stage]), (_S_REG, _REGULATORY[stage]), (_S_DESIGN, _DESIGN)),
            "manufacturing": ((_S_MFG, _MFG), (_S_MFG, _MFG), (_S_QUOTE, _quotes_co(company.status, False))),
            "partnership": ((_S_FIN, _PARTNER), (_S_FIN, _PARTNER), (_S_QUOTE, _QUOTES_CO_NEWS)),
            "trial_start": ((_S_DESIGN, _DESIGN), (_S_DESIGN, _DESIGN), (_S_QUOTE, _QUOTES_NEWS)),
        }[kind]
        parts.extend((slot, _pick(tpl, r, used).format_map(ctx)) for slot, tpl in core)
    title = _pick(titles, r, used).format_map(ctx)

    # Header and footer first, so the body can be filled to a target total length.
    iso = dt.datetime(
        date.year,
        date.month,
        date.day,
        int(r() * 24),
        int(r() * 60),
        int(r() * 60),
        int(r() * 1_000_000),
        tzinfo=dt.UTC,
    ).isoformat()
    slug = _SLUG.sub("-", title.lower()).strip("-")[:80]
    if plain:
        publisher, domain, path = _PUBLISHERS[int(r() * len(_PUBLISHERS))]
        reporter = _one(_REPORTERS_HUMAN, r)
        standfirst = _one(_STANDFIRSTS_ARMS if layout == "arms" else _STANDFIRSTS if outcome else _STANDFIRSTS_NEWS, r)
        byline = f"{_MONTHS[date.month - 1]} {date.day}, {date.year} By [{reporter}](#)"
        lead_blank = "\n\n" if r() < 0.3 else ""
        head = f"{lead_blank}# {title}\n\n{standfirst}\n\n{byline}\n\n---\n\n"
        extra_links = ""
        if outcome and r() < 0.3:
            extra_links = "\n\n[Click here](#) to read the study abstract."
        copyright_year = min(2026, date.year + int(r() * 3))
        foot = (
            f"{extra_links}\n\n---\n\n© {copyright_year} {publisher}. All rights reserved.\n\n"
            f"<https://{domain}/{path}/{slug}>\n"
        )
    else:
        head = _front_matter(r, ctx, kind, title, slug, iso, product, diseases, used)
        foot = (
            "\n\n---\n"
            + _one(
                (
                    "*This article was generated by an AI reporter based on the sources listed above.*",
                    "*This summary was generated by an AI reporter from the sources listed above.*",
                    "*Generated by an automated news pipeline; see the sources above for the original reports.*",
                ),
                r,
            )
            + "\n"
        )

    # Fill the body with optional paragraphs until the article reaches its target size.
    target = min(7800.0, max(2100.0, rng.gauss(4450.0, 950.0))) - len(head) - len(foot)
    closing = _pick(_CLOSING if outcome else _CLOSING_NEWS, r, used).format_map(ctx)
    options = sorted(_options(product, company.status, layout, stage), key=lambda _: r())
    size = sum(len(p) + 2 for _, p in parts) + len(closing) + 2
    for slot, pool_ in options:
        if size >= target - 150:
            break
        template = _pick(pool_, r, used)
        if size + len(template) <= target + 250:  # placeholders and their values are of similar length
            text = template.format_map(ctx)
            parts.append((slot, text))
            size += len(text) + 2
    parts.sort(key=lambda item: item[0])
    body: list[str] = []
    seen_slots: set[int] = set()
    for slot, text in parts:
        if slot not in seen_slots:
            seen_slots.add(slot)
            if slot > _S_LEAD and r() < (0.3 if plain else 0.12):
                if slot == _S_SAFETY:
                    body.append(_one(_SECTION_BREAKS["safety"], r))
                elif slot == _S_REG:
                    body.append(_one(_SECTION_BREAKS["outlook"], r))
                elif slot == _S_BG and not outcome:
                    body.append(_one(_SECTION_BREAKS["background"], r))
                elif slot == _S_FIN and not outcome:
                    body.append(_one(_SECTION_BREAKS["business"], r))
        body.append(text)
    if not plain and r() < 0.45:
        takeaways = _TAKEAWAYS if outcome else _TAKEAWAYS_NEWS
        bullets = [f"*   {_pick(takeaways, r, used).format_map(ctx)}" for _ in range(3 + int(r() * 2))]
        body.append("## Key Takeaways:\n" + "\n".join(bullets))
    body.append(closing)
    return name, head + "\n\n".join(body) + foot


def _front_matter(
    r: _Rand,
    ctx: Ctx,
    kind: str,
    title: str,
    slug: str,
    iso: str,
    product: _Product,
    diseases: list[_Disease],
    used: set[str],
) -> str:
    """YAML front matter of a feed brief, keys in alphabetical order as feeds write them."""
    company = _COMPANIES[product.company]
    summary = _pick(_SUMMARIES[kind], r, used).format_map(ctx)
    feed, feed_path = _FEEDS[int(r() * len(_FEEDS))]
    ticker = f" ({company.ticker})" if company.ticker else ""
    source_title = _one(
        (
            f"{company.name}{ticker} Announces Update on {ctx['P']}",
            f"{title} - {company.short}",
            f"{company.name}{ticker}: {ctx['P']} {ctx['Disease']} Update",
        ),
        r,
    )
    tags = [
        "biotechnology",
        "clinical trials" if kind in ("outcome", "trial_start") else "business",
        _one(("cell therapy", "immunotherapy", "cancer treatment", "oncology"), r),
        company.name.lower(),
        product.short.lower(),
    ] + [d.prose for d in diseases]
    if kind not in ("outcome", "trial_start"):
        tags.append(kind.replace("_", " "))
    lines = ["---"]
    subcategory = {
        "outcome": "clinical-trial-results",
        "financing": "earnings",
        "regulatory": "regulatory",
        "manufacturing": "manufacturing",
        "partnership": "deals",
        "trial_start": "clinical-trials",
    }[kind]
    fields: list[tuple[str, str]] = [
        ("category", _one(("markets", "science", "health", "business"), r)),
        ("content_type", _one(("brief", "brief", "analysis", "press-release-summary"), r)),
        ("date", f"'{iso}'"),
    ]
    optional = [
        ("impact", _one(("low", "medium", "medium", "high"), r)),
        ("reporter", _one(_REPORTERS_AI, r)),
        ("sentiment", _one(("positive", "positive", "neutral", "mixed", "negative"), r)),
        ("slug", slug),
        ("subcategory", subcategory),
    ]
    if r() < 0.15:
        del optional[int(r() * len(optional))]
    for key, value in fields:
        lines.append(f"{key}: {value}")
    lines.append("entities:")
    entities = [(company.name, "organization"), (_cap(product.short), "drug")]
    entities += [(d.label, "disease") for d in diseases]
    if r() < 0.4:
        entities.append((ctx["centre"], "organization"))
    for ent_name, ent_type in entities:
        lines.append(f"- name: {_yaml_str(ent_name)}\n  type: {ent_type}")
    opt = dict(optional)
    for key in ("impact", "reporter", "sentiment", "slug"):
        if key in opt:
            lines.append(f"{key}: {_yaml_str(opt[key])}")
    url_id = int(r() * 1_000_000_000)
    lines.append(
        f"sources:\n- feed: {feed}\n  title: {_yaml_str(source_title)}\n"
        f"  url: https://{feed_path}/{slug[:60].rstrip('-')}-{url_id}.html"
    )
    if "subcategory" in opt:
        lines.append(f"subcategory: {opt['subcategory']}")
    lines.append(f"summary: {_yaml_str(summary)}")
    lines.append("tags:")
    lines.extend(f"- {_yaml_str(t)}" for t in tags)
    lines.append(f"title: {_yaml_str(title)}")
    lines.append("---\n\n")
    return "\n".join(lines)


def generate_corpus(folder: str | os.PathLike[str], count: int, seed: int = 0, *, subfolders: int = 0) -> list[Path]:
    """Write `count` articles into folder (creating it), optionally spread over N subfolders; return the paths."""
    if count < 0 or subfolders < 0:
        raise ValueError("count and subfolders must not be negative")
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    dirs = [root / f"part_{k:03d}" for k in range(subfolders)] or [root]
    for directory in dirs:
        directory.mkdir(exist_ok=True)
    paths: list[Path] = []
    for index in range(count):
        file_name, text = generate_article(index, seed)
        data = text.encode("utf-8")
        if index % HTML_EVERY == HTML_EVERY - 1:  # a share of saved web pages and PDFs, as real folders hold
            file_name, data = file_name.rsplit(".", 1)[0] + ".html", as_web_page(text).encode("utf-8")
        elif index % PDF_EVERY == PDF_EVERY // 2:
            file_name, data = file_name.rsplit(".", 1)[0] + ".pdf", as_pdf(text)
        path = dirs[index % len(dirs)] / file_name
        path.write_bytes(data)
        paths.append(path)
    return paths


HTML_EVERY = 10
"""One article in this many is written as a saved web page."""
PDF_EVERY = 20
"""One article in this many is printed to PDF (one in two of them in two columns)."""


def as_pdf(text: str) -> bytes:
    """An article printed to PDF as a browser prints a page (`bench.pdfwriter`)."""
    from tilbrowse.bench.pdfwriter import article_pdf
    from tilbrowse.corpus.parse import parse_article

    article = parse_article(text, article_id="page", path="page.md")
    columns = 1 + len(article.body) % 2
    return article_pdf(article.title or "Article", article.body, date=article.date or "", columns=columns)


def as_web_page(text: str) -> str:
    """An article as a news site's saved page: navigation, a cookie banner, the article (headings,
    paragraphs, pipe tables as HTML tables), related links and a footer."""
    import html as html_escape

    from tilbrowse.corpus.parse import parse_article

    esc = html_escape.escape
    article = parse_article(text, article_id="page", path="page.md")
    body, title = article.body, article.title or "Article"
    parts: list[str] = []
    rows: list[list[str]] = []
    for block in body.split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("|") for line in lines):
            rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines if not set(line) <= set("|-: ")]
            head, *rest = rows
            parts.append(
                "<table><tr>" + "".join(f"<th>{esc(c)}</th>" for c in head) + "</tr>"
                + "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rest) + "</table>"
            )
        elif lines[0].startswith("#"):
            parts.append(f"<h2>{esc(lines[0].lstrip('# '))}</h2>")
            if lines[1:]:
                parts.append(f"<p>{esc(' '.join(lines[1:]))}</p>")
        else:
            parts.append(f"<p>{esc(' '.join(lines))}</p>")
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{esc(title)}</title>"
        f'<meta property="og:title" content="{esc(title)}">'
        f'<meta property="article:published_time" content="{esc(article.date or "")}"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/subscribe'>Subscribe</a></nav>"
        "<div class='cookies'>We use cookies. <button>Accept</button></div>"
        f"<article><h1>{esc(title)}</h1>{''.join(parts)}</article>"
        "<aside><h3>Related</h3><ul><li><a href='/a'>Markets close higher</a></li></ul></aside>"
        "<footer>© Example Media</footer></body></html>"
    )


def pathological_articles() -> dict[str, str]:
    """Articles of shapes no real article has, each within the 2 MB file limit: what extraction
    must read in bounded time (its limits leave the rest unread, with a warning)."""
    sentence = "ORR 45% (9/20), CR 10%, median PFS 5.1 months, n=20, "
    prose = "The ORR was 45% (9/20) and the median PFS was 5.1 months. "
    return {
        "pipe table, 4,000 rows": "# Pipe table\n\n| Cohort | ORR | CR |\n|---|---|---|\n"
        + "".join(f"| Group {i} (n={i % 50 + 5}) | {i % 90}% | {i % 20}% |\n" for i in range(4000)),
        "pipe table, 20,000 rows": "# Pipe table\n\n| Outcome | Arm A (n=20) | Arm B (n=22) |\n|---|---|---|\n"
        + "".join(f"| ORR | {i % 90}% | {i % 80}% |\n" for i in range(20_000)),
        "one 2 MB sentence of figures": "# Run-on\n\n" + sentence * (2_000_000 // len(sentence)),
        "2 MB of sentences with figures": "# Prose\n\n" + prose * (2_000_000 // len(prose)),
        "list of 60,000 items": "# List\n\n"
        + "".join(f"- Cohort {i}: ORR {i % 90}% (n={i % 40 + 5})\n" for i in range(60_000)),
    }
