"""Required documents per placement step, read from the requirements table."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ltsa_desk.domain.documents import (
    CONDITION_FACTS,
    DOCUMENT_KIND_LABELS_EN,
    DOCUMENT_KIND_LABELS_ID,
    DOCUMENT_STATUS_LABELS_EN,
    DOCUMENT_STATUS_LABELS_ID,
    REQUIREMENTS,
    DocumentKind,
    DocumentStatus,
    MissingReason,
    applies,
    is_complete,
    kinds_of,
    missing_documents,
    months_before,
    required_documents,
)
from ltsa_desk.domain.values import InvalidValue, MaritalStatus
from ltsa_desk.domain.workflow import HAPPY_PATH, CaseState, step_index

K = DocumentKind
S = CaseState
TODAY = date(2025, 6, 1)
ALL_RECEIVED = {kind: DocumentStatus.RECEIVED for kind in DocumentKind}
FRESH = {K.MEDICAL_CERTIFICATE: TODAY - timedelta(days=10)}

REGISTRATION = [K.KTP, K.KK, K.AKTA_LAHIR, K.IJAZAH, K.FAMILY_PERMISSION]


def _kinds(state: CaseState, marital: MaritalStatus | str | None) -> list[DocumentKind]:
    return kinds_of(required_documents(state, marital))


# --------------------------------------------------------------------------- the table


def test_labels_are_complete() -> None:
    assert set(DOCUMENT_KIND_LABELS_ID) == set(DocumentKind) == set(DOCUMENT_KIND_LABELS_EN)
    assert set(DOCUMENT_STATUS_LABELS_ID) == set(DocumentStatus) == set(DOCUMENT_STATUS_LABELS_EN)
    assert [DOCUMENT_STATUS_LABELS_ID[s] for s in DocumentStatus] == [
        "Belum ada", "Diterima", "Terverifikasi", "Ditolak"
    ]
    assert DOCUMENT_KIND_LABELS_ID[K.BPJS_TK] == "BPJS Ketenagakerjaan (JKK+JKM)"


def test_table_is_well_formed() -> None:
    named = {kind for row in REQUIREMENTS for kind in row.kinds}
    assert named == set(DocumentKind)  # every kind is asked for somewhere
    for row in REQUIREMENTS:
        assert row.kinds and len(set(row.kinds)) == len(row.kinds)
        assert row.needed_from_state in HAPPY_PATH
        if row.condition is not None:
            fact, value = row.condition
            assert fact in CONDITION_FACTS
            assert value in set(MaritalStatus)


def test_group_label() -> None:
    (group,) = [r for r in REQUIREMENTS if r.is_group]
    assert group.label_id == "Akta kelahiran atau Ijazah"


@pytest.mark.parametrize(
    ("marital", "extra"),
    [
        (MaritalStatus.SINGLE, []),
        (MaritalStatus.MARRIED, [K.BUKU_NIKAH]),
        (MaritalStatus.DIVORCED, [K.AKTA_CERAI]),
        (MaritalStatus.WIDOWED, []),
        ("Kawin", [K.BUKU_NIKAH]),
        ("cerai hidup", [K.AKTA_CERAI]),
        (None, []),
    ],
)
def test_registration_documents(marital: MaritalStatus | str | None, extra: list) -> None:
    assert _kinds(S.DOCUMENTS_COMPLETE, marital) == REGISTRATION + extra
    assert _kinds(S.REGISTERED, marital) == []


def test_steps_add_documents_cumulatively() -> None:
    assert _kinds(S.RECOMMENDED, "single") == [
        *REGISTRATION, K.MEDICAL_CERTIFICATE, K.AK1_CARD, K.PLACEMENT_AGREEMENT
    ]
    assert _kinds(S.PASSPORT_ISSUED, "single") == _kinds(S.RECOMMENDED, "single")
    assert _kinds(S.DEPARTED, "single")[-3:] == [K.PASSPORT, K.VISA, K.BPJS_TK]
    assert required_documents(S.CANCELLED, "married") == []


def test_unknown_marital_text_raises() -> None:
    with pytest.raises(InvalidValue):
        required_documents(S.DOCUMENTS_COMPLETE, "janda")


def test_applies_rejects_unknown_fact() -> None:
    from ltsa_desk.domain.documents import Requirement

    with pytest.raises(ValueError, match="unknown condition"):
        applies(Requirement((K.KTP,), S.DOCUMENTS_COMPLETE, ("religion", "x")), None)


# --------------------------------------------------------------------------- missing documents


def test_everything_received_is_complete_for_every_state() -> None:
    for state in CaseState:
        assert missing_documents(state, "married", ALL_RECEIVED, today=TODAY, issued_on=FRESH) == []
        assert is_complete(state, "married", ALL_RECEIVED, today=TODAY, issued_on=FRESH)


def test_nothing_on_file_lists_every_row_as_missing() -> None:
    missing = missing_documents(S.DOCUMENTS_COMPLETE, "single", {}, today=TODAY)
    assert [m.reason for m in missing] == [MissingReason.MISSING] * 4
    assert [m.message for m in missing] == [
        "KTP belum ada",
        "Kartu Keluarga belum ada",
        "Akta kelahiran atau Ijazah belum ada",
        "Surat izin keluarga/wali belum ada",
    ]


def test_either_birth_certificate_or_diploma_is_enough() -> None:
    base = {k: DocumentStatus.RECEIVED for k in (K.KTP, K.KK, K.FAMILY_PERMISSION)}
    for kind in (K.AKTA_LAHIR, K.IJAZAH):
        statuses = {**base, kind: DocumentStatus.VERIFIED}
        assert missing_documents(S.DOCUMENTS_COMPLETE, "single", statuses, today=TODAY) == []
    statuses = {**base, K.AKTA_LAHIR: DocumentStatus.REJECTED}
    (missing,) = missing_documents(S.DOCUMENTS_COMPLETE, "single", statuses, today=TODAY)
    assert missing.reason is MissingReason.REJECTED
    assert missing.message == "Akta kelahiran ditolak (atau serahkan Ijazah)"


def test_rejected_and_require_verified() -> None:
    statuses = {**ALL_RECEIVED, K.KK: DocumentStatus.REJECTED}
    (missing,) = missing_documents(S.DOCUMENTS_COMPLETE, "single", statuses, today=TODAY)
    assert (missing.reason, missing.message) == (MissingReason.REJECTED, "Kartu Keluarga ditolak")
    verified = {**ALL_RECEIVED, K.KTP: DocumentStatus.VERIFIED, K.KK: DocumentStatus.VERIFIED,
                K.IJAZAH: DocumentStatus.VERIFIED, K.FAMILY_PERMISSION: DocumentStatus.VERIFIED}
    assert missing_documents(
        S.DOCUMENTS_COMPLETE, "single", verified, today=TODAY, require_verified=True
    ) == []
    missing = missing_documents(
        S.DOCUMENTS_COMPLETE, "married", verified, today=TODAY, require_verified=True
    )
    assert [(m.reason, m.message) for m in missing] == [
        (MissingReason.NOT_VERIFIED, "Buku nikah belum terverifikasi")
    ]


@pytest.mark.parametrize(
    ("issued", "reason"),
    [
        (date(2025, 3, 1), None),  # exactly three calendar months
        (date(2025, 2, 28), MissingReason.TOO_OLD),
        (TODAY, None),
        (TODAY + timedelta(days=1), MissingReason.UNDATED),  # a typo, not a fresh certificate
        (None, MissingReason.UNDATED),
    ],
)
def test_medical_certificate_age(issued: date | None, reason: MissingReason | None) -> None:
    issued_on = {} if issued is None else {K.MEDICAL_CERTIFICATE: issued}
    missing = missing_documents(
        S.RECOMMENDED, "single", ALL_RECEIVED, today=TODAY, issued_on=issued_on
    )
    assert [m.reason for m in missing] == ([] if reason is None else [reason])
    if reason is MissingReason.TOO_OLD:
        assert missing[0].message == (
            "Surat keterangan sehat sudah lebih dari 3 bulan (terbit 28-02-2025; "
            "paling lama 01-03-2025)"
        )


def test_old_medical_does_not_block_a_later_step_already_past_recommendation() -> None:
    old = {K.MEDICAL_CERTIFICATE: date(2024, 1, 1)}
    strict = missing_documents(S.DEPARTED, "single", ALL_RECEIVED, today=TODAY, issued_on=old)
    assert [m.reason for m in strict] == [MissingReason.TOO_OLD]
    assert missing_documents(
        S.DEPARTED, "single", ALL_RECEIVED, today=TODAY, issued_on=old,
        current_state=S.PASSPORT_ISSUED,
    ) == []
    # Skipping the recommendation step does not skip its age check.
    skipped = missing_documents(
        S.PASSPORT_REQUESTED, "single", ALL_RECEIVED, today=TODAY, issued_on=old,
        current_state=S.REGISTERED,
    )
    assert [m.reason for m in skipped] == [MissingReason.TOO_OLD]


def test_expired_passport() -> None:
    missing = missing_documents(
        S.DEPARTED, "single", ALL_RECEIVED, today=TODAY, issued_on=FRESH,
        valid_until={K.PASSPORT: date(2025, 5, 31)},
    )
    assert [(m.requirement.kinds, m.reason) for m in missing] == [
        ((K.PASSPORT,), MissingReason.EXPIRED)
    ]
    assert "31-05-2025" in missing[0].message
    assert is_complete(
        S.DEPARTED, "single", ALL_RECEIVED, today=TODAY, issued_on=FRESH,
        valid_until={K.PASSPORT: TODAY},
    )


def test_store_strings_are_accepted() -> None:
    statuses = {k.value: "received" for k in DocumentKind}
    assert missing_documents("recommended", "married", statuses, today=TODAY,
                             issued_on={"medical_certificate": TODAY}) == []


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 5, 31), 3, date(2025, 2, 28)),
        (date(2024, 5, 31), 3, date(2024, 2, 29)),
        (date(2025, 1, 15), 3, date(2024, 10, 15)),
        (date(2025, 3, 31), 1, date(2025, 2, 28)),
        (date(2025, 6, 1), 0, date(2025, 6, 1)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


# --------------------------------------------------------------------------- properties

_statuses = st.dictionaries(
    st.sampled_from(list(DocumentKind)), st.sampled_from(list(DocumentStatus))
)
_marital = st.one_of(st.none(), st.sampled_from(list(MaritalStatus)))
_states = st.sampled_from(list(CaseState))
_OK = {DocumentStatus.RECEIVED, DocumentStatus.VERIFIED}


@given(_states, _marital, _statuses)
def test_missing_is_exactly_the_unsatisfied_rows(state, marital, statuses) -> None:
    missing = missing_documents(state, marital, statuses, today=TODAY, issued_on=FRESH)
    unsatisfied = [
        row for row in required_documents(state, marital)
        if not any(statuses.get(k) in _OK for k in row.kinds)
    ]
    assert [m.requirement for m in missing] == unsatisfied
    assert all(m.message for m in missing)


@given(_states, _marital, _statuses, st.sampled_from(list(DocumentKind)))
def test_improving_a_document_never_adds_missing(state, marital, statuses, kind) -> None:
    before = missing_documents(state, marital, statuses, today=TODAY, issued_on=FRESH)
    better = {**statuses, kind: DocumentStatus.VERIFIED}
    after = missing_documents(state, marital, better, today=TODAY, issued_on=FRESH)
    assert {m.requirement for m in after} <= {m.requirement for m in before}


@given(_states, _states, _marital)
def test_later_steps_need_at_least_what_earlier_ones_do(a, b, marital) -> None:
    if a is S.CANCELLED or b is S.CANCELLED:
        return
    early, late = sorted((a, b), key=step_index)
    assert set(required_documents(early, marital)) <= set(required_documents(late, marital))


@given(st.dates(date(1901, 1, 1), date(2100, 12, 31)), st.integers(0, 600))
def test_months_before_properties(day: date, months: int) -> None:
    earlier = months_before(day, months)
    assert earlier <= day
    assert (day.year - earlier.year) * 12 + day.month - earlier.month == months
    clamped_to_month_end = (earlier + timedelta(days=1)).day == 1
    assert earlier.day == day.day or (earlier.day < day.day and clamped_to_month_end)
