"""Writing a new row at once, without the ORM's unit of work or the model's constructor.

On the counter's hot path (Simpan on the intake form) the session's flush cost several times the
INSERTs it sends: it sorts the pending objects, diffs their attributes and rebuilds each statement.
Building the model object cost more than the INSERT too: SQLModel's constructor sets each of an
applicant's 28 columns through the ORM's attribute events (about 60 µs). A new row needs none of
that. Its values are written with one prepared INSERT per table (`sync.prepared`), and the object
is then built the way a query's loading builds one (the values go straight into its ``__dict__``)
and kept in the session as a persistent object, so callers use and change it exactly as they
would a row they had queried.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy import Table
from sqlalchemy.orm import configure_mappers, make_transient_to_detached
from sqlalchemy.orm.instrumentation import manager_of_class
from sqlmodel import Session, SQLModel

from sync.prepared import Prepared

Row = TypeVar("Row", bound=SQLModel)

_INSERTS: dict[Table, Prepared] = {}


def insert_new(session: Session, model: type[Row], values: Mapping[str, Any]) -> Row:
    """INSERT a row of `model` in the session's transaction now and return it, persistent in the
    session.

    Columns left out get their Python default, else NULL, as with an ORM flush; an integer key
    left out (or None) is filled in from the database. Rows must be written in foreign-key order
    (a case event after its applicant), as any INSERT.
    """
    table: Any = model.__table__  # type: ignore[attr-defined]
    prepared = _INSERTS.get(table)
    if prepared is None:
        prepared = _INSERTS[table] = Prepared(table.insert())
    unknown = set(values) - set(table.columns.keys())
    if unknown:
        raise ValueError(f"{table.name} has no column {sorted(unknown)}")
    columns = dict(prepared.with_defaults(values))
    generated = [c.key for c in table.primary_key.columns if columns.get(c.key) is None]
    if len(generated) > 1:
        raise ValueError(f"{table.name}: only one generated key column is supported")
    for name in generated:
        columns.pop(name, None)
    outcome = prepared.run(session.connection(), columns)
    for name in generated:
        columns[name] = outcome.inserted_key
    for column in table.columns:
        columns.setdefault(column.key, None)
    row = _loaded(model, columns)
    make_transient_to_detached(row)
    session.add(row)
    return row


def _loaded(model: type[Row], columns: dict[str, Any]) -> Row:
    """The object a query would load for these column values (no attribute events, no history)."""
    if model.__private_attributes__ or model.model_config.get("extra") == "allow":
        raise TypeError(f"{model.__name__} keeps private or extra fields: use its constructor")
    manager = manager_of_class(model)
    if not manager.mapper.configured:
        configure_mappers()
    row: Row = manager.new_instance()
    row.__dict__.update(columns)
    # What pydantic's own construction leaves on a model that has no extra or private fields.
    object.__setattr__(row, "__pydantic_fields_set__", set(columns))
    object.__setattr__(row, "__pydantic_extra__", None)
    object.__setattr__(row, "__pydantic_private__", None)
    return row
