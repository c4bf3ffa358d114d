"""`ltsa-desk applicant list|show`: finding and reading CPMI records.

Reading only, so the module loads no intake rules (the start-up of `applicant list` is one of the
measured figures, benchmarks/bench_startup.py); changing a case is ``case``.
"""

from __future__ import annotations

import argparse

from ltsa_desk.cli.context import find_applicant, open_counter
from ltsa_desk.cli.output import EXIT_OK, emit_json, say
from ltsa_desk.services.applicants import applicant_dict, list_applicants


def applicant_list(args: argparse.Namespace) -> int:
    with open_counter(args) as workspace, workspace.database.session() as session:
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
    with open_counter(args) as workspace, workspace.database.session() as session:
        row = applicant_dict(session, find_applicant(session, args.key))
    if args.json:
        emit_json({"applicant": row})
    else:
        for key, value in row.items():
            print(f"{key:<24} {'' if value is None else value}")
    return EXIT_OK
