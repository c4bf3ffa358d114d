"""The summary pages of a report's PDF: A4 portrait, laid out by a QTextDocument from HTML.

Heading, key sentences, summary tables and their charts (painted by QPainter into images); a
heading is kept with what follows it, since QTextDocument has no "keep with next".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QTextCursor, QTextDocument, QTextFormat

from ltsa_desk.printing.report_charts import FONT_FAMILIES, chart_image, charted
from ltsa_desk.printing.report_pdf.cells import cell_text, escaped
from ltsa_desk.services.reports.base import (
    Column,
    DetailSection,
    Heading,
    ReportPlan,
    Summary,
    thousands_id,
)

CHART_PIXELS = (1500, 720)


CSS = """
body { color: #222222; }
h1 { font-size: 15pt; margin-bottom: 2px; }
h2 { font-size: 12pt; margin-top: 10px; margin-bottom: 4px; }
h3 { font-size: 10.5pt; margin-top: 12px; margin-bottom: 4px; }
table.data { border-collapse: collapse; border-color: #9aa5b1; }
table.data th { background-color: #e8eef4; font-weight: bold; }
td.n { text-align: right; }
table.data td { padding-left: 3px; padding-right: 3px; }
p.note { font-style: italic; }
"""


def summary_document(
    heading: Heading,
    plan: ReportPlan,
    summary: Summary,
    sections: list[tuple[DetailSection, list[tuple[Any, ...]], int]],
) -> QTextDocument:
    """The summary pages: heading, notes, summary tables with their charts, the detail list."""
    document = new_document(9.5)
    parts = [f"<h1>{escaped(heading.title)}</h1>"]
    if heading.training:
        parts.append("<p><b>MODE LATIHAN: data latihan, bukan data CPMI yang nyata.</b></p>")
    parts.append('<table cellspacing="0" cellpadding="2">')
    for label, value in heading.lines():
        parts.append(f"<tr><td><b>{escaped(label)}</b></td><td>{escaped(value)}</td></tr>")
    parts.append("</table>")
    notes = summary.notes or plan.notes
    if notes:
        parts.append("<ul>" + "".join(f"<li>{escaped(n)}</li>" for n in notes) + "</ul>")
    with_chart = {id(t) for t in charted(summary.tables)}
    for index, table in enumerate(summary.tables):
        parts.append(f"<h3>{escaped(table.title)}</h3>")
        if id(table) in with_chart:
            name = f"chart-{index}.png"
            document.addResource(
                QTextDocument.ResourceType.ImageResource,
                QUrl(name),
                chart_image(table, *CHART_PIXELS, with_title=table.chart_title() != table.title),
            )
            parts.append(f'<p><img src="{name}" width="600" height="288"></p>')
        parts.append(table_html(table.columns, table.rows))
    if sections:
        parts.append("<h3>Rincian</h3><ul>")
        for section, rows, written in sections:
            parts.append(f"<li>{escaped(section.title)}: {thousands_id(written)} baris")
            if written > len(rows):
                parts.append(f" (dicetak {thousands_id(len(rows))} baris pertama)")
            parts.append("</li>")
        parts.append("</ul>")
    document.setHtml("".join(parts))
    return document


def new_document(point_size: float) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentMargin(0)
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(point_size)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(CSS)
    return document


def table_html(columns: list[Column], rows: list[tuple[Any, ...]]) -> str:
    """A summary table as HTML; codes, dates and numbers are kept on one line."""
    head = "".join(f"<th>{escaped(c.title)}</th>" for c in columns)
    opening = [
        ('<td class="n" style="white-space: nowrap">' if c.kind in ("int", "number") else "<td>")
        if c.wraps or c.kind in ("int", "number")
        else '<td style="white-space: nowrap">'
        for c in columns
    ]
    body = []
    for row in rows:
        cells = "".join(
            f"{start}{escaped(cell_text(v, c))}</td>"
            for v, c, start in zip(row, columns, opening, strict=True)
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        '<table class="data" border="1" cellspacing="0" cellpadding="2">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def keep_headings_with_content(document: QTextDocument, page_height: float) -> None:
    """Move a summary heading to the next page when its chart (or the first lines of its table)
    would not fit under it: a title alone at the foot of a page, its chart overleaf, reads badly.

    QTextDocument has no "keep with next"; the layout is asked where each heading and the block
    after it fall, and a page break is set before the heading when they fall on different pages.
    Headings are handled top to bottom, each after the layout of the breaks above it.
    """
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 3:
            following = block.next()
            top = layout.blockBoundingRect(block).top()
            bottom = layout.blockBoundingRect(following).bottom() if following.isValid() else top
            # A table cell's block reports its place inside the cell; keep a few lines instead.
            bottom = max(bottom, top + layout.blockBoundingRect(block).height() * 7)
            if int(top // page_height) != int((bottom - 1) // page_height):
                cursor = QTextCursor(block)
                fmt = block.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.setBlockFormat(fmt)
        block = block.next()
