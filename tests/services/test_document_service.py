"""The document checklist service on real databases (SQLite; PostgreSQL when set).

(Named ``test_document_service`` because ``tests/domain/test_documents.py`` already holds the
basename ``test_documents`` and the test folders are not packages.)

Every change is checked in the database itself: the document row, its audit entry, and for
refusals that nothing at all was written.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, func, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.workflow import CaseState, IllegalTransition
from ltsa_desk.services import documents as docs
from ltsa_desk.services.applicants import ApplicantNotFound
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import ApplicantClosed, cancel_applicant, register_applicant
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.attachments import AttachmentRejected, AttachmentStore
from ltsa_desk.store.models import Applicant, AuditLog, CaseEvent, Document

TODAY = date(2026, 6, 1)
NIK_SINGLE = "5203015205950002"
NIK_MARRIED = "5203011205900001"


def pdf_bytes(tag: str) -> bytes:
    """A small, complete PDF (the store checks the signature and the %%EOF trailer)."""
    return b"%PDF-1.4\n% " + tag.encode() + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def jpeg_bytes(tag: str) -> bytes:
    return b"\xff\xd8\xff\xe0" + tag.encode() * 4 + b"\xff\xd9"


def applicant_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "nik": NIK_SINGLE,
        "full_name": "Siti Aminah",
        "birth_place": "Selong",
        "birth_date": "12-05-1995",
        "sex": "P",
        "marital_status": "Belum Kawin",
        "destination_country": "Malaysia",
        "agency": "PT Bintang Mandiri",
    }
    data.update(overrides)
    return data


def register(workspace: Workspace, actor: Actor, **overrides: Any) -> str:
    with workspace.database.write_session() as session:
        result = register_applicant(session, applicant_data(**overrides), actor, today=TODAY)
        return str(result.applicant.id)


@pytest.fixture
def store(workspace: Workspace) -> Any:
    return docs.attachment_store(workspace)


def audit_actions(workspace: Workspace) -> list[str]:
    with workspace.database.session() as session:
        return [a.action for a in session.exec(select(AuditLog).order_by(col(AuditLog.id))).all()]


def counts(workspace: Workspace) -> tuple[int, int]:
    with workspace.database.session() as session:
        documents = session.exec(select(func.count()).select_from(Document)).one()
        audits = session.exec(select(func.count()).select_from(AuditLog)).one()
    return int(documents), int(audits)


def attach(
    workspace: Workspace,
    store: Any,
    actor: Actor,
    applicant_id: str,
    kind: str,
    source: Any = None,
    **kwargs: Any,
) -> docs.DocumentEntry:
    with workspace.database.write_session() as session:
        return docs.attach(
            session,
            store,
            applicant_id,
            kind,
            source or pdf_bytes(kind),
            actor,
            today=TODAY,
            **kwargs,
        )


def verify(
    workspace: Workspace, actor: Actor, applicant_id: str, kind: str, **kwargs: Any
) -> docs.DocumentEntry:
    with workspace.database.write_session() as session:
        return docs.verify(session, applicant_id, kind, actor, today=TODAY, **kwargs)


def checklist(workspace: Workspace, applicant_id: str, **kwargs: Any) -> list[docs.ChecklistRow]:
    with workspace.database.session() as session:
        return docs.checklist(session, applicant_id, TODAY, **kwargs)


def registration_documents(
    workspace: Workspace, store: Any, actor: Actor, applicant_id: str, *, verified: bool = True
) -> None:
    for kind in ("ktp", "kk", "ijazah", "family_permission"):
        attach(workspace, store, actor, applicant_id, kind)
        if verified:
            verify(workspace, actor, applicant_id, kind)


# ------------------------------------------------------------------------------------------------
# checklist


def test_new_applicant_checklist_lists_the_registration_documents_as_next(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    rows = checklist(workspace, applicant_id)
    assert [row.label for row in rows] == [
        "KTP",
        "Kartu Keluarga",
        "Akta kelahiran atau Ijazah",
        "Surat izin keluarga/wali",
    ]
    assert {row.stage for row in rows} == {"next"}
    assert all(not row.satisfied and row.missing_reason == "missing" for row in rows)
    assert rows[0].missing_message == "KTP belum ada"
    assert rows[0].needed_for_label == "Dokumen lengkap"
    group = rows[2]
    assert group.is_group and group.kinds == ("akta_lahir", "ijazah")
    assert [entry.status for entry in group.entries] == ["missing", "missing"]


def test_married_applicant_also_needs_the_marriage_book(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(
        workspace,
        actor,
        nik=NIK_MARRIED,
        full_name="Budi Santoso",
        birth_date="12-05-1990",
        sex="L",
        marital_status="Kawin",
    )
    labels = [row.label for row in checklist(workspace, applicant_id)]
    assert "Buku nikah" in labels
    assert "Akta cerai" not in labels


def test_any_one_of_a_group_satisfies_it_and_represents_the_row(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    attach(workspace, store, actor, applicant_id, "ijazah")
    verify(workspace, actor, applicant_id, "ijazah")
    group = checklist(workspace, applicant_id)[2]
    assert group.satisfied
    assert group.kind == "ijazah" and group.status == "verified"
    assert group.entry.verified_by == actor.username


def test_received_but_unverified_is_reported_when_the_office_requires_verification(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    attach(workspace, store, actor, applicant_id, "ktp")
    strict = checklist(workspace, applicant_id)[0]
    assert strict.missing_reason == "not_verified"
    assert strict.missing_message == "KTP belum terverifikasi"
    lenient = checklist(workspace, applicant_id, require_verified=False)[0]
    assert lenient.satisfied and lenient.status == "received"


def test_early_and_unneeded_documents_are_still_shown(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    attach(workspace, store, actor, applicant_id, "passport")  # for departure, brought early
    attach(workspace, store, actor, applicant_id, "buku_nikah")  # a single CPMI needs none
    rows = checklist(workspace, applicant_id)
    by_label = {row.label: row for row in rows}
    assert by_label["Paspor"].stage == "later"
    assert by_label["Paspor"].needed_from_state == "departed"
    assert by_label["Buku nikah"].stage == "extra"
    assert by_label["Buku nikah"].needed_from_state is None


def test_at_documents_complete_the_recommendation_documents_come_next_with_age_limit(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    registration_documents(workspace, store, actor, applicant_id)
    with workspace.database.write_session() as session:
        docs.mark_documents_complete(session, applicant_id, actor, today=TODAY)
    attach(
        workspace,
        store,
        actor,
        applicant_id,
        "medical_certificate",
        issued_on=TODAY - timedelta(days=120),
    )
    verify(workspace, actor, applicant_id, "medical_certificate")
    rows = checklist(workspace, applicant_id)
    stages = {row.label: row.stage for row in rows}
    assert stages["KTP"] == "current"
    assert stages["Surat keterangan sehat"] == "next"
    medical = next(row for row in rows if row.label == "Surat keterangan sehat")
    assert medical.missing_reason == "too_old"
    assert "lebih dari 3 bulan" in (medical.missing_message or "")
    assert medical.max_age_months == 3


def test_checklist_of_an_unknown_applicant_is_refused(workspace: Workspace) -> None:
    with workspace.database.session() as session, pytest.raises(ApplicantNotFound):
        docs.checklist(session, "00000000-0000-0000-0000-000000000000", TODAY)
    with workspace.database.session() as session, pytest.raises(ApplicantNotFound):
        docs.checklist(session, "not-a-uuid", TODAY)


# ------------------------------------------------------------------------------------------------
# attach


def test_attach_stores_the_file_marks_it_received_and_audits(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    content = pdf_bytes("ktp-scan")
    entry = attach(workspace, store, actor, applicant_id, "ktp", content)
    assert entry.status == "received" and entry.status_label == "Diterima"
    assert entry.media_type == "application/pdf"
    assert entry.received_by == actor.username and entry.received_at is not None
    assert store.get(entry.attachment_sha256) == content

    with workspace.database.session() as session:
        audit = session.exec(select(AuditLog).where(AuditLog.action == "document.attach")).one()
    assert audit.entity == "document" and audit.entity_id == entry.document_id
    assert audit.actor == actor.username and audit.counter_id == actor.counter_id
    after = json.loads(audit.after or "{}")
    assert after["kind"] == "ktp" and after["status"] == "received"
    assert after["sha256"] == entry.attachment_sha256 and after["size"] == len(content)
    assert audit.before is None


def test_attach_from_a_path_and_a_jpeg(
    workspace: Workspace, store: Any, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    scan = tmp_path / "kk.jpg"
    scan.write_bytes(jpeg_bytes("kk"))
    entry = attach(workspace, store, actor, applicant_id, "kk", scan)
    assert entry.media_type == "image/jpeg"
    assert store.get(entry.attachment_sha256) == scan.read_bytes()


def test_attach_refuses_a_fake_pdf_and_writes_nothing(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    before = counts(workspace)
    with pytest.raises(AttachmentRejected) as refused:
        attach(workspace, store, actor, applicant_id, "ktp", b"%PDF-1.4\nthis was cut off")
    assert refused.value.reason == "corrupt"
    assert refused.value.message == (
        "Berkas PDF rusak atau tidak lengkap (penanda akhir %%EOF tidak ditemukan)"
    )
    with pytest.raises(AttachmentRejected) as renamed:
        attach(workspace, store, actor, applicant_id, "ktp", b"MZ\x90\x00 an .exe named .pdf")
    assert renamed.value.message == "Berkas bukan PDF, JPEG atau PNG"
    assert counts(workspace) == before


def test_attach_refuses_an_oversized_file(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    small = AttachmentStore(workspace.attachments_dir, max_bytes=1024)
    before = counts(workspace)
    big = b"%PDF-1.4\n" + b"0" * 4096 + b"\n%%EOF\n"
    with pytest.raises(AttachmentRejected) as refused:
        attach(workspace, small, actor, applicant_id, "ktp", big)
    assert refused.value.reason == "too_large"
    assert refused.value.message.startswith("Berkas terlalu besar: 4,0 KB (batas 1 KB)")
    assert counts(workspace) == before


def test_reattaching_a_verified_document_resets_it_to_received(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    attach(workspace, store, actor, applicant_id, "ktp")
    verify(workspace, actor, applicant_id, "ktp")
    entry = attach(workspace, store, actor, applicant_id, "ktp", pdf_bytes("ktp-new"))
    assert entry.status == "received" and entry.verified_by is None
    with workspace.database.session() as session:
        rows = session.exec(select(Document).where(Document.kind == "ktp")).all()
        last = session.exec(
            select(AuditLog)
            .where(AuditLog.action == "document.attach")
            .order_by(col(AuditLog.id).desc())
        ).first()
    assert len(rows) == 1  # one row per kind, replaced, never duplicated
    assert last is not None and json.loads(last.before or "{}")["status"] == "verified"


def test_attach_refuses_bad_dates_unknown_kinds_and_closed_cases(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    before = counts(workspace)
    with pytest.raises(ValidationFailed) as future:
        attach(workspace, store, actor, applicant_id, "ktp", issued_on=TODAY + timedelta(days=1))
    assert future.value.errors == {"issued_on": "Tanggal terbit tidak boleh di masa depan"}
    with pytest.raises(ValidationFailed) as backwards:
        attach(
            workspace,
            store,
            actor,
            applicant_id,
            "passport",
            issued_on=date(2025, 1, 1),
            valid_until=date(2024, 1, 1),
        )
    assert "valid_until" in backwards.value.errors
    with pytest.raises(docs.DocumentError) as unknown:
        attach(workspace, store, actor, applicant_id, "sim_card")
    assert unknown.value.code == "unknown_kind"
    assert counts(workspace) == before

    with workspace.database.write_session() as session:
        applicant = session.get(Applicant, uuid.UUID(applicant_id))
        assert applicant is not None
        cancel_applicant(session, applicant, "Mengundurkan diri", actor)
    with pytest.raises(ApplicantClosed, match="sudah dibatalkan"):
        attach(workspace, store, actor, applicant_id, "ktp")


def test_workspace_store_is_used_when_the_workspace_provides_one(workspace: Workspace) -> None:
    store = docs.attachment_store(workspace)
    provided = getattr(workspace, "attachments", None)
    if provided is not None:
        assert store is provided
    stored = store.put(pdf_bytes("roundtrip"))
    assert store.get(stored.sha256) == pdf_bytes("roundtrip")


# ------------------------------------------------------------------------------------------------
# verify and reject


def test_verify_records_who_and_when_and_audits(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    attach(workspace, store, actor, applicant_id, "medical_certificate")
    checker = Actor(username="petugas2", counter_id=actor.counter_id, office_code=actor.office_code)
    entry = verify(
        workspace, checker, applicant_id, "medical_certificate", issued_on=date(2026, 5, 20)
    )
    assert entry.status == "verified" and entry.verified_by == "petugas2"
    assert entry.issued_on == date(2026, 5, 20)
    with workspace.database.session() as session:
        audit = session.exec(select(AuditLog).where(AuditLog.action == "document.verify")).one()
    before, after = json.loads(audit.before or "{}"), json.loads(audit.after or "{}")
    assert before["status"] == "received" and after["status"] == "verified"
    assert after["issued_on"] == "2026-05-20" and audit.actor == "petugas2"


def test_verify_refuses_missing_twice_and_rejected(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    with pytest.raises(docs.DocumentError) as missing:
        verify(workspace, actor, applicant_id, "ktp")
    assert missing.value.code == "not_on_file" and missing.value.message == (
        "KTP belum ada; lampirkan dulu"
    )
    attach(workspace, store, actor, applicant_id, "ktp")
    verify(workspace, actor, applicant_id, "ktp")
    with pytest.raises(docs.DocumentError) as twice:
        verify(workspace, actor, applicant_id, "ktp")
    assert twice.value.code == "already_verified"
    with workspace.database.write_session() as session:
        docs.reject(session, applicant_id, "ktp", "Foto buram", actor)
    with pytest.raises(docs.DocumentError) as rejected:
        verify(workspace, actor, applicant_id, "ktp")
    assert rejected.value.code == "rejected"


def test_reject_needs_a_reason_and_keeps_the_file(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    attached = attach(workspace, store, actor, applicant_id, "kk")
    before = counts(workspace)
    for blank in ("", "   \n "):
        with (
            workspace.database.write_session() as session,
            pytest.raises(ValidationFailed) as refused,
        ):
            docs.reject(session, applicant_id, "kk", blank, actor)
        assert refused.value.errors == {"reason": "Alasan penolakan wajib diisi"}
    assert counts(workspace) == before

    with workspace.database.write_session() as session:
        entry = docs.reject(session, applicant_id, "kk", "  Nama  tidak sama dengan KTP ", actor)
    assert entry.status == "rejected" and entry.status_label == "Ditolak"
    assert entry.rejection_reason == "Nama tidak sama dengan KTP"
    assert entry.attachment_sha256 == attached.attachment_sha256
    row = checklist(workspace, applicant_id)[1]
    assert row.missing_reason == "rejected" and row.missing_message == "Kartu Keluarga ditolak"
    assert audit_actions(workspace)[-1] == "document.reject"


# ------------------------------------------------------------------------------------------------
# documents complete


def test_mark_documents_complete_refuses_while_something_is_missing(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    attach(workspace, store, actor, applicant_id, "ktp")
    before = counts(workspace)
    with (
        workspace.database.write_session() as session,
        pytest.raises(docs.DocumentsIncomplete) as refused,
    ):
        docs.mark_documents_complete(session, applicant_id, actor, today=TODAY)
    messages = [m.message for m in refused.value.missing]
    assert messages == [
        "KTP belum terverifikasi",
        "Kartu Keluarga belum ada",
        "Akta kelahiran atau Ijazah belum ada",
        "Surat izin keluarga/wali belum ada",
    ]
    assert refused.value.message.startswith("Dokumen belum lengkap: KTP belum terverifikasi; ")
    assert counts(workspace) == before


def test_mark_documents_complete_moves_the_case_with_event_and_audit(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    registration_documents(workspace, store, actor, applicant_id)
    with workspace.database.write_session() as session:
        docs.mark_documents_complete(session, applicant_id, actor, today=TODAY)
    with workspace.database.session() as session:
        applicant = docs.get_applicant(session, applicant_id)
        events = session.exec(
            select(CaseEvent)
            .where(CaseEvent.applicant_id == applicant.id)
            .order_by(col(CaseEvent.at))
        ).all()
    assert applicant.state == CaseState.DOCUMENTS_COMPLETE.value
    assert events[-1].from_state == "registered" and events[-1].to_state == "documents_complete"
    assert audit_actions(workspace)[-1] == "applicant.state"
    with workspace.database.write_session() as session, pytest.raises(IllegalTransition):
        docs.mark_documents_complete(session, applicant_id, actor, today=TODAY)


def test_advance_if_complete_moves_only_when_complete(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    registration_documents(workspace, store, actor, applicant_id, verified=False)
    with workspace.database.write_session() as session:
        assert docs.advance_if_complete(session, applicant_id, actor, today=TODAY) is False
    with workspace.database.write_session() as session:
        assert docs.advance_if_complete(
            session, applicant_id, actor, today=TODAY, require_verified=False
        )
    with workspace.database.write_session() as session:  # already moved: nothing more to do
        assert docs.advance_if_complete(session, applicant_id, actor, today=TODAY) is False
    with workspace.database.session() as session:
        assert docs.get_applicant(session, applicant_id).state == "documents_complete"


# ------------------------------------------------------------------------------------------------
# history


def test_history_is_newest_first_in_plain_words(
    workspace: Workspace, store: Any, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    attach(workspace, store, actor, applicant_id, "ktp")
    with workspace.database.write_session() as session:
        docs.reject(session, applicant_id, "ktp", "Foto buram", actor)
    attach(workspace, store, actor, applicant_id, "ktp", pdf_bytes("ktp-again"))
    with workspace.database.session() as session:
        rows = docs.history(session, applicant_id)
    texts = [row.text for row in rows]
    assert texts[0].startswith("KTP diganti dengan berkas baru (PDF, ")
    assert texts[1] == "KTP ditolak" and rows[1].note == "Foto buram"
    assert rows[1].subject == "KTP"
    assert texts[2].startswith("KTP dilampirkan (PDF, ")
    assert texts[-1].startswith("Didaftarkan dengan kode LOTIM-01-2026-")
    assert [row.at for row in rows] == sorted((row.at for row in rows), reverse=True)
    assert all(row.actor == actor.username for row in rows)


def test_history_tells_status_changes_once(workspace: Workspace, store: Any, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    registration_documents(workspace, store, actor, applicant_id)
    with workspace.database.write_session() as session:
        docs.mark_documents_complete(session, applicant_id, actor, today=TODAY)
    with workspace.database.session() as session:
        rows = docs.history(session, applicant_id)
    status_rows = [row for row in rows if row.text.startswith("Status:")]
    assert len(status_rows) == 1
    assert status_rows[0].text == "Status: Terdaftar → Dokumen lengkap"
    assert status_rows[0].note == "Dokumen pendaftaran lengkap"


def test_services_accept_uuid_or_text_ids(workspace: Workspace, store: Any, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    with workspace.database.session() as session:
        assert docs.checklist(session, uuid.UUID(applicant_id), TODAY)
        session_rows = docs.history(session, uuid.UUID(applicant_id))
    assert session_rows
