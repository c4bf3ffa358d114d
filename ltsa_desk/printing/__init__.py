"""Printed documents: letters (SPR, passport recommendation), the CPMI's receipt and the
hand-carry passport application, as A4 PDFs or on a printer.

QtGui only (QTextDocument, QPdfWriter, QPainter; no widgets), so it runs on a worker thread and
under ``QT_QPA_PLATFORM=offscreen``; a QGuiApplication (or QApplication) must exist. The data comes
from :mod:`ltsa_desk.services.letters`; the words from ``resources/templates``.

Typical use from a screen (off the GUI thread, through ``ctx.runner``)::

    data = letters.issue_spr(session, applicant_id, ctx.actor, settings)
    render_letter_pdf(data, pdf_path, training=ctx.training)

and to print the same pages from the print dialog (on the GUI thread, with the QPrinter)::

    print_letter(data, printer, training=ctx.training)
"""

from ltsa_desk.printing.builders import (
    TRAINING_WATERMARK,
    VOID_WATERMARK,
    build_hand_carry_document,
    build_letter_document,
    build_receipt_document,
)
from ltsa_desk.printing.render import (
    PrintFailed,
    apply_page_layout,
    hand_carry_filename,
    letter_filename,
    paint_document,
    print_hand_carry,
    print_letter,
    print_receipt,
    receipt_filename,
    render_hand_carry_pdf,
    render_letter_pdf,
    render_receipt_pdf,
)

__all__ = [
    "TRAINING_WATERMARK",
    "VOID_WATERMARK",
    "PrintFailed",
    "apply_page_layout",
    "build_hand_carry_document",
    "build_letter_document",
    "build_receipt_document",
    "hand_carry_filename",
    "letter_filename",
    "paint_document",
    "print_hand_carry",
    "print_letter",
    "print_receipt",
    "receipt_filename",
    "render_hand_carry_pdf",
    "render_letter_pdf",
    "render_receipt_pdf",
]
