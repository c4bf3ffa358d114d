"""Group actions on real databases (SQLite; PostgreSQL when set): one kind of paper verified for
many CPMI, each by the single verification's rules, and every open case of one P3MI (issue 19).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session, col, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.documents import DocumentKind
from ltsa_desk.services import documents
from ltsa_desk.services.context import Actor
from ltsa_desk.services.group_actions import (
    GROUP_VERIFY_KINDS,
    agency_group,
    verify_documents,
)
from ltsa_desk.store.models import Agency, Applicant, AuditLog, Document
from ltsa_desk.store.search import name_key
from tests.sqlitesteps import sqlite_steps

TODAY = date(2026, 6, 1)
BASE_TIME = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)


def add_cpmi(
    workspace: Workspace,
    count: int,
    *,
    agency: str | None,
    start: int,
    states: dict[int, str] | None = None,
) -> list[str]:
    """``count`` CPMI straight into the table (a group test needs many, not many intakes), of
    the P3MI ``agency``; ``states`` sets the case state of some (by position). Returns their
    tracking codes, oldest first."""
    codes = []
    with Session(workspace.database.engine) as session:
        agency_id = None
        if agency is not None:
            found = session.exec(select(Agency).where(Agency.name_key == name_key(agency))).first()
            if found is None:
                found = Agency(name=agency, name_key=name_key(agency))
                session.add(found)
                session.flush()
            agency_id = found.id
        for offset in range(count):
            i = start + offset
            born = date(1990, 1, 1) + timedelta(days=i)
            code = f"LOTIM-01-2026-{i + 1:06d}"
            session.add(
                Applicant(
                    nik=f"520301{born.day + 40:02d}{born:%m%y}{i + 1:04d}",
                    full_name=f"CPMI Nomor {i + 1}",
                    name_key=name_key(f"CPMI Nomor {i + 1}"),
                    birth_date=born,
                    sex="P",
                    tracking_code=code,
                    agency_id=agency_id,
                    state=(states or {}).get(offset, "registered"),
                    registered_at=BASE_TIME + timedelta(minutes=i),
                    regency_code="52.03",
                    office_code="52.03",
                    counter_id="LOTIM-01",
                    registered_by="petugas1",
                )
            )
            codes.append(code)
        session.commit()
    return codes


def add_paper(workspace: Workspace, code: str, kind: str, status: str = "received") -> None:
    """A paper on file as the attach step leaves it (the blob itself is not read by verify)."""
    with Session(workspace.database.engine) as session:
        applicant = session.exec(select(Applicant).where(Applicant.tracking_code == code)).one()
        session.add(
            Document(
                applicant_id=applicant.id,
                kind=kind,
                status=status,
                attachment_sha256="a" * 64,
                media_type="application/pdf",
                received_by="petugas1",
                received_at=BASE_TIME,
            )
        )
        session.commit()


def papers(workspace: Workspace, kind: str) -> dict[str, str]:
    """Tracking code -> status of each paper of ``kind`` on file."""
    with Session(workspace.database.engine) as session:
        rows = session.exec(
            select(Applicant.tracking_code, Document.status)
            .join(Document, col(Document.applicant_id) == col(Applicant.id))
            .where(Document.kind == kind)
        ).all()
    return {code: status for code, status in rows}


def verify_audits(workspace: Workspace) -> int:
    with Session(workspace.database.engine) as session:
        rows = session.exec(select(AuditLog).where(AuditLog.action == "document.verify")).all()
    return len(rows)


def test_each_cpmi_by_the_single_rules_and_the_refusals_named(
    workspace: Workspace, actor: Actor
) -> None:
    codes = add_cpmi(workspace, 6, agency="PT Maju Jaya", start=0, states={4: "cancelled"})
    for code in (codes[0], codes[1], codes[4], codes[5]):
        add_paper(workspace, code, "ktp")
    add_paper(workspace, codes[2], "ktp", "verified")
    add_paper(workspace, codes[3], "ktp", "rejected")
    keys = [*codes, "LOTIM-01-2026-999999"]

    outcomes = verify_documents(workspace.database, keys, "ktp", actor, today=TODAY)

    assert [outcome.key for outcome in outcomes] == keys  # in the order given
    assert [outcome.ok for outcome in outcomes] == [True, True, False, False, False, True, False]
    refused = {outcome.key: outcome for outcome in outcomes if not outcome.ok}
    assert refused[codes[2]].reason_code == "already_verified"
    assert refused[codes[2]].reason == "KTP sudah terverifikasi"
    assert refused[codes[3]].reason_code == "rejected"
    assert refused[codes[4]].reason_code == "closed"
    assert "sudah dibatalkan" in (refused[codes[4]].reason or "")
    assert refused[codes[4]].full_name == "CPMI Nomor 5"
    assert refused[keys[-1]].reason_code == "not_found"
    after = papers(workspace, "ktp")
    assert after == {
        codes[0]: "verified",
        codes[1]: "verified",
        codes[2]: "verified",
        codes[3]: "rejected",
        codes[4]: "received",  # a closed case's paper is not changed
        codes[5]: "verified",
    }
    assert verify_audits(workspace) == 3  # one audit entry for each paper verified, no more


def test_a_paper_not_on_file_is_refused_and_the_rest_go_on(
    workspace: Workspace, actor: Actor
) -> None:
    codes = add_cpmi(workspace, 3, agency=None, start=0)
    add_paper(workspace, codes[0], "kk")
    add_paper(workspace, codes[2], "kk")
    outcomes = verify_documents(workspace.database, codes, "kk", actor, today=TODAY)
    assert [outcome.ok for outcome in outcomes] == [True, False, True]
    assert outcomes[1].reason_code == "not_on_file"
    assert outcomes[1].reason == "Kartu Keluarga belum ada; lampirkan dulu"
    assert set(papers(workspace, "kk").values()) == {"verified"}


@pytest.mark.parametrize("kind", ["medical_certificate", "passport", "visa", "surat_sakti"])
def test_dated_and_unknown_kinds_refuse_the_whole_group_before_writing(
    workspace: Workspace, actor: Actor, kind: str
) -> None:
    codes = add_cpmi(workspace, 2, agency=None, start=0)
    for code in codes:
        add_paper(workspace, code, "passport")
    with pytest.raises(documents.DocumentError) as refused:
        verify_documents(workspace.database, codes, kind, actor, today=TODAY)
    assert refused.value.code == ("unknown_kind" if kind == "surat_sakti" else "dated")
    assert set(papers(workspace, "passport").values()) == {"received"}
    assert kind not in {offered.value for offered in GROUP_VERIFY_KINDS}
    assert DocumentKind.KTP in GROUP_VERIFY_KINDS


def test_a_p3mi_group_is_every_open_case_of_that_p3mi(workspace: Workspace) -> None:
    ours = add_cpmi(
        workspace, 60, agency="PT Maju Jaya", start=0, states={3: "cancelled", 7: "departed"}
    )
    others = add_cpmi(workspace, 30, agency="PT Lain", start=60)
    alone = add_cpmi(workspace, 1, agency=None, start=90)

    group = agency_group(workspace.database, ours[41])
    assert group.agency_name == "PT Maju Jaya"
    expected = [code for i, code in enumerate(ours) if i not in (3, 7)]
    assert [code for code, _name in group.members] == expected  # oldest first, all 58
    assert group.members[0] == (ours[0], "CPMI Nomor 1")
    assert not set(others) & {code for code, _ in group.members}

    by_nik = agency_group(workspace.database, _nik_of(workspace, others[0]))
    assert by_nik.agency_name == "PT Lain" and len(by_nik.members) == 30
    assert agency_group(workspace.database, alone[0]).agency_name is None
    assert agency_group(workspace.database, alone[0]).members == []
    assert agency_group(workspace.database, "LOTIM-01-2026-999999").members == []


def _nik_of(workspace: Workspace, code: str) -> Any:
    with Session(workspace.database.engine) as session:
        return session.exec(select(Applicant.nik).where(Applicant.tracking_code == code)).one()


def _group_steps(workspace: Workspace, key: str) -> int:
    return sqlite_steps(workspace.database.engine, lambda: agency_group(workspace.database, key))[0]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_small_p3mi_is_read_without_walking_a_big_one(workspace: Workspace) -> None:
    """The open cases of one P3MI come from its own index entries (migration 0011), not from
    every open case of the register: a big P3MI beside it does not make the read longer."""
    small = add_cpmi(workspace, 5, agency="PT Kecil", start=0)
    add_cpmi(workspace, 200, agency="PT Besar", start=5)
    before = _group_steps(workspace, small[0])
    add_cpmi(workspace, 3000, agency="PT Besar", start=205)
    after = _group_steps(workspace, small[0])
    assert len(agency_group(workspace.database, small[0]).members) == 5
    assert before > 0  # the handler saw the read
    assert after <= before * 1.5 + 20, (before, after)
