"""One doctor's check and the words it is said in: what ``doctor`` and its ``--json`` report.

Apart from the checks themselves so that every check module (the data folder's, the
surroundings') builds the same :class:`Check` and says sizes and waits the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    facts: dict[str, Any] = field(default_factory=dict)
    """Machine-readable details for --json (e.g. the encryption state), beside the words."""
    severity: str = ERROR
    """How much a failure matters: ``error`` (exit 1) or ``warning`` (reported, exit 0)."""

    @property
    def blocking(self) -> bool:
        """A failed error-level check: the counter needs the technician."""
        return not self.ok and self.severity == ERROR

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ok": self.ok,
            "severity": self.severity,
            "detail": self.detail,
            **self.facts,
        }


def healthy(checks: list[Check]) -> bool:
    return not any(check.blocking for check in checks)


def size_text(size: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bita"


def duration(seconds: float) -> str:
    """Whole minutes rounded down, as the window's status bar says them (ui/line_status.py):
    the technician and the officer must read the same wait."""
    if seconds >= 86_400:
        return f"{seconds / 86_400:.1f} hari"
    if seconds >= 3_600:
        return f"{seconds / 3_600:.1f} jam"
    if seconds < 60:
        return "kurang dari 1 menit"
    return f"{int(seconds // 60)} menit"
