"""`ltsa-desk gui`, and the command without a verb: the counter window."""

from __future__ import annotations

import argparse


def gui(args: argparse.Namespace) -> int:
    # Imported here for start-up time: Qt and the whole window cost most of a second, and looking
    # the handler up (the entry point, the handler-table test) must not pay it. Inside the verb, a
    # Qt that fails to load is also logged by main() like any other verb's failure.
    from ltsa_desk.ui.app import run_app

    return run_app(args.data_dir)
