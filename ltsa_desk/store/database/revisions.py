"""Which schema a database has, which the code expects, and migrating from one to the other.

Alembic is imported only where a schema changes or an unknown revision is explained: it costs
0.3-0.4 s (Mako, Pygments, every dialect's DDL), and every verb opens the database (issue 19:
`sync status` <= 0.5 s). Reading the revision and the head needs none of it, and the head needs
not even SQLAlchemy (imported in the functions that use it): a quick read of the counter compares
the file's revision with the head through the driver alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ltsa_desk.store.problems import DatabaseProblem

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

#: Alembic reads the migration scripts as files (packaging carries them as data at this path).
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

_REVISION_LINE = re.compile(r'^(down_revision|revision)\s*=\s*(None|"[^"]*"|\'[^\']*\')', re.M)


def alembic_config(connection: Connection | None = None) -> Any:
    """Alembic's configuration for our migrations, on ``connection`` when one is given."""
    from alembic.config import Config as AlembicConfig  # slow import: see module docstring

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration, read from the migration files' own ``revision`` lines.

    The same answer as Alembic's ``ScriptDirectory.get_current_head()`` (a test compares them)
    without importing Alembic: the one revision no other migration names as its down revision.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(
            (name, value.strip("\"'"))
            for name, value in _REVISION_LINE.findall(path.read_text("utf-8"))
        )
        if "revision" in found:
            revisions.add(found["revision"])
            if found.get("down_revision", "None") != "None":
                parents.add(found["down_revision"])
    heads = revisions - parents
    assert len(heads) == 1, f"migrations folder must have one head revision, not {sorted(heads)}"
    return heads.pop()


def current_revision(connection: Connection) -> str | None:
    """The revision ``alembic_version`` records (None before the first migration)."""
    from sqlalchemy import inspect, text  # see the module docstring

    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise DatabaseProblem(f"Basis data mencatat beberapa versi skema: {sorted(rows)}")
    return rows[0] if rows else None


def known_revisions() -> set[str | None]:
    """Every revision this version can migrate from (``None``: before the first migration)."""
    from alembic.script import ScriptDirectory  # slow import: see module docstring

    return {None} | {
        script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }


# pg_advisory locks are database-wide integers; this one is ours ("LTSA"; "LTSB" is the join lock).
SCHEMA_LOCK_KEY = 0x4C545341


def upgrade(engine: Engine) -> None:
    """Migrate to head in one transaction.

    On a shared server several desks may start a new version at the same moment: the advisory
    lock makes them migrate one after the other, and Alembic, reading the version after the lock,
    finds the later ones already done.
    """
    from sqlalchemy import text  # see the module docstring

    from ltsa_desk.store.engine import writer_engine

    with writer_engine(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
        from alembic import command  # slow import: see module docstring

        command.upgrade(alembic_config(connection), "head")
