"""`ltsa-desk user ...`: the officers' accounts (add, list, reset a password, disable, enable).

The work is ``operations.accounts``, the same operations the window's Pengguna screen runs (the
rules are those of ``services.accounts``); an account is never deleted, only disabled. As with
every verb, refusals exit 2 with a plain message (and `{"error": ...}` with --json), and nothing
is changed by a refused command.
"""

from __future__ import annotations

import argparse

from ltsa_desk.cli.context import acting_account, open_counter, refused_as_cli_error
from ltsa_desk.cli.output import EXIT_OK, emit_json, read_stdin_line, say
from ltsa_desk.operations import accounts

#: What `user list` shows of each account (the service's rows carry more).
LISTED = ("username", "role", "full_name", "active", "has_password")


def user_add(args: argparse.Namespace) -> int:
    password = read_stdin_line("Kata sandi") if args.password_stdin else None
    with open_counter(args) as workspace, refused_as_cli_error():
        officer = accounts.add_account(
            workspace,
            acting_account(workspace, args),
            args.name,
            args.role,
            password=password,
            full_name=args.full_name,
        )
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
    with open_counter(args) as workspace:
        rows = [{key: user[key] for key in LISTED} for user in accounts.list_accounts(workspace)]
    if args.json:
        emit_json({"users": rows})
    else:
        for row in rows:
            print(f"{row['username']:<20} {row['role']:<11} {row['full_name']}")
    return EXIT_OK


def user_reset_password(args: argparse.Namespace) -> int:
    password = read_stdin_line("Kata sandi")
    with open_counter(args) as workspace, refused_as_cli_error():
        accounts.reset_password(workspace, acting_account(workspace, args), args.name, password)
    say(f"Kata sandi {args.name} diganti")
    return EXIT_OK


def _set_active(args: argparse.Namespace, active: bool) -> int:
    with open_counter(args) as workspace:
        actor = acting_account(workspace, args)
        with refused_as_cli_error():
            officer = accounts.set_active(workspace, actor, args.name, active)
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
