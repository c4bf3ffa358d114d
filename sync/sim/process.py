"""Starting and stopping ``ltsa-sim`` as a real subprocess, and talking to its control port.

Training mode starts one for the practice office (``ltsa_desk.services.training``); tests,
benchmarks and the screen tour start them too, because the sync engine must see the simulator
exactly as the app will: a separate process on real loopback sockets that can be killed,
restarted on the same ports with the same state, cut off, or made to drop responses. This module
starts it (``python -m sync.sim``, or the frozen build's ``ltsa-sim`` program, with ``--port 0``),
reads the ports it prints, and hands back a :class:`SimHandle` with the URLs and the control
calls (:mod:`sync.sim.control_calls`)::

    from sync.sim.process import run_sim_process

    with run_sim_process(tmp_path, fail_rate=0.2) as sim:
        client = httpx.Client(headers=sim.auth_headers)
        client.post(sim.registry_url + "/v1/workers", json=payload)
        assert sim.stats()["registry"]["duplicate_effects"] == 0

Only the standard library and httpx are used here, so starting a simulator stays light. Valid
sample payloads for the two systems are in :mod:`sync.sim.samples`.
"""

from __future__ import annotations

import atexit
import os
import queue
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import httpx

from .control_calls import SimControlCalls

__all__ = [
    "SimHandle",
    "SimStartError",
    "run_sim_process",
    "start_sim_process",
]

_LINE_RE = re.compile(r"ltsa-sim (systems|control) listening on (http://\S+)")
_PORT_RE = re.compile(r":(\d+)$")
_OPTION_FLAGS: dict[str, str] = {
    "registry_token": "--registry-token",
    "immigration_token": "--immigration-token",
    "fail_rate": "--fail-rate",
    "latency_ms": "--latency-ms",
    "drop_after_commit": "--drop-after-commit",
    "gateway_timeout_after_commit": "--gateway-timeout-after-commit",
    "rate_limit_burst": "--rate-limit-burst",
    "rate_limit_retry_after": "--rate-limit-retry-after",
    "seed": "--seed",
    "log_level": "--log-level",
}
_SWITCHES: dict[str, str] = {
    "no_idempotency": "--no-idempotency",
    "offline": "--offline",
    "access_log": "--access-log",
}
_LIVE: set[SimHandle] = set()


class SimStartError(RuntimeError):
    """The simulator process did not come up; the message carries the tail of its stderr."""


def sim_program() -> list[str]:
    """The command that starts ``ltsa-sim`` from this process.

    From source: this interpreter with ``-m sync.sim``. In the PyInstaller build ``sys.executable``
    is the app itself and there is no ``-m``, so the build ships an ``ltsa-sim`` program beside
    it (packaging/ltsa_desk.spec) and training mode starts that one.
    """
    if getattr(sys, "frozen", False):
        name = "ltsa-sim.exe" if os.name == "nt" else "ltsa-sim"
        return [str(Path(sys.executable).with_name(name))]
    return [sys.executable, "-m", "sync.sim"]


def _repo_root() -> Path:
    """The directory holding the ``sync`` package (this file is ``sync/sim/process.py``).

    Put first on the child's PYTHONPATH so it imports this very ``sync``, whatever the caller's
    sys.path looks like (a ``tests/sync`` folder could otherwise pass for a namespace package).
    """
    return Path(__file__).resolve().parents[2]


class SimHandle(SimControlCalls):
    """A running ``ltsa-sim`` process and the calls tests need on it.

    Attributes: ``base_url`` (systems root), ``registry_url`` (``.../registry``),
    ``immigration_url``, ``control_url``, ``token``, ``state_path``, ``process``, ``log_path``.
    """

    def __init__(
        self,
        *,
        workdir: Path,
        state_path: Path,
        token: str,
        host: str,
        options: dict[str, Any],
        startup_timeout: float,
    ) -> None:
        self.workdir = workdir
        self.state_path = state_path
        self.token = token
        self.host = host
        self.options = options
        self.startup_timeout = startup_timeout
        self.systems_port = 0
        self.control_port = 0
        self.process: subprocess.Popen[str] | None = None
        self.log_path = workdir / "ltsa-sim.log"
        self._control: httpx.Client | None = None
        self._starts = 0

    # -- addresses --------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://{self._host_part}:{self.systems_port}"

    @property
    def registry_url(self) -> str:
        return self.base_url + "/registry"

    @property
    def immigration_url(self) -> str:
        return self.base_url + "/immigration"

    @property
    def control_url(self) -> str:
        return f"http://{self._host_part}:{self.control_port}"

    @property
    def _host_part(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host

    @property
    def auth_headers(self) -> dict[str, str]:
        """``Authorization: Bearer <token>`` for the start-up token."""
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    # -- process ----------------------------------------------------------------------------------

    def _command(self, systems_port: int, control_port: int | None) -> list[str]:
        cmd = [*sim_program(), "--host", self.host, "--port", str(systems_port)]
        if control_port is not None:
            cmd += ["--control-port", str(control_port)]
        cmd += ["--state", str(self.state_path)]
        for name, value in self.options.items():
            if name in _SWITCHES:
                if value:
                    cmd.append(_SWITCHES[name])
            elif name == "extra_args":
                cmd.extend(str(arg) for arg in value)
            elif value is not None:
                cmd.extend([_OPTION_FLAGS[name], str(value)])
        return cmd

    def _launch(self, systems_port: int = 0, control_port: int | None = 0) -> None:
        env = dict(os.environ)
        env["PYTHONUNBUFFERED"] = "1"
        # The token travels by environment, not argv: it stays out of process listings.
        env["LTSA_SIM_TOKEN"] = self.token
        root = str(_repo_root())
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        kwargs: dict[str, Any] = {}
        if os.name == "nt":  # pragma: no cover - Windows: CTRL_BREAK needs its own group
            kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
            if getattr(sys, "frozen", False):
                # Started from the windowed app: no console window may pop up over it.
                kwargs["creationflags"] |= subprocess.CREATE_NO_WINDOW
        self._starts += 1
        log = self.log_path.open("a", encoding="utf-8")
        log.write(f"--- start #{self._starts} ---\n")
        log.flush()
        try:
            self.process = subprocess.Popen(
                self._command(systems_port, control_port),
                stdout=subprocess.PIPE,
                stderr=log,
                stdin=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                bufsize=1,
                env=env,
                cwd=str(self.workdir),
                **kwargs,
            )
        finally:
            log.close()
        _LIVE.add(self)
        try:
            self._read_ports()
            self._wait_control()
        except BaseException:
            self.kill()
            raise

    def _read_ports(self) -> None:
        """Parse the two "listening on" lines; keep draining stdout afterwards in a thread."""
        assert self.process is not None and self.process.stdout is not None
        lines: queue.Queue[str | None] = queue.Queue()
        stream = self.process.stdout

        def pump() -> None:
            for line in stream:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, name="ltsa-sim-stdout", daemon=True).start()
        found: dict[str, int] = {}
        deadline = time.monotonic() + self.startup_timeout
        while len(found) < 2:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SimStartError(f"ltsa-sim did not report its ports in time{self._log_tail()}")
            try:
                line = lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                code = self.process.wait(timeout=5)
                raise SimStartError(f"ltsa-sim exited with status {code}{self._log_tail()}")
            match = _LINE_RE.search(line)
            if match:
                port = _PORT_RE.search(match.group(2).rstrip("/"))
                assert port is not None, line
                found[match.group(1)] = int(port.group(1))
        self.systems_port, self.control_port = found["systems"], found["control"]

    def _wait_control(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while True:
            try:
                self.control.get("/health").raise_for_status()
                return
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise SimStartError(
                        f"ltsa-sim control port never answered{self._log_tail()}"
                    ) from None
                time.sleep(0.05)

    def _log_tail(self) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n--- ltsa-sim stderr ---\n" + text[-3000:] if text.strip() else ""

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 10.0) -> int | None:
        """Graceful stop (SIGTERM; CTRL_BREAK on Windows), wait, and return the exit status.

        Falls back to kill if the process does not exit within ``timeout``.
        """
        self._close_control()
        proc = self.process
        if proc is None:
            return None
        if proc.poll() is None:
            if os.name == "nt":  # pragma: no cover
                try:
                    proc.send_signal(signal.CTRL_BREAK_EVENT)  # type: ignore[attr-defined]
                except (OSError, SystemError):
                    # The windowed build has no console to send CTRL_BREAK through: ask the
                    # control port instead (same graceful stop), killed below if it hangs.
                    # CPython 3.11's os.kill reports that failure as SystemError ("returned a
                    # result with an exception set", the OSError as its cause), not OSError.
                    with suppress(httpx.HTTPError):
                        httpx.post(
                            self.control_url + "/_sim/shutdown", timeout=5.0, trust_env=False
                        )
            else:
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        _LIVE.discard(self)
        return proc.returncode

    def kill(self) -> int | None:
        """Hard kill (SIGKILL / TerminateProcess): a crash, for durability tests."""
        self._close_control()
        proc = self.process
        if proc is None:
            return None
        if proc.poll() is None:
            proc.kill()
        with suppress(subprocess.TimeoutExpired):
            proc.wait(10)
        _LIVE.discard(self)
        return proc.returncode

    def restart(self, *, kill: bool = False, **changes: Any) -> SimHandle:
        """Stop (or kill) and start again on the SAME ports with the same state file.

        Same ports, so a client under test keeps its URLs across the restart; ``changes`` adjust
        the start-up options (e.g. ``no_idempotency=True``) for the new process.
        """
        if kill:
            self.kill()
        else:
            self.stop()
        for name in changes:
            if name not in _OPTION_FLAGS and name not in _SWITCHES and name != "extra_args":
                raise TypeError(f"unknown ltsa-sim option {name!r}")
        self.options.update(changes)
        deadline = time.monotonic() + self.startup_timeout
        while True:
            try:
                self._launch(self.systems_port, self.control_port)
                return self
            except SimStartError:
                # The old sockets may linger a moment (mostly on Windows); try again briefly.
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    # -- the control port (its calls: SimControlCalls) -------------------------------------------

    @property
    def control(self) -> httpx.Client:
        """An httpx client on the control port (no proxies from the environment)."""
        if self._control is None:
            self._control = httpx.Client(base_url=self.control_url, timeout=10.0, trust_env=False)
        return self._control

    def _close_control(self) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None

    def __enter__(self) -> SimHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<SimHandle pid={getattr(self.process, 'pid', None)} {self.base_url}>"


def start_sim_process(
    tmp_path: Path | str,
    *,
    token: str | None = None,
    state: Path | str | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    control_port: int | None = None,
    startup_timeout: float = 20.0,
    **options: Any,
) -> SimHandle:
    """Start ``ltsa-sim`` in a subprocess and return its handle (the caller must stop it).

    ``options`` are the CLI options in Python spelling: ``fail_rate``, ``latency_ms``,
    ``drop_after_commit``, ``no_idempotency``, ``offline``, ``rate_limit_burst``,
    ``rate_limit_retry_after``, ``registry_token``, ``immigration_token``, ``seed``,
    ``log_level``, ``access_log``, ``extra_args`` (a list appended to the command line).
    ``port=0`` (the default) picks free ports; ``control_port=None`` means a free one with
    ``port=0``, else ``port + 1`` (the CLI default).
    """
    for name in options:
        if name not in _OPTION_FLAGS and name not in _SWITCHES and name != "extra_args":
            raise TypeError(f"unknown ltsa-sim option {name!r}")
    workdir = Path(tmp_path)
    workdir.mkdir(parents=True, exist_ok=True)
    state_path = Path(state) if state is not None else workdir / "ltsa-sim-state.sqlite"
    handle = SimHandle(
        workdir=workdir,
        state_path=state_path,
        token=token or secrets.token_urlsafe(16),
        host=host,
        options=dict(options),
        startup_timeout=startup_timeout,
    )
    if control_port is None and port == 0:
        control_port = 0
    handle._launch(port, control_port)
    return handle


@contextmanager
def run_sim_process(tmp_path: Path | str, **options: Any) -> Iterator[SimHandle]:
    """Context manager around :func:`start_sim_process`; stops the process on exit."""
    handle = start_sim_process(tmp_path, **options)
    try:
        yield handle
    finally:
        handle.stop()


@atexit.register
def _kill_leftovers() -> None:
    """Never leave a simulator running after the test session, whatever happened."""
    for handle in list(_LIVE):
        with suppress(Exception):
            handle.kill()
