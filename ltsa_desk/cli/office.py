"""The verbs of a shared office (several desks, one PostgreSQL database): setting a desk up,
the server's password, and moving a lone counter's data in (`migrate-to`).

Kept apart so the shared-office work reads in one place; ``counter_setup`` (init) and
``credentials`` (credentials set database) route to it.
"""

from __future__ import annotations

import argparse
import contextlib
from typing import Any

from ltsa_desk.cli.context import authenticate_folder
from ltsa_desk.cli.output import EXIT_OK, CliError, emit_json, read_stdin_line, say
from ltsa_desk.counter import keyring_home, shared_office
from ltsa_desk.counter.config import Config, ConfigError
from ltsa_desk.counter.workspace import initialise
from ltsa_desk.services.counter_start import DatabaseProblem
from ltsa_desk.technician.move_counter import move_lone_counter


def _read_password() -> str:
    return read_stdin_line("Kata sandi server basis data", allow_empty=False)


# --- init -----------------------------------------------------------------------------------------


def init_desk(args: argparse.Namespace) -> int:
    """`init --database-url postgresql+psycopg://...`: create the office's tables or join them.

    The password (``--database-password-stdin``) goes to the keyring before the first
    connection, and is removed again when the set-up is refused, so a refused init leaves
    nothing behind.
    """
    options = {
        "database.sslmode": getattr(args, "database_sslmode", None) or "",
        "database.sslrootcert": getattr(args, "database_sslrootcert", None) or "",
    }
    try:
        probe = Config(args.data_dir)
        office = probe.set("office.code", args.office_code)
        probe.set("database.url", args.database_url)
        for key, value in options.items():
            if value:
                probe.set(key, value)
    except ConfigError as exc:
        raise CliError(str(exc)) from exc
    stored_password = False
    if getattr(args, "database_password_stdin", False):
        password = _read_password()
        if shared_office.database_password(office) is None:
            stored_password = True
        try:
            # Bound to this server: a later edit of database.url cannot send it elsewhere.
            shared_office.store_database_password(office, password, url=args.database_url)
        except Exception as exc:
            raise CliError(str(exc)) from exc
    try:
        made = initialise(
            args.data_dir,
            office_code=args.office_code,
            counter_id=args.counter_id,
            database_url=args.database_url,
            office_name=args.office_name,
            database_options=options,
        )
    except (DatabaseProblem, ConfigError) as exc:
        if stored_password:
            _forget_password(office)
        raise CliError(str(exc)) from exc
    result = {
        "data_dir": str(args.data_dir),
        "database_id": made.database_id,
        "office_code": made.office_code,
        "counter_id": made.counter_id,
        "joined": made.joined,
        "recovery_key": None,
    }
    if args.json:
        emit_json(result)
    what = "bergabung ke basis data kantor" if made.joined else "membuat basis data kantor"
    say(
        f"Loket {made.counter_id} kantor {made.office_code} siap di {args.data_dir}: {what} "
        f"({made.database_id}). Data kantor disimpan di server bersama dan dilindungi server "
        "itu; tidak ada kunci pemulihan untuk loket ini."
    )
    return EXIT_OK


def _forget_password(office: str) -> None:
    with contextlib.suppress(Exception):
        keyring_home.forget_office_password(office)


# --- credentials ----------------------------------------------------------------------------------


def credentials_set_database(args: argparse.Namespace) -> int:
    """`credentials set database --token-stdin`: the office server's password, keyring only.

    The database is not opened first: a changed password is exactly the case where it cannot be.
    """
    if not args.token_stdin:
        raise CliError("Kata sandi dibaca dari stdin: ulangi dengan --token-stdin", field="token")
    config = Config.load(args.data_dir)
    password = _read_password()
    try:
        # Bound to the configured office server; a lone counter about to `migrate-to` has none
        # yet, and the password binds to the server it is first used with.
        url = config.database_url() if shared_office.is_shared(config) else None
        shared_office.store_database_password(config.office_code, password, url=url)
    except keyring_home.NoKeyring as exc:
        raise CliError(str(exc)) from exc
    say(f"Kata sandi server basis data kantor {config.office_code} disimpan di keyring")
    return EXIT_OK


# --- migrate-to -----------------------------------------------------------------------------------


def migrate_to(args: argparse.Namespace) -> int:
    authenticate_folder(args)  # the lone counter's own accounts, before anything moves

    try:
        url = Config(args.data_dir).set("database.url", args.database_url)
    except ConfigError as exc:
        raise CliError(str(exc), field="database_url") from exc
    if not shared_office.is_server_url(url):
        raise CliError(
            "migrate-to memindahkan data ke server bersama: URL harus postgresql+psycopg://...",
            field="database_url",
        )
    try:
        report = move_lone_counter(args.data_dir, url, progress=say)
    except DatabaseProblem as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        emit_json(report.as_dict())
    else:
        _print_report(report)
    return EXIT_OK


def _print_report(report: Any) -> None:
    moved = ", ".join(f"{name} {n}" for name, n in sorted(report.moved.items()) if n) or "-"
    there = ", ".join(f"{name} {n}" for name, n in sorted(report.already_there.items()) if n)
    print(f"Loket {report.counter_id} dipindah ke basis data kantor {report.target_database_id}")
    print(f"  dipindah: {moved}")
    if there:
        print(f"  sudah ada sebelumnya (tidak digandakan): {there}")
    if report.outbox_moved_by_state:
        states = ", ".join(f"{s} {n}" for s, n in sorted(report.outbox_moved_by_state.items()))
        print(f"  kiriman menurut status: {states} (yang belum terkirim dicek dulu ke tujuan)")
    for duplicate in report.duplicate_niks:
        left = ", ".join(f"{k} {v}" for k, v in sorted(duplicate.left_behind.items()))
        print(
            f"  NIK {duplicate.nik} ({duplicate.full_name}) sudah ada di kantor sebagai "
            f"{duplicate.existing_tracking_code}; {duplicate.tracking_code} loket ini TIDAK "
            f"dipindah{f' ({left} tertinggal)' if left else ''}: periksa dan satukan manual"
        )
    for username in report.accounts_kept:
        print(f"  akun {username} sudah ada di kantor: akun kantor yang dipakai")
    for digest in report.damaged_attachments:
        print(f"  lampiran {digest[:12]} rusak, tidak dipindah")
    say("Konfigurasi loket ini sekarang memakai basis data kantor; berkas ltsa.sqlite disimpan.")
