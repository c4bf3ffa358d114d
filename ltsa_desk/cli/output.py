"""What the command says and reads: exit codes, refusals, the one JSON object, stderr messages.

Every verb module takes these from here (never from the entry module), so the verbs and the entry
point import in one direction. The rules they carry: exit 0 done, 1 a check found problems,
2 bad input or usage, 3 items still wait, 4 items need attention; with ``--json`` exactly one JSON
object goes to stdout, and errors and progress go to stderr in plain words; secrets (passwords,
tokens, keys) come from stdin or a hidden prompt, never from argv.

The streams must also survive the Windows code page. On Windows, when ``ltsa-desk-cli`` writes to
a pipe or a file (a technician's ``doctor > doctor.txt``, a deployment script, the installer's
silent ``init``, the scheduled sync whose windowed program writes to the null device), Python
encodes its output in the ANSI code page (cp1252 on Indonesian and English Windows), not UTF-8. An
applicant's name with a letter outside it (``Nguyễn``, a P3MI's name pasted from a web page), or
an arrow in a status line, then raised UnicodeEncodeError and the verb died after its work was
done, with exit 1 and a traceback. Such a character is now written as a backslash escape
(``\\u1ec5``), which keeps every other byte as it was and keeps ``--json`` output valid JSON that
decodes to the exact name (:func:`tolerate_narrow_code_page`).
"""

from __future__ import annotations

import codecs
import getpass
import io
import json
import sys
from typing import Any

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
EXIT_PENDING = 3
EXIT_ATTENTION = 4


class CliError(Exception):
    """A refusal to report on stderr (and as JSON with --json), with its exit code."""

    def __init__(self, message: str, *, code: int = EXIT_BAD_INPUT, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.field = field


def emit_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def say(message: str) -> None:
    """Progress and errors: stderr, so stdout stays clean for --json."""
    print(message, file=sys.stderr, flush=True)


def read_stdin_line(
    what: str, *, field: str | None = None, allow_empty: bool = True, strip: bool = False
) -> str:
    """One secret from the first line of stdin (passwords, tokens, keys never go on argv)."""
    line = sys.stdin.readline()
    value = line.strip() if strip else line.rstrip("\r\n")
    if not line or (not allow_empty and not value):
        raise CliError(f"{what} tidak terbaca dari stdin (kosong)", field=field)
    return value


def read_password(username: str) -> str:
    """An account's password: typed at a hidden prompt on a terminal, else the first line of
    stdin (a script or the installer pipes it; never on the command line, where other users of
    the PC could read it)."""
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        return getpass.getpass(f"Kata sandi {username}: ")
    line = stdin.readline() if stdin is not None else ""
    password = line.rstrip("\r\n")
    if not password:
        raise CliError(
            f"Kata sandi akun {username} tidak terbaca: berikan di baris pertama stdin. "
            "Tidak ada yang diubah.",
            field="password",
        )
    return password


def print_recovery_key(recovery_key: str, database_id: str, stream: Any) -> None:
    """The recovery key with what it is for, in words a technician can act on."""
    stream.write(
        "\n"
        f"KUNCI PEMULIHAN (recovery key) basis data {database_id}:\n"
        "\n"
        f"    {recovery_key}\n"
        "\n"
        "Cetak atau tulis kunci pemulihan ini sekarang dan simpan di tempat aman, jauh dari PC "
        "ini.\nKunci ini hanya ditampilkan sekali. Data CPMI di PC ini terenkripsi; di PC baru "
        "atau setelah\nakun Windows berganti, data hanya bisa dibuka lagi dengan:\n"
        "    ltsa-desk recover --recovery-key KUNCI-PEMULIHAN\n"
        "\n"
    )
    stream.flush()


def tolerate_narrow_code_page() -> None:
    """Make stdout and stderr escape what their encoding cannot write instead of failing.

    A UTF-8 stream (Linux, a Windows console, ``PYTHONUTF8=1``) is left alone: it can write
    everything. Only streams in a failing default are changed: ``strict``, and
    ``surrogateescape``, which Python picks when the locale says "C" (wine's does) and which
    still fails on a letter the code page lacks.
    """
    for stream in (sys.stdout, sys.stderr):
        failing = stream.errors in ("strict", "surrogateescape")
        if not isinstance(stream, io.TextIOWrapper) or not failing:
            continue
        try:
            if codecs.lookup(stream.encoding).name == "utf-8":
                continue
        except LookupError:
            pass
        stream.reconfigure(errors="backslashreplace")
