"""Importing an office's existing register (CSV or XLSX) without losing or doubling anyone.

Every row is accepted or rejected whole, with its reason, into a rejects file the officer can fix
and import again. Re-importing the same file is harmless: rows already registered with the same data
are skipped. Rows are written in batches, each one transaction, so a 10,000-row register takes
seconds and a crash mid-import loses nothing that was committed (running it again picks up the
rest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from ltsa_desk.services import audit
from ltsa_desk.services.applicants import applicant_dict
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import AgencyRef, insert_checked
from ltsa_desk.services.numbering import reserve, tracking_code
from ltsa_desk.services.register_file import RegisterFile, RegisterRow, read_register, write_rejects
from ltsa_desk.services.validation import (
    FIELD_LABELS_ID,
    FIELDS,
    CheckedApplicant,
    ValidationFailed,
    check_applicant,
)
from ltsa_desk.store.models import Applicant

BATCH_SIZE = 500


@dataclass
class ImportReport:
    imported: int = 0
    skipped: int = 0
    rejected: int = 0
    warnings: int = 0
    rejects_path: Path | None = None
    #: Rows refused because a NIK/KK/phone cell held a number, per field label ("NIK": 274).
    typed_as_number: dict[str, int] = field(default_factory=dict)
    #: Why the rejects file could not be written (the rows were imported all the same).
    rejects_error: str | None = None
    #: Every refused row as (row number, reason), for when the rejects file could not be written.
    reasons: list[tuple[int, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {
            "imported": self.imported,
            "skipped": self.skipped,
            "rejected": self.rejected,
            "warnings": self.warnings,
        }

    def notice(self) -> str | None:
        """The one line shown above the counts when digit columns were stored as numbers."""
        if not self.typed_as_number:
            return None
        counts = self.typed_as_number.items()
        where = ", ".join(f"{label} ({count} baris)" for label, count in counts)
        return (
            f"PERHATIAN: kolom {where} berisi angka, bukan teks. Excel hanya menyimpan 15 digit "
            "angka, jadi NIK/KK bisa kehilangan digit terakhir dan nomor HP angka 0 di depannya; "
            "baris itu ditolak, tidak ada nilai yang disimpan. Format kolom itu sebagai Teks lalu "
            "ketik ulang nomornya, atau ekspor ulang register dari sistem asal."
        )


def default_rejects_path(source: Path) -> Path:
    """Beside the input (`<name>.rejects.csv`), never in the data folder: officers look there."""
    return source.with_name(f"{source.stem}.rejects.csv")


def _comparable(values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name in FIELDS:
        value = values.get(name)
        if isinstance(value, date):
            value = value.isoformat()
        out[name] = value
    return out


def _differences(row_values: dict[str, Any], stored: dict[str, Any]) -> list[str]:
    """Fields the row fills in that differ from what is stored (empty cells say nothing)."""
    row, have = _comparable(row_values), _comparable(stored)
    diffs = []
    for name in FIELDS:
        if row[name] is None:
            continue
        if name in {"full_name", "agency", "address", "birth_place", "job_title"}:
            same = str(row[name]).casefold() == str(have[name] or "").casefold()
        else:
            same = row[name] == have[name]
        if not same:
            diffs.append(FIELD_LABELS_ID[name])
    return diffs


def _describe_errors(exc: ValidationFailed) -> str:
    """Each message already names its field; the label is added only where it does not."""
    parts = []
    for name, message in exc.errors.items():
        label = FIELD_LABELS_ID.get(name, name)
        parts.append(message if label.lower() in message.lower() else f"{label}: {message}")
    return "; ".join(parts)


def import_register(
    session_factory: Callable[[], Session],
    path: Path,
    actor: Actor,
    *,
    rejects_path: Path | None = None,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Read the whole file first (so a bad file changes nothing), then import it in batches."""
    register = read_register(path)  # raises RegisterFileError before anything is written
    registration_date = today or date.today()
    report = ImportReport(rejects_path=rejects_path or default_rejects_path(path))
    rejects: list[tuple[RegisterRow, str]] = []
    seen_in_file: dict[str, CheckedApplicant] = {}
    total = len(register.rows)
    done = 0
    agencies: dict[str, AgencyRef] = {}
    for batch in _batches(register.rows, BATCH_SIZE):
        with session_factory() as session:
            existing = _existing_by_nik(session, batch)
            accepted: list[CheckedApplicant] = []
            for row in batch:
                outcome = _judge_row(session, row, actor, registration_date, existing, seen_in_file)
                if isinstance(outcome, str):
                    rejects.append((row, outcome))
                    report.rejected += 1
                    for name in row.typed_as_number:
                        label = FIELD_LABELS_ID[name]
                        report.typed_as_number[label] = report.typed_as_number.get(label, 0) + 1
                elif outcome is None:
                    report.skipped += 1
                else:
                    accepted.append(outcome)
                    report.imported += 1
                    report.warnings += len(outcome.warnings)
            _insert_batch(session, accepted, actor, registration_date.year, agencies)
            session.commit()
        done += len(batch)
        if progress:
            progress(done, total)
    with session_factory() as session:
        audit.record(
            session,
            actor=actor.username,
            action="register.import",
            entity="register",
            entity_id=path.name,
            after={**report.as_dict(), "file": path.name, "rows": total},
            counter_id=actor.counter_id,
        )
        session.commit()
    _write_rejects_file(register, rejects, report)
    return report


def _write_rejects_file(
    register: RegisterFile, rejects: list[tuple[RegisterRow, str]], report: ImportReport
) -> None:
    """Write the refused rows beside the input; a failure here must not hide what was imported.

    The rows are committed by now, so an unwritable rejects file (read-only folder, a folder of
    that name, the file open in Excel) becomes :attr:`ImportReport.rejects_error` and the reasons
    stay in :attr:`ImportReport.reasons` for the caller to show, instead of an exception that
    would swallow the counts.
    """
    assert report.rejects_path is not None
    report.reasons = [(row.row_number, reason) for row, reason in rejects]
    if not rejects:
        report.rejects_path = None
        return
    try:
        write_rejects(report.rejects_path, register, rejects)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        if report.rejects_path.is_dir():
            why = "sudah ada folder dengan nama itu"
        report.rejects_error = (
            f"Berkas penolakan tidak bisa ditulis ke {report.rejects_path} ({why}); "
            "alasan penolakan ditampilkan di bawah"
        )


def _batches(rows: list[RegisterRow], size: int) -> Iterable[list[RegisterRow]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _nik_text(row: RegisterRow) -> str | None:
    value = row.values.get("nik")
    # as parse_nik reads it (spaces between digit groups allowed), or a stored NIK is missed
    return None if value is None else "".join(str(value).split())


def _existing_by_nik(session: Session, rows: list[RegisterRow]) -> dict[str, Applicant]:
    niks = {nik for nik in (_nik_text(row) for row in rows) if nik}
    if not niks:
        return {}
    found = session.exec(select(Applicant).where(col(Applicant.nik).in_(niks))).all()
    return {applicant.nik: applicant for applicant in found}


def _insert_batch(
    session: Session,
    accepted: list[CheckedApplicant],
    actor: Actor,
    year: int,
    agencies: dict[str, AgencyRef],
) -> None:
    """One reservation of tracking codes for the whole batch, then the rows."""
    if not accepted:
        return
    first = reserve(session, actor.counter_id, "tracking", year, len(accepted))
    for offset, checked in enumerate(accepted):
        insert_checked(
            session,
            checked,
            actor,
            year,
            action="applicant.import",
            tracking_code=tracking_code(actor.counter_id, year, first + offset),
            agencies=agencies,
        )


def _judge_row(
    session: Session,
    row: RegisterRow,
    actor: Actor,
    registration_date: date,
    existing: dict[str, Applicant],
    seen_in_file: dict[str, CheckedApplicant],
) -> CheckedApplicant | str | None:
    """One row: the checked record to import, None when skipped, the reason when rejected."""
    if row.typed_as_number:
        return _typed_as_number_reason(row)
    raw = {name: value for name, value in row.values.items() if name in FIELDS}
    try:
        checked = check_applicant(
            raw, office_code=actor.office_code, registration_date=registration_date
        )
    except ValidationFailed as exc:
        return _describe_errors(exc)
    nik = checked.values["nik"]
    earlier = seen_in_file.get(nik)
    if earlier is not None:
        diffs = _differences(checked.values, earlier.values)
        if diffs:
            return (
                f"NIK {nik} sudah ada di baris sebelumnya dalam berkas ini dengan data berbeda "
                f"({', '.join(diffs)})"
            )
        return None
    stored = existing.get(nik)
    if stored is not None:
        diffs = _differences(checked.values, applicant_dict(session, stored))
        seen_in_file[nik] = checked
        if diffs:
            return (
                f"NIK {nik} sudah terdaftar dengan kode {stored.tracking_code} dengan data berbeda "
                f"({', '.join(diffs)})"
            )
        return None
    seen_in_file[nik] = checked
    return checked


def _typed_as_number_reason(row: RegisterRow) -> str:
    """Say what Excel did to the number and how the officer gets the real digits back."""
    parts = []
    for name in row.typed_as_number:
        label = FIELD_LABELS_ID[name]
        seen = row.values.get(name)
        exponent = "e" in str(seen).lower()
        damage = "angka 0 di depan hilang" if name == "phone" and not exponent else "digit hilang"
        if name != "phone" and not exponent:
            damage = "digit terakhir bisa sudah berubah menjadi 0"
        parts.append(f"{label} tersimpan sebagai angka, bukan teks (terbaca {seen}; {damage})")
    return (
        "; ".join(parts) + ". Format kolom sebagai Teks lalu ketik ulang nomornya, "
        "atau ekspor ulang dari sistem asal"
    )
