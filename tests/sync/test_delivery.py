"""The happy paths, end to end over HTTP: registration, adoption of a record already there,
dependency fill-in at send time, the status pull, and cancelling before anything left."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from desktools import letters, nik
from synctools import Desk, as_utc, payload, receipt

from sync.sim.process import SimHandle


def test_registration_is_delivered_with_its_receipt(desk: Desk, sim: SimHandle) -> None:
    desk.connect(sim)
    budi = desk.register(1)
    siti = desk.register(2, female=True, name="Siti Aminah")
    before = desk.status()
    assert before["registry"]["pending"] == 2
    assert before["registry"]["delivered"] == 0
    assert before["registry"]["oldest_pending_age_s"] is not None
    assert before["totals"]["pending"] == 2

    started = datetime.now(UTC)
    desk.run_pass()

    for applicant in (budi, siti):
        (item,) = desk.items(applicant)
        assert item.state == "delivered"
        assert item.attempts == 1
        assert item.delivered_at is not None and as_utc(item.delivered_at) >= started
        got = receipt(item)
        (record,) = sim.records("registry", client_reference=item.key)
        assert got["registry_id"] == record["registry_id"]
        assert got.get("received_at") == record["received_at"]
        assert desk.applicant(applicant).registry_id == record["registry_id"]
        # the key travels as the client reference; the content is the applicant's
        assert record["nik"] == applicant.nik
        assert record["full_name"] == applicant.full_name
        assert record["tracking_code"] == applicant.tracking_code

    stats = sim.stats()["registry"]
    assert stats["duplicates_suppressed"] == 0
    assert stats["applied"] == 2
    assert stats["duplicate_effects"] == 0

    after = desk.status()
    registry = after["registry"]
    assert registry["online"] is True
    assert registry["offline_since"] is None
    assert registry["paused"] is False
    assert (registry["pending"], registry["in_flight"], registry["needs_attention"]) == (0, 0, 0)
    assert registry["delivered"] == 2
    assert registry["oldest_pending_age_s"] is None
    assert after["immigration"]["delivered"] == 0
    assert after["totals"]["delivered"] == 2
    assert after["totals"]["pending"] == 0


def test_matching_record_already_in_registry_is_adopted(desk: Desk, sim: SimHandle) -> None:
    """A 409 for a NIK the registry holds under a record that IS this CPMI: no officer needed."""
    desk.connect(sim)
    (seeded,) = sim.seed_registry(
        {
            "nik": "5203011205900001",
            "full_name": "BUDI  santoso",
            "birth_date": "1990-05-12",
            "sex": "L",
        }
    )
    existing_id = seeded["body"]["registry_id"]
    budi = desk.register(1, name="Budi Santoso")

    desk.run_pass()

    (item,) = desk.items(budi)
    assert item.state == "delivered"
    assert item.last_error is None
    assert receipt(item) == {"registry_id": existing_id, "adopted": True}
    assert desk.applicant(budi).registry_id == existing_id
    assert len(sim.records("registry")) == 1, "adoption must not create a second record"
    stats = sim.stats()["registry"]
    assert stats["applied"] == 0
    assert stats["duplicate_effects"] == 0
    assert desk.status()["totals"]["needs_attention"] == 0


def test_an_old_register_already_in_the_registry_is_adopted_in_bulk(
    desk: Desk, sim: SimHandle
) -> None:
    """Importing an old register whose CPMI the registry already holds must not bury the officer
    in conflicts: every true match is adopted, only the new ones are created."""
    desk.connect(sim)
    known = 10
    seeded = sim.seed_registry(
        *(
            {
                "nik": nik(serial),
                "full_name": f"Budi Santoso {letters(serial)}",
                "birth_date": "1990-05-12",
                "sex": "L",
            }
            for serial in range(1, known + 1)
        )
    )
    ids = {result["body"]["nik"]: result["body"]["registry_id"] for result in seeded}
    applicants = desk.register_many(known + 2)

    desk.drain(timeout=15)

    assert desk.states() == {"delivered": known + 2}
    adopted = [a for a in applicants if receipt(desk.items(a)[0]).get("adopted")]
    assert sorted(a.nik for a in adopted) == sorted(ids)
    for applicant in adopted:
        assert desk.applicant(applicant).registry_id == ids[applicant.nik]
    assert len(sim.records("registry")) == known + 2
    assert sim.stats()["registry"]["applied"] == 2


def test_passport_application_gets_registry_id_at_send_time(desk: Desk, sim: SimHandle) -> None:
    desk.connect(sim)
    budi = desk.register(1)
    passport = desk.request_passport(budi)
    registration = desk.items(budi)[0]
    assert passport.destination == "immigration"
    assert passport.depends_on == registration.key
    assert "registry_id" not in payload(passport)

    desk.run_pass()

    registration, passport = desk.items(budi)
    assert (registration.state, passport.state) == ("delivered", "delivered")
    registry_id = receipt(registration)["registry_id"]
    (application,) = sim.records("immigration", client_reference=passport.key)
    assert application["registry_id"] == registry_id
    assert receipt(passport)["application_no"] == application["application_no"]
    assert "registry_id" not in payload(passport), "the stored payload never changes"
    refreshed = desk.applicant(budi)
    assert refreshed.registry_id == registry_id
    assert refreshed.passport_application_no == application["application_no"]


def test_status_pull_moves_the_case_to_passport_issued(desk: Desk, sim: SimHandle) -> None:
    desk.connect(sim)
    budi = desk.register(1)
    siti = desk.register(2, female=True, name="Siti Aminah")
    desk.request_passport(budi)
    desk.request_passport(siti)
    desk.run_pass()
    assert desk.all_delivered()
    siti_no = desk.applicant(siti).passport_application_no
    assert siti_no

    sim.advance()  # received -> interview_scheduled
    sim.advance(reject={siti_no: "Foto tidak sesuai ketentuan"})  # budi issued, siti rejected
    desk.run_pass()

    budi_now, siti_now = desk.applicant(budi), desk.applicant(siti)
    assert budi_now.state == "passport_issued"
    assert siti_now.state == "passport_requested"
    budi_notes = [e.note for e in desk.case_events(budi) if e.actor == "sync:immigration"]
    assert budi_notes == [
        "Permohonan paspor diterima imigrasi",
        "Wawancara paspor dijadwalkan",
        "Paspor terbit",
    ]
    issued = [e for e in desk.case_events(budi) if e.note == "Paspor terbit"]
    assert (issued[0].from_state, issued[0].to_state) == ("passport_requested", "passport_issued")
    siti_notes = [e.note for e in desk.case_events(siti) if e.actor == "sync:immigration"]
    assert siti_notes[-1] == "Permohonan paspor ditolak imigrasi: Foto tidak sesuai ketentuan"
    assert desk.destination("immigration").cursor

    # the cursor holds: pulling again applies nothing twice
    events = len(desk.case_events(budi)) + len(desk.case_events(siti))
    desk.run_pass()
    assert len(desk.case_events(budi)) + len(desk.case_events(siti)) == events


def test_cancel_withdraws_unsent_items(desk: Desk, sim: SimHandle) -> None:
    desk.connect(sim)
    budi = desk.register(1)
    desk.request_passport(budi)
    siti = desk.register(2, female=True, name="Siti Aminah")

    desk.cancel(budi)
    assert [item.state for item in desk.items(budi)] == ["withdrawn", "withdrawn"]

    desk.drain(timeout=10)

    assert [item.state for item in desk.items(budi)] == ["withdrawn", "withdrawn"]
    for item in desk.items(budi):
        assert item.attempts == 0
        assert sim.records("registry", client_reference=item.key) == []
        assert sim.records("immigration", client_reference=item.key) == []
    assert [r["nik"] for r in sim.records("registry")] == [siti.nik]
    assert sim.records("immigration") == []
    assert desk.applicant(budi).registry_id is None
    totals = desk.status()["totals"]
    assert (totals["withdrawn"], totals["delivered"], totals["pending"]) == (2, 1, 0)


def test_cancel_after_delivery_withdraws_only_what_is_left(desk: Desk, sim: SimHandle) -> None:
    desk.connect(sim)
    budi = desk.register(1)
    desk.run_pass()
    desk.request_passport(budi)

    desk.cancel(budi)
    desk.drain(timeout=10)

    assert [item.state for item in desk.items(budi)] == ["delivered", "withdrawn"]
    assert len(sim.records("registry")) == 1
    assert sim.records("immigration") == []


def test_a_claims_receipts_reach_their_applicants_in_one_statement(
    desk: Desk, sim: SimHandle
) -> None:
    """The delivery hook runs once per claim, not once per item: one UPDATE of the applicant
    table carries every receipt number of the claim (issue 19: one statement per item took 9%
    of the drain's time, on the worker's thread, holding the window's interpreter lock)."""
    from sqlalchemy import event

    desk.connect(sim)
    people = desk.register_many(6)
    writer = desk.workspace.database.writer
    updates: list[tuple[str, bool]] = []

    def seen(*args: Any) -> None:
        statement, executemany = args[2], args[5]
        if statement.lstrip().upper().startswith("UPDATE APPLICANT"):
            updates.append((statement, executemany))

    event.listen(writer, "before_cursor_execute", seen)
    try:
        desk.run_pass(batch_size=8, concurrency=1)
    finally:
        event.remove(writer, "before_cursor_execute", seen)
    assert len(updates) == 1, updates
    for applicant in people:
        (record,) = sim.records("registry", client_reference=desk.items(applicant)[0].key)
        assert desk.applicant(applicant).registry_id == record["registry_id"]
