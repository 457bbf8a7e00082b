"""`python -m tilbrowse.scoring` — an alias of `python -m tilbrowse.extract.scoring`.

Kept because `../shared/realdev/README.md` and earlier notes name this command.
"""

from tilbrowse.extract.scoring import main

if __name__ == "__main__":
    raise SystemExit(main())
