"""Letters, receipts and the hand-carry application on real databases (SQLite; PostgreSQL when set).

The number rules are the heart of it: numbers follow the office's pattern, differ between counters
that cannot see each other, and are never handed out twice, not even after a void.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlmodel import col, select

from ltsa_desk.counter.config import Config, ConfigError
from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.services import documents as docs
from ltsa_desk.services import letters
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant, request_passport
from ltsa_desk.services.letters import LetterKind, LetterRefused, OfficeSettings
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.models import Applicant, AuditLog, CaseEvent, Letter
from sync.models import ItemState, OutboxItem

TODAY = date(2026, 6, 1)
NUMBER_1 = "562/0001/LTSA-LOTIM-01/VI/2026"
NUMBER_2 = "562/0002/LTSA-LOTIM-01/VI/2026"


def pdf_bytes(tag: str) -> bytes:
    return b"%PDF-1.4\n% " + tag.encode() + b"\n%%EOF\n"


def settings(**overrides: Any) -> OfficeSettings:
    values: dict[str, Any] = {"office_code": "52.03", "counter_id": "LOTIM-01"}
    values.update(overrides)
    return OfficeSettings(**values)


def register(workspace: Workspace, actor: Actor, **overrides: Any) -> str:
    data: dict[str, Any] = {
        "nik": "5203015205950002",
        "full_name": "Siti Aminah",
        "birth_place": "Selong",
        "birth_date": "12-05-1995",
        "sex": "P",
        "marital_status": "Belum Kawin",
        "destination_country": "Malaysia",
        "agency": "PT Bintang Mandiri",
        "planned_departure": "05-06-2026",
    }
    data.update(overrides)
    with workspace.database.write_session() as session:
        return str(register_applicant(session, data, actor, today=TODAY).applicant.id)


def bring(workspace: Workspace, actor: Actor, applicant_id: str, *kinds: str, **dates: Any) -> None:
    store = docs.attachment_store(workspace)
    with workspace.database.write_session() as session:
        for kind in kinds:
            docs.attach(session, store, applicant_id, kind, pdf_bytes(kind), actor, today=TODAY)
            docs.verify(session, applicant_id, kind, actor, today=TODAY, **dates)


def documents_complete(workspace: Workspace, actor: Actor, applicant_id: str) -> None:
    bring(workspace, actor, applicant_id, "ktp", "kk", "ijazah", "family_permission")
    with workspace.database.write_session() as session:
        docs.mark_documents_complete(session, applicant_id, actor, today=TODAY)


def recommendation_documents(workspace: Workspace, actor: Actor, applicant_id: str) -> None:
    bring(workspace, actor, applicant_id, "ak1_card", "placement_agreement")
    bring(workspace, actor, applicant_id, "medical_certificate", issued_on=date(2026, 5, 20))


def issue(
    workspace: Workspace,
    actor: Actor,
    applicant_id: str,
    kind: LetterKind,
    office: OfficeSettings | None = None,
) -> letters.LetterData:
    with workspace.database.write_session() as session:
        return letters.issue_letter(
            session, applicant_id, kind, actor, office or settings(), today=TODAY
        )


def state_of(workspace: Workspace, applicant_id: str) -> str:
    with workspace.database.session() as session:
        return docs.get_applicant(session, applicant_id).state


def audits(workspace: Workspace, action: str) -> list[AuditLog]:
    with workspace.database.session() as session:
        statement = select(AuditLog).where(AuditLog.action == action).order_by(col(AuditLog.id))
        return list(session.exec(statement).all())


# ------------------------------------------------------------------------------------------------
# formatting and the number pattern (no database)


def test_dates_months_and_nip_are_written_the_indonesian_way() -> None:
    assert letters.format_date_id(date(2026, 5, 12)) == "12 Mei 2026"
    assert letters.format_date_id(date(2026, 8, 1)) == "1 Agustus 2026"
    assert letters.format_date_id(None) == "-"
    assert [letters.roman_month(m) for m in range(1, 13)] == [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"
    ]  # fmt: skip
    assert letters.format_nip("197505122000031002") == "19750512 200003 1 002"
    assert letters.mask_nik("5203015205950002") == "520301******0002"
    moment = datetime(2026, 5, 12, 6, 5, tzinfo=UTC)
    local = moment.astimezone()
    assert letters.format_datetime_id(moment) == (
        f"{letters.format_date_id(local.date())} {local:%H.%M}"
    )


def test_number_pattern_placeholders() -> None:
    number = letters.format_letter_number(
        "562/{seq}/LTSA-{counter}/{roman_month}/{year}",
        seq=7,
        counter="LOTIM-01",
        office="52.03",
        day=date(2026, 5, 12),
        kind="spr",
    )
    assert number == "562/0007/LTSA-LOTIM-01/V/2026"
    number = letters.format_letter_number(
        "{kind}.{office}/{seq}/{counter}/{month}-{year}",
        seq=12345,
        counter="LOTIM-02",
        office="52.03",
        day=date(2026, 11, 3),
        kind=LetterKind.PASSPORT_RECOMMENDATION,
    )
    assert number == "REK.52.03/12345/LOTIM-02/11-2026"


@pytest.mark.parametrize(
    ("pattern", "fragment"),
    [
        ("562/LTSA-{counter}/{year}", "{seq}"),
        ("562/{seq}/{roman_month}/{year}", "{counter}"),
        ("562/{seq}/{counter}", "{year}"),
        ("562/{seq}/{counter}/{year}/{nomor}", "yang boleh"),
        ("562/{seq:03d}/{counter}/{year}", "yang boleh"),
        ("562/{seq/{counter}/{year}", "pola nomor tidak sah"),
    ],
)
def test_config_refuses_patterns_that_could_repeat_or_do_not_parse(
    tmp_path: Any, pattern: str, fragment: str
) -> None:
    config = Config(tmp_path)
    with pytest.raises(ConfigError, match=r"letters\.number_pattern") as refused:
        config.set("letters.number_pattern", pattern)
    assert fragment in str(refused.value)
    with pytest.raises(LetterRefused):
        letters.format_letter_number(
            pattern, seq=1, counter="X", office="52.03", day=TODAY, kind="spr"
        )


def test_letterhead_settings_come_from_the_configuration(tmp_path: Any) -> None:
    config = Config(tmp_path)
    config.set("office.code", "52.03")
    config.set("counter.id", "lotim-01")
    assert config.get("letters.number_pattern") == "562/{seq}/LTSA-{counter}/{roman_month}/{year}"
    config.set("office.head_nip", "19750512 200003 1 002")
    config.set("office.head_name", " Drs. Lalu Ahmad ")
    with pytest.raises(ConfigError, match="NIP harus 18 angka"):
        config.set("office.head_nip", "12345")
    with pytest.raises(ConfigError, match="PNG, JPEG atau SVG"):
        config.set("office.logo", "C:/logo.bmp")
    office = OfficeSettings.from_config(config)
    assert office.counter_id == "LOTIM-01"
    assert office.head_nip == "197505122000031002"
    assert office.nip_display == "19750512 200003 1 002"
    assert office.head_name == "Drs. Lalu Ahmad"
    # unset words fall back to the office code's regency
    assert office.government_line == "PEMERINTAH KABUPATEN LOMBOK TIMUR"
    assert office.place == "Lombok Timur"
    assert office.display_name == "LTSA P2MI Kabupaten Lombok Timur"
    assert office.signatory_title == "Kepala LTSA P2MI Kabupaten Lombok Timur"
    assert office.immigration_addressee == "Kepala Kantor Imigrasi"
    assert office.require_verified is True


# ------------------------------------------------------------------------------------------------
# SPR


def test_spr_is_refused_before_the_documents_are_complete(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    with pytest.raises(LetterRefused) as refused:
        issue(workspace, actor, applicant_id, LetterKind.SPR)
    assert refused.value.code == "wrong_state"
    assert refused.value.detail == {"state": "registered"}  # the window words it (issue 18)
    assert refused.value.message == (
        "Surat Pengantar Rekrut (SPR) baru dapat diterbitkan setelah dokumen lengkap "
        "(status sekarang: Terdaftar)"
    )
    with workspace.database.session() as session:
        assert session.exec(select(Letter)).all() == []
    assert audits(workspace, "letter.issue") == []


def test_spr_needs_the_agency_it_is_addressed_to(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(workspace, actor, agency=None)
    documents_complete(workspace, actor, applicant_id)
    with pytest.raises(LetterRefused) as refused:
        issue(workspace, actor, applicant_id, LetterKind.SPR)
    assert refused.value.code == "missing_data"
    assert refused.value.detail == {"field": "agency"}


def test_spr_gets_the_pattern_number_a_row_and_an_audit_entry(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    documents_complete(workspace, actor, applicant_id)
    data = issue(workspace, actor, applicant_id, LetterKind.SPR)
    assert data.number == NUMBER_1
    assert data.title == "Surat Pengantar Rekrut (SPR)"
    assert data.issued_on == TODAY and data.copy is False
    assert data.applicant.full_name == "Siti Aminah"
    assert data.applicant.birth_line == "Selong, 12 Mei 1995"
    assert data.applicant.destination_country_name == "Malaysia"
    assert data.applicant.agency == "PT Bintang Mandiri"
    assert state_of(workspace, applicant_id) == "documents_complete"  # the SPR moves nothing
    with workspace.database.session() as session:
        row = session.exec(select(Letter)).one()
    assert row.number == NUMBER_1 and row.kind == "spr" and row.issued_by == actor.username
    assert not row.revoked
    (entry,) = audits(workspace, "letter.issue")
    assert entry.entity == "letter" and entry.entity_id == str(row.id)
    assert json.loads(entry.after or "{}")["number"] == NUMBER_1


def test_one_valid_spr_at_a_time_and_a_void_number_is_never_reused(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    documents_complete(workspace, actor, applicant_id)
    first = issue(workspace, actor, applicant_id, LetterKind.SPR)
    with pytest.raises(LetterRefused) as again:
        issue(workspace, actor, applicant_id, LetterKind.SPR)
    assert again.value.code == "already_issued" and NUMBER_1 in again.value.message
    assert again.value.detail == {"number": NUMBER_1}

    with workspace.database.write_session() as session:
        voided = letters.void_letter(session, first.letter.id, "Salah ketik nama P3MI", actor)
    assert voided.revoked and voided.void_reason == "Salah ketik nama P3MI"
    second = issue(workspace, actor, applicant_id, LetterKind.SPR)
    assert second.number == NUMBER_2

    with workspace.database.session() as session:
        rows = session.exec(select(Letter).order_by(col(Letter.number))).all()
    assert [(r.number, r.revoked) for r in rows] == [(NUMBER_1, True), (NUMBER_2, False)]
    (void,) = audits(workspace, "letter.void")
    after = json.loads(void.after or "{}")
    assert after["reason"] == "Salah ketik nama P3MI" and after["number"] == NUMBER_1

    with workspace.database.session() as session:
        listed = letters.letters_of(session, applicant_id)
    assert {(s.number, s.revoked, s.void_reason) for s in listed} == {
        (NUMBER_1, True, "Salah ketik nama P3MI"),
        (NUMBER_2, False, None),
    }


def test_void_needs_a_reason_and_happens_once(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    documents_complete(workspace, actor, applicant_id)
    data = issue(workspace, actor, applicant_id, LetterKind.SPR)
    with workspace.database.write_session() as session, pytest.raises(ValidationFailed) as blank:
        letters.void_letter(session, data.letter.id, "  ", actor)
    assert blank.value.errors == {"reason": "Alasan pembatalan surat wajib diisi"}
    with workspace.database.write_session() as session:
        letters.void_letter(session, data.letter.id, "Dicetak ganda", actor)
    with workspace.database.write_session() as session, pytest.raises(LetterRefused) as twice:
        letters.void_letter(session, data.letter.id, "lagi", actor)
    assert twice.value.code == "revoked"
    assert len(audits(workspace, "letter.void")) == 1


def test_counters_number_independently_and_never_clash(workspace: Workspace, actor: Actor) -> None:
    """Two counters of one office: each its own running number, the counter id in every number."""
    other = Actor(username="petugas2", counter_id="LOTIM-02", office_code=actor.office_code)
    first = register(workspace, actor)
    second = register(
        workspace,
        other,
        nik="5203011205900001",
        full_name="Budi Santoso",
        birth_date="12-05-1990",
        sex="L",
    )
    documents_complete(workspace, actor, first)
    documents_complete(workspace, other, second)
    a = issue(workspace, actor, first, LetterKind.SPR)
    b = issue(workspace, other, second, LetterKind.SPR)
    assert a.number == NUMBER_1
    assert b.number == "562/0001/LTSA-LOTIM-02/VI/2026"


def test_both_kinds_share_the_register_unless_the_pattern_names_the_kind(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    documents_complete(workspace, actor, applicant_id)
    recommendation_documents(workspace, actor, applicant_id)
    spr = issue(workspace, actor, applicant_id, LetterKind.SPR)
    rec = issue(workspace, actor, applicant_id, LetterKind.PASSPORT_RECOMMENDATION)
    assert (spr.number, rec.number) == (NUMBER_1, NUMBER_2)

    per_kind = settings(number_pattern="{kind}/{seq}/{counter}/{year}")
    other = register(
        workspace,
        actor,
        nik="5203011205900001",
        full_name="Budi Santoso",
        birth_date="12-05-1990",
        sex="L",
    )
    documents_complete(workspace, actor, other)
    recommendation_documents(workspace, actor, other)
    assert issue(workspace, actor, other, LetterKind.SPR, per_kind).number == (
        "SPR/0001/LOTIM-01/2026"
    )
    assert issue(workspace, actor, other, LetterKind.PASSPORT_RECOMMENDATION, per_kind).number == (
        "REK/0001/LOTIM-01/2026"
    )


def test_a_number_already_on_file_is_skipped(workspace: Workspace, actor: Actor) -> None:
    """A number that exists already (a pattern changed mid-year, rows from a restored copy) is
    never issued twice: the next running number is taken."""
    applicant_id = register(workspace, actor)
    documents_complete(workspace, actor, applicant_id)
    with workspace.database.write_session() as session:
        session.add(
            Letter(
                applicant_id=uuid.UUID(applicant_id),
                kind="spr",
                number=NUMBER_1,
                issued_by="arsip",
                revoked=True,
            )
        )
        session.commit()
    assert issue(workspace, actor, applicant_id, LetterKind.SPR).number == NUMBER_2


# ------------------------------------------------------------------------------------------------
# passport recommendation


def test_recommendation_needs_the_recommendation_documents(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    documents_complete(workspace, actor, applicant_id)
    bring(workspace, actor, applicant_id, "ak1_card")
    with pytest.raises(docs.DocumentsIncomplete) as refused:
        issue(workspace, actor, applicant_id, LetterKind.PASSPORT_RECOMMENDATION)
    assert [m.message for m in refused.value.missing] == [
        "Surat keterangan sehat belum ada",
        "Perjanjian penempatan belum ada",
    ]
    assert state_of(workspace, applicant_id) == "documents_complete"
    with workspace.database.session() as session:
        assert session.exec(select(Letter)).all() == []


def test_recommendation_is_refused_from_registered(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    with pytest.raises(LetterRefused) as refused:
        issue(workspace, actor, applicant_id, LetterKind.PASSPORT_RECOMMENDATION)
    assert refused.value.code == "wrong_state"


def test_recommendation_moves_the_case_to_recommended_in_the_same_transaction(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    documents_complete(workspace, actor, applicant_id)
    recommendation_documents(workspace, actor, applicant_id)
    data = issue(workspace, actor, applicant_id, LetterKind.PASSPORT_RECOMMENDATION)
    assert data.number == NUMBER_1
    assert data.title == "Surat Rekomendasi Paspor"
    assert state_of(workspace, applicant_id) == CaseState.RECOMMENDED.value
    with workspace.database.session() as session:
        event = session.exec(select(CaseEvent).where(CaseEvent.to_state == "recommended")).one()
    assert event.from_state == "documents_complete"
    assert event.note == f"Surat Rekomendasi Paspor nomor {NUMBER_1}"

    # voided and replaced while recommended: a new number, no second status change
    with workspace.database.write_session() as session:
        letters.void_letter(session, data.letter.id, "Negara tujuan salah", actor)
    replacement = issue(workspace, actor, applicant_id, LetterKind.PASSPORT_RECOMMENDATION)
    assert replacement.number == NUMBER_2
    assert state_of(workspace, applicant_id) == "recommended"
    with workspace.database.session() as session:
        moves = session.exec(select(CaseEvent).where(CaseEvent.to_state == "recommended")).all()
    assert len(moves) == 1


# ------------------------------------------------------------------------------------------------
# reprint


def test_reprint_marks_a_copy_and_audits_each_one(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    documents_complete(workspace, actor, applicant_id)
    data = issue(workspace, actor, applicant_id, LetterKind.SPR)
    office = settings(head_name="Drs. Lalu Ahmad")
    with workspace.database.write_session() as session:
        copy = letters.reprint(session, data.letter.id, actor, office)
    with workspace.database.write_session() as session:
        again = letters.reprint(session, data.letter.id, actor, office)
    assert copy.copy and again.copy
    assert copy.number == data.number and copy.office.head_name == "Drs. Lalu Ahmad"
    assert again.letter.copies == 2
    assert len(audits(workspace, "letter.reprint")) == 2

    with workspace.database.write_session() as session:
        letters.void_letter(session, data.letter.id, "Diganti", actor)
    with workspace.database.write_session() as session, pytest.raises(LetterRefused) as refused:
        letters.reprint(session, data.letter.id, actor, office)
    assert refused.value.code == "revoked"
    with workspace.database.session() as session:
        view = letters.letter_data(session, data.letter.id, office)
    assert view.letter.revoked and not view.copy
    with workspace.database.session() as session, pytest.raises(LetterRefused):
        letters.letter_data(session, uuid.uuid4(), office)


# ------------------------------------------------------------------------------------------------
# receipt


def test_receipt_lists_what_waits_since_when_and_todays_work(
    workspace: Workspace, actor: Actor
) -> None:
    today = date.today()  # the receipt's "today" is the counter's real day
    applicant_id = register(workspace, actor)
    bring(workspace, actor, applicant_id, "ktp", "kk")
    with workspace.database.session() as session:
        receipt = letters.receipt_data(
            session, applicant_id, settings(), today=today, officer=actor
        )
    assert receipt.applicant.tracking_code.startswith("LOTIM-01-2026-")
    assert receipt.applicant.nik_masked == "520301******0002"
    assert receipt.registry_id is None and receipt.passport_application_no is None
    (waiting,) = receipt.waiting
    assert waiting.destination_label == "Registri pusat"
    assert waiting.kind_label == "Pendaftaran CPMI"
    assert waiting.state_label == "Menunggu"
    assert waiting.since <= datetime.now(UTC)
    assert receipt.delivered == []
    assert receipt.today_summary[0].startswith("Didaftarkan dengan kode LOTIM-01-")
    assert "Dokumen diterima: KTP, Kartu Keluarga" in receipt.today_summary
    assert "Dokumen diperiksa dan sesuai: KTP, Kartu Keluarga" in receipt.today_summary
    assert "Akta kelahiran atau Ijazah belum ada" in receipt.still_needed
    assert receipt.prepared_by == actor.username


def test_receipt_shows_remote_numbers_once_delivered(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    with workspace.database.write_session() as session:
        item = session.exec(select(OutboxItem)).one()
        item.state = ItemState.DELIVERED.value
        item.delivered_at = datetime.now(UTC)
        item.receipt = json.dumps({"registry_id": "REG-2026-000042"})
        applicant = session.get(Applicant, uuid.UUID(applicant_id))
        assert applicant is not None
        applicant.registry_id = "REG-2026-000042"
        session.add_all([item, applicant])
        session.commit()
    with workspace.database.session() as session:
        receipt = letters.receipt_data(session, applicant_id)
    assert receipt.waiting == []
    (delivered,) = receipt.delivered
    assert delivered.state_label == "Terkirim" and delivered.remote_number == "REG-2026-000042"
    assert receipt.registry_id == "REG-2026-000042"
    assert receipt.office.office_code == "52.03"  # settings default to the applicant's office


def test_passport_application_shows_immigrations_number_not_the_registry_id(
    workspace: Workspace, actor: Actor
) -> None:
    """Immigration's receipt also names the registry id; the officer needs the PPA number."""
    from sync.destinations.immigration import PASSPORT_APPLICATION, Immigration
    from sync.destinations.registry import Registry

    applicant_id = passport_requested(workspace, actor)
    answers = {
        "registry": Registry().receipt("worker.register", {"registry_id": "REG-00000001"}),
        "immigration": Immigration().receipt(
            PASSPORT_APPLICATION,
            {"application_no": "PPA-00000007", "status": "received", "registry_id": "REG-00000001"},
        ),
    }
    with workspace.database.write_session() as session:
        for item in session.exec(select(OutboxItem)).all():
            item.state = ItemState.DELIVERED.value
            item.delivered_at = datetime.now(UTC)
            item.receipt = json.dumps(answers[item.destination])
            session.add(item)
        session.commit()
    with workspace.database.session() as session:
        receipt = letters.receipt_data(session, applicant_id)
    numbers = {line.destination: line.remote_number for line in receipt.delivered}
    assert numbers == {"registry": "REG-00000001", "immigration": "PPA-00000007"}


# ------------------------------------------------------------------------------------------------
# hand-carry


def passport_requested(workspace: Workspace, actor: Actor, **overrides: Any) -> str:
    """A case along the whole order: documents, recommendation, then the passport request."""
    applicant_id = register(workspace, actor, **overrides)
    documents_complete(workspace, actor, applicant_id)
    recommendation_documents(workspace, actor, applicant_id)
    issue(workspace, actor, applicant_id, LetterKind.PASSPORT_RECOMMENDATION)
    with workspace.database.write_session() as session:
        applicant = session.get(Applicant, uuid.UUID(applicant_id))
        assert applicant is not None
        request_passport(session, applicant, actor)
    return applicant_id


def outbox_of(workspace: Workspace, applicant_id: str) -> tuple[Applicant, list[OutboxItem]]:
    with workspace.database.session() as session:
        applicant = docs.get_applicant(session, applicant_id)
        items = list(session.exec(select(OutboxItem).where(OutboxItem.chain == applicant_id)))
    return applicant, items


def test_hand_carry_is_needed_when_the_application_waits_and_departure_is_near(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = passport_requested(workspace, actor)  # departs 5 June 2026
    applicant, items = outbox_of(workspace, applicant_id)
    assert letters.needs_hand_carry(applicant, items, TODAY)  # 4 days away
    assert letters.needs_hand_carry(
        applicant, items, date(2026, 6, 10)
    )  # already past: most urgent
    assert not letters.needs_hand_carry(applicant, items, date(2026, 5, 20))  # 16 days away
    assert letters.needs_hand_carry(applicant, items, date(2026, 5, 20), days=20)
    no_application = [i for i in items if i.destination != "immigration"]
    assert not letters.needs_hand_carry(applicant, no_application, TODAY)
    delivered = [
        OutboxItem(**{**i.model_dump(), "state": ItemState.DELIVERED.value}) for i in items
    ]
    assert not letters.needs_hand_carry(applicant, delivered, TODAY)


def test_hand_carry_data_is_the_queued_application(workspace: Workspace, actor: Actor) -> None:
    applicant_id = passport_requested(workspace, actor)
    with workspace.database.session() as session:
        data = letters.hand_carry_data(session, applicant_id, settings(), today=TODAY)
    assert data is not None and data.urgent and data.days_to_departure == 4
    _, items = outbox_of(workspace, applicant_id)
    (application,) = [i for i in items if i.kind == "passport.apply"]
    assert data.reference == application.key
    assert data.state_label == "Menunggu"
    fields = dict(data.application)
    assert fields["Nama lengkap"] == "Siti Aminah"
    assert fields["NIK"] == "5203015205950002"
    assert fields["Tanggal lahir"] == "12 Mei 1995"
    assert fields["Jenis kelamin"] == "P (Perempuan)"
    assert fields["Nomor referensi kiriman"] == application.key
    assert dict(data.supporting)["Rencana keberangkatan"] == "5 Juni 2026"


def test_no_hand_carry_without_a_queued_application(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    with workspace.database.session() as session:
        assert letters.hand_carry_data(session, applicant_id, today=TODAY) is None
