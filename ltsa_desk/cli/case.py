"""Changing a CPMI's case from the command line: `applicant update`, `applicant cancel` and
`applicant request-passport` (one CPMI, several, a file of them, or an admin's skip of the order).

Update, cancel, request the passport and skip the order are the operations the window runs
(``operations.corrections``, ``operations.case``), so the rules, the office's flags and the
history are the same; this module turns their refusals into the command's exit codes and fields.
A group of CPMI goes through ``services.group_actions``, which calls the same service per CPMI.

`request-passport` without ``--skip-order`` is the ordinary request: the passport only from
"Direkomendasikan" (or "Dokumen lengkap" in an office that set
``workflow.require_recommendation = false``). With it, an admin records the request for a case
that cannot follow the order (a case moved in from an old register whose papers are in a paper
file) through ``services.case_order.skip_order``, the same function the window's "Lewati
urutan..." calls: the reason lands in the audit log and the case's history (issue 16, item 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ltsa_desk.cli.context import (
    acting_account,
    applicant_row,
    open_counter,
    refused_as_cli_error,
)
from ltsa_desk.cli.output import EXIT_OK, EXIT_PROBLEMS, CliError, emit_json, say
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.operations import case, corrections
from ltsa_desk.services.group_actions import read_keys, request_passports
from ltsa_desk.services.intake import DuplicateNik, WarningsNotConfirmed
from ltsa_desk.services.validation import FIELDS, ValidationFailed


def _parse_assignments(assignments: list[str]) -> dict[str, str]:
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
    changes = _parse_assignments(args.assignments)
    with open_counter(args) as workspace:
        actor = acting_account(workspace, args)
        try:
            with refused_as_cli_error():
                corrected = corrections.correct_record(
                    workspace, actor, args.key, changes, confirm_warnings=args.confirm_warnings
                )
        except ValidationFailed as exc:
            field = next(iter(exc.errors), None)
            raise CliError(str(exc), field=field) from exc
        except WarningsNotConfirmed as exc:
            raise CliError(f"{exc} (ulangi dengan --confirm-warnings)") from exc
        except DuplicateNik as exc:
            raise CliError(str(exc)) from exc
        row = applicant_row(workspace, corrected.applicant_id)
    if args.json:
        emit_json({"applicant": row})
    else:
        say(f"{row['tracking_code']} diperbarui")
    return EXIT_OK


def applicant_cancel(args: argparse.Namespace) -> int:
    with open_counter(args) as workspace:
        actor = acting_account(workspace, args)
        with refused_as_cli_error():
            applicant_id = case.cancel_case(workspace, actor, args.key, args.reason)
        row = applicant_row(workspace, applicant_id)
    if args.json:
        emit_json({"applicant": row})
    else:
        say(f"{row['tracking_code']} dibatalkan")
    return EXIT_OK


# --- request-passport ------------------------------------------------------------------------


def applicant_request_passport(args: argparse.Namespace) -> int:
    """The request-passport verb: the ordinary request, or an admin's skip with a reason."""
    reason = args.reason
    if not args.skip_order:
        if reason is not None:
            raise CliError(
                "--reason hanya dipakai bersama --skip-order (admin melewati urutan kasus)",
                field="reason",
            )
        return _request_passports(args)
    if len(args.keys) != 1 or args.from_file:
        raise CliError(
            "--skip-order untuk satu CPMI saja: sebutkan satu NIK atau kode pelacakan",
            field="keys",
        )
    if reason is None or not reason.strip():
        raise CliError(
            '--skip-order perlu --reason "ALASAN" (mis. pindahan dari register lama)',
            field="reason",
        )
    return _skip_to_passport(args, args.keys[0], reason)


def _skip_to_passport(args: argparse.Namespace, key: str, reason: str) -> int:
    with open_counter(args) as workspace:
        actor = acting_account(workspace, args)
        with refused_as_cli_error():
            applicant_id = case.skip_order(
                workspace, actor, key, CaseState.PASSPORT_REQUESTED, reason
            )
        row = applicant_row(workspace, applicant_id)
    if args.json:
        emit_json({"applicant": row, "skipped_order": True, "reason": " ".join(reason.split())})
    else:
        say(
            f"Permohonan paspor {row['tracking_code']} dicatat dengan melewati urutan (alasan di "
            "riwayat) dan menunggu dikirim ke imigrasi"
        )
    return EXIT_OK


def _passport_keys(args: argparse.Namespace) -> list[str]:
    """The CPMI named on the command line, then those of --from-file, in that order."""
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


def _request_passports(args: argparse.Namespace) -> int:
    """One CPMI as before (a refusal exits 2); several, or --from-file, as a group action."""
    keys = _passport_keys(args)
    if len(keys) == 1 and not args.from_file:
        return _request_one_passport(args, keys[0])
    with open_counter(args) as workspace:
        actor = acting_account(workspace, args)
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
    with open_counter(args) as workspace:
        actor = acting_account(workspace, args)
        with refused_as_cli_error():
            applicant_id = case.request_passport(workspace, actor, key)
        row = applicant_row(workspace, applicant_id)
    if args.json:
        emit_json({"applicant": row})
    else:
        say(f"Permohonan paspor {row['tracking_code']} dicatat dan menunggu dikirim ke imigrasi")
    return EXIT_OK
