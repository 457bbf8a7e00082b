"""Writing results out: the JSON report, CSV and Markdown tables, atomic file output.

Below the library on purpose: each article's JSON report is rendered once and cached.
"""
