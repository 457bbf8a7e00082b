"""`python -m tilbrowse.bench`."""

from tilbrowse.bench.run import main

if __name__ == "__main__":
    raise SystemExit(main())
