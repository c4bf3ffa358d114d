"""Writing a freshly built row at once, without the ORM's unit of work.

On the counter's hot path (Simpan on the intake form) the session's flush cost several times the
INSERTs it sends: it sorts the pending objects, diffs their attributes and rebuilds each statement.
A new row needs none of that. It is written with one Core INSERT (the same statement SQLAlchemy
caches and reuses) and then kept in the session as a loaded, persistent object, so callers use and
change it exactly as they would after a flush.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import Session, SQLModel

Row = TypeVar("Row", bound=SQLModel)


def insert_now(session: Session, row: Row) -> Row:
    """INSERT `row` in the session's transaction now; it is persistent in the session afterwards.

    Rows must be written in foreign-key order (a case event after its applicant), as any INSERT.
    An autoincrement key left empty is filled in from the database.
    """
    table: Any = type(row).__table__  # type: ignore[attr-defined]
    values = {column.key: getattr(row, column.key) for column in table.columns}
    generated = [c.key for c in table.primary_key.columns if values.get(c.key) is None]
    for name in generated:
        del values[name]
    result = session.connection().execute(table.insert(), values)
    for name, value in zip(
        [c.key for c in table.primary_key.columns], result.inserted_primary_key, strict=True
    ):
        if name in generated:
            setattr(row, name, value)
    make_transient_to_detached(row)
    session.add(row)
    return row
