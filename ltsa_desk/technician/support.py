"""The support bundle: one zip a technician sends to the helpdesk instead of describing a problem.

What goes in is what a helpdesk asks for first: the logs, the doctor's findings, the configuration,
the state of the queue (how much waits, since when, what was refused and why, the outage history)
and a few facts about the PC. What never goes in: a NIK, a name, a token, a key. The logs are
already masked when written, but every text that enters the bundle passes through the same
masking again (:func:`mask_sensitive`): logs written by an older version, a remote system's refusal
text quoting a NIK, or anything that slipped past a call site are caught here too. Applicant rows,
payloads and attachments are never read at all.

Like ``doctor``, it changes nothing in the data folder: the database is opened without migration,
and a counter whose database cannot be opened still gets a bundle (that is when it is needed most),
with the reason in place of the queue statistics.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import sys
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import make_url
from sqlmodel import col, select

from ltsa_desk import __version__
from ltsa_desk.counter import keyring_home
from ltsa_desk.counter.config import Config, ConfigError
from ltsa_desk.counter.logging_setup import log_files, mask_sensitive
from ltsa_desk.counter.protection import protection_state
from ltsa_desk.counter.shared_office import connect_args
from ltsa_desk.services.sync_setup import status
from ltsa_desk.store import cipher
from ltsa_desk.store.database import DatabaseProblem, open_database
from ltsa_desk.store.lock import is_held
from ltsa_desk.technician.backup import backup_folder, list_backups
from ltsa_desk.technician.doctor import healthy, run_checks
from sync.models import ItemState, Outage, OutboxItem

log = logging.getLogger(__name__)

README = """Bundel dukungan LTSA Desk
=========================

Dibuat {created} (UTC) dari folder data {data_dir}.

Isi:
- doctor.json        hasil 'ltsa-desk doctor' (setiap pemeriksaan: ok, tingkat, keterangan)
- config.json        konfigurasi loket (tanpa rahasia: token dan kunci hanya ada di keyring)
- sync-status.json   antrean kiriman: jumlah per tujuan dan status, umur kiriman tertua,
                     kiriman yang perlu tindakan beserta alasannya, riwayat gangguan jaringan
- system.json        versi aplikasi, Python dan Windows/Linux, keyring, isi folder data (nama
                     dan ukuran saja), cadangan yang ada
- logs/              berkas log (jam UTC; NIK disamarkan, token tidak pernah dicatat)

Bundel ini tidak memuat NIK, nama CPMI, token, kunci basis data, lampiran, atau isi basis data.
"""

_MAX_ATTENTION_ROWS = 50
_MAX_OUTAGES = 30


@dataclass(frozen=True)
class BundleResult:
    path: Path
    size_bytes: int
    members: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "size_bytes": self.size_bytes, "members": self.members}


def _masked_json(value: Any) -> str:
    return mask_sensitive(json.dumps(value, indent=2, ensure_ascii=False, default=str)) + "\n"


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.isoformat(timespec="seconds")
    return str(value)


def _config_facts(data_dir: Path) -> tuple[Config | None, dict[str, Any]]:
    try:
        config = Config.load(data_dir)
    except ConfigError as exc:
        return None, {"error": str(exc)}
    values = config.as_dict()
    url = values.get("database.url")
    if url:
        values["database.url"] = make_url(str(url)).render_as_string(hide_password=True)
    return config, {"path": str(config.path), "values": values}


def _queue_facts(config: Config | None) -> dict[str, Any]:
    """`sync status` plus what a helpdesk needs beside it: counts by kind and state, the items
    that need attention with the remote's reason, and the outage history."""
    if config is None:
        return {"error": "konfigurasi tidak terbaca"}
    try:
        state = protection_state(config)
        key = None
        if state.encrypted and state.database_id:
            key = keyring_home.load_database_key(state.database_id)
        database = open_database(
            config.database_url(), migrate=False, key=key, connect_args=connect_args(config)
        )
    except DatabaseProblem as exc:
        return {"error": f"basis data tidak bisa dibuka: {exc}"}
    try:
        result: dict[str, Any] = {"status": status(config, database)}
        with database.session() as session:
            rows = session.exec(
                select(
                    OutboxItem.destination, OutboxItem.kind, OutboxItem.state, func.count()
                ).group_by(OutboxItem.destination, OutboxItem.kind, OutboxItem.state)
            ).all()
            result["by_kind"] = [
                {"destination": d, "kind": k, "state": s, "count": int(n)} for d, k, s, n in rows
            ]
            attention = session.exec(
                select(OutboxItem)
                .where(OutboxItem.state == ItemState.NEEDS_ATTENTION.value)
                .order_by(col(OutboxItem.updated_at).desc())
                .limit(_MAX_ATTENTION_ROWS)
            ).all()
            # Only the item's envelope and the remote's reason: never its payload (a CPMI's data).
            result["needs_attention"] = [
                {
                    "key": item.key,
                    "destination": item.destination,
                    "kind": item.kind,
                    "attempts": item.attempts,
                    "last_status": item.last_status,
                    "last_error": item.last_error,
                    "created_at": _iso(item.created_at),
                    "updated_at": _iso(item.updated_at),
                }
                for item in attention
            ]
            outages = session.exec(
                select(Outage).order_by(col(Outage.started_at).desc()).limit(_MAX_OUTAGES)
            ).all()
            result["outages"] = [
                {
                    "destination": o.destination,
                    "started_at": _iso(o.started_at),
                    "ended_at": _iso(o.ended_at),
                    "reason": o.reason,
                    "backlog_at_start": o.backlog_at_start,
                }
                for o in outages
            ]
        return result
    except Exception as exc:  # a damaged database must not cost the helpdesk the rest
        log.warning("support bundle: queue statistics failed: %s", exc)
        return {"error": f"statistik antrean gagal dibaca: {exc}"}
    finally:
        database.close()


def _folder_listing(data_dir: Path) -> dict[str, Any]:
    """Names and sizes at the top of the data folder; attachments and backups summarised."""
    entries: list[dict[str, Any]] = []
    if data_dir.is_dir():
        for entry in sorted(data_dir.iterdir()):
            if entry.name == "attachments" and entry.is_dir():
                files = [p for p in entry.rglob("*") if p.is_file()]
                entries.append(
                    {
                        "name": "attachments/",
                        "files": len(files),
                        "bytes": sum(p.stat().st_size for p in files),
                    }
                )
            elif entry.is_dir():
                entries.append({"name": entry.name + "/"})
            else:
                entries.append({"name": entry.name, "bytes": entry.stat().st_size})
    return {"path": str(data_dir), "entries": entries}


def _system_facts(data_dir: Path, config: Config | None) -> dict[str, Any]:
    try:
        keyring_name = keyring_home.backend_facts().name
    except Exception as exc:  # reported, never fatal
        keyring_name = f"tidak bisa dimuat: {exc}"
    holder = is_held(data_dir) if data_dir.is_dir() else None
    backups: list[dict[str, Any]] = []
    if config is not None:
        folder = backup_folder(config)
        backups = [
            {
                "name": b.path.name,
                "created_at": _iso(b.created_at),
                "bytes": b.path.stat().st_size,
            }
            for b in list_backups(folder, config.office_code, config.counter_id)
        ]
    return {
        "app_version": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "machine": platform.machine(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "keyring_backend": keyring_name,
        "keyring_backend_env": os.environ.get("PYTHON_KEYRING_BACKEND"),
        "app_running": None if holder is None else holder.describe_en(),
        "data_folder": _folder_listing(data_dir),
        "backups": backups,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def make_support_bundle(
    data_dir: Path, out: Path, *, network: bool = True, timeout: float = 2.0
) -> BundleResult:
    """Write the bundle to ``out`` (atomically: a half-written zip never carries the name)."""
    if out.is_dir():
        raise ValueError(f"{out} adalah folder; sebutkan nama berkas, misalnya bundel.zip")
    out.parent.mkdir(parents=True, exist_ok=True)
    config, config_json = _config_facts(data_dir)
    checks = run_checks(data_dir, network=network, timeout=timeout)
    doctor_json = {"ok": healthy(checks), "checks": [c.as_dict() for c in checks]}
    created = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    partial = out.with_name(f".{out.name}.tmp")
    members: list[str] = []
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:

            def put(name: str, text: str) -> None:
                bundle.writestr(name, text.encode("utf-8"))
                members.append(name)

            put("README.txt", README.format(created=created, data_dir=data_dir))
            put("doctor.json", _masked_json(doctor_json))
            put("config.json", _masked_json(config_json))
            put("sync-status.json", _masked_json(_queue_facts(config)))
            put("system.json", _masked_json(_system_facts(data_dir, config)))
            for path in log_files(data_dir):
                text = path.read_text(encoding="utf-8", errors="replace")
                put(
                    f"logs/{path.name}",
                    "".join(mask_sensitive(line) for line in text.splitlines(keepends=True)),
                )
        cipher.fsync_file(partial)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    log.info("support bundle %s written (%d files)", out.name, len(members))
    return BundleResult(out, out.stat().st_size, members)
