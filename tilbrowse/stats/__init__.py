"""Exact statistics for small trials: Clopper–Pearson intervals and Fisher's exact test (plain math)."""
