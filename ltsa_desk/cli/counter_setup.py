"""Setting a counter up and keeping its keys and configuration: `init`, `recover`,
`new-recovery-key` and `config set|accept` (`config show` is ``config_view``: it needs none of
this module's imports).

A lone counter keeps its data encrypted on this PC, so `init` prints the recovery key once and
`recover` puts the database key back from it on a new PC or Windows account; a desk of a shared
office is set up by ``office.init_desk`` instead (its data lives on the office server). The
configuration is sealed for this account: `config set` changes a key through the same checks as
the window, `config accept` seals a deliberate hand edit in an admin's name.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ltsa_desk.cli.context import (
    acting_account,
    authenticate_folder,
    open_counter,
    refused_as_cli_error,
)
from ltsa_desk.cli.office import init_desk
from ltsa_desk.cli.output import (
    EXIT_OK,
    CliError,
    emit_json,
    print_recovery_key,
    read_stdin_line,
    say,
)
from ltsa_desk.counter.config import Config, ConfigTampered
from ltsa_desk.counter.keyring_home import load_database_key
from ltsa_desk.counter.protection import (
    RecoveryKeyTypo,
    WrongRecoveryKey,
    seal_new_recovery_key,
)
from ltsa_desk.counter.protection import recover as restore_key
from ltsa_desk.counter.shared_office import is_server_url
from ltsa_desk.counter.workspace import confirm_recovery_key_shown, initialise, open_workspace
from ltsa_desk.operations.counter_records import accept_configuration
from ltsa_desk.operations.settings import change_setting
from ltsa_desk.services.counter_start import DatabaseProblem


def init(args: argparse.Namespace) -> int:
    if is_server_url(args.database_url):  # a desk of a shared office: no local key, see there
        return init_desk(args)
    try:
        made = initialise(
            args.data_dir,
            office_code=args.office_code,
            counter_id=args.counter_id,
            database_url=args.database_url,
            office_name=args.office_name,
        )
    except DatabaseProblem as exc:
        raise CliError(str(exc)) from exc
    result = {
        "data_dir": str(args.data_dir),
        "database_id": made.database_id,
        "office_code": made.office_code,
        "counter_id": made.counter_id,
        "recovery_key": made.recovery_key,
    }
    if getattr(args, "recovery_key_later", False):
        # The installer runs init hidden: a key printed there is never seen. The pending mark
        # stays, so the window's first start replaces this key and shows the new one.
        result["recovery_key"] = None
        if args.json:
            emit_json(result)
        say(
            f"Loket {made.counter_id} kantor {made.office_code} siap di {args.data_dir}; "
            "kunci pemulihan ditampilkan saat jendela LTSA Desk pertama kali dibuka."
        )
        return EXIT_OK
    if args.json:
        emit_json(result)
        say(
            "Kunci pemulihan (recovery key) ada di keluaran JSON (recovery_key): cetak dan simpan "
            "di tempat aman; tanpanya data tidak bisa dibuka di PC lain."
        )
    else:
        say(f"Loket {made.counter_id} kantor {made.office_code} siap di {args.data_dir}")
        print_recovery_key(made.recovery_key, made.database_id, sys.stdout)
    confirm_recovery_key_shown(args.data_dir)
    return EXIT_OK


def recover(args: argparse.Namespace) -> int:
    text = read_stdin_line("Kunci pemulihan") if args.recovery_key_stdin else args.recovery_key
    # Unchecked: a folder carried here was sealed on the old PC; the recovery key is the
    # credential (it must open the sealed key of the database the file names).
    config = Config.load(args.data_dir, verify=False)
    try:
        result = restore_key(config, text)
    except RecoveryKeyTypo as exc:
        raise CliError(str(exc), field="recovery_key") from exc
    except DatabaseProblem as exc:
        field = "recovery_key" if isinstance(exc, WrongRecoveryKey) else None
        raise CliError(str(exc), field=field) from exc
    resealed = _reseal_after_recovery(args.data_dir)
    if args.json:
        emit_json(
            {
                "database_id": result.database_id,
                "restored": True,
                "already_present": result.already_present,
                "config_resealed": resealed,
            }
        )
    if resealed:
        say(
            f"Konfigurasi {config.path} (disegel di PC atau akun lain, atau diubah) diperiksa "
            "dan disegel untuk akun ini."
        )
    if result.already_present:
        say(f"Kunci basis data {result.database_id} sudah ada di keyring akun ini; tidak diubah.")
    else:
        say(
            f"Kunci basis data {result.database_id} dipulihkan ke keyring akun ini. "
            "Data CPMI bisa dibuka lagi; kunci pemulihan yang sama tetap berlaku."
        )
    return EXIT_OK


def _reseal_after_recovery(data_dir: Path) -> bool:
    """A data folder carried to this PC or Windows account still bears the old one's seal. The
    recovery key just proved the technician's authority, so the file's values (judged as
    `config set` judges them) are sealed here; True when they were not sealed for this account."""
    try:
        Config.load(data_dir)
        return False
    except ConfigTampered:
        Config.accept(data_dir)
        return True


def new_recovery_key(args: argparse.Namespace) -> int:
    with open_counter(args, announce=False) as workspace:
        if workspace.shared:
            raise CliError(
                "Loket kantor bersama tidak punya kunci pemulihan: tidak ada data kantor di PC "
                "ini, semuanya di server basis data kantor (dilindungi server itu)."
            )
        database_id = workspace.database.info.database_id
        recovery = workspace.new_recovery_key
        if recovery is None:
            try:
                key = load_database_key(database_id)
            except DatabaseProblem as exc:
                raise CliError(str(exc)) from exc
            recovery = str(seal_new_recovery_key(workspace.config, database_id, key))
        if args.json:
            emit_json({"database_id": database_id, "recovery_key": recovery})
            say("Kunci pemulihan baru ada di keluaran JSON (recovery_key); yang lama tak berlaku.")
        else:
            print_recovery_key(recovery, database_id, sys.stdout)
            say("Kunci pemulihan yang lama tidak berlaku lagi.")
        workspace.confirm_recovery_key_shown()
    return EXIT_OK


def config_set(args: argparse.Namespace) -> int:
    authenticate_folder(args)
    value = change_setting(Config.load(args.data_dir), args.key, args.value)
    say(f"{args.key} = {value}")
    return EXIT_OK


def config_accept(args: argparse.Namespace) -> int:
    """Seal `config.toml` after a deliberate hand edit: an admin's word, in the audit log."""
    if not args.as_user:
        raise CliError("Menyetujui konfigurasi perlu admin: tambahkan --as ADMIN", field="as")
    try:
        workspace = open_workspace(args.data_dir, check_seal=False)
    except DatabaseProblem as exc:
        raise CliError(str(exc)) from exc
    try:
        # The authenticated command line (issue 17 finding 2) hands acting_account the parsed verb,
        # whose role check then asks for the password; before it, acting_account took the name.
        actor = acting_account(workspace, args if hasattr(args, "operation") else args.as_user)
        with refused_as_cli_error():
            accepted = accept_configuration(workspace, actor)
    finally:
        workspace.close()
    config = accepted.config
    if args.json:
        emit_json({"accepted": True, "path": str(config.path), "config": config.as_dict()})
    say(f"Konfigurasi {config.path} disetujui oleh {actor.username} dan disegel ulang.")
    return EXIT_OK
