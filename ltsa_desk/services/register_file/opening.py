"""Opening a register file and choosing its reader by content, not by its name.

Offices rename files freely (and some web systems export HTML with an ``.xls`` name), so a ZIP
signature means XLSX, an OLE2 signature means legacy ``.xls`` or a password-protected workbook
(refused with advice to re-save), and anything else is tried as delimited text. Every failure to
open the file becomes a :class:`RegisterFileError` the officer can read.
"""

from __future__ import annotations

from pathlib import Path

from ltsa_desk.services.register_file import limits
from ltsa_desk.services.register_file.delimited import read_delimited
from ltsa_desk.services.register_file.rows import RegisterFile, RegisterFileError
from ltsa_desk.services.register_file.workbook import read_xlsx

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")


def read_register(path: Path | str) -> RegisterFile:
    """Read a register file, choosing CSV or XLSX by the file's first bytes.

    Raises :class:`RegisterFileError` (never another exception type) whenever the file cannot
    be read as a register, including when it cannot be opened at all, so the CLI can show the
    message as-is.
    """
    path = Path(path)
    max_bytes = limits.MAX_FILE_BYTES
    try:
        if path.is_dir():  # checked up front: Windows reports opening a folder as access denied
            raise IsADirectoryError(path)
        size = path.stat().st_size
        if size > max_bytes:
            raise RegisterFileError(
                f"File terlalu besar ({size // (1024 * 1024)} MB); "
                f"batas {max_bytes // (1024 * 1024)} MB."
            )
        with path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(_ZIP_MAGIC):
                return read_xlsx(fh)
            if head.startswith(_EMPTY_ZIP_MAGIC):
                raise RegisterFileError("File ZIP kosong, bukan file Excel (.xlsx) atau CSV.")
            fh.seek(0)
            data = fh.read(max_bytes + 1)
    except RegisterFileError:
        raise
    except IsADirectoryError as exc:
        raise RegisterFileError(f"'{path}' adalah folder, bukan file register.") from exc
    except FileNotFoundError as exc:
        raise RegisterFileError(f"File tidak ditemukan: {path}") from exc
    except PermissionError as exc:
        raise RegisterFileError(
            f"File tidak dapat dibuka (akses ditolak): {path}. "
            "Jika file sedang terbuka di Excel, tutup dulu lalu coba lagi."
        ) from exc
    except OSError as exc:
        raise RegisterFileError(f"File tidak dapat dibaca: {path} ({exc.strerror or exc})") from exc

    if data.startswith(_OLE_MAGIC):
        if _OLE_ENCRYPTION_MARK in data:
            raise RegisterFileError(
                "File Excel ini dilindungi kata sandi. Buka di Excel, hapus kata sandinya, "
                "lalu simpan sebagai .xlsx atau CSV."
            )
        raise RegisterFileError(
            "File Excel format lama (.xls) tidak didukung. Buka di Excel lalu simpan sebagai "
            "'Excel Workbook (.xlsx)' atau 'CSV'."
        )
    if len(data) > max_bytes:  # the file grew after stat()
        raise RegisterFileError(f"File terlalu besar; batas {max_bytes // (1024 * 1024)} MB.")
    return read_delimited(data)
