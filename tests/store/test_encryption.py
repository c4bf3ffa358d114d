"""CPMI data at rest: the SQLCipher database, its key in the keyring, encrypted attachments and
backups, the recovery key and its sealed copy, the conversion of an old unencrypted database, and
masked logs.

"Contains no NIK" is checked on the raw bytes of every file (database, its -wal while connections
are open, attachments, backups), with a control showing the same grep finds the NIK in plaintext.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import dbfile
import pytest
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from sqlalchemy.exc import DBAPIError

from ltsa_desk.counter import keyring_home, protection
from ltsa_desk.counter.config import Config
from ltsa_desk.counter.logging_setup import mask_sensitive, setup_logging
from ltsa_desk.counter.workspace import (
    Workspace,
    confirm_recovery_key_shown,
    initialise,
    open_workspace,
)
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.store import cipher, keys
from ltsa_desk.store import recovery_key as rk
from ltsa_desk.store.attachments import AttachmentNotFound, BlobStore
from ltsa_desk.store.database import (
    BUSY_TIMEOUT_MS,
    MIGRATIONS_DIR,
    DatabaseProblem,
    backup_sqlite_file,
    create_database,
    head_revision,
    open_database,
)
from ltsa_desk.store.encrypted_attachments import (
    OVERHEAD,
    AttachmentDamaged,
    EncryptedAttachmentStore,
    file_is_encrypted,
)
from ltsa_desk.store.engine import writer_engine

OFFICE = "52.03"
COUNTER = "LOTIM-01"
TODAY = date(2025, 1, 15)
NIK = "5203011205900001"
NAME = "Budi Santoso"
PEOPLE = [
    (NIK, NAME, "12-05-1990", "L"),
    ("5203015205950002", "Siti Aminah", "12-05-1995", "P"),
    ("5203011205900005", "Ahmad Zainuddin", "12-05-1990", "L"),
]
WRONG_KEY = r"(?i)kunci basis data salah / berkas rusak"
SECRETS_ON_DISK = [p[0].encode() for p in PEOPLE] + [
    word.encode() for p in PEOPLE for word in (p[1], p[1].lower())
]


def pdf_about(nik: str, name: str) -> bytes:
    """A scan-like PDF whose body holds the CPMI's NIK and name in clear."""
    body = f"1 0 obj << /Type /Catalog >> endobj\n% KTP {nik} {name}\n".encode()
    return b"%PDF-1.7\n" + body + b"trailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


def register_people(database: Any, actor: Actor, people: list[tuple[str, str, str, str]]) -> None:
    for nik, name, born, sex in people:
        with database.write_session() as session:
            register_applicant(
                session,
                {"nik": nik, "full_name": name, "birth_date": born, "sex": sex},
                actor,
                today=TODAY,
            )


def leaks(folder: Path, needles: list[bytes] = SECRETS_ON_DISK) -> dict[str, list[bytes]]:
    """Every file under ``folder`` that holds one of the needles in its raw bytes."""
    found: dict[str, list[bytes]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            hits = [needle for needle in needles if needle in data]
            if hits:
                found[path.relative_to(folder).as_posix()] = hits
    return found


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def counter(data_dir: Path) -> Workspace:  # type: ignore[misc]
    initialise(data_dir, office_code=OFFICE, counter_id=COUNTER)
    confirm_recovery_key_shown(data_dir)
    opened = open_workspace(data_dir)
    try:
        yield opened
    finally:
        opened.close()


# ------------------------------------------------------------------------------------------------
# The database file


def test_database_wal_attachments_and_backups_hold_no_nik_or_name(
    counter: Workspace, actor: Actor, data_dir: Path, tmp_path: Path
) -> None:
    register_people(counter.database, actor, PEOPLE)
    stored = counter.attachments.put(pdf_about(NIK, NAME))
    backup = backup_sqlite_file(
        data_dir / "ltsa.sqlite", data_dir / "backups", "manual", key=counter._key
    )
    # Connections are still open: the latest rows sit in the -wal, which must be encrypted too.
    wal = data_dir / "ltsa.sqlite-wal"
    assert wal.exists() and wal.stat().st_size > 0
    assert leaks(data_dir) == {}
    assert not (data_dir / "ltsa.sqlite").read_bytes().startswith(cipher.SQLITE_HEADER)
    assert file_is_encrypted(counter.attachments.path(stored.sha256))
    assert backup.exists() and not backup.read_bytes().startswith(cipher.SQLITE_HEADER)

    # Control: the same grep does find them where they are in clear.
    plain_url = sqlite_url(tmp_path / "plain.sqlite")
    create_database(plain_url, office_code=OFFICE, counter_id=COUNTER)
    plain = open_database(plain_url)
    try:
        register_people(plain, actor, PEOPLE[:1])
    finally:
        plain.close()
    assert NIK.encode() in (tmp_path / "plain.sqlite").read_bytes()
    assert counter.attachments.get(stored.sha256) == pdf_about(NIK, NAME)
    assert NAME.encode() in counter.attachments.get(stored.sha256)

    # The backup opens with the same key and holds every row.
    copy = dbfile.connect(data_dir, backup)
    try:
        assert copy.execute("SELECT count(*) FROM applicant").fetchone() == (len(PEOPLE),)
    finally:
        copy.close()


def test_encrypted_connections_keep_the_pragmas_and_begin_immediate(counter: Workspace) -> None:
    assert counter.database.encrypted
    for engine in (counter.database.engine, counter.database.writer):
        with engine.connect() as connection:

            def pragma(name: str, c: Any = connection) -> object:
                return c.exec_driver_sql(f"PRAGMA {name}").scalar_one()

            assert str(pragma("journal_mode")).lower() == "wal"
            assert pragma("synchronous") == 2
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == BUSY_TIMEOUT_MS
            assert pragma("temp_store") == 2  # MEMORY: SQLCipher does not encrypt temp files
            assert str(pragma("cipher_version")).startswith("4.")
    # A writer takes the write lock at BEGIN: another connection cannot start writing meanwhile.
    with counter.database.write_session() as session:
        session.connection()
        other = dbfile.connect(counter.data_dir, timeout=0.1, isolation_level=None)
        try:
            with pytest.raises(Exception, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_errors_never_show_statement_parameters(counter: Workspace, actor: Actor) -> None:
    """A refused statement's message reaches screens and logs: it must not carry CPMI data."""
    register_people(counter.database, actor, PEOPLE[:1])
    with pytest.raises(DBAPIError) as refused, counter.database.writer.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO applicant (id, nik) VALUES (?, ?)", ("x", NIK)
        )
    assert NIK not in str(refused.value)


def test_wrong_key_is_a_clear_refusal_and_touches_nothing(counter: Workspace) -> None:
    url = counter.database.url
    counter.close()
    before = fingerprint(counter.data_dir)
    with pytest.raises(DatabaseProblem, match=WRONG_KEY) as problem:
        open_database(url, key=secrets.token_bytes(32))
    assert "recover" in str(problem.value)
    with pytest.raises(DatabaseProblem, match="header"):
        open_database(url)  # no key at all: the file has no plaintext header
    assert fingerprint(counter.data_dir) == before  # no -wal/-shm, nothing recreated


def test_wrong_key_in_the_keyring_is_refused_by_open_workspace(counter: Workspace) -> None:
    database_id = counter.database.info.database_id
    counter.close()
    keyring_home.store_database_key(database_id, secrets.token_bytes(32))
    before = fingerprint(counter.data_dir)
    with pytest.raises(DatabaseProblem, match=WRONG_KEY):
        open_workspace(counter.data_dir)
    assert fingerprint(counter.data_dir) == before


def test_missing_key_tells_to_run_recover(counter: Workspace) -> None:
    database_id = counter.database.info.database_id
    counter.close()
    keyring_home.delete_database_key(database_id)
    before = fingerprint(counter.data_dir)
    with pytest.raises(keyring_home.MissingDatabaseKey) as problem:
        open_workspace(counter.data_dir)
    message = str(problem.value)
    assert "ltsa-desk recover" in message and f"db-key@{database_id}" in message
    assert fingerprint(counter.data_dir) == before


def test_no_keyring_backend_is_refused_not_bypassed(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")  # a plaintext file backend is not chosen now
    with pytest.raises(keyring_home.KeyringUnavailable, match="keyring"):
        initialise(data_dir, office_code=OFFICE, counter_id=COUNTER)
    assert list(data_dir.iterdir()) == []


def previous_revision() -> str:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config).get_revision(head_revision())
    assert script is not None and isinstance(script.down_revision, str)
    return script.down_revision


def test_pre_migration_backup_is_encrypted(counter: Workspace) -> None:
    data_dir = counter.data_dir
    with writer_engine(counter.database.engine).begin() as connection:
        config = AlembicConfig()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        command.downgrade(config, previous_revision())
    counter.close()
    again = open_workspace(data_dir)
    try:
        assert again.database.info.revision == head_revision()
    finally:
        again.close()
    (backup,) = (data_dir / "backups").iterdir()
    assert f"pre-{head_revision()}" in backup.name
    assert not backup.read_bytes().startswith(cipher.SQLITE_HEADER)
    copy = dbfile.connect(data_dir, backup)
    try:
        (revision,) = copy.execute("SELECT version_num FROM alembic_version").fetchone()
        assert revision == previous_revision()
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        copy.close()


def test_doctor_reports_encryption_state(counter: Workspace) -> None:
    from ltsa_desk.technician.doctor import run_checks

    counter.close()
    checks = {check.name: check for check in run_checks(counter.data_dir)}
    encryption = checks["encryption"].as_dict()
    assert encryption["ok"] is True
    assert encryption["encrypted"] is True
    assert encryption["key_in_keyring"] is True
    assert encryption["sealed_key"] is True
    assert checks["integrity"].ok

    keyring_home.delete_database_key(counter.database.info.database_id)
    checks = {check.name: check for check in run_checks(counter.data_dir)}
    assert checks["encryption"].ok is False
    assert checks["encryption"].facts["key_in_keyring"] is False
    assert "recover" in checks["encryption"].detail
    assert checks["database"].ok is False


# ------------------------------------------------------------------------------------------------
# Attachments


@pytest.fixture
def vault(tmp_path: Path) -> EncryptedAttachmentStore:
    return EncryptedAttachmentStore(tmp_path / "attachments", secrets.token_bytes(32))


def test_attachments_are_named_by_plaintext_hash_and_deduplicated(
    vault: EncryptedAttachmentStore, tmp_path: Path
) -> None:
    data = pdf_about(NIK, NAME)
    first = vault.put(data)
    assert first.sha256 == hashlib.sha256(data).hexdigest()
    path = vault.path(first.sha256)
    assert path.stat().st_size == len(data) + OVERHEAD
    stamp = path.stat().st_mtime_ns
    source = tmp_path / "scan.pdf"
    source.write_bytes(data)
    assert vault.put(source) == first  # same content from a file: no second copy, no rewrite
    assert path.stat().st_mtime_ns == stamp
    assert list(vault.iter_all()) == [first.sha256]
    assert vault.get(first.sha256) == data
    assert vault.open(first.sha256).read() == data
    assert vault.info(first.sha256) == first
    assert vault.verify(first.sha256)
    assert leaks(tmp_path / "attachments") == {}
    assert isinstance(vault, BlobStore)


def test_attachment_damage_and_foreign_keys_are_refused(
    vault: EncryptedAttachmentStore, tmp_path: Path
) -> None:
    a = vault.put(pdf_about(NIK, NAME))
    b = vault.put(pdf_about("5203015205950002", "Siti Aminah"))
    # a file from another counter (another key) is not silently accepted
    other = EncryptedAttachmentStore(tmp_path / "attachments", secrets.token_bytes(32))
    assert not other.verify(a.sha256)
    with pytest.raises(AttachmentNotFound):  # keyed names: another key looks elsewhere (issue 17)
        other.get(a.sha256)
    other.path(a.sha256).parent.mkdir(parents=True, exist_ok=True)
    other.path(a.sha256).write_bytes(vault.path(a.sha256).read_bytes())  # under its name
    assert not other.verify(a.sha256)
    with pytest.raises(AttachmentDamaged):
        other.get(a.sha256)
    # one blob copied over another's name does not decrypt (the name is bound in)
    vault.path(b.sha256).write_bytes(vault.path(a.sha256).read_bytes())
    assert not vault.verify(b.sha256)
    # a flipped bit
    blob = bytearray(vault.path(a.sha256).read_bytes())
    blob[-20] ^= 1
    vault.path(a.sha256).write_bytes(bytes(blob))
    assert not vault.verify(a.sha256)
    with pytest.raises(AttachmentNotFound):
        vault.get("0" * 64)
    assert not vault.verify("0" * 64)


def test_plaintext_attachments_of_an_old_version_are_encrypted_in_place(tmp_path: Path) -> None:
    from ltsa_desk.store.attachments import AttachmentStore

    root = tmp_path / "attachments"
    old = AttachmentStore(root).put(pdf_about(NIK, NAME))
    assert leaks(root)
    vault = EncryptedAttachmentStore(root, secrets.token_bytes(32))
    assert vault.encrypt_plaintext_files() == 1
    assert vault.encrypt_plaintext_files() == 0
    assert leaks(root) == {}
    assert vault.get(old.sha256) == pdf_about(NIK, NAME)


def test_workspace_attachments_use_the_derived_key(counter: Workspace) -> None:
    stored = counter.attachments.put(pdf_about(NIK, NAME))
    database_id = counter.database.info.database_id
    key = keyring_home.load_database_key(database_id)
    derived = EncryptedAttachmentStore(
        counter.attachments_dir, keys.attachments_key(key, database_id)
    )
    assert derived.verify(stored.sha256)
    # and not with the database key itself
    assert not EncryptedAttachmentStore(counter.attachments_dir, key).verify(stored.sha256)


# ------------------------------------------------------------------------------------------------
# Recovery key and sealed copy


def test_recovery_key_format_round_trip() -> None:
    key = rk.generate()
    text = str(key)
    groups = text.split("-")
    assert len(groups) == rk.GROUPS and all(len(g) == rk.GROUP_LENGTH for g in groups)
    assert set(text.replace("-", "")) <= set(rk.ALPHABET)
    assert rk.parse(text) == key
    assert rk.parse(text.lower()) == key
    assert rk.parse(text.replace("-", " ")) == key
    assert rk.parse(text.replace("-", "")) == key
    assert rk.parse(text.replace("0", "O").replace("1", "l")) == key  # Crockford's readings
    assert "rahasia" in repr(key) and key.secret not in repr(key)


@pytest.mark.parametrize("group", range(rk.GROUPS))
def test_every_single_typo_is_caught_and_its_group_named(group: int) -> None:
    key = str(rk.generate())
    groups = key.split("-")
    for position in range(rk.GROUP_LENGTH):
        for symbol in rk.ALPHABET:
            if symbol == groups[group][position]:
                continue
            typo = list(groups)
            typo[group] = typo[group][:position] + symbol + typo[group][position + 1 :]
            with pytest.raises(rk.RecoveryKeyTypo) as caught:
                rk.parse("-".join(typo))
            assert caught.value.groups == (group + 1,)
            assert f"kelompok ke-{group + 1}" in str(caught.value)


def test_swapped_characters_and_swapped_groups_are_caught() -> None:
    key = str(rk.generate())
    groups = key.split("-")
    for group in range(rk.GROUPS):
        for position in range(rk.DATA_PER_GROUP - 1):
            g = groups[group]
            if g[position] == g[position + 1]:
                continue
            typo = list(groups)
            typo[group] = g[:position] + g[position + 1] + g[position] + g[position + 2 :]
            with pytest.raises(rk.RecoveryKeyTypo):
                rk.parse("-".join(typo))
    swapped = [groups[1], groups[0], *groups[2:]]
    if swapped != groups:
        with pytest.raises(rk.RecoveryKeyTypo) as caught:
            rk.parse("-".join(swapped))
        assert caught.value.groups == (1, 2)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "kosong"),
        ("ABCDE-FGHJK", "2 kelompok"),
        ("ABCDE-FGHJ-KMNPQ-RSTVW-XYZ01-23456-789AB", "ke-2"),
        ("ABCDE-FGHJK-KMNPQ-RSTVW-XYZ01-23456-789A*", "ke-7"),
    ],
)
def test_malformed_recovery_keys_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(rk.RecoveryKeyTypo, match=words):
        rk.parse(text)


def test_sealed_key_opens_only_with_its_recovery_key_and_database() -> None:
    key = secrets.token_bytes(32)
    recovery = rk.generate()
    sealed = keys.seal(key, "db-1", recovery)
    again = keys.SealedKey.from_json(sealed.to_json())
    assert keys.unseal(again, rk.parse(str(recovery))) == key
    with pytest.raises(keys.WrongRecoveryKey):
        keys.unseal(again, rk.generate())
    moved = keys.SealedKey.from_json(sealed.to_json().replace('"db-1"', '"db-2"'))
    with pytest.raises(keys.WrongRecoveryKey):
        keys.unseal(moved, recovery)  # the id is authenticated: no swapping sealed files
    assert key.hex() not in sealed.to_json()


def test_window_set_up_gets_its_recovery_key_at_first_opening(data_dir: Path) -> None:
    """The set-up dialog may close before showing the key: the next opening makes a new one."""
    made = initialise(data_dir, office_code=OFFICE, counter_id=COUNTER)
    first = open_workspace(data_dir)
    try:
        assert first.new_recovery_key is not None
        assert first.new_recovery_key != made.recovery_key
        sealed = keys.read_sealed(protection.sealed_key_path(first.config))
        with pytest.raises(keys.WrongRecoveryKey):
            keys.unseal(sealed, rk.parse(made.recovery_key))  # never shown: replaced
        assert keys.unseal(sealed, rk.parse(first.new_recovery_key)) == first._key
        first.confirm_recovery_key_shown()
    finally:
        first.close()
    second = open_workspace(data_dir)
    try:
        assert second.new_recovery_key is None
    finally:
        second.close()


# ------------------------------------------------------------------------------------------------
# Converting an unencrypted database of an earlier version


def make_unencrypted_counter(data_dir: Path, actor: Actor) -> str:
    """A data folder as earlier versions left it: plaintext SQLite, no database.id, no keys."""
    url = sqlite_url(data_dir / "ltsa.sqlite")
    info = create_database(url, office_code=OFFICE, counter_id=COUNTER)
    database = open_database(url)
    try:
        register_people(database, actor, PEOPLE)
    finally:
        database.close()
    config = Config(data_dir)
    config.set("office.code", OFFICE)
    config.set("counter.id", COUNTER)
    config.save()
    return info.database_id


def rows(connection: Any) -> list[tuple[Any, ...]]:
    return sorted(connection.execute("SELECT nik, full_name FROM applicant").fetchall())


def test_unencrypted_database_is_encrypted_at_opening(data_dir: Path, actor: Actor) -> None:
    database_id = make_unencrypted_counter(data_dir, actor)
    assert leaks(data_dir)  # control: earlier versions kept CPMI in clear
    plain = sqlite3.connect(data_dir / "ltsa.sqlite")
    before = rows(plain)
    plain.close()

    opened = open_workspace(data_dir)
    try:
        assert opened.database.encrypted
        assert opened.new_recovery_key is not None
        assert opened.config.get("database.id") == database_id
        with opened.database.engine.connect() as connection:
            after = sorted(
                tuple(r)
                for r in connection.exec_driver_sql("SELECT nik, full_name FROM applicant")
            )
        assert after == before and len(after) == len(PEOPLE)
        recovery = opened.new_recovery_key
    finally:
        opened.close()
    assert leaks(data_dir) == {}
    (safety,) = (data_dir / "backups").iterdir()
    assert "pre-encryption" in safety.name
    copy = dbfile.connect(data_dir, safety)
    try:
        assert rows(copy) == before
    finally:
        copy.close()
    assert not list(data_dir.glob("ltsa.sqlite.encrypting*"))
    assert not (data_dir / "ltsa.sqlite-wal").exists()
    # the printed key opens the sealed copy
    sealed = keys.read_sealed(data_dir / "ltsa.key.sealed")
    assert keys.unseal(sealed, rk.parse(recovery)) == keyring_home.load_database_key(database_id)
    # until confirmed, the next opening issues another recovery key; after, none
    again = open_workspace(data_dir)
    assert again.new_recovery_key not in (None, recovery)
    again.confirm_recovery_key_shown()
    again.close()
    last = open_workspace(data_dir)
    assert last.new_recovery_key is None
    last.close()


def test_doctor_reports_an_unencrypted_database_and_leaves_it(
    data_dir: Path, actor: Actor
) -> None:
    from ltsa_desk.technician.doctor import run_checks

    make_unencrypted_counter(data_dir, actor)
    before = fingerprint(data_dir)
    checks = {check.name: check for check in run_checks(data_dir)}
    assert checks["encryption"].ok is False
    assert checks["encryption"].facts["encrypted"] is False
    assert "TIDAK terenkripsi" in checks["encryption"].detail
    assert checks["database"].ok
    assert fingerprint(data_dir) == before


def test_conversion_refuses_while_another_process_has_the_database_open(
    data_dir: Path, actor: Actor
) -> None:
    import subprocess
    import sys

    make_unencrypted_counter(data_dir, actor)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT count(*) FROM applicant').fetchall(); print('ready', flush=True); "
            "time.sleep(30)",
            str(data_dir / "ltsa.sqlite"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseProblem, match="sedang dipakai"):
            cipher.encrypt_plaintext_database(
                data_dir / "ltsa.sqlite",
                secrets.token_bytes(32),
                safety_copy=data_dir / "backups" / "x.sqlite",
                timeout=0.2,
            )
    finally:
        holder.kill()
        holder.wait()
    assert (data_dir / "ltsa.sqlite").read_bytes().startswith(cipher.SQLITE_HEADER)


def test_a_foreign_sqlite_file_is_not_converted(data_dir: Path) -> None:
    other = sqlite3.connect(data_dir / "ltsa.sqlite")
    other.execute("CREATE TABLE catatan (isi TEXT)")
    other.execute(f"INSERT INTO catatan VALUES ('{NIK}')")
    other.commit()
    other.close()
    config = Config(data_dir)
    config.set("office.code", OFFICE)
    config.set("counter.id", COUNTER)
    config.save()
    before = fingerprint(data_dir)
    with pytest.raises(DatabaseProblem, match="bukan milik LTSA Desk"):
        open_workspace(data_dir)
    assert fingerprint(data_dir) == before


# ------------------------------------------------------------------------------------------------
# Logs


def test_log_masking() -> None:
    text = (
        f"NIK {NIK} KK 5203010101010003 token=abc.def-123 "
        "Authorization: Bearer eyJhbGciOi.J9x_y password: 'rahasia' 'sandi=qwerty' "
        "no 123456789012345678 telp 081234567890 key 7K3M9-QX2PA-ABCDE-FGHJK-MNPQR-STVWX-YZ012"
    )
    masked = mask_sensitive(text)
    assert "5203••••••••0001" in masked and NIK not in masked
    assert "5203••••••••0003" in masked
    for secret in ("abc.def-123", "eyJhbGciOi", "rahasia", "qwerty", "QX2PA"):
        assert secret not in masked, secret
    assert "123456789012345678" in masked  # not NIK-shaped (18 digits): left alone
    assert "081234567890" in masked


def test_log_file_is_rotating_masked_and_lazy(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    path = setup_logging(data_dir)
    try:
        assert not data_dir.exists()  # nothing logged yet: nothing created
        log = logging.getLogger("ltsa_desk.test")
        log.warning("registered %s for %s", NIK, "registry")
        try:
            raise ValueError(f"refused NIK {NIK} with Bearer s3cr3t-t0ken")
        except ValueError:
            log.exception("sync failed")
        for handler in logging.getLogger().handlers:
            handler.flush()
        content = path.read_text(encoding="utf-8")
        assert path.parent == data_dir / "logs"
        assert "5203••••••••0001" in content
        assert NIK not in content and "s3cr3t" not in content
        assert "Traceback" in content
    finally:
        for handler in list(logging.getLogger().handlers):
            if handler.__class__.__name__ == "_LazyRotatingFileHandler":
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_nothing_under_the_data_folder_holds_a_nik_after_real_work(
    counter: Workspace, actor: Actor
) -> None:
    register_people(counter.database, actor, PEOPLE)
    counter.attachments.put(pdf_about(NIK, NAME))
    counter.database.integrity_problems()  # reads every page: nothing is spilled in clear
    assert leaks(counter.data_dir) == {}


def test_the_window_converts_under_its_own_folder_lock(data_dir: Path, actor: Actor) -> None:
    """The window holds the data-folder lock when it opens the workspace: no refusal (a second
    lock of its own folder would wait out its timeout and then refuse; no wall clock is read
    here, the shared machines are too noisy for it)."""
    from ltsa_desk.store.lock import DataFolderLock

    make_unencrypted_counter(data_dir, actor)
    with DataFolderLock(data_dir, windows_mutex=False):
        opened = open_workspace(data_dir)
        try:
            assert opened.database.encrypted and opened.new_recovery_key
        finally:
            opened.close()


def test_conversion_refuses_while_another_process_holds_the_folder(
    data_dir: Path, actor: Actor
) -> None:
    import subprocess
    import sys

    make_unencrypted_counter(data_dir, actor)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from ltsa_desk.store.lock import DataFolderLock; "
            "DataFolderLock(sys.argv[1], windows_mutex=False).acquire(); "
            "print('ready', flush=True); time.sleep(30)",
            str(data_dir),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseProblem, match="tutup LTSA Desk"):
            open_workspace(data_dir)
    finally:
        holder.kill()
        holder.wait()
    assert (data_dir / "ltsa.sqlite").read_bytes().startswith(cipher.SQLITE_HEADER)


@pytest.mark.postgres
def test_postgres_desk_keeps_nothing_of_the_office_on_its_disk(
    postgres_url: str, data_dir: Path
) -> None:
    """PostgreSQL is protected by the office server; a desk's attachments live in the office
    database, so the desk has no key, no sealed copy and no recovery key to lose."""
    from ltsa_desk.store.database_blobs import DatabaseBlobStore
    from ltsa_desk.technician.doctor import run_checks

    create_database(postgres_url, office_code=OFFICE, counter_id=COUNTER)
    config = Config(data_dir)
    config.set("office.code", OFFICE)
    config.set("counter.id", COUNTER)
    config.set("database.url", postgres_url)
    config.save()
    opened = open_workspace(data_dir)
    try:
        assert not opened.database.encrypted
        assert opened.new_recovery_key is None
        assert isinstance(opened.attachments, DatabaseBlobStore)
        stored = opened.attachments.put(pdf_about(NIK, NAME))
        assert opened.attachments.get(stored.sha256) == pdf_about(NIK, NAME)
        database_id = opened.database.info.database_id
    finally:
        opened.close()
    assert Config.load(data_dir).get("database.id") == database_id
    assert keyring_home.find_database_key(database_id) is None
    assert not protection.sealed_key_path(Config.load(data_dir)).exists()
    assert leaks(data_dir) == {}
    checks = {check.name: check for check in run_checks(data_dir, network=False)}
    assert checks["encryption"].ok, checks["encryption"].detail
    assert "PostgreSQL" in checks["encryption"].detail
    assert checks["attachments"].ok, checks["attachments"].detail
    assert "1 lampiran" in checks["attachments"].detail
