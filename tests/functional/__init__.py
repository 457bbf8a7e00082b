"""Functional tests: the browser through Pilot and snapshots, the CLI as a subprocess, soaks."""
