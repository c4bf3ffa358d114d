"""`ltsa-desk doctor`: the technician's one look at whether a counter is healthy.

Unlike start-up, the doctor may be slow: it runs SQLite's full integrity check and re-hashes a
sample of attachments. It never changes anything (no migration, no repair), so it is safe on a sick
counter.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from ltsa_desk.config import Config, ConfigError
from ltsa_desk.store.database import DatabaseProblem, head_revision, open_database


@dataclass
class Check:
    name: str
    ok: bool
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail}


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
    try:
        database = open_database(config.database_url(), migrate=False)
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
        checks.append(_check_attachments(data_dir / "attachments"))
    finally:
        database.close()
    return checks


def _check_office(config: Config, office_code: str) -> Check:
    same = office_code == config.office_code
    return Check(
        "office",
        same,
        office_code
        if same
        else f"basis data milik {office_code}, konfigurasi menyebut {config.office_code}",
    )


def _check_attachments(root: Path, sample: int = 200) -> Check:
    from ltsa_desk.store.attachments import AttachmentStore

    if not root.exists():
        return Check("attachments", True, "belum ada lampiran")
    store = AttachmentStore(root)
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
