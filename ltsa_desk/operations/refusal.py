"""The one error type of an operation: what was refused, in words an officer can read.

The services raise their own exceptions (a workflow step out of order, a record that fails a rule,
an account without the role, a CPMI not found or already closed, a paper the checklist or the
attachment store refuses, a letter the rules refuse). Every caller used to catch its
own selection of them and guess the field; :func:`refusals` does it once, so the window shows the
same words the command line prints, and both know which field (or ``--as``) is at fault.
:class:`Refused` itself lives in ``operations.refused``, which imports nothing of the services.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ltsa_desk.domain.errors import FieldValueError
from ltsa_desk.domain.permissions import NotPermitted as RoleRefused
from ltsa_desk.domain.workflow import IllegalTransition
from ltsa_desk.operations.refused import Refused
from ltsa_desk.services.applicants import ApplicantNotFound
from ltsa_desk.services.attachment_files import AttachmentRejected
from ltsa_desk.services.case_order import NotPermitted as OrderRefused
from ltsa_desk.services.documents import DocumentError, DocumentsIncomplete
from ltsa_desk.services.intake import ApplicantClosed
from ltsa_desk.services.letters import LetterRefused
from ltsa_desk.services.validation import ValidationFailed

__all__ = ["Refused", "refusals"]


@contextmanager
def refusals(*, keep: tuple[type[Exception], ...] = ()) -> Iterator[None]:
    """Turn the services' refusals raised inside into :class:`Refused` (the cause kept).

    ``keep`` names refusals an operation hands on as they are, because a form needs all of
    them: every field's message of a record's failed rules, the warnings to confirm, the other
    CPMI who holds a NIK (``operations.corrections``).
    """
    try:
        yield
    except Refused:
        raise
    except keep:
        raise
    except (RoleRefused, OrderRefused) as exc:
        raise Refused(str(exc), field="as", reason="not_permitted") from exc
    except IllegalTransition as exc:
        raise Refused(str(exc), field="state", reason=exc.reason) from exc
    except ValidationFailed as exc:
        raise Refused(str(exc), field=next(iter(exc.errors), None), reason="invalid") from exc
    except FieldValueError as exc:
        raise Refused(str(exc), field=exc.field or None, reason=exc.reason) from exc
    except ApplicantNotFound as exc:
        raise Refused(str(exc), field="key", reason="not_found") from exc
    except ApplicantClosed as exc:
        raise Refused(str(exc), field="state", reason="closed") from exc
    except DocumentError as exc:
        raise Refused(exc.message, field="kind", reason=exc.code) from exc
    except DocumentsIncomplete as exc:
        raise Refused(exc.message, field="documents", reason="incomplete") from exc
    except AttachmentRejected as exc:
        raise Refused(exc.message, field="file", reason=exc.reason) from exc
    except LetterRefused as exc:
        raise Refused(exc.message, field=_letter_field(exc), reason=exc.code) from exc


def _letter_field(exc: LetterRefused) -> str:
    """Where a letter's refusal points: the CPMI's field that must be filled in, the case's
    status, the office's number pattern, or the letter itself (already issued, void, unknown)."""
    if exc.code == "missing_data":
        return exc.detail.get("field") or "letter"
    return {"wrong_state": "state", "numbers": "letters.number_pattern"}.get(exc.code, "letter")
