"""`ltsa-desk import-register FILE`: an office's existing register (CSV or XLSX) brought in.

The work is ``services.import_register`` (the same as the window's import screen); the verb checks
the paths first, so a refused rejects file costs nothing, and exits 1 when the rejected rows'
reasons could not be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ltsa_desk.cli.context import acting_account, open_counter
from ltsa_desk.cli.output import EXIT_OK, EXIT_PROBLEMS, CliError, emit_json, say
from ltsa_desk.services.import_register import import_register as run_import
from ltsa_desk.services.register_file import RegisterFileError


def import_register(args: argparse.Namespace) -> int:
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
    with open_counter(args) as workspace:
        actor = acting_account(workspace, args)

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
