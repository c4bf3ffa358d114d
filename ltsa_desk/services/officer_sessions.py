"""An officer's time at the counter in the audit log: locked, unlocked, signed out (issue 18).

Signing in was audited (``user.signin``, by ``accounts.authenticate``) but nothing said when the
counter was locked, opened again or left, so the log could not tell who sat at the counter at a
given time. The window records:

- ``user.lock`` when the lock screen comes up, with the reason (the officer pressed Kunci, or the
  counter stood idle);
- ``user.unlock`` when the same officer opens it again with the password (not a new sign-in);
- ``user.signout`` when the officer's session ends: LTSA Desk closed (Keluar on the lock screen
  closes it too), or another officer took over the locked counter.

The reasons are stored in Indonesian words, as an officer's typed reasons are: the audit page
shows values as they are.
"""

from __future__ import annotations

from sqlmodel import Session

from ltsa_desk.services import accounts, audit
from ltsa_desk.services.context import Actor
from ltsa_desk.store.database import Database
from ltsa_desk.store.models import Officer

LOCK = "user.lock"
UNLOCK = "user.unlock"
SIGNOUT = "user.signout"

LOCKED_BY_OFFICER = "dikunci petugas"
LOCKED_IDLE = "tidak dipakai"
SIGNED_OUT_CLOSED = "LTSA Desk ditutup"
SIGNED_OUT_TAKEN_OVER = "ganti petugas"


def record(session: Session, actor: Actor, action: str, reason: str | None = None) -> None:
    """One session entry in the caller's transaction (the caller commits)."""
    officer = accounts.find_user(session, actor.username)
    audit.record(
        session,
        actor=actor.username,
        action=action,
        entity="officer",
        entity_id=None if officer is None else officer.id,
        after={"reason": reason} if reason else None,
        counter_id=actor.counter_id,
    )


def note(database: Database, actor: Actor, action: str, reason: str | None = None) -> None:
    """``record`` in a transaction of its own (the window's worker thread)."""
    with database.write_session() as session:
        record(session, actor, action, reason)
        session.commit()


def unlock(database: Database, actor: Actor, password: str) -> Officer:
    """The locked officer's password opens the lock: checked as at sign-in (failures count
    toward the pause and are audited as such), written as ``user.unlock``, not as a new
    sign-in."""
    with database.write_session() as session:
        officer = accounts.authenticate(session, actor.username, password, record_success=False)
        record(session, actor, UNLOCK)
        session.commit()
        return officer
