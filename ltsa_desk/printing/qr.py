"""QR codes of tracking codes, as PNG bytes (segno; no Qt).

The QR holds only the tracking code: it lets any LTSA desk, or the immigration officer reading a
hand-carried application, open the record without typing, and it carries no personal data if the
paper is lost. Error correction M survives a crease or a poor photocopy.
"""

from __future__ import annotations

import io

import segno

__all__ = ["qr_png"]


def qr_png(text: str, *, scale: int = 10) -> bytes:
    """A PNG of ``text`` as a QR code, ``scale`` pixels per module, with the standard quiet zone.

    Large modules keep the code sharp when the PDF viewer or printer scales the image.
    """
    code = segno.make(text, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
