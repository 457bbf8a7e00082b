"""`python -m tilbrowse` runs the same command line as the `tilbrowse` script."""

from tilbrowse.cli import main

raise SystemExit(main())
