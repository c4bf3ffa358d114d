"""Registers made the way offices make them, by a real spreadsheet program (LibreOffice Calc).

openpyxl writes exactly the cells a test asks for; an office's register went through Excel or
LibreOffice, which decide on their own that a column of digits is a column of numbers. Here
LibreOffice, headless, opens CSV files with its default column types and saves them as XLSX (and
as CSV again), inside the test, and the import must store no wrong value: a NIK, KK or phone that
became a number is refused with its reason; a column typed as text imports whole.

Needs Debian's ``libreoffice-calc`` (``.ci/run`` installs it). Without it these tests skip and
say so, except under CI (``CI=true``), where a missing LibreOffice is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.services.import_register import ImportReport, import_register
from ltsa_desk.services.register_file import read_register
from ltsa_desk.store.database import Database
from ltsa_desk.store.models import Applicant

TODAY = date(2026, 6, 1)
BUDI = "5203011205900001"  # born 12-05-1990, male
SITI = "5203015205950002"  # born 12-05-1995, female
AHMAD = "5203011205900010"  # ends in 0: Excel keeps it, but a number column is still refused
KK = "5203010101100001"

TITLE = "REGISTER CPMI DISNAKER LOMBOK TIMUR"
HEADER = "NIK;Nama;Tanggal Lahir;Jenis Kelamin;No KK;No HP"
ROWS = [
    f"{BUDI};Budi Santoso;12-05-1990;L;{KK};081234567890",
    f"{SITI};Nur\u2019aini;12-05-1995;P;{KK};",
    f"{AHMAD};Ahmad Fauzi;12-05-1990;L;;",
]

# LibreOffice's CSV filter options: separator ";" (59), quote '"' (34), character set
# (76 = UTF-8, 1 = Windows-1252), first line 1, then the column types (1 = standard, 2 = text).
UTF8_DEFAULT_TYPES = "59,34,76,1"
CP1252_DEFAULT_TYPES = "59,34,1,1"
UTF8_DIGITS_AS_TEXT = "59,34,76,1,1/2/2/1/3/1/4/1/5/2/6/2"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    reason = "LibreOffice (Debian package libreoffice-calc) is not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; .ci/run installs it, so CI must have it")
    pytest.skip(reason)


def convert(source: Path, filter_options: str, target: str, out_dir: Path) -> Path:
    """Open ``source`` in LibreOffice with ``filter_options`` and save it as ``target``."""
    soffice = _soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / "lo-profile"  # a private profile: parallel runs must not share one
    completed = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            f"--infilter=CSV:{filter_options}",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    extension = target.split(":")[0]
    result = out_dir / f"{source.stem}.{extension}"
    assert result.is_file(), f"LibreOffice made nothing:\n{completed.stdout}\n{completed.stderr}"
    return result


def write_register(path: Path, encoding: str) -> Path:
    lines = [TITLE, "", HEADER, *ROWS]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def run_import(workspace: Workspace, path: Path, actor: Actor, **kwargs: Any) -> ImportReport:
    return import_register(workspace.database.write_session, path, actor, today=TODAY, **kwargs)


def stored(database: Database) -> dict[str, Applicant]:
    with database.session() as session:
        return {a.nik: a for a in session.exec(select(Applicant)).all()}


def assert_nothing_wrong_stored(database: Database) -> None:
    """Whatever was imported is exactly what the register's author typed."""
    expected = {
        BUDI: ("Budi Santoso", date(1990, 5, 12), KK, "+6281234567890"),
        SITI: ("Nur'aini", date(1995, 5, 12), KK, None),
        AHMAD: ("Ahmad Fauzi", date(1990, 5, 12), None, None),
    }
    for nik, applicant in stored(database).items():
        assert nik in expected, f"a NIK nobody typed was stored: {nik}"
        got = (applicant.full_name, applicant.birth_date, applicant.kk, applicant.phone)
        assert got == expected[nik]


def test_csv_opened_with_default_types_and_saved_as_xlsx(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    source = write_register(tmp_path / "register.csv", "utf-8")
    xlsx = convert(source, UTF8_DEFAULT_TYPES, "xlsx", tmp_path / "lo")
    # What LibreOffice made of the digits: numbers, and the 16th digit of a NIK is gone.
    register = read_register(xlsx)
    assert register.header_row == 3
    assert register.rows[0].values["nik"] == BUDI[:15] + "0"
    assert register.rows[0].typed_as_number == ("nik", "kk", "phone")

    report = run_import(workspace, xlsx, actor)
    assert report.as_dict() == {"imported": 0, "skipped": 0, "rejected": 3, "warnings": 0}
    assert report.typed_as_number == {"NIK": 3, "Nomor KK": 2, "Nomor HP": 1}
    assert stored(workspace.database) == {}
    assert report.rejects_path is not None
    text = report.rejects_path.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("NIK;Nama;")
    assert "Format kolom sebagai Teks" in text


def test_windows_1252_semicolon_csv_with_title_rows(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    source = write_register(tmp_path / "register.csv", "cp1252")
    assert b"Nur\x92aini" in source.read_bytes()

    # Imported as the office saved it: text cells, so every value arrives whole.
    report = run_import(workspace, source, actor)
    assert report.as_dict() == {"imported": 3, "skipped": 0, "rejected": 0, "warnings": 0}
    assert_nothing_wrong_stored(workspace.database)

    # Opened in LibreOffice and saved as XLSX: the digit columns became numbers and are refused.
    xlsx = convert(source, CP1252_DEFAULT_TYPES, "xlsx", tmp_path / "lo")
    again = run_import(workspace, xlsx, actor)
    assert again.imported == 0 and again.rejected == 3
    assert_nothing_wrong_stored(workspace.database)


def test_csv_opened_and_saved_again_as_csv(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    source = write_register(tmp_path / "register.csv", "cp1252")
    resaved = convert(
        source, CP1252_DEFAULT_TYPES, "csv:Text - txt - csv (StarCalc):59,34,76,1", tmp_path / "lo"
    )
    run_import(workspace, resaved, actor)
    assert_nothing_wrong_stored(workspace.database)


def test_digit_columns_typed_as_text_import_whole(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    source = write_register(tmp_path / "register.csv", "utf-8")
    xlsx = convert(source, UTF8_DIGITS_AS_TEXT, "xlsx", tmp_path / "lo")
    report = run_import(workspace, xlsx, actor)
    assert report.as_dict() == {"imported": 3, "skipped": 0, "rejected": 0, "warnings": 0}
    assert report.notice() is None
    assert set(stored(workspace.database)) == {BUDI, SITI, AHMAD}
    assert_nothing_wrong_stored(workspace.database)
