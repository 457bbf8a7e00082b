"""Following a trial across the articles that report it (plain Python, no UI).

`readout` reduces each cohort to what following a trial needs; `group` joins readouts into
trials by registry number, trial name and curated aliases (never by product alone); `timeline`
orders a trial's readouts with the change since the previous cut and draws an indication's
landscape; `formats` writes them as rows, JSON, CSV and Markdown.
"""

from tilbrowse.trials.group import Trial, find_trial, group_trials
from tilbrowse.trials.readout import Readout, readout_of, readouts_of
from tilbrowse.trials.timeline import LandscapeRow, TimelineRow, landscape, timeline

__all__ = [
    "LandscapeRow",
    "Readout",
    "TimelineRow",
    "Trial",
    "find_trial",
    "group_trials",
    "landscape",
    "readout_of",
    "readouts_of",
    "timeline",
]
