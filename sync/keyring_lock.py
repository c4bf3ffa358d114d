"""One keyring call at a time in this process, whoever makes it.

keyring's file backend rewrites its whole file on each write, so a reader beside a writer could see
half a file (and pause a destination for "no token"), and two writers could each lose the other's
entry. The sync workers of two destinations bind their tokens at the same moment, and the
application's own secrets (the database key, the seal of ``config.toml``, the office password:
``ltsa_desk.counter.keyring_home``) live in the same keyring. So both take this lock. It is here,
in ``sync``, because ``sync`` imports nothing of the application; standard library only, so
taking it costs no start-up time.
"""

from __future__ import annotations

import threading

KEYRING_LOCK = threading.RLock()
