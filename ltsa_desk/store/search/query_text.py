"""One search box text, read the ways it can be meant: NIK prefix, tracking code, name fragment.

Also how names are compared (case and spacing never matter) and where a page of results ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

HIGH = "\uffff"
"""Above every character a NIK or tracking code holds: ``lo <= v < lo + HIGH`` is a prefix."""

MIN_TRIGRAM = 3
"""Letters a name fragment needs before the trigram index can answer for it."""


def name_key(name: str) -> str:
    """How names are compared: case and spacing never matter to an officer."""
    return " ".join(name.split()).lower()


#: Where a page ends: the (registered_at, tracking_code) of its last row. Tracking codes are
#: unique, so the pair is a total order and the next page starts exactly after it.
PageCursor = tuple[datetime, str]


@dataclass(frozen=True)
class SearchText:
    """One search box text, read the ways it can be meant."""

    raw: str

    @property
    def digits(self) -> bool:
        return self.raw.isdigit()

    @property
    def code(self) -> str:
        return self.raw.upper()

    @property
    def fragment(self) -> str:
        return name_key(self.raw)

    @property
    def like_pattern(self) -> str:
        escaped = self.fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"%{escaped}%"

    @property
    def phrase(self) -> str:
        """The fragment as an FTS5 phrase: a run of trigrams, i.e. the fragment as a substring."""
        return '"' + self.fragment.replace('"', '""') + '"'
