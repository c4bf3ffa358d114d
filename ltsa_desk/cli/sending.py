"""`ltsa-desk sync status|run|retry|list`: the queue of submissions to the remote systems.

Named ``sending`` so it is not mistaken for the top-level ``sync`` package (the engine), which it
drives through ``services.sync_status`` and ``services.sync_setup``. `sync status` runs from the
window and the scheduled task, so this module loads no engine until `sync run` needs it, and
`sync status` reads a lone counter through the database driver alone (the start-up of `sync
status` is a measured figure, benchmarks/bench_startup.py). `sync retry` goes
through the sync screen's service (``services.sync_queue``), `sync list` through
``services.sync_items``.
"""

from __future__ import annotations

import argparse
from typing import Any

from ltsa_desk.cli.output import (
    EXIT_ATTENTION,
    EXIT_OK,
    EXIT_PENDING,
    CliError,
    emit_json,
    say,
)
from ltsa_desk.services.sync_status_quick import quick_status

# The counter's full opening (``context``: SQLAlchemy, SQLModel) and the services that use it are
# imported in the verbs below: `sync status` reads a lone counter through the driver alone
# (``quick_status``) and needs them only where that read is not possible (issue 19).


def sync_status(args: argparse.Namespace) -> int:
    result = quick_status(args.data_dir)
    if result is None:  # a shared office, a schema to migrate, a key to show...: the full way
        from ltsa_desk.cli.context import open_counter
        from ltsa_desk.services.sync_status import status

        with open_counter(args) as workspace:
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
    totals = result["totals"]
    paused = any(row["paused"] for name, row in result.items() if name != "totals")
    if totals["needs_attention"] or paused:
        return EXIT_ATTENTION
    if totals["pending"] or totals["in_flight"]:
        return EXIT_PENDING
    return EXIT_OK


def sync_run(args: argparse.Namespace) -> int:
    # Imported here for start-up time: the engine (HTTP, the destinations' rules) is for
    # `sync run` only; `sync status`, started by the window and the scheduled task, needs none.
    from ltsa_desk.cli.context import open_counter
    from ltsa_desk.services.sync_setup import build_engine
    from ltsa_desk.services.sync_status import status

    with open_counter(args) as workspace:
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
    # Imported here for start-up time: the sync screen's service loads the HTTP client and the
    # destinations (~0.2 s), which `sync status` in this module must not pay.
    from ltsa_desk.cli.context import open_counter
    from ltsa_desk.services.sync_queue import OutboxError, retry_item

    with open_counter(args) as workspace:
        try:
            count = retry_item(workspace, None if args.all else args.item)
        except OutboxError as exc:
            raise CliError(str(exc), field="item") from exc
    if args.json:
        emit_json({"requeued": count})
    else:
        say(f"{count} kiriman diantrekan ulang")
    return EXIT_OK


def sync_list(args: argparse.Namespace) -> int:
    from ltsa_desk.cli.context import open_counter
    from ltsa_desk.services.sync_items import list_items, reason_in_words

    with open_counter(args) as workspace:
        items = list_items(workspace, args.state, args.limit)
    if args.json:
        emit_json({"items": items})
    else:
        for item in items:
            print(
                f"{item['key']}  {item['destination']:<11} {item['kind']:<16} {item['state']:<16}"
                f" {reason_in_words(item['last_error'])}"
            )
    return EXIT_OK
