"""The domain of tilbrowse: loading, extraction, search, comparison and export.

Nothing under this package imports Textual or Rich; the command line and the
terminal UI are thin faces on these functions (a test enforces it).
"""
