"""Refusals that need the officer (a 409 whose remote record is someone else), and corrections: only
that chain waits, the corrected item takes the refused one's place, and the chain goes on."""

from __future__ import annotations

from synctools import Desk, payload, receipt

from sync import outbox
from sync.sim.process import SimHandle

BUDI_NIK = "5203011205900001"


def _seed_other_budi(sim: SimHandle) -> str:
    """The registry already holds Budi's NIK under a differently spelled name."""
    (seeded,) = sim.seed_registry(
        {"nik": BUDI_NIK, "full_name": "Budi Santosa", "birth_date": "1990-05-12", "sex": "L"}
    )
    assert seeded["status"] == 201
    return str(seeded["body"]["registry_id"])


def test_mismatch_needs_attention_then_correction_supersedes_and_chain_goes_on(
    desk: Desk, sim: SimHandle
) -> None:
    desk.connect(sim)
    existing_id = _seed_other_budi(sim)
    budi = desk.register(1, name="Budi Santoso")
    assert budi.nik == BUDI_NIK
    desk.request_passport(budi)
    siti = desk.register(2, female=True, name="Siti Aminah")
    desk.request_passport(siti)

    desk.run_pass()

    refused, held = desk.items(budi)
    assert refused.state == "needs_attention"
    assert refused.last_status == 409
    assert refused.last_error and f"already registered under registry id {existing_id}" in (
        refused.last_error
    )
    assert held.state == "pending" and held.attempts == 0, "the passport must wait its turn"
    assert [item.state for item in desk.items(siti)] == ["delivered", "delivered"]
    status = desk.status()
    assert status["registry"]["needs_attention"] == 1
    assert status["immigration"]["pending"] == 1

    desk.run_pass()  # nothing changes by itself: no retry of the refusal, no passport sent
    refused, held = desk.items(budi)
    assert (refused.state, refused.attempts) == ("needs_attention", 1)
    assert held.attempts == 0
    assert len(sim.records("immigration")) == 1

    desk.update(budi, full_name="Budi Santosa")  # the officer checks the KTP and corrects

    old, new, stale, passport = desk.items(budi)
    assert old.key == refused.key
    assert old.state == "superseded"
    assert old.superseded_by == new.key
    assert old.last_error == refused.last_error, "the refusal stays in the history"
    assert payload(old)["full_name"] == "Budi Santoso", "a queued item's content never changes"
    assert new.state == "pending" and new.attempts == 0
    assert new.chain_position == old.chain_position
    assert new.kind == old.kind
    assert payload(new)["full_name"] == "Budi Santosa"
    assert payload(new)["client_reference"] == new.key
    # the held passport application carried the old name: replaced too, in its own place
    assert stale.key == held.key
    assert (stale.state, stale.superseded_by) == ("superseded", passport.key)
    assert payload(stale)["full_name"] == "Budi Santoso"
    assert passport.chain_position == held.chain_position
    assert passport.depends_on == new.key
    assert payload(passport)["full_name"] == "Budi Santosa"

    desk.run_pass()

    old, new, stale, passport = desk.items(budi)
    assert (old.state, stale.state) == ("superseded", "superseded")
    assert new.state == "delivered"
    assert receipt(new) == {"registry_id": existing_id, "adopted": True}
    assert passport.state == "delivered"
    (application,) = sim.records("immigration", client_reference=passport.key)
    assert application["registry_id"] == existing_id
    assert application["full_name"] == "Budi Santosa"
    assert sim.records("immigration", client_reference=stale.key) == []
    refreshed = desk.applicant(budi)
    assert refreshed.registry_id == existing_id
    assert refreshed.passport_application_no == application["application_no"]
    assert [r["nik"] for r in sim.records("registry")].count(BUDI_NIK) == 1
    totals = desk.status()["totals"]
    assert (totals["needs_attention"], totals["superseded"], totals["delivered"]) == (0, 2, 4)
    assert sim.stats()["registry"]["duplicate_effects"] == 0


def test_retry_after_the_remote_side_was_fixed(desk: Desk, sim: SimHandle) -> None:
    desk.connect(sim)
    _seed_other_budi(sim)
    budi = desk.register(1, name="Budi Santoso")
    desk.run_pass()
    (item,) = desk.items(budi)
    assert item.state == "needs_attention"

    sim.reset()  # the registry removed the wrong record on its side
    with desk.workspace.database.write_session() as session:
        assert outbox.retry(session, item.key) == 1
        session.commit()
    desk.run_pass()

    (item,) = desk.items(budi)
    assert item.state == "delivered"
    assert item.attempts == 2
    (record,) = sim.records("registry")
    assert record["client_reference"] == item.key
    assert record["full_name"] == "Budi Santoso"
    assert desk.applicant(budi).registry_id == record["registry_id"]


def test_correction_before_the_first_send_replaces_the_queued_registration(
    desk: Desk, sim: SimHandle
) -> None:
    desk.connect(sim)
    budi = desk.register(1, name="Budi Santoso")
    desk.update(budi, full_name="Budi Santoso Putra")

    old, new = desk.items(budi)
    assert (old.state, old.superseded_by) == ("superseded", new.key)
    assert new.chain_position == old.chain_position

    desk.run_pass()

    (record,) = sim.records("registry")
    assert record["client_reference"] == desk.items(budi)[1].key
    assert record["full_name"] == "Budi Santoso Putra"
    assert sim.records("registry", client_reference=old.key) == []


def test_correction_after_delivery_sends_an_update(desk: Desk, careless_sim: SimHandle) -> None:
    sim = careless_sim
    desk.connect(sim)
    budi = desk.register(1, name="Budi Santoso")
    desk.run_pass()
    registry_id = desk.applicant(budi).registry_id
    assert registry_id

    desk.update(budi, full_name="Budi Santoso Putra", birth_place="Mataram")
    registration, correction = desk.items(budi)
    assert correction.kind == "worker.update"
    assert correction.depends_on == registration.key
    sim.set_faults(drop_after_commit=1.0)  # the answer to the PUT is lost: look it up, no re-PUT

    desk.drain(timeout=10)

    registration, correction = desk.items(budi)
    assert correction.state == "delivered"
    assert correction.attempts == 2
    (record,) = sim.records("registry")
    assert record["registry_id"] == registry_id
    assert record["full_name"] == "Budi Santoso Putra"
    assert record["birth_place"] == "Mataram"
    assert record["version"] == 2
    assert record["last_update_reference"] == correction.key
    stats = sim.stats()["registry"]
    assert stats["duplicate_effects"] == 0
    assert stats["received"] == 2


def test_passport_queued_behind_a_refusal_carries_the_corrected_name(
    desk: Desk, sim: SimHandle
) -> None:
    """The passport application waiting behind the refused registration was queued with the old
    name. After the officer's correction it must not reach immigration with that wrong name."""
    desk.connect(sim)
    _seed_other_budi(sim)
    budi = desk.register(1, name="Budi Santoso")
    desk.request_passport(budi)
    desk.run_pass()
    desk.update(budi, full_name="Budi Santosa")

    desk.run_pass()

    assert desk.status()["totals"]["pending"] == 0
    (application,) = sim.records("immigration")
    assert application["full_name"] == "Budi Santosa"


def test_cancelling_a_cpmi_whose_registration_was_refused_clears_the_queue(
    desk: Desk, sim: SimHandle
) -> None:
    """A cancelled CPMI cannot be corrected any more; its refused item must not ask for the
    officer's attention (and hold `sync run` at exit 4) for ever."""
    desk.connect(sim)
    _seed_other_budi(sim)
    budi = desk.register(1, name="Budi Santoso")
    desk.request_passport(budi)
    desk.run_pass()
    assert [item.state for item in desk.items(budi)] == ["needs_attention", "pending"]

    desk.cancel(budi)

    assert [item.state for item in desk.items(budi)] == ["withdrawn", "withdrawn"]
    assert desk.status()["totals"]["needs_attention"] == 0
