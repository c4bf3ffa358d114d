"""`ltsa-desk migrate-to`: two lone counters of one office move into one shared database, twice.

Each counter brings applicants, a scan, a letter, its audit log, accounts and an outbox in every
state. The first move creates the office's tables, the second joins them; a CPMI registered at
both counters (one NIK) is reported, not duplicated; the second run of each moves nothing. Items
not yet delivered are never sent blind afterwards: one of them already reached the (careless)
remote before the move, and the sync run that follows finds it instead of sending it again.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from desktools import OFFICE, run_cli
from officetools import actor, person
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from ltsa_desk.counter.config import Config
from ltsa_desk.counter.workspace import Workspace, initialise, open_workspace
from ltsa_desk.services import accounts, letters
from ltsa_desk.services import documents as docs
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.store.database import open_database
from ltsa_desk.store.models import Applicant, AuditLog, Document, Letter, MovedCounter, Officer
from sync.credentials import set_token
from sync.models import ItemState, OutboxItem
from sync.sim.process import run_sim_process

TODAY = date.today()
AGENCY = "PT Bintang Mandiri"


def _counter(folder: Path, counter_id: str) -> Workspace:
    initialise(folder, office_code=OFFICE, counter_id=counter_id)
    from ltsa_desk.counter.workspace import confirm_recovery_key_shown

    confirm_recovery_key_shown(folder)
    return open_workspace(folder)


def _register(workspace: Workspace, counter_id: str, serial: int) -> Applicant:
    with workspace.database.write_session() as session:
        return register_applicant(
            session, person(serial, agency=AGENCY), actor(counter_id), today=TODAY
        ).applicant


def _item_of(workspace: Workspace, applicant: Applicant) -> OutboxItem:
    with Session(workspace.database.engine) as session:
        return session.exec(select(OutboxItem).where(OutboxItem.chain == str(applicant.id))).one()


def _force(workspace: Workspace, key: str, **values: Any) -> None:
    with Session(workspace.database.writer) as session:
        session.exec(update(OutboxItem).where(col(OutboxItem.key) == key).values(**values))
        session.commit()


def _letter_for(workspace: Workspace, counter_id: str, applicant: Applicant) -> str:
    store = docs.attachment_store(workspace)
    officer = actor(counter_id)
    for kind in ("ktp", "kk", "ijazah", "family_permission"):
        with workspace.database.write_session() as session:
            docs.attach(
                session, store, applicant.id, kind, _pdf(kind, applicant), officer, today=TODAY
            )
            docs.verify(session, applicant.id, kind, officer, today=TODAY)
    with workspace.database.write_session() as session:
        docs.mark_documents_complete(session, applicant.id, officer, today=TODAY)
    office = letters.OfficeSettings(office_code=OFFICE, counter_id=counter_id)
    with workspace.database.write_session() as session:
        return letters.issue_spr(session, applicant.id, officer, office, today=TODAY).letter.number


def _pdf(kind: str, applicant: Applicant) -> bytes:
    return b"%PDF-1.4\n% " + f"{kind} {applicant.nik}".encode() + b"\n%%EOF\n"


def _audit_count(workspace: Workspace) -> int:
    with workspace.database.session() as session:
        return int(session.exec(select(func.count()).select_from(AuditLog)).one())


def test_two_counters_move_into_one_database_twice_nothing_duplicated_nothing_lost(
    tmp_path: Path, office_url: str
) -> None:
    with run_sim_process(tmp_path / "sim", no_idempotency=True, seed=31) as sim:
        # --- counter 1: four CPMI, one with documents, a scan and an SPR; the queue in every state
        c1 = _counter(tmp_path / "c1", "LOTIM-01")
        first = [_register(c1, "LOTIM-01", serial) for serial in (1, 2, 3, 4)]
        number = _letter_for(c1, "LOTIM-01", first[0])
        with c1.database.write_session() as session:
            accounts.create_user(session, "admin", "admin", password="rahasia-satu", actor="os:t")
        delivered, reached, refused, in_flight = (_item_of(c1, a) for a in first)
        sim.seed_registry(json.loads(delivered.payload) | {"client_reference": delivered.key})
        _force(
            c1, delivered.key, state="delivered", attempts=1, delivered_at=first[0].registered_at,
            receipt=json.dumps({"registry_id": "REG-00000001"}),
        )  # fmt: skip
        # Reached the remote (its answer was lost), never marked: sent blind it would duplicate.
        sim.seed_registry(json.loads(reached.payload) | {"client_reference": reached.key})
        _force(c1, refused.key, state="needs_attention", attempts=1, last_error="nik: salah")
        _force(
            c1, in_flight.key, state="in_flight", attempts=1, lease_owner="c1:dead",
            lease_until=first[0].registered_at,
        )  # fmt: skip
        c1_audit = _audit_count(c1)
        c1_sha = docs.attachment_store(c1).put(_pdf("ktp", first[0])).sha256
        c1.close()

        # --- counter 2: two CPMI of its own and one already registered at counter 1
        c2 = _counter(tmp_path / "c2", "LOTIM-02")
        second = [_register(c2, "LOTIM-02", serial) for serial in (10, 11, 1)]
        with c2.database.write_session() as session:
            accounts.create_user(session, "admin", "admin", password="rahasia-dua", actor="os:t")
            accounts.create_user(session, "petugas2", "officer", password=None, actor="admin")
        c2_audit = _audit_count(c2)
        c2.close()

        moves = {}
        # The admin of the database the folder points at: each lone counter's own at first,
        # then the office's (counter 1's, moved first; counter 2's same name is not copied).
        runs = [("c1", "rahasia-satu"), ("c2", "rahasia-dua"), ("c1", "rahasia-satu"),
                ("c2", "rahasia-satu")]  # fmt: skip
        for folder, password in runs:
            result = run_cli(
                tmp_path / folder, "migrate-to", "--database-url", office_url, "--json",
                "--as", "admin", input=f"{password}\n",
            )  # fmt: skip
            assert result.code == 0, str(result)
            moves.setdefault(folder, []).append(result.json())

        c1_first, c1_again = moves["c1"]
        c2_first, c2_again = moves["c2"]
        assert c1_first["created_database"] is True and c2_first["created_database"] is False
        assert c1_first["database_id"] == c2_first["database_id"]
        assert c1_first["moved"]["applicants"] == 4
        assert c1_first["moved"]["attachments"] == 4  # ktp, kk, ijazah, family permission
        assert c1_first["moved"]["letters"] == 1
        assert c1_first["moved"]["audit_log"] == c1_audit
        assert c1_first["outbox_moved_by_state"] == {
            "delivered": 1, "pending": 2, "needs_attention": 1,
        }  # fmt: skip
        assert c2_first["moved"]["applicants"] == 2
        assert c2_first["moved"]["audit_log"] == c2_audit
        assert c2_first["accounts_kept"] == ["admin"]
        [duplicate] = c2_first["duplicate_niks"]
        assert duplicate["nik"] == first[0].nik
        assert duplicate["tracking_code"] == second[2].tracking_code
        assert duplicate["existing_tracking_code"] == first[0].tracking_code
        assert duplicate["left_behind"] == {"outbox_items": 1}
        for again in (c1_again, c2_again):
            assert not any(again["moved"].values()), again  # a second run adds nothing
        assert c1_again["already_there"]["applicants"] == 4
        assert c2_again["duplicate_niks"] == c2_first["duplicate_niks"]

        # --- the shared database holds everything once
        office = open_database(office_url)
        try:
            with office.session() as session:
                niks = session.exec(select(Applicant.nik)).all()
                assert len(niks) == len(set(niks)) == 6
                assert session.exec(select(func.count()).select_from(Letter)).one() == 1
                assert session.exec(select(Letter.number)).one() == number
                assert session.exec(select(func.count()).select_from(Document)).one() == 4
                audit = session.exec(select(func.count()).select_from(AuditLog)).one()
                assert audit == c1_audit + c2_audit
                usernames = sorted(session.exec(select(Officer.username)).all())
                assert usernames == ["admin", "petugas2"]
                items = {i.key: i for i in session.exec(select(OutboxItem)).all()}
                marks = session.exec(select(MovedCounter)).all()
            assert len(items) == 6
            for item in items.values():
                if item.state not in ("delivered", "superseded", "withdrawn"):
                    assert item.look_up_first, item  # never sent blind
                assert item.state != ItemState.IN_FLIGHT.value and item.lease_owner is None
            assert items[delivered.key].state == "delivered"
            assert items[refused.key].state == "needs_attention"
            assert sorted(m.counter_id for m in marks) == ["LOTIM-01", "LOTIM-02"]
        finally:
            office.close()

        # --- both counters now work on it: the scan opens at the other desk, numbers go on
        for folder in ("c1", "c2"):
            assert Config.load(tmp_path / folder).get("database.url") == office_url
            assert (tmp_path / folder / "ltsa.sqlite").exists()  # the counter's own record
        desk2 = open_workspace(tmp_path / "c2")
        try:
            assert docs.attachment_store(desk2).get(c1_sha) == _pdf("ktp", first[0])
        finally:
            desk2.close()
        desk1 = open_workspace(tmp_path / "c1")
        try:
            fifth = _register(desk1, "LOTIM-01", 5)
            assert fifth.tracking_code.endswith("-000005"), fifth.tracking_code
            config = desk1.config
            config.set("registry.url", sim.registry_url)
            config.set("immigration.url", sim.immigration_url)
            config.set("sync.retry_max_s", "1")
            config.save()
        finally:
            desk1.close()
        set_token("registry", OFFICE, sim.token)
        set_token("immigration", OFFICE, sim.token)
        before = sim.stats()["registry"]
        drained = run_cli(tmp_path / "c1", "sync", "run", "--until-empty", "--timeout", "60")
        stats = sim.stats()["registry"]
        records = sim.records("registry")

    assert drained.code == 4, str(drained)  # the refused item still needs the officer
    assert stats["duplicate_effects"] == 0, stats
    # Looked up first and sent: the in-flight one and counter 2's two; sent blind: the fifth (new
    # at this desk). Found at the remote, not sent again: the one that had reached it.
    assert stats["applied"] - before["applied"] == 4
    by_reference = {r["client_reference"] for r in records}
    assert reached.key in by_reference and in_flight.key in by_reference
    assert len(records) == len(by_reference)


@pytest.mark.parametrize("which", ["another office", "a taken counter id"])
def test_migrate_to_refuses_another_office_or_a_taken_counter_id(
    tmp_path: Path, office_url: str, which: str
) -> None:
    first = run_cli(
        tmp_path / "desk",
        "init", "--office-code", OFFICE, "--counter-id", "LOTIM-01", "--database-url", office_url,
    )  # fmt: skip
    assert first.code == 0, str(first)
    office, counter = ("52.01", "LOBAR-01") if which == "another office" else (OFFICE, "LOTIM-01")
    initialise(tmp_path / "lone", office_code=office, counter_id=counter)
    result = run_cli(tmp_path / "lone", "migrate-to", "--database-url", office_url)
    assert result.code == 2, str(result)
    assert ("milik kantor 52.03" if which == "another office" else "sudah dipakai") in result.stderr
    assert Config.load(tmp_path / "lone").get("database.url") == ""  # still the lone counter
    assert uuid.UUID(Config.load(tmp_path / "lone").get("database.id"))
