"""`ltsa-desk doctor`: the technician's one look at whether a counter is healthy.

Unlike start-up, the doctor may be slow: it runs SQLite's full integrity check (and SQLCipher's
page check) and decrypts and re-hashes a sample of attachments. It never changes anything (no
migration, no encryption of an old database, no repair), so it is safe on a sick counter.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from ltsa_desk.config import Config, ConfigError
from ltsa_desk.protection import ProtectionState, protection_state, sealed_key_path
from ltsa_desk.store import keys
from ltsa_desk.store.database import DatabaseProblem, head_revision, open_database


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    facts: dict[str, Any] = field(default_factory=dict)
    """Machine-readable details for --json (e.g. the encryption state), beside the words."""

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail, **self.facts}


def run_checks(data_dir: Path) -> list[Check]:
    checks: list[Check] = []
    if not data_dir.is_dir():
        return [Check("data_dir", False, f"folder data tidak ada: {data_dir}")]
    writable = os.access(data_dir, os.W_OK)
    checks.append(
        Check(
            "data_dir", writable, str(data_dir) if writable else f"tidak bisa ditulisi: {data_dir}"
        )
    )
    try:
        config = Config.load(data_dir)
        missing = [key for key in ("office.code", "counter.id") if not config.get(key)]
        if missing:
            raise ConfigError(f"belum diisi: {', '.join(missing)}")
    except ConfigError as exc:
        checks.append(Check("config", False, str(exc)))
        return checks
    checks.append(Check("config", True, f"kantor {config.office_code}, loket {config.counter_id}"))
    state = protection_state(config)
    checks.append(_check_encryption(config, state))
    key: bytes | None = None
    try:
        if state.encrypted and state.database_id:
            key = keys.load_database_key(state.database_id)
        database = open_database(config.database_url(), migrate=False, key=key)
    except DatabaseProblem as exc:
        checks.append(Check("database", False, str(exc)))
        return checks
    try:
        checks.append(Check("database", True, f"id {database.info.database_id}"))
        head = head_revision()
        checks.append(
            Check(
                "migrations",
                database.info.revision == head,
                f"skema {database.info.revision} (terbaru {head})",
            )
        )
        try:
            problems = database.integrity_problems()
        except DBAPIError as exc:  # a damaged page can stop the check itself
            problems = [f"basis data rusak: {exc.orig}"]
        checks.append(
            Check("integrity", not problems, "ok" if not problems else "; ".join(problems[:5]))
        )
        checks.append(_check_office(config, database.info.office_code))
        found = key or _find_key(database.info.database_id)
        attachments_key = (
            keys.attachments_key(found, database.info.database_id) if found else None
        )
        checks.append(_check_attachments(data_dir / "attachments", attachments_key))
    finally:
        database.close()
    return checks


def _find_key(database_id: str) -> bytes | None:
    try:
        return keys.find_database_key(database_id)
    except DatabaseProblem:
        return None


def _check_encryption(config: Config, state: ProtectionState) -> Check:
    """Encrypted or not, key in this account's keyring, sealed copy beside the database."""
    problems: list[str] = []
    if state.engine == "postgresql":
        parts = [
            "PostgreSQL: dilindungi server kantor (enkripsi disk dan TLS, lihat README); "
            "lampiran di PC ini terenkripsi"
        ]
    elif state.encrypted is None:
        parts = ["basis data tidak ditemukan"]
    elif state.encrypted:
        parts = ["terenkripsi (SQLCipher, AES-256)"]
    else:
        parts = ["TIDAK terenkripsi"]
        problems.append(
            "basis data lama belum terenkripsi: jalankan perintah apa saja (mis. 'ltsa-desk "
            "applicant list') atau buka aplikasi, maka basis data dienkripsi sekali"
        )
    if state.keyring_problem:
        problems.append(state.keyring_problem)
    if state.key_in_keyring:
        parts.append("kunci ada di keyring")
    elif state.key_in_keyring is False and (state.encrypted or state.engine == "postgresql"):
        parts.append("kunci TIDAK ada di keyring")
        problems.append("jalankan 'ltsa-desk recover --recovery-key KUNCI-PEMULIHAN'")
    if state.sealed_key:
        parts.append(f"salinan kunci tersegel ada ({sealed_key_path(config).name})")
    elif state.encrypted or state.engine == "postgresql":
        parts.append("salinan kunci tersegel TIDAK ada")
        problems.append(
            "tanpa salinan tersegel kunci pemulihan tidak berguna: jalankan "
            "'ltsa-desk new-recovery-key' dan cetak kunci pemulihan yang baru"
        )
    if state.recovery_key_pending:
        parts.append("kunci pemulihan belum pernah ditampilkan")
        problems.append("jalankan 'ltsa-desk new-recovery-key' dan cetak kunci pemulihannya")
    detail = "; ".join(parts)
    if problems:
        detail += " -- " + "; ".join(problems)
    return Check("encryption", not problems, detail, facts=state.as_dict())


def _check_office(config: Config, office_code: str) -> Check:
    same = office_code == config.office_code
    return Check(
        "office",
        same,
        office_code
        if same
        else f"basis data milik {office_code}, konfigurasi menyebut {config.office_code}",
    )


def _check_attachments(root: Path, key: bytes | None, sample: int = 200) -> Check:
    from ltsa_desk.store.attachments import AttachmentStore
    from ltsa_desk.store.encrypted_attachments import EncryptedAttachmentStore

    if not root.exists():
        return Check("attachments", True, "belum ada lampiran")
    if key is None:
        return Check("attachments", False, "lampiran tidak bisa diperiksa: kunci tidak ada")
    store: AttachmentStore = EncryptedAttachmentStore(root, key)
    bad: list[str] = []
    seen = 0
    for digest in store.iter_all():
        if seen >= sample:
            break
        seen += 1
        if not store.verify(digest):
            bad.append(digest[:12])
    if bad:
        return Check("attachments", False, f"{len(bad)} lampiran rusak: {', '.join(bad[:5])}")
    return Check("attachments", True, f"{seen} lampiran diperiksa")
