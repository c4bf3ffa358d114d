"""Who is acting, at which counter of which office: stamped on every change and audit entry."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

OS_ROLE = "os"
"""The role of :meth:`Actor.from_os_user`: no operation's table entry names it."""


@dataclass(frozen=True)
class Actor:
    """The signed-in officer (or, on the command line, the named or operating-system user)."""

    username: str
    counter_id: str
    office_code: str
    role: str = "officer"

    @classmethod
    def from_os_user(cls, counter_id: str, office_code: str) -> Actor:
        """Command-line work free of a password (the scheduled sync, a counter's set-up before
        its first account): the audit names the operating-system account. Its role is none of
        the accounts' roles, so no operation that needs one (``domain.permissions``) lets it
        through: only a signed-in or `--as`-authenticated account carries a role."""
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no passwd entry (containers) or no user variables
            name = "unknown"
        return cls(
            username=f"os:{name}", counter_id=counter_id, office_code=office_code, role=OS_ROLE
        )
