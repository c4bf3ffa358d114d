"""The suite's table, as printed and as Markdown (for the README): one row per figure."""

from __future__ import annotations

from benchlib import Figure


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(figures: list[Figure]) -> str:
    rows = [("figure", "value", "unit", "baseline", "ratio", "target", "result")]
    for figure in figures:
        result = {True: "pass", False: "MISS", None: "-"}[figure.ok]
        if figure.value is None and figure.ok is None:
            result = "n/a"
        if figure.note.startswith("error"):
            result = "ERROR"
        rows.append(
            (
                figure.name,
                _number(figure.value),
                figure.unit,
                _number(figure.baseline),
                "-" if figure.ratio is None else f"{figure.ratio:.2f}",
                figure.target,
                result,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.ljust(widths[i]) if i in (0, 2, 5, 6) else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(figures: list[Figure]) -> str:
    lines = [
        "| figure | value | baseline | ratio | target | result |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for figure in figures:
        result = {True: "pass", False: "**miss**", None: "-"}[figure.ok]
        if figure.value is None and figure.ok is None:
            result = "n/a"
        unit = f" {figure.unit}" if figure.unit else ""
        value = "-" if figure.value is None else f"{_number(figure.value)}{unit}"
        baseline = "-" if figure.baseline is None else f"{_number(figure.baseline)}{unit}"
        share = "-" if figure.ratio is None else f"{figure.ratio:.2f}"
        lines.append(
            f"| `{figure.name}` | {value} | {baseline} | {share} | {figure.target} | {result} |"
        )
    return "\n".join(lines)
