"""The sync queue in the officer's words: what kind a submission is, why the remote refused it,
and why one has not left yet.

``services.sync_queue`` hands over a refusal as the remote's status and text; an officer needs
what is wrong and what to do, never a bare status code (UX.md). Refusals are put
in words on the runner with the page's query (``QCoreApplication.translate`` is safe off the GUI
thread). Their
translation contexts stay "SyncBridge" and "SyncPage", where they were first written: the .ts
files key on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ltsa_desk.services import waiting
from ltsa_desk.services.sync_queue import PASSPORT_APPLICATION, REGISTER, UPDATE, RefusedItem
from ltsa_desk.services.validation import FIELD_LABELS_ID
from ltsa_desk.services.waiting import WaitingItem

translate = QCoreApplication.translate


@dataclass(frozen=True)
class AttentionItem:
    """One refused submission as the officer sees it: who, what, where, and why in words."""

    key: str
    applicant_id: str  # the item's chain: str(applicant.id)
    applicant_name: str
    tracking_code: str
    nik: str
    destination: str
    kind: str
    kind_label: str
    reason: str  # the remote's reason in words, for the officer
    remote_reason: str  # the remote's own text, for the technician's tooltip
    since: str | None  # ISO time of the refusal


def kind_label(kind: str) -> str:
    if kind == REGISTER:
        return translate("SyncBridge", "Pendaftaran")
    if kind == UPDATE:
        return translate("SyncBridge", "Perbaikan data")
    if kind == PASSPORT_APPLICATION:
        return translate("SyncBridge", "Permohonan paspor")
    return kind


_HTTP_MENTION = re.compile(r"\s*\(HTTP \d{3}\)")
_ALREADY_REGISTERED = re.compile(r"already registered under registry id (\S+)", re.IGNORECASE)


def refusal_in_words(destination: str, status: int | None, reason: str | None) -> str:
    """The remote's refusal as an officer can act on it: what is wrong and what to do.

    Never a bare status code (UX.md). Field errors keep the remote's own words but name the field
    the officer sees on the form.
    """
    text = _HTTP_MENTION.sub("", (reason or "").strip())
    conflict = _ALREADY_REGISTERED.search(text)
    if conflict or status == 409:
        number = conflict.group(1).rstrip(".;,") if conflict else "-"
        return translate(
            "SyncBridge",
            "NIK ini sudah terdaftar di Registri pusat (nomor {number}) dengan nama atau "
            "tanggal lahir yang berbeda. Periksa KTP CPMI, lalu perbaiki datanya.",
        ).format(number=number)
    if "registry_id" in text and status is None:
        return translate(
            "SyncBridge",
            "Menunggu nomor Registri pusat CPMI ini. Pastikan pendaftarannya ke Registri "
            "pusat sudah terkirim, lalu kirim ulang.",
        )
    fields = []
    for part in text.split(";"):
        name, sep, message = part.strip().partition(":")
        if sep and name.strip() in FIELD_LABELS_ID:
            fields.append(f"{FIELD_LABELS_ID[name.strip()]} ({message.strip()})")
    if fields:
        return translate("SyncBridge", "Data ditolak. Periksa dan perbaiki: {fields}.").format(
            fields=", ".join(fields)
        )
    if text:
        return translate("SyncBridge", "Ditolak oleh server tujuan: {reason}").format(reason=text)
    return translate("SyncBridge", "Ditolak oleh server tujuan tanpa alasan. Hubungi teknisi.")


def attention_item(item: RefusedItem) -> AttentionItem:
    """A refused submission with its kind and the refusal in words."""
    return AttentionItem(
        key=item.key,
        applicant_id=item.applicant_id,
        applicant_name=item.applicant_name,
        tracking_code=item.tracking_code,
        nik=item.nik,
        destination=item.destination,
        kind=item.kind,
        kind_label=kind_label(item.kind),
        reason=refusal_in_words(item.destination, item.last_status, item.last_error),
        remote_reason=_HTTP_MENTION.sub("", item.last_error or ""),
        since=item.since,
    )


# Why a submission has not left, in the officer's words (`services.waiting` codes); marked for
# the translation tools, looked up where shown.
_WAITING_REASONS = {
    waiting.SENDING: QT_TRANSLATE_NOOP("SyncPage", "Sedang dikirim"),
    waiting.PAUSED: QT_TRANSLATE_NOOP(
        "SyncPage", "Ditunda: kredensial tujuan ditolak - hubungi teknisi"
    ),
    waiting.OFFLINE: QT_TRANSLATE_NOOP(
        "SyncPage", "Sambungan ke tujuan terputus; terkirim sendiri saat tersambung"
    ),
    waiting.AFTER_PREVIOUS: QT_TRANSLATE_NOOP(
        "SyncPage", "Menunggu kiriman sebelumnya untuk CPMI ini terkirim"
    ),
    waiting.RETRYING: QT_TRANSLATE_NOOP(
        "SyncPage", "Percobaan terakhir gagal; dicoba lagi otomatis"
    ),
    waiting.QUEUED: QT_TRANSLATE_NOOP("SyncPage", "Dalam antrean"),
}


def waiting_reason(item: WaitingItem) -> str:
    """Why a submission has not left, in the window's language."""
    source = _WAITING_REASONS.get(item.reason)
    return item.reason if source is None else QCoreApplication.translate("SyncPage", source)
