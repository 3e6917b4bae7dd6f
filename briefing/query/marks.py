"""The reader's marks on meetings, as the query language's ``is:`` terms see them."""

from __future__ import annotations

from typing import NamedTuple

IS_VALUES = ("flagged", "read", "unread")
"""What ``is:`` can ask for."""


class Marks(NamedTuple):
    """Which meetings are flagged and which have been read, by ``briefing/meeting`` id."""

    flagged: frozenset[str] = frozenset()
    read: frozenset[str] = frozenset()

    def of(self, mark: str) -> frozenset[str]:
        """The meetings with ``mark`` (``flagged`` or ``read``)."""
        return self.flagged if mark == "flagged" else self.read
