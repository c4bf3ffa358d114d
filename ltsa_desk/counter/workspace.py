"""A counter's data folder opened for work: its configuration, its database and its attachments.

Both the command line and the window go through here, so they agree on where data lives and on the
start-up checks (configuration present, key in the keyring, database sane and migrated) and on
protection: a SQLite database is always opened encrypted, and one left unencrypted by an earlier
version is encrypted here, once, before anything else reads it (see ``protection``).

A desk of a shared office (``database.url`` names a PostgreSQL server) has no local key: nothing
of the office is kept on its disk. Its attachments live in the office database
(:class:`DatabaseBlobStore`), and the server protects the database by its own means (README, "An
office with several desks"). Setting such a desk up creates the office's tables in an empty
database or joins the office already there (:func:`initialise`); a server that cannot be reached
is reported as :class:`OfficeServerUnreachable` and never replaced by a local file.
"""

from __future__ import annotations

import getpass
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ltsa_desk.counter import keyring_home, protection, shared_office
from ltsa_desk.counter.config import Config, ConfigError
from ltsa_desk.store import cipher, keys
from ltsa_desk.store.database import (
    Database,
    DatabaseInfo,
    DatabaseProblem,
    OfficeServerUnreachable,
    check_sqlite_file_present,
    create_database,
    create_or_join_database,
    desk_registered,
    open_database,
    sqlite_path,
)
from ltsa_desk.store.database_blobs import DatabaseBlobStore
from ltsa_desk.store.encrypted_attachments import EncryptedAttachmentStore
from ltsa_desk.store.models import AuditLog

__all__ = ["OfficeServerUnreachable", "Workspace", "initialise", "open_workspace"]

_MIB = 1024 * 1024


@dataclass
class Workspace:
    data_dir: Path
    config: Config
    database: Database
    new_recovery_key: str | None = None
    """A recovery key made while opening (first opening after a window set-up, or after an old
    unencrypted database was encrypted). Show it to the user (the words "kunci pemulihan"), then
    call :meth:`confirm_recovery_key_shown`; until then every opening makes a new one."""
    _key: bytes | None = field(default=None, repr=False)
    _attachments: EncryptedAttachmentStore | DatabaseBlobStore | None = field(
        default=None, repr=False
    )

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def shared(self) -> bool:
        """A desk of a shared office server (PostgreSQL), not a lone counter's SQLite file."""
        return not self.database.is_sqlite

    @property
    def attachments(self) -> EncryptedAttachmentStore | DatabaseBlobStore:
        """The attachment store: encrypted files beside a lone counter's database (key derived
        from the database key), or the office database itself on a shared office server.

        A lone counter's files still named by their plaintext digest (an earlier version, a
        restored older backup) are renamed to keyed names on this first use (issue 17); the
        renaming is crash-safe and resumes at the next opening, and reads find either name."""
        if self._attachments is None and self.shared:
            self._attachments = DatabaseBlobStore(
                self.database.writer,
                max_bytes=int(self.config.get("attachments.max_mb")) * _MIB,
            )
        if self._attachments is None:
            database_id = self.database.info.database_id
            key = (
                self._key if self._key is not None else keyring_home.load_database_key(database_id)
            )
            store = EncryptedAttachmentStore(
                self.attachments_dir,
                keys.attachments_key(key, database_id),
                max_bytes=int(self.config.get("attachments.max_mb")) * _MIB,
            )
            store.move_to_keyed_names()
            self._attachments = store
        # The limit as the settings say now: the store is made at opening (the renaming above),
        # and the settings page may change it while the window runs.
        self._attachments.max_bytes = int(self.config.get("attachments.max_mb")) * _MIB
        return self._attachments

    def confirm_recovery_key_shown(self) -> None:
        protection.confirm_recovery_key_shown(self.data_dir)
        self.new_recovery_key = None

    def close(self) -> None:
        self.database.close()


def open_workspace(data_dir: Path, *, migrate: bool = True, check_seal: bool = True) -> Workspace:
    """Open the folder for work. ``check_seal=False`` only for ``config accept``: an admin must
    sign in against this database before a changed configuration is sealed."""
    config = Config.load(data_dir, verify=check_seal)
    for key in ("office.code", "counter.id"):
        if not config.get(key):
            raise ConfigError(f"{key} belum diisi di {config.path}; jalankan 'ltsa-desk init'")
    url = config.database_url()
    backups = data_dir / "backups"
    path = sqlite_path(url)
    recovery: str | None = None
    key: bytes | None = None
    if path is not None:
        check_sqlite_file_present(path)
        if cipher.file_state(path) is cipher.FileState.PLAINTEXT:
            made = protection.encrypt_unencrypted_database(config, path)
            recovery = str(made) if made is not None else None
        database_id = protection.database_id_for(config)
        if database_id is None:
            # A folder of an earlier version whose file is not plaintext SQLite: damaged. The
            # plain opening names what is wrong with it, exactly as before encryption existed.
            open_database(url, migrate=False).close()
            raise DatabaseProblem(
                "Basis data tidak bisa dikenali: config.toml tanpa database.id dan tidak ada "
                f"{protection.sealed_key_path(config).name}; hubungi teknisi."
            )
        key = keyring_home.load_database_key(database_id)
        database = open_database(url, migrate=migrate, backup_dir=backups, key=key)
    else:
        options = shared_office.connect_args(config)
        database = open_database(url, migrate=migrate, backup_dir=backups, connect_args=options)
    try:
        info = database.info
        if info.office_code != config.office_code:
            raise DatabaseProblem(
                f"Basis data milik kantor {info.office_code}, konfigurasi menyebut "
                f"{config.office_code}; periksa folder data"
            )
        configured = config.get("database.id")
        if configured and configured != info.database_id:
            raise DatabaseProblem(
                f"Basis data ber-id {info.database_id}, konfigurasi menyebut {configured}; "
                "periksa folder data"
            )
        if not configured:
            config.set("database.id", info.database_id)
            config.save()
        if path is None and not desk_registered(database, config.counter_id):
            raise DatabaseProblem(
                f"Loket {config.counter_id} belum terdaftar di basis data kantor "
                f"{info.office_code}. Daftarkan dengan 'ltsa-desk init --office-code "
                f"{config.office_code} --counter-id {config.counter_id} --database-url URL' "
                "di folder data baru."
            )
        if config.adopted:
            _audit_adoption(database, config)
        if recovery is None and path is not None:
            current = key if key is not None else keyring_home.find_database_key(info.database_id)
            if current is not None:
                made = protection.reissue_if_pending(config, info.database_id, current)
                recovery = str(made) if made is not None else None
    except BaseException:
        database.close()
        raise
    workspace = Workspace(
        data_dir=data_dir,
        config=config,
        database=database,
        new_recovery_key=recovery,
        _key=key,
    )
    if path is not None and migrate:
        _ = workspace.attachments  # old plaintext-digest file names become keyed (issue 17)
    return workspace


def _audit_adoption(database: Database, config: Config) -> None:
    """The first start with seals took the file as it was (README, "Who shares the PC"): say
    so in the audit log, so a technician can see when the configuration began to be sealed.

    Written with the store's own table, not through ``services.audit``: the opened counter sits
    below the services. The entry is the one ``audit.record`` writes for the operating-system
    account (``services.context.Actor.from_os_user``), in the same shape."""
    entry = AuditLog(
        actor=f"os:{_os_user()}",
        action="config.adopt",
        entity="counter",
        after=json.dumps({"file": str(config.path)}, ensure_ascii=False, sort_keys=True),
        counter_id=config.counter_id,
    )
    with database.write_session() as session:
        session.add(entry)
        session.commit()


def _os_user() -> str:
    """The operating-system account, as the audit log names work done without a signed-in one."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) or no user variables
        return "unknown"


@dataclass(frozen=True)
class Initialised:
    """What ``init`` made: the database's facts and the recovery key to show once.

    A desk of a shared office has no recovery key (None): nothing is encrypted on its disk.
    ``joined`` says the desk joined an office database that already existed.
    """

    info: DatabaseInfo
    recovery_key: str | None
    joined: bool = False

    @property
    def database_id(self) -> str:
        return self.info.database_id

    @property
    def office_code(self) -> str:
        return self.info.office_code

    @property
    def counter_id(self) -> str:
        return self.info.counter_id


def initialise(
    data_dir: Path,
    *,
    office_code: str,
    counter_id: str,
    database_url: str | None = None,
    office_name: str = "",
    database_options: Mapping[str, str] | None = None,
) -> Initialised:
    """Create the configuration, the keys and the database of a new counter.

    Refuses an existing one. The recovery key comes back to be shown; until someone calls
    :func:`confirm_recovery_key_shown` the next opening makes a fresh one (a window set-up that
    closed before showing it loses nothing).

    With a PostgreSQL ``database_url`` this sets up a desk of a shared office instead: the
    office's tables are created in an empty database, or the desk joins the office already
    there; another office's database, or a counter id already taken, is refused (DatabaseProblem)
    and nothing is written, not even the configuration. ``database_options`` are the other
    ``database.*`` keys the first connection needs (``database.sslmode``, ``database.sslrootcert``,
    ``database.connect_timeout``); the password, if any, must already be in the keyring
    (:func:`ltsa_desk.counter.shared_office.store_database_password`).
    """
    if Config.exists(data_dir):
        raise ConfigError(f"Folder data {data_dir} sudah berisi konfigurasi; tidak ada yang diubah")
    config = Config(data_dir)
    config.set("office.code", office_code)
    config.set("counter.id", counter_id)
    if database_url:
        config.set("database.url", database_url)
    if office_name:
        config.set("office.name", office_name)
    for key, value in (database_options or {}).items():
        if not key.startswith("database.") or key in {"database.url", "database.id"}:
            raise ConfigError(f"{key}: bukan pilihan sambungan basis data")
        if value:
            config.set(key, value)
    url = config.database_url()
    path = sqlite_path(url)
    if path is None:
        # A trust-auth server needs no keyring to be joined; the seal does. (A lone counter's
        # database key needs the same keyring and is checked first, with its own message.)
        config.check_sealing()
        joined = create_or_join_database(
            url,
            office_code=config.office_code,
            counter_id=config.counter_id,
            connect_args=shared_office.connect_args(config),
            host=shared_office.desk_host(),
        )
        config.set("database.id", joined.info.database_id)
        config.save()
        # The info of the desk just set up: its own counter id, not that of the desk that made
        # the database (which is what the meta row names).
        info = replace(joined.info, counter_id=config.counter_id)
        return Initialised(info=info, recovery_key=None, joined=not joined.created)
    if path.exists():
        raise DatabaseProblem(f"Sudah ada basis data di {path}; tidak ada yang diubah.")
    database_id = str(uuid.uuid4())
    config.set("database.id", database_id)
    made = protection.provision_new_database(config, database_id)
    try:
        info = create_database(
            url,
            office_code=config.office_code,
            counter_id=config.counter_id,
            key=made.key,
            database_id=database_id,
            host=shared_office.desk_host(),
        )
        config.save()
    except BaseException:
        protection.undo_provisioning(config, database_id)
        raise
    return Initialised(info=info, recovery_key=str(made.recovery))


def confirm_recovery_key_shown(data_dir: Path) -> None:
    """The recovery key returned by :func:`initialise` has been shown (printed, on screen)."""
    protection.confirm_recovery_key_shown(data_dir)
