"""Curated names the domain recognises: products with their aliases, trials with theirs.

Plain data and plain functions, below every other part: extraction gives a cohort its canonical
product, search resolves `drug:amtagvi` to lifileucel, and the trials view groups readouts by
trial name through these tables. Only names we are sure of are listed; anything else works as
written.
"""

from tilbrowse.catalog.products import PRODUCTS, Product, canonical_product, find_product, products_in
from tilbrowse.catalog.trials import TRIALS, TrialName, canonical_trial, trial_key

__all__ = [
    "PRODUCTS",
    "TRIALS",
    "Product",
    "TrialName",
    "canonical_product",
    "canonical_trial",
    "find_product",
    "products_in",
    "trial_key",
]
