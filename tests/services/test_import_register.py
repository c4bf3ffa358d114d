"""Importing an office's existing register into a real database (SQLite; PostgreSQL when set).

Registers are written to tmp_path as offices write them: CSV from Indonesian Excel (`;`, BOM,
Indonesian column names) and XLSX (openpyxl) with title rows, date cells and numeric NIK cells.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlmodel import col, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.services.import_register import BATCH_SIZE, ImportReport, import_register
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.services.register_file import RegisterFileError
from ltsa_desk.store.database import Database
from ltsa_desk.store.models import Agency, Applicant, AuditLog

TODAY = date(2026, 6, 1)
NIK_MALE = "5203011205900001"
NIK_FEMALE = "5203015205950002"
NIK_OTHER_REGENCY = "5201011205900004"
NIK_UNKNOWN_PROVINCE = "9903011205900001"

ID_HEADER = [
    "No",
    "NIK",
    "Nama",
    "Tempat Lahir",
    "Tanggal Lahir",
    "Jenis Kelamin",
    "Status Perkawinan",
    "Negara Tujuan",
    "P3MI",
    "No HP",
    "Catatan",
]
TABLES = ("applicant", "case_event", "audit_log", "agency", "counter_sequence", "outbox_item")


def write_csv(path: Path, rows: list[list[Any]], *, delimiter: str = ";", bom: bool = True) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig" if bom else "utf-8"))
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Register"
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def snapshot(database: Database) -> dict[str, int]:
    with database.engine.connect() as connection:
        counts = {
            table: int(connection.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one())
            for table in TABLES
        }
        counts["sequence_total"] = int(
            connection.exec_driver_sql(
                "SELECT COALESCE(SUM(last_value), 0) FROM counter_sequence"
            ).scalar_one()
        )
    return counts


def run_import(workspace: Workspace, path: Path, actor: Actor, **kwargs: Any) -> ImportReport:
    return import_register(workspace.database.write_session, path, actor, today=TODAY, **kwargs)


def applicants(database: Database) -> dict[str, Applicant]:
    with database.session() as session:
        return {a.nik: a for a in session.exec(select(Applicant)).all()}


def read_rejects(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") else ","
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def budi(no: int = 1, **overrides: str) -> list[str]:
    row = {
        "No": str(no),
        "NIK": NIK_MALE,
        "Nama": "BUDI SANTOSO",
        "Tempat Lahir": "Selong",
        "Tanggal Lahir": "12-05-1990",
        "Jenis Kelamin": "L",
        "Status Perkawinan": "Kawin",
        "Negara Tujuan": "Malaysia",
        "P3MI": "PT Maju Jaya",
        "No HP": "081234567890",
        "Catatan": "",
    }
    row.update(overrides)
    return [row[column] for column in ID_HEADER]


def siti(no: int = 2, **overrides: str) -> list[str]:
    row = {
        "No": str(no),
        "NIK": NIK_FEMALE,
        "Nama": "SITI AMINAH",
        "Tempat Lahir": "Masbagik",
        "Tanggal Lahir": "12/05/1995",
        "Jenis Kelamin": "P",
        "Status Perkawinan": "Belum Kawin",
        "Negara Tujuan": "TW",
        "P3MI": "",
        "No HP": "",
        "Catatan": "lama",
    }
    row.update(overrides)
    return [row[column] for column in ID_HEADER]


# ------------------------------------------------------------------------------------------------
# Reading both formats


def test_csv_import_with_indonesian_columns_semicolons_and_bom(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "register.csv",
        [
            ID_HEADER,
            budi(1),
            siti(2),
            budi(3, NIK=NIK_UNKNOWN_PROVINCE, Nama="SALAH PROVINSI"),
        ],
    )
    report = run_import(workspace, path, actor)
    assert report.as_dict() == {"imported": 2, "skipped": 0, "rejected": 1, "warnings": 0}

    stored = applicants(workspace.database)
    assert set(stored) == {NIK_MALE, NIK_FEMALE}
    man, woman = stored[NIK_MALE], stored[NIK_FEMALE]
    assert man.full_name == "BUDI SANTOSO"
    assert man.birth_date == date(1990, 5, 12)
    assert man.sex == "L"
    assert man.marital_status == "married"
    assert man.destination_country == "MY"
    assert man.phone == "+6281234567890"
    assert man.registered_by == "petugas1"
    assert woman.birth_date == date(1995, 5, 12)
    assert woman.sex == "P"
    assert woman.marital_status == "single"
    assert woman.destination_country == "TW"
    assert woman.agency_id is None
    assert woman.phone is None
    assert {man.tracking_code, woman.tracking_code} == {
        "LOTIM-01-2026-000001",
        "LOTIM-01-2026-000002",
    }

    with workspace.database.session() as session:
        per_row = session.exec(select(AuditLog).where(AuditLog.action == "applicant.import")).all()
        (summary,) = session.exec(
            select(AuditLog).where(AuditLog.action == "register.import")
        ).all()
    assert len(per_row) == 2
    assert summary.actor == "petugas1"
    assert summary.entity_id == "register.csv"
    assert summary.after is not None
    assert json.loads(summary.after) == {
        "imported": 2,
        "skipped": 0,
        "rejected": 1,
        "warnings": 0,
        "file": "register.csv",
        "rows": 3,
    }


def test_xlsx_import_with_title_rows_date_cells_serials_and_numeric_nik(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    serial = (date(1995, 5, 12) - date(1899, 12, 30)).days
    path = write_xlsx(
        tmp_path / "register.xlsx",
        [
            ["REGISTER CPMI DISNAKER LOMBOK TIMUR"],
            ["per 1 Juni 2026"],
            [
                "nik",
                "full_name",
                "birth_date",
                "sex",
                "marital_status",
                "destination_country",
                "sector",
                "planned_departure",
                "education",
            ],
            [
                NIK_MALE,
                "Budi Santoso",
                date(1990, 5, 12),
                "M",
                "Married",
                "Hong Kong",
                "informal",
                "2026-09-01",
                "SLTA/SEDERAJAT",
            ],
            [int(NIK_FEMALE), "Siti Aminah", serial, "F", "single", "SAU", "Formal", None, None],
        ],
    )
    report = run_import(workspace, path, actor)
    # The NIK typed as a number is refused (Excel may have changed its last digit): issue 16.
    assert report.as_dict() == {"imported": 1, "skipped": 0, "rejected": 1, "warnings": 0}
    assert report.typed_as_number == {"NIK": 1}
    assert (tmp_path / "register.rejects.csv").exists()
    stored = applicants(workspace.database)
    assert set(stored) == {NIK_MALE}
    man = stored[NIK_MALE]
    assert man.birth_date == date(1990, 5, 12)
    assert man.destination_country == "HK"
    assert man.sector == "informal"
    assert man.planned_departure == date(2026, 9, 1)
    assert man.education

    # Typed again as text, the same row imports with its serial date, country and sector read.
    path = write_xlsx(
        tmp_path / "register.xlsx",
        [["nik", "full_name", "birth_date", "sex", "marital_status", "destination_country",
          "sector"], [NIK_FEMALE, "Siti Aminah", serial, "F", "single", "SAU", "Formal"]],
    )
    assert run_import(workspace, path, actor).imported == 1
    woman = applicants(workspace.database)[NIK_FEMALE]
    assert woman.birth_date == date(1995, 5, 12)
    assert woman.destination_country == "SA"
    assert woman.sector == "formal"


def test_comma_csv_without_bom_is_read_too(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "reg.csv",
        [
            ["NIK", "Nama Lengkap", "Tgl Lahir", "L/P", "Alamat"],
            [NIK_MALE, "Budi", "1990-05-12", "L", "Jl. Pahlawan 1, Selong"],
        ],
        delimiter=",",
        bom=False,
    )
    report = run_import(workspace, path, actor)
    assert report.imported == 1
    assert applicants(workspace.database)[NIK_MALE].address == "Jl. Pahlawan 1, Selong"


# ------------------------------------------------------------------------------------------------
# Rows already known


def test_already_registered_same_data_is_skipped_different_data_rejected(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    with workspace.database.write_session() as session:
        first = register_applicant(
            session,
            {
                "nik": NIK_MALE,
                "full_name": "Budi Santoso",
                "birth_date": "12-05-1990",
                "sex": "L",
                "destination_country": "MY",
            },
            actor,
            today=TODAY,
        ).applicant
        second = register_applicant(
            session,
            {"nik": NIK_FEMALE, "full_name": "Siti Aminah", "birth_date": "12-05-1995", "sex": "P"},
            actor,
            today=TODAY,
        ).applicant
    before = snapshot(workspace.database)
    path = write_csv(
        tmp_path / "lama.csv",
        [
            ["NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin", "Negara Tujuan"],
            # same person, name in other case and spacing, country as a name: the same data
            [NIK_MALE, "  budi   SANTOSO ", "1990-05-12", "Laki-laki", "Malaysia"],
            # same NIK, another name: the office must look at it
            [NIK_FEMALE, "Siti Rahmah", "12-05-1995", "P", ""],
        ],
    )
    report = run_import(workspace, path, actor)
    assert report.as_dict() == {"imported": 0, "skipped": 1, "rejected": 1, "warnings": 0}

    after = snapshot(workspace.database)
    assert after["applicant"] == before["applicant"]
    assert after["audit_log"] == before["audit_log"] + 1  # only the import's own entry
    stored = applicants(workspace.database)
    assert stored[NIK_FEMALE].full_name == "Siti Aminah"
    assert stored[NIK_MALE].tracking_code == first.tracking_code

    (reject,) = read_rejects(tmp_path / "lama.rejects.csv")
    assert reject["baris"] == "3"
    assert second.tracking_code in reject["alasan"]
    assert "Nama lengkap" in reject["alasan"]
    assert reject["Nama"] == "Siti Rahmah"


def test_nik_typed_with_spaces_matches_the_registered_cpmi(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    with workspace.database.write_session() as session:
        register_applicant(
            session,
            {"nik": NIK_MALE, "full_name": "Budi", "birth_date": "12-05-1990", "sex": "L"},
            actor,
            today=TODAY,
        )
    before = snapshot(workspace.database)
    path = write_csv(
        tmp_path / "spasi.csv",
        [
            ["NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin"],
            ["5203 0112 0590 0001", "Budi", "12-05-1990", "L"],
            ["5203 0152 0595 0002", "Siti", "12-05-1995", "P"],
        ],
    )
    report = run_import(workspace, path, actor)
    assert report.as_dict() == {"imported": 1, "skipped": 1, "rejected": 0, "warnings": 0}
    assert snapshot(workspace.database)["applicant"] == before["applicant"] + 1
    assert set(applicants(workspace.database)) == {NIK_MALE, NIK_FEMALE}


def test_same_nik_twice_in_one_file_the_earlier_row_wins(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "ganda.csv",
        [
            ID_HEADER,
            budi(1),
            budi(2, Nama="BUDI SANTOSO", P3MI=""),  # same data, fewer cells: skipped
            budi(3, Nama="BUDIMAN"),  # same NIK, other name: rejected
            siti(4),
        ],
    )
    report = run_import(workspace, path, actor)
    assert report.as_dict() == {"imported": 2, "skipped": 1, "rejected": 1, "warnings": 0}
    assert applicants(workspace.database)[NIK_MALE].full_name == "BUDI SANTOSO"
    (reject,) = read_rejects(tmp_path / "ganda.rejects.csv")
    assert reject["baris"] == "4"
    assert reject["Nama"] == "BUDIMAN"
    assert "sebelumnya" in reject["alasan"]


# ------------------------------------------------------------------------------------------------
# Agencies, rejects file, warnings


def test_unknown_p3mi_is_created_once_unverified(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    with workspace.database.write_session() as session:
        session.add(Agency(name="PT Sudah Dikenal", name_key="pt sudah dikenal", verified=True))
        session.commit()
    niks = [f"52030112059000{n:02d}" for n in range(1, 6)]
    agencies = ["PT Maju Jaya", "pt  maju jaya", "PT MAJU JAYA ", "PT Sudah Dikenal", ""]
    path = write_csv(
        tmp_path / "p3mi.csv",
        [["NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin", "P3MI"]]
        + [
            [nik, f"Orang {chr(65 + i)}", "12-05-1990", "L", agency]
            for i, (nik, agency) in enumerate(zip(niks, agencies, strict=True))
        ],
    )
    report = run_import(workspace, path, actor)
    assert report.imported == 5

    with workspace.database.session() as session:
        found = {a.name_key: a for a in session.exec(select(Agency)).all()}
        created = session.exec(select(AuditLog).where(AuditLog.action == "agency.add")).all()
        linked = session.exec(select(Applicant).order_by(col(Applicant.nik))).all()
    assert set(found) == {"pt maju jaya", "pt sudah dikenal"}
    assert found["pt maju jaya"].verified is False
    assert found["pt maju jaya"].name == "PT Maju Jaya"
    assert found["pt sudah dikenal"].verified is True
    assert len(created) == 1
    assert [a.agency_id for a in linked] == [
        found["pt maju jaya"].id,
        found["pt maju jaya"].id,
        found["pt maju jaya"].id,
        found["pt sudah dikenal"].id,
        None,
    ]


def test_rejects_file_holds_original_columns_row_number_and_reason(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "campur.csv",
        [
            ["Daftar CPMI"],
            ID_HEADER,
            budi(1, **{"Catatan": "baik"}),
            budi(2, NIK=NIK_UNKNOWN_PROVINCE, Nama="Ani", Catatan="provinsi salah"),
            siti(3, **{"Tanggal Lahir": "31-02-1995"}),
            siti(4, NIK="5203015205090003", **{"Tanggal Lahir": "12-05-2009"}),
            siti(5, NIK="5203015205950004", **{"Jenis Kelamin": "L", "No HP": "12"}),
        ],
    )
    report = run_import(workspace, path, actor)
    assert report.as_dict() == {"imported": 1, "skipped": 0, "rejected": 4, "warnings": 0}
    assert report.rejects_path == tmp_path / "campur.rejects.csv"

    rows = read_rejects(tmp_path / "campur.rejects.csv")
    assert list(rows[0]) == [*ID_HEADER, "baris", "alasan"]
    by_row = {row["baris"]: row for row in rows}
    assert set(by_row) == {"4", "5", "6", "7"}
    assert by_row["4"]["NIK"] == NIK_UNKNOWN_PROVINCE
    assert by_row["4"]["Catatan"] == "provinsi salah"
    assert "provinsi" in by_row["4"]["alasan"].lower()
    assert "Tanggal lahir" in by_row["5"]["alasan"]
    assert "18" in by_row["6"]["alasan"]
    assert "Jenis kelamin" in by_row["7"]["alasan"]
    assert "Nomor HP" in by_row["7"]["alasan"]


def test_rejects_file_goes_where_asked(workspace: Workspace, actor: Actor, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "in.csv",
        [ID_HEADER, budi(1, NIK=NIK_UNKNOWN_PROVINCE)],
    )
    target = tmp_path / "out" / "tolak.csv"
    target.parent.mkdir()
    report = run_import(workspace, path, actor, rejects_path=target)
    assert report.rejected == 1
    assert report.rejects_path == target
    assert len(read_rejects(target)) == 1
    assert not (tmp_path / "in.rejects.csv").exists()
    assert not list(workspace.data_dir.rglob("*.rejects.csv"))


def test_region_warnings_are_accepted_and_counted(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "wilayah.csv",
        [
            ID_HEADER,
            budi(1),
            budi(2, NIK=NIK_OTHER_REGENCY, Nama="DARI LOBAR"),
            budi(3, NIK="5271011205900005", Nama="DARI MATARAM"),
        ],
    )
    report = run_import(workspace, path, actor)
    assert report.as_dict() == {"imported": 3, "skipped": 0, "rejected": 0, "warnings": 2}
    stored = applicants(workspace.database)
    assert stored[NIK_OTHER_REGENCY].regency_code == "52.01"
    assert stored["5271011205900005"].regency_code == "52.71"


# ------------------------------------------------------------------------------------------------
# Files that cannot be read change nothing


UNREADABLE: list[tuple[str, bytes]] = [
    ("kosong.csv", b""),
    ("biner.csv", bytes(range(256)) * 8),
    ("salah-kolom.csv", b"Nama;Alamat\r\nBudi;Selong\r\n"),
    ("judul-saja.csv", b"NIK;Nama;Tanggal Lahir\r\n"),
    ("rusak.xlsx", b"PK\x03\x04" + b"\x00" * 200),
    ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
    ("halaman.csv", b"<html><body><table><tr><td>NIK</td></tr></table></body></html>"),
]


def test_unreadable_files_change_nothing(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    with workspace.database.write_session() as session:
        register_applicant(
            session,
            {"nik": NIK_MALE, "full_name": "Budi", "birth_date": "12-05-1990", "sex": "L"},
            actor,
            today=TODAY,
        )
    before = snapshot(workspace.database)
    for name, content in UNREADABLE:
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(RegisterFileError) as refused:
            run_import(workspace, path, actor)
        assert str(refused.value), name
        assert snapshot(workspace.database) == before, name
    assert [p.name for p in tmp_path.iterdir() if "rejects" in p.name] == []


def test_missing_file_and_folder_are_register_file_errors(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    before = snapshot(workspace.database)
    with pytest.raises(RegisterFileError, match="tidak ditemukan"):
        run_import(workspace, tmp_path / "tidak-ada.csv", actor)
    with pytest.raises(RegisterFileError, match="folder"):
        run_import(workspace, tmp_path, actor)
    assert snapshot(workspace.database) == before


# ------------------------------------------------------------------------------------------------
# Re-import and size


def test_reimport_is_idempotent(workspace: Workspace, actor: Actor, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ulang.xlsx",
        [
            ID_HEADER,
            budi(1),
            siti(2),
            budi(3, NIK=NIK_UNKNOWN_PROVINCE),
            budi(4, NIK=NIK_OTHER_REGENCY, Nama="DARI LOBAR"),
        ],
    )
    first = run_import(workspace, path, actor)
    assert first.as_dict() == {"imported": 3, "skipped": 0, "rejected": 1, "warnings": 1}
    codes = {nik: a.tracking_code for nik, a in applicants(workspace.database).items()}
    before = snapshot(workspace.database)

    again = run_import(workspace, path, actor)
    assert again.as_dict() == {"imported": 0, "skipped": 3, "rejected": 1, "warnings": 0}
    after = snapshot(workspace.database)
    assert after == {**before, "audit_log": before["audit_log"] + 1}
    assert {nik: a.tracking_code for nik, a in applicants(workspace.database).items()} == codes
    assert len(read_rejects(tmp_path / "ulang.rejects.csv")) == 1


def _valid_rows(count: int) -> list[list[str]]:
    rows = []
    start = date(1970, 1, 1)
    for n in range(count):
        born = start + timedelta(days=(n * 37) % 11000)  # 1970..2000: all adults in 2026
        female = n % 2 == 1
        day = born.day + (40 if female else 0)
        nik = f"520301{day:02d}{born.month:02d}{born.year % 100:02d}{n % 9999 + 1:04d}"
        rows.append(
            [
                nik,
                f"Pekerja {'ABCDEFGHIJ'[n % 10]} {'KLMNOPQRST'[n // 10 % 10]}",
                born.strftime("%d-%m-%Y"),
                "P" if female else "L",
                "Malaysia",
                "Formal",
            ]
        )
    return rows


def test_two_thousand_rows_across_batches(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    rows = _valid_rows(2000)
    assert len({row[0] for row in rows}) == 2000
    assert len(rows) > 3 * BATCH_SIZE
    # the same NIK again far down the file (another batch), with another name: rejected
    duplicate = [rows[5][0], "Nama Lain", rows[5][2], rows[5][3], "Malaysia", "Formal"]
    path = write_csv(
        tmp_path / "besar.csv",
        [
            ["NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin", "Negara Tujuan", "Sektor"],
            *rows,
            duplicate,
        ],
    )
    seen: list[tuple[int, int]] = []
    report = run_import(
        workspace, path, actor, progress=lambda done, total: seen.append((done, total))
    )
    assert report.as_dict() == {"imported": 2000, "skipped": 0, "rejected": 1, "warnings": 0}
    assert seen[-1] == (2001, 2001)
    assert len(seen) == 5

    with workspace.database.session() as session:
        codes = session.exec(select(Applicant.tracking_code)).all()
    assert len(codes) == 2000
    assert sorted(codes) == [f"LOTIM-01-2026-{n:06d}" for n in range(1, 2001)]
    (reject,) = read_rejects(tmp_path / "besar.rejects.csv")
    assert reject["baris"] == "2002"
