"""Printed documents: real PDFs written by Qt (offscreen), read back with pypdfium2.

Each test checks what a reader of the paper relies on: the file is a PDF, A4, and its text holds
the applicant's name, the letter number, the marks (SALINAN, LATIHAN, DIBATALKAN) and an image
(the QR code). Every document is also rendered to ``screenshots/pdf-*.png`` (git-ignored) so a
person can look at the layout.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PySide6.QtGui import QImage, QPdfWriter, QTextDocument

from ltsa_desk.printing import (
    build_letter_document,
    hand_carry_filename,
    letter_filename,
    paint_document,
    receipt_filename,
    render_hand_carry_pdf,
    render_letter_pdf,
    render_receipt_pdf,
)
from ltsa_desk.printing.templates import esc, fill, rows_table
from ltsa_desk.services.documents import HistoryRow
from ltsa_desk.services.letters import (
    ApplicantSummary,
    HandCarryData,
    LetterData,
    LetterSummary,
    OfficeSettings,
    ReceiptData,
    SubmissionLine,
)

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "screenshots"
LOGO = REPO / "resources" / "icons" / "demo-logo.svg"
NUMBER = "562/0001/LTSA-LOTIM-01/V/2026"
ISSUED = date(2026, 5, 12)
NOW = datetime(2026, 5, 12, 2, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _app(qapp: Any) -> Any:
    """Qt needs an application object for fonts (pytest-qt's, offscreen)."""
    return qapp


def office(**overrides: Any) -> OfficeSettings:
    values: dict[str, Any] = {
        "office_code": "52.03",
        "counter_id": "LOTIM-01",
        "name": "Layanan Terpadu Satu Atap Penempatan dan Pelindungan PMI",
        "address": "Jl. Prof. M. Yamin No. 12, Selong, Lombok Timur 83612 - Telp. (0376) 21234",
        "city": "Selong",
        "logo": str(LOGO),
        "head_name": "Drs. H. Lalu Muhammad Ridwan, M.Si.",
        "head_title": "Kepala Dinas Tenaga Kerja dan Transmigrasi",
        "head_nip": "197005121998031007",
        "immigration_office": "Kepala Kantor Imigrasi Kelas I TPI Mataram",
    }
    values.update(overrides)
    return OfficeSettings(**values)


def applicant(**overrides: Any) -> ApplicantSummary:
    values: dict[str, Any] = {
        "id": "7d3f0c1e-0000-4000-8000-000000000001",
        "tracking_code": "LOTIM-01-2026-000123",
        "full_name": "Siti Aminah",
        "nik": "5203015205950002",
        "birth_place": "Selong",
        "birth_date": date(1995, 5, 12),
        "sex": "P",
        "sex_label": "Perempuan",
        "address": "Dusun Montong Baan, Desa Sikur, Kec. Sikur",
        "phone": "+6281234567890",
        "education": "SMA/SMK",
        "marital_status_label": "Belum kawin",
        "destination_country": "MY",
        "destination_country_name": "Malaysia",
        "job_title": "Operator Produksi",
        "sector_label": "Formal",
        "agency": "PT Bintang Mandiri Sejahtera",
        "planned_departure": date(2026, 5, 16),
        "state": "recommended",
        "state_label": "Direkomendasikan",
        "registry_id": None,
        "passport_application_no": None,
        "office_code": "52.03",
    }
    values.update(overrides)
    return ApplicantSummary(**values)


def letter(
    kind: str = "spr", *, revoked: bool = False, copy: bool = False, **applicant_overrides: Any
) -> LetterData:
    title = {
        "spr": "Surat Pengantar Rekrut (SPR)",
        "passport_recommendation": "Surat Rekomendasi Paspor",
    }[kind]
    summary = LetterSummary(
        id="7d3f0c1e-0000-4000-8000-0000000000aa",
        kind=kind,
        title=title,
        number=NUMBER,
        issued_on=ISSUED,
        issued_at=NOW,
        issued_by="petugas1",
        revoked=revoked,
    )
    return LetterData(summary, applicant(**applicant_overrides), office(), copy=copy)


def waiting_line(**overrides: Any) -> SubmissionLine:
    values: dict[str, Any] = {
        "key": "0f8b1c52-5d7e-4a8e-9a51-3c2b1d0e9f77",
        "destination": "immigration",
        "destination_label": "Imigrasi",
        "kind": "passport.apply",
        "kind_label": "Permohonan paspor",
        "state": "pending",
        "state_label": "Menunggu",
        "since": NOW,
        "attempts": 3,
        "reason": None,
        "remote_number": None,
    }
    values.update(overrides)
    return SubmissionLine(**values)


def receipt() -> ReceiptData:
    delivered = waiting_line(
        key="k2",
        destination="registry",
        destination_label="Registri pusat",
        kind="worker.register",
        kind_label="Pendaftaran CPMI",
        state="delivered",
        state_label="Terkirim",
        remote_number="REG-2026-000042",
    )
    done = [
        HistoryRow(
            NOW, "petugas1", "applicant.register", "Didaftarkan dengan kode LOTIM-01-2026-000123"
        )
    ]
    return ReceiptData(
        office=office(),
        applicant=applicant(registry_id="REG-2026-000042"),
        today=ISSUED,
        printed_at=NOW,
        done_today=done,
        today_summary=[
            "Didaftarkan dengan kode LOTIM-01-2026-000123",
            "Dokumen diterima: KTP, Kartu Keluarga",
        ],
        waiting=[waiting_line()],
        delivered=[delivered],
        still_needed=["Surat keterangan sehat belum ada"],
        prepared_by="Baiq Nurul Aini",
    )


def hand_carry() -> HandCarryData:
    return HandCarryData(
        office=office(),
        applicant=applicant(),
        reference="0f8b1c52-5d7e-4a8e-9a51-3c2b1d0e9f77",
        state="pending",
        state_label="Menunggu",
        queued_at=NOW,
        prepared_at=NOW,
        today=ISSUED,
        days_to_departure=4,
        urgent=True,
        application=[
            ("Nama lengkap", "Siti Aminah"),
            ("NIK", "5203015205950002"),
            ("Tanggal lahir", "12 Mei 1995"),
            ("Jenis kelamin", "P (Perempuan)"),
            ("Nomor referensi kiriman", "0f8b1c52-5d7e-4a8e-9a51-3c2b1d0e9f77"),
        ],
        supporting=[("Alamat", "Dusun Montong Baan"), ("Rencana keberangkatan", "16 Mei 2026")],
    )


def pdf_text(path: Path) -> str:
    """All text of the PDF with whitespace runs folded (lines wrap where the layout wants)."""
    document = pdfium.PdfDocument(str(path))
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return re.sub(r"\s+", " ", text)


def image_count(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return sum(
            len(list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3)))
            for page in document
        )
    finally:
        document.close()


def save_png(path: Path, name: str) -> list[Path]:
    """Render each page to ``screenshots/<name>.png`` (``-2`` etc. for further pages)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    document = pdfium.PdfDocument(str(path))
    written = []
    try:
        for index, page in enumerate(document):
            bitmap = page.render(scale=1.4, rev_byteorder=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            )
            target = SCREENSHOTS / (f"{name}.png" if index == 0 else f"{name}-{index + 1}.png")
            assert image.copy().save(str(target))
            written.append(target)
    finally:
        document.close()
    return written


def assert_a4_pdf(path: Path) -> None:
    assert path.is_file()
    assert path.read_bytes()[:5] == b"%PDF-"
    document = pdfium.PdfDocument(str(path))
    try:
        width, height = document[0].get_size()
    finally:
        document.close()
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    assert not list(path.parent.glob(f".{path.name}.*.tmp"))  # no temp file left behind


# ------------------------------------------------------------------------------------------------
# letters


@pytest.mark.parametrize("kind", ["spr", "passport_recommendation"])
def test_letter_pdf_holds_name_number_date_signature_and_qr(tmp_path: Path, kind: str) -> None:
    path = render_letter_pdf(letter(kind), tmp_path / f"{kind}.pdf")
    assert_a4_pdf(path)
    text = pdf_text(path)
    for expected in (
        "Siti Aminah",
        NUMBER,
        "5203015205950002",
        "Selong, 12 Mei 2026",
        "Nomor",
        "Lampiran",
        "Perihal",
        "PEMERINTAH KABUPATEN LOMBOK TIMUR",
        "Drs. H. Lalu Muhammad Ridwan",
        "NIP. 19700512 199803 1 007",
        "LOTIM-01-2026-000123",
        "Selong, 12 Mei 1995",
    ):
        assert expected in text, expected
    assert "SALINAN" not in text and "LATIHAN" not in text
    assert image_count(path) >= 2  # the logo and the QR code
    save_png(path, f"pdf-letter-{kind.replace('_', '-')}")


def test_spr_is_addressed_to_the_agency_and_recommendation_to_immigration(
    tmp_path: Path,
) -> None:
    spr = pdf_text(render_letter_pdf(letter("spr"), tmp_path / "spr.pdf"))
    assert "Yth. Pimpinan PT Bintang Mandiri Sejahtera" in spr
    assert "Pengantar Rekrut" in spr
    rec = pdf_text(render_letter_pdf(letter("passport_recommendation"), tmp_path / "rec.pdf"))
    assert "Yth. Kepala Kantor Imigrasi Kelas I TPI Mataram" in rec
    assert "untuk bekerja di Malaysia melalui PT Bintang Mandiri Sejahtera" in rec


def test_reprint_is_marked_copy_and_training_is_watermarked(tmp_path: Path) -> None:
    path = render_letter_pdf(letter(copy=True), tmp_path / "copy.pdf", training=True)
    text = pdf_text(path)
    assert "SALINAN" in text
    assert "MODE LATIHAN - DOKUMEN INI TIDAK SAH" in text
    assert "LATIHAN" in text.replace("MODE LATIHAN", "")  # the diagonal watermark itself
    assert NUMBER in text
    save_png(path, "pdf-letter-spr-copy-training")
    explicit = pdf_text(render_letter_pdf(letter(), tmp_path / "explicit.pdf", copy=True))
    assert "SALINAN" in explicit


def test_void_letter_says_so(tmp_path: Path) -> None:
    voided = letter(revoked=True)
    voided = replace(voided, letter=replace(voided.letter, void_reason="Salah ketik nama CPMI"))
    path = render_letter_pdf(voided, tmp_path / "void.pdf")
    text = pdf_text(path)
    assert "DIBATALKAN - SURAT INI TIDAK BERLAKU" in text
    assert text.count("DIBATALKAN") >= 2  # the line and the diagonal watermark
    assert "Alasan pembatalan: Salah ketik nama CPMI" in text  # why, for whoever holds it
    save_png(path, "pdf-letter-void")


def test_values_are_escaped_not_interpreted(tmp_path: Path) -> None:
    data = letter(full_name="Ani <b>& Co</b>", address='Jl. "Mawar" <No. 5>')
    path = render_letter_pdf(data, tmp_path / "escaped.pdf")
    text = pdf_text(path)
    assert "Ani <b>& Co</b>" in text
    assert 'Jl. "Mawar" <No. 5>' in text


def test_missing_settings_still_give_a_usable_letter(tmp_path: Path) -> None:
    bare = replace(
        letter(),
        office=OfficeSettings(
            office_code="52.03", counter_id="LOTIM-01", logo=str(tmp_path / "gone.png")
        ),
    )
    path = render_letter_pdf(bare, tmp_path / "bare.pdf")
    text = pdf_text(path)
    assert "PEMERINTAH KABUPATEN LOMBOK TIMUR" in text
    assert "LTSA P2MI KABUPATEN LOMBOK TIMUR" in text
    assert "Lombok Timur, 12 Mei 2026" in text
    assert "Kepala LTSA P2MI Kabupaten Lombok Timur" in text
    assert image_count(path) == 1  # no logo, only the QR code
    save_png(path, "pdf-letter-no-settings")


def test_build_letter_document_is_the_same_letter_for_the_print_dialog() -> None:
    document = build_letter_document(letter(), copy=True)
    assert isinstance(document, QTextDocument)
    plain = document.toPlainText()
    assert NUMBER in plain and "Siti Aminah" in plain and "SALINAN" in plain
    assert document.metaInformation(QTextDocument.MetaInformation.DocumentTitle) == (
        f"Surat Pengantar Rekrut (SPR) {NUMBER}"
    )


def test_painting_twice_does_not_compound_indents(tmp_path: Path) -> None:
    document = build_letter_document(letter())
    for resolution in (600, 300, 600):
        writer = QPdfWriter(str(tmp_path / f"r{resolution}.pdf"))
        writer.setResolution(resolution)
        assert paint_document(document, writer) == 1
        del writer
        indents = []
        block = document.begin()
        while block.isValid():
            if block.blockFormat().textIndent():
                indents.append(block.blockFormat().textIndent())
            block = block.next()
        assert indents and all(abs(i - 48 * resolution / 96) < 0.01 for i in indents)


def test_rendering_works_off_the_gui_thread(tmp_path: Path) -> None:
    """Screens render PDFs on the runner's pool threads; Qt must allow that (QImage only)."""
    errors: list[BaseException] = []
    names: list[str] = []

    def job() -> None:
        try:
            names.append(threading.current_thread().name)
            render_letter_pdf(letter(), tmp_path / "thread.pdf")
        except BaseException as exc:  # the assertion below reports it
            errors.append(exc)

    worker = threading.Thread(target=job, name="pdf-worker")
    worker.start()
    worker.join(60)
    assert not errors, errors
    assert names == ["pdf-worker"]
    assert NUMBER in pdf_text(tmp_path / "thread.pdf")


def test_an_existing_pdf_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "out" / "letter.pdf"
    render_letter_pdf(letter(), target)
    render_letter_pdf(letter(full_name="Budi Santoso"), target)
    text = pdf_text(target)
    assert "Budi Santoso" in text and "Siti Aminah" not in text
    assert [p.name for p in target.parent.iterdir()] == ["letter.pdf"]


# ------------------------------------------------------------------------------------------------
# receipt and hand-carry


def test_receipt_pdf_tells_what_waits_and_since_when(tmp_path: Path) -> None:
    path = render_receipt_pdf(receipt(), tmp_path / "receipt.pdf")
    assert_a4_pdf(path)
    text = pdf_text(path)
    for expected in (
        "TANDA TERIMA",
        "LOTIM-01-2026-000123",
        "Siti Aminah",
        "520301******0002",
        "Yang dikerjakan hari ini (12 Mei 2026)",
        "Dokumen diterima: KTP, Kartu Keluarga",
        "Imigrasi",
        "Permohonan paspor",
        "Menunggu",
        "sejak 12 Mei 2026",
        "Terkirim",
        "REG-2026-000042",
        "Surat keterangan sehat belum ada",
        "Baiq Nurul Aini",
    ):
        assert expected in text, expected
    assert "5203015205950002" not in text  # the full NIK stays off the CPMI's receipt
    assert image_count(path) >= 2
    save_png(path, "pdf-receipt")


def test_hand_carry_pdf_carries_the_application(tmp_path: Path) -> None:
    path = render_hand_carry_pdf(hand_carry(), tmp_path / "hand.pdf", training=True)
    assert_a4_pdf(path)
    text = pdf_text(path)
    for expected in (
        "DATA PERMOHONAN PASPOR CPMI",
        "Perlu dibawa langsung",
        "Siti Aminah",
        "5203015205950002",
        "0f8b1c52-5d7e-4a8e-9a51-3c2b1d0e9f77",
        "(4 hari lagi)",
        "status kiriman: menunggu",
        "LATIHAN",
    ):
        assert expected in text, expected
    # Place and date above the signature, as on every Indonesian official paper (issue 16).
    place_date = text.index(f"{office().place}, 12 Mei 2026")
    assert place_date < text.index(office().signatory_title)
    path_plain = render_hand_carry_pdf(hand_carry(), tmp_path / "hand-plain.pdf")
    save_png(path_plain, "pdf-hand-carry")


def test_file_names_are_safe_and_say_what_they_hold() -> None:
    assert letter_filename(letter()) == "SPR-562-0001-LTSA-LOTIM-01-V-2026.pdf"
    assert letter_filename(letter("passport_recommendation", copy=True)) == (
        "Rekomendasi-Paspor-562-0001-LTSA-LOTIM-01-V-2026-SALINAN.pdf"
    )
    assert receipt_filename(receipt()) == "Tanda-Terima-LOTIM-01-2026-000123-2026-05-12.pdf"
    assert hand_carry_filename(hand_carry()) == "Permohonan-Paspor-LOTIM-01-2026-000123.pdf"


# ------------------------------------------------------------------------------------------------
# templates (no Qt)


def test_fill_escapes_values_but_not_fragments() -> None:
    assert esc('a<b>&"c"\nd') == "a&lt;b&gt;&amp;&quot;c&quot;<br>d"
    assert fill("${name} ${table_html}", {"name": "<i>", "table_html": "<b>x</b>"}) == (
        "&lt;i&gt; <b>x</b>"
    )
    with pytest.raises(KeyError):
        fill("${missing}", {})
    table = rows_table([("Nama", "A & B"), ("NIK", "")])
    assert "A &amp; B" in table and ">-</td>" in table


# ------------------------------------------------------------------------------------------------
# end to end: services -> PDF on a real database


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_issued_letter_prints_with_its_number(workspace: Any, actor: Any, tmp_path: Path) -> None:
    from ltsa_desk.services import documents as docs
    from ltsa_desk.services import letters
    from ltsa_desk.services.intake import register_applicant

    with workspace.database.write_session() as session:
        applicant_id = register_applicant(
            session,
            {
                "nik": "5203011205900001",
                "full_name": "Budi Santoso",
                "birth_place": "Selong",
                "birth_date": "12-05-1990",
                "sex": "L",
                "marital_status": "Belum Kawin",
                "destination_country": "Taiwan",
                "agency": "PT Maju Jaya",
            },
            actor,
            today=ISSUED,
        ).applicant.id
    store = docs.attachment_store(workspace)
    with workspace.database.write_session() as session:
        for kind in ("ktp", "kk", "akta_lahir", "family_permission"):
            body = b"%PDF-1.4\n% " + kind.encode() + b"\n%%EOF\n"
            docs.attach(session, store, applicant_id, kind, body, actor, today=ISSUED)
            docs.verify(session, applicant_id, kind, actor, today=ISSUED)
        docs.mark_documents_complete(session, applicant_id, actor, today=ISSUED)
    settings = letters.OfficeSettings.from_config(workspace.config)
    with workspace.database.write_session() as session:
        data = letters.issue_spr(session, applicant_id, actor, settings, today=ISSUED)
    text = pdf_text(render_letter_pdf(data, tmp_path / "spr.pdf"))
    assert data.number == NUMBER
    assert NUMBER in text and "Budi Santoso" in text and "Taiwan" in text
