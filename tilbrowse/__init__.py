"""tilbrowse: a terminal browser for cell-therapy trial news, with outcome tables you can trust."""

__version__ = "0.1.0"
