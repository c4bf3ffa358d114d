"""Opening, creating, checking and migrating the office database.

Start-up must stay fast with a million applicants, so opening does only a cheap sanity check (the
file is there, its header is SQLite's -- or, for an encrypted file, which has no plaintext header,
the key opens it -- and the schema version is known). The full `integrity_check`
belongs to `doctor`. A damaged or missing file is reported, never silently recreated: recreating
would hide data loss from the office.

One module per job: ``opening`` (open or create; the open :class:`Database`), ``revisions`` (the
schema version and migrating), ``sqlite_file`` (the SQLite file's checks and copy) and
``office_desks`` (a shared office's server: create or join as a desk). The names the rest of the
code uses are re-exported here, with the error types of ``store.problems`` and the busy timeout of
``store.engine`` that callers have always taken from here.
"""

from __future__ import annotations

from ltsa_desk.store.database.office_desks import (
    JOIN_LOCK_KEY,
    Joined,
    create_or_join_database,
    desk_registered,
)
from ltsa_desk.store.database.opening import (
    Database,
    DatabaseInfo,
    create_database,
    open_database,
    server_label,
)
from ltsa_desk.store.database.revisions import (
    MIGRATIONS_DIR,
    SCHEMA_LOCK_KEY,
    current_revision,
    head_revision,
    upgrade,
)
from ltsa_desk.store.database.sqlite_file import (
    backup_sqlite_file,
    check_sqlite_database,
    check_sqlite_file_present,
    sqlite_path,
)
from ltsa_desk.store.engine import BUSY_TIMEOUT_MS
from ltsa_desk.store.problems import DatabaseProblem, OfficeServerUnreachable

__all__ = [
    "BUSY_TIMEOUT_MS",
    "JOIN_LOCK_KEY",
    "MIGRATIONS_DIR",
    "SCHEMA_LOCK_KEY",
    "Database",
    "DatabaseInfo",
    "DatabaseProblem",
    "Joined",
    "OfficeServerUnreachable",
    "backup_sqlite_file",
    "check_sqlite_database",
    "check_sqlite_file_present",
    "create_database",
    "create_or_join_database",
    "current_revision",
    "desk_registered",
    "head_revision",
    "open_database",
    "server_label",
    "sqlite_path",
    "upgrade",
]
