"""The one honest way the tests run a verb that needs an account: as a real admin, with its
password on stdin, exactly as a technician's script does.

``ltsa-desk`` asks `--as USER` and that account's password (the first line of stdin) for every
verb the role table (``ltsa_desk.domain.permissions``) marks; there is no bypass. The run helpers
of the test folders (clitools, caretools, officetools, ...) call :func:`as_admin`: when the verb
needs an account and the test did not say `--as` itself, the data folder gets the test admin
once (``user add`` is free on a counter with no account yet, as for a technician setting it up)
and the command gets ``--as admin.uji`` and the password before the test's own stdin.

A test that wants to see a refusal passes `--as` itself (or ``auth=False`` to the helper).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ltsa_desk.domain.permissions import VERB_OPERATIONS

TEST_ADMIN = "admin.uji"
TEST_PASSWORD = "kopi-hujan-sepeda-biru-7"

_has_admin: set[str] = set()
"""Databases (by id) already given the test admin in this session: a copy of a template
folder has its database id, and its accounts."""


def _database_id(data_dir: Path) -> str | None:
    try:
        config = tomllib.loads((data_dir / "config.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    database = config.get("database", {})
    identity = database.get("id") if isinstance(database, dict) else None
    return str(identity) if identity else None


def verb_of(argv: Sequence[str]) -> str | None:
    """The verb words of a command line (``["user", "add", "x", "--role", ...]`` -> ``user
    add``), None when it names no verb of the table."""
    words = [a for a in argv if not a.startswith("-")]
    for size in (2, 1):
        key = " ".join(words[:size])
        if len(words) >= size and key in VERB_OPERATIONS:
            return key
    return None


def needs_account(argv: Sequence[str]) -> bool:
    verb = verb_of(argv)
    if verb is None or VERB_OPERATIONS[verb] is None:
        return False
    if verb == "credentials set" and "database" in argv:
        return False  # the office server's password is itself the credential
    return "--as" not in argv and "--help" not in argv and "-h" not in argv


def admin_line(input: str | None) -> str:
    """The test admin's password as stdin's first line, then whatever the verb itself reads."""
    return f"{TEST_PASSWORD}\n{input or ''}"


def as_admin(
    argv: Sequence[str],
    input: str | None,
    data_dir: Path | None,
    add_admin: Callable[[], Any],
) -> tuple[list[str], str | None]:
    """The command line and stdin to run ``argv`` as the test admin (unchanged when the verb
    needs no account, or names its own `--as`). ``add_admin`` runs ``user add admin.uji --role
    admin --password-stdin`` through the caller's helper (its HOME, its keyring)."""
    argv = [str(a) for a in argv]
    if not needs_account(argv):
        return argv, input
    if data_dir is not None:
        folder = _database_id(Path(data_dir))
        if folder is not None and folder not in _has_admin:
            result = add_admin()
            stderr = str(getattr(result, "stderr", ""))
            # Made now, or already there (another run of the same test made it meanwhile). Any
            # other failure (no counter, an unreachable server) is the verb's to report: it
            # runs all the same and says it in its own words.
            if result.code == 0 or "sudah dipakai" in stderr or "sudah punya akun" in stderr:
                _has_admin.add(folder)
        if verb_of(argv) == "restore" and folder is not None:
            _has_admin.discard(folder)  # the restored database may predate the test admin
    return [*argv, "--as", TEST_ADMIN], admin_line(input)


def add_admin_command() -> list[str]:
    """``user add`` of the test admin (its password: :func:`admin_line` of nothing)."""
    return ["user", "add", TEST_ADMIN, "--role", "admin", "--password-stdin"]


def remember(data_dir: Path) -> None:
    """The folder's database has the test admin (made by a fixture, e.g. a template's)."""
    identity = _database_id(Path(data_dir))
    assert identity is not None, f"no counter at {data_dir}"
    _has_admin.add(identity)
