"""The command's output must survive the Windows code page.

Why: on Windows, when ``ltsa-desk-cli`` writes to a pipe or a file (a technician's
``doctor > doctor.txt``, a deployment script, the installer's silent ``init``, the scheduled sync
whose windowed program writes to the null device), Python encodes its output in the ANSI code page
(cp1252 on Indonesian and English Windows), not UTF-8. An applicant's name with a letter outside
it (``Nguyễn``, a P3MI's name pasted from a web page), or an arrow in a status line, then raised
UnicodeEncodeError and the verb died after its work was done, with exit 1 and a traceback. Such a
character is now written as a backslash escape (``\\u1ec5``), which keeps every other byte as it
was and keeps ``--json`` output valid JSON that decodes to the exact name.
"""

from __future__ import annotations

import codecs
import io
import sys

__all__ = ["tolerate_narrow_code_page"]


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
