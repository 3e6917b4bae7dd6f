"""The project's own errors that the command line turns into exit status 2."""

from __future__ import annotations


class QueryError(ValueError):
    """A query that cannot be understood (e.g. ``date:2025-13``)."""
