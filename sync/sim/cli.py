"""``ltsa-sim``: start the reference server for the registry and immigration systems.

On start it prints one line per port to stdout (flushed), which is what scripts and
:mod:`sync.sim.process` parse to learn the ports when ``--port 0`` asked for free ones::

    ltsa-sim systems listening on http://127.0.0.1:8765
    ltsa-sim control listening on http://127.0.0.1:8766
    ltsa-sim registry URL: http://127.0.0.1:8765/registry
    ltsa-sim immigration URL: http://127.0.0.1:8765/immigration

SIGTERM and Ctrl+C (SIGINT; Ctrl+Break on Windows) stop it gracefully: in-flight requests finish,
the state file is checkpointed, exit status 0. ``POST /_sim/shutdown`` does the same over HTTP.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from collections.abc import Sequence

from .server import SimOptions, SimServer
from .store import StoreError

__all__ = ["build_parser", "main"]

TOKEN_ENV = "LTSA_SIM_TOKEN"


def _probability(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("must be from 0 to 1")
    return value


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be 0-65535 (0: pick a free port)")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="ltsa-sim",
        description="Reference server playing the CPMI registry and immigration (LTSA Desk).",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8765, help="systems port; 0 picks a free one")
    p.add_argument(
        "--control-port",
        type=_port,
        default=None,
        help="control port for /_sim/... (default: port+1, or a free one when --port 0)",
    )
    p.add_argument(
        "--token",
        default=os.environ.get(TOKEN_ENV),
        help=f"bearer token both systems accept (default: ${TOKEN_ENV})",
    )
    p.add_argument("--registry-token", default=None, help="separate token for the registry")
    p.add_argument("--immigration-token", default=None, help="separate token for immigration")
    p.add_argument("--state", required=True, help="SQLite file holding the simulator's state")
    p.add_argument("--fail-rate", type=_probability, default=0.0, help="random 5xx probability")
    p.add_argument("--latency-ms", type=_non_negative, default=0, help="delay per request")
    p.add_argument(
        "--drop-after-commit",
        type=_probability,
        default=0.0,
        help="probability of applying a request, then cutting the connection with no response",
    )
    p.add_argument(
        "--gateway-timeout-after-commit",
        type=_probability,
        default=0.0,
        help="probability of applying a request, then answering 504 as a gateway that gave up",
    )
    p.add_argument(
        "--no-idempotency",
        action="store_true",
        help="ignore Idempotency-Key and do not dedupe by client_reference",
    )
    p.add_argument("--offline", action="store_true", help="start with the systems port dark")
    p.add_argument(
        "--rate-limit-burst", type=_non_negative, default=0, help="next N requests get 429"
    )
    p.add_argument(
        "--rate-limit-retry-after", type=_non_negative, default=1, help="Retry-After seconds"
    )
    p.add_argument("--seed", type=int, default=None, help="seed for the fault dice")
    p.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])
    p.add_argument("--access-log", action="store_true", help="log every request to stderr")
    return p


def _install_signals(loop: asyncio.AbstractEventLoop, server: SimServer) -> None:
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        for name in ("SIGINT", "SIGBREAK"):
            signal.signal(getattr(signal, name), lambda *_: server.request_stop())
        return
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, server.request_stop)


def _announce(server: SimServer) -> None:
    offline = " (offline)" if server.runtime and server.runtime.faults.offline else ""
    print(f"ltsa-sim systems listening on {server.base_url}{offline}", flush=True)
    print(f"ltsa-sim control listening on {server.control_url}", flush=True)
    # What a technician pastes into the set-up wizard (registry.url, immigration.url).
    print(f"ltsa-sim registry URL: {server.base_url}/registry", flush=True)
    print(f"ltsa-sim immigration URL: {server.base_url}/immigration", flush=True)


async def _run(server: SimServer) -> None:
    _install_signals(asyncio.get_running_loop(), server)
    await server.serve(on_ready=_announce)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not args.token:
        print(f"ltsa-sim: error: --token (or ${TOKEN_ENV}) is required", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.access_log:
        logging.getLogger("uvicorn.access").setLevel(logging.INFO)
    options = SimOptions(
        state_path=args.state,
        token=args.token,
        host=args.host,
        port=args.port,
        control_port=args.control_port,
        registry_token=args.registry_token,
        immigration_token=args.immigration_token,
        fail_rate=args.fail_rate,
        latency_ms=args.latency_ms,
        drop_after_commit=args.drop_after_commit,
        gateway_timeout_after_commit=args.gateway_timeout_after_commit,
        no_idempotency=args.no_idempotency,
        offline=args.offline,
        rate_limit_burst=args.rate_limit_burst,
        rate_limit_retry_after=args.rate_limit_retry_after,
        seed=args.seed,
        access_log=args.access_log,
    )
    try:
        server = SimServer(options)
        asyncio.run(_run(server))
    except (StoreError, OSError, ValueError) as exc:
        print(f"ltsa-sim: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
