"""`ltsa-desk credentials set DESTINATION --token-stdin`: a secret into the OS keyring.

A destination's token (registry, immigration) lifts that destination's pause; the bundle secret
goes through ``usb_bundle`` and the office server's password through ``office`` (asked before
the office database opens: a changed password is exactly when it cannot). `credentials test` is a
care verb (``care``).
"""

from __future__ import annotations

import argparse

from ltsa_desk.cli.context import open_counter
from ltsa_desk.cli.office import credentials_set_database
from ltsa_desk.cli.output import EXIT_OK, CliError, read_stdin_line, say
from ltsa_desk.cli.usb_bundle import credentials_set_bundle
from ltsa_desk.services.sync_setup import NoKeyring, set_destination_token


def credentials_set(args: argparse.Namespace) -> int:
    if args.destination == "bundle":  # an office secret, not a destination: no pause to lift
        return credentials_set_bundle(args)
    if args.destination == "database":  # the office server's password: asked before opening it
        return credentials_set_database(args)
    if not args.token_stdin:
        raise CliError("Token dibaca dari stdin: ulangi dengan --token-stdin", field="token")
    token = read_stdin_line("Token").strip()
    if not token:
        raise CliError("Token kosong", field="token")
    with open_counter(args) as workspace:
        try:
            set_destination_token(workspace.config, workspace.database, args.destination, token)
        except NoKeyring as exc:
            raise CliError(str(exc)) from exc
    say(f"Token {args.destination} disimpan di keyring")
    return EXIT_OK
