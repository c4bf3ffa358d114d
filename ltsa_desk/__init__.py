"""LTSA Desk: the offline-first counter application for LTSA offices."""

__version__ = "0.1.0"
