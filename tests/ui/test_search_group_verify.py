"""Pencarian: one kind of paper verified for many CPMI, and every CPMI of one P3MI chosen at once,
beyond the first page of results (issue 19, group actions).

The register: 60 CPMI of PT Maju Jaya (registered first: 40 of them are past the first page of
50, newest first) and 30 of PT Lain (the newest). Each has its KTP on file, received, except one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel
from sqlalchemy import text
from sqlmodel import Session, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.store.models import Agency, Applicant, Document
from ltsa_desk.store.search import name_key
from ltsa_desk.ui.applicant_table import FIRST_PAGE_SIZE, ApplicantTableModel
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.search_page import SearchPage
from ltsa_desk.ui.workers import Runner

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

BASE_TIME = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
OURS, THEIRS = 60, 30
NO_KTP = 5  # the 6th CPMI of PT Maju Jaya has not brought a KTP


def code_of(i: int) -> str:
    return f"LOTIM-01-2026-{i + 1:06d}"


def fill(workspace: Workspace) -> None:
    """Rows straight into the tables: the group needs many CPMI, not many intakes."""
    with Session(workspace.database.engine) as session:
        ours = Agency(name="PT Maju Jaya", name_key=name_key("PT Maju Jaya"))
        theirs = Agency(name="PT Lain", name_key=name_key("PT Lain"))
        session.add_all([ours, theirs])
        session.flush()
        for i in range(OURS + THEIRS):
            born = date(1990, 1, 1) + timedelta(days=i)
            applicant = Applicant(
                nik=f"520301{born.day + 40:02d}{born:%m%y}{i + 1:04d}",
                full_name=f"CPMI Nomor {i + 1}",
                name_key=name_key(f"CPMI Nomor {i + 1}"),
                birth_date=born,
                sex="P",
                tracking_code=code_of(i),
                agency_id=ours.id if i < OURS else theirs.id,
                registered_at=BASE_TIME + timedelta(minutes=i),
                regency_code="52.03",
                office_code="52.03",
                counter_id="LOTIM-01",
                registered_by="petugas1",
            )
            session.add(applicant)
            session.flush()
            if i != NO_KTP:
                session.add(
                    Document(
                        applicant_id=applicant.id,
                        kind="ktp",
                        status="received",
                        attachment_sha256="a" * 64,
                        media_type="application/pdf",
                        received_by="petugas1",
                        received_at=BASE_TIME,
                    )
                )
        session.commit()


def ktp_status(workspace: Workspace) -> dict[str, str]:
    with Session(workspace.database.engine) as session:
        rows = session.exec(
            select(Applicant.tracking_code, Document.status)
            .join(Document, Document.applicant_id == Applicant.id)  # type: ignore[arg-type]
            .where(Document.kind == "ktp")
        ).all()
    return {code: status for code, status in rows}


@pytest.fixture
def ctx(qtbot: Any, workspace: Workspace, actor: Actor) -> Iterator[UiContext]:
    made = UiContext(workspace=workspace, actor=actor, runner=Runner())
    yield made
    made.runner.wait_idle()


@pytest.fixture
def page(qtbot: Any, ctx: UiContext, workspace: Workspace) -> SearchPage:
    fill(workspace)
    made = SearchPage(ctx, debounce_ms=50)
    qtbot.addWidget(made)
    made.resize(1160, 700)
    made.show()
    qtbot.waitExposed(made)
    qtbot.waitUntil(lambda: made.model.rowCount() == FIRST_PAGE_SIZE and not made.model.loading)
    return made


def row_of(page: SearchPage, code: str) -> int:
    for row, shown in enumerate(page.model.rows):
        if shown.cells[ApplicantTableModel.TRACKING] == code:
            return row
    raise AssertionError(f"{code} is not shown")


def select_codes(page: SearchPage, codes: list[str]) -> None:
    selection = page.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for code in codes:
        selection.select(page.model.index(row_of(page, code), 0), flags)


class Answers:
    """The officer's answers to the questions, and what was asked."""

    def __init__(self, kind: str | None = "ktp", confirm: bool = True) -> None:
        self.kind = kind
        self.yes = confirm
        self.asked: list[str] = []
        self.offered: list[list[str]] = []

    def ask_kind(self, _parent: Any, question: str, kinds: list[str]) -> str | None:
        self.asked.append(question)
        self.offered.append(kinds)
        return self.kind

    def confirm(self, _parent: Any, _title: str, question: str, _ok: str) -> bool:
        self.asked.append(question)
        return self.yes


def wait_result(qtbot: Any, page: SearchPage) -> str:
    qtbot.waitUntil(lambda: not page.group_busy and page.group_result.isVisible(), timeout=15000)
    page.ctx.runner.wait_idle()
    # The results are read again after a group ran (their states changed).
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not page.model.loading, timeout=10000)
    return page.group_result.text()


def test_verify_one_kind_for_the_selection_with_one_refusal_named(
    qtbot: Any, page: SearchPage, workspace: Workspace
) -> None:
    assert not page.verify_button.isEnabled()  # nothing selected yet
    chosen = [code_of(i) for i in (46, 50, 51, 52)]  # shown: the newest 50 rows
    select_codes(page, chosen)
    answers = Answers()
    page.group.ask_kind = answers.ask_kind
    assert "4 CPMI" in page.verify_button.text()
    page.verify_button.click()
    result = wait_result(qtbot, page)

    assert len(answers.asked) == 1 and "4 CPMI" in answers.asked[0]  # one question, the count
    assert "ktp" in answers.offered[0] and "medical_certificate" not in answers.offered[0]
    assert "KTP: 4 CPMI terverifikasi; 0 tidak." in result
    after = ktp_status(workspace)
    assert [after[code] for code in chosen] == ["verified"] * 4
    assert sum(1 for status in after.values() if status == "verified") == 4  # no other

    # A CPMI without the paper, among others: named with the reason, the others verified.
    page.table.clearSelection()
    no_ktp_shown = [code_of(i) for i in (53, 54)]
    select_codes(page, [*no_ktp_shown, code_of(55)])
    with Session(workspace.database.engine) as session:
        # The 56th CPMI's KTP is taken off file meanwhile (another counter's change).
        session.exec(  # type: ignore[call-overload]
            text(
                "DELETE FROM document WHERE applicant_id = "
                "(SELECT id FROM applicant WHERE tracking_code = :code)"
            ),
            params={"code": code_of(55)},
        )
        session.commit()
    page.verify_button.click()
    result = wait_result(qtbot, page)
    assert "KTP: 2 CPMI terverifikasi; 1 tidak." in result
    assert f"Tidak diverifikasi: CPMI Nomor 56 ({code_of(55)}): KTP belum ada; lampirkan dulu" in (
        result
    )
    after = ktp_status(workspace)
    assert [after[code] for code in no_ktp_shown] == ["verified"] * 2


def test_every_cpmi_of_one_p3mi_beyond_the_first_page(
    qtbot: Any, page: SearchPage, workspace: Workspace
) -> None:
    ours_shown = [row.cells[ApplicantTableModel.TRACKING] for row in page.model.rows]
    assert code_of(0) not in ours_shown  # the oldest of PT Maju Jaya is past the first page
    select_codes(page, [code_of(OURS - 1)])  # one CPMI of PT Maju Jaya, shown
    assert page.agency_button.isEnabled()
    page.agency_button.click()
    qtbot.waitUntil(lambda: page.group.agency is not None, timeout=10000)
    assert page.group.agency_label.isVisible()
    assert "semua 60 CPMI P3MI PT Maju Jaya" in page.group.agency_label.text()
    assert "60 CPMI" in page.verify_button.text()
    assert len(page.selected_cpmi()) == OURS > FIRST_PAGE_SIZE

    answers = Answers()
    page.group.ask_kind = answers.ask_kind
    page.verify_button.click()
    result = wait_result(qtbot, page)
    assert len(answers.asked) == 1
    assert "semua 60 CPMI P3MI PT Maju Jaya" in answers.asked[0]
    assert "KTP: 59 CPMI terverifikasi; 1 tidak." in result
    assert f"CPMI Nomor {NO_KTP + 1} ({code_of(NO_KTP)}): KTP belum ada" in result
    after = ktp_status(workspace)
    assert after[code_of(0)] == "verified"  # beyond the first page, verified too
    ours = {code_of(i) for i in range(OURS)}
    assert {code for code, status in after.items() if status == "verified"} == ours - {
        code_of(NO_KTP)
    }

    # The choice stays for the next step; the passport question names the same count.
    assert page.group.agency is not None
    asked = Answers(confirm=False)
    page.confirm = asked.confirm
    page.passport_button.click()
    assert len(asked.asked) == 1 and "semua 60 CPMI P3MI PT Maju Jaya" in asked.asked[0]

    # A row chosen by hand ends the P3MI's choice.
    page.table.clearSelection()
    select_codes(page, [code_of(OURS + 3)])
    assert page.group.agency is None and not page.group.agency_label.isVisible()
    assert page.selected_cpmi() == [(code_of(OURS + 3), f"CPMI Nomor {OURS + 4}")]


def test_cancelling_the_kind_question_changes_nothing(
    qtbot: Any, page: SearchPage, workspace: Workspace
) -> None:
    select_codes(page, [code_of(70), code_of(71)])
    before = ktp_status(workspace)
    answers = Answers(kind=None)
    page.group.ask_kind = answers.ask_kind
    page.verify_button.click()
    page.ctx.runner.wait_idle()
    assert len(answers.asked) == 1
    assert ktp_status(workspace) == before
    assert not page.group_result.isVisible()


def test_a_cpmi_without_p3mi_is_said(qtbot: Any, page: SearchPage, workspace: Workspace) -> None:
    with workspace.database.engine.begin() as connection:
        connection.execute(
            text("UPDATE applicant SET agency_id = NULL WHERE tracking_code = :code"),
            {"code": code_of(80)},
        )
    select_codes(page, [code_of(80)])
    page.agency_button.click()
    result = wait_result(qtbot, page)
    assert result == "CPMI ini tidak tercatat dengan P3MI."
    assert page.group.agency is None
