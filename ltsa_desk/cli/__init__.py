"""The `ltsa-desk` command: technician and admin verbs, and the window when no verb is given.

Exit codes: 0 done, 1 a check found problems, 2 bad input or usage. With `--json` exactly one JSON
object goes to stdout; errors and progress go to stderr in plain words. No verb waits for input
unless asked to read stdin, so every verb can run from a script or the installer.

The package, for a newcomer: this module is the entry point (:func:`main`: parse, ask the
password of `--as`, run the verb, turn a refusal into its exit code); ``parser`` builds the verbs
and names each one's handler; ``output`` holds the exit codes, the refusal type and the stream
helpers; ``context`` opens the counter and checks the acting account; one module per area holds
the verbs themselves (``counter_setup``, ``config_view``, ``users``, ``applicants``, ``passport``,
``sending``, ``care``, ``office``, ``reports``, ``window``). Verb modules import ``output`` and
``context``, never this module, and this module imports a verb module only when its verb runs.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ltsa_desk import __version__

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

__all__ = ["main"]

# Nothing heavier than ``sys`` is imported at the top: the console script imports this module
# before it calls :func:`main`, and `ltsa-desk --version` (the installer's and the scripts' check
# of what is installed) answers before the parser (argparse, gettext), the logging and the verbs'
# names are loaded (issue 19: <= 0.2 s). Every other command line goes through the parser.


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    if words == ["--version"]:  # the parser's own answer (parser.build_parser), without it
        print(f"ltsa-desk {__version__}")
        return 0
    import logging

    from ltsa_desk.cli.output import (
        EXIT_BAD_INPUT,
        EXIT_PROBLEMS,
        CliError,
        say,
        tolerate_narrow_code_page,
    )
    from ltsa_desk.cli.parser import build_parser, load_handler
    from ltsa_desk.domain.permissions import NotPermitted

    log = logging.getLogger(__name__)
    tolerate_narrow_code_page()  # Windows pipes are cp1252: a name must not kill the verb
    parser = build_parser()
    args = parser.parse_args(argv)  # `--help` ends here (and `--version` among other words)
    # Imported after parsing: the configuration (platformdirs, TOML, the seal, the region table)
    # and the log's handlers are for verbs that run; `--version` must not pay them (issue 19).
    from ltsa_desk.counter.config import ConfigError, resolve_data_dir
    from ltsa_desk.counter.logging_setup import setup_logging

    args.data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    setup_logging(args.data_dir)
    handler = load_handler(getattr(args, "handler", None) or "window:gui")
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
    the account (``context.authenticate``) with the window's sign-in and lock-out."""
    from ltsa_desk.cli.output import CliError, read_password
    from ltsa_desk.domain.permissions import FREE_BEFORE_FIRST_ACCOUNT, roles_in_words

    args.operation = operation_of(args)
    args.password = None
    args.actor = None  # set by context.authenticate once the password is checked
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


def _fail(args: argparse.Namespace, message: str, code: int, field: str | None) -> int:
    from ltsa_desk.cli.output import emit_json, say

    say(f"ltsa-desk: {message}")
    if getattr(args, "json", False):
        error: dict[str, Any] = {"message": message}
        if field:
            error["field"] = field
        emit_json({"error": error})
    return code
