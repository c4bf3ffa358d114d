"""`ltsa-desk doctor`: the technician's one look at whether a counter is healthy.

Unlike start-up, the doctor may be slow: it runs SQLite's full integrity check (and SQLCipher's
page check) and decrypts and re-hashes a sample of attachments. It never changes anything (no
migration, no encryption of an old database, no repair), so it is safe on a sick counter.

Beyond the data folder it looks at what makes a counter fail *later*: free disk space (a full disk
stops intake and backups), a WAL file that keeps growing (a reader that never lets go), the keyring
(no keyring, no database key and no tokens), a token for each configured destination (whether one
is stored, never its value), each destination's health answer (a quick probe with a short
timeout), the clock (a wrong clock breaks TLS certificates and puts wrong dates on letters), the
age of the newest backup, and the age of the oldest submission still waiting.

Each check is ``ok`` or not, with a ``severity``: ``error`` (the counter needs the technician:
exit 1) or ``warning`` (worth knowing, but the counter works on: a destination that is offline is
exactly what the outbox is for). ``--json`` gives every check with its words and facts.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from ltsa_desk.counter import shared_office
from ltsa_desk.counter.config import Config, ConfigError, ConfigKeyringUnavailable
from ltsa_desk.counter.protection import ProtectionState, protection_state, sealed_key_path
from ltsa_desk.store import keys
from ltsa_desk.store.database import Database, DatabaseProblem, head_revision, open_database

ERROR = "error"
WARNING = "warning"

MIN_FREE_BYTES = 500 * 1024 * 1024
"""Below this a day of scans, a backup snapshot or a migration copy may not fit."""
MAX_WAL_BYTES = 256 * 1024 * 1024
"""SQLite folds the WAL back at every checkpoint; one this large means checkpoints are starved."""
MAX_CLOCK_SKEW = timedelta(minutes=5)
EARLIEST_PLAUSIBLE = datetime(2025, 1, 1, tzinfo=UTC)
"""No counter runs before this version existed: a clock before it was reset (dead CMOS battery)."""
MAX_BACKUP_AGE = timedelta(days=3)
"""Daily backups, plus a weekend the office is closed (the backup runs while the app is open)."""
MAX_PENDING_AGE = timedelta(hours=24)
NETWORK_TIMEOUT_S = 2.0
# store.database's refusal to open an outdated schema without migrating it.
_OUTDATED = re.compile(r"perlu diperbarui \((?P<old>[^ ]+) -> (?P<new>[^)]+)\)")


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    facts: dict[str, Any] = field(default_factory=dict)
    """Machine-readable details for --json (e.g. the encryption state), beside the words."""
    severity: str = ERROR
    """How much a failure matters: ``error`` (exit 1) or ``warning`` (reported, exit 0)."""

    @property
    def blocking(self) -> bool:
        """A failed error-level check: the counter needs the technician."""
        return not self.ok and self.severity == ERROR

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ok": self.ok,
            "severity": self.severity,
            "detail": self.detail,
            **self.facts,
        }


def healthy(checks: list[Check]) -> bool:
    return not any(check.blocking for check in checks)


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
            checks.append(_check_keyring())
        return checks
    checks.append(Check("config", True, f"kantor {config.office_code}, loket {config.counter_id}"))
    checks.append(_check_disk_space(config))
    checks.append(_check_keyring())
    checks.extend(_check_credentials(config))
    reachability = _check_reachability(config, timeout) if network else []
    checks.extend(reachability)
    state = protection_state(config)
    checks.append(_check_encryption(config, state))
    key: bytes | None = None
    try:
        if state.encrypted and state.database_id:
            key = keys.load_database_key(state.database_id)
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
        checks.append(_check_clock(reachability, None, now))
        checks.append(_check_backup(config, None, now))
        return checks
    try:
        size = _database_bytes(config)
        checks.append(
            Check(
                "database",
                True,
                f"id {database.info.database_id}"
                + (f", {_size_text(size)}" if size is not None else ""),
                facts={"size_bytes": size},
            )
        )
        checks.append(_check_wal(config))
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
        created = _created_at(database)
        checks.append(_check_clock(reachability, created, now))
        checks.append(_check_backup(config, created, now))
        checks.append(_check_oldest_pending(database))
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
    from ltsa_desk.store.database_blobs import DatabaseBlobStore

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


# --- the counter's surroundings ------------------------------------------------------------------


def _size_text(size: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bita"


def _database_bytes(config: Config) -> int | None:
    from ltsa_desk.store.database import sqlite_path

    path = sqlite_path(config.database_url())
    if path is None or not path.exists():
        return None
    return path.stat().st_size


def _check_disk_space(config: Config) -> Check:
    """Enough room for a day's work, a backup snapshot and a migration copy of the database."""
    usage = shutil.disk_usage(config.data_dir)
    database = _database_bytes(config) or 0
    needed = max(MIN_FREE_BYTES, 2 * database)
    facts = {"free_bytes": usage.free, "total_bytes": usage.total, "needed_bytes": needed}
    if usage.free < needed:
        return Check(
            "disk_space",
            False,
            f"ruang kosong tinggal {_size_text(usage.free)} (perlu paling sedikit "
            f"{_size_text(needed)}): kosongkan disk, atau pindahkan cadangan lama ke drive lain",
            facts,
        )
    return Check(
        "disk_space", True, f"{_size_text(usage.free)} kosong dari {_size_text(usage.total)}", facts
    )


def _check_wal(config: Config) -> Check:
    from ltsa_desk.store.database import sqlite_path

    path = sqlite_path(config.database_url())
    if path is None:
        return Check("wal", True, "PostgreSQL: tidak ada berkas WAL di loket ini")
    wal = Path(f"{path}-wal")
    size = wal.stat().st_size if wal.exists() else 0
    if size > MAX_WAL_BYTES:
        return Check(
            "wal",
            False,
            f"berkas {wal.name} {_size_text(size)}: checkpoint tertahan oleh program yang terus "
            "membaca. Tutup LTSA Desk (dan tugas sinkronisasi terjadwal) lalu buka lagi",
            {"wal_bytes": size},
        )
    return Check("wal", True, _size_text(size) if size else "kosong", {"wal_bytes": size})


def _check_keyring() -> Check:
    """Whether a keyring backend is there (the database key and tokens live nowhere else)."""
    import keyring
    from keyring.backends import fail

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring configuration raises its own errors
        return Check("keyring", False, f"keyring tidak bisa dimuat: {exc}")
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    chosen = bool(os.environ.get("PYTHON_KEYRING_BACKEND"))
    insecure = type(backend).__module__.startswith("keyrings.alt")
    if isinstance(backend, fail.Keyring):
        return Check(
            "keyring",
            False,
            "tidak ada keyring (penyimpanan kredensial): di Windows ini Credential Manager; di "
            "Linux pasang Secret Service, atau pilih backend dengan PYTHON_KEYRING_BACKEND",
            {"backend": name},
        )
    if insecure and not chosen:
        return Check(
            "keyring",
            False,
            f"keyring {name} menyimpan rahasia sebagai berkas biasa dan tidak dipilih dengan "
            "sengaja (PYTHON_KEYRING_BACKEND)",
            {"backend": name},
        )
    detail = name + (" (berkas biasa, dipilih lewat PYTHON_KEYRING_BACKEND)" if insecure else "")
    return Check("keyring", True, detail, {"backend": name})


def _configured(config: Config) -> list[str]:
    from ltsa_desk.technician.connection_test import DESTINATIONS

    return [name for name in DESTINATIONS if config.get(f"{name}.url")]


def _check_credentials(config: Config) -> list[Check]:
    """A token is stored for each configured destination: asked, never read out or shown."""
    from ltsa_desk.technician.connection_test import DESTINATIONS, stored_token

    checks = []
    for name in DESTINATIONS:
        check_name = f"credentials_{name}"
        if not config.get(f"{name}.url"):
            checks.append(
                Check(check_name, True, f"{name}.url belum diatur: kiriman ke sini menunggu")
            )
            continue
        token, problem = stored_token(name, config.office_code)
        present = bool(token)
        del token  # only whether it is there; the value goes nowhere
        if problem is not None:
            checks.append(Check(check_name, False, problem, {"present": None}))
        elif not present:
            checks.append(
                Check(
                    check_name,
                    False,
                    f"token {name} tidak ada di keyring: jalankan 'ltsa-desk credentials set "
                    f"{name} --token-stdin'",
                    {"present": False},
                )
            )
        else:
            checks.append(
                Check(check_name, True, f"token {name} tersimpan di keyring", {"present": True})
            )
    return checks


def _check_reachability(config: Config, timeout: float) -> list[Check]:
    """The health answer of each configured destination, with a short timeout. Offline is a
    warning: submissions wait in the outbox, which is what it is for."""
    from ltsa_desk.technician.connection_test import check_all

    configured = _configured(config)
    if not configured:
        return []
    results = check_all(config, check_token=False, timeout=timeout)
    checks = []
    for result in results:
        if result.destination not in configured:
            continue
        detail = result.detail if result.ok else f"offline: {result.detail}"
        checks.append(
            Check(
                f"reachability_{result.destination}",
                result.ok,
                detail,
                {
                    "url": result.url,
                    "problem": result.problem,
                    "elapsed_ms": result.elapsed_ms,
                    "server_time": result.server_time,
                },
                severity=WARNING,
            )
        )
    return checks


def _created_at(database: Database) -> datetime | None:
    from sqlmodel import select

    from ltsa_desk.store.models import Meta

    try:
        with database.session() as session:
            row = session.exec(select(Meta.value).where(Meta.key == "created_at")).first()
    except DBAPIError:  # a damaged database: the integrity check already says so
        return None
    if not row:
        return None
    try:
        value = datetime.fromisoformat(row)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _check_clock(
    reachability: list[Check], created: datetime | None, now: datetime | None
) -> Check:
    """Against a destination's Date header when one answered; otherwise the plausible range
    (not before this version existed, not before the database was made)."""
    now = now or datetime.now(UTC)
    local = now.astimezone().strftime("%Y-%m-%d %H:%M %Z")
    facts: dict[str, Any] = {"now_utc": now.isoformat(timespec="seconds")}
    for check in reachability:
        server_time = check.facts.get("server_time")
        if not server_time:
            continue
        skew = (now - datetime.fromisoformat(server_time)).total_seconds()
        facts.update(compared_with=check.name.removeprefix("reachability_"), skew_s=round(skew))
        if abs(skew) > MAX_CLOCK_SKEW.total_seconds():
            direction = "lebih cepat" if skew > 0 else "lebih lambat"
            return Check(
                "clock",
                False,
                f"jam PC ini ({local}) {direction} {_duration(abs(skew))} dari jam server "
                f"{facts['compared_with']}: setel tanggal, jam dan zona waktu Windows (sertifikat "
                "TLS dan tanggal surat bergantung padanya)",
                facts,
            )
        return Check(
            "clock",
            True,
            f"{local}; selisih dengan server {facts['compared_with']} {round(skew)} detik",
            facts,
        )
    floor = max(
        EARLIEST_PLAUSIBLE, (created - timedelta(hours=1)) if created else EARLIEST_PLAUSIBLE
    )
    if now < floor or now.year > 2100:
        return Check(
            "clock",
            False,
            f"jam PC ini ({local}) tidak masuk akal (sebelum {floor:%Y-%m-%d}, saat basis data "
            "atau versi ini dibuat): setel tanggal dan jam Windows; baterai CMOS mungkin habis",
            facts,
        )
    return Check("clock", True, f"{local} (tidak ada server untuk pembanding)", facts)


def _duration(seconds: float) -> str:
    """Whole minutes rounded down, as the window's status bar says them (ui/line_status.py):
    the technician and the officer must read the same wait."""
    if seconds >= 86_400:
        return f"{seconds / 86_400:.1f} hari"
    if seconds >= 3_600:
        return f"{seconds / 3_600:.1f} jam"
    if seconds < 60:
        return "kurang dari 1 menit"
    return f"{int(seconds // 60)} menit"


def _check_backup(config: Config, created: datetime | None, now: datetime | None) -> Check:
    from ltsa_desk.technician.backup import backup_folder, newest_backup

    now = now or datetime.now(UTC)
    folder = backup_folder(config)
    newest = newest_backup(config)
    facts: dict[str, Any] = {"folder": str(folder)}
    if newest is None:
        young = created is not None and now - created < MAX_BACKUP_AGE
        where = f"di {folder}"
        if not folder.is_dir() and folder != config.data_dir / "backups":
            where += " (folder tidak ada: drive USB dicabut atau share jaringan terputus?)"
        if young:
            return Check(
                "backup",
                True,
                f"belum ada cadangan {where}; loket baru: cadangan harian dibuat setelah petugas "
                "masuk, atau jalankan 'ltsa-desk backup'",
                facts,
            )
        return Check(
            "backup",
            False,
            f"tidak ada cadangan {where}: jalankan 'ltsa-desk backup' dan periksa backup.folder",
            facts,
        )
    age = newest.age(now)
    facts.update(newest=newest.path.name, age_hours=round(age.total_seconds() / 3600, 1))
    if age > MAX_BACKUP_AGE:
        return Check(
            "backup",
            False,
            f"cadangan terbaru {newest.path.name} sudah {_duration(age.total_seconds())}: "
            "cadangan harian tidak berjalan (folder cadangan tersambung?); jalankan "
            "'ltsa-desk backup'",
            facts,
        )
    return Check(
        "backup",
        True,
        f"terbaru {newest.path.name} ({_duration(age.total_seconds())} lalu)",
        facts,
    )


def _check_oldest_pending(database: Database) -> Check:
    """How long the oldest submission has waited: a day means the line (or a credential) is
    down for long; the officer's screens say so too, this is the technician's number."""
    from ltsa_desk.technician.connection_test import DESTINATIONS
    from sync import ledger

    ages: dict[str, float] = {}
    try:
        with database.session() as session:
            for name in DESTINATIONS:
                age = ledger.oldest_open_age_s(session, name)
                if age is not None:
                    ages[name] = age
    except DBAPIError as exc:
        return Check("oldest_pending", False, f"antrean tidak bisa dibaca: {exc.orig}")
    if not ages:
        return Check("oldest_pending", True, "tidak ada kiriman yang menunggu", {"age_s": None})
    name, age = max(ages.items(), key=lambda item: item[1])
    facts = {"age_s": round(age), "destination": name}
    text = f"kiriman tertua ke {name} menunggu {_duration(age)}"
    if age > MAX_PENDING_AGE.total_seconds():
        return Check(
            "oldest_pending",
            False,
            f"{text}: periksa jalur internet dan token ('ltsa-desk credentials test')",
            facts,
            severity=WARNING,
        )
    return Check("oldest_pending", True, text, facts)
