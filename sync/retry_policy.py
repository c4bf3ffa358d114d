"""When an item whose request failed goes again: soon while the line's own failure rate explains
its failures, after a capped exponential backoff when it does not.

A failed request (a 5xx, a 429 without Retry-After, a connection that failed) says little about
its items by itself. On a line that answers most requests a failure is the line's hiccup, and an
item that sits out a backoff for it holds up the end of a drain while everything else goes: under
20% 5xx and 20% answers lost after the commit, items that failed five times in a row by chance
(about 0.4^5 of them, a hundred in 10,000) fell into a backoff growing from 1 s, and the drain of
10,000 items kept 3% of its clean rate (issue 19: "one failing item must not slow the others").

So an item goes again soon as long as its failures in a row are what the line's failure rate makes
likely: with a failure rate p (of the destination's latest requests) a chain of k failures happens
to an item by chance with probability p^k, and the item gets the k at which that falls below
`CHANCE` (at least `SOON_TRIES`, at most `SOON_TRIES_MAX`): 5 on a line that fails 3% of
requests, 16 at 40%, 20 at one half. Beyond that the remote fails the item itself (a "poison"
item: always a 500 for it while the others pass), and each further failure is a *strike*: the
item backs off exponentially from `retry_initial_s` (capped at `retry_max_s`), so it is not asked
in a loop. On a line that fails most requests every failure is a strike: a backoff is for a sick
remote. The exponent counts strikes, not failures: an item that failed twelve times by chance on
an answering line and then met a sick reading waits the first step, not the twelfth.

Counts are this engine's (a new `sync run` starts from nothing, as its first look at the line
releases what waits: `sync.ledger.mark_online`), per real failed request: a claim lost to a
killed run raised `attempts` but never a backoff. Sends with no answer are not counted at all:
they are settled by a look-up, and a resend after them is paced by the quiet period
(`sync.sending`), not by a backoff.
"""

from __future__ import annotations

import math
import random
import threading
from collections import deque

from tenacity import RetryCallState, wait_exponential_jitter

from sync.engine_contract import EngineSettings
from sync.transport import Answer, Verdict

RETRY_SOON_S = 0.1
"""How soon an item whose request failed goes again while the line explains its failures (at
most this, and never later than the first step of the backoff, `retry_initial_s`)."""

SOON_TRIES = 5
"""The fewest failures in a row of one item retried soon on a line that answers."""

SOON_TRIES_MAX = 20
"""The most: what a line failing just under half of its requests explains (0.5^20 ~ 1e-6)."""

CHANCE = 1e-6
"""A chain of failures less likely than this on the line's failure rate is the item's own."""

HEALTH_WINDOW = 64
"""How many of a destination's latest requests give its failure rate. Under 36% failed requests
32 of them read "fails most" about one time in fifteen by chance, 64 about one in sixty."""


RECOVERY_STREAK = 8
"""Requests answered in a row that tell a line which failed most of its requests is back (a
reachable remote answering 503 to everything never goes offline, so nothing else releases the
items it made wait): at a 50% failure rate eight in a row happen by chance once in 256 requests,
and a release then only lets waiting items go a little early."""


def backoff_s(initial: float, maximum: float, attempt: int) -> float:
    """Exponential backoff with jitter, from tenacity, for a given attempt number (1-based)."""
    strategy = wait_exponential_jitter(multiplier=initial, max=maximum, jitter=initial)
    state = RetryCallState(retry_object=None, fn=None, args=(), kwargs={})  # type: ignore[arg-type]
    state.attempt_number = max(1, attempt)
    return float(strategy(state))


def soon_tries(failure_rate: float) -> int:
    """How many failures in a row of one item a line failing `failure_rate` of its requests
    explains: the chain length whose chance falls below `CHANCE`, within the bounds."""
    if failure_rate <= 0.0:
        return SOON_TRIES
    if failure_rate >= 1.0:
        return SOON_TRIES_MAX
    tries = math.ceil(math.log(CHANCE) / math.log(failure_rate))
    return max(SOON_TRIES, min(SOON_TRIES_MAX, tries))


class LineHealth:
    """Whether a destination's remote answers most requests, and how many it fails, from its
    latest ones. Thread-safe: a claim's requests are answered on the worker's pool."""

    def __init__(self, size: int = HEALTH_WINDOW) -> None:
        self._seen: deque[bool] = deque(maxlen=size)
        self._in_a_row = 0
        self._lock = threading.Lock()

    def saw(self, answer: Answer) -> None:
        """Any answer of the remote's own (2xx, 4xx) counts as answering; 5xx, 429 and silence
        do not."""
        answered = answer.verdict is not Verdict.TRANSIENT
        with self._lock:
            self._seen.append(answered)
            self._in_a_row = self._in_a_row + 1 if answered else 0

    def failing(self) -> bool:
        """The line fails most of its latest requests, on enough of them to say so."""
        with self._lock:
            answered, seen = sum(self._seen), len(self._seen)
        return seen >= RECOVERY_STREAK and answered * 2 <= seen

    def answered_in_a_row(self) -> int:
        """How many of the latest requests the remote answered, one after the other."""
        with self._lock:
            return self._in_a_row

    def answering(self) -> bool:
        """More than half the latest requests answered. No requests yet: no evidence, so not."""
        return self.reading()[0]

    def reading(self) -> tuple[bool, float]:
        """Whether the line answers, and its failure rate: the failed share of the latest
        requests, counted with one failure and one answer more than seen (Laplace's rule), so a
        short or spotless window never reads as a line that cannot fail."""
        with self._lock:
            answered, seen = sum(self._seen), len(self._seen)
        return answered * 2 > seen, (seen - answered + 1) / (seen + 2)


class RetryPolicy:
    """One destination's failures per item in this engine's life, and the wait each one gets.

    Thread-safe: the failures of a claim's requests are counted on the worker's pool.
    """

    def __init__(self, settings: EngineSettings) -> None:
        self.settings = settings
        self.health = LineHealth()
        self._failures: dict[str, int] = {}
        self._strikes: dict[str, int] = {}
        self._lock = threading.Lock()

    def failed(self, key: str) -> int:
        """One more failed request of `key`; how many so far."""
        with self._lock:
            count = self._failures.get(key, 0) + 1
            self._failures[key] = count
            return count

    def wait(self, key: str, failures: int, cap: float | None = None) -> float:
        """The wait after the item's `failures`-th failed request (read once the whole claim is
        answered, so the line's reading includes the claim's other requests).

        Soon (within `RETRY_SOON_S`, jittered) while the line answers and its failure rate
        explains the chain; otherwise one strike more and the backoff's step for the strikes.
        """
        answering, failure_rate = self.health.reading()
        if answering and failures <= soon_tries(failure_rate):
            soon = min(RETRY_SOON_S, self.settings.retry_initial_s)
            wait = soon * (0.5 + random.random() / 2)  # jitter, not a secret
        else:
            with self._lock:
                strikes = self._strikes.get(key, 0) + 1
                self._strikes[key] = strikes
            wait = backoff_s(self.settings.retry_initial_s, self.settings.retry_max_s, strikes)
        return wait if cap is None else min(wait, cap)

    def line_came_back(self) -> None:
        """A line that failed most requests answers again: what the items met on the sick line
        says nothing about them, so their backoff starts over."""
        with self._lock:
            self._strikes.clear()

    def forget(self, keys: list[str]) -> None:
        """Items that left the queue (delivered, refused) need no backoff any more."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
                self._strikes.pop(key, None)
