"""The doctor's round: every check in the order a technician reads them, and the data folder's own.

The round opens the database read-only in spirit (no migration, no encryption, no repair) and
checks what is in the data folder: the configuration, the encryption and its keys, the database's
integrity and schema, a sample of attachments. What lies around the counter (disk, keyring,
destinations, clock, backups, waiting submissions) is in :mod:`.surroundings`.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from ltsa_desk.counter import keyring_home, shared_office
from ltsa_desk.counter.config import Config, ConfigError, ConfigKeyringUnavailable
from ltsa_desk.counter.protection import ProtectionState, protection_state, sealed_key_path
from ltsa_desk.store import keys
from ltsa_desk.store.database import Database, DatabaseProblem, head_revision, open_database
from ltsa_desk.store.database_blobs import DatabaseBlobStore
from ltsa_desk.store.encrypted_attachments import EncryptedAttachmentStore
from ltsa_desk.technician.doctor.check import Check, size_text
from ltsa_desk.technician.doctor.surroundings import (
    check_autovacuum,
    check_backup,
    check_clock,
    check_credentials,
    check_disk_space,
    check_keyring,
    check_oldest_pending,
    check_reachability,
    check_wal,
    created_at,
    database_bytes,
)

NETWORK_TIMEOUT_S = 2.0
# store.database's refusal to open an outdated schema without migrating it.
_OUTDATED = re.compile(r"perlu diperbarui \((?P<old>[^ ]+) -> (?P<new>[^)]+)\)")


def run_checks(
    data_dir: Path,
    *,
    network: bool = True,
    timeout: float = NETWORK_TIMEOUT_S,
    now: datetime | None = None,
) -> list[Check]:
    """Every check, in the order a technician reads them. ``network=False`` skips the probes
    (and the clock comparison with a destination): for callers that must stay offline."""
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
        # A changed file (its seal does not match) stops here: its values are not used, not
        # even to probe the destinations it names.
        checks.append(Check("config", False, str(exc)))
        if isinstance(exc, ConfigKeyringUnavailable):
            checks.append(check_keyring())
        return checks
    checks.append(Check("config", True, f"kantor {config.office_code}, loket {config.counter_id}"))
    checks.append(check_disk_space(config))
    checks.append(check_keyring())
    checks.extend(check_credentials(config))
    reachability = check_reachability(config, timeout) if network else []
    checks.extend(reachability)
    state = protection_state(config)
    checks.append(_check_encryption(config, state))
    key: bytes | None = None
    try:
        if state.encrypted and state.database_id:
            key = keyring_home.load_database_key(state.database_id)
        database = open_database(
            config.database_url(),
            migrate=False,
            key=key,
            connect_args=shared_office.connect_args(config),
        )
    except DatabaseProblem as exc:
        outdated = _OUTDATED.search(str(exc))
        if outdated is not None:
            # Opens fine, only its schema is behind: the next start migrates it (after a copy).
            checks.append(
                Check(
                    "migrations",
                    False,
                    f"skema {outdated['old']} belum diperbarui ke {outdated['new']}: buka LTSA "
                    "Desk (atau jalankan 'ltsa-desk applicant list') sekali; salinan basis data "
                    "dibuat otomatis sebelum pembaruan",
                )
            )
        else:
            checks.append(Check("database", False, str(exc)))
        checks.append(check_clock(reachability, None, now))
        checks.append(check_backup(config, None, now))
        return checks
    try:
        size = database_bytes(config)
        checks.append(
            Check(
                "database",
                True,
                f"id {database.info.database_id}"
                + (f", {size_text(size)}" if size is not None else ""),
                facts={"size_bytes": size},
            )
        )
        checks.append(check_wal(config))
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
        if database.is_sqlite:
            found = key or _find_key(database.info.database_id)
            attachments_key = (
                keys.attachments_key(found, database.info.database_id) if found else None
            )
            checks.append(_check_attachments(data_dir / "attachments", attachments_key))
        else:
            checks.append(_check_office_attachments(database))
            checks.append(check_autovacuum(database))
        created = created_at(database)
        checks.append(check_clock(reachability, created, now))
        checks.append(check_backup(config, created, now))
        checks.append(check_oldest_pending(database))
    finally:
        database.close()
    return checks


def _find_key(database_id: str) -> bytes | None:
    try:
        return keyring_home.find_database_key(database_id)
    except DatabaseProblem:
        return None


def _check_encryption(config: Config, state: ProtectionState) -> Check:
    """Encrypted or not, key in this account's keyring, sealed copy beside the database."""
    problems: list[str] = []
    if state.engine == "postgresql":
        # A desk of a shared office keeps nothing of the office on its disk (attachments are in
        # the office database): no key, no sealed copy, no recovery key to check.
        return Check(
            "encryption",
            True,
            "PostgreSQL: dilindungi server kantor (enkripsi disk, TLS, pg_hba; lihat README); "
            "tidak ada data kantor di PC ini",
            facts=state.as_dict(),
        )
    if state.encrypted is None:
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
    elif state.key_in_keyring is False and state.encrypted:
        parts.append("kunci TIDAK ada di keyring")
        problems.append("jalankan 'ltsa-desk recover --recovery-key KUNCI-PEMULIHAN'")
    if state.sealed_key:
        parts.append(f"salinan kunci tersegel ada ({sealed_key_path(config).name})")
    elif state.encrypted:
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


def _check_office_attachments(database: Database, sample: int = 200) -> Check:
    """A shared office's attachments, in its database: a sample re-hashed, like the files."""
    store = DatabaseBlobStore(database.engine)
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
    return Check("attachments", True, f"{seen} lampiran di basis data kantor diperiksa")


def _check_attachments(root: Path, key: bytes | None, sample: int = 200) -> Check:
    if not root.exists():
        return Check("attachments", True, "belum ada lampiran")
    if key is None:
        return Check("attachments", False, "lampiran tidak bisa diperiksa: kunci tidak ada")
    store = EncryptedAttachmentStore(root, key)
    bad: list[str] = []
    seen = 0
    for digest in store.iter_all():
        if seen >= sample:
            break
        seen += 1
        if not store.verify(digest):
            # the file's keyed name, which the technician finds on disk; the plaintext digest
            # would confirm a known scan to whoever reads doctor's report
            bad.append(store.keyed_name(digest)[:12])
    if bad:
        return Check("attachments", False, f"{len(bad)} lampiran rusak: {', '.join(bad[:5])}")
    return Check("attachments", True, f"{seen} lampiran diperiksa")
