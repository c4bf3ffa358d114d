"""The `ltsa-desk` command's verbs and options (argparse), each verb naming its handler.

Why names and not the functions: a verb's module imports what the verb needs (SQLAlchemy,
SQLModel, Alembic, the reports, Qt), which costs most of a second. The parser only names the
handler as ``"module:function"`` (a module of ``ltsa_desk.cli``); the entry point imports that one
module when the verb runs (:func:`load_handler`), so `--version` or `sync status` load nothing
they do not use (issue 19). This module therefore imports nothing heavier than the permissions
table. What every verb is made of, and the options several verbs share, are in ``options``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
from collections.abc import Callable

from ltsa_desk import __version__
from ltsa_desk.cli.options import (
    CommandParser,
    VerbAdder,
    applicant_key,
    common_options,
    limit_option,
    recovery_key_options,
    stdin_secret,
    timeout_option,
)

#: The report kinds and formats as the help names them. The verb checks them with the reports'
#: own lists (``services.reports.check_kind``); a test keeps these equal to those lists, so the
#: parser need not import the reports (and Qt's neighbours) to print its help.
REPORT_KINDS_HELP = ("placements", "documents", "sync", "outages")
REPORT_FORMATS_HELP = ("xlsx", "csv", "pdf")


def build_parser() -> argparse.ArgumentParser:
    """Every verb, in the order the help lists them, with its handler named as text."""
    parser = CommandParser(
        prog="ltsa-desk",
        description="LTSA Desk: CPMI intake, documents, letters and deferred sync.",
        parents=[common_options()],
        epilog="Without a verb the counter window opens.",
    )
    parser.add_argument("--version", action="version", version=f"ltsa-desk {__version__}")
    sub = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=CommandParser)
    verbs = VerbAdder(parser, sub)
    verbs.add("gui", "window:gui", "open the counter window")
    _add_setup_verbs(verbs)
    _add_care_verbs(verbs)
    _add_recovery_verbs(verbs)
    _add_config_verbs(verbs)
    _add_user_verbs(verbs)
    _add_applicant_verbs(verbs)
    _add_credentials_verbs(verbs)
    _add_sync_verbs(verbs)
    _add_report_verbs(verbs)
    return parser


# --- the verbs, by group --------------------------------------------------------------------------


def _add_setup_verbs(verbs: VerbAdder) -> None:
    migrate = verbs.add(
        "migrate-to",
        "office:migrate_to",
        "move this lone counter's data (SQLite) into the office's shared database; "
        "safe to run again",
        json_flag=True,
    )
    migrate.add_argument(
        "--database-url",
        required=True,
        metavar="URL",
        help="the office's shared database, e.g. postgresql+psycopg://ltsa@10.0.0.5/ltsa "
        "(no password inside: it is read from the keyring, see 'credentials set database')",
    )
    init = verbs.add(
        "init",
        "counter_setup:init",
        "create the configuration and database of a new counter",
        json_flag=True,
    )
    init.add_argument("--office-code", required=True, help="Kemendagri regency code, e.g. 52.03")
    init.add_argument("--counter-id", required=True, help="counter id, e.g. LOTIM-01")
    init.add_argument("--office-name", default="", help="office name for letters and reports")
    init.add_argument(
        "--database-url",
        default=None,
        help="shared office database (postgresql+psycopg://...); default: local file",
    )
    stdin_secret(
        init,
        "--database-password-stdin",
        "with --database-url: read the office server's password from stdin (kept in the "
        "keyring only)",
    )
    init.add_argument(
        "--database-sslmode",
        default=None,
        metavar="MODE",
        help="with --database-url: TLS to the office server (require, verify-ca, verify-full...)",
    )
    init.add_argument(
        "--database-sslrootcert",
        default=None,
        metavar="FILE",
        help="with --database-url: the office server's certificate (or its CA), PEM",
    )
    init.add_argument(
        "--recovery-key-later",
        action="store_true",
        help="print no recovery key now: the counter window shows one at its first start "
        "(for the silent installer, where nobody reads the output)",
    )


def _add_care_verbs(verbs: VerbAdder) -> None:
    verbs.add(
        "doctor",
        "care:doctor",
        "check configuration, encryption and keys, database integrity and migrations, disk, "
        "keyring, credentials, destinations, clock, backups and the queue",
        json_flag=True,
    )
    backup = verbs.add(
        "backup",
        "care:backup",
        "write one backup zip (database snapshot, attachments, sealed key, config, manifest) "
        "and keep the newest backup.keep",
        json_flag=True,
    )
    backup.add_argument("--out", default=None, metavar="DIR", help="folder (default backup.folder)")
    restore = verbs.add(
        "restore",
        "care:restore",
        "replace this folder's data with a backup (checked first; the old data is kept in "
        "replaced-<time>/); refuses while the app runs",
        json_flag=True,
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="no question (for scripts)")
    restore.add_argument(
        "--move",
        action="store_true",
        help="the backup is of another office or counter and replaces this one (audited)",
    )
    recovery_key_options(
        restore,
        required=False,
        key_help="on another PC: the recovery key, to put the backup's database key in the keyring",
        stdin_help="read the recovery key from stdin",
    )
    bundle = verbs.add(
        "support-bundle",
        "care:support_bundle",
        "collect logs, doctor output, config and queue statistics (no NIK, no secrets) in a zip",
        json_flag=True,
    )
    bundle.add_argument("out", metavar="OUT.zip")


def _add_recovery_verbs(verbs: VerbAdder) -> None:
    recover = verbs.add(
        "recover",
        "counter_setup:recover",
        "put the database key back into this account's keyring, from the printed recovery key "
        "(new PC or new Windows account; needs the data folder with its sealed key)",
        json_flag=True,
    )
    recovery_key_options(
        recover,
        required=True,
        key_help="the recovery key, e.g. 7K3M9-QX2PA-...",
        stdin_help="read the recovery key from the first line of stdin (keeps it out of shell "
        "history)",
    )
    verbs.add(
        "new-recovery-key",
        "counter_setup:new_recovery_key",
        "make a new recovery key (the old one stops working), e.g. when the paper is lost",
        json_flag=True,
    )


def _add_config_verbs(verbs: VerbAdder) -> None:
    config = verbs.group("config", "show or change the configuration")
    verbs.add(
        "show",
        "config_view:config_show",
        "show the configuration",
        json_flag=True,
        parent=config,
    )
    config_set = verbs.add(
        "set", "counter_setup:config_set", "set one configuration key", parent=config
    )
    config_set.add_argument("key")
    config_set.add_argument("value")
    accept = verbs.add(
        "accept",
        "counter_setup:config_accept",
        "seal config.toml after a deliberate hand edit (an admin; recorded in the audit log)",
        json_flag=True,
        parent=config,
    )
    with contextlib.suppress(argparse.ArgumentError):  # the verb's role may have added it
        accept.add_argument(
            "--as", dest="as_user", default=None, help="the admin who accepts the change"
        )


def _add_user_verbs(verbs: VerbAdder) -> None:
    user = verbs.group("user", "officer accounts")
    user_add = verbs.add("add", "users:user_add", "add an account", parent=user, json_flag=True)
    user_add.add_argument("name")
    user_add.add_argument("--role", required=True, choices=["officer", "admin", "technician"])
    user_add.add_argument("--full-name", default="")
    stdin_secret(user_add, "--password-stdin", "read the password from the first line of stdin")
    verbs.add("list", "users:user_list", "list accounts", parent=user, json_flag=True)
    reset = verbs.add(
        "reset-password",
        "users:user_reset_password",
        "set a new password (e.g. a forgotten admin password)",
        parent=user,
    )
    reset.add_argument("name")
    stdin_secret(
        reset,
        "--password-stdin",
        "read the new password from the first line of stdin",
        required=True,
    )
    for action, handler, text in (
        ("disable", "users:user_disable", "disable an account (never deleted; cannot sign in)"),
        ("enable", "users:user_enable", "enable a disabled account again"),
    ):
        toggle = verbs.add(action, handler, text, parent=user, json_flag=True)
        toggle.add_argument("name")


def _add_applicant_verbs(verbs: VerbAdder) -> None:
    imp = verbs.add(
        "import-register",
        "register_import:import_register",
        "import an office's existing register (CSV or XLSX)",
        json_flag=True,
    )
    imp.add_argument("file")
    imp.add_argument(
        "--rejects",
        default=None,
        help="where rejected rows go (default: <name>.rejects.csv beside FILE)",
    )
    applicant = verbs.group("applicant", "find, show and correct CPMI records")
    app_list = verbs.add(
        "list",
        "applicants:applicant_list",
        "list applicants, newest first",
        parent=applicant,
        json_flag=True,
    )
    app_list.add_argument(
        "--search", default=None, help="name fragment, NIK prefix or tracking code"
    )
    limit_option(app_list)
    applicant_key(
        verbs.add(
            "show",
            "applicants:applicant_show",
            "show one applicant",
            parent=applicant,
            json_flag=True,
        )
    )
    app_update = verbs.add(
        "update",
        "case:applicant_update",
        "correct an applicant's data",
        parent=applicant,
        json_flag=True,
    )
    applicant_key(app_update)
    app_update.add_argument(
        "--set", dest="assignments", action="append", required=True, metavar="FIELD=VALUE"
    )
    app_update.add_argument(
        "--confirm-warnings",
        action="store_true",
        help="save even with warnings (e.g. KTP from another region)",
    )
    passport = verbs.add(
        "request-passport",
        "case:applicant_request_passport",
        "record passport requests and queue them to immigration: one CPMI, several, or a "
        "file of them (each checked alone; a refusal does not stop the others)",
        parent=applicant,
        json_flag=True,
    )
    passport.add_argument("keys", metavar="NIK|TRACKING", nargs="*")
    passport.add_argument(
        "--skip-order",
        action="store_true",
        help="admin only, one CPMI: request the passport although the case has not reached "
        "'Direkomendasikan' (e.g. moved in from an old register); needs --reason",
    )
    passport.add_argument(
        "--reason", default=None, help="why the case order is skipped (kept in the history)"
    )
    passport.add_argument(
        "--from-file",
        default=None,
        metavar="FILE",
        help="NIKs or tracking codes, one a line ('-' for stdin); blank lines and # skipped",
    )
    cancel = verbs.add(
        "cancel",
        "case:applicant_cancel",
        "cancel an applicant's case",
        parent=applicant,
        json_flag=True,
    )
    applicant_key(cancel)
    cancel.add_argument("--reason", required=True)


def _add_credentials_verbs(verbs: VerbAdder) -> None:
    credentials = verbs.group("credentials", "destination tokens, kept in the OS keyring")
    cred_set = verbs.add(
        "set",
        "credentials:credentials_set",
        "store a destination's token in the keyring",
        parent=credentials,
    )
    cred_set.add_argument("destination", choices=["registry", "immigration", "bundle", "database"])
    stdin_secret(
        cred_set, "--token-stdin", "read the token from the first line of stdin (required)"
    )
    cred_test = verbs.add(
        "test",
        "care:credentials_test",
        "test each destination: DNS, TLS, connection, URL path and token; exit 1 when one fails",
        parent=credentials,
        json_flag=True,
    )
    timeout_option(cred_test, 5.0, "seconds per step (default 5)")


def _add_sync_verbs(verbs: VerbAdder) -> None:
    sync = verbs.group("sync", "the queue of submissions to the remote systems")
    verbs.add(
        "status",
        "sending:sync_status",
        "what waits, per destination, and why",
        parent=sync,
        json_flag=True,
    )
    sync_run = verbs.add(
        "run", "sending:sync_run", "send what can be sent", parent=sync, json_flag=True
    )
    sync_run.add_argument(
        "--until-empty",
        action="store_true",
        help="keep going through outages until nothing is left to send",
    )
    timeout_option(sync_run, 900.0, "seconds, with --until-empty (default 900)")
    sync_retry = verbs.add(
        "retry",
        "sending:sync_retry",
        "re-queue items that need attention",
        parent=sync,
        json_flag=True,
    )
    which = sync_retry.add_mutually_exclusive_group(required=True)
    which.add_argument("item", nargs="?", help="the item's key")
    which.add_argument("--all", action="store_true", help="every item that needs attention")
    sync_list = verbs.add(
        "list", "sending:sync_list", "list queued items", parent=sync, json_flag=True
    )
    sync_list.add_argument(
        "--state",
        choices=[
            "pending",
            "in_flight",
            "delivered",
            "needs_attention",
            "paused",
            "superseded",
            "withdrawn",
        ],
    )
    limit_option(sync_list)
    export_bundle = verbs.add(
        "export-bundle",
        "usb_bundle:sync_export_bundle",
        "write every item that could leave now to an encrypted USB bundle",
        parent=sync,
        json_flag=True,
    )
    export_bundle.add_argument("out", metavar="OUT.ltsab")
    upload_bundle = verbs.add(
        "upload-bundle",
        "usb_bundle:sync_upload_bundle",
        "deliver a USB bundle from this machine (never blind) and write its receipts",
        parent=sync,
        json_flag=True,
    )
    upload_bundle.add_argument("file", metavar="FILE.ltsab")
    upload_bundle.add_argument("--receipts", required=True, metavar="OUT.ltsar")
    timeout_option(upload_bundle, 900.0, "seconds to keep trying through outages (default 900)")
    import_receipts = verbs.add(
        "import-receipts",
        "usb_bundle:sync_import_receipts",
        "mark a bundle's items delivered from the receipts file the upload wrote",
        parent=sync,
        json_flag=True,
    )
    import_receipts.add_argument("file", metavar="FILE.ltsar")


def _add_report_verbs(verbs: VerbAdder) -> None:
    """`report export`: its options are checked by the verb before the data folder is opened."""
    report = verbs.group("report", "the admin's reports (XLSX, CSV, PDF)")
    export = verbs.add(
        "export",
        "reports:report_export",
        "write a report (placements, documents, sync, outages) for a period",
        parent=report,
        json_flag=True,
    )
    export.add_argument(
        "--kind",
        required=True,
        metavar="KIND",
        help=f"report kind: {', '.join(REPORT_KINDS_HELP)}",
    )
    for flag, dest, which in (("--from", "date_from", "first"), ("--to", "date_to", "last")):
        export.add_argument(
            flag,
            dest=dest,
            required=True,
            metavar="DATE",
            help=f"{which} day, YYYY-MM-DD or DD-MM-YYYY (inclusive)",
        )
    export.add_argument(
        "--format",
        dest="fmt",
        required=True,
        metavar="FORMAT",
        help=f"file format: {'|'.join(REPORT_FORMATS_HELP)}",
    )
    export.add_argument("--out", required=True, metavar="FILE", help="file to write")
    export.add_argument(
        "--force", action="store_true", help="replace FILE when it exists (else refused)"
    )
    export.add_argument(
        "--csv-delimiter",
        default=",",
        metavar="CHAR",
        help="CSV separator: ',' (default) or ';' (Excel in Indonesian)",
    )


def load_handler(name: str) -> Callable[[argparse.Namespace], int]:
    """The handler a parser entry names (``"sending:sync_status"``), its module imported now."""
    module_name, _, function = name.partition(":")
    module = importlib.import_module(f"ltsa_desk.cli.{module_name}")
    handler: Callable[[argparse.Namespace], int] = getattr(module, function)
    return handler
