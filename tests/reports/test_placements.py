"""The placements report in all three formats, checked number by number against the CPMI loaded.

Runs on SQLite (encrypted, as a counter has it) and on PostgreSQL when one is provided. The data
goes in by bulk insert; the period's ends are inclusive in the office's own time zone, so CPMI
registered one minute either side of the period are there to be left out.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from readers import (
    csv_heading,
    csv_rows,
    csv_section,
    flat,
    pdf_page_sizes,
    pdf_pages,
    xlsx_book,
    xlsx_detail,
    xlsx_heading,
    xlsx_notes,
    xlsx_table,
)
from reportdata import Person, add_agencies, add_officer, add_people, at
from sqlmodel import select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.printing.report_pdf import PdfReportWriter
from ltsa_desk.services.context import Actor
from ltsa_desk.services.reports import (
    AUDIT_ACTION,
    ExportRequest,
    Period,
    ReportInputError,
    export_report,
)
from ltsa_desk.store.models import AuditLog

MAY = Period(date(2026, 5, 1), date(2026, 5, 31))
NOW = at(2026, 6, 2, 9, 30)
COUNTRY_NAMES = {"MY": "Malaysia", "HK": "Hong Kong", "TW": "Taiwan", "SA": "Arab Saudi"}
SEX = {"L": "Laki-laki", "P": "Perempuan"}
SECTOR = {"formal": "Formal", "informal": "Informal", None: "(tidak diisi)"}
MARITAL = {"single": "Belum kawin", "married": "Kawin", "divorced": "Cerai hidup"}


def may_people(agencies: dict[str, Any]) -> list[Person]:
    """Twenty CPMI in May, varied, plus four at the edges of the period."""
    bintang, sinar = agencies["PT Bintang Mandiri"], agencies["PT Sinar Jaya"]
    countries = ["MY"] * 8 + ["HK"] * 5 + ["TW"] * 4 + ["SA"] * 2 + [None]
    people = []
    for i, country in enumerate(countries):
        people.append(
            Person(
                index=100 + i,
                registered_at=at(2026, 5, 2 + i, 9, 15),
                sex="L" if i % 4 == 0 else "P",
                country=country,
                sector="formal" if i % 5 == 0 else "informal",
                education=("SD", "SMP", "SMA/SMK")[i % 3],
                marital=("single", "married", "divorced")[i % 3],
                agency_id=bintang if i % 2 else sinar,
                state="cancelled" if i == 7 else "registered",
                counter="LOTIM-02" if i == 3 else "LOTIM-01",
            )
        )
    people += [
        Person(index=1, registered_at=at(2026, 4, 30, 23, 59)),  # a minute before: out
        Person(index=2, registered_at=at(2026, 5, 1, 0, 0), name="Awal Bulan", agency_id=sinar),
        Person(index=3, registered_at=at(2026, 5, 31, 23, 59), name="Akhir Bulan", sector=None),
        Person(index=4, registered_at=at(2026, 6, 1, 0, 0)),  # the day after: out
    ]
    return people


@pytest.fixture
def loaded(workspace: Workspace) -> list[Person]:
    engine = workspace.database.engine
    agencies = add_agencies(engine, ["PT Bintang Mandiri", "PT Sinar Jaya"])
    people = may_people(agencies)
    add_people(engine, people)
    add_officer(engine, "admin1", "Baiq Nurul Hidayati")
    names = {
        agencies["PT Bintang Mandiri"]: "PT Bintang Mandiri",
        agencies["PT Sinar Jaya"]: "PT Sinar Jaya",
    }
    in_may = [p for p in people if p.index not in (1, 4)]
    for person in in_may:
        person.agency_name = names.get(person.agency_id)  # type: ignore[attr-defined]
    return in_may


def export(
    workspace: Workspace, actor: Actor, fmt: str, out: Path, period: Period = MAY, **options: Any
) -> Any:
    request = ExportRequest("placements", period, fmt, out, **options)
    return export_report(workspace, request, actor, pdf_writer=PdfReportWriter, now=NOW)


def counted(people: list[Person], key: Any) -> dict[Any, int]:
    return dict(Counter(key(p) for p in people))


def test_xlsx_numbers_match_the_cpmi_registered(
    workspace: Workspace, admin: Actor, loaded: list[Person], tmp_path: Path
) -> None:
    result = export(workspace, admin, "xlsx", tmp_path / "mei.xlsx")
    assert result.total_rows == len(loaded) == 22
    book = xlsx_book(tmp_path / "mei.xlsx")
    assert book.sheetnames == ["Ringkasan", "Data CPMI"]

    heading = xlsx_heading(book)
    assert heading["title"] == "Laporan Pendaftaran dan Penempatan CPMI"
    assert heading["Kantor"] == "52.03"
    assert heading["Loket"] == "LOTIM-01, LOTIM-02"
    assert heading["Periode"] == "1 Mei 2026 s.d. 31 Mei 2026"
    assert heading["Dibuat"].startswith("2 Juni 2026")
    assert heading["Dibuat oleh"] == "admin1 (Baiq Nurul Hidayati)"
    assert "Jumlah CPMI terdaftar pada periode ini: 22 orang." in xlsx_notes(book)

    countries = xlsx_table(book, "Negara tujuan")
    assert countries[0] == ("Kode negara", "Negara tujuan", "Jumlah")
    expected = counted(loaded, lambda p: p.country)
    assert countries[1:] == [
        ("MY", "Malaysia", expected["MY"]),
        ("HK", "Hong Kong", 5),
        ("TW", "Taiwan", 4),
        ("SA", "Arab Saudi", 2),
        ("(tidak diisi)", "(tidak diisi)", 1),
    ]
    assert expected["MY"] == 8 + 2  # the two edge CPMI default to Malaysia
    assert dict(xlsx_table(book, "Jenis kelamin")[1:]) == {
        SEX[k]: n for k, n in counted(loaded, lambda p: p.sex).items()
    }
    assert dict(xlsx_table(book, "Sektor")[1:]) == {
        SECTOR[k]: n for k, n in counted(loaded, lambda p: p.sector).items()
    }
    assert dict(xlsx_table(book, "Status perkawinan")[1:]) == {
        MARITAL[k]: n for k, n in counted(loaded, lambda p: p.marital).items()
    }
    assert dict(xlsx_table(book, "Pendidikan terakhir")[1:]) == counted(
        loaded, lambda p: p.education
    )
    assert dict(xlsx_table(book, "P3MI")[1:]) == {
        (k or "(tidak diisi)"): n
        for k, n in counted(loaded, lambda p: p.agency_name).items()  # type: ignore[attr-defined]
    }
    assert xlsx_table(book, "CPMI terdaftar per bulan")[1:] == [("Mei 2026", 22)]
    assert dict(xlsx_table(book, "Status kasus saat laporan dibuat")[1:]) == {
        "Terdaftar": 21,
        "Dibatalkan": 1,
    }
    # Values, not formulas; and native charts on the summary sheet.
    summary = book["Ringkasan"]
    assert not any(
        isinstance(cell.value, str) and cell.value.startswith("=")
        for row in summary.iter_rows()
        for cell in row
    )
    assert len(summary._charts) == 7

    detail = book["Data CPMI"]
    assert detail.freeze_panes == "A2"
    assert detail.auto_filter.ref == "A1:O23"
    rows = xlsx_detail(book, "Data CPMI")
    assert rows[0][:3] == ("Kode pelacakan", "NIK", "Nama")
    assert len(rows) == 1 + 22
    first = rows[1]
    assert first[0] == "LOTIM-01-2026-0000002" and first[2] == "Awal Bulan"
    assert first[1] == "5203000000000002"  # a NIK stays text: all 16 digits
    assert isinstance(first[4], datetime) and first[4].date() == date(1990, 1, 3)
    assert first[12] == datetime(2026, 5, 1, 0, 0)  # registration time, office clock
    assert detail["M2"].number_format == "dd-mm-yyyy hh:mm"
    assert rows[-1][2] == "Akhir Bulan" and rows[-1][12] == datetime(2026, 5, 31, 23, 59)
    assert rows[-1][9] is None  # no sector: an empty cell, not a made-up value
    by_code = {row[0]: row for row in rows[1:]}
    person = next(p for p in loaded if p.index == 103)
    row = by_code[person.tracking_code]
    assert row[3] == SEX[person.sex] and row[6] == MARITAL[person.marital]
    assert row[7:9] == (
        "SA" if person.country == "SA" else person.country,
        COUNTRY_NAMES[person.country],
    )
    assert row[14] == "LOTIM-02"


def test_csv_is_utf8_with_bom_and_semicolons_on_request(
    workspace: Workspace, admin: Actor, loaded: list[Person], tmp_path: Path
) -> None:
    export(workspace, admin, "csv", tmp_path / "koma.csv")
    comma = csv_rows(tmp_path / "koma.csv", ",")
    assert csv_heading(comma)["Periode"] == "1 Mei 2026 s.d. 31 Mei 2026"
    export(workspace, admin, "csv", tmp_path / "titik-koma.csv", csv_delimiter=";")
    rows = csv_rows(tmp_path / "titik-koma.csv", ";")
    heading = csv_heading(rows)
    assert heading["Laporan"] == "Laporan Pendaftaran dan Penempatan CPMI"
    assert heading["Loket"] == "LOTIM-01, LOTIM-02"
    detail = csv_section(rows, "Data CPMI")
    assert detail[0][0] == "Kode pelacakan" and len(detail[0]) == 15
    assert len(detail) == 1 + 22
    assert detail[1][:3] == ["LOTIM-01-2026-0000002", "5203000000000002", "Awal Bulan"]
    assert detail[1][4] == "1990-01-03" and detail[1][12] == "2026-05-01 00:00:00"
    countries = csv_section(rows, "Negara tujuan")
    assert countries[1] == ["MY", "Malaysia", "10"]
    assert {r[0]: int(r[1]) for r in csv_section(rows, "Jenis kelamin")[1:]} == {
        SEX[k]: n for k, n in counted(loaded, lambda p: p.sex).items()
    }
    assert comma == rows  # the same table, only the separator differs
    assert "Kode pelacakan;NIK;Nama;" in (tmp_path / "titik-koma.csv").read_text("utf-8-sig")
    assert "Kode pelacakan,NIK,Nama," in (tmp_path / "koma.csv").read_text("utf-8-sig")


def test_pdf_shows_heading_summary_and_detail(
    workspace: Workspace, admin: Actor, loaded: list[Person], tmp_path: Path, gui: Any
) -> None:
    workspace.config.set("office.name", "LTSA Lombok Timur")
    export(workspace, admin, "pdf", tmp_path / "mei.pdf")
    pages = pdf_pages(tmp_path / "mei.pdf")
    text = flat(" ".join(pages))
    assert "Laporan Pendaftaran dan Penempatan CPMI" in text
    assert "LTSA Lombok Timur (52.03)" in text
    assert "1 Mei 2026 s.d. 31 Mei 2026" in text
    assert "admin1 (Baiq Nurul Hidayati)" in text
    assert "Jumlah CPMI terdaftar pada periode ini: 22 orang." in text
    assert "MY Malaysia 10" in text
    assert "Awal Bulan" in text and "LOTIM-01-2026-0000003" in text
    assert f"Halaman 1 dari {len(pages)}" in flat(pages[0])
    sizes = pdf_page_sizes(tmp_path / "mei.pdf")
    assert sizes[0] == pytest.approx((595, 842), abs=1)  # A4 portrait summary
    assert sizes[-1] == pytest.approx((842, 595), abs=1)  # A4 landscape detail


def test_pdf_prints_at_most_1000_rows_and_points_to_the_xlsx(
    workspace: Workspace, admin: Actor, tmp_path: Path, gui: Any
) -> None:
    people = [
        Person(index=i + 1, registered_at=at(2026, 5, 1 + i // 40, 8, i % 40)) for i in range(1050)
    ]
    add_people(workspace.database.engine, people)
    result = export(workspace, admin, "pdf", tmp_path / "besar.pdf")
    assert result.total_rows == 1050
    text = flat(" ".join(pdf_pages(tmp_path / "besar.pdf")))
    assert "Hanya 1.000 baris pertama dari 1.050 yang dicetak" in text
    assert "--format xlsx" in text
    assert people[999].tracking_code in text
    assert people[1000].tracking_code not in text


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "pdf"])
def test_an_empty_period_is_a_valid_report_that_says_so(
    workspace: Workspace, admin: Actor, loaded: list[Person], tmp_path: Path, fmt: str, gui: Any
) -> None:
    empty = Period(date(2025, 1, 1), date(2025, 1, 31))
    out = tmp_path / f"kosong.{fmt}"
    result = export(workspace, admin, fmt, out, period=empty)
    assert result.total_rows == 0
    sentence = "Tidak ada CPMI yang terdaftar pada periode ini."
    if fmt == "xlsx":
        book = xlsx_book(out)
        assert sentence in xlsx_notes(book)
        assert xlsx_detail(book, "Data CPMI")[0][0] == "Kode pelacakan"
        assert len(xlsx_detail(book, "Data CPMI")) == 1
        assert book["Ringkasan"]._charts == []
    elif fmt == "csv":
        rows = csv_rows(out)
        assert ["Catatan", sentence] in rows
        assert csv_section(rows, "Data CPMI")[0][0] == "Kode pelacakan"
    else:
        assert sentence in flat(" ".join(pdf_pages(out)))


def test_every_export_is_in_the_audit_log(
    workspace: Workspace, admin: Actor, loaded: list[Person], tmp_path: Path
) -> None:
    export(workspace, admin, "csv", tmp_path / "a.csv")
    with workspace.database.session() as session:
        entries = session.exec(select(AuditLog).where(AuditLog.action == AUDIT_ACTION)).all()
    assert len(entries) == 1
    entry = entries[0]
    assert entry.actor == "admin1" and entry.entity == "report" and entry.entity_id == "placements"
    after = json.loads(entry.after or "{}")
    assert after["kind"] == "placements" and after["format"] == "csv"
    assert after["from"] == "2026-05-01" and after["to"] == "2026-05-31"
    assert after["rows"] == 22 and after["file"] == "a.csv"
    assert entry.counter_id == "LOTIM-01"


def test_a_refused_request_writes_nothing(
    workspace: Workspace, admin: Actor, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ReportInputError) as bad_format:
        export(workspace, admin, "docx", out / "x.docx")
    assert bad_format.value.field == "--format"
    with pytest.raises(ReportInputError) as missing_folder:
        export(workspace, admin, "csv", out / "tidak-ada" / "x.csv")
    assert missing_folder.value.field == "--out"
    assert list(out.iterdir()) == []
    with workspace.database.session() as session:
        assert session.exec(select(AuditLog).where(AuditLog.action == AUDIT_ACTION)).all() == []


def test_a_cancelled_export_leaves_no_file_and_no_audit_entry(
    workspace: Workspace, admin: Actor, tmp_path: Path
) -> None:
    add_people(
        workspace.database.engine,
        [Person(index=i + 1, registered_at=at(2026, 5, 10, 8, 0)) for i in range(1200)],
    )

    class StopAfterFirstLook:
        looks = 0

        def is_set(self) -> bool:
            self.looks += 1
            return True

    flag = StopAfterFirstLook()
    out = tmp_path / "out"
    out.mkdir()
    request = ExportRequest("placements", MAY, "xlsx", out / "batal.xlsx")
    from ltsa_desk.services.reports import ReportCancelled

    with pytest.raises(ReportCancelled):
        export_report(workspace, request, admin, cancel=flag, now=NOW)
    assert flag.looks == 1
    assert list(out.iterdir()) == []  # neither the report nor its temporary files
    with workspace.database.session() as session:
        assert session.exec(select(AuditLog).where(AuditLog.action == AUDIT_ACTION)).all() == []


def test_xlsx_prints_on_a4_and_its_bars_start_at_zero(
    workspace: Workspace, admin: Actor, loaded: list[Person], tmp_path: Path
) -> None:
    """LibreOffice printed the summary on 38 pages with its charts cut, and the bar charts began
    at the smallest value, which made small differences look large (issue 16)."""
    out = tmp_path / "mei.xlsx"
    export(workspace, admin, "xlsx", out)
    book = xlsx_book(out)
    summary, detail = book["Ringkasan"], book["Data CPMI"]
    for sheet in (summary, detail):
        assert sheet.page_setup.paperSize == 9  # A4
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        # one page wide (1 is the default, left out of the file), as many pages down as needed
        assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)
    assert detail.print_title_rows == "$1:$1"  # the header row on every printed page

    with zipfile.ZipFile(out) as archive:
        charts = [archive.read(n).decode() for n in archive.namelist() if "charts/chart" in n]
    bars = [c for c in charts if "<c:barChart>" in c]
    assert bars, "the summary has column and bar charts"
    for chart in bars:
        value_axis = chart[chart.index("<c:valAx>") :]
        assert '<c:min val="0"/>' in value_axis, value_axis[:400]


def test_pdf_footer_text_never_runs_into_the_page_number(
    workspace: Workspace, admin: Actor, loaded: list[Person], tmp_path: Path, gui: Any
) -> None:
    """A long office name pushed the footer's title into "Halaman N dari M" (issue 16)."""
    import pypdfium2

    workspace.config.set(
        "office.name",
        "Layanan Terpadu Satu Atap Penempatan dan Pelindungan Pekerja Migran Indonesia "
        "Kabupaten Lombok Timur Provinsi Nusa Tenggara Barat",
    )
    out = tmp_path / "mei.pdf"
    export(workspace, admin, "pdf", out)
    document = pypdfium2.PdfDocument(str(out))
    try:
        for page in document:
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            start = text.rindex("Halaman")
            page_left = textpage.get_charbox(start)[0]
            bottom, top = textpage.get_charbox(start)[1], textpage.get_charbox(start)[3]
            beside = 0
            for index in range(start):
                _, low, right, high = textpage.get_charbox(index)
                if text[index].strip() and low < top and high > bottom:  # on the footer line
                    beside += 1
                    assert right <= page_left, (text[index - 20 : index + 1], right, page_left)
            assert beside > 20  # the footer's title, office and period are there, left of it
    finally:
        document.close()
