"""`ltsa-desk user ...`: the officers' accounts (add, list, reset a password, disable, enable).

The work lives in ``services.accounts`` (the same rules as the window's account screen); an account
is never deleted, only disabled. As with every verb, refusals exit 2 with a plain message (and
`{"error": ...}` with --json), and nothing is changed by a refused command.
"""

from __future__ import annotations

import argparse

from ltsa_desk.cli.context import acting_account, open_counter
from ltsa_desk.cli.output import EXIT_OK, CliError, emit_json, read_stdin_line, say
from ltsa_desk.services import accounts

#: What `user list` shows of each account (the service's rows carry more).
LISTED = ("username", "role", "full_name", "active", "has_password")


def user_add(args: argparse.Namespace) -> int:
    password = read_stdin_line("Kata sandi") if args.password_stdin else None
    with open_counter(args) as workspace, workspace.database.write_session() as session:
        try:
            officer = accounts.create_user(
                session,
                args.name,
                args.role,
                password=password,
                full_name=args.full_name,
                actor=acting_account(workspace, args).username,
            )
        except accounts.AccountError as exc:
            raise CliError(str(exc), field=exc.field) from exc
    if args.json:
        emit_json(
            {
                "user": {
                    "username": officer.username,
                    "role": officer.role,
                    "has_password": password is not None,
                }
            }
        )
    else:
        say(
            f"Pengguna {officer.username} ({officer.role}) ditambahkan"
            + ("" if password else "; belum bisa masuk sebelum kata sandi diatur")
        )
    return EXIT_OK


def user_list(args: argparse.Namespace) -> int:
    with open_counter(args) as workspace, workspace.database.session() as session:
        rows = [{key: user[key] for key in LISTED} for user in accounts.list_users(session)]
    if args.json:
        emit_json({"users": rows})
    else:
        for row in rows:
            print(f"{row['username']:<20} {row['role']:<11} {row['full_name']}")
    return EXIT_OK


def user_reset_password(args: argparse.Namespace) -> int:
    password = read_stdin_line("Kata sandi")
    with open_counter(args) as workspace, workspace.database.write_session() as session:
        try:
            accounts.set_password(
                session,
                args.name,
                password,
                actor=acting_account(workspace, args).username,
            )
        except accounts.AccountError as exc:
            raise CliError(str(exc), field=exc.field) from exc
    say(f"Kata sandi {args.name} diganti")
    return EXIT_OK


def _set_active(args: argparse.Namespace, active: bool) -> int:
    with open_counter(args) as workspace:
        actor = acting_account(workspace, args)
        with workspace.database.write_session() as session:
            try:
                officer = accounts.set_active(session, args.name, active, actor=actor.username)
            except accounts.AccountError as exc:
                raise CliError(str(exc), field=exc.field) from exc
            row = {"username": officer.username, "role": officer.role, "active": officer.active}
    if args.json:
        emit_json({"user": row})
    else:
        state = "aktif" if active else "nonaktif (tidak bisa masuk; akun tetap tersimpan)"
        say(f"Pengguna {row['username']} {state}")
    return EXIT_OK


def user_disable(args: argparse.Namespace) -> int:
    return _set_active(args, False)


def user_enable(args: argparse.Namespace) -> int:
    return _set_active(args, True)
