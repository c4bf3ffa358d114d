"""A correction made at the counter after its registration left on a USB bundle (issue 16, item 4).

The bundle carries the registration as it was (old name); the officer corrects the name meanwhile.
The registry then holds the old record, so the correction must reach it as a correction (PUT) of
that record, once, with nothing for the officer to do, whichever arrives first: the receipts or
the counter's own line. Against the real `ltsa-sim` that ignores `Idempotency-Key`, so a blind
resend would show as a duplicate effect.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from bundletools import upload
from synctools import Desk

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import bundles
from ltsa_desk.store.models import Applicant
from sync import ledger, outbox
from sync.destinations import REGISTER, UPDATE
from sync.models import ItemState, utc_now
from sync.sim.process import SimHandle

OLD_NAME = "Budi Santoso"
CORRECTED = "Budi Santosa Wijaya"
BUDI_NIK = "5203011205900001"


def _export_then_correct(desk: Desk, tmp_path: Path) -> tuple[Applicant, Path]:
    """Registered while offline, exported on the USB stick, then the name corrected."""
    budi = desk.register(1, name=OLD_NAME)
    bundle_file = tmp_path / "b.ltsab"
    assert bundles.export_bundle(desk.workspace, bundle_file, desk.actor).items == 1
    desk.update(budi, full_name=CORRECTED)
    return budi, bundle_file


def _registry_holds_the_correction_once(desk: Desk, sim: SimHandle, budi: Applicant) -> None:
    (worker,) = sim.records("registry")
    assert worker["full_name"] == CORRECTED, "the registry must carry the corrected name"
    assert desk.applicant(budi).registry_id == worker["registry_id"]
    stats = sim.stats()["registry"]
    assert stats["applied"] == 2, stats  # the registration (bundle) and one correction
    assert stats["duplicate_effects"] == 0, stats
    assert desk.status()["registry"]["needs_attention"] == 0
    states = [i.state for i in desk.items(budi)]
    assert "needs_attention" not in states and "pending" not in states, states
    # Nothing left to send: another pass changes nothing at the registry.
    received = sim.stats()["registry"]["received"]
    desk.run_pass()
    assert sim.stats()["registry"]["received"] == received
    assert sim.stats()["registry"]["applied"] == 2


def test_correction_after_export_reaches_the_registry_as_an_update_after_the_receipts(
    desk: Desk, district: Workspace, technician: object, sim: SimHandle, tmp_path: Path
) -> None:
    budi, bundle_file = _export_then_correct(desk, tmp_path)
    receipts_file = tmp_path / "b.ltsar"
    uploaded = upload(district, bundle_file, receipts_file, technician)  # type: ignore[arg-type]
    assert uploaded.delivered == 1
    (worker,) = sim.records("registry")
    assert worker["full_name"] == OLD_NAME, "the bundle carried the name as exported"

    imported = bundles.import_receipts(desk.workspace, receipts_file, desk.actor)

    assert imported.applied.delivered == 1, imported.applied
    assert imported.applied.skipped == 0
    assert desk.applicant(budi).registry_id == worker["registry_id"], "the registry id is kept"

    desk.connect(sim)
    desk.run_pass()

    _registry_holds_the_correction_once(desk, sim, budi)
    kinds = [(i.kind, i.state) for i in desk.items(budi)]
    assert kinds == [(REGISTER, "delivered"), (UPDATE, "delivered")], kinds


def test_correction_after_export_when_the_counter_line_returns_before_the_receipts(
    desk: Desk, district: Workspace, technician: object, sim: SimHandle, tmp_path: Path
) -> None:
    budi, bundle_file = _export_then_correct(desk, tmp_path)
    receipts_file = tmp_path / "b.ltsar"
    upload(district, bundle_file, receipts_file, technician)  # type: ignore[arg-type]

    desk.connect(sim)
    desk.run_pass()  # the receipts are still on the USB stick

    _registry_holds_the_correction_once(desk, sim, budi)
    imported = bundles.import_receipts(desk.workspace, receipts_file, desk.actor)
    assert imported.applied.already_delivered == 1, imported.applied
    _registry_holds_the_correction_once(desk, sim, budi)


def _superseded_by_an_earlier_version(desk: Desk, budi: Applicant, **changes: str) -> None:
    """The queue as a version before this fix left it: the exported registration replaced by a
    corrected registration (new key) instead of an update."""
    with desk.workspace.database.write_session() as session:
        (exported,) = outbox.chain_items(session, str(budi.id))
        corrected = {**outbox.payload_of(exported), **(changes or {"full_name": CORRECTED})}
        corrected.pop("client_reference")
        outbox.supersede(session, exported, corrected)
        session.commit()


def test_receipt_of_a_superseded_registration_turns_its_refused_replacement_into_an_update(
    desk: Desk, district: Workspace, technician: object, sim: SimHandle, tmp_path: Path
) -> None:
    budi = desk.register(1, name=OLD_NAME)
    bundle_file = tmp_path / "b.ltsab"
    bundles.export_bundle(desk.workspace, bundle_file, desk.actor)
    _superseded_by_an_earlier_version(desk, budi)
    receipts_file = tmp_path / "b.ltsar"
    upload(district, bundle_file, receipts_file, technician)  # type: ignore[arg-type]
    desk.connect(sim)
    desk.run_pass()  # the replacement registration meets the bundle's record: 409
    assert [i.state for i in desk.items(budi)] == ["superseded", "needs_attention"]

    imported = bundles.import_receipts(desk.workspace, receipts_file, desk.actor)

    assert imported.applied.delivered == 1, imported.applied
    assert imported.applied.skipped == 0
    desk.run_pass()
    _registry_holds_the_correction_once(desk, sim, budi)
    kinds = [(i.kind, i.state) for i in desk.items(budi)]
    assert kinds == [
        (REGISTER, "delivered"),
        (REGISTER, "superseded"),
        (UPDATE, "delivered"),
    ], kinds


def test_receipt_of_a_superseded_registration_turns_its_unsent_replacement_into_an_update(
    desk: Desk, district: Workspace, technician: object, sim: SimHandle, tmp_path: Path
) -> None:
    budi = desk.register(1, name=OLD_NAME)
    bundle_file = tmp_path / "b.ltsab"
    bundles.export_bundle(desk.workspace, bundle_file, desk.actor)
    _superseded_by_an_earlier_version(desk, budi)
    receipts_file = tmp_path / "b.ltsar"
    upload(district, bundle_file, receipts_file, technician)  # type: ignore[arg-type]

    imported = bundles.import_receipts(desk.workspace, receipts_file, desk.actor)

    assert imported.applied.delivered == 1, imported.applied
    (worker,) = sim.records("registry")
    assert desk.applicant(budi).registry_id == worker["registry_id"]
    desk.connect(sim)
    desk.run_pass()
    _registry_holds_the_correction_once(desk, sim, budi)


def test_a_replacement_on_the_line_when_the_receipts_arrive_is_replaced_and_its_verdict_ignored(
    desk: Desk, district: Workspace, technician: object, sim: SimHandle, tmp_path: Path
) -> None:
    budi = desk.register(1, name=OLD_NAME)
    bundle_file = tmp_path / "b.ltsab"
    bundles.export_bundle(desk.workspace, bundle_file, desk.actor)
    _superseded_by_an_earlier_version(desk, budi)
    receipts_file = tmp_path / "b.ltsar"
    upload(district, bundle_file, receipts_file, technician)  # type: ignore[arg-type]
    _exported, replacement = desk.items(budi)
    # Another desk's sync worker holds the replacement right now (its registration is on the line).
    desk.force(
        replacement.key,
        state="in_flight",
        attempts=1,
        lease_owner="desk-2",
        lease_until=utc_now() + timedelta(minutes=5),
    )

    imported = bundles.import_receipts(desk.workspace, receipts_file, desk.actor)

    assert imported.applied.delivered == 1, imported.applied
    assert [i.state for i in desk.items(budi)] == ["delivered", "superseded", "pending"]
    # That worker's answer (the registry's 409: the NIK is registered) comes back afterwards.
    refused = ledger.Result(
        replacement.key, ItemState.NEEDS_ATTENTION, reason="nik_already_registered", status=409
    )
    ledger.record(desk.workspace.database.writer, "desk-2", [refused])
    assert desk.item(replacement.key).state == "superseded", "the later verdict is not written"
    desk.connect(sim)
    desk.run_pass()
    _registry_holds_the_correction_once(desk, sim, budi)


def test_a_replacement_adopted_before_the_receipts_still_sends_its_correction(
    desk: Desk, district: Workspace, technician: object, sim: SimHandle, tmp_path: Path
) -> None:
    """Only the address was corrected: the replacement registration met the bundle's record with
    the same NIK, name and birth date and was adopted, so the registry kept the old address."""
    budi = desk.register(1, name=OLD_NAME, address="Jl. Lama 1")
    bundle_file = tmp_path / "b.ltsab"
    bundles.export_bundle(desk.workspace, bundle_file, desk.actor)
    _superseded_by_an_earlier_version(desk, budi, address="Jl. Baru 2")
    receipts_file = tmp_path / "b.ltsar"
    upload(district, bundle_file, receipts_file, technician)  # type: ignore[arg-type]
    desk.connect(sim)
    desk.run_pass()
    assert [i.state for i in desk.items(budi)] == ["superseded", "delivered"]
    (worker,) = sim.records("registry")
    assert worker["address"] == "Jl. Lama 1"

    imported = bundles.import_receipts(desk.workspace, receipts_file, desk.actor)

    assert imported.applied.delivered == 1, imported.applied
    desk.run_pass()
    (worker,) = sim.records("registry")
    assert worker["address"] == "Jl. Baru 2"
    stats = sim.stats()["registry"]
    assert (stats["applied"], stats["duplicate_effects"]) == (2, 0), stats
    assert desk.status()["registry"]["needs_attention"] == 0
    kinds = [(i.kind, i.state) for i in desk.items(budi)]
    assert kinds == [(REGISTER, "delivered"), (REGISTER, "delivered"), (UPDATE, "delivered")]


def test_an_officer_correcting_a_refused_registration_after_an_earlier_copy_arrived_sends_an_update(
    desk: Desk, district: Workspace, technician: object, sim: SimHandle, tmp_path: Path
) -> None:
    """The safety net: should a refused registration still wait beside a delivered one of the same
    CPMI, the officer's next correction is an update of the delivered record, not one more
    registration the registry refuses (NIK already registered) again."""
    budi = desk.register(1, name=OLD_NAME)
    bundle_file = tmp_path / "b.ltsab"
    bundles.export_bundle(desk.workspace, bundle_file, desk.actor)
    _superseded_by_an_earlier_version(desk, budi)
    upload(district, bundle_file, tmp_path / "b.ltsar", technician)  # type: ignore[arg-type]
    desk.connect(sim)
    desk.run_pass()
    exported, refused = desk.items(budi)
    assert refused.state == "needs_attention"
    (worker,) = sim.records("registry")
    desk.force(
        exported.key,
        state="delivered",
        receipt=json.dumps({"registry_id": worker["registry_id"]}),
    )

    desk.update(budi, full_name=CORRECTED + " Putra")
    desk.run_pass()

    (worker,) = sim.records("registry")
    assert worker["full_name"] == CORRECTED + " Putra"
    stats = sim.stats()["registry"]
    assert (stats["applied"], stats["duplicate_effects"]) == (2, 0), stats
    assert desk.status()["registry"]["needs_attention"] == 0
    kinds = [(i.kind, i.state) for i in desk.items(budi)]
    assert kinds == [(REGISTER, "delivered"), (REGISTER, "superseded"), (UPDATE, "delivered")]


def test_a_correction_waiting_behind_an_exported_registration_refused_later_never_undoes_the_next(
    desk: Desk, district: Workspace, technician: object, sim: SimHandle, tmp_path: Path
) -> None:
    """The first correction waits for the exported registration as an update; the upload's
    registry refuses that registration (its NIK holds a record with another spelling), and the
    officer's second correction replaces it with the CPMI as they are now. The waiting update
    must not follow and put the first correction's name back."""
    sim.seed_registry(
        {"nik": BUDI_NIK, "full_name": "Budi Santosa", "birth_date": "1990-05-12", "sex": "L"}
    )
    budi = desk.register(1, name=OLD_NAME, address="Jl. Lama 1")
    assert desk.applicant(budi).nik == BUDI_NIK
    bundle_file = tmp_path / "b.ltsab"
    bundles.export_bundle(desk.workspace, bundle_file, desk.actor)
    desk.update(budi, address="Jl. Baru 2")
    receipts_file = tmp_path / "b.ltsar"
    upload(district, bundle_file, receipts_file, technician)  # type: ignore[arg-type]
    imported = bundles.import_receipts(desk.workspace, receipts_file, desk.actor)
    assert imported.applied.refused == 1

    desk.update(budi, full_name="Budi Santosa")  # as the registry spells it: adopted
    desk.connect(sim)
    desk.run_pass()

    (worker,) = sim.records("registry")
    assert worker["full_name"] == "Budi Santosa"
    assert desk.status()["registry"]["needs_attention"] == 0
    assert sim.stats()["registry"]["duplicate_effects"] == 0
