"""The USB bundle: `sync export-bundle`, `sync upload-bundle`, `sync import-receipts`, and
`credentials set bundle` (the office's bundle secret, the same on every machine).

The work lives in ``services.bundles``. As with every verb, refusals exit 2 with a plain message
(and `{"error": ...}` with --json), and nothing is changed by a refused command.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ltsa_desk.cli.context import acting_account, open_counter
from ltsa_desk.cli.output import (
    EXIT_ATTENTION,
    EXIT_OK,
    EXIT_PENDING,
    CliError,
    emit_json,
    read_stdin_line,
    say,
)
from ltsa_desk.services import bundles

# --- the bundle secret ----------------------------------------------------------------------------


def credentials_set_bundle(args: argparse.Namespace) -> int:
    """`credentials set bundle`: the office's bundle secret, the same on every machine."""
    if not args.token_stdin:
        raise CliError(
            "Rahasia bundel dibaca dari stdin: ulangi dengan --token-stdin", field="token"
        )
    secret = read_stdin_line("Rahasia bundel")
    with open_counter(args) as workspace:
        actor = acting_account(workspace, args)
        try:
            bundles.set_bundle_secret(workspace, secret, actor)
        except bundles.BundleError as exc:
            raise CliError(str(exc), field=exc.field) from exc
        office = workspace.config.office_code
    say(f"Rahasia bundel kantor {office} disimpan di keyring")
    return EXIT_OK


# --- the USB bundle -------------------------------------------------------------------------------


def sync_export_bundle(args: argparse.Namespace) -> int:
    out = Path(args.out)
    with open_counter(args) as workspace:
        actor = acting_account(workspace, args)
        try:
            report = bundles.export_bundle(workspace, out, actor)
        except bundles.BundleError as exc:
            raise CliError(str(exc), field=exc.field) from exc
    if args.json:
        emit_json(report.as_dict())
    elif report.items:
        parts = ", ".join(f"{name} {n}" for name, n in sorted(report.by_destination.items()))
        say(f"{report.items} kiriman ({parts}) ditulis ke {report.path}")
        say(
            "Kiriman ini tetap menunggu di loket ini dan tidak akan dikirim dua kali. Setelah "
            "diunggah, impor tanda terimanya: ltsa-desk sync import-receipts BERKAS"
        )
    else:
        say("Tidak ada kiriman yang bisa diekspor (semua terkirim, atau menunggu perbaikan)")
    return EXIT_OK


def sync_upload_bundle(args: argparse.Namespace) -> int:
    with open_counter(args) as workspace:
        actor = acting_account(workspace, args)

        def progress(done: int, total: int) -> None:
            say(f"{done}/{total} kiriman terkirim")

        try:
            report = bundles.upload_bundle(
                workspace,
                Path(args.file),
                Path(args.receipts),
                actor,
                timeout_s=args.timeout,
                progress=None if args.json else progress,
            )
        except bundles.BundleError as exc:
            raise CliError(str(exc), field=exc.field) from exc
    if args.json:
        emit_json(report.as_dict())
    else:
        say(
            f"Bundel {report.bundle_id} dari kantor {report.origin_office} "
            f"loket {report.origin_counter or '-'}: terkirim {report.delivered}, "
            f"ditolak {report.refused}, belum terkirim {report.waiting} dari {report.items}"
        )
        say(f"Tanda terima ditulis ke {report.receipts_path}; bawa kembali ke loket asal.")
    if report.refused:
        return EXIT_ATTENTION
    if report.waiting:
        return EXIT_PENDING
    return EXIT_OK


def sync_import_receipts(args: argparse.Namespace) -> int:
    with open_counter(args) as workspace:
        actor = acting_account(workspace, args)
        try:
            report = bundles.import_receipts(workspace, Path(args.file), actor)
        except bundles.BundleError as exc:
            raise CliError(str(exc), field=exc.field) from exc
    if args.json:
        emit_json(report.as_dict())
    else:
        applied = report.applied
        say(
            f"Tanda terima bundel {report.bundle_id}: {applied.delivered} kiriman kini terkirim, "
            f"{applied.already_delivered} sudah terkirim sebelumnya, {applied.refused} ditolak "
            f"(perlu tindakan), {applied.still_waiting} masih menunggu, "
            f"{applied.skipped} dilewati"
        )
    return EXIT_OK
