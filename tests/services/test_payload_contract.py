"""One set of field rules: what the counter accepts, the destinations accept.

The contract in ``sync/destinations/contract.py`` is the destinations' rules written down once.
These tests hold three things together: the contract and the reference server refuse the same
payloads; anything the intake form accepts becomes payloads the contract accepts (so no CPMI is
refused by the registry days later for something the counter let through); and a refusal the
destinations still give reaches the officer in Indonesian.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import letters, submissions
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.services.submissions import passport_payload, registry_payload
from ltsa_desk.services.validation import ValidationFailed, check_applicant
from ltsa_desk.store.models import Applicant
from sync.destinations.contract import check_payload, reason_in_indonesian
from sync.models import ItemState, OutboxItem
from sync.sim.validation import validate_passport_application, validate_worker

TODAY = date(2026, 6, 1)
# NIKs with the birth date and sex they encode (women: day + 40).
PEOPLE = [
    ("5203011205900001", "12-05-1990", "L"),
    ("5203015205950002", "12-05-1995", "P"),
    ("3174016708000003", "27-08-2000", "P"),
]

any_text = st.text(max_size=40)
optional = st.one_of(st.none(), any_text)
# Mostly names a person has (so the other fields get looked at), sometimes anything at all.
names = st.one_of(
    st.from_regex(r"[A-Za-z][A-Za-z .'\u2019-]{0,30}", fullmatch=True),
    st.sampled_from(["Nur\u2019aini", "SITI AMINAH", "I Made Suarta", "Muh. Ridwan, S.Pd"]),
    any_text,
)


@st.composite
def intake_forms(draw: st.DrawFn) -> dict[str, Any]:
    nik, birth, sex = draw(st.sampled_from(PEOPLE))
    return {
        "nik": nik,
        "full_name": draw(names),
        "birth_date": birth,
        "sex": sex,
        "birth_place": draw(optional),
        "address": draw(st.one_of(st.none(), st.text(max_size=320))),
        "phone": draw(st.one_of(st.none(), st.from_regex(r"\+?[0-9 ()-]{6,18}", fullmatch=True))),
        "destination_country": draw(st.sampled_from([None, "Malaysia", "TW", "Hong Kong", "SAU"])),
        "job_title": draw(optional),
        "sector": draw(st.sampled_from([None, "formal", "informal", "Manufaktur"])),
        "agency": draw(optional),
        "planned_departure": draw(st.one_of(st.none(), st.dates().map(date.isoformat))),
    }


def _payloads(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The payloads the outbox would queue for a CPMI saved with these checked values."""
    agency = values.pop("agency", None)
    applicant = Applicant(
        **values,
        tracking_code="LOTIM-01-2026-00001",
        name_key=values["full_name"].casefold(),
        regency_code="52.03",
        office_code="52.03",
        counter_id="LOTIM-01",
        registered_by="petugas1",
    )
    return registry_payload(None, applicant, agency), passport_payload(applicant)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(intake_forms())
def test_what_the_intake_accepts_the_destinations_accept(form: dict[str, Any]) -> None:
    try:
        checked = check_applicant(form, office_code="52.03", registration_date=TODAY)
    except ValidationFailed:
        return
    worker, passport = _payloads(dict(checked.values))
    assert check_payload("registry", "worker.register", worker) == [], worker
    assert check_payload("immigration", "passport.apply", passport) == [], passport
    _, errors = validate_worker({**worker, "client_reference": "k1"})
    assert errors == [], (worker, errors)
    _, errors = validate_passport_application(
        {**passport, "client_reference": "k2", "registry_id": "REG-1"}
    )
    assert [e for e in errors if e.field != "birth_date"] == [], (passport, errors)


payload_values = st.one_of(
    st.none(), st.text(max_size=20), st.integers(), st.sampled_from(["", " ", "L", "P", "MY"]),
    st.dates().map(date.isoformat), st.from_regex(r"[0-9]{16}", fullmatch=True),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(
    ["nik", "full_name", "birth_date", "sex", "birth_place", "address", "phone",
     "destination_country", "job_title", "sector", "agency", "office_code", "tracking_code",
     "planned_departure"]), payload_values))
def test_the_contract_refuses_what_the_reference_server_refuses(payload: dict[str, Any]) -> None:
    """Written once: the contract and the server agree field by field (the server also knows
    today's date and the real country list; those two are the server's to say)."""
    _, errors = validate_worker({**payload, "client_reference": "k1"})
    server = {e.field for e in errors if e.field not in ("birth_date", "destination_country")}
    ours = {
        p.field
        for p in check_payload("registry", "worker.register", payload)
        if p.field not in ("birth_date", "destination_country")
    }
    if not {"birth_date", "destination_country"} & {e.field for e in errors}:
        assert ours == server, (payload, errors)


def test_refusals_reach_the_officer_in_indonesian() -> None:
    _, errors = validate_worker(
        {"client_reference": "k", "nik": "52030112059", "full_name": "Nur <aini>",
         "birth_date": "1990-02-30", "sex": "X"}
    )
    reason = "; ".join(f"{e.field}: {e.message}" for e in errors)  # as sync/transport keeps it
    assert reason_in_indonesian(reason) == (
        "NIK: harus tepat 16 angka; "
        "Nama lengkap: hanya boleh berisi huruf, spasi dan tanda . ' - ,; "
        "Tanggal lahir: bukan tanggal yang ada di kalender; "
        "Jenis kelamin: harus L (laki-laki) atau P (perempuan)"
    )
    # A reason nobody wrote down stays as the destination wrote it, never lost.
    assert reason_in_indonesian("quota: office over limit") == "quota: office over limit"


# --------------------------------------------------------------------------------------------
# Checked when queued; refusals shown in Indonesian


def test_old_data_the_destination_would_refuse_is_stopped_at_the_counter(
    workspace: Workspace, actor: Actor
) -> None:
    """A name saved before the rule (an old register) must not leave for immigration to refuse."""
    with workspace.database.write_session() as session:
        applicant = register_applicant(
            session,
            {"nik": PEOPLE[0][0], "full_name": "Budi", "birth_date": PEOPLE[0][1], "sex": "L"},
            actor,
            today=TODAY,
        ).applicant
        applicant_id = applicant.id
    with workspace.database.write_session() as session:  # as an old register left it
        stored = session.get(Applicant, applicant_id)
        assert stored is not None
        stored.full_name = "Budi <Santoso>"
        session.add(stored)
        session.commit()
    with workspace.database.write_session() as session:
        old = session.get(Applicant, applicant_id)
        assert old is not None and old.full_name == "Budi <Santoso>"
        before = len(session.exec(select(OutboxItem)).all())
        with pytest.raises(ValidationFailed) as refused:
            submissions.queue_passport_application(session, old)
        assert refused.value.errors == {
            "full_name": "Nama lengkap hanya boleh berisi huruf, spasi dan tanda . ' - , "
            "(syarat imigrasi)"
        }
        session.rollback()
        assert len(session.exec(select(OutboxItem)).all()) == before


def test_a_refusal_on_the_receipt_is_indonesian(
    workspace: Workspace, actor: Actor
) -> None:
    with workspace.database.write_session() as session:
        applicant = register_applicant(
            session,
            {"nik": PEOPLE[1][0], "full_name": "Siti", "birth_date": PEOPLE[1][1], "sex": "P"},
            actor,
            today=TODAY,
        ).applicant
        applicant_id = str(applicant.id)
        item = session.exec(select(OutboxItem)).one()
        item.state = ItemState.NEEDS_ATTENTION.value
        item.last_error = "full_name: may contain only letters, spaces and . ' - ,"
        session.add(item)
        session.commit()
    with workspace.database.session() as session:
        (line,) = letters.receipt_data(session, applicant_id).waiting
    assert line.reason == "Nama lengkap: hanya boleh berisi huruf, spasi dan tanda . ' - ,"
