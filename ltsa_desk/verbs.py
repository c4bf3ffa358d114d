"""What each `ltsa-desk` verb does. Parsing lives in `cli`; the work itself lives in `services`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ltsa_desk.cli import EXIT_OK, EXIT_PROBLEMS, CliError, emit_json, read_stdin_line, say
from ltsa_desk.counter.config import Config, ConfigError
from ltsa_desk.counter.workspace import (
    Workspace,
    confirm_recovery_key_shown,
    initialise,
    open_workspace,
)
from ltsa_desk.services import accounts
from ltsa_desk.services.applicants import ApplicantNotFound, applicant_dict, get_by_key
from ltsa_desk.services.context import Actor
from ltsa_desk.store.database import DatabaseProblem


@contextmanager
def _workspace(
    args: argparse.Namespace, *, migrate: bool = True, announce: bool = True
) -> Iterator[Workspace]:
    try:
        workspace = open_workspace(args.data_dir, migrate=migrate)
    except DatabaseProblem as exc:
        raise CliError(str(exc)) from exc
    try:
        if announce and workspace.new_recovery_key:
            # Made while opening (an old unencrypted database was just encrypted): stderr, so a
            # verb's --json output on stdout stays one object.
            _print_recovery_key(
                workspace.new_recovery_key, workspace.database.info.database_id, sys.stderr
            )
            workspace.confirm_recovery_key_shown()
        authenticate(workspace, args)
        yield workspace
    finally:
        workspace.close()


def _print_recovery_key(recovery_key: str, database_id: str, stream: Any) -> None:
    """The recovery key with what it is for, in words a technician can act on."""
    stream.write(
        "\n"
        f"KUNCI PEMULIHAN (recovery key) basis data {database_id}:\n"
        "\n"
        f"    {recovery_key}\n"
        "\n"
        "Cetak atau tulis kunci pemulihan ini sekarang dan simpan di tempat aman, jauh dari PC "
        "ini.\nKunci ini hanya ditampilkan sekali. Data CPMI di PC ini terenkripsi; di PC baru "
        "atau setelah\nakun Windows berganti, data hanya bisa dibuka lagi dengan:\n"
        "    ltsa-desk recover --recovery-key KUNCI-PEMULIHAN\n"
        "\n"
    )
    stream.flush()


def authenticate(workspace: Workspace, args: argparse.Namespace) -> Actor | None:
    """Check `--as USER` and its password (read by ``cli``) against the account, with the
    window's sign-in and lock-out, and the account's role against the verb's operation.

    Every verb that needs a role opens its data folder through :func:`_workspace`, which calls
    this, so none can skip it; the account is kept on ``args`` (one check per command). A set-up
    verb (``FREE_BEFORE_FIRST_ACCOUNT``) without `--as` runs only while the folder has no
    account that can sign in; the audit then names the operating-system account. Returns None
    for a verb free of a password.
    """
    from dataclasses import replace

    from ltsa_desk.domain.permissions import TECHNICIAN, allowed, roles_in_words
    from ltsa_desk.services.permissions import has_any_account, operation_words

    operation = getattr(args, "operation", None)
    if operation is None:
        return None
    known: Actor | None = getattr(args, "actor", None)
    if known is not None:
        return known
    office, counter = workspace.config.office_code, workspace.config.counter_id
    with workspace.database.write_session() as session:
        if not args.as_user:
            if has_any_account(session):
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
            officer = accounts.authenticate(
                session, args.as_user, args.password or "", record_success=False
            )
        except accounts.SignInRefused as exc:
            raise CliError(f"{exc}. Tidak ada yang diubah.", field="as") from exc
        if not allowed(officer.role, operation):
            role = accounts.ROLE_LABELS_ID.get(accounts.Role(officer.role), officer.role)
            raise CliError(
                f"Pengguna '{officer.username}' ({role}) tidak boleh {operation_words(operation)}"
                f"; hanya {roles_in_words(operation)}. Tidak ada yang diubah.",
                field="as",
            )
        args.actor = Actor(
            username=officer.username, counter_id=counter, office_code=office, role=officer.role
        )
    return args.actor


def authenticate_folder(args: argparse.Namespace) -> Actor | None:
    """For a verb that works on the folder without keeping it open (config set, backup,
    migrate-to): the folder is opened just to check the account."""
    if getattr(args, "operation", None) is None:
        return None
    with _workspace(args, announce=False) as workspace:
        return authenticate(workspace, args)


def _actor(workspace: Workspace, args: argparse.Namespace) -> Actor:
    """The account the verb acts as: the one `--as` authenticated (see :func:`authenticate`);
    for a verb free of a password, the operating-system account (which has no role, so the
    services refuse it anything that needs one)."""
    actor = authenticate(workspace, args)
    if actor is not None:
        return actor
    return Actor.from_os_user(workspace.config.counter_id, workspace.config.office_code)


# --- window -------------------------------------------------------------------------------------


def gui(args: argparse.Namespace) -> int:
    from ltsa_desk.ui.app import run_app

    return run_app(args.data_dir)


# --- set-up ---------------------------------------------------------------------------------------


def init(args: argparse.Namespace) -> int:
    from ltsa_desk.verbs_shared import init_desk, is_server_url

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
        _print_recovery_key(made.recovery_key, made.database_id, sys.stdout)
    confirm_recovery_key_shown(args.data_dir)
    return EXIT_OK


def recover(args: argparse.Namespace) -> int:
    from ltsa_desk.counter.protection import recover as restore_key
    from ltsa_desk.store.recovery_key import RecoveryKeyTypo

    text = read_stdin_line("Kunci pemulihan") if args.recovery_key_stdin else args.recovery_key
    # Unchecked: a folder carried here was sealed on the old PC; the recovery key is the
    # credential (it must open the sealed key of the database the file names).
    config = Config.load(args.data_dir, verify=False)
    try:
        result = restore_key(config, text)
    except RecoveryKeyTypo as exc:
        raise CliError(str(exc), field="recovery_key") from exc
    except DatabaseProblem as exc:
        from ltsa_desk.store.keys import WrongRecoveryKey

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
    from ltsa_desk.counter.config import ConfigTampered

    try:
        Config.load(data_dir)
        return False
    except ConfigTampered:
        Config.accept(data_dir)
        return True


def new_recovery_key(args: argparse.Namespace) -> int:
    from ltsa_desk.counter.protection import seal_new_recovery_key
    from ltsa_desk.store.keys import load_database_key

    with _workspace(args, announce=False) as workspace:
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
            _print_recovery_key(recovery, database_id, sys.stdout)
            say("Kunci pemulihan yang lama tidak berlaku lagi.")
        workspace.confirm_recovery_key_shown()
    return EXIT_OK


def config_show(args: argparse.Namespace) -> int:
    """Shows a changed file too (what `config accept` would seal), with the refusal on stderr."""
    from ltsa_desk.counter.config import ConfigTampered

    try:
        config = Config.load(args.data_dir)
    except ConfigTampered as exc:
        say(f"PERINGATAN: {exc}")
        config = Config.load(args.data_dir, verify=False)
    values = config.as_dict()
    if args.json:
        emit_json({"config": values, "path": str(config.path)})
    else:
        for key, value in values.items():
            print(f"{key} = {'' if value is None else value}")
    return EXIT_OK


def config_set(args: argparse.Namespace) -> int:
    authenticate_folder(args)
    config = Config.load(args.data_dir)
    if args.key in {"office.code", "database.url", "database.id"}:
        raise ConfigError(f"{args.key} ditetapkan saat 'init' dan tidak diubah di sini")
    value = config.set(args.key, args.value)
    config.save()
    say(f"{args.key} = {value}")
    return EXIT_OK


def config_accept(args: argparse.Namespace) -> int:
    """Seal `config.toml` after a deliberate hand edit: an admin's word, in the audit log."""
    from ltsa_desk.services import audit

    if not args.as_user:
        raise CliError("Menyetujui konfigurasi perlu admin: tambahkan --as ADMIN", field="as")
    try:
        workspace = open_workspace(args.data_dir, check_seal=False)
    except DatabaseProblem as exc:
        raise CliError(str(exc)) from exc
    try:
        # The authenticated command line (issue 17 finding 2) hands _actor the parsed verb,
        # whose role check then asks for the password; before it, _actor takes the name.
        actor = _actor(workspace, args if hasattr(args, "operation") else args.as_user)
        if actor.role != "admin":
            raise CliError(
                f"Pengguna '{actor.username}' bukan admin; hanya admin yang boleh menyetujui "
                "perubahan konfigurasi",
                field="as",
            )
        config, keys = Config.accept(args.data_dir)
        with workspace.database.write_session() as session:
            audit.record(
                session,
                actor=actor.username,
                action="config.accept",
                entity="counter",
                after={"file": str(config.path), "keys": keys},
                counter_id=config.counter_id,
            )
            session.commit()
    finally:
        workspace.close()
    if args.json:
        emit_json({"accepted": True, "path": str(config.path), "config": config.as_dict()})
    say(f"Konfigurasi {config.path} disetujui oleh {actor.username} dan disegel ulang.")
    return EXIT_OK


# --- accounts -------------------------------------------------------------------------------------


def user_add(args: argparse.Namespace) -> int:
    password = read_stdin_line("Kata sandi") if args.password_stdin else None
    with _workspace(args) as workspace, workspace.database.write_session() as session:
        try:
            officer = accounts.create_user(
                session,
                args.name,
                args.role,
                password=password,
                full_name=args.full_name,
                actor=_actor(workspace, args).username,
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
    from sqlmodel import select

    from ltsa_desk.store.models import Officer

    with _workspace(args) as workspace, workspace.database.session() as session:
        officers = session.exec(select(Officer).order_by(Officer.username)).all()
        rows = [
            {
                "username": o.username,
                "role": o.role,
                "full_name": o.full_name,
                "active": o.active,
                "has_password": o.password_hash is not None,
            }
            for o in officers
        ]
    if args.json:
        emit_json({"users": rows})
    else:
        for row in rows:
            print(f"{row['username']:<20} {row['role']:<11} {row['full_name']}")
    return EXIT_OK


def user_reset_password(args: argparse.Namespace) -> int:
    password = read_stdin_line("Kata sandi")
    with _workspace(args) as workspace, workspace.database.write_session() as session:
        try:
            accounts.set_password(
                session,
                args.name,
                password,
                actor=_actor(workspace, args).username,
            )
        except accounts.AccountError as exc:
            raise CliError(str(exc), field=exc.field) from exc
    say(f"Kata sandi {args.name} diganti")
    return EXIT_OK


# --- register import ------------------------------------------------------------------------------


def import_register(args: argparse.Namespace) -> int:
    from ltsa_desk.services.import_register import import_register as run_import
    from ltsa_desk.services.register_file import RegisterFileError

    source = Path(args.file)
    if source.is_dir():
        raise CliError(f"{source} adalah folder, bukan berkas register", field="file")
    if not source.is_file():
        raise CliError(f"Berkas tidak ditemukan: {source}", field="file")
    rejects = Path(args.rejects) if args.rejects else None
    if rejects is not None:
        # Checked before anything is imported: a failure after the commit would lose the reasons.
        if rejects.is_dir() or not rejects.parent.is_dir():
            why = "itu folder" if rejects.is_dir() else f"folder {rejects.parent} tidak ada"
            raise CliError(
                f"Berkas penolakan tidak bisa ditulis di {rejects}: {why}", field="rejects"
            )
        if rejects.resolve() == source.resolve():
            raise CliError(
                "Berkas penolakan tidak boleh sama dengan berkas register", field="rejects"
            )
    with _workspace(args) as workspace:
        actor = _actor(workspace, args)

        def progress(done: int, total: int) -> None:
            say(f"{done}/{total} baris diproses")

        try:
            report = run_import(
                workspace.database.write_session,
                source,
                actor,
                rejects_path=rejects,
                progress=progress,
            )
        except RegisterFileError as exc:
            raise CliError(f"{source.name}: {exc}", field="file") from exc
    notice = report.notice()
    if notice:
        say(notice)
    if args.json:
        extra = {"notice": notice, "rejects_error": report.rejects_error}
        emit_json({**report.as_dict(), **{k: v for k, v in extra.items() if v}})
    else:
        say(
            f"Diimpor {report.imported}, dilewati {report.skipped}, ditolak {report.rejected}, "
            f"peringatan {report.warnings}"
        )
    if report.rejects_error is not None:
        for row_number, reason in report.reasons:
            say(f"Baris {row_number}: {reason}")
        say(f"ltsa-desk: {report.rejects_error}")
        return EXIT_PROBLEMS
    if report.rejects_path is not None:
        say(f"Baris yang ditolak ditulis ke {report.rejects_path}")
    return EXIT_OK


# --- applicants -----------------------------------------------------------------------------------


def _get_applicant(session: Any, key: str) -> Any:
    try:
        return get_by_key(session, key)
    except ApplicantNotFound as exc:
        raise CliError(str(exc), field="key") from exc


def applicant_list(args: argparse.Namespace) -> int:
    from ltsa_desk.services.applicants import list_applicants

    with _workspace(args) as workspace, workspace.database.session() as session:
        rows = [
            applicant_dict(session, a)
            for a in list_applicants(session, text=args.search, limit=args.limit)
        ]
    if args.json:
        emit_json({"applicants": rows})
    else:
        for row in rows:
            print(f"{row['tracking_code']:<24} {row['nik']} {row['full_name']:<30} {row['state']}")
        say(f"{len(rows)} CPMI")
    return EXIT_OK


def applicant_show(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace, workspace.database.session() as session:
        row = applicant_dict(session, _get_applicant(session, args.key))
    if args.json:
        emit_json({"applicant": row})
    else:
        for key, value in row.items():
            print(f"{key:<24} {'' if value is None else value}")
    return EXIT_OK


def _parse_assignments(assignments: list[str]) -> dict[str, str]:
    from ltsa_desk.services.validation import FIELDS

    changes: dict[str, str] = {}
    for text in assignments:
        name, sep, value = text.partition("=")
        name = name.strip()
        if not sep or not name:
            raise CliError(f"--set harus berbentuk FIELD=VALUE (bukan {text!r})", field="set")
        if name not in FIELDS:
            raise CliError(
                f"Kolom tidak dikenal: {name} (yang bisa: {', '.join(FIELDS)})", field=name
            )
        changes[name] = value
    return changes


def applicant_update(args: argparse.Namespace) -> int:
    from ltsa_desk.services.intake import (
        ApplicantClosed,
        DuplicateNik,
        WarningsNotConfirmed,
        update_applicant,
    )
    from ltsa_desk.services.validation import ValidationFailed

    changes = _parse_assignments(args.assignments)
    with _workspace(args) as workspace:
        actor = _actor(workspace, args)
        with workspace.database.write_session() as session:
            applicant = _get_applicant(session, args.key)
            try:
                update_applicant(
                    session, applicant, changes, actor, confirm_warnings=args.confirm_warnings
                )
            except ValidationFailed as exc:
                field = next(iter(exc.errors), None)
                raise CliError(str(exc), field=field) from exc
            except WarningsNotConfirmed as exc:
                raise CliError(f"{exc} (ulangi dengan --confirm-warnings)") from exc
            except (DuplicateNik, ApplicantClosed) as exc:
                raise CliError(str(exc)) from exc
            row = applicant_dict(session, applicant)
    if args.json:
        emit_json({"applicant": row})
    else:
        say(f"{row['tracking_code']} diperbarui")
    return EXIT_OK


def applicant_cancel(args: argparse.Namespace) -> int:
    from ltsa_desk.domain.workflow import IllegalTransition
    from ltsa_desk.services.intake import cancel_applicant
    from ltsa_desk.services.validation import ValidationFailed

    with _workspace(args) as workspace:
        actor = _actor(workspace, args)
        with workspace.database.write_session() as session:
            applicant = _get_applicant(session, args.key)
            try:
                cancel_applicant(session, applicant, args.reason, actor)
            except (ValidationFailed, IllegalTransition) as exc:
                raise CliError(str(exc)) from exc
            row = applicant_dict(session, applicant)
    if args.json:
        emit_json({"applicant": row})
    else:
        say(f"{row['tracking_code']} dibatalkan")
    return EXIT_OK


def _passport_keys(args: argparse.Namespace) -> list[str]:
    """The CPMI named on the command line, then those of --from-file, in that order."""
    from ltsa_desk.services.group_actions import read_keys

    keys = read_keys(args.keys)
    if args.from_file:
        try:
            if args.from_file == "-":
                keys += read_keys(sys.stdin)
            else:
                keys += read_keys(Path(args.from_file).read_text(encoding="utf-8-sig").splitlines())
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(
                f"Berkas {args.from_file} tidak terbaca: {exc}", field="from_file"
            ) from exc
    if not keys:
        raise CliError(
            "Sebutkan NIK atau kode pelacakan CPMI, atau --from-file BERKAS", field="key"
        )
    return keys


def applicant_request_passport(args: argparse.Namespace) -> int:
    """One CPMI as before (a refusal exits 2); several, or --from-file, as a group action."""
    keys = _passport_keys(args)
    if len(keys) == 1 and not args.from_file:
        return _request_one_passport(args, keys[0])
    from ltsa_desk.services.group_actions import request_passports

    with _workspace(args) as workspace:
        actor = _actor(workspace, args)
        outcomes = request_passports(
            workspace.database,
            keys,
            actor,
            require_recommendation=bool(workspace.config.get("workflow.require_recommendation")),
        )
    requested = sum(1 for outcome in outcomes if outcome.ok)
    refused = len(outcomes) - requested
    if args.json:
        emit_json(
            {
                "results": [outcome.as_dict() for outcome in outcomes],
                "requested": requested,
                "refused": refused,
            }
        )
    for outcome in outcomes:
        if not outcome.ok:
            who = f"{outcome.tracking_code} ({outcome.full_name})" if outcome.tracking_code else ""
            say(f"Ditolak {outcome.key} {who}: {outcome.reason}".replace("  ", " "))
    say(
        f"{requested} permohonan paspor dicatat dan menunggu dikirim ke imigrasi; {refused} ditolak"
    )
    return EXIT_PROBLEMS if refused else EXIT_OK


def _request_one_passport(args: argparse.Namespace, key: str) -> int:
    from ltsa_desk.domain.workflow import IllegalTransition
    from ltsa_desk.services.intake import request_passport
    from ltsa_desk.services.validation import ValidationFailed

    with _workspace(args) as workspace:
        actor = _actor(workspace, args)
        require = bool(workspace.config.get("workflow.require_recommendation"))
        with workspace.database.write_session() as session:
            applicant = _get_applicant(session, key)
            try:
                request_passport(session, applicant, actor, require_recommendation=require)
            except IllegalTransition as exc:
                raise CliError(str(exc), field="state") from exc
            except ValidationFailed as exc:  # old data immigration would refuse (its contract)
                raise CliError(str(exc), field=next(iter(exc.errors), None)) from exc
            row = applicant_dict(session, applicant)
    if args.json:
        emit_json({"applicant": row})
    else:
        say(f"Permohonan paspor {row['tracking_code']} dicatat dan menunggu dikirim ke imigrasi")
    return EXIT_OK


# --- credentials and sync -------------------------------------------------------------------------


def credentials_set(args: argparse.Namespace) -> int:
    from ltsa_desk.services.sync_setup import clear_pause
    from sync.credentials import NoKeyring, set_token

    if args.destination == "bundle":  # an office secret, not a destination: no pause to lift
        from ltsa_desk.verbs_admin import credentials_set_bundle

        return credentials_set_bundle(args)
    if args.destination == "database":  # the office server's password: asked before opening it
        from ltsa_desk.verbs_shared import credentials_set_database

        return credentials_set_database(args)
    if not args.token_stdin:
        raise CliError("Token dibaca dari stdin: ulangi dengan --token-stdin", field="token")
    token = read_stdin_line("Token").strip()
    if not token:
        raise CliError("Token kosong", field="token")
    with _workspace(args) as workspace:
        try:
            url = workspace.config.get(f"{args.destination}.url") or None
            set_token(args.destination, workspace.config.office_code, token, url=url)
        except NoKeyring as exc:
            raise CliError(str(exc)) from exc
        clear_pause(workspace.database, args.destination)
    say(f"Token {args.destination} disimpan di keyring")
    return EXIT_OK


def sync_status(args: argparse.Namespace) -> int:
    from ltsa_desk.services.sync_status import status

    with _workspace(args) as workspace:
        result = status(workspace.config, workspace.database)
    if args.json:
        emit_json(result)
    else:
        for name, row in result.items():
            if name == "totals":
                continue
            line = "Online" if row["online"] else f"Offline sejak {row['offline_since'] or '-'}"
            if not row["configured"]:
                line = "belum diatur (URL kosong)"
            if row["paused"]:
                line = f"Ditunda - hubungi teknisi ({row['paused_reason']})"
            print(
                f"{name:<12} {line}; menunggu {row['pending']}, dikirim {row['in_flight']}, "
                f"perlu tindakan {row['needs_attention']}, terkirim {row['delivered']}"
            )
    return EXIT_OK


def _sync_exit_code(result: dict[str, Any]) -> int:
    from ltsa_desk.cli import EXIT_ATTENTION, EXIT_PENDING

    totals = result["totals"]
    paused = any(row["paused"] for name, row in result.items() if name != "totals")
    if totals["needs_attention"] or paused:
        return EXIT_ATTENTION
    if totals["pending"] or totals["in_flight"]:
        return EXIT_PENDING
    return EXIT_OK


def sync_run(args: argparse.Namespace) -> int:
    from ltsa_desk.services.sync_setup import build_engine, status

    with _workspace(args) as workspace:
        engine = build_engine(workspace.config, workspace.database)
        if not engine.workers:
            say("Belum ada tujuan yang diatur (registry.url / immigration.url)")
        if args.until_empty:
            finished = engine.run_until_empty(args.timeout)
            if not finished:
                say(f"Batas waktu {args.timeout:g} detik habis; sisa kiriman tetap menunggu")
        else:
            engine.run_pass()
            engine.stop()
        result = status(workspace.config, workspace.database)
    if args.json:
        emit_json(result)
    else:
        totals = result["totals"]
        say(
            f"Terkirim {totals['delivered']}, menunggu {totals['pending'] + totals['in_flight']}, "
            f"perlu tindakan {totals['needs_attention']}"
        )
    return _sync_exit_code(result)


def sync_retry(args: argparse.Namespace) -> int:
    from sync import outbox

    with _workspace(args) as workspace, workspace.database.write_session() as session:
        try:
            count = outbox.retry(session, None if args.all else args.item)
        except outbox.OutboxError as exc:
            raise CliError(str(exc), field="item") from exc
        session.commit()
    if args.json:
        emit_json({"requeued": count})
    else:
        say(f"{count} kiriman diantrekan ulang")
    return EXIT_OK


def sync_list(args: argparse.Namespace) -> int:
    from sqlmodel import col, select

    from sync import ledger, outbox
    from sync.models import OutboxItem

    with _workspace(args) as workspace, workspace.database.session() as session:
        statement = select(OutboxItem).order_by(col(OutboxItem.seq).desc()).limit(args.limit)
        if args.state == "paused":
            paused = [
                name
                for name in ("registry", "immigration")
                if ledger.read_destination(workspace.database.engine, name).paused
            ]
            statement = statement.where(
                col(OutboxItem.destination).in_(paused),
                col(OutboxItem.state).in_(["pending", "in_flight"]),
            )
        elif args.state:
            statement = statement.where(OutboxItem.state == args.state)
        items = [outbox.item_dict(item) for item in session.exec(statement).all()]
    if args.json:
        emit_json({"items": items})
    else:
        from sync.destinations.contract import reason_in_indonesian

        for item in items:  # the remote's reason in the officer's language (JSON keeps it raw)
            print(
                f"{item['key']}  {item['destination']:<11} {item['kind']:<16} {item['state']:<16}"
                f" {reason_in_indonesian(item['last_error']) or ''}"
            )
    return EXIT_OK
