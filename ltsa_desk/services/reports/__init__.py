"""The district admin's reports: placements, documents, sync and outages, as XLSX, CSV or PDF.

``export_report`` is the one entry point the command line and the Reports screen share;
``build_preview`` gives the screen the charts before anything is saved. One module per kind
(``placements``, ``documents``, ``sync_report``, ``outages``) and one per format
(``writers_xlsx``, ``writers_csv``, ``writers_pdf``); see ``base`` for the shape they share.
Qt is loaded only for PDF and charts (``writers_pdf``, ``charts``).
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
    "Summary",
    "SummaryTable",
    "build_preview",
    "check_kind",
    "export_report",
    "parse_report_date",
]
