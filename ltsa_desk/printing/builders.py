"""Turning letter, receipt and hand-carry data into QTextDocuments (QtGui only, no widgets).

A QTextDocument is what both the PDF writer and the print dialog's printer consume, so the file a
CPMI receives and the paper printed at the counter are the same document. The words are in
``resources/templates``; this module fills them (escaped, see :mod:`.templates`) and adds the two
images every print carries: the office logo and the QR code of the tracking code.

Safe on a worker thread: only QImage (never QPixmap) is used, as Qt requires off the GUI thread.
A QGuiApplication must exist (fonts); the window has one, tests create one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QFont, QGuiApplication, QImage, QImageReader, QTextDocument

from ltsa_desk.printing.qr import qr_png
from ltsa_desk.printing.templates import esc, fill, load_template, rows_table
from ltsa_desk.services.letters import (
    ApplicantSummary,
    HandCarryData,
    LetterData,
    LetterKind,
    OfficeSettings,
    ReceiptData,
    SubmissionLine,
    format_date_id,
    format_datetime_id,
)

__all__ = [
    "FONT_FAMILIES",
    "LOGO_URL",
    "QR_URL",
    "TRAINING_WATERMARK",
    "VOID_WATERMARK",
    "build_hand_carry_document",
    "build_letter_document",
    "build_receipt_document",
    "letter_watermark",
    "require_gui_application",
]

log = logging.getLogger(__name__)

#: Arial is what Indonesian offices type letters in and is on every Windows PC; the others stand
#: in on Linux so a test or a technician's laptop prints the same layout.
FONT_FAMILIES = ["Arial", "Liberation Sans", "Arimo", "DejaVu Sans", "Sans Serif"]
BASE_POINT_SIZE = 11.0

LOGO_URL = QUrl("ltsa:logo")
QR_URL = QUrl("ltsa:qr")
LOGO_BOX = 78  # CSS px (1/96 inch): the logo column of the letterhead, about 2 cm
QR_SIZE = 92  # CSS px, about 2.4 cm: readable by a phone from a photocopy

TRAINING_WATERMARK = "LATIHAN"
VOID_WATERMARK = "DIBATALKAN"

_LETTER_TEMPLATES = {
    LetterKind.SPR: "letter_spr.html",
    LetterKind.PASSPORT_RECOMMENDATION: "letter_passport_recommendation.html",
}
_IMAGE = QTextDocument.ResourceType.ImageResource
_TITLE_PROPERTY = "ltsaTitle"


def require_gui_application() -> None:
    """Refuse clearly instead of crashing inside Qt when no QGuiApplication exists."""
    if QGuiApplication.instance() is None:
        raise RuntimeError(
            "Printing needs a QGuiApplication (fonts); create one first "
            "(QT_QPA_PLATFORM=offscreen works without a screen)"
        )


def _new_document(title: str) -> QTextDocument:
    require_gui_application()
    document = QTextDocument()
    document.setDocumentMargin(0)
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(BASE_POINT_SIZE)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(load_template("print.css"))
    document.setProperty(_TITLE_PROPERTY, title)
    return document


def _set_html(document: QTextDocument, html: str) -> QTextDocument:
    """Load the filled template; the title is set afterwards because ``setHtml`` clears it."""
    document.setHtml(html)
    title = str(document.property(_TITLE_PROPERTY) or "")
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    return document


def _load_logo(path_text: str) -> QImage | None:
    """The office logo as an image; a missing or unreadable file prints no logo (and is logged)
    rather than stopping a letter the CPMI is waiting for."""
    if not path_text:
        return None
    path = Path(path_text).expanduser()
    if not path.is_file():
        log.warning("office logo not found: %s", path)
        return None
    reader = QImageReader(str(path))
    if path.suffix.lower() == ".svg":
        size = reader.size()
        if size.isValid() and size.height() > 0:
            reader.setScaledSize(size.scaled(QSize(600, 600), Qt.AspectRatioMode.KeepAspectRatio))
        else:
            reader.setScaledSize(QSize(600, 600))
    image = reader.read()
    if image.isNull():
        log.warning("office logo unreadable: %s (%s)", path, reader.errorString())
        return None
    return image


def _logo_html(document: QTextDocument, office: OfficeSettings) -> str:
    image = _load_logo(office.logo)
    if image is None:
        return "&nbsp;"
    document.addResource(_IMAGE, LOGO_URL, image)
    ratio = image.width() / image.height() if image.height() else 1.0
    width, height = (
        (LOGO_BOX, round(LOGO_BOX / ratio))
        if ratio >= 1
        else (
            round(LOGO_BOX * ratio),
            LOGO_BOX,
        )
    )
    return f'<img src="{LOGO_URL.toString()}" width="{width}" height="{height}">'


def _add_qr(document: QTextDocument, text: str) -> None:
    document.addResource(_IMAGE, QR_URL, QImage.fromData(qr_png(text), "PNG"))


def _letterhead_html(document: QTextDocument, office: OfficeSettings) -> str:
    return fill(
        load_template("letterhead.html"),
        {
            "side_width": LOGO_BOX + 6,
            "logo_html": _logo_html(document, office),
            "government_line": office.government_line,
            "office_name": office.display_name.upper(),
            "office_address": office.address,
        },
    )


def _marks_html(
    *,
    copy: bool = False,
    training: bool = False,
    void: bool = False,
    void_reason: str | None = None,
) -> str:
    """Markings at the top of the page: SALINAN (copy), LATIHAN (training), DIBATALKAN (void).

    They are part of the document itself, so even a print made through another path (the print
    dialog's plain ``QTextDocument.print_``) carries them; the diagonal watermark comes on top.
    A void letter says why it was voided: whoever holds the paper must know what replaces it.
    """
    parts = []
    if training:
        parts.append(
            '<p class="mark-training" align="center">MODE LATIHAN - DOKUMEN INI TIDAK SAH</p>'
        )
    if void:
        parts.append('<p class="mark-void" align="center">DIBATALKAN - SURAT INI TIDAK BERLAKU</p>')
        if void_reason:
            parts.append(f'<p align="center">Alasan pembatalan: {esc(void_reason)}</p>')
    if copy:
        parts.append(
            '<table align="right" cellspacing="0" cellpadding="3" border="1" '
            'style="border-style: solid; border-color: #000000; margin-bottom: 6px;">'
            "<tr><td><b>&nbsp;SALINAN&nbsp;</b></td></tr></table>"
        )
    return "".join(parts)


def _signature_html(
    document: QTextDocument,
    office: OfficeSettings,
    tracking_code: str,
    *,
    signed_on: date | None = None,
) -> str:
    """The QR and the signature block; ``signed_on`` puts "place, date" above the signatory
    (for papers whose body does not already carry it, like the hand-carry application)."""
    _add_qr(document, tracking_code)
    name = office.head_name or "(" + "." * 40 + ")"
    nip = f"NIP. {office.nip_display}" if office.head_nip else "NIP. " + "." * 30
    return fill(
        load_template("signature.html"),
        {
            "qr_size": QR_SIZE,
            "tracking_code": tracking_code,
            "place_date_html": (
                f"<p>{esc(office.place)}, {esc(format_date_id(signed_on))}</p>" if signed_on else ""
            ),
            "signatory_title": office.signatory_title,
            "head_name": name,
            "head_nip_line": nip,
        },
    )


def _applicant_rows(applicant: ApplicantSummary, kind: LetterKind) -> list[tuple[str, str]]:
    rows = [
        ("Nama lengkap", applicant.full_name),
        ("NIK", applicant.nik),
        ("Tempat, tanggal lahir", applicant.birth_line),
        ("Jenis kelamin", applicant.sex_label),
    ]
    if kind is LetterKind.SPR:
        rows += [
            ("Status perkawinan", applicant.marital_status_label),
            ("Pendidikan terakhir", applicant.education),
            ("Alamat", applicant.address),
            ("Negara tujuan", applicant.destination_country_name),
            ("Jabatan", applicant.job_title),
        ]
    else:
        rows += [
            ("Alamat", applicant.address),
            ("Negara tujuan", applicant.destination_country_name),
            ("Jabatan", applicant.job_title),
            ("P3MI", applicant.agency),
            (
                "Rencana keberangkatan",
                format_date_id(applicant.planned_departure) if applicant.planned_departure else "",
            ),
        ]
    return rows


def letter_watermark(data: LetterData, *, training: bool = False) -> str | None:
    """The diagonal word across a letter: DIBATALKAN for a void letter, LATIHAN in training."""
    if data.letter.revoked:
        return VOID_WATERMARK
    return TRAINING_WATERMARK if training else None


def build_letter_document(
    data: LetterData, *, copy: bool | None = None, training: bool = False
) -> QTextDocument:
    """The letter as a QTextDocument: kop surat, number, addressee, body, signature and QR.

    ``copy`` defaults to ``data.copy`` (set by ``letters.reprint``). The UI can hand the result
    to a printer (see :func:`ltsa_desk.printing.print_letter`) so paper and PDF match.
    """
    kind = LetterKind(data.kind)
    document = _new_document(f"{data.title} {data.number}")
    office, applicant = data.office, data.applicant
    is_copy = data.copy if copy is None else copy
    agency = applicant.agency or "P3MI"
    country = applicant.destination_country_name or "negara tujuan penempatan"
    placement = country + (f" melalui {applicant.agency}" if applicant.agency else "")
    html = fill(
        load_template(_LETTER_TEMPLATES[kind]),
        {
            "marks_html": _marks_html(
                copy=is_copy,
                training=training,
                void=data.letter.revoked,
                void_reason=data.letter.void_reason,
            ),
            "letterhead_html": _letterhead_html(document, office),
            "place": office.place,
            "letter_date": format_date_id(data.issued_on),
            "number": data.number,
            "agency_line": agency,
            "country_line": country,
            "placement_line": placement,
            "immigration_office": office.immigration_addressee,
            "office_name_plain": office.display_name,
            "applicant_table_html": rows_table(_applicant_rows(applicant, kind), bold_first=True),
            "signature_html": _signature_html(document, office, applicant.tracking_code),
        },
    )
    return _set_html(document, html)


def _list_html(items: Iterable[str], empty: str) -> str:
    lines = [f"<li>{esc(item)}</li>" for item in items]
    if not lines:
        return f'<p style="margin-left: 24px;">{esc(empty)}</p>'
    return '<ul style="margin-top: 0px; margin-bottom: 0px;">' + "".join(lines) + "</ul>"


_RULE = "border-bottom: 1px solid #999999;"


def _grid_html(header: list[str], rows: list[list[str]], widths: list[int]) -> str:
    """A ruled table (the receipt's submissions): a shaded header, a thin line under each row;
    ``widths`` in percent. Cell rules instead of a table border: Qt draws the latter doubled."""
    head = "".join(
        f'<td class="head" width="{w}%" style="{_RULE}">{esc(h)}</td>'
        for h, w in zip(header, widths, strict=True)
    )
    body = "".join(
        "<tr>" + "".join(f'<td valign="top" style="{_RULE}">{cell}</td>' for cell in row) + "</tr>"
        for row in rows
    )
    return f'<table width="100%" cellspacing="0" cellpadding="4"><tr>{head}</tr>{body}</table>'


def _submission_row(line: SubmissionLine) -> list[str]:
    if line.waiting:
        state = f"<b>{esc(line.state_label)}</b>"
        since = f"sejak {esc(format_datetime_id(line.since))}"
        if line.reason:
            since += f"<br>{esc(line.reason)}"
    else:
        state = esc(line.state_label)
        since = esc(format_datetime_id(line.since))
    return [
        esc(line.destination_label),
        esc(line.kind_label),
        state,
        since,
        esc(line.remote_number or "-"),
    ]


def build_receipt_document(data: ReceiptData, *, training: bool = False) -> QTextDocument:
    """The CPMI's receipt (tanda terima) as a QTextDocument."""
    applicant = data.applicant
    document = _new_document(f"Tanda Terima {applicant.tracking_code}")
    _add_qr(document, applicant.tracking_code)
    lines = data.waiting + data.delivered
    if lines:
        submissions = _grid_html(
            ["Tujuan", "Isi", "Status", "Waktu", "Nomor"],
            [_submission_row(line) for line in lines],
            [13, 19, 17, 26, 25],
        )
    else:
        submissions = _list_html([], "Tidak ada kiriman.")
    html = fill(
        load_template("receipt.html"),
        {
            "marks_html": _marks_html(training=training),
            "letterhead_html": _letterhead_html(document, data.office),
            "tracking_code": applicant.tracking_code,
            "full_name": applicant.full_name,
            "nik_masked": applicant.nik_masked,
            "state_label": applicant.state_label,
            "country": applicant.destination_country_name or "-",
            "departure": format_date_id(applicant.planned_departure)
            if applicant.planned_departure
            else "-",
            "registry_id": applicant.registry_id or "belum ada (menunggu kiriman terkirim)",
            "passport_no": applicant.passport_application_no or "belum ada",
            "qr_size": QR_SIZE,
            "today": format_date_id(data.today),
            "done_html": _list_html(data.today_summary, "Tidak ada."),
            "submissions_html": submissions,
            "still_needed_html": _list_html(data.still_needed, "Tidak ada: dokumen lengkap."),
            "printed_at": format_datetime_id(data.printed_at),
            "counter_id": data.office.counter_id or "-",
            "place": data.office.place,
            "officer": data.prepared_by or "." * 30,
        },
    )
    return _set_html(document, html)


def _hand_carry_notice(data: HandCarryData) -> tuple[str, str]:
    office = data.office.display_name
    queued = format_datetime_id(data.queued_at)
    state = data.state_label.lower()
    text = (
        f"Permohonan paspor ini sudah dicatat di {office} pada {queued}, tetapi belum terkirim "
        f"secara elektronik ke Imigrasi (status kiriman: {state})."
    )
    if data.reason:
        text += f" Alasan: {data.reason}."
    departure = data.applicant.planned_departure
    if departure is not None and data.days_to_departure is not None:
        days = data.days_to_departure
        when = format_date_id(departure)
        if days > 0:
            text += f" Rencana keberangkatan {when} ({days} hari lagi)."
        elif days == 0:
            text += f" Rencana keberangkatan hari ini, {when}."
        else:
            text += f" Rencana keberangkatan {when} sudah lewat."
    text += (
        " Agar tidak terlambat, CPMI membawa lembar ini ke Kantor Imigrasi sehingga data tidak "
        "perlu diketik ulang."
    )
    title = "Perlu dibawa langsung" if data.urgent else "Belum terkirim secara elektronik"
    return title, text


def build_hand_carry_document(data: HandCarryData, *, training: bool = False) -> QTextDocument:
    """The passport application the CPMI carries to immigration, as a QTextDocument."""
    applicant = data.applicant
    document = _new_document(f"Data Permohonan Paspor {applicant.tracking_code}")
    title, text = _hand_carry_notice(data)
    application = list(data.application)
    html = fill(
        load_template("hand_carry.html"),
        {
            "marks_html": _marks_html(training=training),
            "letterhead_html": _letterhead_html(document, data.office),
            "notice_title": title,
            "notice_text": text,
            "application_html": rows_table(application, label_width=210, indent_px=0),
            "supporting_html": rows_table(data.supporting, label_width=210, indent_px=0),
            "signature_html": _signature_html(
                document, data.office, applicant.tracking_code, signed_on=data.today
            ),
        },
    )
    return _set_html(document, html)
