"""Desks of one office on one PostgreSQL database: setting them up, and working across them.

The first desk's `init` creates the office's tables, the next ones join; a database of another
office, or a counter id already taken, is refused with exit 2 and leaves nothing behind. A CPMI
imported at one desk is listed, shown and corrected at another (the real CLI, in subprocesses),
scans attached at one desk open at the other (the attachment table), and tracking codes and letter
numbers never clash, even when desks and processes write at the same instant.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from desktools import OFFICE, nik, run_cli
from officetools import actor, make_desk, pdf, person
from sqlalchemy import func
from sqlmodel import col, select

from ltsa_desk.counter.config import Config
from ltsa_desk.counter.workspace import Workspace, open_workspace
from ltsa_desk.services import documents as docs
from ltsa_desk.services import letters
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.store.attachments import AttachmentNotFound, AttachmentRejected
from ltsa_desk.store.database import OfficeServerUnreachable, open_database
from ltsa_desk.store.database_blobs import DatabaseBlobStore
from ltsa_desk.store.models import Applicant, Letter, OfficeDesk

TODAY = date(2026, 6, 1)


# --- set-up --------------------------------------------------------------------------------------


def test_init_creates_then_joins_and_refuses_another_office_or_a_taken_counter_id(
    tmp_path: Path, office_url: str
) -> None:
    first = run_cli(
        tmp_path / "desk1",
        "init", "--office-code", OFFICE, "--counter-id", "LOTIM-01",
        "--database-url", office_url, "--json",
    )  # fmt: skip
    assert first.code == 0, str(first)
    made = first.json()
    assert made["joined"] is False and made["recovery_key"] is None
    second = run_cli(
        tmp_path / "desk2",
        "init", "--office-code", "5203", "--counter-id", "lotim-02",
        "--database-url", office_url, "--json",
    )  # fmt: skip
    assert second.code == 0, str(second)
    joined = second.json()
    assert joined["joined"] is True
    assert joined["database_id"] == made["database_id"]
    assert joined["counter_id"] == "LOTIM-02"

    taken = run_cli(
        tmp_path / "desk3",
        "init", "--office-code", OFFICE, "--counter-id", "LOTIM-02",
        "--database-url", office_url, "--json",
    )  # fmt: skip
    assert taken.code == 2, str(taken)
    assert "LOTIM-02 sudah dipakai" in taken.json()["error"]["message"]
    assert "LOTIM-03" in taken.stderr  # a free id is suggested
    other_office = run_cli(
        tmp_path / "desk4",
        "init", "--office-code", "52.01", "--counter-id", "LOBAR-01",
        "--database-url", office_url,
    )  # fmt: skip
    assert other_office.code == 2, str(other_office)
    assert "milik kantor 52.03" in other_office.stderr
    for refused in ("desk3", "desk4"):
        assert not (tmp_path / refused).exists() or not any((tmp_path / refused).iterdir())

    database = open_database(office_url)
    try:
        with database.session() as session:
            desks = session.exec(select(OfficeDesk).order_by(col(OfficeDesk.counter_id))).all()
            assert [d.counter_id for d in desks] == ["LOTIM-01", "LOTIM-02"]
            assert all(d.host for d in desks)
    finally:
        database.close()
    # Nothing of the office on the desks' disks: no key, no sealed copy, no local database.
    for desk in ("desk1", "desk2"):
        names = {p.name for p in (tmp_path / desk).iterdir()}
        assert "ltsa.sqlite" not in names and "ltsa.key.sealed" not in names, names
        assert Config.load(tmp_path / desk).get("database.id") == made["database_id"]


def test_a_desk_not_registered_in_the_office_database_is_refused(
    tmp_path: Path, office_url: str
) -> None:
    make_desk(tmp_path / "desk1", "LOTIM-01", office_url).close()
    config = Config(tmp_path / "copied")
    config.set("office.code", OFFICE)
    config.set("counter.id", "LOTIM-09")
    config.set("database.url", office_url)
    config.save()
    with pytest.raises(Exception, match="LOTIM-09 belum terdaftar"):
        open_workspace(tmp_path / "copied")


def test_an_unreachable_office_server_is_named_plainly_and_nothing_local_is_made(
    tmp_path: Path, office_url: str
) -> None:
    make_desk(tmp_path / "desk1", "LOTIM-01", office_url).close()
    config = Config.load(tmp_path / "desk1")
    dead = office_url.replace("127.0.0.1:5432", "127.0.0.1:9")
    config._values["database.url"] = dead  # as if the server moved away under the desk
    config.save()
    before = sorted(p.name for p in (tmp_path / "desk1").iterdir())
    with pytest.raises(OfficeServerUnreachable) as refused:
        open_workspace(tmp_path / "desk1")
    message = str(refused.value)
    assert "Server basis data kantor (127.0.0.1:9/" in message
    assert "tidak membuat salinan lokal" in message
    listed = run_cli(tmp_path / "desk1", "applicant", "list")
    assert listed.code == 2 and "Server basis data kantor" in listed.stderr, str(listed)
    assert "Traceback" not in listed.stderr
    assert sorted(p.name for p in (tmp_path / "desk1").iterdir() if p.name != "logs") == [
        name for name in before if name != "logs"
    ]


# --- working across desks ------------------------------------------------------------------------


def test_a_cpmi_imported_at_one_desk_is_listed_shown_and_updated_at_the_other(
    tmp_path: Path, office_url: str
) -> None:
    for desk, counter in (("desk1", "LOTIM-01"), ("desk2", "LOTIM-02")):
        made = run_cli(
            tmp_path / desk,
            "init", "--office-code", OFFICE, "--counter-id", counter, "--database-url", office_url,
        )  # fmt: skip
        assert made.code == 0, str(made)
    register = tmp_path / "register.csv"
    register.write_text(
        "nik;nama;tanggal_lahir;jenis_kelamin;negara_tujuan\n"
        f"{nik(1, day=52)};Siti Aminah;12-05-1990;P;Malaysia\n"
        f"{nik(2)};Budi Santoso;12-05-1990;L;Taiwan\n",
        encoding="utf-8",
    )
    imported = run_cli(tmp_path / "desk1", "import-register", str(register), "--json")
    assert imported.code == 0, str(imported)
    assert imported.json()["imported"] == 2

    listed = run_cli(tmp_path / "desk2", "applicant", "list", "--json")
    assert listed.code == 0, str(listed)
    rows = {row["nik"]: row for row in listed.json()["applicants"]}
    siti = nik(1, day=52)  # a woman's NIK: day of birth + 40
    assert set(rows) == {siti, nik(2)}
    assert rows[siti]["tracking_code"].startswith("LOTIM-01-")
    found = run_cli(tmp_path / "desk2", "applicant", "list", "--search", "amin", "--json")
    assert [row["nik"] for row in found.json()["applicants"]] == [siti]

    shown = run_cli(tmp_path / "desk2", "applicant", "show", siti, "--json")
    assert shown.code == 0 and shown.json()["applicant"]["full_name"] == "Siti Aminah"
    updated = run_cli(
        tmp_path / "desk2", "applicant", "update", siti, "--set", "phone=081234567890", "--json"
    )
    assert updated.code == 0, str(updated)

    desk1 = open_workspace(tmp_path / "desk1")
    try:
        with desk1.database.session() as session:
            row = session.exec(select(Applicant).where(Applicant.nik == siti)).one()
            assert row.phone == "+6281234567890"
        # The correction was made at desk 2: its audit entry says so.
        from ltsa_desk.store.models import AuditLog

        with desk1.database.session() as session:
            counters = set(
                session.exec(
                    select(AuditLog.counter_id).where(AuditLog.action.startswith("applicant"))
                ).all()
            )
        assert {"LOTIM-01", "LOTIM-02"} <= counters
    finally:
        desk1.close()


def test_a_scan_attached_at_one_desk_opens_at_the_other(
    two_desks: tuple[Workspace, Workspace],
) -> None:
    desk1, desk2 = two_desks
    assert isinstance(desk1.attachments, DatabaseBlobStore)
    with desk1.database.write_session() as session:
        applicant_id = register_applicant(session, person(7), actor("LOTIM-01")).applicant.id
    with desk1.database.write_session() as session:
        docs.attach(
            session, docs.attachment_store(desk1), applicant_id, "ktp", pdf("ktp-7"),
            actor("LOTIM-01"), today=TODAY,
        )  # fmt: skip
    with desk2.database.write_session() as session:
        docs.verify(session, applicant_id, "ktp", actor("LOTIM-02"), today=TODAY)
    with desk2.database.session() as session:
        document = docs.documents_on_file(session, applicant_id)["ktp"]
    assert document.status == "verified" and document.verified_by == "petugas1"
    assert docs.attachment_store(desk2).get(str(document.attachment_sha256)) == pdf("ktp-7")
    assert not (desk1.data_dir / "attachments").exists()


def test_blob_store_round_trip(office_url: str, tmp_path: Path) -> None:
    make_desk(tmp_path / "desk1", "LOTIM-01", office_url).close()
    database = open_database(office_url)
    try:
        store = DatabaseBlobStore(database.writer, max_bytes=4096)
        first = store.put(pdf("one"))
        assert first.media_type == "application/pdf"
        assert first.sha256 == hashlib.sha256(pdf("one")).hexdigest()
        assert store.put(bytearray(pdf("one"))) == first  # the same content: a no-op
        scan = tmp_path / "scan.pdf"
        scan.write_bytes(pdf("two"))
        second = store.put(scan)
        assert store.exists(first.sha256) and store.exists(second.sha256)
        assert store.get(second.sha256) == pdf("two")
        assert store.open(first.sha256).read() == pdf("one")
        assert store.info(second.sha256).size == len(pdf("two"))
        assert store.verify(first.sha256)
        assert list(store.iter_all()) == sorted([first.sha256, second.sha256])
        with pytest.raises(AttachmentRejected) as refused:
            store.put(b"%PDF-1.4 cut short")
        assert refused.value.reason == "corrupt"
        with pytest.raises(AttachmentRejected):
            store.put(pdf("x" * 5000))  # over the limit
        missing = "0" * 64
        assert not store.exists(missing) and not store.verify(missing)
        with pytest.raises(AttachmentNotFound):
            store.get(missing)
        with pytest.raises(ValueError):
            store.get("../etc/passwd")
        # Damage in the table is caught by verify (what doctor samples).
        with database.writer.begin() as connection:
            connection.exec_driver_sql(
                "UPDATE attachment_blob SET content = %(c)s WHERE sha256 = %(s)s",
                {"c": pdf("tampered"), "s": first.sha256},
            )
        assert not store.verify(first.sha256)
    finally:
        database.close()


def test_tracking_codes_and_letter_numbers_never_clash_across_desks_writing_at_once(
    two_desks: tuple[Workspace, Workspace], office_url: str
) -> None:
    desk1, desk2 = two_desks
    # A second process of desk 1 (its window beside a command-line import): same counter id.
    desk1_again = open_workspace(desk1.data_dir)
    writers = [(desk1, "LOTIM-01", 0), (desk1_again, "LOTIM-01", 100), (desk2, "LOTIM-02", 200)]
    per_writer = 12
    start = threading.Barrier(len(writers))
    failures: list[BaseException] = []

    def work(desk: Workspace, counter: str, first: int) -> None:
        start.wait()
        try:
            for serial in range(first + 1, first + per_writer + 1):
                with desk.database.write_session() as session:
                    register_applicant(
                        session,
                        person(serial, agency="PT Bintang Mandiri"),
                        actor(counter),
                        today=TODAY,
                    )
        except BaseException as exc:  # reported below, with the others
            failures.append(exc)

    threads = [threading.Thread(target=work, args=w) for w in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    desk1_again.close()
    assert not failures, failures
    with desk2.database.session() as session:
        codes = session.exec(select(Applicant.tracking_code)).all()
    assert len(codes) == len(set(codes)) == per_writer * len(writers)
    desk1_codes = sorted(c for c in codes if c.startswith("LOTIM-01-"))
    assert desk1_codes == [f"LOTIM-01-2026-{n:06d}" for n in range(1, 2 * per_writer + 1)]

    # Letters: both desks issue SPRs at the same moment; numbers carry the desk's counter id.
    office = letters.OfficeSettings(office_code=OFFICE, counter_id="")
    chosen: dict[str, list[str]] = {"LOTIM-01": [], "LOTIM-02": []}
    with desk1.database.session() as session:
        for row in session.exec(select(Applicant).order_by(col(Applicant.tracking_code))).all():
            if len(chosen[row.counter_id]) < 4:
                chosen[row.counter_id].append(str(row.id))
    for desk, counter in ((desk1, "LOTIM-01"), (desk2, "LOTIM-02")):
        for applicant_id in chosen[counter]:
            _documents_complete(desk, counter, applicant_id)
    start = threading.Barrier(2)

    def issue(desk: Workspace, counter: str) -> None:
        start.wait()
        try:
            for applicant_id in chosen[counter]:
                with desk.database.write_session() as session:
                    letters.issue_spr(
                        session, applicant_id, actor(counter), _settings(office, counter),
                        today=TODAY,
                    )  # fmt: skip
        except BaseException as exc:
            failures.append(exc)

    threads = [
        threading.Thread(target=issue, args=(desk1, "LOTIM-01")),
        threading.Thread(target=issue, args=(desk2, "LOTIM-02")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not failures, failures
    with desk1.database.session() as session:
        numbers = session.exec(select(Letter.number)).all()
        count = session.exec(select(func.count()).select_from(Letter)).one()
    assert count == 8 and len(set(numbers)) == 8
    assert sorted(n for n in numbers if "LOTIM-02" in n) == [
        f"562/{n:04d}/LTSA-LOTIM-02/VI/2026" for n in range(1, 5)
    ]


def _settings(office: letters.OfficeSettings, counter: str) -> letters.OfficeSettings:
    return replace(office, counter_id=counter)


def _documents_complete(desk: Workspace, counter: str, applicant_id: str) -> None:
    """The registration papers attached, verified and marked complete: an SPR may follow."""
    store = docs.attachment_store(desk)
    officer = actor(counter)
    for kind in ("ktp", "kk", "ijazah", "family_permission"):
        with desk.database.write_session() as session:
            docs.attach(
                session, store, applicant_id, kind, pdf(f"{kind}-{applicant_id}"), officer,
                today=TODAY,
            )  # fmt: skip
            docs.verify(session, applicant_id, kind, officer, today=TODAY)
    with desk.database.write_session() as session:
        docs.mark_documents_complete(session, applicant_id, officer, today=TODAY)


def test_the_wizards_connection_test_says_what_init_would_do(
    tmp_path: Path, office_url: str
) -> None:
    from ltsa_desk.counter.shared_office import check_office_server

    empty = check_office_server(office_url, OFFICE, "LOTIM-01")
    assert empty.action == "create" and empty.ok
    make_desk(tmp_path / "desk1", "LOTIM-01", office_url).close()
    join = check_office_server(office_url, OFFICE, "lotim-02")
    assert join.action == "join" and join.desks == ("LOTIM-01",)
    taken = check_office_server(office_url, OFFICE, "LOTIM-01")
    assert taken.action == "refuse" and "sudah dipakai" in taken.message
    other = check_office_server(office_url, "52.01", "LOBAR-01")
    assert other.action == "refuse" and other.office_code == OFFICE
    dead = check_office_server(
        office_url.replace("127.0.0.1:5432", "127.0.0.1:9"), OFFICE, "LOTIM-02", timeout_s=2
    )
    assert dead.action == "unreachable" and not dead.ok
    assert "Server basis data kantor" in dead.message
    # Read only: nothing was registered by the checks.
    database = open_database(office_url)
    try:
        with database.session() as session:
            assert session.exec(select(OfficeDesk.counter_id)).all() == ["LOTIM-01"]
    finally:
        database.close()


def test_one_nik_saved_at_two_desks_at_the_same_moment_is_one_cpmi(
    two_desks: tuple[Workspace, Workspace],
) -> None:
    from ltsa_desk.services.intake import DuplicateNik

    outcomes: list[object] = []
    start = threading.Barrier(2)

    def save(desk: Workspace, counter: str) -> None:
        start.wait()
        try:
            with desk.database.write_session() as session:
                made = register_applicant(session, person(42), actor(counter), today=TODAY)
                outcomes.append(made.applicant.tracking_code)
        except BaseException as exc:
            outcomes.append(exc)

    threads = [
        threading.Thread(target=save, args=(desk, counter))
        for desk, counter in zip(two_desks, ("LOTIM-01", "LOTIM-02"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    saved = [o for o in outcomes if isinstance(o, str)]
    refused = [o for o in outcomes if not isinstance(o, str)]
    assert len(saved) == 1, outcomes
    assert len(refused) == 1 and isinstance(refused[0], DuplicateNik), outcomes
    assert refused[0].tracking_code == saved[0]
    with two_desks[0].database.session() as session:
        assert session.exec(select(func.count()).select_from(Applicant)).one() == 1


def test_the_server_password_lives_in_the_keyring_only(tmp_path: Path, office_url: str) -> None:
    """(The test server trusts local connections, so any password opens it: what is checked
    here is where the password goes, and that a refused set-up takes a new one back.)"""
    from ltsa_desk.counter.shared_office import database_password

    made = run_cli(
        tmp_path / "desk1",
        "init", "--office-code", OFFICE, "--counter-id", "LOTIM-01", "--database-url", office_url,
        "--database-password-stdin", "--database-sslmode", "prefer",
        input="kata-sandi-kantor-1\n",
    )  # fmt: skip
    assert made.code == 0, str(made)
    assert database_password(OFFICE) == "kata-sandi-kantor-1"
    config_text = (tmp_path / "desk1" / "config.toml").read_text(encoding="utf-8")
    assert "kata-sandi" not in config_text
    assert Config.load(tmp_path / "desk1").get("database.sslmode") == "prefer"
    changed = run_cli(
        tmp_path / "desk1", "credentials", "set", "database", "--token-stdin",
        input="kata-sandi-kantor-2\n",
    )  # fmt: skip
    assert changed.code == 0, str(changed)
    assert database_password(OFFICE) == "kata-sandi-kantor-2"
    assert run_cli(tmp_path / "desk1", "applicant", "list").code == 0
    in_url = run_cli(
        tmp_path / "desk2",
        "init", "--office-code", OFFICE, "--counter-id", "LOTIM-02",
        "--database-url", office_url.replace("postgres@", "postgres:bocor@"),
    )  # fmt: skip
    assert in_url.code == 2 and "kata sandi" in in_url.stderr, str(in_url)
    assert not (tmp_path / "desk2" / "config.toml").exists()


def test_a_refused_set_up_takes_back_the_password_it_brought(
    tmp_path: Path, office_url: str
) -> None:
    from ltsa_desk.counter.shared_office import database_password

    make_desk(tmp_path / "desk1", "LOTIM-01", office_url).close()
    refused = run_cli(
        tmp_path / "lobar",
        "init", "--office-code", "52.01", "--counter-id", "LOBAR-01", "--database-url", office_url,
        "--database-password-stdin",
        input="salah-kantor\n",
    )  # fmt: skip
    assert refused.code == 2, str(refused)
    assert database_password("52.01") is None
