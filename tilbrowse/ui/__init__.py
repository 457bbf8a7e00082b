"""The faces of tilbrowse that draw: Rich tables for the command line and the Textual app."""
