"""Registering, correcting and cancelling a CPMI on real databases (SQLite; PostgreSQL when set).

Every refusal is checked against the database itself: row counts of every table a registration
touches are compared before and after, so "refused" always also means "nothing written".
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import dbfile
import pytest
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.workflow import CaseState, IllegalTransition
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import (
    ApplicantClosed,
    DuplicateNik,
    WarningsNotConfirmed,
    cancel_applicant,
    change_state,
    register_applicant,
    update_applicant,
)
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.database import Database, sqlite_path
from ltsa_desk.store.models import Agency, Applicant, AuditLog, CaseEvent

TODAY = date(2026, 6, 1)
NIK_MALE = "5203011205900001"  # 12-05-1990, L, Lombok Timur
NIK_FEMALE = "5203015205950002"  # 12-05-1995, P (day + 40)
NIK_OTHER_REGENCY = "5201011205900004"  # Lombok Barat: needs the officer's confirmation
NIK_UNKNOWN_PROVINCE = "9903011205900001"

TABLES = ("applicant", "case_event", "audit_log", "agency", "counter_sequence", "outbox_item")
TRACKING = re.compile(r"^LOTIM-01-(\d{4})-(\d{6})$")


def male(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "nik": NIK_MALE,
        "full_name": "Budi Santoso",
        "birth_place": "Selong",
        "birth_date": "12-05-1990",
        "sex": "L",
    }
    data.update(overrides)
    return data


def female(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "nik": NIK_FEMALE,
        "full_name": "Siti Aminah",
        "birth_date": "12/05/1995",
        "sex": "P",
        "marital_status": "Belum Kawin",
        "destination_country": "Malaysia",
        "phone": "0812 3456 7890",
    }
    data.update(overrides)
    return data


def snapshot(database: Database) -> dict[str, int]:
    """Row count of every table a registration writes, plus the sum of the running numbers."""
    with database.engine.connect() as connection:
        counts = {
            table: int(connection.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one())
            for table in TABLES
        }
        counts["sequence_total"] = int(
            connection.exec_driver_sql(
                "SELECT COALESCE(SUM(last_value), 0) FROM counter_sequence"
            ).scalar_one()
        )
    return counts


def audit_entries(database: Database, action: str | None = None) -> list[AuditLog]:
    with database.session() as session:
        statement = select(AuditLog).order_by(col(AuditLog.id))
        if action is not None:
            statement = statement.where(AuditLog.action == action)
        return list(session.exec(statement).all())


def register(workspace: Workspace, actor: Actor, data: dict[str, Any], **kwargs: Any) -> Applicant:
    with workspace.database.write_session() as session:
        return register_applicant(session, data, actor, today=TODAY, **kwargs).applicant


def load(session: Session, applicant_id: Any) -> Applicant:
    """Services work on rows of their own session, as the form and the CLI load them."""
    found = session.get(Applicant, applicant_id)
    assert found is not None
    return found


def reload(workspace: Workspace, applicant_id: Any) -> Applicant:
    with workspace.database.session() as session:
        found = session.get(Applicant, applicant_id)
        assert found is not None
        return found


# ------------------------------------------------------------------------------------------------
# register_applicant


def test_register_saves_applicant_case_event_and_audit_together(
    workspace: Workspace, actor: Actor
) -> None:
    before = snapshot(workspace.database)
    with workspace.database.write_session() as session:
        result = register_applicant(session, female(agency="PT Maju Jaya"), actor, today=TODAY)
    assert result.warnings == []
    applicant_id = result.applicant.id

    after = snapshot(workspace.database)
    assert after["applicant"] == before["applicant"] + 1
    assert after["case_event"] == before["case_event"] + 1
    assert after["outbox_item"] == before["outbox_item"] + 1  # the registry learns of it
    assert after["agency"] == before["agency"] + 1
    # one entry for the registration, one for the agency it brought with it
    assert after["audit_log"] == before["audit_log"] + 2

    stored = reload(workspace, applicant_id)
    assert stored.nik == NIK_FEMALE
    assert stored.full_name == "Siti Aminah"
    assert stored.name_key == "siti aminah"
    assert stored.birth_date == date(1995, 5, 12)
    assert stored.sex == "P"
    assert stored.marital_status == "single"
    assert stored.destination_country == "MY"
    assert stored.phone == "+6281234567890"
    assert stored.regency_code == "52.03"
    assert stored.office_code == "52.03"
    assert stored.counter_id == "LOTIM-01"
    assert stored.registered_by == "petugas1"
    assert stored.state == CaseState.REGISTERED.value
    assert stored.agency_id is not None

    with workspace.database.session() as session:
        events = session.exec(select(CaseEvent).where(CaseEvent.applicant_id == applicant_id)).all()
        agency = session.get(Agency, stored.agency_id)
    assert [(e.from_state, e.to_state, e.actor) for e in events] == [
        (None, "registered", "petugas1")
    ]
    assert agency is not None and agency.name == "PT Maju Jaya" and agency.verified is False

    (entry,) = audit_entries(workspace.database, "applicant.register")
    assert entry.actor == "petugas1"
    assert entry.counter_id == "LOTIM-01"
    assert entry.entity == "applicant"
    assert entry.entity_id == str(applicant_id)
    assert entry.before is None
    assert entry.after is not None
    recorded = json.loads(entry.after)
    assert recorded["nik"] == NIK_FEMALE
    assert recorded["birth_date"] == "1995-05-12"
    assert recorded["tracking_code"] == stored.tracking_code
    assert recorded["agency"] == "PT Maju Jaya"


def test_tracking_codes_follow_counter_year_and_sequence(
    workspace: Workspace, actor: Actor
) -> None:
    first = register(workspace, actor, male())
    second = register(workspace, actor, female())
    assert first.tracking_code == "LOTIM-01-2026-000001"
    assert second.tracking_code == "LOTIM-01-2026-000002"
    assert TRACKING.match(first.tracking_code)

    with workspace.database.write_session() as session:
        next_year = register_applicant(
            session,
            male(nik="5203011205900002", full_name="Ahmad"),
            actor,
            today=date(2027, 1, 2),
        ).applicant
    assert next_year.tracking_code == "LOTIM-01-2027-000001"


def test_two_counters_sharing_a_database_never_clash(workspace: Workspace, actor: Actor) -> None:
    other_desk = Actor(username="petugas2", counter_id="LOTIM-02", office_code="52.03")
    mine = register(workspace, actor, male())
    theirs = register(workspace, other_desk, female())
    assert mine.tracking_code == "LOTIM-01-2026-000001"
    assert theirs.tracking_code == "LOTIM-02-2026-000001"


@pytest.mark.parametrize("typed", [NIK_MALE, f"  {NIK_MALE} ", "5203 0112 0590 0001"])
def test_duplicate_nik_is_refused_with_existing_tracking_code(
    workspace: Workspace, actor: Actor, typed: str
) -> None:
    first = register(workspace, actor, male())
    before = snapshot(workspace.database)
    with (
        workspace.database.write_session() as session,
        pytest.raises(DuplicateNik) as refused,
    ):
        register_applicant(session, male(nik=typed, full_name="Orang Lain"), actor, today=TODAY)
    assert refused.value.tracking_code == first.tracking_code
    assert refused.value.nik == NIK_MALE
    assert first.tracking_code in str(refused.value)
    assert snapshot(workspace.database) == before


def test_duplicate_nik_is_refused_before_its_warnings_are_asked(
    workspace: Workspace, actor: Actor
) -> None:
    """A NIK from another regency asks for confirmation; when it is already here, the officer is
    sent to that CPMI first (confirming warnings for a twin would be wasted work)."""
    first = register(
        workspace,
        actor,
        male(nik=NIK_OTHER_REGENCY, birth_date="12-05-1990"),
        confirm_warnings=True,
    )
    before = snapshot(workspace.database)
    for confirm in (False, True):
        with (
            workspace.database.write_session() as session,
            pytest.raises(DuplicateNik) as refused,
        ):
            register_applicant(
                session,
                male(nik=NIK_OTHER_REGENCY, full_name="Orang Lain"),
                actor,
                today=TODAY,
                confirm_warnings=confirm,
            )
        assert refused.value.tracking_code == first.tracking_code
    assert snapshot(workspace.database) == before


def test_refused_registration_releases_the_sqlite_write_lock(
    workspace: Workspace, actor: Actor
) -> None:
    """A refusal must not leave the caller's session holding BEGIN IMMEDIATE: the form stays open
    after a refusal, and every other writer (the sync engine, another window) would wait on it."""
    path = sqlite_path(workspace.database.url)
    if path is None:
        pytest.skip("write lock is SQLite's")
    register(workspace, actor, male())
    with workspace.database.write_session() as session:
        with pytest.raises(DuplicateNik):
            register_applicant(session, male(), actor, today=TODAY)
        with pytest.raises(WarningsNotConfirmed):
            register_applicant(session, male(nik=NIK_OTHER_REGENCY), actor, today=TODAY)
        # the officer still has the form (and its session) open; another writer must get in
        _assert_other_writer_gets_in(workspace)
        second = register(workspace, actor, male(nik="5203011205900002", full_name="Ahmad"))
        with pytest.raises(DuplicateNik):
            update_applicant(
                session, load(session, second.id), {"nik": NIK_MALE}, actor, today=TODAY
            )
        _assert_other_writer_gets_in(workspace)
        with pytest.raises(ValidationFailed):
            update_applicant(session, load(session, second.id), {"phone": "1"}, actor, today=TODAY)
        _assert_other_writer_gets_in(workspace)


def _assert_other_writer_gets_in(workspace: Workspace) -> None:
    other = dbfile.connect(workspace.data_dir, timeout=0.2, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_every_field_error_is_reported_at_once_under_its_field(
    workspace: Workspace, actor: Actor
) -> None:
    before = snapshot(workspace.database)
    bad = male(
        full_name="Budi 123",
        birth_date="31-02-1990",
        sex="X",
        kk="12ab",
        phone="12345",
        marital_status="rumit",
        destination_country="Narnia",
        sector="setengah",
        planned_departure="besok",
        address="x" * 301,
    )
    with (
        workspace.database.write_session() as session,
        pytest.raises(ValidationFailed) as refused,
    ):
        register_applicant(session, bad, actor, today=TODAY)
    errors = refused.value.errors
    assert set(errors) == {
        "full_name",
        "birth_date",
        "sex",
        "kk",
        "phone",
        "marital_status",
        "destination_country",
        "sector",
        "planned_departure",
        "address",
    }
    assert all(isinstance(message, str) and message for message in errors.values())
    assert "angka" in errors["full_name"]
    assert "Negara tujuan" in errors["destination_country"]
    assert snapshot(workspace.database) == before


def test_required_fields_missing(workspace: Workspace, actor: Actor) -> None:
    before = snapshot(workspace.database)
    with (
        workspace.database.write_session() as session,
        pytest.raises(ValidationFailed) as refused,
    ):
        register_applicant(session, {"nik": " ", "address": "Selong"}, actor, today=TODAY)
    assert set(refused.value.errors) == {"nik", "full_name", "birth_date", "sex"}
    assert all("wajib" in message for message in refused.value.errors.values())
    assert snapshot(workspace.database) == before


@pytest.mark.parametrize(
    ("nik", "words"),
    [
        (NIK_UNKNOWN_PROVINCE, "provinsi 99"),
        ("520301120590001", "16 angka"),
        ("52030112059A0001", "angka"),
        ("5203013102900001", "tidak mungkin"),
        ("5203011205900000", "0000"),
    ],
)
def test_invalid_nik_is_refused_under_nik(
    workspace: Workspace, actor: Actor, nik: str, words: str
) -> None:
    before = snapshot(workspace.database)
    with (
        workspace.database.write_session() as session,
        pytest.raises(ValidationFailed) as refused,
    ):
        register_applicant(session, male(nik=nik), actor, today=TODAY)
    assert words in refused.value.errors["nik"]
    assert snapshot(workspace.database) == before


def test_unknown_field_is_refused(workspace: Workspace, actor: Actor) -> None:
    with (
        workspace.database.write_session() as session,
        pytest.raises(ValidationFailed) as refused,
    ):
        register_applicant(session, male(hobby="memancing"), actor, today=TODAY)
    assert set(refused.value.errors) == {"hobby"}


def test_under_eighteen_on_registration_day_is_refused(workspace: Workspace, actor: Actor) -> None:
    before = snapshot(workspace.database)
    # born 01-06-2008: 18 on 01-06-2026, still 17 the day before
    data = male(nik="5203010106080001", birth_date="2008-06-01")
    with (
        workspace.database.write_session() as session,
        pytest.raises(ValidationFailed) as refused,
    ):
        register_applicant(session, data, actor, today=date(2026, 5, 31))
    assert set(refused.value.errors) == {"birth_date"}
    assert "18" in refused.value.errors["birth_date"]
    assert snapshot(workspace.database) == before

    with workspace.database.write_session() as session:
        saved = register_applicant(session, data, actor, today=date(2026, 6, 1)).applicant
    assert saved.birth_date == date(2008, 6, 1)


def test_birth_date_and_sex_must_match_the_nik(workspace: Workspace, actor: Actor) -> None:
    before = snapshot(workspace.database)
    with (
        workspace.database.write_session() as session,
        pytest.raises(ValidationFailed) as refused,
    ):
        register_applicant(session, male(birth_date="13-05-1990", sex="P"), actor, today=TODAY)
    errors = refused.value.errors
    assert set(errors) == {"birth_date", "sex"}
    assert "NIK" in errors["birth_date"] and "12-05-1990" in errors["birth_date"]
    assert "NIK" in errors["sex"] and "Laki-laki" in errors["sex"]

    # the woman's NIK carries day + 40: a form saying "L" is refused
    with (
        workspace.database.write_session() as session,
        pytest.raises(ValidationFailed) as refused_female,
    ):
        register_applicant(session, female(sex="Laki-laki"), actor, today=TODAY)
    assert set(refused_female.value.errors) == {"sex"}
    assert snapshot(workspace.database) == before


def test_ktp_from_another_regency_needs_confirmation(workspace: Workspace, actor: Actor) -> None:
    before = snapshot(workspace.database)
    data = male(nik=NIK_OTHER_REGENCY)
    with (
        workspace.database.write_session() as session,
        pytest.raises(WarningsNotConfirmed) as refused,
    ):
        register_applicant(session, data, actor, today=TODAY)
    assert any("52.01" in warning for warning in refused.value.warnings)
    assert snapshot(workspace.database) == before

    with workspace.database.write_session() as session:
        result = register_applicant(session, data, actor, today=TODAY, confirm_warnings=True)
    assert result.warnings == refused.value.warnings
    stored = reload(workspace, result.applicant.id)
    assert stored.regency_code == "52.01"
    assert stored.office_code == "52.03"
    (entry,) = audit_entries(workspace.database, "applicant.register")
    assert entry.after is not None
    assert json.loads(entry.after)["warnings_confirmed"] == refused.value.warnings


def _install_failing_insert_trigger(database: Database, table: str) -> None:
    """A real database failure part-way through the transaction (after earlier rows are flushed)."""
    with database.engine.begin() as connection:
        if database.is_sqlite:
            connection.exec_driver_sql(
                f"CREATE TRIGGER test_fail_{table} BEFORE INSERT ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
            )
        else:
            connection.exec_driver_sql(
                "CREATE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'injected failure'; END $$"
            )
            connection.exec_driver_sql(
                f"CREATE TRIGGER test_fail_{table} BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION test_fail()"
            )


def _drop_failing_insert_trigger(database: Database, table: str) -> None:
    with database.engine.begin() as connection:
        suffix = "" if database.is_sqlite else f" ON {table}"
        connection.exec_driver_sql(f"DROP TRIGGER test_fail_{table}{suffix}")


def test_failure_mid_transaction_leaves_nothing(workspace: Workspace, actor: Actor) -> None:
    register(workspace, actor, male())
    before = snapshot(workspace.database)
    # case_event is written after the agency, the sequence bump and the applicant row it refers to
    _install_failing_insert_trigger(workspace.database, "case_event")
    with (
        workspace.database.write_session() as session,
        pytest.raises(DBAPIError, match="injected failure"),
    ):
        register_applicant(session, female(agency="PT Baru Sekali"), actor, today=TODAY)
    assert snapshot(workspace.database) == before
    with workspace.database.session() as session:
        assert session.exec(select(Agency)).all() == []
        assert session.exec(select(Applicant).where(Applicant.nik == NIK_FEMALE)).first() is None

    _drop_failing_insert_trigger(workspace.database, "case_event")
    # the running number was rolled back too: no gap in the office's codes
    saved = register(workspace, actor, female())
    assert saved.tracking_code == "LOTIM-01-2026-000002"


# ------------------------------------------------------------------------------------------------
# update_applicant


def test_update_audits_only_changed_fields_before_and_after(
    workspace: Workspace, actor: Actor
) -> None:
    applicant = register(workspace, actor, male(address="Jl. Lama 1"))
    with workspace.database.write_session() as session:
        update_applicant(
            session,
            load(session, applicant.id),
            {"address": "Jl.  Baru   2", "phone": "+62 812-3456-7890", "full_name": "Budi Santoso"},
            actor,
            today=TODAY,
        )
    stored = reload(workspace, applicant.id)
    assert stored.address == "Jl. Baru 2"
    assert stored.phone == "+6281234567890"

    (entry,) = audit_entries(workspace.database, "applicant.update")
    assert entry.entity_id == str(applicant.id)
    assert entry.actor == "petugas1"
    assert entry.before is not None and entry.after is not None
    assert json.loads(entry.before) == {"address": "Jl. Lama 1", "phone": None}
    assert json.loads(entry.after) == {"address": "Jl. Baru 2", "phone": "+6281234567890"}


def test_update_without_real_change_writes_no_audit_entry(
    workspace: Workspace, actor: Actor
) -> None:
    applicant = register(workspace, actor, male())
    before = snapshot(workspace.database)
    with workspace.database.write_session() as session:
        update_applicant(
            session,
            load(session, applicant.id),
            {"full_name": "  Budi   Santoso ", "sex": "Laki-laki"},
            actor,
            today=TODAY,
        )
    assert snapshot(workspace.database) == before


def test_update_with_new_nik_updates_region_and_needs_confirmation(
    workspace: Workspace, actor: Actor
) -> None:
    applicant = register(workspace, actor, male())
    before = snapshot(workspace.database)
    with (
        workspace.database.write_session() as session,
        pytest.raises(WarningsNotConfirmed),
    ):
        update_applicant(
            session, load(session, applicant.id), {"nik": NIK_OTHER_REGENCY}, actor, today=TODAY
        )
    assert snapshot(workspace.database) == before
    assert reload(workspace, applicant.id).nik == NIK_MALE

    with workspace.database.write_session() as session:
        update_applicant(
            session,
            load(session, applicant.id),
            {"nik": NIK_OTHER_REGENCY},
            actor,
            today=TODAY,
            confirm_warnings=True,
        )
    stored = reload(workspace, applicant.id)
    assert stored.nik == NIK_OTHER_REGENCY
    assert stored.regency_code == "52.01"
    (entry,) = audit_entries(workspace.database, "applicant.update")
    assert entry.before is not None and entry.after is not None
    assert json.loads(entry.before) == {"nik": NIK_MALE}
    assert json.loads(entry.after) == {"nik": NIK_OTHER_REGENCY}


def test_update_refuses_nik_of_another_applicant(workspace: Workspace, actor: Actor) -> None:
    budi = register(workspace, actor, male())
    # Ahmad has the same birth date and sex as Budi, so only the NIK owner check can refuse
    ahmad = register(workspace, actor, male(nik="5203011205900002", full_name="Ahmad"))
    before = snapshot(workspace.database)
    with (
        workspace.database.write_session() as session,
        pytest.raises(DuplicateNik) as refused,
    ):
        update_applicant(session, load(session, ahmad.id), {"nik": NIK_MALE}, actor, today=TODAY)
    assert refused.value.tracking_code == budi.tracking_code
    assert snapshot(workspace.database) == before
    assert reload(workspace, ahmad.id).nik == "5203011205900002"


def test_update_applies_the_same_validation(workspace: Workspace, actor: Actor) -> None:
    applicant = register(workspace, actor, male())
    before = snapshot(workspace.database)
    with (
        workspace.database.write_session() as session,
        pytest.raises(ValidationFailed) as refused,
    ):
        update_applicant(
            session,
            load(session, applicant.id),
            {"birth_date": "13-05-1990", "phone": "999"},
            actor,
            today=TODAY,
        )
    assert set(refused.value.errors) == {"birth_date", "phone"}
    with (
        workspace.database.write_session() as session,
        pytest.raises(ValidationFailed) as unknown,
    ):
        update_applicant(
            session, load(session, applicant.id), {"tracking_code": "X"}, actor, today=TODAY
        )
    assert set(unknown.value.errors) == {"tracking_code"}
    assert snapshot(workspace.database) == before
    assert reload(workspace, applicant.id).birth_date == date(1990, 5, 12)


def test_cancelled_applicant_cannot_be_edited(workspace: Workspace, actor: Actor) -> None:
    applicant = register(workspace, actor, male())
    with workspace.database.write_session() as session:
        cancel_applicant(session, load(session, applicant.id), "Mengundurkan diri", actor)
    before = snapshot(workspace.database)
    with (
        workspace.database.write_session() as session,
        pytest.raises(ApplicantClosed, match=applicant.tracking_code),
    ):
        update_applicant(
            session, load(session, applicant.id), {"address": "Jl. Baru"}, actor, today=TODAY
        )
    assert snapshot(workspace.database) == before
    assert reload(workspace, applicant.id).address is None


# ------------------------------------------------------------------------------------------------
# cancel_applicant and the workflow


@pytest.mark.parametrize("reason", ["", "   ", "\t\n"])
def test_cancel_requires_a_reason(workspace: Workspace, actor: Actor, reason: str) -> None:
    applicant = register(workspace, actor, male())
    before = snapshot(workspace.database)
    with (
        workspace.database.write_session() as session,
        pytest.raises(ValidationFailed) as refused,
    ):
        cancel_applicant(session, load(session, applicant.id), reason, actor)
    assert set(refused.value.errors) == {"reason"}
    assert snapshot(workspace.database) == before
    assert reload(workspace, applicant.id).state == "registered"


def test_cancel_records_case_event_and_audit(workspace: Workspace, actor: Actor) -> None:
    applicant = register(workspace, actor, male())
    with workspace.database.write_session() as session:
        cancel_applicant(session, load(session, applicant.id), "  Tidak jadi   berangkat ", actor)
    stored = reload(workspace, applicant.id)
    assert stored.state == "cancelled"
    assert stored.cancelled_reason == "Tidak jadi berangkat"
    with workspace.database.session() as session:
        events = session.exec(
            select(CaseEvent)
            .where(CaseEvent.applicant_id == applicant.id)
            .where(CaseEvent.to_state == "cancelled")
        ).all()
    assert [(e.from_state, e.note, e.actor) for e in events] == [
        ("registered", "Tidak jadi berangkat", "petugas1")
    ]
    (entry,) = audit_entries(workspace.database, "applicant.state")
    assert entry.entity_id == str(applicant.id)
    assert entry.before is not None and entry.after is not None
    assert json.loads(entry.before) == {"state": "registered"}
    assert json.loads(entry.after) == {"state": "cancelled", "note": "Tidak jadi berangkat"}

    before = snapshot(workspace.database)
    with workspace.database.write_session() as session, pytest.raises(IllegalTransition):
        cancel_applicant(session, load(session, applicant.id), "lagi", actor)
    assert snapshot(workspace.database) == before


def _move(
    workspace: Workspace, applicant: Applicant, to: CaseState, actor: Actor, **kw: Any
) -> None:
    with workspace.database.write_session() as session:
        change_state(session, load(session, applicant.id), to, actor, **kw)
        session.commit()


def test_illegal_transitions_are_refused(workspace: Workspace, actor: Actor) -> None:
    applicant = register(workspace, actor, male())
    before = snapshot(workspace.database)
    for target in (CaseState.DEPARTED, CaseState.PASSPORT_ISSUED, CaseState.REGISTERED):
        with pytest.raises(IllegalTransition):
            _move(workspace, applicant, target, actor)
    for strict in (True, False):  # documents first, in every office (issue 16)
        with pytest.raises(IllegalTransition):
            _move(
                workspace,
                applicant,
                CaseState.PASSPORT_REQUESTED,
                actor,
                require_recommendation=strict,
            )
    assert snapshot(workspace.database) == before
    assert reload(workspace, applicant.id).state == "registered"

    # an office whose immigration takes the request without the recommendation
    _move(workspace, applicant, CaseState.DOCUMENTS_COMPLETE, actor)
    _move(workspace, applicant, CaseState.PASSPORT_REQUESTED, actor, require_recommendation=False)
    _move(workspace, applicant, CaseState.PASSPORT_ISSUED, actor)
    _move(workspace, applicant, CaseState.DEPARTED, actor)
    assert reload(workspace, applicant.id).state == "departed"
    with workspace.database.session() as session:
        path = [
            (e.from_state, e.to_state)
            for e in session.exec(
                select(CaseEvent)
                .where(CaseEvent.applicant_id == applicant.id)
                .order_by(col(CaseEvent.at))
            ).all()
        ]
    assert path == [
        (None, "registered"),
        ("registered", "documents_complete"),
        ("documents_complete", "passport_requested"),
        ("passport_requested", "passport_issued"),
        ("passport_issued", "departed"),
    ]
    # departed is final: neither a cancellation nor an edit
    with workspace.database.write_session() as session, pytest.raises(IllegalTransition):
        cancel_applicant(session, load(session, applicant.id), "terlambat", actor)
    with workspace.database.write_session() as session, pytest.raises(ApplicantClosed):
        update_applicant(session, load(session, applicant.id), {"address": "x"}, actor, today=TODAY)
