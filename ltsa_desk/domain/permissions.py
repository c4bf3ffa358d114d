"""Who may do what: the one table of roles per operation, and of operations per `ltsa-desk` verb.

The services check an operation's roles themselves (``services.permissions.require``), so the
window and the command line go through the same wall; the command line asks for the account's
password (``--as USER`` and the password on stdin or at a prompt) before a verb that needs a role
runs. README's "Security" section shows the same table in words; a test keeps every verb of the
parser in :data:`VERB_OPERATIONS`.

Pure data (no database, no Qt): the parser reads it without loading the services.
"""

from __future__ import annotations

from typing import Final

OFFICER: Final = "officer"
ADMIN: Final = "admin"
TECHNICIAN: Final = "technician"

EVERY_ACCOUNT: Final = frozenset({OFFICER, ADMIN, TECHNICIAN})
ADMIN_ONLY: Final = frozenset({ADMIN})
ADMIN_OR_TECHNICIAN: Final = frozenset({ADMIN, TECHNICIAN})

#: The roles an operation needs. Accounts and reports are the admin's, as in the window (the
#: Pengguna and Laporan pages); set-up, keys, credentials, backup and restore are the admin's and
#: the technician's (the Pengaturan page); the counter's daily work is every account's.
OPERATION_ROLES: Final[dict[str, frozenset[str]]] = {
    "user.manage": ADMIN_ONLY,
    "report.export": ADMIN_ONLY,
    "settings.change": ADMIN_OR_TECHNICIAN,
    "settings.accept": ADMIN_ONLY,
    "credentials.set": ADMIN_OR_TECHNICIAN,
    "backup.make": ADMIN_OR_TECHNICIAN,
    "backup.restore": ADMIN_OR_TECHNICIAN,
    "bundle.upload": ADMIN_OR_TECHNICIAN,
    "bundle.export": EVERY_ACCOUNT,
    "bundle.receipts": EVERY_ACCOUNT,
    "register.import": EVERY_ACCOUNT,
    "applicant.read": EVERY_ACCOUNT,
    "applicant.change": EVERY_ACCOUNT,
    "sync.manage": EVERY_ACCOUNT,
}

#: The operation each verb is (None: free of a password). Free verbs change no account, export no
#: data and replace nothing: the scheduled `sync run`, read-only health and status, `init` (it
#: refuses a folder that already has data) and `recover` (the printed recovery key is itself the
#: credential: without it nothing happens). A few set-up verbs are free only while the data
#: folder has no account with a password yet (a counter being set up); see
#: :data:`FREE_BEFORE_FIRST_ACCOUNT`.
VERB_OPERATIONS: Final[dict[str, str | None]] = {
    "gui": None,
    "init": None,
    "recover": None,
    "doctor": None,
    "support-bundle": None,
    "config show": None,
    "credentials test": None,
    "sync status": None,
    "sync run": None,
    "migrate-to": "settings.change",
    "new-recovery-key": "settings.change",
    "config set": "settings.change",
    "config accept": "settings.accept",
    "credentials set": "credentials.set",
    "backup": "backup.make",
    "restore": "backup.restore",
    "user add": "user.manage",
    "user list": "user.manage",
    "user reset-password": "user.manage",
    "user disable": "user.manage",
    "user enable": "user.manage",
    "report export": "report.export",
    "import-register": "register.import",
    "applicant list": "applicant.read",
    "applicant show": "applicant.read",
    "applicant update": "applicant.change",
    "applicant cancel": "applicant.change",
    "applicant request-passport": "applicant.change",
    "sync list": "applicant.read",
    "sync retry": "sync.manage",
    "sync export-bundle": "bundle.export",
    "sync upload-bundle": "bundle.upload",
    "sync import-receipts": "bundle.receipts",
}

#: Verbs a technician runs on a counter being set up, before any account exists (nobody could
#: authenticate yet): free then, and only then. The first `user add` makes the admin.
FREE_BEFORE_FIRST_ACCOUNT: Final = frozenset(
    {"user add", "restore", "config set", "credentials set"}
)

#: A verb missing from the table (a new one) needs the admin: the safe side.
UNLISTED_VERB_OPERATION: Final = "user.manage"


class NotPermitted(Exception):
    """The acting account may not do this; the message is safe to show and says who may.

    Raised by the services (``services.permissions``); the command line turns it into its exit
    2 with the message, the window into a message box."""

    field = "as"


def verb_operation(verb: str) -> str | None:
    """The operation a verb (``"user add"``) is, None when it needs no password."""
    return VERB_OPERATIONS.get(verb, UNLISTED_VERB_OPERATION)


def roles_for(operation: str) -> frozenset[str]:
    """The roles allowed an operation; an unknown operation allows nobody."""
    return OPERATION_ROLES.get(operation, frozenset())


def allowed(role: str, operation: str) -> bool:
    return role in roles_for(operation)


ROLE_WORDS_ID: Final = {OFFICER: "petugas", ADMIN: "admin", TECHNICIAN: "teknisi"}


def roles_in_words(operation: str) -> str:
    """``admin atau teknisi``: the roles an operation needs, in the officer's words."""
    names = [ROLE_WORDS_ID[r] for r in (ADMIN, TECHNICIAN, OFFICER) if r in roles_for(operation)]
    if len(names) == 3:
        return "petugas, admin atau teknisi"
    return " atau ".join(names)
