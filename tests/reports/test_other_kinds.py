"""The documents, sync and outages reports, each checked against the rows loaded for it.

Documents: letters put in the letter table, a refusal made through the documents service itself
(so the report reads the audit entry the service really writes). Sync and outages: outbox items
and outage periods with known times, so medians, p90, days offline and backlogs are known exactly.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from readers import (
    csv_rows,
    csv_section,
    flat,
    pdf_pages,
    xlsx_book,
    xlsx_detail,
    xlsx_heading,
    xlsx_notes,
    xlsx_table,
)
from reportdata import Person, add_items, add_letters, add_officer, add_outages, add_people, at

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.printing.report_pdf import PdfReportWriter
from ltsa_desk.services import documents as docs
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.services.reports import ExportRequest, Period, export_report

MAY = Period(date(2026, 5, 1), date(2026, 5, 31))


def export(workspace: Workspace, actor: Actor, kind: str, fmt: str, out: Path, **kw: Any) -> Any:
    period = kw.pop("period", MAY)
    now = kw.pop("now", at(2026, 6, 1, 0, 0))
    request = ExportRequest(kind, period, fmt, out, **kw)
    return export_report(workspace, request, actor, pdf_writer=PdfReportWriter, now=now)


# --------------------------------------------------------------------------- documents


@pytest.fixture
def letters_loaded(workspace: Workspace) -> dict[str, Any]:
    engine = workspace.database.engine
    add_officer(engine, "petugas1", "Lalu Ahmad")
    add_officer(engine, "petugas2", "Ni Made Sari")
    ids = add_people(engine, [Person(index=i, registered_at=at(2026, 4, 2)) for i in range(1, 5)])
    spr, rec = "spr", "passport_recommendation"
    letters = [
        (ids[0], spr, at(2026, 5, 3), "petugas1", False),
        (ids[1], spr, at(2026, 5, 4), "petugas1", False),
        (ids[2], spr, at(2026, 5, 20), "petugas2", False),
        (ids[0], rec, at(2026, 5, 21), "petugas2", False),
        (ids[3], spr, at(2026, 5, 22), "petugas2", True),  # voided: listed, not counted
        (ids[1], rec, at(2026, 6, 1, 0, 0), "petugas1", False),  # June: out
        (ids[2], rec, at(2026, 4, 30, 23, 59), "petugas1", False),  # April: out
    ]
    add_letters(
        engine,
        [
            {
                "applicant_id": applicant,
                "kind": kind,
                "number": f"562/{n:04d}/LTSA/V/2026",
                "issued_at": when,
                "issued_by": officer,
                "revoked": revoked,
            }
            for n, (applicant, kind, when, officer, revoked) in enumerate(letters, 1)
        ],
    )
    return {"ids": ids}


def test_documents_report_counts_letters_by_month_and_officer(
    workspace: Workspace, admin: Actor, letters_loaded: dict[str, Any], tmp_path: Path
) -> None:
    result = export(workspace, admin, "documents", "xlsx", tmp_path / "surat.xlsx")
    assert result.rows == {"letters": 5, "rejections": 0}
    book = xlsx_book(tmp_path / "surat.xlsx")
    assert book.sheetnames == ["Ringkasan", "Surat terbit", "Dokumen ditolak"]
    assert xlsx_table(book, "Surat terbit per bulan") == [
        ("Bulan", "SPR", "Rekomendasi paspor", "Jumlah"),
        ("Mei 2026", 3, 1, 4),
    ]
    assert xlsx_table(book, "Surat terbit per petugas") == [
        ("Petugas", "Nama petugas", "SPR", "Rekomendasi paspor", "Jumlah"),
        ("petugas1", "Lalu Ahmad", 2, 0, 2),
        ("petugas2", "Ni Made Sari", 1, 1, 2),
    ]
    notes = xlsx_notes(book)
    assert "Surat terbit: 4 (SPR 3, rekomendasi paspor 1)." in notes
    assert any("dibatalkan (1)" in n for n in notes)
    detail = xlsx_detail(book, "Surat terbit")
    assert [row[0] for row in detail[1:]] == [f"562/{n:04d}/LTSA/V/2026" for n in range(1, 6)]
    assert detail[5][8] == "Ya" and detail[1][1] == "Surat Pengantar Rekrut (SPR)"
    assert detail[1][5] == "LOTIM-01-2026-0000001"
    assert len(book["Ringkasan"]._charts) == 2

    march = Period(date(2026, 3, 1), date(2026, 3, 31))
    empty = export(workspace, admin, "documents", "xlsx", tmp_path / "maret.xlsx", period=march)
    assert empty.rows == {"letters": 0, "rejections": 0}
    quiet = xlsx_book(tmp_path / "maret.xlsx")
    assert (
        "Tidak ada surat yang terbit maupun dokumen yang ditolak pada periode ini."
        in xlsx_notes(quiet)
    )
    assert len(xlsx_detail(quiet, "Surat terbit")) == 1  # the header row alone


def test_documents_report_lists_refusals_with_their_reasons(
    workspace: Workspace, admin: Actor, tmp_path: Path
) -> None:
    officer = Actor(username="petugas1", counter_id="LOTIM-01", office_code="52.03")
    today = date.today()
    with workspace.database.write_session() as session:
        applicant = register_applicant(
            session,
            {
                "nik": "5203015205950002",
                "full_name": "Siti Aminah",
                "birth_place": "Selong",
                "birth_date": "12-05-1995",
                "sex": "P",
                "marital_status": "Belum Kawin",
                "destination_country": "Malaysia",
            },
            officer,
            today=today,
        ).applicant
    store = docs.attachment_store(workspace)
    pdf = b"%PDF-1.4\n% ktp\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    with workspace.database.write_session() as session:
        docs.attach(session, store, str(applicant.id), "ktp", pdf, officer, today=today)
    with workspace.database.write_session() as session:
        docs.reject(session, str(applicant.id), "ktp", "Foto KTP buram", officer)
    this_month = Period(today.replace(day=1), today)
    out = tmp_path / "tolak.csv"
    result = export(workspace, admin, "documents", "csv", out, period=this_month, now=None)
    assert result.rows == {"letters": 0, "rejections": 1}
    rows = csv_rows(out)
    refusals = csv_section(rows, "Dokumen ditolak")
    assert refusals[0][:4] == ["Tanggal ditolak", "Dokumen", "Alasan", "Petugas"]
    assert refusals[1][1:7] == [
        "KTP",
        "Foto KTP buram",
        "petugas1",
        applicant.tracking_code,
        "Siti Aminah",
        "LOTIM-01",
    ]
    assert csv_section(rows, "Alasan penolakan dokumen")[1] == ["KTP", "Foto KTP buram", "1"]
    assert csv_section(rows, "Dokumen ditolak per jenis")[1] == ["KTP", "1"]

    # In the XLSX summary the reasons column is as wide as reasons are, not a count's 14.
    export(workspace, admin, "documents", "xlsx", tmp_path / "tolak.xlsx", period=this_month)
    summary = xlsx_book(tmp_path / "tolak.xlsx")["Ringkasan"]
    assert summary.column_dimensions["B"].width >= 48


# --------------------------------------------------------------------------- sync

REGISTRY_HOURS = [1, 2, 3, 4, 10]
IMMIGRATION_HOURS = [0.5, 24]


@pytest.fixture
def items_loaded(workspace: Workspace) -> dict[str, Any]:
    engine = workspace.database.engine
    ids = add_people(engine, [Person(index=7, registered_at=at(2026, 5, 2), name="Budi Santoso")])
    items = []
    for n, hours in enumerate(REGISTRY_HOURS):
        made = at(2026, 5, 5 + n, 8)
        items.append(
            {
                "destination": "registry",
                "state": "delivered",
                "created_at": made,
                "delivered_at": made + timedelta(hours=hours),
                "chain": str(ids[0]) if n == 0 else "not-an-applicant",
            }
        )
    for n, hours in enumerate(IMMIGRATION_HOURS):
        made = at(2026, 5, 10 + n, 8)
        items.append(
            {
                "destination": "immigration",
                "kind": "passport_application",
                "state": "delivered",
                "created_at": made,
                "delivered_at": made + timedelta(hours=hours),
            }
        )
    items += [
        {  # delivered in June: not in May's report
            "destination": "registry",
            "state": "delivered",
            "created_at": at(2026, 5, 31, 22),
            "delivered_at": at(2026, 6, 1, 1),
        },
        {"destination": "registry", "state": "pending", "created_at": at(2026, 5, 30)},
        {
            "destination": "registry",
            "state": "needs_attention",
            "created_at": at(2026, 5, 20),
            # As the registry answers: English, under the payload's field name (issue 16).
            "last_error": "nik: must be exactly 16 digits (0-9); full_name: is required",
            "chain": str(ids[0]),
        },
        {
            "destination": "immigration",
            "state": "needs_attention",
            "created_at": at(2026, 5, 25),
            "last_error": "registry_id belum ada",
        },
    ]
    add_items(engine, items)
    return {"ids": ids}


def test_sync_report_gives_delivery_times_per_destination(
    workspace: Workspace, admin: Actor, items_loaded: dict[str, Any], tmp_path: Path
) -> None:
    result = export(workspace, admin, "sync", "xlsx", tmp_path / "sync.xlsx")
    assert result.rows == {"delivered": 7, "attention": 2}
    book = xlsx_book(tmp_path / "sync.xlsx")
    table = xlsx_table(book, "Kiriman terkirim per tujuan")
    assert table[0] == (
        "Tujuan",
        "Terkirim",
        "Median (jam)",
        "P90 (jam)",
        "Maks (jam)",
        "Perlu tindakan",
    )
    registry, immigration = table[1], table[2]
    assert registry[0] == "Registri pusat" and registry[1] == 5 and registry[5] == 1
    assert registry[2:5] == pytest.approx((3.0, 10.0, 10.0))  # median, p90 (nearest rank), max
    assert immigration[0] == "Imigrasi" and immigration[1] == 2 and immigration[5] == 1
    assert immigration[2:5] == pytest.approx((12.25, 24.0, 24.0))
    assert xlsx_table(book, "Kiriman terkirim per bulan")[1] == ("Mei 2026", 5, 2)
    delivered = xlsx_detail(book, "Terkirim")
    assert len(delivered) == 1 + 7
    assert delivered[1][3:5] == ("LOTIM-01-2026-0000007", "Budi Santoso")
    assert delivered[1][7] == pytest.approx(1.0)
    attention = xlsx_detail(book, "Perlu tindakan")
    assert [row[7] for row in attention[1:]] == [
        "NIK: harus tepat 16 angka; Nama lengkap: wajib diisi",
        "registry_id belum ada",
    ]
    assert attention[1][3] == "LOTIM-01-2026-0000007"
    assert attention[1][6] == pytest.approx(11 + 14 / 24)  # May 20 10:00 to June 1 00:00
    assert any("Registri pusat: 5 kiriman terkirim" in n for n in xlsx_notes(book))


def test_sync_report_as_pdf_and_with_nothing_delivered(
    workspace: Workspace, admin: Actor, items_loaded: dict[str, Any], tmp_path: Path, gui: Any
) -> None:
    export(workspace, admin, "sync", "pdf", tmp_path / "sync.pdf")
    text = flat(" ".join(pdf_pages(tmp_path / "sync.pdf")))
    assert "Registri pusat 5 3,00 10,00 10,00 1" in text
    assert "Imigrasi 2 12,25 24,00 24,00 1" in text
    april = Period(date(2026, 4, 1), date(2026, 4, 30))
    result = export(workspace, admin, "sync", "csv", tmp_path / "april.csv", period=april)
    assert result.rows["delivered"] == 0
    rows = csv_rows(tmp_path / "april.csv")
    assert ["Catatan", "Tidak ada kiriman yang terkirim pada periode ini."] in rows
    assert len(csv_section(rows, "Perlu tindakan")) == 3  # still listed: they are work to do now


# --------------------------------------------------------------------------- outages


@pytest.fixture
def outages_loaded(workspace: Workspace) -> None:
    engine = workspace.database.engine
    add_outages(
        engine,
        [
            {  # 60 hours inside May
                "destination": "registry",
                "started_at": at(2026, 5, 3, 8),
                "ended_at": at(2026, 5, 5, 20),
                "backlog_at_start": 3,
                "reason": "ConnectError: tagihan internet belum dibayar",
            },
            {  # began in April: only May 1 00:00 - May 2 12:00 counts (1.5 days)
                "destination": "immigration",
                "started_at": at(2026, 4, 30, 12),
                "ended_at": at(2026, 5, 2, 12),
                "backlog_at_start": 0,
            },
            {  # still offline when the report is made (June 1 00:00): 12 days in May
                "destination": "immigration",
                "started_at": at(2026, 5, 20, 0),
                "ended_at": None,
                "backlog_at_start": 1,
            },
            {  # March: not in May's report
                "destination": "registry",
                "started_at": at(2026, 3, 3, 8),
                "ended_at": at(2026, 3, 4, 8),
            },
        ],
    )
    items = (
        [  # waiting at the start of the registry outage, delivered after it
            {
                "destination": "registry",
                "state": "delivered",
                "created_at": at(2026, 5, 2, 10),
                "delivered_at": at(2026, 5, 5, 20, 10),
            }
            for _ in range(3)
        ]
        + [  # made during it
            {
                "destination": "registry",
                "state": "delivered",
                "created_at": at(2026, 5, 4, h),
                "delivered_at": at(2026, 5, 5, 20, 15),
            }
            for h in (9, 10, 11, 12, 13)
        ]
        + [  # superseded: never counted as waiting
            {"destination": "registry", "state": "superseded", "created_at": at(2026, 5, 1, 9)},
            {"destination": "immigration", "state": "pending", "created_at": at(2026, 5, 21, 9)},
            {"destination": "immigration", "state": "pending", "created_at": at(2026, 5, 25, 9)},
        ]
    )
    add_items(engine, items)


def test_outage_report_shows_what_a_dead_line_cost(
    workspace: Workspace, admin: Actor, outages_loaded: None, tmp_path: Path
) -> None:
    result = export(workspace, admin, "outages", "xlsx", tmp_path / "offline.xlsx")
    assert result.rows == {"outages": 3}
    book = xlsx_book(tmp_path / "offline.xlsx")
    assert xlsx_heading(book)["title"] == "Laporan Gangguan Jaringan (Offline)"
    table = xlsx_table(book, "Gangguan per tujuan")
    registry, immigration = table[1], table[2]
    assert registry[:2] == ("Registri pusat", 1)
    assert registry[2] == pytest.approx(2.5)  # days offline in May
    assert registry[3] == pytest.approx(60.0)  # longest outage, hours
    assert registry[4] == 8  # 3 waiting at the start + 5 made while offline
    assert registry[5] == pytest.approx((3 * 24 + 10) / 24)  # oldest waited from May 2 10:00
    assert immigration[:2] == ("Imigrasi", 2)
    assert immigration[2] == pytest.approx(1.5 + 12.0)
    assert immigration[4] == 2  # the ongoing outage: two items waiting now
    assert immigration[5] == pytest.approx((10 * 24 + 15) / 24)  # May 21 09:00 to June 1 00:00
    assert xlsx_table(book, "Hari offline per bulan")[1] == pytest.approx(("Mei 2026", 2.5, 13.5))
    detail = xlsx_detail(book, "Gangguan")
    assert [row[0] for row in detail[1:]] == ["Imigrasi", "Registri pusat", "Imigrasi"]
    assert detail[2][1] == datetime(2026, 5, 3, 8, 0) and detail[2][2] == datetime(2026, 5, 5, 20)
    assert detail[2][3] == pytest.approx(60.0) and detail[2][4] == "2 hari 12 jam"
    assert detail[3][2] is None and detail[3][8] == "Masih offline saat laporan dibuat"
    assert detail[2][9] == "ConnectError: tagihan internet belum dibayar"
    notes = xlsx_notes(book)
    assert any(n.startswith("Registri pusat: offline 1 kali, total 2,5 hari") for n in notes)
    assert any(
        "antrean terbesar 8 kiriman, yang tertua sudah menunggu 3,4 hari" in n for n in notes
    )


def test_outage_report_pdf_and_a_quiet_month(
    workspace: Workspace, admin: Actor, outages_loaded: None, tmp_path: Path, gui: Any
) -> None:
    export(workspace, admin, "outages", "pdf", tmp_path / "offline.pdf")
    text = flat(" ".join(pdf_pages(tmp_path / "offline.pdf")))
    assert "Hari offline per bulan" in text and "Mei 2026 2,50 13,50" in text
    assert "Masih offline saat laporan dibuat" in text
    february = Period(date(2026, 2, 1), date(2026, 2, 28))
    export(workspace, admin, "outages", "xlsx", tmp_path / "feb.xlsx", period=february)
    book = xlsx_book(tmp_path / "feb.xlsx")
    assert "Tidak ada gangguan jaringan pada periode ini: semua tujuan online." in xlsx_notes(book)
    assert len(xlsx_detail(book, "Gangguan")) == 1


def test_heading_names_every_desk_of_a_shared_database(
    workspace: Workspace, admin: Actor, tmp_path: Path
) -> None:
    add_people(
        workspace.database.engine,
        [Person(index=1, registered_at=datetime(2026, 1, 5, tzinfo=UTC), counter="IMIG-01")],
    )
    export(workspace, admin, "outages", "csv", tmp_path / "o.csv")
    rows = csv_rows(tmp_path / "o.csv")
    assert ["Loket", "IMIG-01, LOTIM-01"] in rows
