"""Unit tests of the domain: plain functions, small fixture articles, the corpora scored."""
