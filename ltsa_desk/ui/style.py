"""Shared look: calm colours, always paired with a word or an icon (UX.md)."""

from __future__ import annotations

DELIVERED = "#2e7d32"  # green
PENDING = "#b26a00"  # amber, dark enough to read as text
ATTENTION = "#c62828"  # red
PAUSED = "#616161"  # grey (with a key icon)
OFFLINE = "#757575"  # grey
ERROR_TEXT = "#b00020"
BANNER_WARNING_BG = "#fff4e5"
BANNER_ERROR_BG = "#fdecea"
TRAINING_BG = "#6a1b9a"

ROW_HEIGHT = 30
MIN_POINT_SIZE = 10

ERROR_LABEL_CSS = f"color: {ERROR_TEXT};"
