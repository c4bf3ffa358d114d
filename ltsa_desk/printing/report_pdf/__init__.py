"""PDF: a printable A4 report made by Qt itself, with the charts painted by QPainter into images.
No other PDF or plotting library rides along.

The summary pages (heading, key sentences, summary tables, charts) are A4 portrait, laid out by a
QTextDocument from HTML. The detail pages are A4 landscape, because fifteen columns of CPMI data
do not fit across a portrait page, and are painted as a table directly with QPainter: a
QTextDocument table of 1,000 rows by 15 columns took some ten seconds to lay out and left the
column widths to chance, where the painted table is measured first (codes, dates and numbers on
one line, words wrapping) and cut into pages before the first one is drawn. At most the first
:data:`PDF_DETAIL_LIMIT` rows of each detail table are printed, with a sentence saying so and
pointing to the XLSX, so a year's report never turns into a thousand-page PDF (the rows still
stream past, for the counts). Every page carries a footer with the report, the period and
"Halaman i dari n"; in training mode, LATIHAN across every page.

Needs a QGuiApplication (fonts); it may run off the GUI thread, like the letters' PDFs.

One module per job: ``writer`` (the report writer and the file: page sizes, footer, watermark),
``summary_pages``, ``detail_pages`` and ``cells`` (how a value is printed).
"""

from __future__ import annotations

from ltsa_desk.printing.report_pdf.writer import PdfReportWriter

__all__ = ["PdfReportWriter"]
