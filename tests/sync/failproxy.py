"""A proxy of the tests' own that answers 500 in the remote's place: for one item's sends (a
"poison" item the remote fails on while it takes the others), and for a fixed share of every
other request, in a fixed order, so a test knows the line's failure rate without chance.

Built on `holdproxy.HoldProxy` (real TCP to the real simulator behind it); a failed request is
never forwarded, so it has no effect at the remote.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from holdproxy import HoldProxy


@dataclass
class FailPlan:
    """What to fail. `item` is a client reference: its sends (a request that carries it and is no
    look-up) fail `item_failures` times (-1: always). `others` is a repeating pattern over all
    other requests but the health probes: True fails that request (empty: none fail)."""

    item: str | None = None
    item_failures: int = 0
    others: tuple[bool, ...] = ()


def _server_error(reason: str) -> bytes:
    body = json.dumps({"error": "proxy_failure", "message": reason}).encode()
    head = (
        "HTTP/1.1 500 Internal Server Error\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    return head + body


class FailProxy(HoldProxy):
    """Forward to the simulator, failing what the plan says."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        super().__init__(upstream)
        self.plan = FailPlan()
        self.item_sends = 0  # sends of the plan's item that reached the proxy
        self.item_failed = 0
        self.others_seen = 0
        self.others_failed = 0

    def set_plan(self, plan: FailPlan) -> None:
        with self._lock:
            self.plan = plan
            self.item_sends = self.item_failed = 0
            self.others_seen = self.others_failed = 0

    def _fails(self, request: bytes) -> bool:
        line = request.split(b"\r\n", 1)[0]
        if b"/health" in line:
            return False  # the line is up: only the remote's answers fail
        with self._lock:
            plan = self.plan
            if plan.item is not None and plan.item.encode() in request:
                if line.startswith(b"GET ") or b":lookup" in line:
                    return False  # a look-up of the item: the remote answers it
                self.item_sends += 1
                if plan.item_failures < 0 or self.item_failed < plan.item_failures:
                    self.item_failed += 1
                    return True
                return False
            if not plan.others:
                return False
            fail = plan.others[self.others_seen % len(plan.others)]
            self.others_seen += 1
            self.others_failed += fail
            return fail

    def _forward(self, request: bytes) -> bytes | None:
        if self._fails(request):
            return _server_error("failed by the test's proxy")
        return super()._forward(request)
