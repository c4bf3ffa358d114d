"""The district admin's reports: placements, documents, sync and outages, as XLSX, CSV or PDF.

``export_report`` is the one entry point the command line and the Reports screen share;
``build_preview`` gives the screen the charts before anything is saved. One module per kind
(``placements``, ``documents``, ``sync_report``, ``outages``) and one per format
(``writers_xlsx``, ``writers_csv``); see ``base`` for the shape they share. The PDF writer and
the charts need Qt, so they live in ``ltsa_desk.printing`` (``report_pdf``, ``report_charts``) and
the caller hands the PDF writer in (``export_report(..., pdf_writer=PdfReportWriter)``): services
import no printing.
"""

from __future__ import annotations

from ltsa_desk.services.reports.base import (
    CSV_DELIMITERS,
    FORMATS,
    KIND_TITLES_ID,
    PDF_DETAIL_LIMIT,
    REPORT_KINDS,
    Period,
    ReportCancelled,
    ReportInputError,
    Summary,
    SummaryTable,
    parse_report_date,
)
from ltsa_desk.services.reports.export import (
    AUDIT_ACTION,
    ExportRequest,
    ExportResult,
    Preview,
    ReportWriter,
    WriterFactory,
    build_preview,
    check_kind,
    export_report,
)

__all__ = [
    "AUDIT_ACTION",
    "CSV_DELIMITERS",
    "FORMATS",
    "KIND_TITLES_ID",
    "PDF_DETAIL_LIMIT",
    "REPORT_KINDS",
    "ExportRequest",
    "ExportResult",
    "Period",
    "Preview",
    "ReportCancelled",
    "ReportInputError",
    "ReportWriter",
    "Summary",
    "SummaryTable",
    "WriterFactory",
    "build_preview",
    "check_kind",
    "export_report",
    "parse_report_date",
]
