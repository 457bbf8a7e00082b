"""Cohorts side by side: the comparison, its statistics and its CSV/Markdown forms."""
