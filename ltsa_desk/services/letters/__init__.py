"""Letters (SPR and passport recommendation), the CPMI's receipt and the hand-carry application.

Numbering. A letter number comes from the office's pattern (``letters.number_pattern``, default
``562/{seq}/LTSA-{counter}/{roman_month}/{year}``) and a running number kept in
``counter_sequence`` for this counter and year, bumped inside the issuing transaction. The
counter id and the year are part of every number (the configuration refuses a pattern without
them), so two counters that cannot see each other, or the same counter next January, never make
the same number. Both kinds share one running number (the office's single register of outgoing
letters, as a paper "buku agenda surat keluar" works), which keeps the default pattern - that does
not name the kind - free of clashes; a pattern that names ``{kind}`` gets one running number per
kind instead. A voided letter keeps its row and its number, and the running number never goes
back, so a number is never handed out twice. Should an office change its pattern mid-year into one
that produces a number already issued, the next value is taken instead.

Rules (decided here, shown to the officer in Indonesian when refused):

* SPR: from ``documents_complete`` on, up to ``passport_issued``, and only while the
  registration documents on file satisfy that step (verified, under
  ``documents.require_verified``) whatever the status says; not for a departed or cancelled case.
  It is addressed to the CPMI's P3MI, so the P3MI must be filled in. One valid SPR per CPMI at
  a time.
* Passport recommendation: needs the documents of the ``recommended`` step (medical certificate
  no older than three months, AK/I card, placement agreement) and moves the case from
  ``documents_complete`` to ``recommended`` in the same transaction. It names the destination
  country, which must be filled in. A case already further on
  (a voided recommendation being replaced, or an office that requested the passport first) gets
  the letter without a status change: the workflow never moves back. One valid recommendation
  per CPMI at a time.
* Voiding keeps the letter (``revoked``) and records the reason in the audit log; it does not
  move the case back (the workflow only goes forward; see ``domain/workflow.py``).
* Reprinting records an audit entry and the letter is printed marked SALINAN (copy).

No Qt here: ``ltsa_desk.printing`` turns the plain data returned by these functions into PDFs.

One module per thing made: ``words`` (kinds, titles, labels, Indonesian dates), ``record`` (the
plain data of a letter, and reading a letter back), ``numbering`` (letter numbers), ``rules``
(what each kind needs), ``issuing`` (issue, void, reprint), ``receipt`` and ``hand_carry``.
Callers use this package (``from ltsa_desk.services import letters``), not its modules.
"""

from __future__ import annotations

from ltsa_desk.services.letters.hand_carry import HandCarryData, hand_carry_data, needs_hand_carry
from ltsa_desk.services.letters.issuing import (
    REASON_MAX,
    issue_letter,
    issue_passport_recommendation,
    issue_spr,
    reprint,
    void_letter,
)
from ltsa_desk.services.letters.numbering import SEQUENCE_NAME, format_letter_number
from ltsa_desk.services.letters.receipt import (
    ReceiptData,
    SubmissionLine,
    receipt_data,
    summarize_day,
)
from ltsa_desk.services.letters.record import (
    ApplicantSummary,
    LetterData,
    LetterSummary,
    OfficeSettings,
    letter_data,
    letters_of,
    summarize,
    with_copy,
)
from ltsa_desk.services.letters.rules import check_can_issue
from ltsa_desk.services.letters.words import (
    DESTINATION_LABELS_ID,
    ITEM_STATE_LABELS_ID,
    LETTER_KIND_CODES,
    LETTER_TITLES_ID,
    MONTHS_ID,
    SUBMISSION_KIND_LABELS_ID,
    WAITING_STATES,
    LetterKind,
    LetterRefused,
    format_date_id,
    format_datetime_id,
    format_nip,
    letter_title,
    mask_nik,
    roman_month,
)

__all__ = [
    "DESTINATION_LABELS_ID",
    "ITEM_STATE_LABELS_ID",
    "LETTER_KIND_CODES",
    "LETTER_TITLES_ID",
    "MONTHS_ID",
    "REASON_MAX",
    "SEQUENCE_NAME",
    "SUBMISSION_KIND_LABELS_ID",
    "WAITING_STATES",
    "ApplicantSummary",
    "HandCarryData",
    "LetterData",
    "LetterKind",
    "LetterRefused",
    "LetterSummary",
    "OfficeSettings",
    "ReceiptData",
    "SubmissionLine",
    "check_can_issue",
    "format_date_id",
    "format_datetime_id",
    "format_letter_number",
    "format_nip",
    "hand_carry_data",
    "issue_letter",
    "issue_passport_recommendation",
    "issue_spr",
    "letter_data",
    "letter_title",
    "letters_of",
    "mask_nik",
    "needs_hand_carry",
    "receipt_data",
    "reprint",
    "roman_month",
    "summarize",
    "summarize_day",
    "void_letter",
    "with_copy",
]
