"""`python -m tilbrowse` runs the same command line as the `tilbrowse` script."""

from tilbrowse.cli import main

if __name__ == "__main__":  # not when a worker process imports this module
    raise SystemExit(main())
