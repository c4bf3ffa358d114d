"""The technician's care verbs: doctor, backup, restore, support-bundle and credentials test.

The work is in ``ltsa_desk.technician`` (``doctor``, ``backup``, ``support``,
``connection_test``). Exit codes follow the command's rule: 0 done, 1 a check found problems (a
damaged archive, a failed connection test, an unhealthy doctor), 2 a refusal (bad input, the app
is running, no confirmation).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ltsa_desk.cli.context import authenticate, authenticate_folder
from ltsa_desk.cli.output import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_PROBLEMS,
    CliError,
    emit_json,
    read_stdin_line,
    say,
)
from ltsa_desk.counter.config import Config, ConfigError
from ltsa_desk.counter.workspace import open_workspace
from ltsa_desk.operations.counter_records import record_counter_move
from ltsa_desk.services.counter_start import DatabaseProblem
from ltsa_desk.technician.backup import (
    BackupError,
    DataFolderBusy,
    IntegrityProblem,
    commit_restore,
    current_counter,
    hold_for_restore,
    make_backup,
    stage_restore,
)
from ltsa_desk.technician.connection_test import check_all
from ltsa_desk.technician.doctor import WARNING, healthy, run_checks
from ltsa_desk.technician.support import make_support_bundle

log = logging.getLogger(__name__)


# --- doctor ---------------------------------------------------------------------------------------


def doctor(args: argparse.Namespace) -> int:
    """Every check; warning-level failures (a destination offline) are shown but do not fail."""
    checks = run_checks(args.data_dir)
    ok = healthy(checks)
    if args.json:
        emit_json(
            {
                "ok": ok,
                "data_dir": str(args.data_dir),
                "warnings": [c.name for c in checks if not c.ok and c.severity == WARNING],
                "checks": [check.as_dict() for check in checks],
            }
        )
    else:
        for check in checks:
            if check.ok:
                mark = "OK   "
            elif check.severity == WARNING:
                mark = "AWAS "
            else:
                mark = "GAGAL"
            print(f"[{mark}] {check.name}: {check.detail}")
    return EXIT_OK if ok else EXIT_PROBLEMS


# --- backup and restore ---------------------------------------------------------------------------


def backup(args: argparse.Namespace) -> int:
    authenticate_folder(args)
    config = Config.load(args.data_dir)
    out = Path(args.out).expanduser() if args.out else None
    if out is not None and out.exists() and not out.is_dir():
        raise CliError(f"{out} bukan folder; --out menyebut folder tujuan cadangan", field="out")
    try:
        result = make_backup(config, out)
    except IntegrityProblem as exc:
        raise CliError(str(exc), code=EXIT_PROBLEMS) from exc
    except (BackupError, DatabaseProblem) as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        emit_json({"backup": result.as_dict()})
    else:
        counts = result.counts
        say(
            f"Cadangan dibuat: {result.path} ({result.size_bytes / 1_048_576:.1f} MB; "
            f"{counts.get('applicants', 0)} CPMI, {result.attachments} lampiran)"
        )
        for old in result.removed:
            say(
                f"Cadangan lama dihapus (disimpan {config.get('backup.keep')} terakhir): {old.name}"
            )
    return EXIT_OK


def _read_recovery_key(args: argparse.Namespace) -> str | None:
    if getattr(args, "recovery_key", None):
        return str(args.recovery_key)
    if getattr(args, "recovery_key_stdin", False):
        return read_stdin_line(
            "Kunci pemulihan", field="recovery_key", allow_empty=False, strip=True
        )
    return None


def _confirm(question: str) -> bool:
    """Asked on the terminal only (stderr, so stdout stays clean); 'ya' or 'yes' proceeds."""
    sys.stderr.write(question)
    sys.stderr.flush()
    answer = sys.stdin.readline()
    return answer.strip().lower() in {"ya", "y", "yes"}


def restore(args: argparse.Namespace) -> int:
    """Replace this folder's data with a backup: checked first, the old data kept aside."""
    source = Path(args.file).expanduser()
    if not source.is_file():
        raise CliError(f"Berkas cadangan tidak ditemukan: {source}", field="file")
    interactive = sys.stdin.isatty()
    if not args.yes and not interactive:
        raise CliError(
            "Pemulihan mengganti data loket ini, jadi perlu konfirmasi: jalankan di terminal, "
            "atau tambahkan --yes dalam skrip. Tidak ada yang diubah."
        )
    if args.recovery_key_stdin and not args.yes and interactive:
        raise CliError(
            "--recovery-key-stdin memakai stdin, jadi tidak bisa bertanya di terminal: tambahkan "
            "--yes, atau pakai --recovery-key"
        )
    actor = _restore_actor(args)
    recovery = _read_recovery_key(args)
    data_dir: Path = args.data_dir
    try:
        lock = hold_for_restore(data_dir)
    except DataFolderBusy as exc:
        raise CliError(
            f"{exc.message_id} Pemulihan ditolak selama LTSA Desk berjalan; tidak ada yang diubah."
        ) from exc
    try:
        try:
            moved_from = current_counter(data_dir)
            staged = stage_restore(data_dir, source, recovery_key=recovery, move=args.move)
        except IntegrityProblem as exc:
            raise CliError(str(exc), code=EXIT_PROBLEMS) from exc
        except BackupError as exc:
            raise CliError(str(exc)) from exc
        info = staged.archive
        counts = staged.counts
        summary = (
            f"Cadangan {source.name}: kantor {info.office_code} loket {info.counter_id}, dibuat "
            f"{info.created_at} (UTC); {counts.get('applicants', 0)} CPMI, "
            f"{info.counts.get('attachments', 0)} lampiran, "
            f"{staged.marked} kiriman belum terkirim.\n"
            "Arsip utuh (hash sha256 cocok dengan manifest) dan basis data lolos pemeriksaan "
            "integritas dengan kuncinya."
        )
        say(summary)
        if not args.yes:
            current = _current_counter(data_dir)
            question = (
                f"Data di {data_dir}{current} akan DIGANTI dengan isi cadangan ini; data yang "
                "sekarang dipindahkan ke folder replaced-<waktu> di sana (tidak dihapus).\n"
                "Ketik 'ya' untuk memulihkan: "
            )
            if not _confirm(question):
                staged.discard()
                say("Dibatalkan; tidak ada yang diubah.")
                return EXIT_BAD_INPUT
        try:
            result = commit_restore(staged)
        except (BackupError, DatabaseProblem) as exc:
            raise CliError(str(exc)) from exc
        except OSError as exc:  # a file in use (Windows): every move was undone
            raise CliError(
                f"Pemulihan gagal, data lama dikembalikan ke tempatnya: {exc}. Tutup program "
                "yang memakai folder data (mis. tugas sinkronisasi terjadwal) lalu ulangi."
            ) from exc
    finally:
        lock.release()
    if moved_from and moved_from != (staged.archive.office_code, staged.archive.counter_id):
        _audit_move(
            data_dir, moved_from, staged.archive.office_code, staged.archive.counter_id, actor
        )
    if args.json:
        emit_json({"restore": result.as_dict()})
    say(
        f"Dipulihkan dari {source.name}."
        + (f" Data lama disimpan di {result.replaced_dir}." if result.replaced_dir else "")
        + f" {result.marked} kiriman yang belum terkirim akan ditanyakan dulu ke server tujuan "
        "sebelum dikirim ulang (tidak dikirim ganda)."
        + (" Kunci basis data disimpan di keyring akun ini." if result.key_from_recovery else "")
    )
    return EXIT_OK


def _restore_actor(args: argparse.Namespace) -> str | None:
    """The account that may replace this folder's data (admin or technician of the data being
    replaced), checked before anything is read or moved.

    A folder whose database does not open here (a new PC, a lost key: the case a restore is
    for) or has no account yet has nobody to ask: free then, as the other set-up verbs, and the
    old data, if any, stays in replaced-<time>/.
    """
    if not (args.data_dir / "config.toml").is_file():
        return None
    try:
        workspace = open_workspace(args.data_dir)
    except (ConfigError, DatabaseProblem):
        return None
    try:
        actor = authenticate(workspace, args)
    finally:
        workspace.close()
    return actor.username if actor is not None else None


def _audit_move(
    data_dir: Path,
    before: tuple[str, str],
    office: str,
    counter: str,
    actor_name: str | None,
) -> None:
    """The move in the restored register's audit log (operations.counter_records)."""
    workspace = open_workspace(data_dir)
    try:
        record_counter_move(workspace, before, (office, counter), actor_name)
    finally:
        workspace.close()


def _current_counter(data_dir: Path) -> str:
    try:
        config = Config.load(data_dir, verify=False)  # only words for the question
    except Exception:
        return ""
    return f" (kantor {config.office_code} loket {config.counter_id})"


# --- support --------------------------------------------------------------------------------------


def support_bundle(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if out.is_dir():
        raise CliError(
            f"{out} adalah folder; sebutkan nama berkas, misalnya bundel.zip", field="out"
        )
    result = make_support_bundle(args.data_dir, out)
    if args.json:
        emit_json({"bundle": result.as_dict()})
    else:
        say(
            f"Bundel dukungan dibuat: {result.path} ({len(result.members)} berkas). Tanpa NIK, "
            "nama, token atau kunci; kirimkan ke helpdesk."
        )
    return EXIT_OK


# --- credentials ----------------------------------------------------------------------------------


def credentials_test(args: argparse.Namespace) -> int:
    """DNS, TLS, connection, path and token of each destination: the first layer that fails."""
    config = Config.load(args.data_dir)
    results = check_all(config, timeout=args.timeout)
    ok = all(r.ok for r in results)
    if args.json:
        emit_json({"ok": ok, "destinations": [r.as_dict() for r in results]})
    else:
        for r in results:
            mark = "OK   " if r.ok else "GAGAL"
            print(f"[{mark}] {r.destination} {r.url or '-'}: {r.detail}")
    return EXIT_OK if ok else EXIT_PROBLEMS
