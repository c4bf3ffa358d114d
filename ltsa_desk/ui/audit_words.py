"""The audit log in the admin's words: what an action, a kind of record and a recorded field are
called, and an entry's values before and after as lines an admin reads.

The services record codes (`report.export`, `counters: []`): a programmer's words (issue 18). The
window says them in its language; the raw entry stays in the detail's tooltip for a technician.
The words are marked for the translation tools in the "AuditPage" context, where the .ts files
keep them.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ltsa_desk.services.audit_search import AuditEntry
from ltsa_desk.ui.intake_fields import FIELD_LABELS as APPLICANT_FIELD_LABELS


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditPage", text)


# Indonesian words for the actions the application records (the code stays in the tooltip),
# marked for the translation tools; looked up with `_tr` where shown.
ACTION_LABELS = {
    "user.add": QT_TRANSLATE_NOOP("AuditPage", "Pengguna ditambahkan"),
    "user.password": QT_TRANSLATE_NOOP("AuditPage", "Kata sandi diganti"),
    "user.signin": QT_TRANSLATE_NOOP("AuditPage", "Masuk"),
    "user.signin_failed": QT_TRANSLATE_NOOP("AuditPage", "Gagal masuk"),
    "user.locked": QT_TRANSLATE_NOOP("AuditPage", "Akun dikunci sementara"),
    "user.lock": QT_TRANSLATE_NOOP("AuditPage", "Layar dikunci"),
    "user.unlock": QT_TRANSLATE_NOOP("AuditPage", "Kunci layar dibuka"),
    "user.signout": QT_TRANSLATE_NOOP("AuditPage", "Keluar"),
    "user.disable": QT_TRANSLATE_NOOP("AuditPage", "Akun dinonaktifkan"),
    "user.enable": QT_TRANSLATE_NOOP("AuditPage", "Akun diaktifkan"),
    "applicant.register": QT_TRANSLATE_NOOP("AuditPage", "CPMI didaftarkan"),
    "applicant.import": QT_TRANSLATE_NOOP("AuditPage", "CPMI diimpor dari register"),
    "applicant.update": QT_TRANSLATE_NOOP("AuditPage", "Data CPMI diperbaiki"),
    "applicant.state": QT_TRANSLATE_NOOP("AuditPage", "Status kasus berubah"),
    "applicant.remote_status": QT_TRANSLATE_NOOP("AuditPage", "Status dari Imigrasi"),
    "applicant.skip_order": QT_TRANSLATE_NOOP("AuditPage", "Urutan kasus dilewati (admin)"),
    "document.attach": QT_TRANSLATE_NOOP("AuditPage", "Dokumen diterima"),
    "document.verify": QT_TRANSLATE_NOOP("AuditPage", "Dokumen diperiksa"),
    "document.reject": QT_TRANSLATE_NOOP("AuditPage", "Dokumen ditolak"),
    "letter.issue": QT_TRANSLATE_NOOP("AuditPage", "Surat diterbitkan"),
    "letter.reprint": QT_TRANSLATE_NOOP("AuditPage", "Surat dicetak ulang"),
    "letter.void": QT_TRANSLATE_NOOP("AuditPage", "Surat dibatalkan"),
    "register.import": QT_TRANSLATE_NOOP("AuditPage", "Register diimpor"),
    "agency.add": QT_TRANSLATE_NOOP("AuditPage", "P3MI ditambahkan"),
    "bundle.secret": QT_TRANSLATE_NOOP("AuditPage", "Rahasia bundel diatur"),
    "bundle.export": QT_TRANSLATE_NOOP("AuditPage", "Bundel USB diekspor"),
    "bundle.upload": QT_TRANSLATE_NOOP("AuditPage", "Bundel USB diunggah"),
    "bundle.receipts": QT_TRANSLATE_NOOP("AuditPage", "Tanda terima bundel diimpor"),
    "report.export": QT_TRANSLATE_NOOP("AuditPage", "Laporan diekspor"),
    "restore.move": QT_TRANSLATE_NOOP("AuditPage", "Cadangan dipindah ke loket ini"),
    "config.adopt": QT_TRANSLATE_NOOP("AuditPage", "Konfigurasi mulai disegel"),
    "config.accept": QT_TRANSLATE_NOOP("AuditPage", "Perubahan konfigurasi disetujui"),
}


ENTITY_LABELS = {
    "officer": QT_TRANSLATE_NOOP("AuditPage", "Pengguna"),
    "applicant": QT_TRANSLATE_NOOP("AuditPage", "CPMI"),
    "document": QT_TRANSLATE_NOOP("AuditPage", "Dokumen"),
    "letter": QT_TRANSLATE_NOOP("AuditPage", "Surat"),
    "register": QT_TRANSLATE_NOOP("AuditPage", "Register"),
    "agency": QT_TRANSLATE_NOOP("AuditPage", "P3MI"),
    "bundle": QT_TRANSLATE_NOOP("AuditPage", "Bundel USB"),
    "credentials": QT_TRANSLATE_NOOP("AuditPage", "Kredensial"),
    "report": QT_TRANSLATE_NOOP("AuditPage", "Laporan"),
    "counter": QT_TRANSLATE_NOOP("AuditPage", "Loket"),
}

# The fields the services write into an entry's before/after (besides a CPMI's own fields, which
# take the intake form's words). The window is Indonesian: `counters: []` or `report.export` is
# a programmer's word (issue 18); the raw entry stays in the detail's tooltip for a technician.
FIELD_LABELS = {
    "active": QT_TRANSLATE_NOOP("AuditPage", "Aktif"),
    "applicant_id": QT_TRANSLATE_NOOP("AuditPage", "ID CPMI"),
    "bundle_id": QT_TRANSLATE_NOOP("AuditPage", "ID bundel"),
    "by_destination": QT_TRANSLATE_NOOP("AuditPage", "Per tujuan"),
    "counter_id": QT_TRANSLATE_NOOP("AuditPage", "Loket"),
    "counters": QT_TRANSLATE_NOOP("AuditPage", "Loket"),
    "created_at": QT_TRANSLATE_NOOP("AuditPage", "Dibuat"),
    "delivered": QT_TRANSLATE_NOOP("AuditPage", "Terkirim"),
    "file": QT_TRANSLATE_NOOP("AuditPage", "Berkas"),
    "format": QT_TRANSLATE_NOOP("AuditPage", "Format"),
    "from": QT_TRANSLATE_NOOP("AuditPage", "Dari tanggal"),
    "has_password": QT_TRANSLATE_NOOP("AuditPage", "Punya kata sandi"),
    "issued_on": QT_TRANSLATE_NOOP("AuditPage", "Tanggal terbit"),
    "items": QT_TRANSLATE_NOOP("AuditPage", "Jumlah kiriman"),
    "keys": QT_TRANSLATE_NOOP("AuditPage", "Kunci konfigurasi"),
    "kind": QT_TRANSLATE_NOOP("AuditPage", "Jenis"),
    "media_type": QT_TRANSLATE_NOOP("AuditPage", "Jenis berkas"),
    "name": QT_TRANSLATE_NOOP("AuditPage", "Nama"),
    "note": QT_TRANSLATE_NOOP("AuditPage", "Catatan"),
    "number": QT_TRANSLATE_NOOP("AuditPage", "Nomor"),
    "office_code": QT_TRANSLATE_NOOP("AuditPage", "Kode kantor"),
    "origin_counter": QT_TRANSLATE_NOOP("AuditPage", "Loket asal"),
    "origin_database": QT_TRANSLATE_NOOP("AuditPage", "Basis data asal"),
    "origin_office": QT_TRANSLATE_NOOP("AuditPage", "Kantor asal"),
    "reason": QT_TRANSLATE_NOOP("AuditPage", "Alasan"),
    "receipts": QT_TRANSLATE_NOOP("AuditPage", "Tanda terima"),
    "refused": QT_TRANSLATE_NOOP("AuditPage", "Ditolak"),
    "rejection_reason": QT_TRANSLATE_NOOP("AuditPage", "Alasan penolakan"),
    "remote_status": QT_TRANSLATE_NOOP("AuditPage", "Status dari Imigrasi"),
    "revoked": QT_TRANSLATE_NOOP("AuditPage", "Dicabut"),
    "role": QT_TRANSLATE_NOOP("AuditPage", "Peran"),
    "rows": QT_TRANSLATE_NOOP("AuditPage", "Jumlah baris"),
    "sections": QT_TRANSLATE_NOOP("AuditPage", "Baris per bagian"),
    "sha256": QT_TRANSLATE_NOOP("AuditPage", "Sidik berkas (SHA-256)"),
    "skipped": QT_TRANSLATE_NOOP("AuditPage", "Langkah yang dilewati"),
    "state": QT_TRANSLATE_NOOP("AuditPage", "Status kasus"),
    "status": QT_TRANSLATE_NOOP("AuditPage", "Status"),
    "title": QT_TRANSLATE_NOOP("AuditPage", "Judul"),
    "to": QT_TRANSLATE_NOOP("AuditPage", "Sampai tanggal"),
    "tracking_code": QT_TRANSLATE_NOOP("AuditPage", "Kode pelacakan"),
    "uploaded_by": QT_TRANSLATE_NOOP("AuditPage", "Diunggah oleh"),
    "uploader": QT_TRANSLATE_NOOP("AuditPage", "Pengunggah"),
    "username": QT_TRANSLATE_NOOP("AuditPage", "Nama pengguna"),
    "valid_until": QT_TRANSLATE_NOOP("AuditPage", "Berlaku sampai"),
    "verified": QT_TRANSLATE_NOOP("AuditPage", "Terverifikasi"),
    "waiting": QT_TRANSLATE_NOOP("AuditPage", "Menunggu"),
    "warnings_confirmed": QT_TRANSLATE_NOOP("AuditPage", "Peringatan yang dikonfirmasi"),
}


_YES = QT_TRANSLATE_NOOP("AuditPage", "ya")
_NO = QT_TRANSLATE_NOOP("AuditPage", "tidak")


def field_word(key: str) -> str:
    """A field of an entry in the window's words; an unknown key is shown as recorded."""
    if key in FIELD_LABELS:
        return _tr(FIELD_LABELS[key])
    if key in APPLICANT_FIELD_LABELS:
        return QCoreApplication.translate("IntakePage", APPLICANT_FIELD_LABELS[key])
    return key


def action_labels() -> dict[str, str]:
    return {action: _tr(text) for action, text in ACTION_LABELS.items()}


def entity_labels() -> dict[str, str]:
    return {entity: _tr(text) for entity, text in ENTITY_LABELS.items()}


def local_time(value: str) -> str:
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return value
    return when.astimezone().strftime("%d-%m-%Y %H:%M:%S")


def _plain(value: Any) -> str:
    """A recorded value as words: lists joined, nested fields named, yes/no, "-" for nothing."""
    if isinstance(value, bool):
        return _tr(_YES) if value else _tr(_NO)
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value) if value else "-"
    if isinstance(value, dict):
        if not value:
            return "-"
        return ", ".join(f"{field_word(str(k))} {_plain(v)}" for k, v in sorted(value.items()))
    return "-" if value is None or value == "" else str(value)


def raw_values(entry: AuditEntry) -> str:
    """The entry as recorded (codes and JSON), for a technician reading over the officer's
    shoulder: shown in the detail's tooltip, never as the detail itself."""
    raw = {"action": entry.action, "before": entry.before, "after": entry.after}
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, indent=1)


def describe_values(entry: AuditEntry) -> str:
    """Before and after, one field a line, changed fields as `before -> after`."""
    before, after = entry.before or {}, entry.after or {}
    if not before and not after:
        return QCoreApplication.translate("AuditPage", "Tidak ada rincian nilai untuk catatan ini.")
    lines = []
    for key in sorted(set(before) | set(after)):
        word = field_word(key)
        if key in before and key in after:
            if before[key] == after[key]:
                lines.append(f"{word}: {_plain(after[key])}")
            else:
                lines.append(f"{word}: {_plain(before[key])} \u2192 {_plain(after[key])}")
        elif key in after:
            lines.append(f"{word}: {_plain(after[key])}")
        else:
            lines.append(
                QCoreApplication.translate("AuditPage", "{key}: {value} (dihapus)").format(
                    key=word, value=_plain(before[key])
                )
            )
    return "\n".join(lines)
