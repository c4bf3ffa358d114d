"""`ltsa-desk report export` on the command line: bad input exits 2 naming the option, before the
data folder is even opened; a good run writes the file, prints one JSON object and is audited."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from readers import csv_rows, csv_section, xlsx_book, xlsx_table
from reportdata import Person, add_officer, add_people, at
from sqlmodel import select

from ltsa_desk.cli import main
from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.reports import AUDIT_ACTION, Period, parse_report_date
from ltsa_desk.store.models import AuditLog

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
ROOT = Path(__file__).resolve().parents[2]


PASSWORD = "kopi-hujan-sepeda-biru"


def report(data_dir: Path, *args: str) -> list[str]:
    return ["report", "export", "--data-dir", str(data_dir), *args]


def as_admin(args: list[str], monkeypatch: pytest.MonkeyPatch, runs: int = 1) -> list[str]:
    """`--as admin1` with its password on stdin (one line per in-process run)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{PASSWORD}\n" * runs))
    return [*args, "--as", "admin1"]


def test_dates_in_both_forms_and_both_ends_inclusive() -> None:
    assert parse_report_date("2026-05-31", "--to") == date(2026, 5, 31)
    assert parse_report_date("31-05-2026", "--to") == date(2026, 5, 31)
    assert parse_report_date("1/5/2026", "--from") == date(2026, 5, 1)
    period = Period.parse("01-05-2026", "2026-05-31")
    assert period == Period(date(2026, 5, 1), date(2026, 5, 31))
    assert period.months() == [(2026, 5)]
    assert Period.parse("2025-12-15", "2026-02-01").months() == [(2025, 12), (2026, 1), (2026, 2)]


@pytest.mark.parametrize(
    ("dates", "option", "words"),
    [
        (("2026-13-01", "2026-12-31"), "from", "tidak ada di kalender"),
        (("31-02-2026", "2026-03-31"), "from", "tidak ada di kalender"),
        (("Mei 2026", "2026-05-31"), "from", "YYYY-MM-DD atau DD-MM-YYYY"),
        (("2026-05-01", "05/31/2026"), "to", "tidak ada di kalender"),
        (("2026-05-01", "2026-5"), "to", "tidak dikenali"),
        (("2026-05-31", "2026-05-01"), "to", "lebih awal dari --from"),
        # Once a traceback (date value out of range): issue 16.
        (("0001-01-01", "9999-12-31"), "from", "di luar rentang laporan"),
        (("2026-05-01", "9999-12-31"), "to", "di luar rentang laporan"),
    ],
)
def test_bad_dates_exit_2_naming_the_option(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    dates: tuple[str, str],
    option: str,
    words: str,
) -> None:
    """(Checked before the data folder is opened, so before the password is.)"""
    args = report(
        tmp_path,
        "--kind",
        "placements",
        "--from",
        dates[0],
        "--to",
        dates[1],
        "--format",
        "xlsx",
        "--out",
        str(tmp_path / "x.xlsx"),
        "--json",
    )
    assert main(as_admin(args, monkeypatch)) == 2
    captured = capsys.readouterr()
    assert f"--{option}" in captured.err and words in captured.err
    assert json.loads(captured.out) == {
        "error": {"message": captured.err.strip().removeprefix("ltsa-desk: "), "field": option}
    }
    assert not (tmp_path / "x.xlsx").exists()


def test_an_unknown_kind_or_format_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    common = ["--from", "2026-05-01", "--to", "2026-05-31", "--out", str(tmp_path / "x")]
    common = as_admin(common, monkeypatch, runs=3)
    assert main(report(tmp_path, "--kind", "penempatan", "--format", "xlsx", *common)) == 2
    err = capsys.readouterr().err
    assert "--kind tidak dikenal: 'penempatan'" in err and "placements, documents" in err
    assert main(report(tmp_path, "--kind", "sync", "--format", "docx", *common)) == 2
    assert "--format tidak dikenal" in capsys.readouterr().err
    assert (
        main(report(tmp_path, "--kind", "sync", "--format", "csv", "--csv-delimiter", "|", *common))
        == 2
    )
    assert "--csv-delimiter" in capsys.readouterr().err
    with pytest.raises(SystemExit) as missing:
        main(report(tmp_path, "--kind", "sync", "--format", "csv"))
    assert missing.value.code == 2


@SQLITE
def test_the_command_writes_the_report_and_records_it(
    workspace: Workspace, data_dir: Path, tmp_path: Path
) -> None:
    engine = workspace.database.engine
    add_officer(engine, "admin1", "Baiq Nurul Hidayati", password=PASSWORD)
    add_people(engine, [Person(index=i, registered_at=at(2026, 5, 3 + i)) for i in range(1, 6)])
    out = tmp_path / "laporan mei.xlsx"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "ltsa_desk.cli",
            *report(
                data_dir,
                "--kind",
                "placements",
                "--from",
                "01-05-2026",
                "--to",
                "31-05-2026",
                "--format",
                "xlsx",
                "--out",
                str(out),
                "--as",
                "admin1",
                "--json",
            ),
        ],
        input=f"{PASSWORD}\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["total_rows"] == 5 and result["format"] == "xlsx"
    assert result["from"] == "2026-05-01" and result["to"] == "2026-05-31"
    assert result["generated_by"] == "admin1 (Baiq Nurul Hidayati)"
    assert "5 baris rincian" in run.stderr
    # Indonesian output names the report, not its command-line kind (issue 16).
    assert "Laporan Pendaftaran dan Penempatan CPMI (1 Mei 2026" in run.stderr, run.stderr
    assert "placements" not in run.stderr
    assert xlsx_table(xlsx_book(out), "CPMI terdaftar per bulan")[1] == ("Mei 2026", 5)
    with workspace.database.session() as session:
        entry = session.exec(select(AuditLog).where(AuditLog.action == AUDIT_ACTION)).one()
    assert entry.actor == "admin1"
    assert json.loads(entry.after or "{}")["rows"] == 5


@SQLITE
def test_csv_with_semicolons_and_an_officer_may_not_export(
    workspace: Workspace,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = workspace.database.engine
    add_officer(engine, "petugas1", "Lalu Ahmad", role="officer", password=PASSWORD)
    add_officer(engine, "admin1", "Baiq Nurul Hidayati", password=PASSWORD)
    add_people(engine, [Person(index=1, registered_at=at(2026, 5, 3))])
    args: list[Any] = [
        "--kind",
        "placements",
        "--from",
        "2026-05-01",
        "--to",
        "2026-05-31",
        "--format",
        "csv",
    ]
    out = tmp_path / "a.csv"
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{PASSWORD}\n"))  # petugas1's own
    assert main(report(data_dir, *args, "--out", str(out), "--as", "petugas1")) == 2
    refusal = capsys.readouterr().err
    assert "'petugas1' (Petugas) tidak boleh mengekspor" in refusal  # not "(officer)"
    assert not out.exists()
    semicolons = [*args, "--out", str(out), "--csv-delimiter", ";"]
    assert main(report(data_dir, *as_admin(semicolons, monkeypatch))) == 0
    rows = csv_rows(out, ";")
    assert len(csv_section(rows, "Data CPMI")) == 2
    with workspace.database.session() as session:
        entry = session.exec(select(AuditLog).where(AuditLog.action == AUDIT_ACTION)).one()
    assert entry.actor == "admin1"  # the account that authenticated


@SQLITE
def test_an_existing_file_is_replaced_only_with_force(
    workspace: Workspace,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """April's report must not vanish under May's because the admin reused a name (issue 16)."""
    add_officer(workspace.database.engine, "admin1", "Baiq Nurul Hidayati", password=PASSWORD)
    add_people(workspace.database.engine, [Person(index=1, registered_at=at(2026, 5, 3))])
    out = tmp_path / "laporan.csv"
    out.write_text("laporan April\n", encoding="utf-8")
    args = ["--kind", "placements", "--from", "2026-05-01", "--to", "2026-05-31",
            "--format", "csv", "--out", str(out), "--json"]
    args = as_admin(args, monkeypatch, runs=2)
    assert main(report(data_dir, *args)) == 2
    refused = capsys.readouterr()
    assert "sudah ada" in refused.err and "--force" in refused.err
    assert json.loads(refused.out)["error"]["field"] == "out"
    assert out.read_text(encoding="utf-8") == "laporan April\n"
    assert main(report(data_dir, *args, "--force")) == 0
    assert "Data CPMI" in out.read_text(encoding="utf-8-sig")
