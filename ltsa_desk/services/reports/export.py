"""Running a report: one read transaction, rows streamed into the writer, the file put in place
together with its audit entry.

Every export is data leaving the office, so it is recorded in the audit log (who, which kind,
which period, how many rows, which format and file). The entry is committed in the same step that
puts the file under its name: the file is written under a hidden temporary name, the audit entry
is added and flushed, the file is renamed into place, and only then is the entry committed. A
failure at any point leaves neither a report without its entry nor an entry without its report.
A cancelled export removes its half-written file and records nothing (nothing left the office).

The PDF writer is the caller's (``pdf_writer``, e.g. ``ltsa_desk.printing.report_pdf.
PdfReportWriter``): it needs Qt, and services import neither Qt nor printing, so the window and
the command line hand it in; XLSX and CSV are written here.

The whole report reads in one transaction (REPEATABLE READ on PostgreSQL; SQLite's WAL readers see
one snapshot anyway), so the heading, the counts and the detail rows describe the same moment even
while the counters keep registering.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any, Protocol

from sqlmodel import Session

from ltsa_desk.services import audit
from ltsa_desk.services.context import Actor
from ltsa_desk.services.permissions import require_role
from ltsa_desk.services.reports import documents, outages, placements, sync_report
from ltsa_desk.services.reports.base import (
    CSV_DELIMITERS,
    FORMATS,
    KIND_TITLES_ID,
    REPORT_KINDS,
    DetailSection,
    Heading,
    KindContext,
    Period,
    ReportCancelled,
    ReportInputError,
    ReportPlan,
    Summary,
    local_timezone,
)
from ltsa_desk.services.reports.common import officer_names
from ltsa_desk.services.reports.writers_csv import CsvReportWriter

AUDIT_ACTION = "report.export"
CHECK_EVERY = 500  # rows between looks at the cancel flag
PROGRESS_EVERY = 2000  # rows between progress reports

_KINDS: dict[str, Callable[[Session, KindContext], ReportPlan]] = {
    "placements": placements.plan,
    "documents": documents.plan,
    "sync": sync_report.plan,
    "outages": outages.plan,
}

Progress = Callable[[int, int], None]


class CancelFlag(Protocol):
    """Anything with ``is_set()``, e.g. a ``threading.Event`` the Batal button sets."""

    def is_set(self) -> bool: ...


class ReportWriter(Protocol):
    def begin(self, heading: Heading, plan: ReportPlan) -> None: ...
    def begin_section(self, section: DetailSection) -> None: ...
    def write_row(self, row: tuple[Any, ...]) -> None: ...
    def end_section(self, section: DetailSection, written: int) -> None: ...
    def finish(self, summary: Summary) -> None: ...
    def abort(self) -> None: ...


#: Makes the writer of one format for the (temporary) file at the path it is given.
WriterFactory = Callable[[Path], ReportWriter]


@dataclass(frozen=True)
class ExportRequest:
    kind: str
    period: Period
    fmt: str
    out: Path
    csv_delimiter: str = ","
    training: bool = False
    #: The window's save dialog has already asked before replacing a file; the command line
    #: has not, so `report export` sets this from --force (a month's report was overwritten
    #: without a word).
    overwrite: bool = True

    def check(self) -> None:
        """Refuse bad input before any query runs, naming the option the admin must fix."""
        check_kind(self.kind)
        if self.fmt not in FORMATS:
            raise ReportInputError(
                "--format", f"--format tidak dikenal: {self.fmt!r} (pilih xlsx, csv atau pdf)"
            )
        if self.csv_delimiter not in CSV_DELIMITERS:
            raise ReportInputError(
                "--csv-delimiter",
                f"--csv-delimiter harus ',' atau ';' (bukan {self.csv_delimiter!r})",
            )
        folder = self.out.parent
        if not folder.is_dir():
            raise ReportInputError("--out", f"--out: folder {folder} tidak ada")
        if self.out.is_dir():
            raise ReportInputError("--out", f"--out: {self.out} adalah folder, bukan berkas")
        if not self.overwrite and self.out.exists():
            raise ReportInputError(
                "--out",
                f"--out: berkas {self.out} sudah ada; pilih nama lain, atau tambahkan --force "
                "untuk menimpanya",
            )


def check_kind(kind: str) -> None:
    if kind not in REPORT_KINDS:
        raise ReportInputError(
            "--kind",
            f"--kind tidak dikenal: {kind!r} (pilih {', '.join(REPORT_KINDS)})",
        )


@dataclass
class ExportResult:
    kind: str
    fmt: str
    out: Path
    period: Period
    rows: dict[str, int]
    counters: list[str]
    generated_at: datetime
    generated_by: str
    seconds: float
    notes: list[str] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "format": self.fmt,
            "out": str(self.out),
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "rows": self.rows,
            "total_rows": self.total_rows,
            "counters": self.counters,
            "generated_at": self.generated_at.isoformat(timespec="seconds"),
            "generated_by": self.generated_by,
            "seconds": round(self.seconds, 3),
            "notes": self.notes,
        }


@dataclass
class Preview:
    """What the Reports screen shows before saving: the heading, key sentences and the charts."""

    heading: Heading
    summary: Summary
    rows: dict[str, int]


def _office_label(workspace: Any) -> str:
    config = workspace.config
    name = str(config.get("office.name") or "").strip()
    code = config.office_code
    return f"{name} ({code})" if name else code


def _who(session: Session, actor: Actor) -> str:
    full = officer_names(session).get(actor.username, "")
    return f"{actor.username} ({full})" if full else actor.username


def _read_session(workspace: Any) -> Session:
    session: Session = workspace.database.session()
    if not workspace.database.is_sqlite:
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    return session


def _check_pdf_writer(request: ExportRequest, pdf_writer: WriterFactory | None) -> None:
    """A PDF without the caller's writer is a programming error: refuse it before any query."""
    if request.fmt == "pdf" and pdf_writer is None:
        raise TypeError(
            "export_report needs pdf_writer for a PDF "
            "(ltsa_desk.printing.report_pdf.PdfReportWriter)"
        )


def _writer(request: ExportRequest, path: Path, pdf_writer: WriterFactory | None) -> ReportWriter:
    if request.fmt == "xlsx":
        # Imported when an XLSX is asked for: xlsxwriter takes about a third of a second to load,
        # and every command-line verb imports this module.
        from ltsa_desk.services.reports.writers_xlsx import XlsxReportWriter

        return XlsxReportWriter(path)
    if request.fmt == "csv":
        return CsvReportWriter(path, request.csv_delimiter)
    assert pdf_writer is not None  # export_report checked it before the query
    return pdf_writer(path)


def _context(
    workspace: Any, period: Period, zone: tzinfo | None, now: datetime | None
) -> KindContext:
    return KindContext(
        period=period,
        zone=zone or local_timezone(),
        now=now or datetime.now(UTC),
        own_counter=workspace.config.counter_id,
    )


def _heading(
    session: Session,
    workspace: Any,
    kind: str,
    plan: ReportPlan,
    context: KindContext,
    actor: Actor,
    training: bool,
) -> Heading:
    return Heading(
        title=KIND_TITLES_ID[kind],
        kind=kind,
        office=_office_label(workspace),
        counters=plan.counters,
        period=context.period,
        generated_at=context.now,
        generated_by=_who(session, actor),
        training=training,
    )


def _stream(
    plan: ReportPlan,
    sink: Callable[[tuple[Any, ...]], None] | None,
    writer: ReportWriter | None,
    progress: Progress | None,
    cancel: CancelFlag | None,
) -> dict[str, int]:
    total = plan.total_rows
    done = 0
    written: dict[str, int] = {}
    if progress is not None:
        progress(0, total)
    for section in plan.sections:
        count = 0
        if writer is not None:
            writer.begin_section(section)
        for row in section.rows():
            if sink is not None:
                sink(row)
            count += 1
            done += 1
            if done % CHECK_EVERY == 0:
                # A large export runs on a thread of the window's process: hand the interpreter
                # lock over now and then, so the window's own Python (paint, timers) gets in.
                time.sleep(0)
                if cancel is not None and cancel.is_set():
                    raise ReportCancelled("Ekspor dibatalkan")
                if progress is not None and done % PROGRESS_EVERY == 0:
                    progress(done, max(total, done))
        if writer is not None:
            writer.end_section(section, count)
        written[section.key] = count
    if progress is not None:
        progress(done, max(total, done))
    return written


def export_report(
    workspace: Any,
    request: ExportRequest,
    actor: Actor,
    *,
    pdf_writer: WriterFactory | None = None,
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
    zone: tzinfo | None = None,
    now: datetime | None = None,
) -> ExportResult:
    """Write the report file and its audit entry; see the module docstring for the guarantees.

    Only an account whose role may export reports (``domain.permissions``): data leaving the
    office, whether the Reports page or `report export` asks. ``pdf_writer`` makes the PDF's
    writer (required for a PDF; the caller's, since services import no printing)."""
    require_role(actor, "report.export")
    request.check()
    _check_pdf_writer(request, pdf_writer)
    started = time.perf_counter()
    context = _context(workspace, request.period, zone, now)
    target = request.out
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    writer: ReportWriter | None = None
    try:
        with _read_session(workspace) as session:
            plan = _KINDS[request.kind](session, context)
            heading = _heading(
                session, workspace, request.kind, plan, context, actor, request.training
            )
            writer = _writer(request, temp, pdf_writer)
            writer.begin(heading, plan)
            rows = _stream(plan, writer.write_row, writer, progress, cancel)
            summary = plan.summarize()
            if cancel is not None and cancel.is_set():
                raise ReportCancelled("Ekspor dibatalkan")
        writer.finish(summary)
        writer = None
        _record_and_place(workspace, request, actor, rows, heading, temp)
    except BaseException:
        if writer is not None:
            writer.abort()
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    return ExportResult(
        kind=request.kind,
        fmt=request.fmt,
        out=target,
        period=request.period,
        rows=rows,
        counters=heading.counters,
        generated_at=context.now,
        generated_by=heading.generated_by,
        seconds=time.perf_counter() - started,
        notes=summary.notes or plan.notes,
    )


def _record_and_place(
    workspace: Any,
    request: ExportRequest,
    actor: Actor,
    rows: dict[str, int],
    heading: Heading,
    temp: Path,
) -> None:
    with workspace.database.write_session() as session:
        audit.record(
            session,
            actor=actor.username,
            action=AUDIT_ACTION,
            entity="report",
            entity_id=request.kind,
            after={
                "kind": request.kind,
                "from": request.period.start,
                "to": request.period.end,
                "format": request.fmt,
                "rows": sum(rows.values()),
                "sections": rows,
                "file": request.out.name,
                "counters": heading.counters,
            },
            counter_id=actor.counter_id,
        )
        session.flush()
        os.replace(temp, request.out)
        try:
            session.commit()
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                request.out.unlink()
            raise


def build_preview(
    workspace: Any,
    kind: str,
    period: Period,
    actor: Actor,
    *,
    cancel: CancelFlag | None = None,
    zone: tzinfo | None = None,
    now: datetime | None = None,
    training: bool = False,
) -> Preview:
    """The summary and charts without writing a file (and so without an audit entry)."""
    check_kind(kind)
    context = _context(workspace, period, zone, now)
    with _read_session(workspace) as session:
        plan = _KINDS[kind](session, context)
        heading = _heading(session, workspace, kind, plan, context, actor, training)
        rows = _stream(plan, None, None, None, cancel)
        summary = plan.summarize()
    return Preview(heading=heading, summary=summary, rows=rows)
