"""The benchmark command and the synthetic corpus it measures (`python -m tilbrowse.bench`).

Nothing outside this package imports it.
"""
