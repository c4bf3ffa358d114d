"""`ltsa-desk applicant request-passport KEY --skip-order --reason TEXT`: an admin's skip of the
case order (issue 16, item 2).

Without ``--skip-order`` the verb is the ordinary one (``verbs.applicant_request_passport``): the
passport is requested only from "Direkomendasikan" (or "Dokumen lengkap" in an office that set
``workflow.require_recommendation = false``). With it, an admin records the request for a case
that cannot follow the order (a case moved in from an old register whose papers are in a paper
file) through ``services.case_order.skip_order``, the same function the window's "Lewati
urutan..." calls: the reason lands in the audit log and the case's history.
"""

from __future__ import annotations

import argparse

from ltsa_desk.cli import EXIT_OK, CliError, emit_json, say


def applicant_request_passport(args: argparse.Namespace) -> int:
    """The request-passport verb: the ordinary request, or an admin's skip with a reason."""
    from ltsa_desk import verbs

    reason = args.reason
    if not args.skip_order:
        if reason is not None:
            raise CliError(
                "--reason hanya dipakai bersama --skip-order (admin melewati urutan kasus)",
                field="reason",
            )
        return verbs.applicant_request_passport(args)
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
    from ltsa_desk.domain.workflow import CaseState, IllegalTransition
    from ltsa_desk.services.applicants import applicant_dict
    from ltsa_desk.services.case_order import NotPermitted, skip_order
    from ltsa_desk.services.validation import ValidationFailed
    from ltsa_desk.verbs import _actor, _get_applicant, _workspace

    with _workspace(args) as workspace:
        actor = _actor(workspace, args)
        with workspace.database.write_session() as session:
            applicant = _get_applicant(session, key)
            try:
                skip_order(session, applicant, CaseState.PASSPORT_REQUESTED, actor, reason)
            except NotPermitted as exc:
                raise CliError(str(exc), field="as") from exc
            except IllegalTransition as exc:
                raise CliError(str(exc), field="state") from exc
            except ValidationFailed as exc:  # no reason, or data immigration's contract refuses
                raise CliError(str(exc), field=next(iter(exc.errors), None)) from exc
            row = applicant_dict(session, applicant)
    if args.json:
        emit_json({"applicant": row, "skipped_order": True, "reason": " ".join(reason.split())})
    else:
        say(
            f"Permohonan paspor {row['tracking_code']} dicatat dengan melewati urutan (alasan di "
            "riwayat) dan menunggu dikirim ke imigrasi"
        )
    return EXIT_OK
