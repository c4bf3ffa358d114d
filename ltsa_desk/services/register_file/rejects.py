"""Writing the rows an import refused back out, as a CSV the officer fixes and imports again."""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ltsa_desk.services.csv_cells import safe_row
from ltsa_desk.services.register_file.headers import normalise_header
from ltsa_desk.services.register_file.rows import RegisterFile, RegisterRow

# Columns write_rejects appends; dropped from the input columns when a rejects file is itself
# re-imported, so the next rejects file does not grow a second "baris" and "alasan".
_REJECT_COLUMNS = ("baris", "alasan")


def write_rejects(
    path: Path | str,
    register: RegisterFile,
    rejects: Sequence[tuple[RegisterRow, str]],
) -> None:
    """Write rejected rows as a CSV the officer can fix in Excel and import again.

    Columns are the input's columns plus ``baris`` (row number in the input) and ``alasan``
    (reason). UTF-8 with BOM so Excel shows Indonesian names correctly; the input's delimiter is
    kept for CSV input, and ``;`` is used for XLSX input because Indonesian Excel's list
    separator is ``;`` (a ``,`` file opens there as one column). The file
    is written to a temporary file beside ``path`` and moved into place, so an interrupted run
    never leaves a half-written rejects file. ``OSError`` (e.g. the target is open in Excel on
    Windows) is left to the caller.
    """
    path = Path(path)
    keep = [c for c in register.columns if normalise_header(c) not in _REJECT_COLUMNS]
    delimiter = (
        register.delimiter if register.source_format == "csv" and register.delimiter else ";"
    )
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
            # safe_row: a name like =HYPERLINK(...) must not run when the file is opened.
            writer.writerow(safe_row([*keep, *_REJECT_COLUMNS]))
            for row, reason in rejects:
                original = row.original
                cells = [*(original.get(c, "") for c in keep), row.row_number, reason]
                writer.writerow(safe_row(cells))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
