"""Finding and reading article files: discovery, decoding, front matter, dates, parsing into `Article`.

The lowest part of the domain: it imports nothing else of tilbrowse.
"""
