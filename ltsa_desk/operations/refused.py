"""The one error type of an operation, in a module of its own that imports nothing else.

Why apart from :mod:`ltsa_desk.operations.refusal` (which turns the services' refusals into it):
that module imports the exception of every service (documents, letters, attachments), and a
verb that only manages accounts, or only words a refusal, need not load them (the command
line's start-up, issue 19). Both modules hand out the same class.
"""

from __future__ import annotations

__all__ = ["Refused"]


class Refused(Exception):
    """An operation refused the action; nothing was written.

    ``message`` is Indonesian and safe to show; ``field`` names the field at fault (``"as"``
    for the acting account, ``"state"`` for the case's status, ``"key"`` for a CPMI not
    found, ``"kind"`` for a document kind, ``"file"`` for an attachment, ``"documents"`` for
    papers still missing, ``"letter"`` for a letter, ``"username"``, ``"password"`` or ``"role"``
    for an account), ``reason`` a stable code where the service
    gave one (the workflow's, the documents', the attachment store's and the letters' codes),
    so a screen may still choose its own words for it.
    """

    def __init__(self, message: str, *, field: str | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.reason = reason
