"""A real bad line made by the kernel: two network namespaces joined by a veth pair.

The counter lives in one namespace, the remote (`ltsa-sim`) in the other. The kernel shapes the link
the way a poor office line behaves: a token bucket (`tc ... tbf`) on each end, random loss each way
(an nftables rule on each end's outgoing veth; netem is not in every kernel), and the link taken
down and up again while a drain runs. Nothing here is simulated in Python: what crosses the link is
real TCP, with its retransmissions and the kernel delivering queued data after the sender gave up.

Every address used is inside the namespaces this module makes (10.213.0.1 and .2 on the veth), and
everything is removed on exit.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
COUNTER_IP = "10.213.0.1"
REMOTE_IP = "10.213.0.2"


class LineUnavailable(Exception):
    """This machine cannot make namespaces or shape a link (not root, no iproute2, a sandbox)."""


def _run(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=30)


def _must(*argv: str, stdin: str | None = None) -> None:
    done = _run(*argv, stdin=stdin)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} -> {done.returncode}: {done.stderr.strip()}")


def check_available() -> None:
    """Raise LineUnavailable with the reason when this machine cannot make the line."""
    if os.geteuid() != 0:
        raise LineUnavailable("needs root (network namespaces)")
    for tool in ("ip", "tc", "nft"):
        if shutil.which(tool) is None:
            raise LineUnavailable(f"`{tool}` is not installed (iproute2, nftables)")
    probe = f"ltsa-probe-{os.getpid()}"
    made = _run("ip", "netns", "add", probe)
    if made.returncode != 0:
        raise LineUnavailable(f"`ip netns add` refused: {made.stderr.strip()}")
    _run("ip", "netns", "del", probe)


@dataclass
class Shaping:
    rate: str = "256kbit"
    burst: str = "16kbit"
    latency: str = "400ms"
    loss_percent: int = 10


@dataclass
class Line:
    """Two namespaces and the veth between them."""

    tag: str
    counter_ns: str = ""
    remote_ns: str = ""
    shaping: Shaping = field(default_factory=Shaping)
    flaps: list[tuple[float, float]] = field(default_factory=list)  # (at, down seconds) done

    def __post_init__(self) -> None:
        self.counter_ns = f"ltsa-c-{self.tag}"
        self.remote_ns = f"ltsa-r-{self.tag}"

    def make(self) -> None:
        _must("ip", "netns", "add", self.counter_ns)
        _must("ip", "netns", "add", self.remote_ns)
        _must(
            "ip", "link", "add", "veth-c", "netns", self.counter_ns,
            "type", "veth", "peer", "name", "veth-r", "netns", self.remote_ns,
        )  # fmt: skip
        for ns, dev, ip in (
            (self.counter_ns, "veth-c", COUNTER_IP),
            (self.remote_ns, "veth-r", REMOTE_IP),
        ):
            _must("ip", "-n", ns, "addr", "add", f"{ip}/30", "dev", dev)
            _must("ip", "-n", ns, "link", "set", dev, "up")
            _must("ip", "-n", ns, "link", "set", "lo", "up")

    def shape(self) -> None:
        """Token bucket and random loss on both ends (nftables: this kernel has no sch_netem)."""
        s = self.shaping
        for ns, dev in ((self.counter_ns, "veth-c"), (self.remote_ns, "veth-r")):
            _must(
                "tc", "-n", ns, "qdisc", "add", "dev", dev, "root", "handle", "1:",
                "tbf", "rate", s.rate, "burst", s.burst, "latency", s.latency,
            )  # fmt: skip
            if not s.loss_percent:
                continue
            rules = (
                "table inet ltsa_loss {\n"
                "  chain out {\n"
                "    type filter hook output priority 0; policy accept;\n"
                f'    oifname "{dev}" numgen random mod 100 < {s.loss_percent} drop\n'
                "  }\n"
                "}\n"
            )
            _must("ip", "netns", "exec", ns, "nft", "-f", "-", stdin=rules)

    def set_link(self, up: bool) -> None:
        _must("ip", "-n", self.counter_ns, "link", "set", "veth-c", "up" if up else "down")

    def flap_in_background(
        self, schedule: list[tuple[float, float]], stop: threading.Event
    ) -> threading.Thread:
        """Take the link down at each (seconds from now, seconds down), unless told to stop."""
        started = time.monotonic()

        def run() -> None:
            for at, down in schedule:
                if stop.wait(max(0.0, started + at - time.monotonic())):
                    return
                self.set_link(False)
                self.flaps.append((time.monotonic() - started, down))
                stop.wait(down)
                self.set_link(True)

        thread = threading.Thread(target=run, name="link-flaps", daemon=True)
        thread.start()
        return thread

    def exec_argv(self, ns: str, argv: list[str]) -> list[str]:
        return ["ip", "netns", "exec", ns, *argv]

    def remove(self) -> None:
        for ns in (self.counter_ns, self.remote_ns):
            _run("ip", "netns", "del", ns)


@contextmanager
def bad_line(tag: str, shaping: Shaping | None = None) -> Iterator[Line]:
    line = Line(tag, shaping=shaping or Shaping())
    try:
        line.make()
        line.shape()
        yield line
    finally:
        line.remove()


_LISTEN = re.compile(r"ltsa-sim (systems|control) listening on http://[^:]+:(\d+)")


@dataclass
class RemoteSim:
    """`ltsa-sim` inside the remote namespace; its control port read from inside it (loopback,
    neither shaped nor cut)."""

    line: Line
    process: subprocess.Popen[str]
    token: str
    systems_port: int
    control_port: int

    @property
    def registry_url(self) -> str:
        return f"http://{REMOTE_IP}:{self.systems_port}/registry"

    @property
    def immigration_url(self) -> str:
        return f"http://{REMOTE_IP}:{self.systems_port}/immigration"

    def control(self, path: str) -> Any:
        code = (
            "import httpx, sys\n"
            f"r = httpx.get('http://127.0.0.1:{self.control_port}{path}', timeout=30,"
            " trust_env=False)\n"
            "r.raise_for_status(); sys.stdout.write(r.text)\n"
        )
        done = subprocess.run(
            self.line.exec_argv(self.line.remote_ns, [sys.executable, "-c", code]),
            capture_output=True,
            text=True,
            timeout=60,
        )
        if done.returncode != 0:
            raise RuntimeError(f"control {path}: {done.stderr[-500:]}")
        return json.loads(done.stdout)

    def stats(self) -> dict[str, dict[str, int]]:
        return self.control("/_sim/stats")

    def records(self, system: str) -> list[dict[str, Any]]:
        return self.control(f"/_sim/records?system={system}")["records"]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


@contextmanager
def remote_sim(line: Line, workdir: Path, token: str, seed: int) -> Iterator[RemoteSim]:
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "LTSA_SIM_TOKEN": token,
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
    }
    argv = [
        sys.executable, "-m", "sync.sim", "--host", "0.0.0.0", "--port", "0",
        "--control-port", "0", "--state", str(workdir / "remote-state.sqlite"),
        "--no-idempotency", "--seed", str(seed),
    ]  # fmt: skip
    process = subprocess.Popen(
        line.exec_argv(line.remote_ns, argv),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    ports: dict[str, int] = {}
    deadline = time.monotonic() + 30
    assert process.stdout is not None
    while len(ports) < 2 and time.monotonic() < deadline:
        line_text = process.stdout.readline()
        if not line_text:
            break
        found = _LISTEN.search(line_text)
        if found:
            ports[found.group(1)] = int(found.group(2))
    if len(ports) < 2:
        process.kill()
        raise RuntimeError("ltsa-sim did not start in the remote namespace")
    handle = RemoteSim(line, process, token, ports["systems"], ports["control"])
    try:
        yield handle
    finally:
        handle.stop()
