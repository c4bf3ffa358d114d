"""Charts painted with QPainter: the same drawing for the PDF (into an image) and for the Reports
screen's preview (onto the widget), so what the admin previews is what gets printed.

This is the one Qt module of the reports package besides the PDF writer, and it is imported only
when a PDF is written or a preview is shown: XLSX and CSV exports (and the command line) never
load Qt for them. No matplotlib: Qt is already in the installer, and a second plotting stack would
add tens of MB to every counter PC for a few bar charts.

Every bar carries its number and every colour its word in a legend: colour alone never carries
meaning (UX.md).
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from ltsa_desk.services.reports.base import SummaryTable, decimal_id, thousands_id

PALETTE = ("#1f5f8b", "#e08e0b", "#4a8f3c", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d")
TEXT = QColor("#222222")
GRID = QColor("#d0d5db")
FONT_FAMILIES = ["Arial", "Liberation Sans", "Arimo", "DejaVu Sans", "Sans Serif"]


def _font(pixel_size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    return font


def _number(value: float, is_int: bool, places: int = 1) -> str:
    # A gridline between two whole numbers keeps its decimals: 2.5 is not "2" (or "3").
    whole = is_int and float(value).is_integer()
    return thousands_id(round(value)) if whole else decimal_id(value, places)


def _places(step: float) -> int:
    """Decimals that show every multiple of ``step`` exactly (0.25 needs two, not one)."""
    for places in range(1, 7):
        if abs(round(step, places) - step) < 1e-9:
            return places
    return 6


def _nice_step(top: float, is_int: bool = False) -> float:
    """A round gridline step giving four or five lines up to ``top``.

    Counts take whole steps only: a 2.5 step over whole numbers printed 0, 2, 5, 8, 10.
    """
    if top <= 0:
        return 1.0
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if is_int and not float(step).is_integer():
            continue
        if raw <= step:
            return step
    return 10 * magnitude


def axis_labels(top_value: float, is_int: bool) -> list[str]:
    """The value axis's labels, bottom to top, as the PDF and the window's preview draw them."""
    step = _nice_step(top_value, is_int)
    axis_top = step * math.ceil(top_value / step) if top_value > 0 else 1.0
    places = _places(step)
    return [_number(k * step, is_int, places) for k in range(round(axis_top / step) + 1)]


def _series(table: SummaryTable) -> tuple[list[str], list[tuple[str, list[float]]], bool]:
    spec = table.chart
    assert spec is not None
    rows = table.chart_rows()
    categories = [str(row[spec.category_column]) for row in rows]
    series = [
        (table.columns[c].title, [float(row[c] or 0) for row in rows]) for c in spec.value_columns
    ]
    is_int = all(table.columns[c].kind == "int" for c in spec.value_columns)
    return categories, series, is_int


def paint_chart(
    painter: QPainter, rect: QRectF, table: SummaryTable, *, with_title: bool = True
) -> None:
    """Paint ``table``'s chart into ``rect`` (white background, title on top unless the page
    already shows it above the chart, as the PDF does)."""
    if table.chart is None:
        return
    unit = max(8.0, min(rect.height() / 22, rect.width() / 40))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(rect, QColor("white"))
    painter.setPen(TEXT)
    painter.setFont(_font(unit * 1.15, bold=True))
    title_height = unit * 2 if with_title else unit * 0.5
    if with_title:
        painter.drawText(
            QRectF(rect.left(), rect.top(), rect.width(), title_height),
            Qt.AlignmentFlag.AlignCenter,
            table.chart_title(),
        )
    body = QRectF(
        rect.left() + unit * 0.5,
        rect.top() + title_height,
        rect.width() - unit,
        rect.height() - title_height - unit * 0.5,
    )
    categories, series, is_int = _series(table)
    total = sum(sum(values) for _, values in series)
    if not categories or total <= 0:
        painter.setFont(_font(unit))
        painter.drawText(body, Qt.AlignmentFlag.AlignCenter, "Tidak ada data")
        painter.restore()
        return
    if len(series) > 1:
        body = _legend(painter, body, [name for name, _ in series], unit)
    kind = table.chart.kind
    if kind == "pie":
        _pie(painter, body, categories, series[0][1], unit, is_int)
    elif kind == "bar":
        _bars(painter, body, categories, series, unit, is_int)
    else:
        _columns(painter, body, categories, series, unit, is_int)
    painter.restore()


def _legend(painter: QPainter, body: QRectF, names: list[str], unit: float) -> QRectF:
    painter.setFont(_font(unit * 0.9))
    metrics = QFontMetricsF(painter.font())
    x = body.left()
    y = body.top()
    for index, name in enumerate(names):
        width = unit * 1.4 + metrics.horizontalAdvance(name) + unit
        painter.fillRect(
            QRectF(x, y + unit * 0.2, unit, unit), QColor(PALETTE[index % len(PALETTE)])
        )
        painter.setPen(TEXT)
        painter.drawText(QPointF(x + unit * 1.4, y + unit), name)
        x += width
    return QRectF(body.left(), body.top() + unit * 1.8, body.width(), body.height() - unit * 1.8)


def _columns(
    painter: QPainter,
    body: QRectF,
    categories: list[str],
    series: list[tuple[str, list[float]]],
    unit: float,
    is_int: bool,
) -> None:
    label_font = _font(unit * 0.85)
    metrics = QFontMetricsF(label_font)
    top_value = max(max(values) for _, values in series)
    step = _nice_step(top_value, is_int)
    axis_top = step * math.ceil(top_value / step) if top_value > 0 else 1.0
    axis_width = metrics.horizontalAdvance(_number(axis_top, is_int)) + unit * 0.6
    rotate = len(categories) > 8 or any(
        metrics.horizontalAdvance(c) > body.width() / max(1, len(categories)) for c in categories
    )
    label_height = (
        min(body.height() * 0.35, max(metrics.horizontalAdvance(c) for c in categories) * 0.75)
        + unit
        if rotate
        else unit * 1.6
    )
    plot = QRectF(
        body.left() + axis_width,
        body.top() + unit * 1.2,
        body.width() - axis_width,
        body.height() - label_height - unit * 1.2,
    )
    painter.setFont(label_font)
    _value_grid(painter, plot, axis_top, step, is_int, vertical=True, unit=unit)
    group = plot.width() / len(categories)
    bar = group * 0.75 / len(series)
    for i, category in enumerate(categories):
        x0 = plot.left() + i * group + group * 0.125
        for s, (_name, values) in enumerate(series):
            value = values[i]
            height = plot.height() * value / axis_top
            box = QRectF(x0 + s * bar, plot.bottom() - height, bar * 0.92, height)
            painter.fillRect(box, QColor(PALETTE[s % len(PALETTE)]))
            if value and bar > metrics.horizontalAdvance("0") * 1.2:
                painter.setPen(TEXT)
                text = _number(value, is_int)
                painter.drawText(
                    QRectF(
                        box.left() - unit * 2,
                        box.top() - unit * 1.2,
                        box.width() + unit * 4,
                        unit * 1.1,
                    ),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    text,
                )
        painter.setPen(TEXT)
        centre = plot.left() + i * group + group / 2
        if rotate:
            painter.save()
            painter.translate(centre, plot.bottom() + unit * 0.4)
            painter.rotate(-45)
            text = metrics.elidedText(category, Qt.TextElideMode.ElideRight, label_height * 1.3)
            painter.drawText(QPointF(-metrics.horizontalAdvance(text), metrics.ascent() / 2), text)
            painter.restore()
        else:
            painter.drawText(
                QRectF(centre - group / 2, plot.bottom() + unit * 0.3, group, unit * 1.2),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                metrics.elidedText(category, Qt.TextElideMode.ElideRight, group),
            )


def _bars(
    painter: QPainter,
    body: QRectF,
    categories: list[str],
    series: list[tuple[str, list[float]]],
    unit: float,
    is_int: bool,
) -> None:
    label_font = _font(unit * 0.85)
    metrics = QFontMetricsF(label_font)
    top_value = max(max(values) for _, values in series)
    step = _nice_step(top_value, is_int)
    axis_top = step * math.ceil(top_value / step) if top_value > 0 else 1.0
    label_width = min(body.width() * 0.32, max(metrics.horizontalAdvance(c) for c in categories))
    value_room = metrics.horizontalAdvance(_number(top_value, is_int)) + unit
    plot = QRectF(
        body.left() + label_width + unit * 0.5,
        body.top(),
        body.width() - label_width - unit * 0.5 - value_room,
        body.height() - unit * 1.4,
    )
    painter.setFont(label_font)
    _value_grid(painter, plot, axis_top, step, is_int, vertical=False, unit=unit)
    group = plot.height() / len(categories)
    bar = group * 0.75 / len(series)
    for i, category in enumerate(categories):
        y0 = plot.top() + i * group + group * 0.125
        painter.setPen(TEXT)
        painter.drawText(
            QRectF(body.left(), plot.top() + i * group, label_width, group),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(category, Qt.TextElideMode.ElideRight, label_width),
        )
        for s, (_name, values) in enumerate(series):
            value = values[i]
            width = plot.width() * value / axis_top
            box = QRectF(plot.left(), y0 + s * bar, width, bar * 0.92)
            painter.fillRect(box, QColor(PALETTE[s % len(PALETTE)]))
            if bar >= metrics.height() * 0.8:
                painter.setPen(TEXT)
                painter.drawText(
                    QRectF(box.right() + unit * 0.3, box.top(), value_room, box.height()),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    _number(value, is_int),
                )


def _value_grid(
    painter: QPainter,
    plot: QRectF,
    axis_top: float,
    step: float,
    is_int: bool,
    *,
    vertical: bool,
    unit: float,
) -> None:
    metrics = QFontMetricsF(painter.font())
    places = _places(step)
    lines = round(axis_top / step)
    for k in range(lines + 1):
        value = k * step
        painter.setPen(QPen(GRID, max(1.0, unit / 12)))
        if vertical:
            y = plot.bottom() - plot.height() * value / axis_top
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(TEXT)
            text = _number(value, is_int, places)
            painter.drawText(
                QPointF(
                    plot.left() - metrics.horizontalAdvance(text) - unit * 0.3,
                    y + metrics.ascent() / 3,
                ),
                text,
            )
        else:
            x = plot.left() + plot.width() * value / axis_top
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(TEXT)
            text = _number(value, is_int, places)
            painter.drawText(
                QPointF(x - metrics.horizontalAdvance(text) / 2, plot.bottom() + unit * 1.1), text
            )
    painter.setPen(QPen(TEXT, max(1.0, unit / 10)))
    if vertical:
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    else:
        painter.drawLine(plot.topLeft(), plot.bottomLeft())


def _pie(
    painter: QPainter,
    body: QRectF,
    categories: list[str],
    values: list[float],
    unit: float,
    is_int: bool,
) -> None:
    total = sum(values)
    size = min(body.height(), body.width() * 0.45)
    circle = QRectF(body.left() + unit, body.top() + (body.height() - size) / 2, size, size)
    angle = 90 * 16
    painter.setPen(QPen(QColor("white"), max(1.0, unit / 8)))
    for index, value in enumerate(values):
        span = -round(360 * 16 * value / total)
        painter.setBrush(QColor(PALETTE[index % len(PALETTE)]))
        painter.drawPie(circle, angle, span)
        angle += span
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setFont(_font(unit * 0.9))
    metrics = QFontMetricsF(painter.font())
    x = circle.right() + unit * 1.5
    line = unit * 1.6
    y = body.top() + max(0.0, (body.height() - line * len(values)) / 2)
    for index, (category, value) in enumerate(zip(categories, values, strict=True)):
        painter.fillRect(
            QRectF(x, y + unit * 0.25, unit, unit), QColor(PALETTE[index % len(PALETTE)])
        )
        painter.setPen(TEXT)
        text = f"{category}: {_number(value, is_int)} ({decimal_id(100 * value / total)}%)"
        painter.drawText(
            QPointF(x + unit * 1.5, y + unit * 1.05),
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, body.right() - x - unit * 1.5),
        )
        y += line


def chart_image(
    table: SummaryTable, width: int = 1600, height: int = 800, *, with_title: bool = True
) -> QImage:
    """The chart as an image (for the PDF): painting into a QImage is safe off the GUI thread."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_chart(painter, QRectF(0, 0, width, height), table, with_title=with_title)
    finally:
        painter.end()
    return image


def charted(tables: list[SummaryTable]) -> list[SummaryTable]:
    """The tables that have a chart with something to show."""
    return [t for t in tables if t.chart is not None and _has_values(t)]


def _has_values(table: SummaryTable) -> bool:
    spec = table.chart
    assert spec is not None
    rows: list[Any] = table.chart_rows()
    return any((row[c] or 0) > 0 for row in rows for c in spec.value_columns)
