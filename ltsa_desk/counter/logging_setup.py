"""The log file: rotating, under the data folder's ``logs/``, and never holding a NIK or a secret.

Why a filter on the handler and not discipline at every call site: a NIK reaches a log through
paths nobody wrote on purpose (an exception message, a remote system's error text, a traceback).
So everything the handler writes passes through :func:`mask_sensitive` first: 16-digit runs (NIK,
and KK numbers, which have the same shape) keep their first and last four digits
(``5203••••••••0001``: enough to tell records apart in a support call), bearer tokens and
``token=``/``password=`` values are replaced, and anything shaped like a recovery key is hidden.
Names cannot be recognised by a pattern; they stay out because the code never logs them and
SQLAlchemy hides statement parameters (``hide_parameters`` on every engine).

Why UTC timestamps (``2026-05-01T03:15:02.118Z``): a helpdesk reads logs from counters in three
Indonesian time zones, next to server logs and the database's UTC times; one clock for all of them
means a support call never starts with "which 08:00?".

Why also mask *known* secrets (:func:`remember_secret`): the patterns catch a token that travels
with its label (``Bearer ...``, ``token=...``), but not a bare value an exception message might
carry. Code that handles a token (the connection test, ``credentials set``) registers it, and from
then on the handler replaces that exact text wherever it appears.

Why lazy creation: a read-only verb that logs nothing must leave the data folder exactly as it
was (and a verb run on a folder that does not exist must not create it), so the folder and the
file appear with the first record.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import threading
import time
from pathlib import Path
from typing import Any

LOG_DIR = "logs"
LOG_FILE = "ltsa-desk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
MASK = "••••"

_NIK = re.compile(r"(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)")
_BEARER = re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9\-._~+/]+=*")
_SECRET_VALUE = re.compile(
    r"(?i)\b((?:access_|refresh_)?(?:token|password|passwd|secret|sandi|api[_-]?key)"
    r"[\"']?\s*[:=]\s*[\"']?)[^\s\"',;&]+"
)
_RECOVERY_KEY = re.compile(r"\b[0-9A-Z]{5}(?:-[0-9A-Z]{5}){6}\b")


_KNOWN_SECRETS: set[str] = set()
_SECRETS_LOCK = threading.Lock()
_MIN_SECRET_LENGTH = 6  # shorter values would mask ordinary words


def remember_secret(value: str | None) -> None:
    """Mask this exact value in every later log record (a token just read or typed)."""
    if value and len(value.strip()) >= _MIN_SECRET_LENGTH:
        with _SECRETS_LOCK:
            _KNOWN_SECRETS.add(value.strip())


def mask_sensitive(text: str) -> str:
    """The text with NIK-shaped numbers, tokens, passwords and recovery keys masked."""
    with _SECRETS_LOCK:
        known = sorted(_KNOWN_SECRETS, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    text = _NIK.sub(r"\1••••••••\2", text)
    text = _BEARER.sub(rf"\1{MASK}", text)
    text = _SECRET_VALUE.sub(rf"\1{MASK}", text)
    return _RECOVERY_KEY.sub(MASK, text)


class SensitiveDataFilter(logging.Filter):
    """Rewrites each record (message, arguments, exception text) with sensitive parts masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_sensitive(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_sensitive(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_sensitive(record.stack_info)
        return True


class _LazyRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates ``logs/`` only when the first record is written."""

    def _open(self) -> Any:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()


def utc_formatter() -> logging.Formatter:
    """``2026-05-01T03:15:02.118Z INFO ltsa_desk.technician.backup [4242]: ...``: UTC, ISO 8601."""
    formatter = logging.Formatter(
        "%(asctime)s.%(msecs)03dZ %(levelname)s %(name)s [%(process)d]: %(message)s",
        datefmt="%Y-%m-%dT%H:%M:%S",
    )
    formatter.converter = time.gmtime
    return formatter


def log_files(data_dir: Path) -> list[Path]:
    """The current log file and its rotated predecessors, newest first (for the support bundle)."""
    folder = data_dir / LOG_DIR
    if not folder.is_dir():
        return []
    current = folder / LOG_FILE
    rotated = [folder / f"{LOG_FILE}.{n}" for n in range(1, BACKUP_COUNT + 1)]
    return [path for path in (current, *rotated) if path.is_file()]


def setup_logging(data_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send the root logger to ``<data_dir>/logs/ltsa-desk.log`` (rotating), masked.

    Idempotent: calling it again (another data folder, tests) replaces the handler it added.
    Returns the log file's path.
    """
    path = data_dir / LOG_DIR / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _LazyRotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    handler = _LazyRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.setFormatter(utc_formatter())
    handler.addFilter(SensitiveDataFilter())
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    # One INFO line per HTTP request, or per opening (alembic's "Context impl"), would bury
    # everything else and grow the file all day; the store logs migrations itself.
    for noisy in ("httpx", "httpcore", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
