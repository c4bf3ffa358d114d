"""`ltsa-desk config show`: the configuration as the file says it, sealed or not.

Apart from ``counter_setup`` (the other `config` verbs, `init`, `recover`) because it needs only
the configuration: that module opens counters and makes keys (SQLAlchemy, SQLModel, the
cryptography), which a technician's most frequent look at a counter must not load (issue 19,
benchmarks/bench_startup.py).
"""

from __future__ import annotations

import argparse

from ltsa_desk.cli.output import EXIT_OK, emit_json, say
from ltsa_desk.counter.config import Config, ConfigTampered


def config_show(args: argparse.Namespace) -> int:
    """Shows a changed file too (what `config accept` would seal), with the refusal on stderr."""
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
