"""Run the simulator: two uvicorn-served ports whose listening sockets we own.

Why not ``uvicorn.Server.serve()``: "offline" must close the systems port and later reopen the
*same* port while the control port keeps answering, and ``drop_after_commit`` must abort one
specific connection. So each port is a :class:`_Listener` that binds its own socket, serves it
with uvicorn's h11 protocol class (``loop.create_server``), and keeps uvicorn's ``ServerState`` so
it can see and cut every open connection.

Offline, concretely: the listening socket is closed, every open connection on that port is
aborted (in-flight requests lose their response; what they already applied stays applied), and a
fresh socket is bound to the same port *without* listening, which keeps the port reserved while
the kernel refuses connections to it (clients get "connection refused" at once:
``httpx.ConnectError``).
Back online, that reserved socket starts listening again.

:class:`SimServer` runs in the caller's event loop (``await serve()``, the CLI) or in a thread of
its own (``start()``/``stop()`` or ``with SimServer(...)``, for in-process tests).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.server import ServerState

from .control_app import build_control_app
from .responses import PROTOCOL_STATE_KEY
from .runtime import Faults, SimRuntime
from .store import SYSTEMS, SimStore
from .systems_app import build_systems_app

__all__ = ["SimOptions", "SimServer"]

log = logging.getLogger("ltsa_sim")

_REBIND_ATTEMPTS = 100
_REBIND_PAUSE = 0.05


@dataclass
class SimOptions:
    """Start-up configuration (the CLI flags, as a Python object)."""

    state_path: Path | str
    token: str
    host: str = "127.0.0.1"
    port: int = 0
    #: None: ``port + 1``, or a free port when ``port`` is 0.
    control_port: int | None = None
    registry_token: str | None = None
    immigration_token: str | None = None
    fail_rate: float = 0.0
    latency_ms: int = 0
    drop_after_commit: float = 0.0
    gateway_timeout_after_commit: float = 0.0
    no_idempotency: bool = False
    offline: bool = False
    rate_limit_burst: int = 0
    rate_limit_retry_after: int = 1
    seed: int | None = None
    access_log: bool = False
    keep_alive_s: int = 15
    grace_s: float = 3.0

    def faults(self) -> Faults:
        faults, errors = Faults().merged(
            {
                "fail_rate": self.fail_rate,
                "latency_ms": self.latency_ms,
                "drop_after_commit": self.drop_after_commit,
                "gateway_timeout_after_commit": self.gateway_timeout_after_commit,
                "no_idempotency": self.no_idempotency,
                "offline": self.offline,
                "rate_limit_burst": self.rate_limit_burst,
                "rate_limit_retry_after": self.rate_limit_retry_after,
            }
        )
        if errors:
            raise ValueError("; ".join(f"{e.field}: {e.message}" for e in errors))
        return faults

    def tokens(self) -> dict[str, str]:
        if not self.token:
            raise ValueError("token must not be empty")
        return {
            "registry": self.registry_token or self.token,
            "immigration": self.immigration_token or self.token,
        }


def _bind(host: str, port: int) -> socket.socket:
    """A bound, not yet listening TCP socket (connections to it are refused until listen)."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        if os.name != "nt":
            # Rebinding the port right after offline/online or a restart, despite TIME_WAIT.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock


class _Listener:
    """One port: an owned socket served by uvicorn's HTTP/1.1 (h11) protocol."""

    def __init__(self, name: str, app: Any, host: str, port: int, opts: SimOptions) -> None:
        self.name = name
        self.host = host
        self.config = uvicorn.Config(
            app,
            host=host,
            port=port,
            http="h11",
            ws="none",
            lifespan="off",
            log_config=None,
            access_log=opts.access_log,
            proxy_headers=False,
            server_header=False,
            timeout_keep_alive=opts.keep_alive_s,
        )
        self.config.load()
        self.state = ServerState()
        self._reserved: socket.socket | None = _bind(host, port)
        self.port: int = self._reserved.getsockname()[1]
        self._server: asyncio.Server | None = None

    @property
    def listening(self) -> bool:
        return self._server is not None

    def _protocol(self) -> asyncio.Protocol:
        # The protocol object rides in the ASGI scope ("state" is copied into every scope), so a
        # handler can abort its own transport for drop-after-commit.
        app_state: dict[str, Any] = {}
        protocol = self.config.http_protocol_class(  # type: ignore[call-arg]
            config=self.config, server_state=self.state, app_state=app_state
        )
        app_state[PROTOCOL_STATE_KEY] = protocol
        return protocol

    def refresh_headers(self) -> None:
        """The Date header uvicorn would keep current once a second."""
        date = formatdate(time.time(), usegmt=True).encode()
        self.state.default_headers = [(b"date", date), *self.config.encoded_headers]

    async def listen(self) -> None:
        if self._server is not None:
            return
        if self._reserved is None:
            self._reserved = await self._rebind()
        sock, self._reserved = self._reserved, None
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(self._protocol, sock=sock, backlog=1024)

    async def cut(self) -> None:
        """Go dark: refuse new connections and abort the open ones, but keep the port reserved."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self.abort_connections()
        await asyncio.sleep(0)  # let connection_lost run so the sockets are really closed
        if self._reserved is None:
            self._reserved = await self._rebind()

    def abort_connections(self) -> None:
        for protocol in list(self.state.connections):
            transport = getattr(protocol, "transport", None)
            if transport is not None:
                transport.abort()

    async def _rebind(self) -> socket.socket:
        last: OSError | None = None
        for _ in range(_REBIND_ATTEMPTS):
            try:
                return _bind(self.host, self.port)
            except OSError as exc:
                last = exc
                await asyncio.sleep(_REBIND_PAUSE)
        raise OSError(f"{self.name} port {self.port} could not be bound again: {last}")

    async def close(self, grace: float) -> None:
        """Stop for good: finish in-flight requests (up to ``grace`` s), then abort the rest."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._reserved is not None:
            self._reserved.close()
            self._reserved = None
        for protocol in list(self.state.connections):
            with contextlib.suppress(Exception):
                protocol.shutdown()  # type: ignore[union-attr]
        deadline = time.monotonic() + grace
        while self.state.connections and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        self.abort_connections()
        await asyncio.sleep(0)


class SimServer:
    """The reference server for both remote systems.

    >>> with SimServer(SimOptions(state_path=tmp / "sim.sqlite", token="t")) as sim:
    ...     httpx.get(sim.registry_url + "/health")
    """

    def __init__(self, options: SimOptions) -> None:
        self.options = options
        # Validate eagerly so a bad option fails in the caller, not in a background thread.
        self._faults = options.faults()
        self._tokens = options.tokens()
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self.runtime: SimRuntime | None = None
        self.systems_port: int = 0
        self.control_port: int = 0

    # -- addresses --------------------------------------------------------------------------------

    def _url(self, port: int) -> str:
        host = self.options.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        return self._url(self.systems_port)

    @property
    def registry_url(self) -> str:
        return self.base_url + "/registry"

    @property
    def immigration_url(self) -> str:
        return self.base_url + "/immigration"

    @property
    def control_url(self) -> str:
        return self._url(self.control_port)

    # -- running ----------------------------------------------------------------------------------

    async def serve(self, on_ready: Callable[[SimServer], None] | None = None) -> None:
        """Serve until :meth:`request_stop`; ``on_ready`` runs once both ports are bound."""
        opts = self.options
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        store = SimStore(opts.state_path)
        listeners: list[_Listener] = []
        try:
            rt = SimRuntime(store, faults=self._faults, tokens=self._tokens, seed=opts.seed)
            self.runtime = rt
            systems = _Listener("systems", build_systems_app(rt), opts.host, opts.port, opts)
            listeners.append(systems)
            control_port = opts.control_port
            if control_port is None:
                control_port = systems.port + 1 if opts.port else 0
            control = _Listener("control", build_control_app(rt), opts.host, control_port, opts)
            listeners.append(control)
            self.systems_port, self.control_port = systems.port, control.port

            async def set_offline(offline: bool) -> None:
                if offline:
                    await systems.cut()
                    log.info("systems port %d offline", systems.port)
                else:
                    await systems.listen()
                    log.info("systems port %d online", systems.port)

            rt.set_offline = set_offline
            rt.request_stop = self.request_stop
            rt.info = {
                "pid": os.getpid(),
                "systems_url": self.base_url,
                "control_url": self.control_url,
                "state": str(Path(opts.state_path).resolve()),
                "systems": list(SYSTEMS),
            }
            for listener in listeners:
                listener.refresh_headers()
            await control.listen()
            if not rt.faults.offline:
                await systems.listen()
            if on_ready is not None:
                on_ready(self)
            self._ready.set()
            while not self._stop.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), timeout=1.0)
                for listener in listeners:
                    listener.refresh_headers()
        finally:
            for listener in listeners:
                await listener.close(opts.grace_s)
            store.close()
            log.info("ltsa-sim stopped")

    def request_stop(self) -> None:
        """Ask a running server to stop gracefully; safe from any thread or a signal handler."""
        loop, stop = self._loop, self._stop
        if loop is None or stop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: already stopped
            loop.call_soon_threadsafe(stop.set)

    # -- thread mode ------------------------------------------------------------------------------

    def start(self, timeout: float = 10.0) -> SimServer:
        """Run in a daemon thread with its own event loop; return once both ports answer."""
        if self._thread is not None:
            raise RuntimeError("already started")

        def run() -> None:
            try:
                asyncio.run(self.serve())
            except BaseException as exc:
                self._error = exc
            finally:
                self._ready.set()

        self._thread = threading.Thread(target=run, name="ltsa-sim", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("ltsa-sim did not start in time")
        if self._error is not None:
            raise RuntimeError(f"ltsa-sim failed to start: {self._error}") from self._error
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the thread-mode server and wait for it (state is closed cleanly)."""
        self.request_stop()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                raise TimeoutError("ltsa-sim did not stop in time")
            self._thread = None

    def __enter__(self) -> SimServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
