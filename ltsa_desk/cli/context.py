"""The opened counter and the acting account of one verb, the same for every verb module.

Why one place: every verb that needs a role opens its data folder through :func:`open_counter`,
which checks `--as USER` and its password before the verb sees the folder, so no verb can skip the
check; the verb then asks :func:`acting_account` whom it acts as. The account is kept on the
parsed ``args`` (one check per command).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ltsa_desk.cli.output import CliError, print_recovery_key
from ltsa_desk.counter.workspace import open_workspace
from ltsa_desk.domain.permissions import TECHNICIAN, NotPermitted, allowed, roles_in_words
from ltsa_desk.services.context import Actor
from ltsa_desk.services.counter_start import DatabaseProblem

if TYPE_CHECKING:
    from ltsa_desk.counter.workspace import Workspace

# The services below (accounts, applicants, documents, operations) are imported in the function
# that uses them, not here: every verb imports this module, and they bring SQLModel, the ORM and,
# through the documents and the outbox, httpx -- most of a second that `sync status` (no
# account, no applicant) must not pay (issue 19, benchmarks/bench_startup.py).


@contextmanager
def open_counter(
    args: argparse.Namespace, *, migrate: bool = True, announce: bool = True
) -> Iterator[Workspace]:
    """The data folder of ``args`` opened, the acting account checked, closed afterwards."""
    try:
        workspace = open_workspace(args.data_dir, migrate=migrate)
    except DatabaseProblem as exc:
        raise CliError(str(exc)) from exc
    try:
        if announce and workspace.new_recovery_key:
            # Made while opening (an old unencrypted database was just encrypted): stderr, so a
            # verb's --json output on stdout stays one object.
            print_recovery_key(
                workspace.new_recovery_key, workspace.database.info.database_id, sys.stderr
            )
            workspace.confirm_recovery_key_shown()
        authenticate(workspace, args)
        yield workspace
    finally:
        workspace.close()


def authenticate(workspace: Workspace, args: argparse.Namespace) -> Actor | None:
    """Check `--as USER` and its password (read by the entry point) against the account, with
    the window's sign-in and lock-out, and the account's role against the verb's operation.

    A set-up verb (``FREE_BEFORE_FIRST_ACCOUNT``) without `--as` runs only while the folder has
    no account that can sign in; the audit then names the operating-system account. Returns
    None for a verb free of a password.
    """
    operation = getattr(args, "operation", None)
    if operation is None:
        return None
    known: Actor | None = getattr(args, "actor", None)
    if known is not None:
        return known
    # A verb with an account only: see the imports.
    from ltsa_desk.operations.sign_in import SignInRefused, sign_in
    from ltsa_desk.services import accounts
    from ltsa_desk.services.permissions import has_any_account, operation_words

    office, counter = workspace.config.office_code, workspace.config.counter_id
    if not args.as_user:
        with workspace.database.session() as session:
            anyone = has_any_account(session)
        if anyone:
            raise CliError(
                f"Loket ini sudah punya akun: '{args.verb_key}' perlu akun "
                f"{roles_in_words(operation)}. Tambahkan --as NAMA_PENGGUNA (kata sandinya "
                "di baris pertama stdin). Tidak ada yang diubah.",
                field="as",
            )
        # The technician setting the counter up, named by the Windows account.
        args.actor = replace(Actor.from_os_user(counter, office), role=TECHNICIAN)
        return args.actor
    try:
        signed = sign_in(workspace, args.as_user, args.password or "", record_success=False)
    except SignInRefused as exc:
        raise CliError(f"{exc}. Tidak ada yang diubah.", field="as") from exc
    officer = signed.actor
    if not allowed(officer.role, operation):
        role = accounts.ROLE_LABELS_ID.get(accounts.Role(officer.role), officer.role)
        raise CliError(
            f"Pengguna '{officer.username}' ({role}) tidak boleh {operation_words(operation)}"
            f"; hanya {roles_in_words(operation)}. Tidak ada yang diubah.",
            field="as",
        )
    args.actor = officer
    return args.actor


def authenticate_folder(args: argparse.Namespace) -> Actor | None:
    """For a verb that works on the folder without keeping it open (config set, backup,
    migrate-to): the folder is opened just to check the account."""
    if getattr(args, "operation", None) is None:
        return None
    with open_counter(args, announce=False) as workspace:
        return authenticate(workspace, args)


def acting_account(workspace: Workspace, args: argparse.Namespace) -> Actor:
    """The account the verb acts as: the one `--as` authenticated (see :func:`authenticate`);
    for a verb free of a password, the operating-system account (which has no role, so the
    services refuse it anything that needs one)."""
    actor = authenticate(workspace, args)
    if actor is not None:
        return actor
    return Actor.from_os_user(workspace.config.counter_id, workspace.config.office_code)


def find_applicant(session: Any, key: str) -> Any:
    """The applicant a NIK or tracking code names; a refusal naming the key when none does."""
    from ltsa_desk.services.applicants import ApplicantNotFound, get_by_key

    try:
        return get_by_key(session, key)
    except ApplicantNotFound as exc:
        raise CliError(str(exc), field="key") from exc


@contextmanager
def refused_as_cli_error() -> Iterator[None]:
    """An operation's refusal as the command's: the same words, the field it names, exit 2.

    A role wall of the services reads as ``main`` words one ("... Tidak ada yang diubah.").
    """
    from ltsa_desk.operations.refused import Refused  # the operations: see the imports

    try:
        yield
    except Refused as exc:
        message = exc.message
        if isinstance(exc.__cause__, NotPermitted):
            message = f"{message}. Tidak ada yang diubah."
        raise CliError(message, field=exc.field) from exc


def applicant_row(workspace: Workspace, applicant_id: Any) -> dict[str, Any]:
    """The record a verb prints after an operation changed it, read in a session of its own."""
    from ltsa_desk.services.applicants import applicant_dict
    from ltsa_desk.services.documents import get_applicant

    with workspace.database.session() as session:
        return applicant_dict(session, get_applicant(session, applicant_id))
