"""The USB bundle against the real `ltsa-sim` (one that ignores `Idempotency-Key`): export at a
counter whose line is down, upload from a second data folder, import the receipts, and the
counter's own sync afterwards sends nothing twice, whichever copy arrives first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bundletools import audit_rows, queue_rows, upload
from synctools import Desk, payload, receipt

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import bundles
from ltsa_desk.services.context import Actor
from sync.sim.process import SimHandle

BUDI_NIK = "5203011205900001"


def _applied(sim: SimHandle) -> tuple[int, int]:
    stats = sim.stats()
    return stats["registry"]["applied"], stats["immigration"]["applied"]


def _no_duplicates(sim: SimHandle) -> None:
    stats = sim.stats()
    assert stats["registry"]["duplicate_effects"] == 0, stats
    assert stats["immigration"]["duplicate_effects"] == 0, stats


def test_round_trip_delivers_each_item_once_and_the_counter_sends_nothing_again(
    desk: Desk, district: Workspace, technician: Actor, sim: SimHandle, tmp_path: Path
) -> None:
    applicants = desk.register_many(5)
    passports = [desk.request_passport(a) for a in applicants[:2]]
    queued = desk.items()
    assert len(queued) == 7 and all(i.state == "pending" for i in queued)
    assert not any(i.look_up_first for i in queued)

    bundle_file = tmp_path / "usb" / "lotim.ltsab"
    bundle_file.parent.mkdir()
    exported = bundles.export_bundle(desk.workspace, bundle_file, desk.actor)

    assert exported.items == 7
    assert exported.by_destination == {"registry": 5, "immigration": 2}
    assert bundle_file.is_file()
    assert BUDI_NIK.encode() not in bundle_file.read_bytes()
    assert b"Budi" not in bundle_file.read_bytes(), "the bundle must not be readable"
    after_export = desk.items()
    assert all(i.look_up_first for i in after_export), "never blind again from the counter"
    assert all(i.state == "pending" and i.attempts == 0 for i in after_export)
    (entry,) = audit_rows(desk.workspace, "bundle.export")
    assert entry.actor == desk.actor.username
    assert json.loads(entry.after or "{}")["items"] == 7
    assert entry.entity_id == exported.bundle_id

    receipts_file = tmp_path / "usb" / "lotim.ltsar"
    uploaded = upload(district, bundle_file, receipts_file, technician)

    assert (uploaded.items, uploaded.delivered, uploaded.refused, uploaded.waiting) == (7, 7, 0, 0)
    assert receipts_file.is_file()
    assert _applied(sim) == (5, 2)
    _no_duplicates(sim)
    for passport in passports:
        (application,) = sim.records("immigration", client_reference=passport.key)
        registration = desk.items(desk.applicant_by_chain(passport.chain))[0]
        (worker,) = sim.records("registry", client_reference=registration.key)
        assert application["registry_id"] == worker["registry_id"], (
            "the passport application takes the registry id delivered in the same upload"
        )
    (upload_entry,) = audit_rows(district, "bundle.upload")
    assert upload_entry.actor == "teknisi1"
    assert json.loads(upload_entry.after or "{}")["delivered"] == 7
    assert desk.items() == after_export or all(i.state == "pending" for i in desk.items()), (
        "the upload changes nothing at the counter"
    )

    imported = bundles.import_receipts(desk.workspace, receipts_file, desk.actor)

    assert imported.applied.delivered == 7
    assert imported.applied.already_delivered == imported.applied.refused == 0
    items = desk.items()
    assert all(i.state == "delivered" for i in items)
    for applicant in applicants:
        registration = desk.items(applicant)[0]
        (worker,) = sim.records("registry", client_reference=registration.key)
        assert receipt(registration)["registry_id"] == worker["registry_id"]
        assert desk.applicant(applicant).registry_id == worker["registry_id"]
    for passport in passports:
        delivered = desk.item(passport.key)
        (application,) = sim.records("immigration", client_reference=passport.key)
        assert receipt(delivered)["application_no"] == application["application_no"]
        assert (
            desk.applicant_by_chain(passport.chain).passport_application_no
            == application["application_no"]
        )
    (import_entry,) = audit_rows(desk.workspace, "bundle.receipts")
    assert json.loads(import_entry.after or "{}")["delivered"] == 7

    # The line comes back at the counter: its own sync finds nothing left to send.
    desk.connect(sim)
    received_before = {name: s["received"] for name, s in sim.stats().items()}
    desk.run_pass()
    assert {name: s["received"] for name, s in sim.stats().items()} == received_before
    assert _applied(sim) == (5, 2)
    _no_duplicates(sim)

    # Importing the same receipts again changes nothing.
    before = queue_rows(desk.workspace)
    again = bundles.import_receipts(desk.workspace, receipts_file, desk.actor)
    assert again.applied.already_delivered == 7 and again.applied.delivered == 0
    assert queue_rows(desk.workspace) == before


def test_counter_line_returns_before_the_upload_the_upload_only_looks(
    desk: Desk, district: Workspace, technician: Actor, sim: SimHandle, tmp_path: Path
) -> None:
    applicants = desk.register_many(3)
    desk.request_passport(applicants[0])
    bundle_file = tmp_path / "b.ltsab"
    assert bundles.export_bundle(desk.workspace, bundle_file, desk.actor).items == 4

    desk.connect(sim)
    desk.run_pass()  # looks each item up first (another copy travels), finds none, sends
    assert all(i.state == "delivered" for i in desk.items())
    assert _applied(sim) == (3, 1)

    uploaded = upload(district, bundle_file, tmp_path / "b.ltsar", technician)

    assert uploaded.delivered == 4, "found by client reference, reported as delivered"
    assert _applied(sim) == (3, 1), "nothing applied a second time"
    _no_duplicates(sim)

    before = queue_rows(desk.workspace)
    imported = bundles.import_receipts(desk.workspace, tmp_path / "b.ltsar", desk.actor)
    assert imported.applied.already_delivered == 4
    assert imported.applied.delivered == 0
    assert queue_rows(desk.workspace) == before, "items delivered meanwhile stay as they are"


def test_upload_first_then_the_counter_syncs_before_importing_receipts(
    desk: Desk, district: Workspace, technician: Actor, sim: SimHandle, tmp_path: Path
) -> None:
    applicants = desk.register_many(3)
    desk.request_passport(applicants[1])
    bundle_file = tmp_path / "b.ltsab"
    bundles.export_bundle(desk.workspace, bundle_file, desk.actor)
    upload(district, bundle_file, tmp_path / "b.ltsar", technician)
    assert _applied(sim) == (3, 1)

    desk.connect(sim)
    desk.run_pass()  # the receipts are still on the USB stick: the counter looks first

    items = desk.items()
    assert all(i.state == "delivered" for i in items)
    assert _applied(sim) == (3, 1)
    _no_duplicates(sim)
    for applicant in applicants:
        (worker,) = sim.records("registry", client_reference=desk.items(applicant)[0].key)
        assert desk.applicant(applicant).registry_id == worker["registry_id"]

    imported = bundles.import_receipts(desk.workspace, tmp_path / "b.ltsar", desk.actor)
    assert imported.applied.already_delivered == 4


def test_a_refusal_comes_back_as_needs_attention_with_the_remote_reason(
    desk: Desk, district: Workspace, technician: Actor, sim: SimHandle, tmp_path: Path
) -> None:
    (seeded,) = sim.seed_registry(
        {"nik": BUDI_NIK, "full_name": "Budi Santosa", "birth_date": "1990-05-12", "sex": "L"}
    )
    other_id = seeded["body"]["registry_id"]
    budi = desk.register(1, name="Budi Santoso")
    passport = desk.request_passport(budi)
    siti = desk.register(2, female=True, name="Siti Aminah")
    bundle_file = tmp_path / "b.ltsab"
    assert bundles.export_bundle(desk.workspace, bundle_file, desk.actor).items == 3

    uploaded = upload(district, bundle_file, tmp_path / "b.ltsar", technician)
    assert (uploaded.delivered, uploaded.refused, uploaded.waiting) == (1, 1, 1)
    assert sim.records("immigration") == [], "the passport waits behind the refused registration"

    imported = bundles.import_receipts(desk.workspace, tmp_path / "b.ltsar", desk.actor)

    assert (imported.applied.delivered, imported.applied.refused) == (1, 1)
    assert imported.applied.still_waiting == 1
    refused, held = desk.items(budi)
    assert refused.state == "needs_attention"
    assert refused.last_status == 409
    assert refused.last_error and other_id in refused.last_error
    assert held.key == passport.key
    assert held.state == "pending" and held.look_up_first
    assert desk.applicant(budi).registry_id is None
    (siti_item,) = desk.items(siti)
    assert siti_item.state == "delivered"
    assert desk.status()["registry"]["needs_attention"] == 1

    # The officer corrects the record: the replacement is new, so it may go blind; the held
    # passport application is replaced too and follows it.
    desk.update(budi, full_name="Budi Santosa")
    desk.connect(sim)
    desk.run_pass()
    states = [i.state for i in desk.items(budi)]
    assert states == ["superseded", "delivered", "superseded", "delivered"]
    _no_duplicates(sim)


def test_export_leaves_out_what_waits_for_the_officer_and_carries_known_receipts(
    desk: Desk, district: Workspace, technician: Actor, sim: SimHandle, tmp_path: Path
) -> None:
    # The registry answered for a while; immigration's link was already down.
    desk.connect(sim)
    config = desk.workspace.config
    config.set("immigration.url", "http://127.0.0.1:9/immigration")
    config.save()
    early = desk.register(1)
    early_passport = desk.request_passport(early)  # queued before the registry id existed
    sim.seed_registry(
        {
            "nik": "5203011205900002",
            "full_name": "Orang Lain",
            "birth_date": "1990-05-12",
            "sex": "L",
        }
    )
    refused = desk.register(2)
    desk.run_pass()
    assert desk.items(early)[0].state == "delivered"
    assert desk.item(early_passport.key).state == "pending"
    assert "registry_id" not in payload(early_passport)
    assert desk.items(refused)[0].state == "needs_attention"
    registry_id = receipt(desk.items(early)[0])["registry_id"]

    # Then the whole line died (no engine runs from here on); work goes on.
    blocked_passport = desk.request_passport(refused)
    fresh = desk.register(3)

    bundle_file = tmp_path / "b.ltsab"
    exported = bundles.export_bundle(desk.workspace, bundle_file, desk.actor)

    assert exported.items == 2, "the passport behind a refused registration stays home"
    assert exported.dependencies == 1
    assert desk.item(blocked_passport.key).look_up_first is False
    assert desk.item(early_passport.key).look_up_first is True
    assert desk.items(fresh)[0].look_up_first is True

    uploaded = upload(district, bundle_file, tmp_path / "b.ltsar", technician)
    assert uploaded.delivered == 2
    (application,) = sim.records("immigration", client_reference=early_passport.key)
    assert application["registry_id"] == registry_id, "completed from the known receipt"


def test_nothing_to_export_writes_no_file(desk: Desk, tmp_path: Path) -> None:
    report = bundles.export_bundle(desk.workspace, tmp_path / "empty.ltsab", desk.actor)
    assert report.items == 0 and report.path is None
    assert not (tmp_path / "empty.ltsab").exists()
    assert audit_rows(desk.workspace, "bundle.export") == []


def test_export_without_the_secret_is_refused_with_the_command_that_fixes_it(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    Desk(workspace, actor).register(1)
    before = queue_rows(workspace)
    with pytest.raises(bundles.BundleError, match="credentials set bundle"):
        bundles.export_bundle(workspace, tmp_path / "x.ltsab", actor)
    assert queue_rows(workspace) == before
    assert not (tmp_path / "x.ltsab").exists()


def test_a_short_secret_is_refused(workspace: Workspace, technician: Actor) -> None:
    """(An office secret: the admin's or the technician's, not an officer's.)"""
    with pytest.raises(bundles.BundleError, match="minimal 12"):
        bundles.set_bundle_secret(workspace, "pendek", technician)
