"""`migrate-to`: move a lone counter's SQLite data into its office's shared PostgreSQL database.

An office that grows from one counter to several desks keeps what it has: applicants, documents
with their scans, letters, case histories, the audit log, accounts, agencies, the running
numbers, the outage log and the outbox with every item's state. Afterwards this data folder's
configuration points at the shared database, and the SQLite file stays where it was, untouched
except for being read, as the counter's own record of what was moved.

Rules, and why:

- **Idempotent.** Every row keeps its id (UUIDs made at the counter, outbox keys), and every
  insert is ``ON CONFLICT DO NOTHING``; scans are content-addressed. The audit log, which has no
  natural key, moves past a watermark kept in ``moved_counter`` and raised in the same
  transaction. So a second run (after a kill, a lost connection, or just to be sure) adds only
  what is new and never a row twice.
- **One office, many counters.** Two counters of one office can both be moved in. A NIK the
  shared database already holds under another applicant is not moved a second time: it is
  reported (both tracking codes) with what was left behind (documents, letters, outbox items), for
  an officer to settle by hand; the SQLite file still holds it. Accounts with a username already
  taken keep the one already there (reported); agencies are matched by name.
- **Never blind.** Every moved item not yet delivered is marked ``look_up_first``: the remote may
  have received it from this counter already, and the sync contract allows a blind send only on
  the very first attempt from one database. An item caught ``in_flight`` becomes pending again.
- **Numbers continue.** The counter's running numbers (tracking codes, letters) move as the
  larger of both sides, so the desk never hands out a number it handed out before.
- **All or nothing.** Scans go first, each on its own (they are idempotent by content); every
  row then moves in one transaction, so a failure leaves the shared database as it was.

The move itself is :mod:`.move`, the row-by-row copy :mod:`.rows`, and what it reports
:mod:`.report`; this package is what callers import from.
"""

from ltsa_desk.technician.move_counter.move import move_lone_counter
from ltsa_desk.technician.move_counter.report import DuplicateNik, MoveReport

__all__ = ["DuplicateNik", "MoveReport", "move_lone_counter"]
