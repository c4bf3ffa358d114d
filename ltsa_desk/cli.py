"""The `ltsa-desk` command: technician and admin verbs, and the window when no verb is given.

Exit codes: 0 done, 1 a check found problems, 2 bad input or usage. With `--json` exactly one JSON
object goes to stdout; errors and progress go to stderr in plain words. No verb waits for input
unless asked to read stdin, so every verb can run from a script or the installer.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import importlib
import json
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from ltsa_desk import __version__
from ltsa_desk.console import tolerate_narrow_code_page
from ltsa_desk.counter.config import ConfigError, resolve_data_dir
from ltsa_desk.counter.logging_setup import setup_logging
from ltsa_desk.domain.permissions import (
    FREE_BEFORE_FIRST_ACCOUNT,
    NotPermitted,
    roles_for,
    roles_in_words,
    verb_operation,
)

log = logging.getLogger("ltsa_desk.cli")

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
EXIT_PENDING = 3
EXIT_ATTENTION = 4


class CliError(Exception):
    """A refusal to report on stderr (and as JSON with --json), with its exit code."""

    def __init__(self, message: str, *, code: int = EXIT_BAD_INPUT, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.field = field


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: kesalahan: {message}\n")


def _common(json_flag: bool = False) -> argparse.ArgumentParser:
    """Options every verb takes, after the verb as well as before it."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help="data folder (default: LTSA_DATA_DIR or the platform's data folder)",
    )
    if json_flag:
        parent.add_argument("--json", action="store_true", help="print one JSON object")
    return parent


def build_parser() -> argparse.ArgumentParser:
    """Every verb, with its handler named as ``"module:function"`` (a module of ``ltsa_desk``).

    Why names and not the functions: a verb's module imports what the verb needs (SQLAlchemy,
    SQLModel, Alembic, the reports, Qt), which costs most of a second. The parser only names the
    handler; :func:`main` imports that one module when the verb runs, so `--version` or `sync
    status` load nothing they do not use (issue 19; the house plan's "no imports inside functions"
    is about dodging cycles, and this is a dispatch table, not a cycle).
    """
    common = _common()
    with_json = _common(json_flag=True)
    parser = _Parser(
        prog="ltsa-desk",
        description="LTSA Desk: CPMI intake, documents, letters and deferred sync.",
        parents=[common],
        epilog="Without a verb the counter window opens.",
    )
    parser.add_argument("--version", action="version", version=f"ltsa-desk {__version__}")
    sub = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)

    def add(
        name: str,
        handler: str,
        help_text: str,
        *,
        json_flag: bool = False,
        parent: Any = sub,
    ) -> argparse.ArgumentParser:
        verb = parent.add_parser(
            name,
            help=help_text,
            description=help_text,
            parents=[with_json if json_flag else common],
        )
        verb.set_defaults(handler=handler)
        key = verb.prog.removeprefix(f"{parser.prog} ")
        operation = verb_operation(key)
        verb.set_defaults(verb_key=key, operation=operation)
        if operation is not None:
            verb.add_argument(
                "--as",
                dest="as_user",
                default=None,
                metavar="USER",
                help="the account doing this (needs "
                f"{', '.join(sorted(roles_for(operation)))}); its password is the first line of "
                "stdin, or asked on a terminal",
            )
        return verb

    add("gui", "verbs:gui", "open the counter window")

    migrate = add(
        "migrate-to",
        "verbs_shared:migrate_to",
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

    init = add(
        "init",
        "verbs:init",
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
    init.add_argument(
        "--database-password-stdin",
        action="store_true",
        help="with --database-url: read the office server's password from stdin (kept in the "
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

    add(
        "doctor",
        "verbs_care:doctor",
        "check configuration, encryption and keys, database integrity and migrations, disk, "
        "keyring, credentials, destinations, clock, backups and the queue",
        json_flag=True,
    )
    backup = add(
        "backup",
        "verbs_care:backup",
        "write one backup zip (database snapshot, attachments, sealed key, config, manifest) "
        "and keep the newest backup.keep",
        json_flag=True,
    )
    backup.add_argument("--out", default=None, metavar="DIR", help="folder (default backup.folder)")
    restore = add(
        "restore",
        "verbs_care:restore",
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
    restore_key = restore.add_mutually_exclusive_group()
    restore_key.add_argument(
        "--recovery-key",
        default=None,
        metavar="KEY",
        help="on another PC: the recovery key, to put the backup's database key in the keyring",
    )
    restore_key.add_argument(
        "--recovery-key-stdin", action="store_true", help="read the recovery key from stdin"
    )
    bundle = add(
        "support-bundle",
        "verbs_care:support_bundle",
        "collect logs, doctor output, config and queue statistics (no NIK, no secrets) in a zip",
        json_flag=True,
    )
    bundle.add_argument("out", metavar="OUT.zip")

    recover = add(
        "recover",
        "verbs:recover",
        "put the database key back into this account's keyring, from the printed recovery key "
        "(new PC or new Windows account; needs the data folder with its sealed key)",
        json_flag=True,
    )
    which_key = recover.add_mutually_exclusive_group(required=True)
    which_key.add_argument(
        "--recovery-key", default=None, metavar="KEY", help="the recovery key, e.g. 7K3M9-QX2PA-..."
    )
    which_key.add_argument(
        "--recovery-key-stdin",
        action="store_true",
        help="read the recovery key from the first line of stdin (keeps it out of shell history)",
    )
    add(
        "new-recovery-key",
        "verbs:new_recovery_key",
        "make a new recovery key (the old one stops working), e.g. when the paper is lost",
        json_flag=True,
    )

    config = sub.add_parser("config", help="show or change the configuration")
    config_sub = config.add_subparsers(
        dest="config_verb", metavar="ACTION", required=True, parser_class=_Parser
    )
    add("show", "verbs:config_show", "show the configuration", json_flag=True, parent=config_sub)
    config_set = add("set", "verbs:config_set", "set one configuration key", parent=config_sub)
    config_set.add_argument("key")
    config_set.add_argument("value")
    config_accept = add(
        "accept",
        "verbs:config_accept",
        "seal config.toml after a deliberate hand edit (an admin; recorded in the audit log)",
        json_flag=True,
        parent=config_sub,
    )
    with contextlib.suppress(argparse.ArgumentError):  # the verb's role may have added it
        config_accept.add_argument(
            "--as", dest="as_user", default=None, help="the admin who accepts the change"
        )

    user = sub.add_parser("user", help="officer accounts")
    user_sub = user.add_subparsers(
        dest="user_verb", metavar="ACTION", required=True, parser_class=_Parser
    )
    user_add = add("add", "verbs:user_add", "add an account", parent=user_sub, json_flag=True)
    user_add.add_argument("name")
    user_add.add_argument("--role", required=True, choices=["officer", "admin", "technician"])
    user_add.add_argument("--full-name", default="")
    user_add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of stdin",
    )
    add("list", "verbs:user_list", "list accounts", parent=user_sub, json_flag=True)
    reset = add(
        "reset-password",
        "verbs:user_reset_password",
        "set a new password (e.g. a forgotten admin password)",
        parent=user_sub,
    )
    reset.add_argument("name")
    reset.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="read the new password from the first line of stdin",
    )
    for action, handler, text in (
        (
            "disable",
            "verbs_admin:user_disable",
            "disable an account (never deleted; cannot sign in)",
        ),
        ("enable", "verbs_admin:user_enable", "enable a disabled account again"),
    ):
        toggle = add(action, handler, text, parent=user_sub, json_flag=True)
        toggle.add_argument("name")

    imp = add(
        "import-register",
        "verbs:import_register",
        "import an office's existing register (CSV or XLSX)",
        json_flag=True,
    )
    imp.add_argument("file")
    imp.add_argument(
        "--rejects",
        default=None,
        help="where rejected rows go (default: <name>.rejects.csv beside FILE)",
    )

    applicant = sub.add_parser("applicant", help="find, show and correct CPMI records")
    app_sub = applicant.add_subparsers(
        dest="applicant_verb", metavar="ACTION", required=True, parser_class=_Parser
    )
    app_list = add(
        "list",
        "verbs:applicant_list",
        "list applicants, newest first",
        parent=app_sub,
        json_flag=True,
    )
    app_list.add_argument(
        "--search", default=None, help="name fragment, NIK prefix or tracking code"
    )
    app_list.add_argument("--limit", type=_positive_int, default=1000)
    app_show = add(
        "show", "verbs:applicant_show", "show one applicant", parent=app_sub, json_flag=True
    )
    app_show.add_argument("key", metavar="NIK|TRACKING")
    app_update = add(
        "update",
        "verbs:applicant_update",
        "correct an applicant's data",
        parent=app_sub,
        json_flag=True,
    )
    app_update.add_argument("key", metavar="NIK|TRACKING")
    app_update.add_argument(
        "--set", dest="assignments", action="append", required=True, metavar="FIELD=VALUE"
    )
    app_update.add_argument(
        "--confirm-warnings",
        action="store_true",
        help="save even with warnings (e.g. KTP from another region)",
    )
    app_passport = add(
        "request-passport",
        "verbs_case:applicant_request_passport",
        "record passport requests and queue them to immigration: one CPMI, several, or a "
        "file of them (each checked alone; a refusal does not stop the others)",
        parent=app_sub,
        json_flag=True,
    )
    app_passport.add_argument("keys", metavar="NIK|TRACKING", nargs="*")
    app_passport.add_argument(
        "--skip-order",
        action="store_true",
        help="admin only, one CPMI: request the passport although the case has not reached "
        "'Direkomendasikan' (e.g. moved in from an old register); needs --reason",
    )
    app_passport.add_argument(
        "--reason", default=None, help="why the case order is skipped (kept in the history)"
    )
    app_passport.add_argument(
        "--from-file",
        default=None,
        metavar="FILE",
        help="NIKs or tracking codes, one a line ('-' for stdin); blank lines and # skipped",
    )
    app_cancel = add(
        "cancel",
        "verbs:applicant_cancel",
        "cancel an applicant's case",
        parent=app_sub,
        json_flag=True,
    )
    app_cancel.add_argument("key", metavar="NIK|TRACKING")
    app_cancel.add_argument("--reason", required=True)

    credentials = sub.add_parser("credentials", help="destination tokens, kept in the OS keyring")
    cred_sub = credentials.add_subparsers(
        dest="credentials_verb", metavar="ACTION", required=True, parser_class=_Parser
    )
    cred_set = add(
        "set",
        "verbs:credentials_set",
        "store a destination's token in the keyring",
        parent=cred_sub,
    )
    cred_set.add_argument("destination", choices=["registry", "immigration", "bundle", "database"])
    cred_set.add_argument(
        "--token-stdin",
        action="store_true",
        help="read the token from the first line of stdin (required)",
    )
    cred_test = add(
        "test",
        "verbs_care:credentials_test",
        "test each destination: DNS, TLS, connection, URL path and token; exit 1 when one fails",
        parent=cred_sub,
        json_flag=True,
    )
    cred_test.add_argument(
        "--timeout", type=_positive_float, default=5.0, help="seconds per step (default 5)"
    )

    sync = sub.add_parser("sync", help="the queue of submissions to the remote systems")
    sync_sub = sync.add_subparsers(
        dest="sync_verb", metavar="ACTION", required=True, parser_class=_Parser
    )
    add(
        "status",
        "verbs:sync_status",
        "what waits, per destination, and why",
        parent=sync_sub,
        json_flag=True,
    )
    sync_run = add(
        "run", "verbs:sync_run", "send what can be sent", parent=sync_sub, json_flag=True
    )
    sync_run.add_argument(
        "--until-empty",
        action="store_true",
        help="keep going through outages until nothing is left to send",
    )
    sync_run.add_argument(
        "--timeout",
        type=_positive_float,
        default=900.0,
        help="seconds, with --until-empty (default 900)",
    )
    sync_retry = add(
        "retry",
        "verbs:sync_retry",
        "re-queue items that need attention",
        parent=sync_sub,
        json_flag=True,
    )
    which = sync_retry.add_mutually_exclusive_group(required=True)
    which.add_argument("item", nargs="?", help="the item's key")
    which.add_argument("--all", action="store_true", help="every item that needs attention")
    sync_list = add("list", "verbs:sync_list", "list queued items", parent=sync_sub, json_flag=True)
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
    sync_list.add_argument("--limit", type=_positive_int, default=1000)
    export_bundle = add(
        "export-bundle",
        "verbs_admin:sync_export_bundle",
        "write every item that could leave now to an encrypted USB bundle",
        parent=sync_sub,
        json_flag=True,
    )
    export_bundle.add_argument("out", metavar="OUT.ltsab")
    upload_bundle = add(
        "upload-bundle",
        "verbs_admin:sync_upload_bundle",
        "deliver a USB bundle from this machine (never blind) and write its receipts",
        parent=sync_sub,
        json_flag=True,
    )
    upload_bundle.add_argument("file", metavar="FILE.ltsab")
    upload_bundle.add_argument("--receipts", required=True, metavar="OUT.ltsar")
    upload_bundle.add_argument(
        "--timeout",
        type=_positive_float,
        default=900.0,
        help="seconds to keep trying through outages (default 900)",
    )
    import_receipts = add(
        "import-receipts",
        "verbs_admin:sync_import_receipts",
        "mark a bundle's items delivered from the receipts file the upload wrote",
        parent=sync_sub,
        json_flag=True,
    )
    import_receipts.add_argument("file", metavar="FILE.ltsar")

    report = sub.add_parser("report", help="the admin's reports (XLSX, CSV, PDF)")
    report_sub = report.add_subparsers(
        dest="report_verb", metavar="ACTION", required=True, parser_class=_Parser
    )
    _configure_report_export(
        add(
            "export",
            "verbs_reports:report_export",
            "write a report (placements, documents, sync, outages) for a period",
            parent=report_sub,
            json_flag=True,
        )
    )
    return parser


#: The report kinds and formats as the help names them. The verb checks them with the reports'
#: own lists (``services.reports.check_kind``); a test keeps these equal to those lists, so the
#: parser need not import the reports (and Qt's neighbours) to print its help.
REPORT_KINDS_HELP = ("placements", "documents", "sync", "outages")
REPORT_FORMATS_HELP = ("xlsx", "csv", "pdf")


def _configure_report_export(parser: argparse.ArgumentParser) -> None:
    """The options of `report export`; checked by the verb before the data folder is opened."""
    parser.add_argument(
        "--kind",
        required=True,
        metavar="KIND",
        help=f"report kind: {', '.join(REPORT_KINDS_HELP)}",
    )
    parser.add_argument(
        "--from",
        dest="date_from",
        required=True,
        metavar="DATE",
        help="first day, YYYY-MM-DD or DD-MM-YYYY (inclusive)",
    )
    parser.add_argument(
        "--to",
        dest="date_to",
        required=True,
        metavar="DATE",
        help="last day, YYYY-MM-DD or DD-MM-YYYY (inclusive)",
    )
    parser.add_argument(
        "--format",
        dest="fmt",
        required=True,
        metavar="FORMAT",
        help=f"file format: {'|'.join(REPORT_FORMATS_HELP)}",
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="file to write")
    parser.add_argument(
        "--force", action="store_true", help="replace FILE when it exists (else refused)"
    )
    parser.add_argument(
        "--csv-delimiter",
        default=",",
        metavar="CHAR",
        help="CSV separator: ',' (default) or ';' (Excel in Indonesian)",
    )


def load_handler(name: str) -> Callable[[argparse.Namespace], int]:
    """The handler a parser entry names (``"verbs:sync_status"``), its module imported now."""
    module_name, _, function = name.partition(":")
    module = importlib.import_module(f"ltsa_desk.{module_name}")
    handler: Callable[[argparse.Namespace], int] = getattr(module, function)
    return handler


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bukan angka: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("harus lebih dari 0")
    return value


_MOST_ROWS = 10_000_000
"""Largest --limit: more rows than any office holds, and far inside a database's 64-bit integer
(99999999999999999999999 reached SQLite and came back as an OverflowError traceback)."""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bukan bilangan bulat: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("harus lebih dari 0")
    if value > _MOST_ROWS:
        raise argparse.ArgumentTypeError(f"paling banyak {_MOST_ROWS:_}".replace("_", "."))
    return value


def emit_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def read_stdin_line(
    what: str, *, field: str | None = None, allow_empty: bool = True, strip: bool = False
) -> str:
    """One secret from the first line of stdin (passwords, tokens, keys never go on argv)."""
    line = sys.stdin.readline()
    value = line.strip() if strip else line.rstrip("\r\n")
    if not line or (not allow_empty and not value):
        raise CliError(f"{what} tidak terbaca dari stdin (kosong)", field=field)
    return value


def say(message: str) -> None:
    """Progress and errors: stderr, so stdout stays clean for --json."""
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    tolerate_narrow_code_page()  # Windows pipes are cp1252: a name must not kill the verb
    parser = build_parser()
    args = parser.parse_args(argv)
    args.data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    setup_logging(args.data_dir)
    handler = load_handler(getattr(args, "handler", None) or "verbs:gui")
    try:
        _ask_password(args)
        return handler(args)
    except CliError as exc:
        return _fail(args, str(exc), exc.code, exc.field)
    except ConfigError as exc:
        return _fail(args, str(exc), EXIT_BAD_INPUT, None)
    except NotPermitted as exc:  # a service's own role wall (the verb's check came first)
        return _fail(args, f"{exc}. Tidak ada yang diubah.", EXIT_BAD_INPUT, exc.field)
    except KeyboardInterrupt:
        say("Dibatalkan.")
        return 130
    except OSError as exc:
        # A path the file system refuses (a name too long, no permission, disk full) is the
        # machine's answer, not a bug: one line; the log keeps the traceback.
        log.warning("ltsa-desk %s: %s", getattr(args, "verb", None), exc, exc_info=True)
        where = f": {exc.filename}" if exc.filename else ""
        why = exc.strerror or type(exc).__name__
        return _fail(args, f"berkas tidak bisa dipakai{where} ({why})", EXIT_PROBLEMS, None)
    except Exception:
        # The traceback still reaches stderr; the log keeps it (masked) for the technician.
        log.exception("ltsa-desk %s failed", getattr(args, "verb", None) or "gui")
        raise


def operation_of(args: argparse.Namespace) -> str | None:
    """The operation the parsed verb is (None: no password needed), from the one table.

    `credentials set database` is the exception of its verb: the office server's password is
    itself the credential, and the desk cannot open the office database to check an account
    exactly when that password changed.
    """
    if getattr(args, "verb_key", None) == "credentials set" and args.destination == "database":
        return None
    operation: str | None = getattr(args, "operation", None)
    return operation


def _ask_password(args: argparse.Namespace) -> None:
    """Before the verb runs: the password of `--as USER`, so it is the first line of stdin
    (before any secret the verb itself reads) or typed at a prompt; the verb checks it against
    the account (``verbs.authenticate``) with the window's sign-in and lock-out."""
    args.operation = operation_of(args)
    args.password = None
    args.actor = None  # set by verbs.authenticate once the password is checked
    if args.operation is None:
        return
    if not args.as_user:
        if args.verb_key in FREE_BEFORE_FIRST_ACCOUNT:
            return  # the verb lets it through only while the folder has no account
        raise CliError(
            f"'{args.verb_key}' perlu akun {roles_in_words(args.operation)}: tambahkan --as "
            "NAMA_PENGGUNA; kata sandinya dibaca dari baris pertama stdin (atau ditanyakan di "
            "terminal). Tidak ada yang diubah.",
            field="as",
        )
    args.password = read_password(args.as_user)


def read_password(username: str) -> str:
    """An account's password: typed at a hidden prompt on a terminal, else the first line of
    stdin (a script or the installer pipes it; never on the command line, where other users of
    the PC could read it)."""
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        return getpass.getpass(f"Kata sandi {username}: ")
    line = stdin.readline() if stdin is not None else ""
    password = line.rstrip("\r\n")
    if not password:
        raise CliError(
            f"Kata sandi akun {username} tidak terbaca: berikan di baris pertama stdin. "
            "Tidak ada yang diubah.",
            field="password",
        )
    return password


def _fail(args: argparse.Namespace, message: str, code: int, field: str | None) -> int:
    say(f"ltsa-desk: {message}")
    if getattr(args, "json", False):
        error: dict[str, Any] = {"message": message}
        if field:
            error["field"] = field
        emit_json({"error": error})
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
