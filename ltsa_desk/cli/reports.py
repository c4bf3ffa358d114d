"""`ltsa-desk report export`: the admin's reports from the command line.

The options are checked here, before the data folder is opened, so a mistyped date or kind costs
nothing and exits 2 with a message naming the option (also as ``{"error": {"field": ...}}`` with
``--json``). The work itself is ``services.reports.export_report``, shared with the Reports
screen, which also writes the audit entry: a report is data leaving the office.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ltsa_desk.cli.context import acting_account, open_counter
from ltsa_desk.cli.output import EXIT_OK, CliError, emit_json, say
from ltsa_desk.services.reports import (
    ExportRequest,
    Period,
    ReportInputError,
    ReportWriter,
    check_kind,
    export_report,
)
from ltsa_desk.services.reports.base import KIND_TITLES_ID, thousands_id


def _request(args: argparse.Namespace) -> ExportRequest:
    try:
        check_kind(args.kind)
        period = Period.parse(args.date_from, args.date_to)
        request = ExportRequest(
            kind=args.kind,
            period=period,
            fmt=str(args.fmt).lower(),
            out=Path(args.out).expanduser().absolute(),
            csv_delimiter=args.csv_delimiter,
            overwrite=bool(getattr(args, "force", False)),
        )
        request.check()
    except ReportInputError as exc:
        raise CliError(exc.message, field=exc.field.lstrip("-").replace("-", "_")) from exc
    return request


def _ensure_gui_application() -> None:
    """A PDF needs Qt's fonts, hence a QGuiApplication; the command line has no window.

    On a Linux machine without a display Qt's offscreen platform is chosen; a Windows counter uses
    its normal platform (no window is ever shown).
    """
    # Imported here for start-up time: only a PDF needs Qt, and Qt costs most of a second.
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    global _APP
    _APP = QGuiApplication(sys.argv[:1])


_APP: object | None = None


def _pdf_writer(path: Path) -> ReportWriter:
    """The PDF's writer, handed to ``export_report``: it is printing's, and services import none."""
    # Imported here for start-up time: the PDF writer loads Qt, which only a PDF needs.
    from ltsa_desk.printing.report_pdf import PdfReportWriter

    return PdfReportWriter(path)


def report_export(args: argparse.Namespace) -> int:
    request = _request(args)
    if request.fmt == "pdf":
        _ensure_gui_application()
    with open_counter(args) as workspace:
        actor = acting_account(workspace, args)
        result = export_report(workspace, request, actor, pdf_writer=_pdf_writer)
    if args.json:
        emit_json(result.as_dict())
    for note in result.notes:
        say(note)
    say(
        f"{KIND_TITLES_ID.get(request.kind, request.kind)} ({request.period.label}) "
        f"ditulis ke {result.out}: "
        f"{thousands_id(result.total_rows)} baris rincian, {result.seconds:.1f} detik."
    )
    return EXIT_OK
