"""Shared test set-up: offscreen Qt and a file keyring backend, never the developer's real keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
