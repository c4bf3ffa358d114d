"""Opening, creating, checking and migrating the office database.

Start-up must stay fast with a million applicants, so opening does only a cheap sanity check (the
file is there, its header is SQLite's -- or, for an encrypted file, which has no plaintext header,
the key opens it -- and the schema version is known). The full `integrity_check`
belongs to `doctor`. A damaged or missing file is reported, never silently recreated: recreating
would hide data loss from the office.

One module per job: ``opening`` (open or create; the open :class:`Database`), ``revisions`` (the
schema version and migrating), ``sqlite_file`` (the SQLite file's checks and copy) and
``office_desks`` (a shared office's server: create or join as a desk). The names the rest of the
code uses are re-exported here (imported on first use, see ``_HOMES``), with the error types of
``store.problems`` and the busy timeout of ``store.engine`` that callers have always taken from
here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ltsa_desk.store.problems import DatabaseProblem, OfficeServerUnreachable

if TYPE_CHECKING:
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

#: Where each re-exported name lives. Looked up on first use (PEP 562), not imported here: the
#: package is imported by everything that opens a counter, and ``office_desks`` and ``opening``
#: bring SQLModel and the ORM, which a quick read (`sync status`, issue 19) must not pay; a
#: module importing ``store.database.revisions`` must not pay them either.
_HOMES = {
    "JOIN_LOCK_KEY": "office_desks",
    "Joined": "office_desks",
    "create_or_join_database": "office_desks",
    "desk_registered": "office_desks",
    "Database": "opening",
    "DatabaseInfo": "opening",
    "create_database": "opening",
    "open_database": "opening",
    "server_label": "opening",
    "MIGRATIONS_DIR": "revisions",
    "SCHEMA_LOCK_KEY": "revisions",
    "current_revision": "revisions",
    "head_revision": "revisions",
    "upgrade": "revisions",
    "backup_sqlite_file": "sqlite_file",
    "check_sqlite_database": "sqlite_file",
    "check_sqlite_file_present": "sqlite_file",
    "sqlite_path": "sqlite_file",
}


def __getattr__(name: str) -> Any:
    if name == "BUSY_TIMEOUT_MS":
        from ltsa_desk.store.engine import BUSY_TIMEOUT_MS

        return BUSY_TIMEOUT_MS
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


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
