"""The one error type for "this database cannot be used as it is" (re-exported by store.database).

It lives in its own module so the SQLCipher and key modules can raise it without importing the
database module that builds on them.
"""

from __future__ import annotations


class DatabaseProblem(RuntimeError):
    """The database cannot be used as it is; the message says what is wrong and what to do."""
