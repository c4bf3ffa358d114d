"""The USB bundle, application side: which secret, which database, who did it (the audit log).

The queue logic and the file format live in `sync.bundle`; this module gives it the office's
bundle secret from the keyring, the database's identity (a bundle is bound to the database it came
from), the destinations configured on this machine, and the delivery hook that gives applicants
their registry ids. Every export, upload and import is audited with who did it and how many items.

Used by the command line (`ltsa-desk sync export-bundle | upload-bundle | import-receipts`) and by
the Sync screen, through the runner (never on the GUI thread: scrypt and the uploads are slow).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from ltsa_desk.counter.config import Config
from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import audit
from ltsa_desk.services.context import Actor
from ltsa_desk.services.permissions import require_role
from ltsa_desk.services.sync_hooks import HOOKS, on_late_delivery
from ltsa_desk.services.sync_setup import destination_configs, engine_settings
from sync.bundle import contents, export, sealing, upload, write_back
from sync.credentials import NoKeyring, get_token, set_token
from sync.engine import EngineSettings
from sync.models import OPEN_STATES, OutboxItem

SECRET_PURPOSE = "bundle"
MIN_SECRET_LENGTH = 12
BUNDLE_SUFFIX = ".ltsab"
RECEIPTS_SUFFIX = ".ltsar"


class BundleError(ValueError):
    """A refused bundle operation, in words for the officer or technician; nothing was changed."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# --- the secret ---------------------------------------------------------------------------------


def set_bundle_secret(workspace: Workspace, secret: str, actor: Actor) -> None:
    """Store the office's bundle secret in the keyring (the same on every machine of the office).

    The secret is what stands between a lost USB stick and the CPMI's data, so it must be long
    enough that guessing it through scrypt is out of reach.
    """
    require_role(actor, "credentials.set")
    secret = secret.strip()
    if len(secret) < MIN_SECRET_LENGTH:
        raise BundleError(
            f"Rahasia bundel minimal {MIN_SECRET_LENGTH} karakter (sekarang {len(secret)})",
            field="token",
        )
    office = workspace.config.office_code
    try:
        set_token(SECRET_PURPOSE, office, secret)
    except NoKeyring as exc:
        raise BundleError(str(exc)) from exc
    with workspace.database.write_session() as session:
        audit.record(
            session,
            actor=actor.username,
            action="bundle.secret",
            entity="credentials",
            entity_id=f"{SECRET_PURPOSE}@{office}",
            counter_id=actor.counter_id,
        )
        session.commit()


def bundle_secret(office_code: str, *, own_office: str | None = None) -> str:
    try:
        secret = get_token(SECRET_PURPOSE, office_code)
    except NoKeyring as exc:
        raise BundleError(str(exc)) from exc
    if not secret:
        where = "" if own_office in (None, office_code) else f" (bundel dari kantor {office_code})"
        raise BundleError(
            f"Rahasia bundel kantor {office_code} belum diatur di komputer ini{where}. Teknisi: "
            "'ltsa-desk credentials set bundle --token-stdin' dengan rahasia yang sama seperti di "
            "loket asal."
        )
    return secret


# --- files ----------------------------------------------------------------------------------------


def default_bundle_name(config: Config, now: datetime | None = None) -> str:
    when = (now or datetime.now()).strftime("%Y%m%d-%H%M")
    office = config.office_code.replace(".", "")
    return f"ltsa-{office}-{config.counter_id}-{when}{BUNDLE_SUFFIX}"


def default_receipts_path(bundle_path: Path) -> Path:
    return bundle_path.with_suffix(RECEIPTS_SUFFIX)


def _check_target(path: Path, field_name: str) -> None:
    """Checked before any work: failing to write after delivering would lose the receipts."""
    if path.is_dir():
        raise BundleError(f"{path} adalah folder; sebutkan nama berkas", field=field_name)
    if not path.parent.is_dir():
        raise BundleError(
            f"Folder {path.parent} tidak ada (apakah flashdisk terpasang?)", field=field_name
        )


def _read(path: Path, field_name: str) -> bytes:
    if path.is_dir():
        raise BundleError(f"{path} adalah folder, bukan berkas", field=field_name)
    if not path.is_file():
        raise BundleError(f"Berkas tidak ditemukan: {path}", field=field_name)
    try:
        return sealing.read_file(path)
    except sealing.BundleRefused as exc:
        raise BundleError(str(exc), field=field_name) from exc
    except OSError as exc:
        raise BundleError(f"{path.name} tidak bisa dibaca: {exc.strerror or exc}") from exc


def _write(path: Path, data: bytes) -> Path:
    try:
        return sealing.write_atomically(path, data)
    except OSError as exc:
        raise BundleError(f"{path} tidak bisa ditulis: {exc.strerror or exc}", field="out") from exc


# --- export ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportReport:
    path: Path | None
    bundle_id: str | None
    items: int
    by_destination: dict[str, int] = field(default_factory=dict)
    dependencies: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": None if self.path is None else str(self.path),
            "bundle_id": self.bundle_id,
            "items": self.items,
            "by_destination": self.by_destination,
            "dependency_receipts": self.dependencies,
        }


def export_bundle(workspace: Workspace, out: Path, actor: Actor) -> ExportReport:
    """Write every item that could leave now into one sealed file, and never send them blind again.

    The file is built from a read, then the items are marked `look_up_first` (with the audit
    entry) in one write transaction, and only after that commit does the file get its final name.
    If an item changed state in between (sent, corrected, withdrawn) the bundle is built again, so
    a bundle never carries an item the counter no longer waits to send.
    """
    require_role(actor, "bundle.export")
    out = Path(out)
    _check_target(out, "out")
    config = workspace.config
    sealer = sealing.Sealer(bundle_secret(config.office_code))
    database_id = workspace.database.info.database_id
    for _attempt in range(5):
        with workspace.database.session() as session:
            items, dependencies = export.select_exportable(session)
            if not items:
                return ExportReport(None, None, 0)
            made = contents.Bundle(
                bundle_id=contents.new_bundle_id(),
                office_code=config.office_code,
                database_id=database_id,
                created_at=contents.iso_now(),
                exported_by=actor.username,
                counter_id=config.counter_id,
                items=[export.bundle_item(item) for item in items],
                dependencies=[export.known_receipt(dep) for dep in dependencies],
            )
        keys = [item.key for item in made.items]
        temporary = _write(out, made.seal(sealer))
        try:
            with workspace.database.write_session() as session:
                still_open = _count_open(session, keys)
                if still_open != len(keys):
                    session.rollback()
                    temporary.unlink(missing_ok=True)
                    continue
                export.mark_look_up_first(session, keys)
                by_destination = dict(Counter(item.destination for item in made.items))
                audit.record(
                    session,
                    actor=actor.username,
                    action="bundle.export",
                    entity="bundle",
                    entity_id=made.bundle_id,
                    after={
                        "items": len(keys),
                        "by_destination": by_destination,
                        "file": out.name,
                    },
                    counter_id=actor.counter_id,
                )
                session.commit()
            sealing.finish(temporary, out)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise BundleError(f"{out} tidak bisa ditulis: {exc.strerror or exc}") from exc
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return ExportReport(out, made.bundle_id, len(keys), by_destination, len(made.dependencies))
    raise BundleError("Antrean sedang berubah terus; coba ekspor lagi sebentar lagi")


def _count_open(session: Any, keys: list[str]) -> int:
    total = 0
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        total += len(
            session.exec(
                select(OutboxItem.key).where(
                    col(OutboxItem.key).in_(chunk), col(OutboxItem.state).in_(OPEN_STATES)
                )
            ).all()
        )
    return total


# --- upload ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadReport:
    bundle_id: str
    origin_office: str
    origin_database: str
    origin_counter: str
    items: int
    delivered: int
    refused: int
    waiting: int
    receipts_path: Path

    def as_dict(self) -> dict[str, Any]:
        return {
            "bundle_id": self.bundle_id,
            "origin": {
                "office_code": self.origin_office,
                "database_id": self.origin_database,
                "counter_id": self.origin_counter,
            },
            "items": self.items,
            "delivered": self.delivered,
            "refused": self.refused,
            "waiting": self.waiting,
            "receipts": str(self.receipts_path),
        }


def upload_bundle(
    workspace: Workspace,
    bundle_path: Path,
    receipts_path: Path,
    actor: Actor,
    *,
    timeout_s: float = 900.0,
    settings: EngineSettings | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> UploadReport:
    """Deliver a bundle from this machine (its destinations, its credentials), never blind, and
    write the receipts for the counter it came from."""
    require_role(actor, "bundle.upload")
    bundle_path, receipts_path = Path(bundle_path), Path(receipts_path)
    data = _read(bundle_path, "file")
    try:
        header = sealing.read_header(data, bundle_path.name)
    except sealing.BundleRefused as exc:
        raise BundleError(str(exc), field="file") from exc
    _check_target(receipts_path, "receipts")
    if receipts_path.resolve() == bundle_path.resolve():
        raise BundleError("Berkas tanda terima tidak boleh menimpa bundel", field="receipts")
    secret = bundle_secret(header.office_code, own_office=workspace.config.office_code)
    try:
        bundle = contents.open_bundle(data, secret, bundle_path.name)
    except sealing.BundleRefused as exc:
        raise BundleError(f"{exc}. Tidak ada yang dikirim.", field="file") from exc
    destinations = destination_configs(workspace.config)
    if not destinations:
        raise BundleError(
            "Belum ada tujuan yang diatur di komputer ini (registry.url / immigration.url); "
            "tidak ada yang dikirim"
        )
    outcomes = upload.deliver(
        bundle,
        destinations,
        settings=settings or engine_settings(workspace.config),
        timeout_s=timeout_s,
        progress=progress,
    )
    config = workspace.config
    receipts = contents.Receipts(
        bundle_id=bundle.bundle_id,
        office_code=bundle.office_code,
        database_id=bundle.database_id,
        uploaded_at=contents.iso_now(),
        uploaded_by=actor.username,
        uploader=f"{config.office_code}/{config.counter_id}",
        outcomes=outcomes,
    )
    temporary = _write(receipts_path, receipts.seal(sealing.Sealer(secret)))
    try:
        sealing.finish(temporary, receipts_path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise BundleError(f"{receipts_path} tidak bisa ditulis: {exc.strerror or exc}") from exc
    counts = receipts.counts()
    with workspace.database.write_session() as session:
        audit.record(
            session,
            actor=actor.username,
            action="bundle.upload",
            entity="bundle",
            entity_id=bundle.bundle_id,
            after={
                "origin_office": bundle.office_code,
                "origin_database": bundle.database_id,
                "origin_counter": bundle.counter_id,
                "items": len(outcomes),
                **counts,
                "receipts": receipts_path.name,
            },
            counter_id=actor.counter_id,
        )
        session.commit()
    return UploadReport(
        bundle_id=bundle.bundle_id,
        origin_office=bundle.office_code,
        origin_database=bundle.database_id,
        origin_counter=bundle.counter_id,
        items=len(outcomes),
        delivered=counts[contents.DELIVERED],
        refused=counts[contents.REFUSED],
        waiting=counts[contents.WAITING],
        receipts_path=receipts_path,
    )


# --- import ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    bundle_id: str
    items: int
    applied: write_back.Applied
    uploaded_at: str
    uploader: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "bundle_id": self.bundle_id,
            "items": self.items,
            **self.applied.as_dict(),
            "uploaded_at": self.uploaded_at,
            "uploader": self.uploader,
        }


def import_receipts(workspace: Workspace, path: Path, actor: Actor) -> ImportReport:
    """Check the receipts (authentic, for this very database), then write them as deliveries.

    Every check comes before the first write: a forged, altered or foreign file changes nothing.
    """
    require_role(actor, "bundle.receipts")
    path = Path(path)
    data = _read(path, "file")
    config = workspace.config
    database_id = workspace.database.info.database_id
    try:
        header = sealing.read_header(data, path.name)
    except sealing.BundleRefused as exc:
        raise BundleError(f"{exc}. Tidak ada yang diubah.", field="file") from exc
    if header.kind != sealing.KIND_RECEIPTS:
        raise BundleError(
            f"{path.name} adalah bundel, bukan tanda terima. Tanda terima dibuat oleh "
            "'ltsa-desk sync upload-bundle' di komputer yang mengirimkan bundel.",
            field="file",
        )
    _check_origin(header.office_code, header.database_id, config.office_code, database_id, path)
    secret = bundle_secret(config.office_code)
    try:
        receipts = contents.open_receipts(data, secret, path.name)
    except sealing.BundleRefused as exc:
        raise BundleError(f"{exc}. Tidak ada yang diubah.", field="file") from exc
    _check_origin(receipts.office_code, receipts.database_id, config.office_code, database_id, path)
    with workspace.database.session() as session:
        unknown = write_back.unknown_keys(session, receipts)
    if unknown:
        raise BundleError(
            f"{path.name} menyebut {len(unknown)} kiriman yang tidak ada di basis data ini "
            f"(mis. {unknown[0]}). Tidak ada yang diubah.",
            field="file",
        )
    applied = write_back.apply_receipts(
        workspace.database.writer,
        receipts,
        owner=f"receipts:{receipts.bundle_id[:8]}",
        on_delivered=HOOKS.on_delivered,
        on_late_delivery=on_late_delivery,
    )
    with workspace.database.write_session() as session:
        audit.record(
            session,
            actor=actor.username,
            action="bundle.receipts",
            entity="bundle",
            entity_id=receipts.bundle_id,
            after={
                "items": len(receipts.outcomes),
                **applied.as_dict(),
                "uploader": receipts.uploader,
                "uploaded_by": receipts.uploaded_by,
                "file": path.name,
            },
            counter_id=actor.counter_id,
        )
        session.commit()
    return ImportReport(
        bundle_id=receipts.bundle_id,
        items=len(receipts.outcomes),
        applied=applied,
        uploaded_at=receipts.uploaded_at,
        uploader=receipts.uploader,
    )


def _check_origin(
    office: str, database_id: str, own_office: str, own_database: str, path: Path
) -> None:
    if office != own_office or database_id != own_database:
        raise BundleError(
            f"{path.name} adalah tanda terima untuk bundel dari kantor {office}, basis data "
            f"{database_id}; loket ini kantor {own_office}, basis data {own_database}. "
            "Impor di loket asal bundel. Tidak ada yang diubah.",
            field="file",
        )
