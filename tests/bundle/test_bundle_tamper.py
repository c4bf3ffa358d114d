"""A bundle or a receipts file that was altered, forged or meant for another counter is refused
with a clear message, and nothing changes anywhere: no request reaches the remote systems, no
receipts are written, and the counter's queue and applicants stay byte for byte as they were."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest
from bundletools import OFFICE, applicant_rows, audit_rows, flip_byte, queue_rows, upload
from synctools import Desk

from ltsa_desk.counter.workspace import (
    Workspace,
    confirm_recovery_key_shown,
    initialise,
    open_workspace,
)
from ltsa_desk.services import bundles
from ltsa_desk.services.context import Actor
from sync.bundle import contents, sealing
from sync.credentials import set_token
from sync.sim.process import SimHandle


def _received(sim: SimHandle) -> int:
    return sum(system["received"] for system in sim.stats().values())


@pytest.fixture
def exported(desk: Desk, tmp_path: Path) -> Path:
    """A genuine bundle of three registrations and one passport application."""
    applicants = desk.register_many(3)
    desk.request_passport(applicants[0])
    path = tmp_path / "asli.ltsab"
    assert bundles.export_bundle(desk.workspace, path, desk.actor).items == 4
    return path


@pytest.fixture
def genuine_receipts(
    exported: Path, district: Workspace, technician: Actor, tmp_path: Path
) -> Path:
    path = tmp_path / "asli.ltsar"
    assert upload(district, exported, path, technician).delivered == 4
    return path


def _header_end(data: bytes) -> int:
    (length,) = struct.unpack(">I", data[8:12])
    return 12 + length


@pytest.mark.parametrize("where", ["payload", "tag", "header"])
def test_a_flipped_byte_in_the_bundle_is_refused_and_nothing_is_sent(
    exported: Path,
    district: Workspace,
    technician: Actor,
    sim: SimHandle,
    tmp_path: Path,
    where: str,
) -> None:
    data = exported.read_bytes()
    offset = {
        "payload": _header_end(data) + 40,
        "tag": len(data) - 3,
        "header": data.index(b'"items": 4') + len('"items": '),  # 4 -> 5
    }[where]
    flip_byte(exported, offset)
    receipts = tmp_path / "r.ltsar"

    with pytest.raises(bundles.BundleError) as refused:
        upload(district, exported, receipts, technician)

    message = str(refused.value)
    assert "keasliannya tidak bisa dibuktikan" in message
    assert "Tidak ada yang dikirim" in message
    assert _received(sim) == 0
    assert not receipts.exists()
    assert audit_rows(district, "bundle.") == []


def test_a_bundle_sealed_with_another_secret_is_refused(
    desk: Desk, district: Workspace, technician: Actor, sim: SimHandle, tmp_path: Path
) -> None:
    desk.register(1)
    path = tmp_path / "b.ltsab"
    bundles.export_bundle(desk.workspace, path, desk.actor)
    set_token("bundle", OFFICE, "rahasia-lain-di-distrik")  # the district machine differs

    with pytest.raises(bundles.BundleError, match="rahasia bundel yang berbeda"):
        upload(district, path, tmp_path / "r.ltsar", technician)
    assert _received(sim) == 0


def test_a_file_that_is_not_a_bundle_is_refused(
    district: Workspace, technician: Actor, sim: SimHandle, tmp_path: Path
) -> None:
    path = tmp_path / "laporan.ltsab"
    path.write_bytes(b"PK\x03\x04 not a bundle at all")
    with pytest.raises(bundles.BundleError, match="bukan berkas bundel"):
        upload(district, path, tmp_path / "r.ltsar", technician)
    assert _received(sim) == 0


def test_receipts_given_as_a_bundle_are_refused(
    genuine_receipts: Path, district: Workspace, technician: Actor, tmp_path: Path
) -> None:
    with pytest.raises(bundles.BundleError, match="berkas tanda terima, bukan bundel"):
        upload(district, genuine_receipts, tmp_path / "r2.ltsar", technician)


def _forged_receipts(desk: Desk, genuine: Path, secret: str, **change: str) -> bytes:
    """Receipts made by someone who knows the format but not the office's secret."""
    real = contents.open_receipts(genuine.read_bytes(), bundles.bundle_secret(OFFICE))
    outcomes = [
        contents.Outcome(o.key, o.destination, o.kind, "delivered", {"registry_id": "REG-PALSU"})
        for o in real.outcomes
    ]
    forged = contents.Receipts(
        bundle_id=change.get("bundle_id", real.bundle_id),
        office_code=real.office_code,
        database_id=change.get("database_id", real.database_id),
        uploaded_at=real.uploaded_at,
        uploaded_by="pemalsu",
        uploader=real.uploader,
        outcomes=outcomes,
    )
    return forged.seal(sealing.Sealer(secret))


def test_receipts_forged_with_a_wrong_secret_change_nothing(
    desk: Desk, genuine_receipts: Path, tmp_path: Path
) -> None:
    forged = tmp_path / "palsu.ltsar"
    forged.write_bytes(_forged_receipts(desk, genuine_receipts, "bukan-rahasia-kantor-ini"))
    queue, people = queue_rows(desk.workspace), applicant_rows(desk.workspace)

    with pytest.raises(bundles.BundleError) as refused:
        bundles.import_receipts(desk.workspace, forged, desk.actor)

    assert "keasliannya tidak bisa dibuktikan" in str(refused.value)
    assert "Tidak ada yang diubah" in str(refused.value)
    assert queue_rows(desk.workspace) == queue
    assert applicant_rows(desk.workspace) == people
    assert audit_rows(desk.workspace, "bundle.receipts") == []


@pytest.mark.parametrize("where", ["payload", "tag", "header"])
def test_receipts_with_an_edited_byte_change_nothing(
    desk: Desk, genuine_receipts: Path, where: str
) -> None:
    data = genuine_receipts.read_bytes()
    offset = {
        "payload": _header_end(data) + 25,
        "tag": len(data) - 1,
        "header": data.index(b'"created_at": "') + len('"created_at": "') + 3,
    }[where]
    flip_byte(genuine_receipts, offset)
    queue, people = queue_rows(desk.workspace), applicant_rows(desk.workspace)

    with pytest.raises(bundles.BundleError, match="keasliannya tidak bisa dibuktikan"):
        bundles.import_receipts(desk.workspace, genuine_receipts, desk.actor)

    assert queue_rows(desk.workspace) == queue
    assert applicant_rows(desk.workspace) == people


def test_receipts_whose_readable_header_was_pointed_at_another_counter_are_refused(
    desk: Desk, genuine_receipts: Path
) -> None:
    data = genuine_receipts.read_bytes()
    own = desk.workspace.database.info.database_id.encode()
    genuine_receipts.write_bytes(data.replace(own, b"0" * len(own), 1))
    queue = queue_rows(desk.workspace)

    with pytest.raises(bundles.BundleError, match="Impor di loket asal bundel"):
        bundles.import_receipts(desk.workspace, genuine_receipts, desk.actor)
    assert queue_rows(desk.workspace) == queue


def test_genuine_receipts_of_another_counter_are_refused(
    desk: Desk,
    genuine_receipts: Path,
    tmp_path: Path,
    actor: Actor,
    secret: str,
) -> None:
    """Same office, same secret, but another database: the items are not this counter's."""
    other_folder = tmp_path / "loket2"
    other_folder.mkdir()
    initialise(other_folder, office_code=OFFICE, counter_id="LOTIM-02")
    confirm_recovery_key_shown(other_folder)
    other = open_workspace(other_folder)
    try:
        before = queue_rows(other)
        with pytest.raises(bundles.BundleError, match="Impor di loket asal bundel"):
            bundles.import_receipts(other, genuine_receipts, actor)
        assert queue_rows(other) == before
    finally:
        other.close()


def test_a_bundle_given_as_receipts_is_refused(desk: Desk, exported: Path) -> None:
    queue = queue_rows(desk.workspace)
    with pytest.raises(bundles.BundleError, match="adalah bundel, bukan tanda terima"):
        bundles.import_receipts(desk.workspace, exported, desk.actor)
    assert queue_rows(desk.workspace) == queue


def test_authentic_receipts_naming_unknown_items_are_refused(
    desk: Desk, genuine_receipts: Path, tmp_path: Path
) -> None:
    """Made with the right secret (a bug elsewhere, or a mix-up of files): still all or nothing."""
    real = contents.open_receipts(genuine_receipts.read_bytes(), bundles.bundle_secret(OFFICE))
    extra = contents.Outcome(
        "00000000-0000-4000-8000-000000000000",
        "registry",
        "worker.register",
        "delivered",
        {"registry_id": "REG-X"},
    )
    mixed = contents.Receipts(
        real.bundle_id,
        real.office_code,
        real.database_id,
        real.uploaded_at,
        real.uploaded_by,
        real.uploader,
        [*real.outcomes, extra],
    )
    path = tmp_path / "campur.ltsar"
    path.write_bytes(mixed.seal(sealing.Sealer(bundles.bundle_secret(OFFICE))))
    queue = queue_rows(desk.workspace)

    with pytest.raises(bundles.BundleError, match="tidak ada di basis data ini"):
        bundles.import_receipts(desk.workspace, path, desk.actor)
    assert queue_rows(desk.workspace) == queue


def test_a_forged_header_cannot_make_the_key_derivation_expensive(tmp_path: Path) -> None:
    sealer = sealing.Sealer("rahasia-bundel-lotim-2026")
    data = sealer.seal(
        sealing.KIND_BUNDLE,
        {"items": []},
        bundle_id="b",
        office_code=OFFICE,
        database_id="d",
        count=0,
    )
    end = _header_end(data)
    header = json.loads(data[12:end])
    header["kdf"]["n"] = 2**30
    raw = json.dumps(header, sort_keys=True).encode()
    heavy = data[:8] + struct.pack(">I", len(raw)) + raw + data[end:]
    with pytest.raises(sealing.BundleRefused, match="parameter kunci tidak wajar"):
        sealing.open_sealed(heavy, "rahasia-bundel-lotim-2026", sealing.KIND_BUNDLE)
