"""`ltsa-desk doctor`: the technician's one look at whether a counter is healthy.

Unlike start-up, the doctor may be slow: it runs SQLite's full integrity check (and SQLCipher's
page check) and decrypts and re-hashes a sample of attachments. It never changes anything (no
migration, no encryption of an old database, no repair), so it is safe on a sick counter.

Beyond the data folder it looks at what makes a counter fail *later*: free disk space (a full disk
stops intake and backups), a WAL file that keeps growing (a reader that never lets go), the keyring
(no keyring, no database key and no tokens), a token for each configured destination (whether one
is stored, never its value), each destination's health answer (a quick probe with a short
timeout), the clock (a wrong clock breaks TLS certificates and puts wrong dates on letters), the
age of the newest backup, and the age of the oldest submission still waiting.

Each check is ``ok`` or not, with a ``severity``: ``error`` (the counter needs the technician:
exit 1) or ``warning`` (worth knowing, but the counter works on: a destination that is offline is
exactly what the outbox is for). ``--json`` gives every check with its words and facts.

The round is :mod:`.run`, the checks of what lies around the counter :mod:`.surroundings`, and
one check's shape and words :mod:`.check`; this package is what callers import from.
"""

from ltsa_desk.technician.doctor.check import ERROR, WARNING, Check, healthy
from ltsa_desk.technician.doctor.run import NETWORK_TIMEOUT_S, run_checks

__all__ = ["ERROR", "NETWORK_TIMEOUT_S", "WARNING", "Check", "healthy", "run_checks"]
