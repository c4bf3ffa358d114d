"""Helpers for the bundle tests: the whole queue as comparable rows, and the three steps with
engine waits short enough for tests (the logic is the production one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select
from synctools import fast_settings

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import bundles
from ltsa_desk.services.context import Actor
from ltsa_desk.store.models import Applicant, AuditLog
from sync.models import OutboxItem

OFFICE = "52.03"
SECRET = "rahasia-bundel-lotim-2026"


def queue_rows(workspace: Workspace) -> list[dict[str, Any]]:
    """Every column of every outbox item, in queue order: equal lists mean nothing changed."""
    with Session(workspace.database.engine) as session:
        items = session.exec(select(OutboxItem).order_by(col(OutboxItem.seq))).all()
        return [item.model_dump() for item in items]


def applicant_rows(workspace: Workspace) -> list[dict[str, Any]]:
    with Session(workspace.database.engine) as session:
        rows = session.exec(select(Applicant).order_by(col(Applicant.tracking_code))).all()
        return [row.model_dump() for row in rows]


def audit_rows(workspace: Workspace, prefix: str = "bundle.") -> list[AuditLog]:
    with Session(workspace.database.engine) as session:
        statement = (
            select(AuditLog)
            .where(col(AuditLog.action).startswith(prefix))
            .order_by(col(AuditLog.id))
        )
        return list(session.exec(statement).all())


def upload(
    district: Workspace, bundle: Path, receipts: Path, actor: Actor, timeout_s: float = 30.0
) -> bundles.UploadReport:
    return bundles.upload_bundle(
        district, bundle, receipts, actor, timeout_s=timeout_s, settings=fast_settings()
    )


def flip_byte(path: Path, offset: int) -> None:
    """One changed bit, as a bad USB stick or a meddler would leave it."""
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))
