"""What makes a counter fail later, looked at by the doctor: the counter's surroundings.

Free disk space (a full disk stops intake and backups), a WAL file that keeps growing (a reader
that never lets go), the keyring (no keyring, no database key and no tokens), a token for each
configured destination (whether one is stored, never its value), each destination's health answer,
the clock, the age of the newest backup, the age of the oldest submission still waiting, and on a
shared office's server whether autovacuum keeps up with the register.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from ltsa_desk.counter import keyring_home
from ltsa_desk.counter.config import Config
from ltsa_desk.store.database import Database, sqlite_path
from ltsa_desk.store.models import Meta
from ltsa_desk.technician.backup import backup_folder, newest_backup
from ltsa_desk.technician.connection_test import DESTINATIONS, check_all, stored_token
from ltsa_desk.technician.doctor.check import WARNING, Check, duration, size_text
from sync import ledger

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


def database_bytes(config: Config) -> int | None:
    path = sqlite_path(config.database_url())
    if path is None or not path.exists():
        return None
    return path.stat().st_size


def check_disk_space(config: Config) -> Check:
    """Enough room for a day's work, a backup snapshot and a migration copy of the database."""
    usage = shutil.disk_usage(config.data_dir)
    database = database_bytes(config) or 0
    needed = max(MIN_FREE_BYTES, 2 * database)
    facts = {"free_bytes": usage.free, "total_bytes": usage.total, "needed_bytes": needed}
    if usage.free < needed:
        return Check(
            "disk_space",
            False,
            f"ruang kosong tinggal {size_text(usage.free)} (perlu paling sedikit "
            f"{size_text(needed)}): kosongkan disk, atau pindahkan cadangan lama ke drive lain",
            facts,
        )
    return Check(
        "disk_space", True, f"{size_text(usage.free)} kosong dari {size_text(usage.total)}", facts
    )


def check_wal(config: Config) -> Check:
    path = sqlite_path(config.database_url())
    if path is None:
        return Check("wal", True, "PostgreSQL: tidak ada berkas WAL di loket ini")
    wal = Path(f"{path}-wal")
    size = wal.stat().st_size if wal.exists() else 0
    if size > MAX_WAL_BYTES:
        return Check(
            "wal",
            False,
            f"berkas {wal.name} {size_text(size)}: checkpoint tertahan oleh program yang terus "
            "membaca. Tutup LTSA Desk (dan tugas sinkronisasi terjadwal) lalu buka lagi",
            {"wal_bytes": size},
        )
    return Check("wal", True, size_text(size) if size else "kosong", {"wal_bytes": size})


def check_keyring() -> Check:
    """Whether a keyring backend is there (the database key and tokens live nowhere else)."""
    try:
        backend = keyring_home.backend_facts()
    except Exception as exc:  # a broken keyring configuration raises its own errors
        return Check("keyring", False, f"keyring tidak bisa dimuat: {exc}")
    name = backend.name
    chosen = backend.chosen
    insecure = backend.insecure
    if backend.failing:
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


def configured_destinations(config: Config) -> list[str]:
    return [name for name in DESTINATIONS if config.get(f"{name}.url")]


def check_credentials(config: Config) -> list[Check]:
    """A token is stored for each configured destination: asked, never read out or shown."""
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


def check_reachability(config: Config, timeout: float) -> list[Check]:
    """The health answer of each configured destination, with a short timeout. Offline is a
    warning: submissions wait in the outbox, which is what it is for."""
    configured = configured_destinations(config)
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


def created_at(database: Database) -> datetime | None:
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


def check_clock(reachability: list[Check], created: datetime | None, now: datetime | None) -> Check:
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
                f"jam PC ini ({local}) {direction} {duration(abs(skew))} dari jam server "
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


def check_backup(config: Config, created: datetime | None, now: datetime | None) -> Check:
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
            f"cadangan terbaru {newest.path.name} sudah {duration(age.total_seconds())}: "
            "cadangan harian tidak berjalan (folder cadangan tersambung?); jalankan "
            "'ltsa-desk backup'",
            facts,
        )
    return Check(
        "backup",
        True,
        f"terbaru {newest.path.name} ({duration(age.total_seconds())} lalu)",
        facts,
    )


def check_oldest_pending(database: Database) -> Check:
    """How long the oldest submission has waited: a day means the line (or a credential) is
    down for long; the officer's screens say so too, this is the technician's number."""
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
    text = f"kiriman tertua ke {name} menunggu {duration(age)}"
    if age > MAX_PENDING_AGE.total_seconds():
        return Check(
            "oldest_pending",
            False,
            f"{text}: periksa jalur internet dan token ('ltsa-desk credentials test')",
            facts,
            severity=WARNING,
        )
    return Check("oldest_pending", True, text, facts)


_AUTOVACUUM_SETTINGS = (
    "SELECT current_setting('autovacuum'), "
    "coalesce((SELECT option_value FROM pg_options_to_table(reloptions) "
    "WHERE option_name = 'autovacuum_enabled'), 'on') "
    "FROM pg_class WHERE oid = CAST('applicant' AS regclass)"
)

_POSTGRES_TRUE = {"on", "true", "yes", "1", "t", "y"}
"""How a boolean table option may be written (it is kept as written)."""


def check_autovacuum(database: Database) -> Check:
    """A shared office's server vacuums the applicant table after every 1,000 new registrations
    (migration 0013): only then can the name search walk the register in an index alone. With
    autovacuum off (server-wide or for the table) nothing breaks at once, but searches slow down
    as the register grows, and the table's dead rows are never cleared. A warning, not an error."""
    try:
        with database.session() as session:
            found = session.connection().exec_driver_sql(_AUTOVACUUM_SETTINGS)
            server, table = found.one()
    except DBAPIError as exc:
        return Check("autovacuum", False, f"tidak bisa dibaca: {exc.orig}", severity=WARNING)
    facts = {"server": server, "applicant_table": table}
    if server == "on" and table.lower() in _POSTGRES_TRUE:
        return Check("autovacuum", True, "menyala di server kantor", facts)
    if server != "on":
        where = "di server kantor"
        remedy = "Nyalakan 'autovacuum = on' di postgresql.conf dan mulai ulang layanan PostgreSQL"
    else:  # the server runs it; only this table was left out (by hand)
        where = "untuk tabel applicant"
        remedy = "Jalankan di psql: ALTER TABLE applicant RESET (autovacuum_enabled);"
    return Check(
        "autovacuum",
        False,
        f"autovacuum mati {where}: pencarian nama makin lambat seiring bertambahnya data. "
        + remedy,
        facts,
        severity=WARNING,
    )
